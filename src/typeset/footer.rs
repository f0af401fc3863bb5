//! Page furniture, set after pagination: the running footer of every page, a hairline across
//! the text column and the footer's lines under it, each with its first part at the start
//! margin (the left one, or the right in a right-to-left handout) and the part after a tab
//! at the other.

use crate::error::Error;
use crate::fonts::{self, FontBook, Glyph, Variant};
use crate::lang::{Direction, Lang};

use super::inline::Look;
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
    // Where a part `w` wide that starts `x` from the start edge goes on the page.
    let rtl = lang.direction() == Direction::Rtl;
    let place = |x: f32, w: f32| m.left + if rtl { measure - x - w } else { x };
    let lines = text.lines().filter(|l| !l.trim().is_empty());
    for (i, line) in lines.enumerate() {
        if let Some(c) = line.chars().find(|&c| !fonts.covers(c, false, &look.lang)) {
            return Err(Error::Template(format!(
                "layouts/pdf/footer.txt: the footer has a character the font cannot draw: {c:?} (U+{:04X})",
                u32::from(c)
            )));
        }
        let baseline = rule_y + spacing.first_baseline * size + i as f32 * spacing.leading * size;
        let (left, right) = line.split_once('\t').unwrap_or((line, ""));
        let right = fonts.shape(look.font, &look.lang, right.trim(), size);
        let right_width = fonts::width(&right);
        let room = (measure - right_width - size).max(0.0);
        let left = fitted(fonts, &look, left.trim(), room);
        let left_x = place(0.0, fonts::width(&left));
        items.push(look.text(left_x, baseline, left, None, None));
        if !right.is_empty() {
            let x = place(measure - right_width, right_width);
            items.push(look.text(x, baseline, right, None, None));
        }
    }
    Ok(items)
}

/// Footer text in `room` points: shaped in `look`, or shortened with an ellipsis when it is
/// wider (the footer repeats what the page says; it never runs into the page number).
fn fitted(fonts: &FontBook, look: &Look, text: &str, room: f32) -> Vec<Glyph> {
    let glyphs = fonts.shape(look.font, &look.lang, text, look.size);
    if fonts::width(&glyphs) <= room {
        return glyphs;
    }
    let ellipsis = fonts.shape(look.font, &look.lang, "…", look.size);
    let mut width = fonts::width(&ellipsis);
    let mut kept = Vec::new();
    let mut word_end = None;
    for glyph in glyphs {
        if width + glyph.advance > room {
            // End after the last whole word, when there is one.
            if let Some(end) = word_end {
                kept.truncate(end);
            }
            break;
        }
        if glyph.text == " " {
            word_end = Some(kept.len());
        }
        width += glyph.advance;
        kept.push(glyph);
    }
    while kept
        .last()
        .is_some_and(|g| g.text.is_empty() || g.text == " ")
    {
        kept.pop();
    }
    kept.extend(ellipsis);
    kept
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::typeset::style::Color;

    #[test]
    fn long_footer_text_is_shortened_with_an_ellipsis() {
        let book = FontBook::bundled();
        let look = Look {
            font: book.select(Variant::Regular),
            size: 9.5,
            color: Color([0.0; 3]),
            link: None,
            strike: false,
            lang: Lang::parse("en"),
        };
        let text = |g: &[Glyph]| g.iter().map(|g| g.text.clone()).collect::<String>();
        let short = fitted(&book, &look, "Relational Therapy", 200.0);
        assert_eq!(text(&short), "Relational Therapy");
        let long = fitted(&book, &look, &"very ".repeat(80), 200.0);
        assert!(fonts::width(&long) <= 200.0);
        assert!(text(&long).starts_with("very very") && text(&long).ends_with("very…"));
    }
}
