//! ASCII fallback: typographic punctuation and accented letters to their closest ASCII.

use std::borrow::Cow;

/// Transliterates `text` to ASCII; characters with no sensible spelling become `?`.
pub fn to_ascii(text: &str) -> Cow<'_, str> {
    if text.is_ascii() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c);
        } else {
            out.push_str(spell(c));
        }
    }
    Cow::Owned(out)
}

fn spell(c: char) -> &'static str {
    match c {
        '‘' | '’' | '‚' | '‛' | '′' | '´' => "'",
        '“' | '”' | '„' | '‟' | '″' | '«' | '»' => "\"",
        '‹' => "<",
        '›' => ">",
        '‐' | '‑' | '‒' | '–' | '−' => "-",
        '—' | '―' => "--",
        '…' => "...",
        '•' | '◦' | '▪' | '‣' | '●' => "*",
        '·' => "-",
        '\u{a0}' | '\u{2002}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => " ",
        '\u{200b}' | '\u{200c}' | '\u{200d}' | '\u{2060}' | '\u{feff}' | '\u{ad}' => "",
        '©' => "(c)",
        '®' => "(R)",
        '™' => "(TM)",
        '°' => " degrees",
        '×' => "x",
        '÷' => "/",
        '±' => "+/-",
        '≤' => "<=",
        '≥' => ">=",
        '≠' => "!=",
        '→' => "->",
        '←' => "<-",
        '½' => "1/2",
        '¼' => "1/4",
        '¾' => "3/4",
        '€' => "EUR",
        '£' => "GBP",
        '¢' => "c",
        '§' => "S",
        '¶' => "P",
        '¿' => "?",
        '¡' => "!",
        'ß' => "ss",
        'Æ' => "AE",
        'æ' => "ae",
        'Œ' => "OE",
        'œ' => "oe",
        'Ø' => "O",
        'ø' => "o",
        'Ð' => "D",
        'ð' => "d",
        'Þ' => "Th",
        'þ' => "th",
        'Ł' => "L",
        'ł' => "l",
        'ı' => "i",
        _ => base_letter(c),
    }
}

/// The unaccented letter of a Latin-1 or Latin Extended-A letter.
fn base_letter(c: char) -> &'static str {
    const TABLE: [(&str, &str); 24] = [
        ("ÀÁÂÃÄÅĀĂĄ", "A"),
        ("àáâãäåāăą", "a"),
        ("ÇĆĈĊČ", "C"),
        ("çćĉċč", "c"),
        ("ĎĐ", "D"),
        ("ďđ", "d"),
        ("ÈÉÊËĒĔĖĘĚ", "E"),
        ("èéêëēĕėęě", "e"),
        ("ĜĞĠĢ", "G"),
        ("ĝğġģ", "g"),
        ("ÌÍÎÏĨĪĬĮİ", "I"),
        ("ìíîïĩīĭį", "i"),
        ("ÑŃŅŇ", "N"),
        ("ñńņň", "n"),
        ("ÒÓÔÕÖŌŎŐ", "O"),
        ("òóôõöōŏő", "o"),
        ("ŔŖŘ", "R"),
        ("ŕŗř", "r"),
        ("ŚŜŞŠ", "S"),
        ("śŝşš", "s"),
        ("ÙÚÛÜŨŪŬŮŰŲ", "U"),
        ("ùúûüũūŭůűų", "u"),
        ("ÝŸŶ", "Y"),
        ("ýÿŷ", "y"),
    ];
    match c {
        'Ź' | 'Ż' | 'Ž' => "Z",
        'ź' | 'ż' | 'ž' => "z",
        'Ţ' | 'Ť' => "T",
        'ţ' | 'ť' => "t",
        'Ĺ' | 'Ļ' | 'Ľ' => "L",
        'ĺ' | 'ļ' | 'ľ' => "l",
        _ => TABLE
            .iter()
            .find(|(letters, _)| letters.contains(c))
            .map_or("?", |(_, base)| base),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn punctuation_becomes_ascii() {
        assert_eq!(
            to_ascii("“Here” — it’s… • fine\u{a0}now"),
            "\"Here\" -- it's... * fine now"
        );
    }

    #[test]
    fn accents_are_dropped_and_unknowns_marked() {
        assert_eq!(to_ascii("café Ñandú Żółw 漢"), "cafe Nandu Zolw ?");
    }
}
