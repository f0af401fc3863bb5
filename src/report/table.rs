//! The readability table people read after `check` and from `handout stats`: one row per
//! section and one for the whole handout.

use unicode_width::UnicodeWidthStr;

use crate::check::readability::formulas::{Counts, Scores, SMOG_MIN_SENTENCES};
use crate::check::readability::Readability;
use crate::lang::Lang;

/// Widest section name shown; longer headings are cut with an ellipsis.
const NAME_WIDTH: usize = 40;

/// The table for one handout, ending in a newline.
pub fn render(r: &Readability) -> String {
    let mut out = format!("readability of {} ({})\n", r.file, r.title);
    out.push_str(&format!(
        "  {:>4}  {:<NAME_WIDTH$} {:>5} {:>6} {:>5}  {:>5} {:>6} {:>5} {:>5} {:>5}\n",
        "line", "section", "sent.", "words", "SMOG", "FK", "Flesch", "Fog", "CLI", "ARI"
    ));
    for section in &r.sections {
        out.push_str(&row(
            &section.line.to_string(),
            &section.heading,
            &section.counts,
            section.scores.as_ref(),
        ));
    }
    out.push_str(&row("", "whole handout", &r.counts, r.scores.as_ref()));
    if !r.formulas {
        let characters = matches!(Lang::parse(&r.language).language(), "zh" | "ja");
        out.push_str(&format!(
            "  no validated readability formula for `{}`: sentences and words only{}\n",
            r.language,
            if characters {
                " (each character counts as a word)"
            } else {
                ""
            }
        ));
        return out;
    }
    if !r.smog_reliable
        || r.sections
            .iter()
            .any(|s| s.counts.sentences < SMOG_MIN_SENTENCES)
    {
        out.push_str(&format!(
            "  * SMOG is calibrated on {SMOG_MIN_SENTENCES} sentences or more: read it as a rough guide where marked\n"
        ));
    }
    out
}

fn row(line: &str, name: &str, counts: &Counts, scores: Option<&Scores>) -> String {
    let name = fit(name);
    let pad = NAME_WIDTH.saturating_sub(name.width());
    let marker = if counts.sentences < SMOG_MIN_SENTENCES {
        '*'
    } else {
        ' '
    };
    let figures = match scores {
        Some(s) => format!(
            "{:>5.1}{marker} {:>5.1} {:>6.1} {:>5.1} {:>5.1} {:>5.1}",
            s.smog,
            s.flesch_kincaid_grade,
            s.flesch_reading_ease,
            s.gunning_fog,
            s.coleman_liau,
            s.ari
        ),
        None => format!(
            "{:>5}  {:>5} {:>6} {:>5} {:>5} {:>5}",
            "-", "-", "-", "-", "-", "-"
        ),
    };
    format!(
        "  {line:>4}  {name}{:pad$} {:>5} {:>6} {figures}\n",
        "", counts.sentences, counts.words
    )
}

/// `text` cut to the name column, by display width.
fn fit(text: &str) -> String {
    if text.width() <= NAME_WIDTH {
        return text.to_owned();
    }
    let mut out = String::new();
    for c in text.chars() {
        if out.width() + c.to_string().width() >= NAME_WIDTH {
            break;
        }
        out.push(c);
    }
    out.push('…');
    out
}
