//! All-or-nothing writes: every file of a build is staged beside its destination, then
//! renamed into place only once all of them were written.

use std::fs;
use std::io::Write;
use std::path::{Component, Path, PathBuf};

use crate::error::Error;
use crate::render::Output;

/// Marks staged files, so a build killed midway leaves nothing a later build cannot clean.
const STAGING_SUFFIX: &str = ".handout-tmp";

/// Writes `outputs` below `out_dir`. On failure nothing is replaced and staged files are
/// removed. Files whose bytes are unchanged are left alone (their times too).
pub fn write_all(out_dir: &Path, outputs: &[Output]) -> Result<(), Error> {
    if out_dir.exists() && !out_dir.is_dir() {
        return Err(Error::Usage(format!(
            "the output folder {} is a file; remove it or choose another with --out",
            out_dir.display()
        )));
    }
    let mut staged: Vec<(PathBuf, PathBuf)> = Vec::new();
    let result = stage(out_dir, outputs, &mut staged);
    if let Err(e) = result {
        for (temp, _) in &staged {
            let _ = fs::remove_file(temp);
        }
        return Err(e);
    }
    for (i, (temp, destination)) in staged.iter().enumerate() {
        if let Err(e) = fs::rename(temp, destination) {
            for (temp, _) in &staged[i..] {
                let _ = fs::remove_file(temp);
            }
            return Err(Error::write(destination, e));
        }
    }
    Ok(())
}

fn stage(
    out_dir: &Path,
    outputs: &[Output],
    staged: &mut Vec<(PathBuf, PathBuf)>,
) -> Result<(), Error> {
    let mut cleaned = std::collections::BTreeSet::new();
    for output in outputs {
        if !output
            .path
            .components()
            .all(|c| matches!(c, Component::Normal(_)))
        {
            // Output paths are made from slugs and checked booklet ids, never taken as written.
            return Err(Error::Internal(format!(
                "refusing to write {} outside the output folder",
                output.path.display()
            )));
        }
        let destination = out_dir.join(&output.path);
        let folder = destination.parent().unwrap_or(out_dir).to_path_buf();
        fs::create_dir_all(&folder).map_err(|e| Error::write(&folder, e))?;
        if cleaned.insert(folder.clone()) {
            remove_stale(&folder);
        }
        if fs::read(&destination).is_ok_and(|old| old == output.bytes) {
            continue;
        }
        let name = destination
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let temp = folder.join(format!(".{name}.{}{STAGING_SUFFIX}", std::process::id()));
        write_synced(&temp, &output.bytes).map_err(|e| {
            let _ = fs::remove_file(&temp);
            Error::write(&destination, e)
        })?;
        staged.push((temp, destination));
    }
    Ok(())
}

fn write_synced(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut file = fs::File::create(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Removes files staged by an earlier build that was killed before it could finish.
fn remove_stale(folder: &Path) {
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with('.') && name.ends_with(STAGING_SUFFIX) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn output(path: &str, bytes: &[u8]) -> Output {
        Output {
            path: PathBuf::from(path),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn writes_every_file_and_leaves_no_staging() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        write_all(
            dir.path(),
            &[output("a/x.txt", b"x"), output("b.txt", b"b")],
        )?;
        assert_eq!(fs::read(dir.path().join("a/x.txt"))?, b"x");
        let names: Vec<_> = fs::read_dir(dir.path().join("a"))?.flatten().collect();
        assert_eq!(names.len(), 1);
        Ok(())
    }

    #[test]
    fn refuses_paths_that_leave_the_folder() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        let out = dir.path().join("out");
        let refused = write_all(&out, &[output("../escape.txt", b"x")]);
        assert!(matches!(refused, Err(Error::Internal(_))), "{refused:?}");
        assert!(!dir.path().join("escape.txt").exists());
        Ok(())
    }

    #[test]
    fn a_failure_replaces_nothing() -> Result<(), Box<dyn std::error::Error>> {
        let dir = tempfile::tempdir()?;
        write_all(dir.path(), &[output("a.txt", b"old")])?;
        fs::write(dir.path().join("blocker"), b"a file where a folder must go")?;
        let result = write_all(
            dir.path(),
            &[output("a.txt", b"new"), output("blocker/b.txt", b"b")],
        );
        assert!(result.is_err());
        assert_eq!(fs::read(dir.path().join("a.txt"))?, b"old");
        Ok(())
    }
}
