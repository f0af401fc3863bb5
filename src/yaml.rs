//! The one door to YAML: deserialisation with located, human-worded errors.
//!
//! Everything else in the crate goes through [`from_str`], so the YAML library can be
//! swapped for a maintained fork here alone.

use serde::de::DeserializeOwned;

use crate::diagnostic::did_you_mean;

/// A YAML problem with its 1-based place in the parsed text and an optional fix.
#[derive(Debug, Clone, PartialEq)]
pub struct YamlError {
    /// What is wrong.
    pub message: String,
    /// 1-based line within the YAML text.
    pub line: usize,
    /// 1-based column within the YAML text.
    pub column: usize,
    /// A suggestion, such as the key that was probably meant.
    pub hint: Option<String>,
}

/// Deserialises `text`, turning serde's messages into located, friendlier ones.
pub fn from_str<T: DeserializeOwned>(text: &str, what: &str) -> Result<T, YamlError> {
    serde_yaml::from_str(text).map_err(|e| {
        let raw = e.to_string();
        let (line, column) = duplicate_key_line(text, &raw)
            .map(|line| (line, 1))
            .or_else(|| e.location().map(|l| (l.line(), l.column())))
            .unwrap_or((1, 1));
        let message = raw
            .rsplit_once(" at line ")
            .map_or(raw.as_str(), |(m, _)| m)
            .to_owned();
        let (message, hint) = explain(&message, what);
        YamlError {
            message,
            line,
            column,
            hint,
        }
    })
}

/// The line of the second `key:` for a "duplicate field `key`" error, which has no location.
fn duplicate_key_line(text: &str, message: &str) -> Option<usize> {
    let key = message
        .split('`')
        .nth(1)
        .filter(|_| message.contains("duplicate"))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .nth(1)
        .map(|(i, _)| i + 1)
}

/// Rewords serde's standard messages and proposes a fix where one is clear.
fn explain(message: &str, what: &str) -> (String, Option<String>) {
    if let Some(key) = message
        .split_once("duplicate field `")
        .and_then(|(_, rest)| rest.split('`').next())
    {
        return (
            format!("the key `{key}` appears twice in {what}"),
            Some("keep one of them".to_owned()),
        );
    }
    for (prefix, noun) in [("unknown field `", "key"), ("unknown variant `", "value")] {
        if let Some(at) = message.find(prefix) {
            let rest = &message[at + prefix.len()..];
            let path = message[..at].trim_end_matches(": ");
            let what = if path.is_empty() {
                what.to_owned()
            } else {
                format!("`{path}` of {what}")
            };
            let (name, expected) = rest.split_once('`').unwrap_or((rest, ""));
            let choices: Vec<&str> = expected.split('`').skip(1).step_by(2).collect();
            let hint = match did_you_mean(name, choices.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None if !choices.is_empty() => format!("expected one of: {}", choices.join(", ")),
                None => format!("remove `{name}`"),
            };
            return (format!("unknown {noun} `{name}` in {what}"), Some(hint));
        }
    }
    if message.contains("expected struct") {
        let found = message
            .strip_prefix("invalid type: ")
            .and_then(|m| m.split(',').next())
            .unwrap_or("something else");
        return (
            format!("{what} must be a mapping of `key: value` lines, found {found}"),
            Some("write one `key: value` per line, e.g. `title: My handout`".to_owned()),
        );
    }
    (format!("{what}: {message}"), None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        summary: Option<String>,
    }

    #[test]
    fn unknown_key_names_the_closest_key() {
        let err = from_str::<Sample>("title: a\nsumary: b\n", "front matter").err();
        let err = err.unwrap_or_else(|| panic!("accepted an unknown key"));
        assert_eq!(err.message, "unknown key `sumary` in front matter");
        assert_eq!(err.hint.as_deref(), Some("did you mean `summary`?"));
        assert_eq!(err.line, 2);
    }

    #[test]
    fn a_list_is_not_a_mapping() {
        let err = from_str::<Sample>("- a\n- b\n", "front matter").err();
        let err = err.unwrap_or_else(|| panic!("accepted a list"));
        assert_eq!(
            err.message,
            "front matter must be a mapping of `key: value` lines, found sequence"
        );
    }
}
