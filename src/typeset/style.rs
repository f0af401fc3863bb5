//! The print style of a layout (`layouts/pdf/<name>.yaml`): page margins, type sizes,
//! spacing and colours, read through [`crate::yaml`].

use serde::Deserialize;

use crate::config::Paper;
use crate::error::Error;
use crate::layouts::Layouts;

/// A layout's style values, as written in its YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Style {
    /// Page margins in points.
    pub margins: Margins,
    /// Running text.
    pub body: Type,
    /// The handout's title.
    pub title: Type,
    /// The summary under the title.
    pub summary: Type,
    /// Thickness of the rule under the title block, in points.
    pub title_rule: f32,
    /// Heading sizes and spacing.
    pub headings: Headings,
    /// Space between blocks, in ems of the body size.
    pub paragraph_gap: f32,
    /// List indentation and spacing.
    pub list: Lists,
    /// Code blocks.
    pub code: Sized,
    /// Tables.
    pub table: Tables,
    /// The running footer.
    pub footer: Sized,
    /// Colours as `#rrggbb`.
    pub colors: Colors,
    /// Justify lines instead of a ragged right edge.
    pub justify: bool,
    /// Hyphenate words by the handout's language.
    pub hyphenate: bool,
    /// Headings of the sections added after the body.
    #[serde(default)]
    pub labels: Labels,
}

impl Default for Labels {
    fn default() -> Self {
        Labels {
            notes: "Notes".to_owned(),
            links: "Links".to_owned(),
        }
    }
}

/// Headings the typesetter adds, in the handouts' language.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    /// Above the footnotes.
    pub notes: String,
    /// Above the numbered URLs of links.
    pub links: String,
}

/// Page margins in points.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Margins {
    /// Top margin.
    pub top: f32,
    /// Bottom margin (the footer stands in it).
    pub bottom: f32,
    /// Left margin.
    pub left: f32,
    /// Right margin.
    pub right: f32,
}

/// A type size with its line spacing.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Type {
    /// Size in points.
    pub size: f32,
    /// Baseline-to-baseline distance as a multiple of the size.
    pub leading: f32,
}

/// A type size alone.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Sized {
    /// Size in points.
    pub size: f32,
}

/// Heading sizes and spacing.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Headings {
    /// Sizes of levels 1 to 6, in points.
    pub sizes: [f32; 6],
    /// Space above a heading, in ems of its size.
    pub above: f32,
    /// Space below a heading, in ems of its size.
    pub below: f32,
}

/// List indentation and spacing.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Lists {
    /// Hanging indent of an item, in ems of the body size.
    pub indent: f32,
    /// Space between items, in ems of the body size.
    pub item_gap: f32,
}

/// Table type and cell padding.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tables {
    /// Size of cell text in points.
    pub size: f32,
    /// Padding inside each cell, in points.
    pub padding: f32,
}

/// The palette.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Colors {
    /// Running text.
    pub text: Color,
    /// Headings.
    pub heading: Color,
    /// The title.
    pub title: Color,
    /// The summary.
    pub summary: Color,
    /// Bullets, rules and quote bars.
    pub accent: Color,
    /// Link text and underline.
    pub link: Color,
    /// Footer text.
    pub footer: Color,
    /// The footer's hairline and table rules.
    pub hairline: Color,
    /// Background of code blocks and table headers.
    pub shade: Color,
}

/// An RGB colour, each channel 0–1, written `#rrggbb`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub [f32; 3]);

impl<'de> Deserialize<'de> for Color {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        parse_color(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{text}` is not a colour; write it as `#rrggbb`, e.g. `#1d3557`"
            ))
        })
    }
}

fn parse_color(text: &str) -> Option<Color> {
    let hex = text.strip_prefix('#')?;
    if hex.len() != 6 || !hex.is_ascii() {
        return None;
    }
    let channel = |i: usize| {
        u8::from_str_radix(&hex[i..i + 2], 16)
            .ok()
            .map(|v| f32::from(v) / 255.0)
    };
    Some(Color([channel(0)?, channel(2)?, channel(4)?]))
}

/// The names of the layouts that ship with handout.
pub const BUILT_IN: &[&str] = &["default", "large-print"];

impl Style {
    /// Reads the layout `name` (`layouts/pdf/<name>.yaml`, the project's first).
    pub fn load(layouts: &Layouts, name: &str) -> Result<Style, Error> {
        let file = format!("pdf/{name}.yaml");
        let text = layouts.file(&file).map_err(|_| {
            Error::Usage(format!(
                "no PDF layout `{name}`; use one of: {}, or add layouts/{file}",
                BUILT_IN.join(", ")
            ))
        })?;
        let style: Style = crate::yaml::from_str(&text, "the layout").map_err(|e| {
            let hint = e.hint.map(|h| format!(" ({h})")).unwrap_or_default();
            Error::Template(format!(
                "layouts/{file}:{}:{}: {}{hint}",
                e.line, e.column, e.message
            ))
        })?;
        style.validate(&file)?;
        Ok(style)
    }

    fn validate(&self, file: &str) -> Result<(), Error> {
        let sizes = [
            self.body.size,
            self.title.size,
            self.summary.size,
            self.code.size,
            self.table.size,
            self.footer.size,
        ];
        let sane = sizes
            .iter()
            .chain(&self.headings.sizes)
            .all(|s| (4.0..=96.0).contains(s))
            && [self.body, self.title, self.summary]
                .iter()
                .all(|t| (0.8..=3.0).contains(&t.leading));
        if !sane {
            return Err(Error::Template(format!(
                "layouts/{file}: type sizes must lie between 4 and 96 points and leading between 0.8 and 3"
            )));
        }
        Ok(())
    }

    /// The width and height of the page in points.
    pub fn page_size(paper: Paper) -> (f32, f32) {
        match paper {
            Paper::Letter => (612.0, 792.0),
            Paper::A4 => (595.276, 841.89),
        }
    }

    /// Whether the margins leave a usable text area on `paper`.
    pub fn fits(&self, paper: Paper) -> bool {
        let (w, h) = Style::page_size(paper);
        let m = self.margins;
        [m.top, m.bottom, m.left, m.right].iter().all(|v| *v >= 0.0)
            && w - m.left - m.right >= 12.0 * self.body.size
            && h - m.top - m.bottom >= 12.0 * self.body.size
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_built_in_layouts_load() {
        let layouts = Layouts::new(None);
        for name in BUILT_IN {
            let style = Style::load(&layouts, name);
            assert!(style.is_ok(), "{name}: {:?}", style.err());
        }
        let large = Style::load(&layouts, "large-print").ok();
        assert!(large.is_some_and(|s| s.body.size >= 16.0));
    }

    #[test]
    fn colours_are_hex_triplets() {
        assert_eq!(parse_color("#ff0000"), Some(Color([1.0, 0.0, 0.0])));
        assert_eq!(parse_color("red"), None);
        assert_eq!(parse_color("#ff00"), None);
    }

    #[test]
    fn an_unknown_layout_names_the_choices() {
        let err = Style::load(&Layouts::new(None), "huge")
            .err()
            .map(|e| e.to_string());
        assert!(err.is_some_and(|e| e.contains("default, large-print")));
    }
}
