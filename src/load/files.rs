//! Where a bundle's files are read from: the disk, for `booklet build`, or
//! memory, for an import's draft, which is checked as a bundle before any
//! of it is written ([`Files::Memory`]). Both answer the same questions the
//! loader asks of a path (is it a folder, a file, where does it really
//! lead) and read a file's text the one way (NFC, bounded, inside the
//! bundle).

use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostics, SourceText};
use crate::source::{read_text, source_text};

/// The files a bundle is read from.
#[derive(Debug, Clone, Copy)]
pub enum Files<'a> {
    /// The file system.
    Disk,
    /// Files held in memory: each a path relative to the bundle's folder
    /// (`booklet.toml`, `budget/fy109.csv`) and its text.
    Memory(&'a [(String, String)]),
}

impl Files<'_> {
    /// Where `path` really leads: on disk, its canonical path; in memory,
    /// the path without `.` parts, where a file or the bundle's folder is.
    pub(super) fn canonical(&self, path: &Path, dir: &Path) -> Option<PathBuf> {
        match self {
            Files::Disk => path.canonicalize().ok(),
            Files::Memory(_) => {
                let path = plain(path);
                (path == plain(dir) || self.is_file(&path, dir)).then_some(path)
            }
        }
    }

    /// Whether `path` is a folder.
    pub(super) fn is_dir(&self, path: &Path, dir: &Path) -> bool {
        match self {
            Files::Disk => path.is_dir(),
            Files::Memory(files) => {
                let Some(rel) = relative(path, dir) else {
                    return false;
                };
                rel.as_os_str().is_empty() || files.iter().any(|(name, _)| Path::new(name).starts_with(&rel) && Path::new(name) != rel)
            }
        }
    }

    /// Whether `path` is a file.
    pub(super) fn is_file(&self, path: &Path, dir: &Path) -> bool {
        match self {
            Files::Disk => path.is_file(),
            Files::Memory(files) => relative(path, dir).is_some_and(|rel| files.iter().any(|(name, _)| plain(Path::new(name)) == rel)),
        }
    }

    /// Reads one file as NFC-normalised text (see [`read_text`]); pushes
    /// what is wrong. `inside` is the bundle's folder as [`Self::canonical`]
    /// gives it.
    pub(super) fn read(&self, path: &Path, dir: &Path, inside: &Path, what: &str, diagnostics: &mut Diagnostics) -> Option<SourceText> {
        match self {
            Files::Disk => read_text(path, Some(inside), what, diagnostics),
            Files::Memory(files) => {
                let rel = relative(path, dir);
                let text = files.iter().find(|(name, _)| rel.as_deref() == Some(&*plain(Path::new(name)))).map(|(_, text)| text);
                match text {
                    Some(text) => Some(source_text(path, text)),
                    None => {
                        let message = rust_i18n::t!("source.cannot_read", error = std::io::ErrorKind::NotFound);
                        diagnostics.push(crate::diagnostic::Diagnostic::error(message).in_file(path));
                        None
                    }
                }
            }
        }
    }
}

/// A path without its `.` parts.
fn plain(path: &Path) -> PathBuf {
    path.components().filter(|c| !matches!(c, Component::CurDir)).collect()
}

/// `path` relative to the bundle's folder `dir`, without `.` parts.
fn relative(path: &Path, dir: &Path) -> Option<PathBuf> {
    plain(path).strip_prefix(plain(dir)).ok().map(Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_in_memory_answer_as_the_disk_would() {
        let held = [("booklet.toml".to_string(), "[booklet]\n".to_string()), ("budget/fy109.csv".to_string(), "a\n".to_string())];
        let files = Files::Memory(&held);
        let dir = Path::new("draft");
        assert!(files.is_file(&dir.join("booklet.toml"), dir));
        assert!(files.is_file(&dir.join("./budget/fy109.csv"), dir));
        assert!(!files.is_file(&dir.join("budget"), dir));
        assert!(files.is_dir(&dir.join("budget"), dir));
        assert!(files.is_dir(dir, dir));
        assert!(!files.is_dir(&dir.join("booklet.toml"), dir));
        assert_eq!(files.canonical(&dir.join("./booklet.toml"), dir), Some(dir.join("booklet.toml")));
        assert_eq!(files.canonical(&dir.join("missing.toml"), dir), None);
        let mut diagnostics = Vec::new();
        let text = files.read(&dir.join("budget/fy109.csv"), dir, dir, "CSV", &mut diagnostics);
        assert_eq!(text.map(|t| t.text.to_string()), Some("a\n".to_string()));
        assert!(files.read(&dir.join("none.toml"), dir, dir, "TOML", &mut diagnostics).is_none());
        assert_eq!(diagnostics.len(), 1);
    }
}
