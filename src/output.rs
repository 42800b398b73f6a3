//! Where outputs go and how they are written: `<out>/<name>.<ext>`, and
//! atomically (a temporary file in the same directory, then a rename), so
//! that a failed or interrupted run never leaves a partial file where a
//! good one stood. Builds, batches, comparisons and the commands that write
//! a file all write through here.

use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

use rust_i18n::t;

use crate::diagnostic::Diagnostic;

/// `<out>/<name>.<ext>`, keeping any dots in the bundle name.
pub fn output_path(out_dir: &Path, name: &Path, ext: &str) -> PathBuf {
    let mut file = out_dir.join(name).into_os_string();
    file.push(".");
    file.push(ext);
    PathBuf::from(file)
}

/// Writes a file through a temporary file in the same directory and a
/// rename, so that readers see either the old file or the whole new one.
///
/// # Errors
///
/// When the directory cannot be made or the file cannot be written.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let fail = |e: std::io::Error| Diagnostic::error(t!("output.write_failed", error = e)).in_file(path);
    fs::create_dir_all(dir).map_err(fail)?;
    let mut temp = tempfile::Builder::new().prefix(".booklet-").suffix(".partial").tempfile_in(dir).map_err(fail)?;
    temp.write_all(bytes).map_err(fail)?;
    temp.as_file().sync_all().map_err(fail)?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(temp.path(), fs::Permissions::from_mode(0o644)).map_err(fail)?;
    }
    temp.persist(path).map_err(|e| fail(e.error))?;
    Ok(())
}
