//! Syllable counts: a table derived from CMUdict for the words whose spelling misleads, and
//! spelling rules for every other word.
//!
//! The table (`cmudict.tsv`, `word<TAB>count`) holds only the CMUdict words the rules in
//! [`fallback`] get wrong, so it stays small; a word in neither the table nor CMUdict is
//! counted by the rules alone. `tests/syllables.rs` measures both against CMUdict and
//! regenerates the table (see `docs/checks.md`, "Syllables").

use rustc_hash::FxHashMap;

/// The embedded exceptions: CMUdict's count for each word the rules miscount.
const TABLE: &str = include_str!("cmudict.tsv");

/// Letter sequences that each add a syllable the vowel-group count misses ("ri-a", "i-o").
/// `[abc]` is one of the letters, `[^abc]` any letter but these, `$` the end of the word.
const SPLIT_VOWELS: &[&str] = &[
    "[^tcs]ia",
    "iet",
    "ien[^c]",
    "[^cgst]io",
    "[^g]ua[^y]",
    "[^cg]eo",
    "ii",
    "uo",
    "[aeou]y[aeiou]",
    "iu",
    "ea[^cdfklmnprstuvz]",
    "ao",
    "ue[^r]",
    "[^aeiou]ie[aeiou]",
    "ism$",
    "[^aeiou]yer",
    "[^aeiou]ier$",
    "[^aeiou]iers$",
];

/// Endings whose vowels the counts above get wrong, and by how much: "happ-i-est" has one
/// more, "played" one fewer. Chosen for how many training words each one fixes.
const ENDINGS: &[(&str, isize)] = &[
    ("iest", 1),
    ("ying", 1),
    ("yed", -1),
    ("uer", 1),
    ("cio", 1),
    ("tre", 1),
    ("bre", 1),
    ("sio", 1),
    ("gio", 1),
    ("oing", 1),
    ("isms", 1),
    ("aye", -1),
    ("eye", -1),
    ("ione", 1),
    ("lion", -1),
    ("nion", -1),
    ("ued", -1),
];

/// Vowel pairs that read as one although they usually split: "people", "leopard".
const MERGED_VOWELS: &[&str] = &["eople", "eopard"];

/// Word endings after which a compound's inner `e` is silent ("fire|stone", "safe|ly").
const COMPOUND_ENDINGS: &[&str] = &[
    "ly", "ness", "ment", "ments", "ful", "fully", "less", "field", "back", "stone", "house",
    "wood", "land", "site", "side", "water", "holder", "holders", "bar", "owner", "pan", "shoe",
    "women",
];

/// Distinct words remembered per thread before the memo starts afresh.
const MEMO_LIMIT: usize = 65_536;

thread_local! {
    /// Counts already worked out on this thread: prose repeats its words.
    static MEMO: std::cell::RefCell<FxHashMap<String, usize>> =
        std::cell::RefCell::new(FxHashMap::default());
}

/// Syllables in `word` (letters, apostrophes; hyphenated words are counted part by part).
pub fn count(word: &str) -> usize {
    let key = normalise(word);
    if let Some(n) = MEMO.with(|memo| memo.borrow().get(&key).copied()) {
        return n;
    }
    let n = lookup(&key).unwrap_or_else(|| rules(&key));
    MEMO.with(|memo| {
        let mut memo = memo.borrow_mut();
        if memo.len() >= MEMO_LIMIT {
            memo.clear();
        }
        memo.insert(key, n);
    });
    n
}

/// The table's count for `word`, found by binary search over the embedded text itself (its
/// lines are sorted by word, in byte order), so nothing is parsed at start-up.
fn lookup(word: &str) -> Option<usize> {
    let table = TABLE.as_bytes();
    let (mut low, mut high) = (0, table.len());
    while low < high {
        // The line holding the middle byte: from the newline before it to the one after.
        let mid = low + (high - low) / 2;
        let start = table[..mid]
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(0, |i| i + 1)
            .max(low);
        let end = table[start..]
            .iter()
            .position(|&b| b == b'\n')
            .map_or(table.len(), |i| start + i);
        // A plain byte scan: lines are short, and this runs a dozen times per word.
        let line = &TABLE[start..end];
        let tab = line.bytes().position(|b| b == b'\t')?;
        let (entry, n) = (&line[..tab], &line[tab + 1..]);
        match entry.cmp(word) {
            std::cmp::Ordering::Equal => return n.parse().ok(),
            std::cmp::Ordering::Less => low = end + 1,
            std::cmp::Ordering::Greater => high = start,
        }
    }
    None
}

/// Lower case, curly apostrophes straightened, accented vowels folded to their base letter.
fn normalise(word: &str) -> String {
    if word.is_ascii() {
        return word.to_ascii_lowercase();
    }
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '’' | '‘' => '\'',
            'à' | 'á' | 'â' | 'ä' | 'ã' | 'å' => 'a',
            'è' | 'é' | 'ê' | 'ë' => 'e',
            'ì' | 'í' | 'î' | 'ï' => 'i',
            'ò' | 'ó' | 'ô' | 'ö' | 'õ' => 'o',
            'ù' | 'ú' | 'û' | 'ü' => 'u',
            other => other,
        })
        .collect()
}

/// Syllables by spelling alone: vowel groups, less silent endings, plus vowels that split.
pub fn fallback(word: &str) -> usize {
    rules(&normalise(word))
}

/// [`fallback`] for a word already normalised.
fn rules(word: &str) -> usize {
    let letters: String = word.chars().filter(char::is_ascii_lowercase).collect();
    if letters.is_empty() {
        return 0;
    }
    if !letters.bytes().any(is_vowel) {
        return letters.len(); // an initialism, read letter by letter: "nbc"
    }
    let mut n = vowel_rules(letters.replace("qu", "qw").as_bytes()).max(1) as isize;
    let possessive_after_hiss = word.strip_suffix("'s").is_some_and(|stem| {
        ["s", "z", "x", "sh", "ch", "ce", "ge"]
            .iter()
            .any(|hiss| stem.ends_with(hiss))
    });
    if possessive_after_hiss {
        n += 1; // "James's", "church's"
    }
    let l = letters.as_bytes();
    n += ENDINGS
        .iter()
        .filter(|(ending, _)| letters.ends_with(ending))
        .map(|&(_, delta)| delta)
        .sum::<isize>();
    n -= MERGED_VOWELS
        .iter()
        .map(|p| count_matches(l, p))
        .sum::<usize>() as isize;
    n.max(1) as usize
}

/// The count from vowel groups, silent endings and splitting vowels (`qu` written `qw`).
fn vowel_rules(w: &[u8]) -> usize {
    let mut n = vowel_groups(w);
    let silent_ending = if ends_with(w, "[^aeiouy]e") {
        !ends_with(w, "[^aeiouyl]le")
    } else if ends_with(w, "[^aeiouytd]ed") {
        !ends_with(w, "[^aeiouyl]led")
    } else {
        (ends_with(w, "[^aeiouysxzhgc]es") || ends_with(w, "[^cs]hes"))
            && !ends_with(w, "[^aeiouyl]les")
    };
    if silent_ending && n > 1 {
        n -= 1;
    }
    n += SPLIT_VOWELS
        .iter()
        .map(|p| count_matches(w, p))
        .sum::<usize>();
    if w.starts_with(b"mc") {
        n += 1;
    }
    if (ends_with(w, "gue") || silent_compound_e(w)) && n > 1 {
        n -= 1;
    }
    n
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u' | b'y')
}

fn vowel_groups(w: &[u8]) -> usize {
    let mut groups = 0;
    let mut in_group = false;
    for &b in w {
        if is_vowel(b) && !in_group {
            groups += 1;
        }
        in_group = is_vowel(b);
    }
    groups
}

/// "fire|stone", "safe|ly": an `e` before a compound ending, after a consonant other than a
/// syllabic `l` ("settle|ment" keeps its syllable).
fn silent_compound_e(w: &[u8]) -> bool {
    let plural = w.strip_suffix(b"s");
    COMPOUND_ENDINGS.iter().any(|ending| {
        [Some(w), plural].into_iter().flatten().any(|w| {
            let Some(stem) = w.strip_suffix(ending.as_bytes()) else {
                return false;
            };
            let Some((&before_e, rest)) = stem.strip_suffix(b"e").and_then(|s| s.split_last())
            else {
                return false;
            };
            if before_e == b'l' {
                rest.last().is_some_and(|&b| is_vowel(b))
            } else {
                !is_vowel(before_e)
            }
        })
    })
}

/// One element of a letter pattern.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Element<'a> {
    /// This letter.
    Letter(u8),
    /// `[abc]`: one of these letters.
    OneOf(&'a [u8]),
    /// `[^abc]`: any letter but these.
    NoneOf(&'a [u8]),
    /// `$`: the end of the word.
    End,
}

/// The elements of `pattern`, read as it is matched: a letter, `[abc]` (one of these),
/// `[^abc]` (any letter but these) or `$` (the end of the word).
fn elements(pattern: &str) -> impl Iterator<Item = Element<'_>> {
    let mut rest = pattern.as_bytes();
    std::iter::from_fn(move || {
        let (&first, tail) = rest.split_first()?;
        Some(match first {
            b'$' => {
                rest = tail;
                Element::End
            }
            b'[' => {
                let close = tail.iter().position(|&b| b == b']').unwrap_or(tail.len());
                let set = &tail[..close];
                rest = tail.get(close + 1..).unwrap_or_default();
                match set.strip_prefix(b"^") {
                    Some(excluded) => Element::NoneOf(excluded),
                    None => Element::OneOf(set),
                }
            }
            letter => {
                rest = tail;
                Element::Letter(letter)
            }
        })
    })
}

/// The end of a match of `pattern` in `w` starting at `at`, if there is one.
fn match_at(w: &[u8], at: usize, pattern: &str) -> Option<usize> {
    let mut i = at;
    for element in elements(pattern) {
        let here = w.get(i);
        let ok = match element {
            Element::End => {
                if i != w.len() {
                    return None;
                }
                continue;
            }
            Element::Letter(letter) => here == Some(&letter),
            Element::OneOf(set) => here.is_some_and(|b| set.contains(b)),
            Element::NoneOf(excluded) => here.is_some_and(|b| !excluded.contains(b)),
        };
        if !ok {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// How many letters a match of `pattern` spans.
fn width(pattern: &str) -> usize {
    elements(pattern).filter(|e| *e != Element::End).count()
}

/// The first plain letter of `pattern` and how many letters come before it: a match can
/// only start that far before an occurrence of that letter.
fn anchor(pattern: &str) -> Option<(usize, u8)> {
    elements(pattern)
        .filter(|e| *e != Element::End)
        .enumerate()
        .find_map(|(before, e)| match e {
            Element::Letter(letter) => Some((before, letter)),
            _ => None,
        })
}

/// Non-overlapping matches of `pattern` in `w`, left to right.
fn count_matches(w: &[u8], pattern: &str) -> usize {
    let anchor = anchor(pattern);
    let (mut at, mut found) = (0, 0);
    while at < w.len() {
        let possible = anchor.is_none_or(|(before, letter)| w.get(at + before) == Some(&letter));
        match possible.then(|| match_at(w, at, pattern)).flatten() {
            Some(end) => {
                found += 1;
                at = end.max(at + 1);
            }
            None => at += 1,
        }
    }
    found
}

/// Whether `w` ends with a match of `pattern` (no `$` needed).
fn ends_with(w: &[u8], pattern: &str) -> bool {
    let n = width(pattern);
    w.len() >= n && match_at(w, w.len() - n, pattern) == Some(w.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_so_binary_search_finds_every_word() {
        let rows: Vec<(&str, &str)> = TABLE.lines().filter_map(|l| l.split_once('\t')).collect();
        assert!(rows.len() > 7_000, "{} rows", rows.len());
        assert!(rows.windows(2).all(|pair| pair[0].0 < pair[1].0));
        for (word, n) in rows {
            assert_eq!(
                lookup(word).map(|n| n.to_string()).as_deref(),
                Some(n),
                "{word}"
            );
        }
        assert_eq!(lookup("aaaa"), None);
        assert_eq!(lookup(""), None);
        assert_eq!(lookup("zzzzzz"), None);
        assert_eq!(count("aaliyah"), 3);
    }

    #[test]
    fn rules_handle_silent_and_split_vowels() {
        for (word, n) in [
            ("cat", 1),
            ("make", 1),
            ("table", 2),
            ("jumped", 1),
            ("wanted", 2),
            ("boxes", 2),
            ("hopes", 1),
            ("quiet", 2),
            ("radio", 3),
            ("safely", 2),
            ("settlement", 3),
            ("nbc", 3),
            ("therapy", 3),
            ("people", 2),
            ("happiest", 3),
            ("played", 1),
            ("church's", 2),
        ] {
            assert_eq!(fallback(word), n, "{word}");
        }
    }

    #[test]
    fn the_table_overrides_the_rules_and_ignores_case_and_curly_apostrophes() {
        let (word, n) = TABLE
            .lines()
            .find_map(|l| l.split_once('\t'))
            .unwrap_or(("", "0"));
        assert!(!word.is_empty(), "the table is empty");
        assert_eq!(count(&word.to_uppercase()).to_string(), n);
        assert_ne!(fallback(word).to_string(), n, "{word} needs no entry");
        assert_eq!(normalise("Person’s"), "person's");
    }

    #[test]
    fn patterns_match_sets_and_word_ends() {
        assert_eq!(count_matches(b"radio", "[^cgst]io"), 1);
        assert_eq!(count_matches(b"nation", "[^cgst]io"), 0);
        assert!(ends_with(b"table", "[^aeiouyl]le"));
        assert!(!ends_with(b"le", "[^aeiouyl]le"));
        assert_eq!(width("[^aeiouyl]le"), 3);
        assert_eq!(count_matches(b"prism", "ism$"), 1);
        assert_eq!(count_matches(b"prisms", "ism$"), 0);
        assert_eq!(count_matches(b"abcab", "[ab]"), 4);
        assert_eq!(count_matches(b"aiai", "[^tcs]ia"), 1);
    }

    #[test]
    fn a_match_is_looked_for_only_around_its_first_plain_letter() {
        assert_eq!(anchor("[^tcs]ia"), Some((1, b'i')));
        assert_eq!(anchor("[aeou]y[aeiou]"), Some((1, b'y')));
        assert_eq!(anchor("ism$"), Some((0, b'i')));
        assert_eq!(anchor("[ab][^c]"), None);
        assert_eq!(
            elements("[^ab]c[de]$").collect::<Vec<_>>(),
            [
                Element::NoneOf(b"ab"),
                Element::Letter(b'c'),
                Element::OneOf(b"de"),
                Element::End
            ]
        );
    }
}
