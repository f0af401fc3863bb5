//! Text made safe for XML: markup characters escaped, characters XML does not allow left out.

/// `text` escaped for XHTML text and attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    escape_into(text, &mut out);
    out
}

/// Appends `text` escaped for XHTML text and attribute values, leaving out characters that
/// XML does not allow (see [`is_xml_char`]).
pub fn escape_into(text: &str, out: &mut String) {
    for c in text.chars().filter(|&c| is_xml_char(c)) {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
}

/// `text` without the characters XML does not allow, for values that are escaped later.
pub fn xml_chars(text: &str) -> String {
    text.chars().filter(|&c| is_xml_char(c)).collect()
}

/// Whether XML allows `c`: not a control character other than tab and newline, nor one of
/// the two noncharacters U+FFFE and U+FFFF.
fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n') || !(c.is_control() || matches!(c, '\u{fffe}' | '\u{ffff}'))
}
