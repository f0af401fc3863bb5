//! Links and images: `broken-link` (a relative link to a missing file, a malformed web
//! address), `image-path` (an image that is not a usable file inside the project, see
//! [`crate::assets`]) and `missing-alt-text`. Remote addresses are never fetched.

use crate::lints::{BROKEN_LINK, IMAGE_PATH, MISSING_ALT_TEXT};
use std::path::{Component, Path};

use crate::assets::{self, percent_decode, url_scheme};
use crate::content::document::InlineKind;
use crate::diagnostic::Diagnostic;

use super::Context;

/// Runs the link lints over one handout.
pub fn check(cx: &Context<'_>, out: &mut Vec<Diagnostic>) {
    cx.handout.document.walk_inlines(&mut |inline| match &inline.kind {
        InlineKind::Link { url, .. } => {
            if let Some((message, hint)) = problem(cx, url) {
                out.push(cx.at(BROKEN_LINK, inline.span.clone(), message).with_hint(hint));
            }
        }
        InlineKind::Image { url, alt, .. } => {
            if alt.trim().is_empty() {
                out.push(
                    cx.at(MISSING_ALT_TEXT, inline.span.clone(), "this image has no alternative text")
                        .with_hint("describe what the image shows inside the brackets: `![A quiet waiting room](room.jpg)`; screen readers read it aloud"),
                );
            }
            if let Err(refusal) =
                assets::resolve_image(&cx.project.root, &cx.handout.source.path, url)
            {
                out.push(
                    cx.at(IMAGE_PATH, inline.span.clone(), refusal.message(url))
                        .with_hint(refusal.hint()),
                );
            }
        }
        _ => {}
    });
}

/// What is wrong with a link target, if anything: (message, hint).
fn problem(cx: &Context<'_>, url: &str) -> Option<(String, String)> {
    let url = url.trim();
    if url.is_empty() {
        return Some((
            "this link has no address".to_owned(),
            "put the address in the parentheses: `[text](https://example.org)`".to_owned(),
        ));
    }
    if url.starts_with('#') {
        return None;
    }
    if let Some(scheme) = url_scheme(url) {
        return web_problem(&scheme.to_ascii_lowercase(), &url[scheme.len() + 1..]);
    }
    if url.starts_with("www.") {
        return Some((
            format!("`{url}` has no `https://` in front"),
            format!("write `https://{url}`: without it the address is read as a file"),
        ));
    }
    let path = url.split(['#', '?']).next().unwrap_or(url);
    let path = percent_decode(path);
    let relative = Path::new(&path);
    let base = cx.handout.source.path.parent().unwrap_or(Path::new(""));
    let joined = base.join(relative);
    if leaves_project(&joined) {
        return Some((
            format!("`{url}` points outside the project folder"),
            "link only to files inside the project".to_owned(),
        ));
    }
    if !cx.project.root.join(&joined).exists() {
        return Some((
            format!("`{url}` does not exist (looked for {})", joined.display()),
            "fix the path; relative links start from the handout's own folder".to_owned(),
        ));
    }
    None
}

/// Whether a path relative to the project folder is absolute or climbs out of it with `..`.
fn leaves_project(path: &Path) -> bool {
    let mut depth = 0usize;
    for component in path.components() {
        match component {
            Component::Normal(_) => depth += 1,
            Component::CurDir => {}
            Component::ParentDir if depth > 0 => depth -= 1,
            Component::ParentDir | Component::RootDir | Component::Prefix(_) => return true,
        }
    }
    false
}

/// Problems with a `scheme:rest` address.
fn web_problem(scheme: &str, rest: &str) -> Option<(String, String)> {
    let shown = format!("{scheme}:{rest}");
    match scheme {
        "http" | "https" => {
            let Some(after) = rest.strip_prefix("//") else {
                return Some((
                    format!("`{shown}` is missing the `//` after `{scheme}:`"),
                    format!("write `{scheme}://…`"),
                ));
            };
            let host = after.split(['/', '?', '#']).next().unwrap_or("");
            let host = host.rsplit('@').next().unwrap_or(host);
            let name = host.split(':').next().unwrap_or(host);
            let valid = name.contains('.')
                && !name.starts_with('.')
                && !name.ends_with('.')
                && name
                    .chars()
                    .all(|c| c.is_alphanumeric() || matches!(c, '-' | '.'));
            let clean = !after.chars().any(|c| c.is_whitespace() || c == '\\');
            (!valid || !clean).then(|| {
                (
                    format!("`{shown}` is not a valid web address"),
                    "check the address: a host name like `example.org`, no spaces or backslashes"
                        .to_owned(),
                )
            })
        }
        "mailto" => (!rest.contains('@') || rest.contains(char::is_whitespace)).then(|| {
            (
                format!("`{shown}` is not an e-mail address"),
                "write `mailto:name@example.org`".to_owned(),
            )
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_addresses_need_a_host() {
        assert_eq!(web_problem("https", "//www.dv.support"), None);
        assert_eq!(web_problem("https", "//example.org:8080/a?b#c"), None);
        assert!(web_problem("https", "//exa mple.org").is_some());
        assert!(web_problem("https", "example.org").is_some());
        assert!(web_problem("http", "//localhost").is_some());
        assert!(web_problem("mailto", "nobody").is_some());
        assert_eq!(web_problem("tel", "+15555550100"), None);
    }
}
