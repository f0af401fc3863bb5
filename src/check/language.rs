//! Plain, gentle language: `reading-grade`, `long-sentence`, `complex-word` and
//! `directive-language`, all over the prose a reader reads (see [`super::readability`]).
//! Only `long-sentence` applies to handouts in languages other than English.

use crate::lints::{COMPLEX_WORD, DIRECTIVE_LANGUAGE, LONG_SENTENCE, READING_GRADE};
use std::collections::BTreeMap;

use crate::diagnostic::Diagnostic;

use super::readability::formulas::{Metric, Scores, SMOG_MIN_SENTENCES};
use super::readability::{prose, tokens, Sentence};
use super::Context;
use crate::lang::Profile;

/// The default target: SMOG grade 8, the usual health-literacy target.
const DEFAULT_MAX_GRADE: f64 = 8.0;
/// Sentences longer than this many words are reported.
const DEFAULT_MAX_WORDS: f64 = 25.0;
/// How many of the hardest sentences `reading-grade` names.
const HARDEST: usize = 3;

/// Hard word → plain word. `checks: complex-word: words:` adds to it.
const PLAIN_WORDS: &[(&str, &str)] = &[
    ("utilize", "use"),
    ("utilise", "use"),
    ("utilization", "use"),
    ("modality", "approach"),
    ("modalities", "approaches"),
    ("facilitate", "help"),
    ("commence", "start"),
    ("terminate", "end"),
    ("assist", "help"),
    ("assistance", "help"),
    ("demonstrate", "show"),
    ("approximately", "about"),
    ("sufficient", "enough"),
    ("numerous", "many"),
    ("subsequently", "later"),
    ("prior to", "before"),
    ("in order to", "to"),
    ("endeavor", "try"),
    ("obtain", "get"),
    ("purchase", "buy"),
    ("require", "need"),
    ("individuals", "people"),
    ("additional", "more"),
    ("ascertain", "find out"),
    ("comprehend", "understand"),
    ("implement", "carry out"),
    ("indicate", "show"),
    ("initiate", "start"),
    ("optimal", "best"),
    ("regarding", "about"),
    ("therapeutic", "helpful"),
    ("dysregulation", "strong feelings that are hard to manage"),
    ("psychoeducation", "learning about how the mind works"),
    ("psychodynamic", "focused on the past and the unconscious"),
    ("efficacy", "how well it works"),
    ("intervention", "treatment"),
    ("symptomatology", "symptoms"),
    ("cognition", "thinking"),
    ("ameliorate", "ease"),
    ("exacerbate", "worsen"),
];

/// Absolute or coercive phrases, with a gentler way to say them.
const DIRECTIVE_PHRASES: &[(&str, &str)] = &[
    ("will cure", "may help with"),
    ("cures", "may help with"),
    ("will heal", "may support healing"),
    ("will fix", "may help with"),
    ("will solve", "may help with"),
    ("guaranteed", "many people find"),
    ("guarantee", "many people find"),
    ("guarantees", "many people find"),
    ("always works", "often helps"),
    ("never fails", "often helps"),
    ("proven to", "studies suggest it may"),
    ("definitely", "often"),
    ("the only way", "one way"),
    ("you must", "you may want to"),
    ("you have to", "you might"),
    ("you need to", "you could"),
    ("you should", "you might"),
];

/// Runs the language lints over one handout.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    long_sentences(cx, out);
    // The syllable table, the grade formulas and the word lists are English.
    if cx.handout.lang.profile() != Profile::English {
        return;
    }
    reading_grade(cx, out);
    let passages = passages(cx);
    if cx.config().level(COMPLEX_WORD).is_some() {
        complex_words(cx, &passages, out);
    }
    directive_language(cx, &passages, out);
}

fn complex_words(cx: &Context<'_>, passages: &[Passage], out: &mut Vec<Diagnostic>) {
    let mut words: BTreeMap<String, String> = PLAIN_WORDS
        .iter()
        .map(|&(hard, plain)| (hard.to_owned(), plain.to_owned()))
        .collect();
    if let Some(options) = cx.options(COMPLEX_WORD) {
        words.extend(
            options
                .words
                .iter()
                .map(|(hard, plain)| (hard.to_lowercase(), plain.clone())),
        );
    }
    for (phrase, span) in find_phrases(cx, passages, words.keys().map(String::as_str)) {
        let plain = words.get(phrase).map_or("", String::as_str);
        out.push(
            cx.at(
                COMPLEX_WORD,
                span,
                format!("“{phrase}” has a plainer alternative"),
            )
            .with_hint(format!("try “{plain}”")),
        );
    }
}

fn directive_language(cx: &Context<'_>, passages: &[Passage], out: &mut Vec<Diagnostic>) {
    let phrases = DIRECTIVE_PHRASES.iter().map(|&(phrase, _)| phrase);
    for (phrase, span) in find_phrases(cx, passages, phrases) {
        let gentler = DIRECTIVE_PHRASES
            .iter()
            .find(|(p, _)| *p == phrase)
            .map_or("", |&(_, g)| g);
        out.push(
            cx.at(
                DIRECTIVE_LANGUAGE,
                span,
                format!("“{phrase}” is an absolute or directive claim"),
            )
            .with_hint(format!(
                "handouts stay gentle and non-directive: try “{gentler}”"
            )),
        );
    }
}

fn reading_grade(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let options = cx.options(READING_GRADE);
    let metric = options
        .and_then(|o| o.metric.as_deref())
        .and_then(Metric::from_name)
        .unwrap_or(Metric::Smog);
    let max = options.and_then(|o| o.max).unwrap_or(DEFAULT_MAX_GRADE);
    let readability = cx.readability;
    let Some(scores) = readability.scores else {
        return;
    };
    let grade = scores.get(metric);
    if grade <= max {
        return;
    }
    let mut hardest: Vec<(f64, &Sentence)> = readability
        .sentences
        .iter()
        .filter_map(|s| Scores::of(&s.counts).map(|sc| (sc.get(metric), s)))
        .collect();
    hardest.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then(b.1.counts.words.cmp(&a.1.counts.words))
            .then(a.1.span.start.cmp(&b.1.span.start))
    });
    let Some(&(_, first)) = hardest.first() else {
        return;
    };
    let mut d = cx
        .at(
            READING_GRADE,
            first.span.clone(),
            format!(
                "this handout reads at {} {grade:.1}; the target is {max} or lower",
                metric.label()
            ),
        )
        .with_note(format!("the {HARDEST} hardest sentences:"));
    for (i, (_, s)) in hardest.iter().take(HARDEST).enumerate() {
        let (line, column) = cx.handout.source.line_col(s.span.start);
        d = d.with_note(format!(
            "{}. {}:{line}:{column} “{}” ({})",
            i + 1,
            cx.handout.source.path.display(),
            excerpt(&s.text),
            why(s)
        ));
    }
    if metric == Metric::Smog && !readability.smog_reliable {
        d = d.with_note(format!(
            "SMOG is calibrated on {SMOG_MIN_SENTENCES} sentences or more; this handout has {}, so read the grade as a rough guide",
            readability.counts.sentences
        ));
    }
    out.push(d.with_hint(
        "split long sentences and swap long words for everyday ones; `handout stats FILE --words` shows each word's syllables",
    ));
}

/// Why a sentence is hard: its length and its long words.
fn why(s: &Sentence) -> String {
    let mut reason = format!("{} words", s.counts.words);
    if !s.long_words.is_empty() {
        let shown: Vec<&str> = s.long_words.iter().take(5).map(String::as_str).collect();
        let more = if s.long_words.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        reason.push_str(&format!(
            ", {} with 3+ syllables: {}{more}",
            s.long_words.len(),
            shown.join(", ")
        ));
    }
    reason
}

/// The first 80 characters of a sentence, with an ellipsis when cut.
fn excerpt(text: &str) -> String {
    const LIMIT: usize = 80;
    if text.chars().count() <= LIMIT {
        return text.to_owned();
    }
    let cut: String = text.chars().take(LIMIT).collect();
    format!("{}…", cut.trim_end())
}

fn long_sentences(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let max = cx
        .options(LONG_SENTENCE)
        .and_then(|o| o.max)
        .unwrap_or(DEFAULT_MAX_WORDS);
    // Chinese and Japanese count characters, a sentence of which holds about twice as many
    // as a sentence of English holds words: Japanese plain-writing guides set 50 where
    // English ones set 25.
    let (max, unit) = match cx.handout.lang.language() {
        "zh" | "ja" => (max * 2.0, "characters"),
        _ => (max, "words"),
    };
    for s in &cx.readability.sentences {
        if s.counts.words as f64 > max {
            out.push(
                cx.at(
                    LONG_SENTENCE,
                    s.span.clone(),
                    format!(
                        "this sentence has {} {unit} (more than {max})",
                        s.counts.words
                    ),
                )
                .with_hint("split it into shorter sentences, or turn a series into a list"),
            );
        }
    }
}

/// A piece of the handout's prose with its words, tokenized once for every phrase list.
struct Passage {
    unit: prose::Unit,
    tokens: Vec<tokens::Token>,
    /// Each token's text, normalised as phrases are.
    words: Vec<String>,
}

/// The handout's prose, in reading order, as words.
fn passages(cx: &Context<'_>) -> Vec<Passage> {
    prose::sections(&cx.handout.document, cx.handout.body_start)
        .into_iter()
        .flat_map(|section| section.units)
        .map(|unit| {
            let tokens = tokens::tokenize(&unit.text);
            let words = tokens
                .iter()
                .map(|t| normalise(t.text(&unit.text)))
                .collect();
            Passage {
                unit,
                tokens,
                words,
            }
        })
        .collect()
}

/// Every occurrence of any of `phrases` (lower case, whole words) in the handout's prose,
/// with its source span, in reading order (phrases found at the same word in the order
/// given).
fn find_phrases<'p>(
    cx: &Context<'_>,
    passages: &[Passage],
    phrases: impl IntoIterator<Item = &'p str>,
) -> Vec<(&'p str, crate::content::document::Span)> {
    // Phrases by their first word, so each word of the prose is compared only with the
    // phrases that can start there.
    let mut by_first: BTreeMap<String, Vec<(&str, Vec<String>)>> = BTreeMap::new();
    for phrase in phrases {
        let parts: Vec<String> = phrase.split_whitespace().map(normalise).collect();
        if let Some(first) = parts.first() {
            by_first
                .entry(first.clone())
                .or_default()
                .push((phrase, parts));
        }
    }
    let source = &cx.handout.source.text;
    let mut found = Vec::new();
    for Passage {
        unit,
        tokens,
        words,
    } in passages
    {
        for (i, word) in words.iter().enumerate() {
            let Some(candidates) = by_first.get(word) else {
                continue;
            };
            for (phrase, parts) in candidates {
                if words[i..].starts_with(parts) {
                    let start = unit.source_offset(tokens[i].range.start, source);
                    let last = &tokens[i + parts.len() - 1];
                    let end = unit.source_offset(last.range.end, source);
                    found.push((*phrase, start..end));
                }
            }
        }
    }
    found
}

fn normalise(word: &str) -> String {
    let lower = word.to_lowercase();
    if lower.contains('’') {
        lower.replace('’', "'")
    } else {
        lower
    }
}
