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
    let bar = Bar::new(style, fonts, lang, page);
    let mut items = vec![bar.hairline()];
    let lines = text.lines().filter(|l| !l.trim().is_empty());
    for (i, line) in lines.enumerate() {
        bar.covered(line)?;
        let baseline = bar.baseline(i);
        let (first, second) = line.split_once('\t').unwrap_or((line, ""));
        let second = one_line(second.trim(), &bar.setting);
        let room = (bar.measure - second.width - bar.size).max(0.0);
        let first = fitted(first.trim(), room, &bar.setting);
        let end = bar.measure - second.width;
        bar.put(first, 0.0, baseline, &mut items);
        bar.put(second, end, baseline, &mut items);
    }
    Ok(items)
}

/// What the footer of a booklet page shows: a page number and a title, in a language.
pub struct Folio<'a> {
    /// The page number.
    pub number: usize,
    /// The booklet's or the handout's title.
    pub title: &'a str,
    /// The title's language.
    pub lang: &'a Lang,
    /// The number stands at the left, the page's outer edge (a left-hand page).
    pub left: bool,
}

/// The footer of a booklet page in `lang`: the folio's number and title together at the
/// outer edge of the text column, the number outermost.
pub fn outer(
    folio: &Folio<'_>,
    style: &Style,
    fonts: &FontBook,
    lang: &Lang,
    page: (f32, f32),
) -> Result<Vec<Item>, Error> {
    let bar = Bar::new(style, fonts, lang, page);
    let mut text = Bar::new(style, fonts, folio.lang, page);
    text.setting.direction = lang.direction();
    text.rtl = bar.rtl;
    text.covered(folio.title)?;
    let mut items = vec![bar.hairline()];
    let baseline = bar.baseline(0);
    let number = one_line(&folio.number.to_string(), &bar.setting);
    let gap = bar.size;
    let room = (bar.measure - number.width - gap).max(0.0);
    let title = fitted(folio.title.trim(), room, &text.setting);
    let left = folio.left;
    let (number_x, title_x) = if left {
        (bar.left, bar.left + number.width + gap)
    } else {
        let x = bar.left + bar.measure - number.width;
        (x, x - gap - title.width)
    };
    bar.put_at(number, number_x, baseline, &mut items);
    text.put_at(title, title_x, baseline, &mut items);
    Ok(items)
}

/// The footer's geometry and look on one page.
struct Bar<'a> {
    style: &'a Style,
    setting: Setting<'a>,
    look: Look,
    rtl: bool,
    /// Left end of the text column.
    left: f32,
    /// Width of the text column.
    measure: f32,
    /// Where the hairline stands.
    rule_y: f32,
    /// Type size.
    size: f32,
}

impl<'a> Bar<'a> {
    fn new(style: &'a Style, fonts: &'a FontBook, lang: &'a Lang, page: (f32, f32)) -> Bar<'a> {
        let m = style.margins;
        let look = Look {
            font: fonts.select(Variant::Regular),
            size: style.footer.size,
            color: style.colors.footer,
            link: None,
            strike: false,
            lang: lang.clone(),
        };
        Bar {
            style,
            setting: Setting::plain(look.clone(), f32::MAX, lang, fonts, style),
            look,
            rtl: lang.direction() == Direction::Rtl,
            left: m.left,
            measure: page.0 - m.left - m.right,
            rule_y: page.1 - m.bottom + style.spacing.footer.rule_depth * m.bottom,
            size: style.footer.size,
        }
    }

    /// The hairline across the text column.
    fn hairline(&self) -> Item {
        Item::Fill {
            x: self.left,
            y: self.rule_y,
            w: self.measure,
            h: self.style.spacing.footer.hairline,
            color: self.style.colors.hairline,
        }
    }

    /// The baseline of line `i`.
    fn baseline(&self, i: usize) -> f32 {
        let spacing = self.style.spacing.footer;
        self.rule_y + spacing.first_baseline * self.size + i as f32 * spacing.leading * self.size
    }

    /// An error for a character of `line` that no face can draw.
    fn covered(&self, line: &str) -> Result<(), Error> {
        let fonts = self.setting.fonts;
        match line.chars().find(|&c| !fonts.covers(c, false, &self.look.lang)) {
            Some(c) => Err(Error::Template(format!(
                "layouts/pdf/footer.txt: the footer has a character the font cannot draw: {c:?} (U+{:04X})",
                u32::from(c)
            ))),
            None => Ok(()),
        }
    }

    /// Places `part` `start` points from the start edge of the column.
    fn put(&self, part: SetLine, start: f32, baseline: f32, items: &mut Vec<Item>) {
        let x = if self.rtl {
            self.measure - start - part.width
        } else {
            start
        };
        self.put_at(part, self.left + x, baseline, items);
    }

    /// Places `part` with its left end at `x` on the page.
    fn put_at(&self, part: SetLine, x: f32, baseline: f32, items: &mut Vec<Item>) {
        let width = part.width;
        for (dx, run) in part.runs {
            let w = run.width();
            let at = if self.rtl { x + width - dx - w } else { x + dx };
            items.push(self.look.text(at, baseline, run.glyphs, None, None));
        }
    }
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
        let look = Look {
            font: book.select(Variant::Regular),
            size: 9.5,
            color: Color([0.0; 3]),
            link: None,
            strike: false,
            lang: en.clone(),
        };
        let setting = Setting::plain(look, f32::MAX, &en, &book, &style);
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
