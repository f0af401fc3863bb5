//! A booklet's images: each reference resolved inside the project (see [`crate::assets`]),
//! each file bundled once under `images/`, numbered in order of first use.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::metadata;
use crate::assets;
use crate::content::document::InlineKind;
use crate::content::Handout;
use crate::error::Error;

/// The images of a booklet: where each handout's references point in the book, and the
/// files to bundle.
#[derive(Default)]
pub struct Images {
    /// Per handout: reference as written → path in the book.
    pub hrefs: Vec<BTreeMap<String, String>>,
    /// Path in the book, media type and source file, in order of first use.
    pub files: Vec<(String, &'static str, PathBuf)>,
    /// Images shown, and how many of them have alternative text.
    pub count: metadata::Images,
}

/// Resolves every image of `handouts`; a refused reference is an error naming its place
/// (the `image-path` lint reports them all before a build gets here).
pub fn collect(root: &Path, handouts: &[&Handout]) -> Result<Images, Error> {
    let mut images = Images::default();
    let mut by_file: BTreeMap<PathBuf, String> = BTreeMap::new();
    for handout in handouts {
        let mut hrefs = BTreeMap::new();
        let mut refused = None;
        handout.document.walk_inlines(&mut |inline| {
            let InlineKind::Image { url, alt, .. } = &inline.kind else {
                return;
            };
            images.count.count += 1;
            if !alt.trim().is_empty() {
                images.count.described += 1;
            }
            match assets::resolve_image(root, &handout.source.path, url) {
                Ok(image) => {
                    let next = by_file.len() + 1;
                    let href = by_file.entry(image.path.clone()).or_insert_with(|| {
                        let href = format!("images/{next}.{}", image.extension);
                        images
                            .files
                            .push((href.clone(), image.media_type, image.path));
                        href
                    });
                    hrefs.insert(url.clone(), href.clone());
                }
                Err(refusal) => {
                    let (line, column) = handout.source.line_col(inline.span.start);
                    refused.get_or_insert(format!(
                        "{}:{line}:{column}: {}",
                        handout.source.path.display(),
                        refusal.message(url)
                    ));
                }
            }
        });
        if let Some(message) = refused {
            return Err(Error::Usage(message));
        }
        images.hrefs.push(hrefs);
    }
    Ok(images)
}
