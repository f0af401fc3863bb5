//! What a PDF says about itself: the document information dictionary, its dates and text
//! strings, and the facts the XMP metadata repeats.

use lopdf::{Dictionary, Object, StringFormat};

/// Document-level facts written into the file.
#[derive(Debug, Clone)]
pub struct Meta {
    /// The handout's title.
    pub title: String,
    /// Its summary.
    pub subject: Option<String>,
    /// Its author or publishing organisation.
    pub author: Option<String>,
    /// Its language tag.
    pub language: String,
    /// Seconds since the epoch for the creation and modification dates.
    pub timestamp: i64,
    /// A tagged file, claiming PDF/UA-1.
    pub tagged: bool,
}

impl Meta {
    /// The creating tool, as the file names it.
    pub fn creator(&self) -> &'static str {
        "handout"
    }

    /// The producing tool and its version.
    pub fn producer(&self) -> String {
        format!("handout {}", env!("CARGO_PKG_VERSION"))
    }
}

/// The document information dictionary (no PDF/X key: this is not a PDF/X file).
pub fn info(meta: &Meta) -> Dictionary {
    let date = Object::string_literal(pdf_date(meta.timestamp));
    let mut dict = Dictionary::from_iter(vec![
        ("Title", text_string(&meta.title)),
        ("Creator", text_string(meta.creator())),
        ("Producer", text_string(&meta.producer())),
        ("CreationDate", date.clone()),
        ("ModDate", date),
    ]);
    if let Some(subject) = &meta.subject {
        dict.set("Subject", text_string(subject));
    }
    if let Some(author) = &meta.author {
        dict.set("Author", text_string(author));
    }
    dict
}

/// A PDF text string: literal for ASCII, UTF-16BE with a byte-order mark otherwise.
pub fn text_string(text: &str) -> Object {
    if text.is_ascii() {
        Object::string_literal(text)
    } else {
        let mut bytes = vec![0xfe, 0xff];
        bytes.extend(text.encode_utf16().flat_map(u16::to_be_bytes));
        Object::String(bytes, StringFormat::Hexadecimal)
    }
}

/// `D:YYYYMMDDHHmmSSZ` for seconds since the epoch (UTC).
fn pdf_date(timestamp: i64) -> String {
    let (year, month, day, hour, minute, second) = civil(timestamp);
    format!("D:{year:04}{month:02}{day:02}{hour:02}{minute:02}{second:02}Z")
}

/// Year, month, day, hour, minute and second (UTC) of seconds since the epoch.
pub fn civil(timestamp: i64) -> (i64, i64, i64, i64, i64, i64) {
    let days = timestamp.div_euclid(86_400);
    let secs = timestamp.rem_euclid(86_400);
    // Civil date from days since 1970-01-01 (H. Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day, secs / 3600, secs % 3600 / 60, secs % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_utc_calendar_dates() {
        assert_eq!(pdf_date(0), "D:19700101000000Z");
        assert_eq!(pdf_date(1_790_000_000), "D:20260921141320Z");
        assert_eq!(pdf_date(951_782_400), "D:20000229000000Z");
    }

    #[test]
    fn non_ascii_text_is_utf16_with_a_bom() {
        assert_eq!(text_string("a"), Object::string_literal("a"));
        assert_eq!(
            text_string("é"),
            Object::String(vec![0xfe, 0xff, 0x00, 0xe9], StringFormat::Hexadecimal)
        );
    }
}
