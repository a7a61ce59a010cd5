//! Form-export archives: the zip file ODK Central writes for "Download all submissions" (and
//! its API's `submissions.csv.zip`), read as the csv tables it holds.
//!
//! In: a zip file listed under `inputs.answers`, its name as the workspace shows it, and the
//! [`Limits`]. Out: one [`Table`] per csv file in the archive, in archive order, each with the
//! entry's path as its `sheet`, so that its cells are located as `export.zip › form-systems.csv`,
//! row and column; and a diagnostic for each thing not read: an archive that cannot be opened, an
//! entry past the size limit, a file that is neither csv nor an attachment.
//! Not here: what the tables hold (`field` recognises the submissions table, `form_inventory` the
//! repeat tables of the inventories); the attachments themselves (files under `media/`), whose
//! names the submissions table already carries.
//!
//! The export holds `<form id>.csv` (one row per submission), one `<form id>-<repeat>.csv` per
//! repeat group, and, when attachments were asked for, `media/<file>`. Every entry's unpacked size
//! counts towards the one limit a workbook has, checked against what the entry declares and again
//! against what it actually unpacks, since a declared size can lie.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use zip::ZipArchive;
use zip::result::ZipError;

use super::limits::Limits;
use super::table::{Table, read_csv_bytes};
use crate::diagnostics::{Code, Diagnostic, Location};

/// The folder ODK Central puts a submission's attachments in.
const MEDIA_FOLDER: &str = "media/";

const ARCHIVE_HINT: &str = "list the zip exactly as ODK Central's \"Download all submissions\" writes it (csv files and a media folder), or unpack it and list its csv files";

/// The csv tables of an export archive. Problems are pushed to `found`; what could be read is
/// returned even when other entries could not.
pub fn read_archive(path: &Path, file: &str, limits: &Limits, found: &mut Vec<Diagnostic>) -> Vec<Table> {
    let opened = File::open(path)
        .map_err(ZipError::Io)
        .and_then(|f| ZipArchive::new(BufReader::new(f)));
    let mut zip = match opened {
        Ok(zip) => zip,
        Err(err) => {
            found.push(not_an_archive(file, &err));
            return Vec::new();
        }
    };
    let mut tables = Vec::new();
    let mut unpacked: u64 = 0;
    let mut csv_entries = 0usize;
    for index in 0..zip.len() {
        let mut entry = match zip.by_index(index) {
            Ok(entry) => entry,
            Err(err) => {
                found.push(not_an_archive(file, &err));
                return tables;
            }
        };
        let name = match entry.name() {
            Ok(name) => name.into_owned(),
            Err(err) => {
                found.push(not_an_archive(file, &err));
                continue;
            }
        };
        if entry.is_dir() || name.starts_with(MEDIA_FOLDER) || is_system_file(&name) {
            continue;
        }
        let shown = format!("{file} › {name}");
        if !name.to_ascii_lowercase().ends_with(".csv") {
            found.push(
                Diagnostic::warning(
                    Code::SheetNotRead,
                    Location::file(&shown),
                    format!("`{name}` in the archive is not a csv file; it is not read"),
                )
                .with_hint(ARCHIVE_HINT),
            );
            continue;
        }
        csv_entries += 1;
        let room = limits.max_unpacked_bytes.saturating_sub(unpacked);
        if entry.size() > room {
            found.push(limits.unpacked_error(
                Location::file(&shown),
                &format!("`{name}`"),
                entry.size().saturating_add(unpacked),
            ));
            return tables;
        }
        // One byte past what is left, so that an entry exactly at the limit passes and one whose
        // declared size lied is caught.
        let mut bytes = Vec::new();
        let read = (&mut entry).take(room.saturating_add(1)).read_to_end(&mut bytes);
        if let Err(err) = read {
            found.push(
                Diagnostic::error(
                    Code::UnsupportedInput,
                    Location::file(&shown),
                    format!("`{name}` cannot be unpacked: {err}"),
                )
                .with_hint(ARCHIVE_HINT),
            );
            continue;
        }
        if bytes.len() as u64 > room {
            found.push(limits.unpacked_error(
                Location::file(&shown),
                &format!("`{name}`"),
                (bytes.len() as u64).saturating_add(unpacked),
            ));
            return tables;
        }
        unpacked += bytes.len() as u64;
        if let Some(table) = read_csv_bytes(&bytes, file, Some(&name), found) {
            tables.push(table);
        }
    }
    if csv_entries == 0 {
        found.push(
            Diagnostic::error(
                Code::MissingSheet,
                Location::file(file),
                "the archive holds no csv file, so no submissions can be read from it",
            )
            .with_hint(ARCHIVE_HINT),
        );
    }
    tables
}

/// Entries an operating system adds when a person re-zips a folder: macOS's resource forks and
/// Finder files, Windows's thumbnails. They hold no data of the export.
fn is_system_file(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    name.starts_with("__MACOSX/") || base == ".DS_Store" || base.eq_ignore_ascii_case("Thumbs.db")
}

/// The error for a file that cannot be opened as a zip archive, in words rather than the zip
/// library's debug value.
fn not_an_archive(file: &str, err: &ZipError) -> Diagnostic {
    Diagnostic::error(
        Code::UnsupportedInput,
        Location::file(file),
        format!(
            "cannot be opened as an export archive: {}",
            zip_failure(err, "a zip feature that cannot be read here")
        ),
    )
    .with_hint(ARCHIVE_HINT)
}

/// Why a zip archive (an export, or an xlsx workbook, which is one) cannot be read, in words;
/// `unsupported` names what an unsupported archive uses.
pub(super) fn zip_failure(err: &ZipError, unsupported: &str) -> String {
    match err {
        ZipError::Io(io) => format!("it cannot be read ({io})"),
        ZipError::InvalidArchive(_) => {
            "it is not a zip archive, or the archive is damaged or incomplete (a download cut short)"
                .to_string()
        }
        ZipError::UnsupportedArchive(_) => format!("it uses {unsupported} (such as encryption)"),
        _ => "the archive is damaged".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use zip::write::SimpleFileOptions;

    use super::*;

    fn archive(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let mut out = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
        {
            let mut zip = zip::ZipWriter::new(out.as_file_mut());
            for (name, bytes) in entries {
                if name.ends_with('/') {
                    zip.add_directory(*name, SimpleFileOptions::default()).unwrap();
                } else {
                    zip.start_file(*name, SimpleFileOptions::default()).unwrap();
                    zip.write_all(bytes).unwrap();
                }
            }
            zip.finish().unwrap();
        }
        out
    }

    fn read(entries: &[(&str, &[u8])], limits: &Limits) -> (Vec<Table>, Vec<String>) {
        let zip = archive(entries);
        let mut found = Vec::new();
        let tables = read_archive(zip.path(), "export.zip", limits, &mut found);
        (
            tables,
            found
                .iter()
                .map(|d| format!("{}: {}", d.location, d.message))
                .collect(),
        )
    }

    #[test]
    fn every_csv_entry_is_a_table_located_by_its_entry() {
        let (tables, found) = read(
            &[
                ("form.csv", b"a,b\n1,2\n"),
                (
                    "form-systems.csv",
                    b"name,PARENT_KEY,KEY\nX,uuid:1,uuid:1/systems[1]\n",
                ),
                ("media/", b""),
                ("media/photo.jpg", b"\xff\xd8"),
                ("__MACOSX/._form.csv", b"junk"),
                ("notes.txt", b"hello"),
            ],
            &Limits::default(),
        );
        let names: Vec<_> = tables.iter().map(|t| t.sheet.clone().unwrap()).collect();
        assert_eq!(names, ["form.csv", "form-systems.csv"]);
        assert!(tables.iter().all(|t| t.file == "export.zip"));
        assert_eq!(tables[1].rows.len(), 2);
        assert_eq!(
            found,
            ["export.zip › notes.txt: `notes.txt` in the archive is not a csv file; it is not read"]
        );
    }

    #[test]
    fn an_entry_past_the_limit_is_refused_with_the_limit() {
        let limits = Limits {
            max_unpacked_bytes: 10,
            max_cells: 100,
        };
        let (tables, found) = read(&[("form.csv", b"a,b\n1,2\n3,4\n5,6\n")], &limits);
        assert!(tables.is_empty());
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0].contains("`form.csv` unpacks to 1 MB, more than the limit of 1 MB"),
            "{found:?}"
        );
    }

    #[test]
    fn a_file_that_is_no_zip_and_a_zip_without_csv_say_so() {
        let mut not_zip = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
        not_zip.write_all(b"name,owner\n").unwrap();
        let mut found = Vec::new();
        assert!(read_archive(not_zip.path(), "export.zip", &Limits::default(), &mut found).is_empty());
        assert_eq!(
            found[0].message,
            "cannot be opened as an export archive: it is not a zip archive, or the archive is damaged or incomplete (a download cut short)"
        );
        let (tables, found) = read(&[("media/a.pdf", b"%PDF")], &Limits::default());
        assert!(tables.is_empty());
        assert_eq!(
            found,
            ["export.zip: the archive holds no csv file, so no submissions can be read from it"]
        );
    }
}
