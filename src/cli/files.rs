//! Writing the files of one run all together or not at all, and the conventions shared by the
//! commands that write outputs.
//!
//! In: every file of a run, already rendered in memory. Out: the files in place, or an I/O error
//! with the previous files untouched. Not here: rendering (every check that can fail happens
//! before [`write_run`] is called, so that a failed check never replaces anything).
//!
//! How: the files are first written into a staging folder beside them (`.<run>.staging-<pid>` in
//! the same folder, hence on the same disk, so that a rename moves a file without copying it),
//! then renamed into place one by one, each previous file kept aside until all are in; a failure
//! at any step puts the previous files back. The staging folder is removed in every case.
//!
//! A large file (the JSON of a national assessment: tens of megabytes) need not be held in memory
//! whole: its renderer writes it ahead into a [`Spill`], a hidden temporary file near its
//! destination, which staging then moves; a spill that is never staged is removed when dropped.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::diagnostics::{Code, Diagnostic, Location, has_errors};

/// A file of a run: where it goes and what it holds.
pub type Output = (PathBuf, Body);

/// What a file of a run holds.
#[derive(Debug)]
pub enum Body {
    /// Its bytes, rendered in memory.
    Bytes(Vec<u8>),
    /// Its bytes, already written to a temporary file.
    Spilled(Spill),
}

impl From<Vec<u8>> for Body {
    fn from(bytes: Vec<u8>) -> Self {
        Body::Bytes(bytes)
    }
}

impl Body {
    /// Its size in bytes.
    pub fn size(&self) -> u64 {
        match self {
            Body::Bytes(bytes) => bytes.len() as u64,
            Body::Spilled(spill) => spill.len,
        }
    }
}

/// A file's content written ahead of its run into a hidden temporary file
/// (`.<name>.<pid>-<n>.part`) in the nearest existing folder on the way to its destination, so
/// that staging moves it by a rename on the same disk. Removed when dropped, unless staged.
#[derive(Debug)]
pub struct Spill {
    path: PathBuf,
    len: u64,
}

impl Spill {
    /// Writes the content of the file bound for `destination` with `write` (into a buffer, so
    /// small writes are cheap), and flushes it to disk.
    pub fn write(
        destination: &Path,
        write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
    ) -> Result<Spill, Diagnostic> {
        static COUNT: AtomicUsize = AtomicUsize::new(0);
        let folder = folder_of(destination);
        let near = folder
            .ancestors()
            .find(|f| f.is_dir())
            .map_or_else(|| PathBuf::from("."), Path::to_path_buf);
        let name = destination.file_name().unwrap_or(destination.as_os_str());
        let path = near.join(format!(
            ".{}.{}-{}.part",
            name.to_string_lossy(),
            std::process::id(),
            COUNT.fetch_add(1, Ordering::Relaxed)
        ));
        let file = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&path)
            .map_err(|e| io_error(destination, "write the file", e))?;
        // From here the file is removed on every path, by the drop of `spill`.
        let mut spill = Spill { path, len: 0 };
        let mut writer = std::io::BufWriter::with_capacity(1 << 18, file);
        write(&mut writer)
            .and_then(|()| writer.into_inner().map_err(std::io::IntoInnerError::into_error))
            .and_then(|file| {
                file.sync_all()?;
                spill.len = file.metadata()?.len();
                Ok(())
            })
            .map_err(|e| io_error(destination, "write the file", e))?;
        Ok(spill)
    }
}

impl Drop for Spill {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.path);
    }
}

/// The staging folder of one destination folder.
struct Stage {
    /// Where the files go.
    folder: PathBuf,
    /// The hidden folder beside them where they are written first.
    staging: PathBuf,
}

/// One file renamed into place, with the previous version kept aside (if there was one).
struct Placed {
    target: PathBuf,
    previous: Option<PathBuf>,
}

/// Writes every file of a run (`run` names it in the staging folder: `report`, `score`, …), all
/// or nothing: either every file is replaced, or, on an error, every file is as it was before.
pub fn write_run(run: &str, files: &[Output]) -> Result<(), Diagnostic> {
    let mut created = Vec::new();
    let mut stages = Vec::new();
    let result = stage(run, files, &mut created, &mut stages).and_then(|staged| place(files, &staged));
    for stage in &stages {
        let _ = std::fs::remove_dir_all(&stage.staging);
    }
    if result.is_err() {
        // Folders made for this run only, now empty again: removed deepest first.
        for folder in created.iter().rev() {
            let _ = std::fs::remove_dir(folder);
        }
    }
    result
}

fn io_error(path: &Path, doing: &str, err: std::io::Error) -> Diagnostic {
    Diagnostic::error(
        Code::Io,
        Location::file(path.display().to_string()),
        format!("cannot {doing}: {err}"),
    )
    .with_hint("nothing was replaced: the files of the previous run are as they were; check that the folder is writable and the disk not full")
}

/// The folder a path is in (`.` for a bare file name).
fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Creates `folder` and its missing parents, noting each one created (outermost first).
fn create_folder(folder: &Path, created: &mut Vec<PathBuf>) -> Result<(), Diagnostic> {
    let missing: Vec<&Path> = folder
        .ancestors()
        .take_while(|f| !f.as_os_str().is_empty() && !f.exists())
        .collect();
    std::fs::create_dir_all(folder).map_err(|e| io_error(folder, "create the folder", e))?;
    created.extend(missing.into_iter().rev().map(Path::to_path_buf));
    Ok(())
}

/// Writes every file into the staging folder of its destination; returns each file's staged
/// path, in the order of `files`.
fn stage(
    run: &str,
    files: &[Output],
    created: &mut Vec<PathBuf>,
    stages: &mut Vec<Stage>,
) -> Result<Vec<PathBuf>, Diagnostic> {
    if let Some((path, _)) = files.iter().find(|(path, _)| path.is_dir()) {
        return Err(Diagnostic::error(
            Code::Io,
            Location::file(path.display().to_string()),
            "a folder has the name of this output file, so the file cannot be written",
        )
        .with_hint("nothing was written; rename or remove the folder, or choose another --out"));
    }
    let mut staged = Vec::with_capacity(files.len());
    for (path, body) in files {
        let folder = folder_of(path);
        let index = match stages.iter().position(|s| s.folder == folder) {
            Some(index) => index,
            None => {
                create_folder(&folder, created)?;
                let staging = folder.join(format!(".{run}.staging-{}", std::process::id()));
                // A folder left by an earlier run of this process id is stale: start afresh.
                let _ = std::fs::remove_dir_all(&staging);
                std::fs::create_dir(&staging)
                    .map_err(|e| io_error(&staging, "create the staging folder", e))?;
                stages.push(Stage { folder, staging });
                stages.len() - 1
            }
        };
        let name = path.file_name().unwrap_or(path.as_os_str());
        let temporary = stages[index].staging.join(name);
        match body {
            Body::Bytes(bytes) => std::fs::File::create(&temporary)
                .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all())),
            // Written and flushed already: moved, or copied where a rename cannot move it.
            Body::Spilled(spill) => std::fs::rename(&spill.path, &temporary).or_else(|_| {
                std::fs::copy(&spill.path, &temporary)
                    .and_then(|_| std::fs::File::open(&temporary).and_then(|file| file.sync_all()))
            }),
        }
        .map_err(|e| io_error(path, "write the file", e))?;
        staged.push(temporary);
    }
    Ok(staged)
}

/// Renames every staged file into place; on a failure, puts every previous file back.
fn place(files: &[Output], staged: &[PathBuf]) -> Result<(), Diagnostic> {
    let mut placed: Vec<Placed> = Vec::with_capacity(files.len());
    for ((target, _), temporary) in files.iter().zip(staged) {
        match place_one(target, temporary) {
            Ok(previous) => placed.push(Placed {
                target: target.clone(),
                previous,
            }),
            Err(d) => {
                roll_back(&placed);
                return Err(d);
            }
        }
    }
    Ok(())
}

/// Keeps the current `target` aside in the staging folder (as a hard link, or a copy where links
/// are not supported), then renames the new file over it. Returns where the previous one is.
fn place_one(target: &Path, temporary: &Path) -> Result<Option<PathBuf>, Diagnostic> {
    let previous = if target.is_file() {
        let staging = folder_of(temporary).join(".previous");
        std::fs::create_dir_all(&staging).map_err(|e| io_error(&staging, "create the staging folder", e))?;
        let kept = staging.join(target.file_name().unwrap_or(target.as_os_str()));
        std::fs::hard_link(target, &kept)
            .or_else(|_| std::fs::copy(target, &kept).map(|_| ()))
            .map_err(|e| io_error(target, "keep the previous file aside", e))?;
        Some(kept)
    } else {
        None
    };
    std::fs::rename(temporary, target).map_err(|e| io_error(target, "move the new file into place", e))?;
    Ok(previous)
}

/// Undoes the renames done so far, last first: previous files back, new files without one removed.
fn roll_back(placed: &[Placed]) {
    for p in placed.iter().rev() {
        match &p.previous {
            Some(previous) => {
                let _ = std::fs::rename(previous, &p.target);
            }
            None => {
                let _ = std::fs::remove_file(&p.target);
            }
        }
    }
}

/// The `output` folder beside a workspace's assessment.yaml, where results and reports go by
/// default.
pub fn output_dir(workspace: &Path) -> std::path::PathBuf {
    let root = if workspace.is_file() {
        workspace.parent().map(Path::to_path_buf).unwrap_or_default()
    } else {
        workspace.to_path_buf()
    };
    root.join("output")
}

/// The exit code when a workspace could not be loaded: 2 when there is nothing to load or a file
/// cannot be read (usage or I/O), 1 for findings in the inputs.
pub fn not_loaded_exit(found: &[Diagnostic]) -> u8 {
    let unusable = found
        .iter()
        .any(|d| d.is_error() && matches!(d.code, Code::WorkspaceNotFound | Code::Io));
    if unusable || !has_errors(found) {
        super::EXIT_USAGE
    } else {
        super::EXIT_FINDINGS
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(folder: &Path) -> Vec<(String, Vec<u8>)> {
        let mut files: Vec<(String, Vec<u8>)> = std::fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap())
            .map(|e| {
                let bytes = if e.path().is_file() {
                    std::fs::read(e.path()).unwrap()
                } else {
                    b"<folder>".to_vec()
                };
                (e.file_name().to_string_lossy().into_owned(), bytes)
            })
            .collect();
        files.sort();
        files
    }

    #[test]
    fn a_run_replaces_every_file_and_leaves_no_staging_folder() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out").join("deeper");
        let files = vec![
            (out.join("a.txt"), b"one".to_vec().into()),
            (out.join("b.txt"), b"two".to_vec().into()),
        ];
        write_run("test", &files).unwrap();
        write_run("test", &[(out.join("a.txt"), b"three".to_vec().into())]).unwrap();
        assert_eq!(
            listing(&out),
            vec![
                ("a.txt".to_string(), b"three".to_vec()),
                ("b.txt".to_string(), b"two".to_vec())
            ]
        );
    }

    #[test]
    fn a_spilled_file_is_moved_into_place_and_a_dropped_one_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        // The destination's folder does not exist yet: the spill goes to the nearest one that does.
        let spill = Spill::write(&out.join("big.json"), |w| w.write_all(b"{}\n")).unwrap();
        assert_eq!(spill.len, 3);
        let dropped = Spill::write(&out.join("other.json"), |w| w.write_all(b"[]")).unwrap();
        drop(dropped);
        let files = vec![
            (out.join("big.json"), Body::Spilled(spill)),
            (out.join("small.txt"), b"small".to_vec().into()),
        ];
        write_run("test", &files).unwrap();
        drop(files);
        assert_eq!(
            listing(&out),
            vec![
                ("big.json".to_string(), b"{}\n".to_vec()),
                ("small.txt".to_string(), b"small".to_vec())
            ]
        );
        assert_eq!(
            listing(dir.path()),
            vec![("out".to_string(), b"<folder>".to_vec())]
        );
    }

    #[test]
    fn a_folder_in_the_way_of_the_last_file_stops_the_run_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        write_run("test", &[(out.join("a.txt"), b"old a".to_vec().into())]).unwrap();
        let before = listing(&out);
        // The last file cannot be written: a folder has its name.
        std::fs::create_dir(out.join("c.txt")).unwrap();
        let before_with_folder = listing(&out);
        let result = write_run(
            "test",
            &[
                (out.join("a.txt"), b"new a".to_vec().into()),
                (out.join("b.txt"), b"new b".to_vec().into()),
                (out.join("c.txt"), b"new c".to_vec().into()),
            ],
        );
        let d = result.unwrap_err();
        assert_eq!(d.code, Code::Io);
        assert_eq!(listing(&out), before_with_folder);
        assert_eq!(before.len() + 1, before_with_folder.len());
    }

    #[test]
    fn a_failed_rename_rolls_back_the_files_already_placed() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        let files = vec![
            (out.join("a.txt"), b"old a".to_vec().into()),
            (out.join("b.txt"), b"old b".to_vec().into()),
        ];
        write_run("test", &files).unwrap();
        let before = listing(&out);
        let staging = out.join(".test.staging-0");
        std::fs::create_dir(&staging).unwrap();
        let new_a = staging.join("a.txt");
        std::fs::write(&new_a, b"new a").unwrap();
        let new_c = staging.join("c.txt");
        std::fs::write(&new_c, b"new c").unwrap();
        // b.txt's staged file is missing, so its rename fails after a.txt and c.txt are placed.
        let missing = staging.join("b.txt");
        let files = vec![
            (out.join("a.txt"), Vec::new().into()),
            (out.join("c.txt"), Vec::new().into()),
            (out.join("b.txt"), Vec::new().into()),
        ];
        let result = place(&files, &[new_a, new_c, missing]);
        assert!(result.is_err());
        std::fs::remove_dir_all(&staging).unwrap();
        assert_eq!(listing(&out), before);
    }

    #[test]
    fn a_folder_created_for_a_failed_run_is_removed_again() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).unwrap();
        // The second folder's staging folder cannot be made: a file has its name.
        let blocker = out.join(format!(".test.staging-{}", std::process::id()));
        std::fs::write(&blocker, b"in the way").unwrap();
        let fresh = dir.path().join("fresh").join("deeper");
        let result = write_run(
            "test",
            &[
                (fresh.join("y.txt"), b"y".to_vec().into()),
                (out.join("x.txt"), b"x".to_vec().into()),
            ],
        );
        let d = result.unwrap_err();
        assert!(
            d.message.starts_with("cannot create the staging folder"),
            "{}",
            d.message
        );
        assert!(!dir.path().join("fresh").exists());
        assert_eq!(
            listing(&out),
            vec![(
                blocker.file_name().unwrap().to_string_lossy().into_owned(),
                b"in the way".to_vec()
            )]
        );
    }
}
