//! Page furniture, set after pagination: the running footer of every page, a hairline across
//! the text column and the footer's lines under it, each with its first part at the start
//! margin (the left one, or the right in a right-to-left handout) and the part after a tab
//! at the other.

use crate::error::Error;
use crate::fonts::{FontBook, Variant};
use crate::lang::{Direction, Lang};

use super::inline::{self, Look, SetLine, Setting};
use super::paged::{Item, Paged};
use super::style::Style;

/// Gives every page of `paged` its footer, whose text for page `n` of `count` is
/// `text(n, count)`; a character the footer face cannot draw is a template error.
pub fn furnish(
    paged: &mut Paged,
    style: &Style,
    fonts: &FontBook,
    mut text: impl FnMut(usize, usize) -> Result<String, Error>,
) -> Result<(), Error> {
    let count = paged.pages.len();
    for (i, page) in paged.pages.iter_mut().enumerate() {
        let footer = text(i + 1, count)?;
        let size = (page.size.width, page.size.height);
        page.furniture = items(&footer, style, fonts, &paged.info.lang, size)?;
    }
    Ok(())
}

/// The footer's items on a page of `page` (width, height) points.
fn items(
    text: &str,
    style: &Style,
    fonts: &FontBook,
    lang: &Lang,
    page: (f32, f32),
) -> Result<Vec<Item>, Error> {
    let m = style.margins;
    let size = style.footer.size;
    let measure = page.0 - m.left - m.right;
    let spacing = style.spacing.footer;
    let rule_y = page.1 - m.bottom + spacing.rule_depth * m.bottom;
    let mut items = vec![Item::Fill {
        x: m.left,
        y: rule_y,
        w: measure,
        h: spacing.hairline,
        color: style.colors.hairline,
    }];
    let look = Look {
        font: fonts.select(Variant::Regular),
        size,
        color: style.colors.footer,
        link: None,
        strike: false,
        lang: lang.clone(),
    };
    // Where a run `w` wide that starts `x` from the start edge goes on the page.
    let rtl = lang.direction() == Direction::Rtl;
    let place = |x: f32, w: f32| m.left + if rtl { measure - x - w } else { x };
    let setting = Setting {
        base: look.clone(),
        link_color: style.colors.link,
        measure: f32::MAX,
        justify: false,
        hyphenate: false,
        language: lang,
        direction: lang.direction(),
        fonts,
        code_size: style.spacing.code.inline_size,
        ragged_slack: style.spacing.ragged_slack,
    };
    let lines = text.lines().filter(|l| !l.trim().is_empty());
    for (i, line) in lines.enumerate() {
        if let Some(c) = line.chars().find(|&c| !fonts.covers(c, false, &look.lang)) {
            return Err(Error::Template(format!(
                "layouts/pdf/footer.txt: the footer has a character the font cannot draw: {c:?} (U+{:04X})",
                u32::from(c)
            )));
        }
        let baseline = rule_y + spacing.first_baseline * size + i as f32 * spacing.leading * size;
        let (first, second) = line.split_once('\t').unwrap_or((line, ""));
        let second = one_line(second.trim(), &setting);
        let room = (measure - second.width - size).max(0.0);
        let first = fitted(first.trim(), room, &setting);
        for (start, part) in [(0.0, first), (measure - second.width, second)] {
            for (dx, run) in part.runs {
                let x = place(start + dx, run.width());
                items.push(look.text(x, baseline, run.glyphs, None, None));
            }
        }
    }
    Ok(items)
}

/// `text` set on one line as its language runs (right to left in Arabic, numbers inside it
/// left to right).
fn one_line(text: &str, setting: &Setting<'_>) -> SetLine {
    inline::set_plain(text, setting)
        .into_iter()
        .next()
        .unwrap_or_default()
}

/// Footer text in `room` points, or shortened after its last whole word that fits, with an
/// ellipsis, when it is wider (the footer repeats what the page says; it never runs into
/// the page number). A first word wider than the room is cut between characters.
fn fitted(text: &str, room: f32, setting: &Setting<'_>) -> SetLine {
    let line = one_line(text, setting);
    if line.width <= room {
        return line;
    }
    let words: Vec<&str> = text.split(' ').filter(|w| !w.is_empty()).collect();
    for n in (1..words.len()).rev() {
        let line = one_line(&format!("{}…", words[..n].join(" ")), setting);
        if line.width <= room {
            return line;
        }
    }
    let first: Vec<char> = words.first().map_or(Vec::new(), |w| w.chars().collect());
    for n in (0..first.len()).rev() {
        let line = one_line(
            &format!("{}…", first[..n].iter().collect::<String>()),
            setting,
        );
        if line.width <= room {
            return line;
        }
    }
    SetLine::default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::style::Color;

    #[test]
    fn long_footer_text_is_shortened_with_an_ellipsis() {
        let book = FontBook::bundled();
        let style = Style::load(&crate::layouts::Layouts::new(None), "default")
            .unwrap_or_else(|e| panic!("{e}"));
        let en = Lang::parse("en");
        let setting = Setting {
            base: Look {
                font: book.select(Variant::Regular),
                size: 9.5,
                color: Color([0.0; 3]),
                link: None,
                strike: false,
                lang: en.clone(),
            },
            link_color: Color([0.0; 3]),
            measure: f32::MAX,
            justify: false,
            hyphenate: false,
            language: &en,
            direction: Direction::Ltr,
            fonts: &book,
            code_size: style.spacing.code.inline_size,
            ragged_slack: style.spacing.ragged_slack,
        };
        let text = |l: &SetLine| l.runs.iter().map(|(_, r)| r.text()).collect::<String>();
        let short = fitted("Relational Therapy", 200.0, &setting);
        assert_eq!(text(&short), "Relational Therapy");
        let long = fitted(&"very ".repeat(80), 200.0, &setting);
        assert!(long.width <= 200.0);
        assert!(text(&long).starts_with("very very") && text(&long).ends_with("very…"));
        let word = fitted(&"x".repeat(200), 50.0, &setting);
        assert!(word.width <= 50.0 && text(&word).ends_with('…'));
    }
}
