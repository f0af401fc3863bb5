//! Files a handout refers to, such as images, found inside the project and nowhere else.
//!
//! A reference is read relative to the handout's own folder, then canonicalised. It is accepted
//! only when the file it names lies inside the project folder: no `..` escape, no absolute
//! path, no symbolic link that leads out. Remote resources are never fetched.

use std::path::{Path, PathBuf};

/// An image file that a handout may use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Image {
    /// The file's canonical path.
    pub path: PathBuf,
    /// Its media type, e.g. `image/png`.
    pub media_type: &'static str,
    /// The file-name extension that goes with the media type, e.g. `png`.
    pub extension: &'static str,
}

/// Why an image reference was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Refusal {
    /// The reference is a URL with a scheme (`https:`, `data:`…).
    Remote,
    /// The reference is an absolute path.
    Absolute,
    /// No readable file at the place the reference names.
    Missing,
    /// The file lies outside the project folder.
    Outside,
    /// The file is not an image type every reading system shows.
    Unsupported,
}

impl Refusal {
    /// What is wrong, in one sentence about `reference`.
    pub fn message(&self, reference: &str) -> String {
        match self {
            Refusal::Remote => format!(
                "image `{reference}` is not a file in the project; remote images are never fetched"
            ),
            Refusal::Absolute => format!("image `{reference}` is an absolute path"),
            Refusal::Missing => format!("image `{reference}` does not exist"),
            Refusal::Outside => format!("image `{reference}` lies outside the project folder"),
            Refusal::Unsupported => {
                format!("image `{reference}` is not a PNG, JPEG, GIF or WebP file")
            }
        }
    }

    /// How to fix it.
    pub fn hint(&self) -> &'static str {
        match self {
            Refusal::Remote | Refusal::Outside | Refusal::Absolute => {
                "copy the image into the project and refer to it relative to the handout, such as `images/door.png`"
            }
            Refusal::Missing => "check the file name; the path is relative to the handout's folder",
            Refusal::Unsupported => "save the image as PNG or JPEG",
        }
    }
}

/// Resolves the image `reference`, written in the handout at `handout` (relative to `root`).
pub fn resolve_image(root: &Path, handout: &Path, reference: &str) -> Result<Image, Refusal> {
    if has_scheme(reference) || reference.starts_with("//") {
        return Err(Refusal::Remote);
    }
    let decoded = percent_decode(reference);
    let relative = Path::new(&decoded);
    if decoded.starts_with(['/', '\\']) || relative.is_absolute() || relative.has_root() {
        return Err(Refusal::Absolute);
    }
    let folder = root.join(handout);
    let folder = folder.parent().unwrap_or(root);
    let root = root.canonicalize().map_err(|_| Refusal::Missing)?;
    let path = folder
        .join(relative)
        .canonicalize()
        .map_err(|_| Refusal::Missing)?;
    if !path.starts_with(&root) {
        return Err(Refusal::Outside);
    }
    if !path.is_file() {
        return Err(Refusal::Missing);
    }
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    let (media_type, extension) = match extension.as_str() {
        "png" => ("image/png", "png"),
        "jpg" | "jpeg" => ("image/jpeg", "jpg"),
        "gif" => ("image/gif", "gif"),
        "webp" => ("image/webp", "webp"),
        _ => return Err(Refusal::Unsupported),
    };
    Ok(Image {
        path,
        media_type,
        extension,
    })
}

/// Whether `reference` starts with a URL scheme such as `https:` or `data:`, or a Windows
/// drive letter (`C:`), which is no file of the project either.
fn has_scheme(reference: &str) -> bool {
    url_scheme(reference).is_some() || reference.get(1..2) == Some(":")
}

/// The scheme of an address such as `https://…` or `mailto:…` (two characters at least, so a
/// Windows drive letter is not one).
pub fn url_scheme(reference: &str) -> Option<&str> {
    reference
        .split_once(':')
        .map(|(scheme, _)| scheme)
        .filter(|scheme| {
            scheme.len() > 1
                && scheme.starts_with(|c: char| c.is_ascii_alphabetic())
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        })
}

/// Decodes `%20`-style escapes, as Markdown writers use for spaces in file names.
pub fn percent_decode(reference: &str) -> String {
    let bytes = reference.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn project() -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        std::fs::create_dir_all(dir.path().join("content/images"))
            .unwrap_or_else(|e| panic!("mkdir: {e}"));
        std::fs::write(dir.path().join("content/images/door front.png"), b"\x89PNG")
            .unwrap_or_else(|e| panic!("write: {e}"));
        std::fs::write(dir.path().join("content/notes.txt"), b"text")
            .unwrap_or_else(|e| panic!("write: {e}"));
        dir
    }

    fn resolve(root: &Path, reference: &str) -> Result<Image, Refusal> {
        resolve_image(root, Path::new("content/a.md"), reference)
    }

    #[test]
    fn a_relative_image_inside_the_project_is_found() {
        let dir = project();
        let image = resolve(dir.path(), "images/door%20front.png");
        assert_eq!(image.map(|i| i.media_type), Ok("image/png"));
    }

    #[test]
    fn references_that_leave_the_project_are_refused() {
        let dir = project();
        let up = "../".repeat(dir.path().components().count() + 1);
        assert_eq!(
            resolve(dir.path(), &format!("{up}etc/hosts")),
            Err(Refusal::Outside)
        );
        assert_eq!(resolve(dir.path(), "../missing.png"), Err(Refusal::Missing));
        assert_eq!(resolve(dir.path(), "/etc/hosts"), Err(Refusal::Absolute));
        assert_eq!(resolve(dir.path(), "C:/x.png"), Err(Refusal::Remote));
        assert_eq!(
            resolve(dir.path(), "https://example.org/a.png"),
            Err(Refusal::Remote)
        );
        assert_eq!(
            resolve(dir.path(), "data:image/png;base64,AA"),
            Err(Refusal::Remote)
        );
        assert_eq!(resolve(dir.path(), "notes.txt"), Err(Refusal::Unsupported));
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_out_of_the_project_is_refused() {
        let dir = project();
        let outside = tempfile::tempdir().unwrap_or_else(|e| panic!("tempdir: {e}"));
        let target = outside.path().join("secret.png");
        std::fs::write(&target, b"x").unwrap_or_else(|e| panic!("write: {e}"));
        std::os::unix::fs::symlink(&target, dir.path().join("content/link.png"))
            .unwrap_or_else(|e| panic!("symlink: {e}"));
        assert_eq!(resolve(dir.path(), "link.png"), Err(Refusal::Outside));
    }
}
