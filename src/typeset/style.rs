//! The print style of a layout (`layouts/pdf/<name>.yaml`): page margins, type sizes,
//! spacing and colours, read through [`crate::yaml`].

use serde::Deserialize;

use crate::config::{BookletSize, Paper};
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
    /// Headings of the Notes and Links sections for every language, as layouts before
    /// `layouts/labels.yaml` set them; they win over that file's.
    #[serde(default)]
    pub labels: Option<SectionLabels>,
    /// Every other distance of the look (a layout without this section takes the built-in
    /// default layout's).
    #[serde(default = "Spacing::built_in")]
    pub spacing: Spacing,
    /// Printed booklets (a layout without this section takes the built-in default
    /// layout's).
    #[serde(default = "BookletStyle::built_in")]
    pub booklet: BookletStyle,
    /// Fitting a handout to its pages (a layout without this section takes the built-in
    /// default layout's).
    #[serde(default = "FitStyle::built_in")]
    pub fit: FitStyle,
}

/// How far a handout may be set tighter so that its last page is not nearly empty.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitStyle {
    /// A last page filled less than this share of the text area is worth saving.
    pub short: f32,
    /// The least share of its paragraph and heading space a handout keeps.
    pub gaps: f32,
    /// The least leading of its lines of text, a multiple of their size.
    pub leading: f32,
    /// The fewest lines (or rows) the last page holds; they move from the page before.
    pub last_lines: usize,
    /// The most paragraph and heading space a handout asking for more pages than it fills
    /// may take, as a multiple of its own.
    #[serde(default = "FitStyle::default_loosen")]
    pub loosen: f32,
    /// Exactly this many pages for every handout (a handout's front matter may say otherwise).
    #[serde(default)]
    pub pages: Option<usize>,
}

/// The look of a printed booklet: its page margins, cover and contents.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookletStyle {
    /// Margins of a half-size booklet's pages, in points; a full-size booklet keeps the
    /// handouts' margins, their left one at the spine.
    pub margins: BookletMargins,
    /// The cover.
    pub cover: CoverStyle,
    /// Space between the entries of the contents, in ems of the body size.
    pub contents_gap: f32,
}

/// Margins of a booklet page, in points.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BookletMargins {
    /// Above the text.
    pub top: f32,
    /// Below the text, holding the footer.
    pub bottom: f32,
    /// At the spine.
    pub inner: f32,
    /// At the outer edge.
    pub outer: f32,
}

/// The cover of a booklet; sizes in ems of the body size.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CoverStyle {
    /// The booklet's title.
    pub title: f32,
    /// The line under it.
    pub subtitle: f32,
    /// The organisation and date at the foot.
    pub foot: f32,
    /// The tallest the cover picture may be, as a share of the text area's height.
    pub picture_height: f32,
}

/// The distances and thicknesses the sections above do not name, each relative to a type
/// size (in ems) unless it says points.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spacing {
    /// Space above the summary, in ems of the summary size.
    pub summary_above: f32,
    /// Space above and below the rule under the title block, in ems of the body size.
    pub title_rule_space: f32,
    /// Baseline-to-baseline distance of a heading's lines, as a multiple of its size.
    pub heading_leading: f32,
    /// Share of a heading's space above that it keeps right after the title block.
    pub heading_after_title: f32,
    /// Block quotes.
    pub quote: QuoteSpacing,
    /// Thematic breaks (`---`).
    pub rule: RuleSpacing,
    /// Lists.
    pub marker: MarkerSpacing,
    /// Code.
    pub code: CodeSpacing,
    /// Tables.
    pub table: TableSpacing,
    /// Link underlines and clickable areas.
    pub link: LinkSpacing,
    /// Height of a strike line above the baseline, in ems of the text size.
    pub strike: f32,
    /// Thickness of underlines and strike lines, in ems of the text size.
    pub line_thickness: f32,
    /// The least thickness of underlines and strike lines, in points.
    pub line_thickness_min: f32,
    /// Slack a ragged line may leave at its end without penalty, in ems of the text size.
    pub ragged_slack: f32,
    /// The tallest a picture may be, as a share of the text area's height.
    pub picture_height: f32,
    /// The running footer.
    pub footer: FooterSpacing,
}

/// Block quote spacing, in ems of the body size.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct QuoteSpacing {
    /// Indent of the quoted text.
    pub indent: f32,
    /// Distance of the bar from the quote's left edge.
    pub bar_offset: f32,
    /// Width of the bar.
    pub bar_width: f32,
}

/// Thematic break spacing.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RuleSpacing {
    /// Thickness in points.
    pub thickness: f32,
    /// Space above and below, in ems of the body size.
    pub space: f32,
}

/// List marker spacing, in ems of the body size.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkerSpacing {
    /// Least space between a number (or the note mark `[1]`) and the item's text.
    pub gap: f32,
    /// How far a bullet stands left of the middle of the indent.
    pub bullet_shift: f32,
}

/// Code spacing.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CodeSpacing {
    /// Padding inside a code block, in ems of the body size.
    pub padding: f32,
    /// Line spacing in a code block, as a multiple of the code size.
    pub leading: f32,
    /// Size of code within running text, as a share of the text around it.
    pub inline_size: f32,
}

/// Table spacing.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TableSpacing {
    /// Line spacing in cells, as a multiple of the cell text size.
    pub leading: f32,
    /// Thickness of the rule under the header row, in points.
    pub header_rule: f32,
    /// Thickness of the rule under each body row, in points.
    pub row_rule: f32,
}

/// Link spacing, in ems of the text size.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSpacing {
    /// Depth of the underline below the baseline.
    pub underline: f32,
    /// Height of the clickable area above the baseline, in ems of the line's size.
    pub area_above: f32,
    /// Height of the clickable area, in ems of the line's size.
    pub area_height: f32,
}

/// Footer spacing.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FooterSpacing {
    /// Depth of the hairline below the text area, as a share of the bottom margin.
    pub rule_depth: f32,
    /// Thickness of the hairline, in points.
    pub hairline: f32,
    /// Distance from the hairline to the first baseline, in ems of the footer size.
    pub first_baseline: f32,
    /// Baseline-to-baseline distance of the footer's lines, as a multiple of its size.
    pub leading: f32,
}

impl Spacing {
    /// The `spacing:` section of the built-in default layout.
    fn built_in() -> Spacing {
        built_in("spacing")
    }
}

impl FitStyle {
    /// The `fit:` section of the built-in default layout.
    fn built_in() -> FitStyle {
        built_in("fit")
    }

    /// `loosen` for a layout written before it existed.
    fn default_loosen() -> f32 {
        1.5
    }
}

impl BookletStyle {
    /// The `booklet:` section of the built-in default layout.
    fn built_in() -> BookletStyle {
        built_in("booklet")
    }
}

/// The section `key` of the built-in default layout.
fn built_in<T: serde::de::DeserializeOwned>(key: &str) -> T {
    let text = crate::layouts::embedded("pdf/default.yaml").unwrap_or_default();
    let section = serde_yaml::from_str::<serde_yaml::Value>(text)
        .map_err(|e| e.to_string())
        .and_then(|all| {
            let value = all.get(key).cloned().unwrap_or_default();
            serde_yaml::from_value(value).map_err(|e| e.to_string())
        });
    match section {
        Ok(section) => section,
        // The file is part of the binary, and a unit test reads it.
        Err(e) => unreachable!("layouts/pdf/default.yaml has no valid `{key}:`: {e}"),
    }
}

/// The headings a layout may set for the sections after the body.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionLabels {
    /// Above the footnotes.
    pub notes: Option<String>,
    /// Above the numbered URLs of links.
    pub links: Option<String>,
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

    /// The page of a booklet of `size` printed on `paper`: half of it, folded (the sheet
    /// turned to landscape and halved), or all of it.
    pub fn booklet_page(paper: Paper, size: BookletSize) -> (f32, f32) {
        let (w, h) = Style::page_size(paper);
        match size {
            BookletSize::Half => (h / 2.0, w),
            BookletSize::Full => (w, h),
        }
    }

    /// The style of a booklet's pages of `size`, its margins those of a page with the
    /// spine on the left, and how far a page with the spine on the right moves left.
    pub fn for_booklet(&self, size: BookletSize) -> (Style, f32) {
        let mut style = self.clone();
        if size == BookletSize::Half {
            let m = self.booklet.margins;
            style.margins = Margins {
                top: m.top,
                bottom: m.bottom,
                left: m.inner,
                right: m.outer,
            };
        }
        let shift = style.margins.left - style.margins.right;
        (style, shift)
    }

    /// Whether the margins leave a usable text area on `paper`.
    pub fn fits(&self, paper: Paper) -> bool {
        let (w, h) = Style::page_size(paper);
        self.fits_page(w, h)
    }

    /// Whether the margins leave a usable text area on a page `w` by `h` points.
    pub fn fits_page(&self, w: f32, h: f32) -> bool {
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
        // A layout file without `spacing:` takes the default layout's.
        assert_eq!(Spacing::built_in().code.leading, 1.35);
        assert_eq!(BookletStyle::built_in().margins.inner, 50.4);
        assert_eq!(FitStyle::built_in().last_lines, 5);
    }

    #[test]
    fn a_layout_without_spacing_takes_the_default_spacing() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let dir = temp.path().join("layouts/pdf");
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let default = crate::layouts::embedded("pdf/default.yaml").unwrap_or_default();
        let (old, _) = default.split_once("\nspacing:").unwrap_or((default, ""));
        std::fs::write(dir.join("old.yaml"), old).unwrap_or_else(|e| panic!("{e}"));
        let wrong = format!("{old}\nspacing: {{ strike: 0.3 }}\n");
        std::fs::write(dir.join("wrong.yaml"), wrong).unwrap_or_else(|e| panic!("{e}"));
        let layouts = Layouts::new(Some(temp.path()));
        let style = Style::load(&layouts, "old").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(style.spacing.ragged_slack, 2.5);
        let err = Style::load(&layouts, "wrong").err().map(|e| e.to_string());
        assert!(
            err.as_deref()
                .is_some_and(|e| e.starts_with("layouts/pdf/wrong.yaml:") && e.contains("spacing")),
            "{err:?}"
        );
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
