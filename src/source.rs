//! Reading an input file as text: only a regular file (inside its bundle,
//! where there is one), of a bounded size, in UTF-8, normalised to NFC.
//! The bundle's TOML files (`load`) and its budget data (`budget`) are
//! read here, one way.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};

/// The largest file of a bundle that is read, in bytes: 16 MiB, some forty
/// times the largest booklet's text.
pub const MAX_FILE: u64 = 16 << 20;

/// Reads one file as NFC-normalised UTF-8 text; pushes what is wrong.
/// With `inside` (canonical), only a regular file inside that folder is
/// read: a link out of it, a FIFO or a device is refused by its path, and
/// nothing of it is shown. A file over [`MAX_FILE`] is refused unread.
/// `what` names the kind of file expected, for the messages.
pub fn read_text(path: &Path, inside: Option<&Path>, what: &str, diagnostics: &mut Diagnostics) -> Option<SourceText> {
    let refuse = |message: String, diagnostics: &mut Diagnostics| {
        diagnostics.push(Diagnostic::error(message).in_file(path));
        None
    };
    match path.canonicalize() {
        Ok(real) if inside.is_some_and(|inside| !real.starts_with(inside)) => {
            return refuse("the file leads out of the bundle (through a link); expected a file inside the bundle".into(), diagnostics);
        }
        Ok(real) => match fs::metadata(&real) {
            Ok(m) if !m.is_file() => return refuse(format!("not a regular file (a FIFO, a device or a folder); expected {what}"), diagnostics),
            Ok(m) if m.len() > MAX_FILE => {
                return refuse(format!("the file has {} bytes; expected at most {MAX_FILE} (16 MiB)", m.len()), diagnostics);
            }
            _ => {}
        },
        Err(_) => {}
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(Diagnostic::error(format!("cannot read the file: {e}")).in_file(path));
            return None;
        }
    };
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let lossy = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let prefix = String::from_utf8_lossy(&e.as_bytes()[..valid]).into_owned();
            let src = SourceText { name: path.to_path_buf(), text: Arc::from(lossy.as_str()) };
            let start = prefix.len();
            diagnostics.push(
                Diagnostic::error(format!(
                    "invalid UTF-8 (byte 0x{:02X} at offset {valid}); expected UTF-8 text",
                    e.as_bytes()[valid]
                ))
                .at(&src, start..start + 1)
                .with_help("save the file as UTF-8 (without a byte-order mark)"),
            );
            return None;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let text: String = text.nfc().collect();
    Some(SourceText { name: path.to_path_buf(), text: Arc::from(text.as_str()) })
}

