//! `missing-glyph`: every character a PDF handout will draw must be in one of its faces (the
//! body or code face or their fallbacks). A character none of them has is reported at its
//! place in the source, before anything is written, so a printed handout never shows an
//! empty box or silently drops a letter.

use crate::lints::{INSTALLED_FONT, MISSING_GLYPH};
use rayon::prelude::*;

use crate::config::Format;
use crate::config::Organization;
use crate::content::document::{Block, BlockKind, InlineKind, Span};
use crate::content::Handout;
use crate::diagnostic::{Diagnostic, Level};
use crate::fonts::{FontBook, Origin};
use crate::lang::Lang;
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
            let lang = Lang::parse(&config.language);
            for c in text
                .chars()
                .filter(|&c| !project.fonts.covers(c, false, &lang))
            {
                let diagnostic = match source {
                    Some(source) => {
                        let at = source.text.find(c).unwrap_or(0);
                        Diagnostic::at(
                            MISSING_GLYPH,
                            Level::Error,
                            source,
                            at..at + c.len_utf8(),
                            message(&project.fonts, c, false, &lang),
                        )
                    }
                    None => Diagnostic::in_file(
                        MISSING_GLYPH,
                        Level::Error,
                        crate::config::FILE_NAME,
                        1,
                        message(&project.fonts, c, false, &lang),
                    ),
                };
                found.push(diagnostic.with_hint(hint(&lang)));
            }
        }
    }
    found
}

/// Distinct characters reported one by one in a handout; the rest are counted in one more.
const SHOWN: usize = 5;

/// How to mend a character no face of text in `lang` has.
fn hint(lang: &Lang) -> String {
    let tag = lang.as_str();
    let pin = match crate::fonts::suggested_family(lang) {
        Some(family) => format!("name it in handout.yaml: `fonts: {{ {tag}: [{family}] }}`"),
        None => format!("name its family under `fonts:` for `{tag}` in handout.yaml"),
    };
    format!(
        "add a font that has it: install one ({}) or put its file in the project's fonts/ folder, and to pin it {pin}; or replace the character, or write it out in words",
        crate::fonts::package_for(lang)
    )
}

/// What the report says of `c`, naming the families tried for code or running text in
/// `lang`.
fn message(fonts: &FontBook, c: char, code: bool, lang: &Lang) -> String {
    format!(
        "no font of the PDF can draw {c:?} (U+{:04X}) in {}: tried {}; it would print as an empty box",
        u32::from(c),
        if code { "code" } else { "running text" },
        fonts.tried(code, lang).join(", ")
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
        for c in line
            .chars()
            .filter(|&c| !fonts.covers(c, false, &handout.lang))
        {
            let message = message(fonts, c, false, &handout.lang);
            if found.iter().any(|d| d.message == message) {
                continue;
            }
            found.push(
                Diagnostic::in_file(
                    MISSING_GLYPH,
                    Level::Error,
                    "layouts/pdf/footer.txt",
                    number + 1,
                    message,
                )
                .with_hint(hint(&handout.lang)),
            );
        }
    }
    found
}

/// Where `c` first stands in `text` (drawn from `span` of `handout`'s source).
fn place(handout: &Handout, span: &Span, c: char) -> Span {
    let within = handout.source.text.get(span.clone()).unwrap_or("");
    match within.find(c) {
        Some(i) => span.start + i..span.start + i + c.len_utf8(),
        None => span.start..span.end.max(span.start),
    }
}

/// The characters of `handout` no face draws, each with whether it is code and where it
/// first stands, and how many times it stands there in all, in the order first met.
fn missing(fonts: &FontBook, handout: &Handout) -> Vec<(char, bool, Span, usize)> {
    let mut found: Vec<(char, bool, Span, usize)> = Vec::new();
    for Drawn { text, span, code } in texts(handout) {
        if text
            .bytes()
            .all(|b| (0x20..0x7f).contains(&b) || b.is_ascii_whitespace())
        {
            continue;
        }
        for c in text
            .chars()
            .filter(|&c| !fonts.covers(c, code, &handout.lang))
        {
            match found.iter_mut().find(|(k, kc, ..)| *k == c && *kc == code) {
                Some(known) => {
                    known.3 += 1;
                    // The texts are not in source order (the title comes first): a text that
                    // starts before the place known may hold the character earlier.
                    if span.start < known.2.start {
                        let at = place(handout, &span, c);
                        if at.start < known.2.start {
                            known.2 = at;
                        }
                    }
                }
                None => found.push((c, code, place(handout, &span, c), 1)),
            }
        }
    }
    found.sort_by_key(|(_, _, span, _)| span.start);
    found
}

fn in_handout(fonts: &FontBook, handout: &Handout) -> Vec<Diagnostic> {
    let missing = missing(fonts, handout);
    let lang = &handout.lang;
    let mut found: Vec<(Span, String)> = Vec::new();
    for (c, code, span, times) in missing.iter().take(SHOWN) {
        let mut message = message(fonts, *c, *code, lang);
        match times {
            1 => {}
            2 => message.push_str(" (here and once more)"),
            n => message.push_str(&format!(" (here and {} more times)", n - 1)),
        }
        found.push((span.clone(), message));
    }
    if let Some((_, code, span, _)) = missing.get(SHOWN) {
        let rest = &missing[SHOWN..];
        let sample: Vec<String> = rest
            .iter()
            .take(8)
            .map(|(c, ..)| format!("{c:?}"))
            .collect();
        let message =
            format!(
            "{} more characters no font of the PDF can draw in {}, from here on ({}{}): tried {}",
            rest.len(),
            if *code { "code" } else { "running text" },
            sample.join(" "),
            if rest.len() > sample.len() { " …" } else { "" },
            fonts.tried(*code, lang).join(", ")
        );
        found.push((span.clone(), message));
    }
    found
        .into_iter()
        .map(|(span, message)| {
            Diagnostic::at(MISSING_GLYPH, Level::Error, &handout.source, span, message)
                .with_hint(hint(lang))
        })
        .collect()
}

/// Before the checks and the renders: for the characters of each language's handouts that
/// no face draws, takes installed faces that draw them into the book, and says which in a
/// note at the first place each serves. Nothing when the build makes no PDF.
pub fn adopt_installed(project: &mut Project) -> Vec<Diagnostic> {
    if !project.config().formats.contains(&Format::Pdf) {
        return Vec::new();
    }
    let per_handout: Vec<Vec<(char, bool, Span, usize)>> = project
        .handouts
        .par_iter()
        .map(|handout| missing(&project.fonts, handout))
        .collect();
    let mut langs: Vec<&crate::lang::Lang> = Vec::new();
    for (handout, missing) in project.handouts.iter().zip(&per_handout) {
        if !missing.is_empty() && !langs.contains(&&handout.lang) {
            langs.push(&handout.lang);
        }
    }
    let langs: Vec<Lang> = langs.into_iter().cloned().collect();
    let mut notes = Vec::new();
    for lang in &langs {
        // In the order they first stand, so a note shows them as a reader meets them.
        let mut chars: Vec<char> = Vec::new();
        let mut seen = std::collections::HashSet::new();
        for (handout, missing) in project.handouts.iter().zip(&per_handout) {
            if handout.lang == *lang {
                chars.extend(missing.iter().map(|(c, ..)| *c).filter(|&c| seen.insert(c)));
            }
        }
        for adopted in project.fonts.adopt_installed(lang, &chars) {
            let first = project
                .handouts
                .iter()
                .zip(&per_handout)
                .find_map(|(h, m)| {
                    let at = m.iter().find(|(c, ..)| adopted.chars.contains(c))?;
                    (h.lang == *lang).then_some((h, at.2.clone()))
                });
            let Some((handout, span)) = first else {
                continue;
            };
            let file = match &adopted.origin {
                Origin::Project(path) | Origin::System(path) => path.display().to_string(),
                Origin::Bundled => "handout".to_owned(),
            };
            let sample: String = adopted.chars.iter().take(8).collect();
            let message = format!(
                "{} {} of `{}` text that no configured face draws ({sample}{}) are set in {}, found installed at {file}",
                adopted.chars.len(),
                if adopted.chars.len() == 1 { "character" } else { "characters" },
                lang.as_str(),
                if adopted.chars.len() > 8 { "…" } else { "" },
                adopted.family,
            );
            let hint = format!(
                "to pin this choice, so that another machine sets the same face or stops, name it in handout.yaml: `fonts: {{ {}: [{}] }}`",
                lang.as_str(),
                adopted.family
            );
            notes.push(
                Diagnostic::at(INSTALLED_FONT, Level::Note, &handout.source, span, message)
                    .with_hint(hint),
            );
        }
    }
    notes
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
            "---\ntitle: Sleep \u{e000}\nsummary: Rest \u{e001}\n---\n\n```\n\u{e002}\n```\n",
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
    fn each_character_is_reported_once_and_past_five_the_rest_together() {
        // Unassigned code points: no face has them.
        let h = handout(
            "---\ntitle: Sleep\n---\n\nA \u{2fe0}\u{2fe1} b \u{2fe0} c \u{2fe0}.\n\n\u{2fe2}\u{2fe3}\u{2fe4}\u{2fe5}\u{2fe6}\u{2fe7}\u{2fe1}\n",
        );
        let found = in_handout(&FontBook::bundled(), &h);
        let places: Vec<(usize, usize)> = found.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(places, [(5, 3), (5, 4), (7, 1), (7, 2), (7, 3), (7, 4)]);
        assert!(found[0]
            .message
            .contains("(U+2FE0) in running text: tried Atkinson"));
        assert!(found[0]
            .message
            .ends_with("empty box (here and 2 more times)"));
        assert!(found[1].message.ends_with("empty box (here and once more)"));
        assert!(
            found[2].message.ends_with("empty box"),
            "{}",
            found[2].message
        );
        assert!(
            found[5].message.starts_with(
                "3 more characters no font of the PDF can draw in running text, from here on ('\\u{2fe5}' '\\u{2fe6}' '\\u{2fe7}'): tried Atkinson"
            ),
            "{}",
            found[5].message
        );
        assert!(
            found[5].hint.as_deref().is_some_and(
                |h| h.contains("name its family under `fonts:` for `en` in handout.yaml")
            )
        );
    }

    #[test]
    fn curly_quotes_dashes_and_accents_are_fine() {
        let h = handout("---\ntitle: Café\n---\n\n“Here” — it’s naïve…\n");
        assert!(in_handout(&FontBook::bundled(), &h).is_empty());
    }
}
