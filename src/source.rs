//! Reading an input file as text: only a regular file (inside its bundle,
//! where there is one), of a bounded size, in UTF-8, normalised to NFC.
//! The bundle's TOML files (`load`) and its budget data (`budget`) are
//! read here, one way.

use std::fs;
use std::path::Path;
use std::sync::Arc;

use rust_i18n::t;
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
            return refuse(t!("source.link_out").into_owned(), diagnostics);
        }
        Ok(real) => match fs::metadata(&real) {
            Ok(m) if !m.is_file() => {
                return refuse(t!("source.not_regular", what = what).into_owned(), diagnostics);
            }
            Ok(m) if m.len() > MAX_FILE => {
                return refuse(t!("source.too_large", bytes = m.len(), max = MAX_FILE).into_owned(), diagnostics);
            }
            _ => {}
        },
        Err(_) => {}
    }
    let bytes = match fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) => {
            diagnostics.push(Diagnostic::error(t!("source.cannot_read", error = e)).in_file(path));
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
                Diagnostic::error(t!("source.invalid_utf8", byte = format!("0x{:02X}", e.as_bytes()[valid]), offset = valid))
                    .at(&src, start..start + 1)
                    .with_help(t!("source.invalid_utf8_help")),
            );
            return None;
        }
    };
    Some(source_text(path, &text))
}

/// A file's text as the bundle reads it: without a byte-order mark,
/// normalised to NFC. For text read from disk ([`read_text`]) or held in
/// memory (an import's draft).
pub fn source_text(path: &Path, text: &str) -> SourceText {
    let text: String = text.strip_prefix('\u{feff}').unwrap_or(text).nfc().collect();
    SourceText { name: path.to_path_buf(), text: Arc::from(text.as_str()) }
}
