//! A handout's language, parsed once from its BCP 47 tag (`en`, `es-MX`, `zh-Hant-TW`, `ar`):
//! the primary language, script and region, the direction text runs in, the hyphenation
//! patterns and the readability profile that apply. Every text run carries it, so the PDF's
//! marked content, the EPUB's `lang` and the checks agree.

use compact_str::CompactString;

/// A language tag, parsed.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Lang {
    /// The tag as written.
    tag: CompactString,
    /// The primary language subtag, lower-cased.
    language: CompactString,
    /// The language whose hyphenation patterns apply (`en` also for a malformed `en_US`).
    hyphenation: Option<hypher::Lang>,
    /// The script subtag, title-cased (`Hant`), when the tag names one.
    script: Option<CompactString>,
    /// The region subtag, upper-cased (`MX`) or a UN M.49 number (`419`), when given.
    region: Option<CompactString>,
    /// Whether the tag has the shape of a BCP 47 tag.
    valid: bool,
}

/// The direction text in a language runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    /// Left to right.
    Ltr,
    /// Right to left (Arabic, Hebrew, Persian, Urdu…).
    Rtl,
}

impl Direction {
    /// HTML's `dir` for text running this way.
    pub fn dir(self) -> &'static str {
        match self {
            Direction::Ltr => "ltr",
            Direction::Rtl => "rtl",
        }
    }
}

/// Which readability formulas, syllable rules and word lists apply to a handout.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Profile {
    /// English: every readability check.
    English,
    /// A language handout has no formulas for yet: only what counts words applies.
    Other,
}

/// Languages written right to left.
const RTL_LANGUAGES: [&str; 10] = ["ar", "ckb", "dv", "fa", "he", "ps", "sd", "ug", "ur", "yi"];

/// Scripts written right to left.
const RTL_SCRIPTS: [&str; 4] = ["Arab", "Hebr", "Syrc", "Thaa"];

impl Lang {
    /// Parses `tag`. Any text gives a `Lang`; [`Lang::is_valid`] tells whether it has the
    /// shape of a BCP 47 tag.
    pub fn parse(tag: &str) -> Lang {
        let mut parts = tag.split('-');
        let first = parts.next().unwrap_or("");
        let valid = (2..=3).contains(&first.len())
            && first.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|p| {
                (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric())
            });
        let primary = first;
        let rest: Vec<&str> = tag.split('-').skip(1).collect();
        // `en_US` is not a BCP 47 tag, but its hyphenation patterns are plain to see.
        let hyphenation = tag
            .split(['-', '_'])
            .next()
            .map(str::to_ascii_lowercase)
            .and_then(|p| <[u8; 2]>::try_from(p.as_bytes()).ok())
            .and_then(hypher::Lang::from_iso);
        let mut subtags = rest.iter().copied().peekable();
        let script = subtags
            .next_if(|s| s.len() == 4 && s.chars().all(|c| c.is_ascii_alphabetic()))
            .map(|s| {
                let mut title = CompactString::default();
                for (i, c) in s.chars().enumerate() {
                    title.push(if i == 0 {
                        c.to_ascii_uppercase()
                    } else {
                        c.to_ascii_lowercase()
                    });
                }
                title
            });
        let region = subtags
            .next_if(|s| {
                (s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()))
                    || (s.len() == 3 && s.chars().all(|c| c.is_ascii_digit()))
            })
            .map(|s| CompactString::from(s.to_ascii_uppercase()));
        Lang {
            tag: CompactString::from(tag),
            language: CompactString::from(primary.to_ascii_lowercase()),
            hyphenation,
            script,
            region,
            valid,
        }
    }

    /// The tag as written.
    pub fn as_str(&self) -> &str {
        &self.tag
    }

    /// The primary language, lower-cased (`es` for `es-MX`).
    pub fn language(&self) -> &str {
        &self.language
    }

    /// The script subtag (`Hant` for `zh-Hant-TW`), when the tag names one.
    pub fn script(&self) -> Option<&str> {
        self.script.as_deref()
    }

    /// The region subtag (`MX` for `es-MX`), when the tag names one.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    /// Whether the tag has the shape of a BCP 47 tag: a primary language of two or three
    /// letters, then subtags of one to eight letters or digits, joined by `-`.
    pub fn is_valid(&self) -> bool {
        self.valid
    }

    /// The direction its text runs in.
    pub fn direction(&self) -> Direction {
        let rtl = match self.script() {
            Some(script) => RTL_SCRIPTS.contains(&script),
            None => RTL_LANGUAGES.contains(&self.language()),
        };
        if rtl {
            Direction::Rtl
        } else {
            Direction::Ltr
        }
    }

    /// The hyphenation patterns for the language, when there are any.
    pub fn hyphenation(&self) -> Option<hypher::Lang> {
        self.hyphenation
    }

    /// Which readability checks apply.
    pub fn profile(&self) -> Profile {
        if self.language == "en" {
            Profile::English
        } else {
            Profile::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subtags_are_parsed_and_normalised() {
        let zh = Lang::parse("zh-hant-tw");
        assert_eq!(
            (zh.language(), zh.script(), zh.region()),
            ("zh", Some("Hant"), Some("TW"))
        );
        assert_eq!(zh.as_str(), "zh-hant-tw");
        let es = Lang::parse("ES-419");
        assert_eq!(
            (es.language(), es.script(), es.region()),
            ("es", None, Some("419"))
        );
        assert!(es.is_valid() && zh.is_valid());
        for bad in [
            "",
            " en",
            "en_US",
            "english please",
            "e",
            "en-toolongsubtag",
        ] {
            assert!(!Lang::parse(bad).is_valid(), "{bad:?}");
        }
    }

    #[test]
    fn direction_follows_the_script_then_the_language() {
        assert_eq!(Lang::parse("ar").direction(), Direction::Rtl);
        assert_eq!(Lang::parse("he-IL").direction(), Direction::Rtl);
        assert_eq!(Lang::parse("en").direction(), Direction::Ltr);
        assert_eq!(Lang::parse("az-Arab").direction(), Direction::Rtl);
        assert_eq!(Lang::parse("ku-Latn").direction(), Direction::Ltr);
    }

    #[test]
    fn hyphenation_and_profile_follow_the_primary_language() {
        assert!(Lang::parse("en-US").hyphenation().is_some());
        assert!(Lang::parse("es").hyphenation().is_some());
        assert!(Lang::parse("zh").hyphenation().is_none());
        assert_eq!(Lang::parse("EN-gb").profile(), Profile::English);
        assert_eq!(Lang::parse("vi").profile(), Profile::Other);
        // As before: a malformed `en_US` is hyphenated as English but not checked as English.
        let malformed = Lang::parse("en_US");
        assert!(malformed.hyphenation().is_some());
        assert_eq!(malformed.profile(), Profile::Other);
    }
}
