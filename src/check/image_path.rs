//! The `image-path` lint: every image a handout shows must be a supported file inside the
//! project (see [`crate::assets`]), so that no output reaches outside it or fetches anything.

use crate::assets;
use crate::content::document::InlineKind;
use crate::diagnostic::{Diagnostic, Level};
use crate::project::Project;

/// Lint name for an image reference that cannot be used.
pub const IMAGE_PATH: &str = "image-path";

/// Reports every image reference that is remote, absolute, missing, outside the project or of
/// an unsupported type.
pub fn run(project: &Project) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for handout in &project.handouts {
        handout.document.walk_inlines(&mut |inline| {
            if let InlineKind::Image { url, .. } = &inline.kind {
                if let Err(refusal) =
                    assets::resolve_image(&project.root, &handout.source.path, url)
                {
                    found.push(
                        Diagnostic::at(
                            IMAGE_PATH,
                            Level::Error,
                            &handout.source,
                            inline.span.clone(),
                            refusal.message(url),
                        )
                        .with_hint(refusal.hint()),
                    );
                }
            }
        });
    }
    found
}
