//! Raw HTML from Markdown, converted through an allow-list into well-formed XHTML.
//!
//! Only a few inline elements survive (`<b>`, `<em>`, `<sub>`, `<br>`…), always without
//! attributes except an abbreviation's `title`. Every other tag is dropped while its text
//! stays, as escaped text; the content of `<script>`, `<style>`, `<iframe>` and the like is
//! dropped with it. Comments vanish, entities are decoded. Tags left open are closed when the
//! surrounding element ends, so the output is always well-formed.

use super::escape::{escape, escape_into};

/// Inline elements that pass through (without attributes, except `abbr title`).
const ALLOWED: &[&str] = &[
    "abbr", "b", "cite", "code", "del", "dfn", "em", "i", "ins", "kbd", "mark", "q", "s", "samp",
    "small", "strong", "sub", "sup", "u", "var",
];

/// Elements whose whole content is dropped along with them.
const DROPPED_WITH_CONTENT: &[&str] = &[
    "iframe", "math", "noscript", "object", "script", "select", "style", "svg", "template",
    "textarea", "title",
];

/// Converts raw HTML fragments that belong to one element, in order, tracking which allowed
/// tags are open and whether content is being dropped.
#[derive(Debug, Default)]
pub struct Converter {
    open: Vec<&'static str>,
    dropping: Option<(&'static str, usize)>,
}

/// One piece of raw HTML.
enum Token<'a> {
    Text(&'a str),
    Start { name: String, attrs: &'a str },
    End(String),
    Ignored,
}

impl Converter {
    /// Whether the converter is inside an element whose content is dropped, so that the
    /// Markdown text between two raw tags must be dropped too.
    pub fn is_dropping(&self) -> bool {
        self.dropping.is_some()
    }

    /// Converts one fragment of raw HTML, appending XHTML to `out`.
    pub fn feed(&mut self, raw: &str, out: &mut String) {
        let mut rest = raw;
        while !rest.is_empty() {
            let (token, next) = next_token(rest);
            rest = next;
            self.token(token, out);
        }
    }

    /// Closes every tag still open; the converter can then be used again.
    pub fn finish(&mut self, out: &mut String) {
        while let Some(name) = self.open.pop() {
            push_end(name, out);
        }
        self.dropping = None;
    }

    fn token(&mut self, token: Token<'_>, out: &mut String) {
        if let Some((dropped, depth)) = &mut self.dropping {
            match &token {
                Token::Start { name, attrs } if name == dropped && !attrs.ends_with('/') => {
                    *depth += 1;
                }
                Token::End(name) if name == dropped => {
                    *depth -= 1;
                    if *depth == 0 {
                        self.dropping = None;
                    }
                }
                _ => {}
            }
            return;
        }
        match token {
            Token::Text(text) => escape_into(&decode_entities(text), out),
            Token::Start { name, attrs } => {
                if name == "br" {
                    out.push_str("<br/>");
                } else if let Some(&dropped) = DROPPED_WITH_CONTENT.iter().find(|d| **d == name) {
                    if !attrs.ends_with('/') {
                        self.dropping = Some((dropped, 1));
                    }
                } else if let Some(&allowed) = ALLOWED.iter().find(|a| **a == name) {
                    if attrs.ends_with('/') {
                        return;
                    }
                    out.push('<');
                    out.push_str(allowed);
                    if allowed == "abbr" {
                        if let Some(title) = attribute(attrs, "title") {
                            out.push_str(" title=\"");
                            out.push_str(&escape(&decode_entities(title)));
                            out.push('"');
                        }
                    }
                    out.push('>');
                    self.open.push(allowed);
                }
            }
            Token::End(name) => {
                if let Some(at) = self.open.iter().rposition(|open| *open == name) {
                    for open in self.open.drain(at..).rev() {
                        push_end(open, out);
                    }
                }
            }
            Token::Ignored => {}
        }
    }
}

fn push_end(name: &str, out: &mut String) {
    out.push_str("</");
    out.push_str(name);
    out.push('>');
}

/// Splits the next token off `input`.
fn next_token(input: &str) -> (Token<'_>, &str) {
    if let Some(comment) = input.strip_prefix("<!--") {
        let rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
        return (Token::Ignored, rest);
    }
    if input.starts_with("<!") || input.starts_with("<?") {
        let rest = input.find('>').map_or("", |end| &input[end + 1..]);
        return (Token::Ignored, rest);
    }
    if let Some((token, rest)) = tag(input) {
        return (token, rest);
    }
    // Text runs to the next `<` after the first character (a lone `<` is text).
    let first = input.chars().next().map_or(1, char::len_utf8);
    let end = input[first..].find('<').map_or(input.len(), |i| i + first);
    (Token::Text(&input[..end]), &input[end..])
}

/// Parses a start or end tag at the start of `input`, if there is one.
fn tag(input: &str) -> Option<(Token<'_>, &str)> {
    let body = input.strip_prefix('<')?;
    let (closing, body) = match body.strip_prefix('/') {
        Some(body) => (true, body),
        None => (false, body),
    };
    let name_len = body
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or(body.len());
    if name_len == 0 || !body.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return None;
    }
    let name = body[..name_len].to_ascii_lowercase();
    let end = tag_end(&body[name_len..])? + name_len;
    let attrs = body[name_len..end].trim();
    let rest = &body[end + 1..];
    Some(if closing {
        (Token::End(name), rest)
    } else {
        (Token::Start { name, attrs }, rest)
    })
}

/// The index of the `>` that ends a tag, skipping quoted attribute values.
fn tag_end(attrs: &str) -> Option<usize> {
    let mut quote = None;
    for (i, c) in attrs.char_indices() {
        match (quote, c) {
            (Some(q), c) if c == q => quote = None,
            (Some(_), _) => {}
            (None, '"' | '\'') => quote = Some(c),
            (None, '>') => return Some(i),
            (None, '<') => return None,
            _ => {}
        }
    }
    None
}

/// The value of attribute `name` in a tag's attribute text.
fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let mut rest = attrs;
    while let Some(eq) = rest.find('=') {
        let key = rest[..eq].trim().rsplit(char::is_whitespace).next()?;
        let value = rest[eq + 1..].trim_start();
        let (found, after) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let close = value[1..].find(q)? + 1;
                (&value[1..close], &value[close + 1..])
            }
            _ => {
                let end = value.find(char::is_whitespace).unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        if key.eq_ignore_ascii_case(name) {
            return Some(found);
        }
        rest = after;
    }
    None
}

/// Decodes character references: the common named ones and every numeric one that is a
/// character XML allows. Anything else stays as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest[1..]
            .find(';')
            .filter(|&end| end <= 10)
            .and_then(|end| Some((entity(&rest[1..end + 1])?, end + 2)));
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

fn entity(name: &str) -> Option<char> {
    let numeric = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with(['x', 'X']) => u32::from_str_radix(&hex[1..], 16).ok(),
        Some(dec) => dec.parse().ok(),
        None => None,
    };
    if let Some(code) = numeric {
        return char::from_u32(code).filter(|c| !c.is_control() || matches!(c, '\t' | '\n'));
    }
    Some(match name {
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        "nbsp" => '\u{a0}',
        "copy" => '©',
        "reg" => '®',
        "mdash" => '—',
        "ndash" => '–',
        "hellip" => '…',
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn convert(pieces: &[&str]) -> String {
        let mut converter = Converter::default();
        let mut out = String::new();
        for piece in pieces {
            converter.feed(piece, &mut out);
        }
        converter.finish(&mut out);
        out
    }

    #[test]
    fn allowed_tags_lose_their_attributes() {
        assert_eq!(
            convert(&[
                "<b onclick=\"x()\" class='a'>bold</b> and <abbr title=\"a &amp; b\">AB</abbr>"
            ]),
            "<b>bold</b> and <abbr title=\"a &amp; b\">AB</abbr>"
        );
    }

    #[test]
    fn scripts_and_frames_vanish_with_their_content() {
        assert_eq!(
            convert(&[
                "<script>alert('x')</script>Hi<iframe src=\"https://x\"><p>in</p></iframe>!"
            ]),
            "Hi!"
        );
        let mut converter = Converter::default();
        let mut out = String::new();
        converter.feed("<script>", &mut out);
        assert!(converter.is_dropping());
        converter.feed("</script>", &mut out);
        assert!(!converter.is_dropping());
    }

    #[test]
    fn other_tags_are_dropped_but_their_text_stays() {
        assert_eq!(
            convert(&["<div class=\"x\"><img src=x onerror=alert(1)>Text &nbsp;&copy; &bogus; 1 < 2</div>"]),
            "Text \u{a0}© &amp;bogus; 1 &lt; 2"
        );
    }

    #[test]
    fn unbalanced_tags_still_make_well_formed_output() {
        assert_eq!(convert(&["<em>", "open", "</b>"]), "<em>open</em>");
        assert_eq!(convert(&["<b><i>x</b>y</i>"]), "<b><i>x</i></b>y");
        assert_eq!(convert(&["<!-- note -->", "<br>", "<br />"]), "<br/><br/>");
    }
}
