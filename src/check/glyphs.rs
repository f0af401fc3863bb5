//! `missing-glyph`: every character a PDF handout will draw must be in one of its faces (the
//! body or code face or their fallbacks). A character none of them has is reported at its
//! place in the source, before anything is written, so a printed handout never shows an
//! empty box or silently drops a letter.

use crate::lints::MISSING_GLYPH;
use rayon::prelude::*;

use crate::config::Format;
use crate::config::Organization;
use crate::content::document::{Block, BlockKind, InlineKind, Span};
use crate::content::Handout;
use crate::diagnostic::{Diagnostic, Level};
use crate::fonts::FontBook;
use crate::layouts::Layouts;
use crate::project::Project;

/// Reports every character of the project's handouts that no face of the PDF can draw; nothing
/// when the build makes no PDF.
pub fn check(project: &Project) -> Vec<Diagnostic> {
    let config = project.config();
    if !config.formats.contains(&Format::Pdf) {
        return Vec::new();
    }
    let layouts = Layouts::new(Some(&project.root));
    let per_handout: Vec<Vec<Diagnostic>> = project
        .handouts
        .par_iter()
        .map(|handout| {
            let mut found = in_handout(&project.fonts, handout);
            let organization = config.organization.as_ref();
            found.extend(in_footer(&project.fonts, &layouts, handout, organization));
            found
        })
        .collect();
    let mut found = per_handout.concat();
    if let Some(org) = &config.organization {
        let source = project.config.source.as_ref();
        for text in [&org.name, &org.phone, &org.website].into_iter().flatten() {
            for c in text.chars().filter(|&c| !project.fonts.covers(c, false)) {
                let diagnostic = match source {
                    Some(source) => {
                        let at = source.text.find(c).unwrap_or(0);
                        Diagnostic::at(
                            MISSING_GLYPH,
                            Level::Error,
                            source,
                            at..at + c.len_utf8(),
                            message(&project.fonts, c, false),
                        )
                    }
                    None => Diagnostic::in_file(
                        MISSING_GLYPH,
                        Level::Error,
                        crate::config::FILE_NAME,
                        1,
                        message(&project.fonts, c, false),
                    ),
                };
                found.push(diagnostic.with_hint(HINT));
            }
        }
    }
    found
}

const HINT: &str = "replace it with a character the font has, or write it out in words";

/// What the report says of `c`, naming the families tried for code or running text.
fn message(fonts: &FontBook, c: char, code: bool) -> String {
    format!(
        "no font of the PDF can draw {c:?} (U+{:04X}) in {}: tried {}; it would print as an empty box",
        u32::from(c),
        if code { "code" } else { "running text" },
        fonts.tried(code).join(", ")
    )
}

/// A text a handout draws, where it comes from, and whether it is set as code.
struct Drawn<'a> {
    text: &'a str,
    span: Span,
    code: bool,
}

/// The texts a handout draws, each with the span of source it comes from.
fn texts(handout: &Handout) -> Vec<Drawn<'_>> {
    let drawn = |text, span: &Span, code| Drawn {
        text,
        span: span.clone(),
        code,
    };
    let mut texts = vec![drawn(&handout.title, &handout.title_span, false)];
    let front_matter = [handout.summary(), handout.meta.reviewed.as_deref()];
    for value in front_matter.into_iter().flatten() {
        let at = handout.source.text[..handout.body_start]
            .find(value)
            .unwrap_or(0);
        texts.push(drawn(value, &(at..at + value.len()), false));
    }
    handout
        .document
        .walk_inlines(&mut |inline| match &inline.kind {
            InlineKind::Text(t) => texts.push(drawn(t, &inline.span, false)),
            InlineKind::Code(t) => texts.push(drawn(t, &inline.span, true)),
            InlineKind::Image { alt, .. } => texts.push(drawn(alt, &inline.span, false)),
            InlineKind::Link { url, .. } => texts.push(drawn(url, &inline.span, false)),
            _ => {}
        });
    handout
        .document
        .walk_blocks(&mut |block: &Block| match &block.kind {
            BlockKind::Code { text, .. } => texts.push(drawn(text, &block.span, true)),
            BlockKind::Html(text) => texts.push(drawn(text, &block.span, false)),
            _ => {}
        });
    texts
}

/// Characters the footer template itself adds (its text, not the handout's title, date or
/// organisation, which are reported where they are written). A template that does not
/// render is left to the build, which reports it.
fn in_footer(
    fonts: &FontBook,
    layouts: &Layouts,
    handout: &Handout,
    organization: Option<&Organization>,
) -> Vec<Diagnostic> {
    let Ok(footer) = layouts.footer(handout, organization, (1, 1)) else {
        return Vec::new();
    };
    let mut inserted = footer;
    let values = [Some(&handout.title), handout.meta.reviewed.as_ref()]
        .into_iter()
        .chain(
            organization
                .into_iter()
                .flat_map(|o| [o.name.as_ref(), o.phone.as_ref(), o.website.as_ref()]),
        )
        .flatten();
    for value in values {
        inserted = inserted.replace(value.as_str(), "");
    }
    let mut found: Vec<Diagnostic> = Vec::new();
    for (number, line) in inserted.lines().enumerate() {
        for c in line.chars().filter(|&c| !fonts.covers(c, false)) {
            if found.iter().any(|d| d.message == message(fonts, c, false)) {
                continue;
            }
            found.push(
                Diagnostic::in_file(
                    MISSING_GLYPH,
                    Level::Error,
                    "layouts/pdf/footer.txt",
                    number + 1,
                    message(fonts, c, false),
                )
                .with_hint(HINT),
            );
        }
    }
    found
}

fn in_handout(fonts: &FontBook, handout: &Handout) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for Drawn { text, span, code } in texts(handout) {
        for c in text.chars().filter(|&c| !fonts.covers(c, code)) {
            let source = &handout.source.text;
            let within = source.get(span.clone()).unwrap_or("");
            let at = within.find(c).map_or(span.start, |i| span.start + i);
            let end = if within.contains(c) {
                at + c.len_utf8()
            } else {
                span.end.max(at)
            };
            found.push(
                Diagnostic::at(
                    MISSING_GLYPH,
                    Level::Error,
                    &handout.source,
                    at..end,
                    message(fonts, c, code),
                )
                .with_hint(HINT),
            );
        }
    }
    found.sort_by_key(|d| d.span.as_ref().map(|s| s.start));
    found.dedup_by(|a, b| a.span == b.span && a.message == b.message);
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn handout(text: &str) -> Handout {
        match Handout::parse(Path::new("content/a.md"), text.as_bytes(), "en") {
            Ok((h, _)) => h,
            Err(e) => panic!("did not parse: {}", e.diagnostic.message),
        }
    }

    #[test]
    fn a_character_the_font_lacks_is_located() {
        let h = handout("---\ntitle: Sleep\n---\n\nRest well 漢 tonight.\n");
        let found = in_handout(&FontBook::bundled(), &h);
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].line, found[0].column), (5, 11));
        assert_eq!(found[0].lint, MISSING_GLYPH);
        assert_eq!(
            found[0].message,
            "no font of the PDF can draw '漢' (U+6F22) in running text: tried Atkinson Hyperlegible Next, Noto Sans, Noto Sans Math, Noto Sans Symbols2, Symbola; it would print as an empty box"
        );
    }

    #[test]
    fn titles_summaries_and_code_are_checked_too() {
        let h = handout(
            "---\ntitle: Sleep \u{e000}\nsummary: Rest \u{e000}\n---\n\n```\n\u{e000}\n```\n",
        );
        let lines: Vec<usize> = in_handout(&FontBook::bundled(), &h)
            .iter()
            .map(|d| d.line)
            .collect();
        assert_eq!(lines, [2, 3, 7]);
    }

    #[test]
    fn the_footer_template_is_checked_too() {
        let temp = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let dir = temp.path();
        let footer = dir.join("layouts/pdf/footer.txt");
        let written = footer
            .parent()
            .map(std::fs::create_dir_all)
            .and_then(Result::ok)
            .and_then(|_| std::fs::write(&footer, "{{ title }} \u{e000}\tPage {{ page }}\n").ok());
        assert!(written.is_some(), "could not write {}", footer.display());
        let h = handout("---\ntitle: Sleep\n---\n\nText.\n");
        let found = in_footer(&FontBook::bundled(), &Layouts::new(Some(dir)), &h, None);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].file, Path::new("layouts/pdf/footer.txt"));
        assert!(found[0].message.contains("U+E000"));
        assert!(in_footer(&FontBook::bundled(), &Layouts::new(None), &h, None).is_empty());
    }

    #[test]
    fn curly_quotes_dashes_and_accents_are_fine() {
        let h = handout("---\ntitle: Café\n---\n\n“Here” — it’s naïve…\n");
        assert!(in_handout(&FontBook::bundled(), &h).is_empty());
    }
}
