//! The booklet's package metadata that needs working out: its UUID, its modification date,
//! and schema.org accessibility metadata that is true of this particular book.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::error::Error;

/// The namespace under which booklet ids become UUIDs (v5), so that a booklet keeps its
/// identifier from build to build.
const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_3c0e_9a4d_5e21_8f07_2d6c_4b9a_e513);

/// The conformance claim, made because EPUBCheck and DAISY Ace pass the booklets.
pub const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

/// The UUID (v5) of a booklet id: the booklet's identifier unless one is configured.
pub fn uuid(id: &str) -> Uuid {
    Uuid::new_v5(&NAMESPACE, id.as_bytes())
}

/// `seconds` since the epoch as the UTC date of `dcterms:modified`.
pub fn modified(seconds: i64) -> Result<DateTime<Utc>, Error> {
    DateTime::from_timestamp(seconds, 0).ok_or_else(|| {
        Error::Usage(format!(
            "the build time ({seconds} seconds since 1970) is out of range; check SOURCE_DATE_EPOCH"
        ))
    })
}

/// What the accessibility metadata depends on: the images the booklet shows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Images {
    /// How many images the booklet shows.
    pub count: usize,
    /// How many of them have alternative text.
    pub described: usize,
}

/// One `<meta property="…">` of accessibility metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Property {
    /// The property, e.g. `schema:accessMode`.
    pub property: &'static str,
    /// Its value.
    pub value: String,
}

fn property(property: &'static str, value: &str) -> Property {
    Property {
        property,
        value: value.to_owned(),
    }
}

/// The accessibility metadata of a booklet showing `images`.
pub fn accessibility(images: Images) -> Vec<Property> {
    let all_described = images.described == images.count;
    let mut entries = vec![property("schema:accessMode", "textual")];
    if images.count > 0 {
        entries.push(property("schema:accessMode", "visual"));
    }
    entries.push(property(
        "schema:accessModeSufficient",
        if all_described {
            "textual"
        } else {
            "textual,visual"
        },
    ));
    let mut features = vec!["structuralNavigation", "tableOfContents", "readingOrder"];
    if images.count > 0 && all_described {
        features.push("alternativeText");
    }
    for feature in features {
        entries.push(property("schema:accessibilityFeature", feature));
    }
    entries.push(property("schema:accessibilityHazard", "none"));
    entries.push(property("schema:accessibilitySummary", &summary(images)));
    // No `a11y:certifiedBy`: nobody certified the booklet, its publisher included; the
    // conformance claim rests on the checks the build makes.
    entries.push(property("dcterms:conformsTo", CONFORMS_TO));
    entries
}

fn summary(images: Images) -> String {
    let mut summary = String::from(
        "This booklet is text with headings in order and a table of contents that lists every \
         handout and its sections. Text size, font and colours follow the reader's settings.",
    );
    if images.count > 0 && images.described == images.count {
        summary.push_str(" Every image has a text description.");
    } else if images.count > 0 {
        summary.push_str(" Some images have no text description.");
    }
    summary
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_uuid_depends_on_the_booklet_id_only() {
        assert_eq!(uuid("a"), uuid("a"));
        assert_ne!(uuid("a"), uuid("b"));
        assert_eq!(uuid("a").get_version_num(), 5);
    }

    #[test]
    fn modified_dates_are_utc_seconds() {
        let format = |seconds| {
            modified(seconds)
                .map(|date| date.format("%Y-%m-%dT%H:%M:%SZ").to_string())
                .ok()
        };
        assert_eq!(format(0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(format(951_782_400).as_deref(), Some("2000-02-29T00:00:00Z"));
        assert_eq!(
            format(1_790_000_000).as_deref(),
            Some("2026-09-21T14:13:20Z")
        );
        assert_eq!(format(-1).as_deref(), Some("1969-12-31T23:59:59Z"));
        assert!(modified(i64::MAX).is_err());
    }

    #[test]
    fn alternative_text_is_claimed_only_when_every_image_has_it() {
        let has = |entries: &[Property], p: &str, v: &str| {
            entries.iter().any(|e| e.property == p && e.value == v)
        };
        let none = accessibility(Images::default());
        assert!(!has(
            &none,
            "schema:accessibilityFeature",
            "alternativeText"
        ));
        assert!(!has(&none, "schema:accessMode", "visual"));
        let all = accessibility(Images {
            count: 2,
            described: 2,
        });
        assert!(has(&all, "schema:accessibilityFeature", "alternativeText"));
        assert!(has(&all, "schema:accessMode", "visual"));
        assert!(has(&all, "schema:accessModeSufficient", "textual"));
        assert!(!all.iter().any(|e| e.property == "a11y:certifiedBy"));
        let some = accessibility(Images {
            count: 2,
            described: 1,
        });
        assert!(!has(
            &some,
            "schema:accessibilityFeature",
            "alternativeText"
        ));
        assert!(has(&some, "schema:accessModeSufficient", "textual,visual"));
    }
}
