//! The YAML block at the very top of a handout, split off by hand at byte 0.

use serde::Deserialize;

use crate::content::document::Span;

/// A handout's metadata as written in its front matter.
#[derive(Debug, Clone, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The handout's title.
    pub title: Option<String>,
    /// One sentence saying what the handout is about.
    pub summary: Option<String>,
    /// The kind of handout, which selects its required sections.
    pub kind: Option<String>,
    /// BCP 47 language tag, e.g. `en` or `es-MX`.
    pub language: Option<String>,
    /// Date of the last clinical review, `YYYY-MM-DD`.
    pub reviewed: Option<String>,
    /// Who wrote or maintains the handout.
    pub author: Option<String>,
    /// How the PDF handout fits its pages.
    pub fit: Option<FitRequest>,
}

/// What a handout asks of its PDF's pages.
#[derive(Debug, Clone, Copy, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct FitRequest {
    /// Exactly this many pages: spacing loosened slightly or tightened within the layout's
    /// bounds to get there.
    pub pages: usize,
}

/// Where the front matter and the body lie in a handout's text.
#[derive(Debug, Clone, PartialEq)]
pub struct Split<'a> {
    /// The YAML between the fences, if the file has front matter.
    pub yaml: Option<&'a str>,
    /// 1-based line of the YAML's first line in the file.
    pub yaml_line: usize,
    /// Byte offset of the body (after the closing fence).
    pub body_start: usize,
}

/// Why the front matter could not be split off.
#[derive(Debug, Clone, PartialEq)]
pub struct Unclosed {
    /// The opening fence.
    pub span: Span,
}

/// Splits `text` into front matter and body. Front matter opens with `---` on the first line
/// and closes with the next line that is exactly `---` or `...`.
pub fn split(text: &str) -> Result<Split<'_>, Unclosed> {
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Ok(Split {
            yaml: None,
            yaml_line: 1,
            body_start: 0,
        });
    }
    let yaml_start = (first_line_end + 1).min(text.len());
    let mut line_start = yaml_start;
    while line_start < text.len() {
        let line_end = text[line_start..]
            .find('\n')
            .map_or(text.len(), |i| line_start + i);
        let line = text[line_start..line_end].trim_end();
        if line == "---" || line == "..." {
            return Ok(Split {
                yaml: Some(&text[yaml_start..line_start]),
                yaml_line: 2,
                body_start: (line_end + 1).min(text.len()),
            });
        }
        line_start = line_end + 1;
    }
    Err(Unclosed {
        span: 0..first_line_end,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_the_closing_fence() {
        let s = split("---\ntitle: A\n---\nBody\n").ok();
        let s = s.unwrap_or_else(|| panic!("no split"));
        assert_eq!(s.yaml, Some("title: A\n"));
        assert_eq!(s.body_start, 17);
    }

    #[test]
    fn a_rule_later_in_the_body_is_not_front_matter() {
        let s = split("# Title\n\n---\n\nmore\n").ok();
        assert_eq!(s.and_then(|s| s.yaml), None);
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        assert!(split("---\ntitle: A\nBody\n").is_err());
    }
}
