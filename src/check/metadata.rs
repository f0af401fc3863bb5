//! Front matter a handout needs: `missing-metadata` (title, language, summary),
//! `review-overdue` (`reviewed:` older than `review_every` months), `review-date` (a
//! `reviewed:` in the future) and `front-matter` for a `reviewed:` that is not a date.

use crate::diagnostic::{Diagnostic, Level};
use crate::lints::{FRONT_MATTER, MISSING_METADATA, REVIEW_DATE, REVIEW_OVERDUE};

use super::Context;

/// Runs the metadata lints over one handout.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    let handout = cx.handout;
    if handout.title.trim().is_empty() {
        out.push(
            cx.at(
                MISSING_METADATA,
                handout.title_span.clone(),
                "the title is empty",
            )
            .with_hint("give the handout a title: `title: Relational Therapy`"),
        );
    }
    if !handout.lang.is_valid() {
        let what = if handout.lang.as_str().trim().is_empty() {
            "the handout has no language".to_owned()
        } else {
            format!("`{}` is not a language tag", handout.lang.as_str())
        };
        out.push(
            cx.at(MISSING_METADATA, cx.front_matter_key("language"), what)
                .with_hint("set `language: en` (a BCP 47 tag such as `en`, `es-MX`) in the front matter or in handout.yaml"),
        );
    }
    if handout.summary().is_none_or(str::is_empty) {
        let mut d = cx.at(
            MISSING_METADATA,
            cx.front_matter_key("summary"),
            "the handout has no summary",
        );
        // A missing summary is a warning even where a missing title or language is an error.
        d.level = d.level.min(Level::Warning);
        out.push(d.with_hint(
            "add `summary: …`, one plain sentence saying what the handout is about; it is printed under the title",
        ));
    }
    if let Some(reviewed) = &handout.meta.reviewed {
        review(cx, reviewed, out);
    }
}

fn review(cx: &Context<'_>, reviewed: &str, out: &mut Vec<Diagnostic>) {
    let span = cx.front_matter_key("reviewed");
    let Some((y, m, d)) = parse_date(reviewed.trim()) else {
        let hint = match us_date(reviewed.trim()) {
            Some((y, m, d)) => format!(
                "write the date as YYYY-MM-DD: if this is month/day/year, `reviewed: {y:04}-{m:02}-{d:02}`"
            ),
            None => "write the date as YYYY-MM-DD, e.g. `reviewed: 2026-11-01`".to_owned(),
        };
        out.push(
            cx.at(
                FRONT_MATTER,
                span,
                format!("`reviewed: {reviewed}` is not a date of the form YYYY-MM-DD"),
            )
            .with_hint(hint),
        );
        return;
    };
    if days_from_civil(y, m, d) > cx.today {
        out.push(
            cx.at(
                REVIEW_DATE,
                span,
                format!("`reviewed: {reviewed}` is a date in the future"),
            )
            .with_hint("write the date the handout was last reviewed"),
        );
        return;
    }
    let months = cx.config().review_every;
    let total = i64::from(m) + i64::from(months) - 1;
    let due_y = y + total / 12;
    let due_m = u32::try_from(total % 12 + 1).unwrap_or(1);
    let due = days_from_civil(due_y, due_m, d.min(days_in_month(due_y, due_m)));
    if cx.today >= due {
        out.push(
            cx.at(
                REVIEW_OVERDUE,
                span,
                format!(
                    "this handout was last reviewed on {reviewed}; reviews are due every {months} months"
                ),
            )
            .with_hint("have it reviewed, then update `reviewed:` to the date of the review"),
        );
    }
}

/// Today as days since 1970-01-01: `SOURCE_DATE_EPOCH` when set, else the system clock.
pub fn today() -> i64 {
    let seconds = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
        });
    seconds.div_euclid(86_400)
}

/// `MM/DD/YYYY` (as US clinics write dates) as (year, month, day), if it is a real date.
fn us_date(text: &str) -> Option<(i64, u32, u32)> {
    let mut parts = text.splitn(3, '/');
    let (m, d, y) = (parts.next()?, parts.next()?, parts.next()?);
    parse_date(&format!("{y:0>4}-{m:0>2}-{d:0>2}"))
}

/// `YYYY-MM-DD` as (year, month, day), if it is a real date.
fn parse_date(text: &str) -> Option<(i64, u32, u32)> {
    let mut parts = text.splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)).then_some((y, m, d))
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = i64::from((m + 9) % 12);
    let doy = (153 * mp + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_parse_strictly_and_count_days() {
        assert_eq!(parse_date("2026-11-01"), Some((2026, 11, 1)));
        assert_eq!(parse_date("2026-02-30"), None);
        assert_eq!(parse_date("1 Nov 2026"), None);
        assert_eq!(us_date("03/01/2025"), Some((2025, 3, 1)));
        assert_eq!(us_date("3/1/2025"), Some((2025, 3, 1)));
        assert_eq!(us_date("13/01/2025"), None);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(days_from_civil(2026, 11, 26), 20_783);
    }
}
