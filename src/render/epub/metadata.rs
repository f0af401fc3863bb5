//! The booklet's package metadata that needs working out: its identifier, its modification
//! date, and schema.org accessibility metadata that is true of this particular book.

use serde::Serialize;
use uuid::Uuid;

/// The namespace under which booklet ids become UUIDs (v5), so that a booklet keeps its
/// identifier from build to build.
const NAMESPACE: Uuid = Uuid::from_u128(0x6b1f_3c0e_9a4d_5e21_8f07_2d6c_4b9a_e513);

/// The conformance claim, made because EPUBCheck and DAISY Ace pass the booklets.
pub const CONFORMS_TO: &str = "EPUB Accessibility 1.1 - WCAG 2.1 Level AA";

/// The booklet's identifier: the configured one, else a URN with the UUID of its id.
pub fn identifier(id: &str, configured: Option<&str>) -> String {
    match configured {
        Some(identifier) => identifier.trim().to_owned(),
        None => Uuid::new_v5(&NAMESPACE, id.as_bytes()).urn().to_string(),
    }
}

/// `seconds` since the epoch as `dcterms:modified` wants it: `2026-09-21T12:00:00Z`.
pub fn modified(seconds: i64) -> String {
    let days = seconds.div_euclid(86_400);
    let time = seconds.rem_euclid(86_400);
    // Days to a civil date (proleptic Gregorian), after Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z",
        time / 3600,
        time % 3600 / 60,
        time % 60
    )
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
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
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

/// The accessibility metadata of a booklet showing `images`; the `publisher`, when known,
/// stands behind the conformance claim.
pub fn accessibility(images: Images, publisher: Option<&str>) -> Vec<Property> {
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
    entries.push(property("dcterms:conformsTo", CONFORMS_TO));
    if let Some(publisher) = publisher {
        entries.push(property("a11y:certifiedBy", publisher));
    }
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
    fn the_identifier_depends_on_the_booklet_id_only() {
        assert_eq!(identifier("a", None), identifier("a", None));
        assert_ne!(identifier("a", None), identifier("b", None));
        assert!(identifier("a", None).starts_with("urn:uuid:"));
        assert_eq!(identifier("a", Some(" urn:isbn:123 ")), "urn:isbn:123");
    }

    #[test]
    fn modified_dates_are_utc_iso_8601() {
        assert_eq!(modified(0), "1970-01-01T00:00:00Z");
        assert_eq!(modified(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(modified(1_790_000_000), "2026-09-21T14:13:20Z");
        assert_eq!(modified(-1), "1969-12-31T23:59:59Z");
    }

    #[test]
    fn alternative_text_is_claimed_only_when_every_image_has_it() {
        let has = |entries: &[Property], p: &str, v: &str| {
            entries.iter().any(|e| e.property == p && e.value == v)
        };
        let none = accessibility(Images::default(), None);
        assert!(!has(
            &none,
            "schema:accessibilityFeature",
            "alternativeText"
        ));
        assert!(!has(&none, "schema:accessMode", "visual"));
        let all = accessibility(
            Images {
                count: 2,
                described: 2,
            },
            Some("Clinic"),
        );
        assert!(has(&all, "schema:accessibilityFeature", "alternativeText"));
        assert!(has(&all, "schema:accessMode", "visual"));
        assert!(has(&all, "schema:accessModeSufficient", "textual"));
        assert!(has(&all, "a11y:certifiedBy", "Clinic"));
        assert!(!none.iter().any(|e| e.property == "a11y:certifiedBy"));
        let some = accessibility(
            Images {
                count: 2,
                described: 1,
            },
            None,
        );
        assert!(!has(
            &some,
            "schema:accessibilityFeature",
            "alternativeText"
        ));
        assert!(has(&some, "schema:accessModeSufficient", "textual,visual"));
    }
}
