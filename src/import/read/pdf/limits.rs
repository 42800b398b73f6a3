//! The bounds of a PDF import, in one place, and the scan that holds a
//! file to them before the parser sees it.
//!
//! A PDF of a few kilobytes can ask a reader for gigabytes (a flate bomb, a
//! stream listed ten thousand times, an object stream that names a million
//! objects) or for a recursion that never ends (a hundred thousand nested
//! arrays, a structure element that lists itself). lopdf parses nested
//! objects recursively and decompresses without a bound, so the file is
//! scanned first, iteratively: its nesting, its declared sizes, and every
//! stream inflated with a limit. What passes the scan is then read within
//! the bounds below (a page's content, a font's map, the structure tree's
//! size, where text may stand); what exceeds one is refused with a message
//! that names it.

use std::io::Read;

use rust_i18n::t;

use crate::import::read::pdf::PdfError;

/// The largest PDF read, in bytes (a booklet of 50 pages is under 2 MiB).
pub const MAX_FILE: usize = 64 << 20;
/// The deepest nesting of arrays and dictionaries.
pub const MAX_NESTING: usize = 256;
/// The most objects a file may declare (`/Size`, an object stream's `/N`).
pub const MAX_OBJECTS: i64 = 1_000_000;
/// The most bytes one stream may inflate to.
pub const MAX_STREAM: u64 = 32 << 20;
/// The most bytes all streams together may inflate to.
pub const MAX_INFLATED: u64 = 256 << 20;
/// The most bytes of content one page may have, its streams together.
pub const MAX_PAGE_CONTENT: usize = 4 << 20;
/// The most bytes of content all pages together may have.
pub const MAX_CONTENT: usize = 256 << 20;
/// The most codes one font's ToUnicode map may give text to.
pub const MAX_MAP_CODES: usize = 65_536;
/// The most bytes (UTF-16) one code of a ToUnicode map may stand for.
pub const MAX_MAP_TEXT: usize = 64;
/// The most elements of the structure tree visited (a tree that lists an
/// element twice, or itself, would be walked without end).
pub const MAX_TREE_VISITS: usize = 2_000_000;
/// The most half ems a piece of text is set in from the margin when read
/// by position: an A0 sheet's width in 5-point type.
pub const MAX_PLACE: f32 = 1_000.0;
/// How far from the origin text may stand, in points (an A0 sheet is
/// 3,370 points tall).
pub const MAX_COORDINATE: f32 = 100_000.0;
/// The most levels of the page tree a page's inherited `MediaBox` is looked
/// for in.
pub const MAX_INHERIT: usize = 16;

/// Checks a PDF against the bounds before it is parsed.
///
/// # Errors
///
/// [`PdfError::TooLarge`] naming the bound the file exceeds.
pub fn scan(bytes: &[u8]) -> Result<(), PdfError> {
    if bytes.len() > MAX_FILE {
        return Err(PdfError::TooLarge(t!("import.pdf.file_size", bytes = bytes.len(), max = MAX_FILE).into_owned()));
    }
    let mut inflated = 0u64;
    nesting(bytes, Some(&mut inflated))?;
    declared_sizes(bytes)
}

/// Walks the file's tokens, counting the nesting of arrays and
/// dictionaries (strings and comments passed over); each stream's data is
/// inflated within the bounds and walked in turn (an object stream holds
/// objects), but not its own streams.
fn nesting(bytes: &[u8], mut inflated: Option<&mut u64>) -> Result<(), PdfError> {
    let too_deep = || PdfError::TooLarge(t!("import.pdf.nesting", max = MAX_NESTING).into_owned());
    let mut depth = 0usize;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' => {
                while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
                    i += 1;
                }
            }
            b'(' => {
                let mut level = 0usize;
                while i < bytes.len() {
                    match bytes[i] {
                        b'\\' => i += 1,
                        b'(' => level += 1,
                        b')' => {
                            level -= 1;
                            if level == 0 {
                                break;
                            }
                        }
                        _ => {}
                    }
                    i += 1;
                }
            }
            b'<' if bytes.get(i + 1) == Some(&b'<') => {
                depth += 1;
                i += 1;
            }
            b'<' => {
                while i < bytes.len() && bytes[i] != b'>' {
                    i += 1;
                }
            }
            b'>' if bytes.get(i + 1) == Some(&b'>') => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            b'[' => depth += 1,
            b']' => depth = depth.saturating_sub(1),
            b's' if bytes[i..].starts_with(b"stream") && i > 0 && matches!(bytes[i - 1], b'>' | b' ' | b'\n' | b'\r' | b'\t') => {
                let mut start = i + b"stream".len();
                if bytes.get(start) == Some(&b'\r') {
                    start += 1;
                }
                if bytes.get(start) == Some(&b'\n') {
                    start += 1;
                }
                let end = memchr::memmem::find(&bytes[start.min(bytes.len())..], b"endstream").map_or(bytes.len(), |e| start + e);
                if let Some(total) = inflated.as_deref_mut()
                    && let Some(data) = inflate(&bytes[start.min(end)..end], total)?
                    && memchr::memmem::find(&bytes[i.saturating_sub(256)..i], b"/ObjStm").is_some()
                {
                    // An object stream's objects: nested like any.
                    nesting(&data, None)?;
                }
                i = end + b"endstream".len();
                continue;
            }
            _ => {}
        }
        if depth > MAX_NESTING {
            return Err(too_deep());
        }
        i += 1;
    }
    Ok(())
}

/// Inflates a stream's data when it is zlib data, within the bounds; `None`
/// when it is not (another filter, or none).
fn inflate(data: &[u8], total: &mut u64) -> Result<Option<Vec<u8>>, PdfError> {
    if data.len() < 2 || data[0] & 0x0F != 8 || (u16::from(data[0]) << 8 | u16::from(data[1])) % 31 != 0 {
        return Ok(None);
    }
    let mut out = Vec::new();
    let mut decoder = flate2::read::ZlibDecoder::new(data).take(MAX_STREAM + 1);
    if decoder.read_to_end(&mut out).is_err() && out.is_empty() {
        return Ok(None);
    }
    if out.len() as u64 > MAX_STREAM {
        return Err(PdfError::TooLarge(t!("import.pdf.stream_size", max = MAX_STREAM).into_owned()));
    }
    *total += out.len() as u64;
    if *total > MAX_INFLATED {
        return Err(PdfError::TooLarge(t!("import.pdf.streams_total", max = MAX_INFLATED).into_owned()));
    }
    Ok(Some(out))
}

/// The object counts the file declares (`/Size` of a trailer or a cross-
/// reference stream, `/N` of an object stream), within [`MAX_OBJECTS`].
fn declared_sizes(bytes: &[u8]) -> Result<(), PdfError> {
    for key in [&b"/Size"[..], b"/N "] {
        for at in memchr::memmem::find_iter(bytes, key) {
            let digits: Vec<u8> = bytes[at + key.len()..]
                .iter()
                .skip_while(|b| b.is_ascii_whitespace())
                .take_while(|b| b.is_ascii_digit())
                .take(19)
                .copied()
                .collect();
            let n: i64 = std::str::from_utf8(&digits).ok().and_then(|d| d.parse().ok()).unwrap_or(0);
            if n > MAX_OBJECTS || digits.len() >= 19 {
                return Err(PdfError::TooLarge(
                    t!("import.pdf.objects", count = String::from_utf8_lossy(&digits), max = MAX_OBJECTS).into_owned(),
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deep_nesting_and_huge_sizes_are_refused() {
        let deep = format!("%PDF-1.7\n1 0 obj\n{}\nendobj\n", "[".repeat(100_000));
        assert!(matches!(scan(deep.as_bytes()), Err(PdfError::TooLarge(m)) if m.contains("nested")));
        let ok = "%PDF-1.7\n1 0 obj\n<< /A [1 2 (a [ string) <41>] >>\nendobj\ntrailer << /Size 2 >>\n";
        assert_eq!(scan(ok.as_bytes()), Ok(()));
        let size = "%PDF-1.7\ntrailer << /Size 99999999999 >>\n";
        assert!(matches!(scan(size.as_bytes()), Err(PdfError::TooLarge(_))));
    }

    #[test]
    fn a_flate_bomb_is_refused() {
        use std::io::Write;
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&vec![b' '; (MAX_STREAM + 10) as usize]).unwrap();
        let bomb = encoder.finish().unwrap();
        let mut pdf = b"%PDF-1.7\n1 0 obj\n<< /Filter /FlateDecode >>\nstream\n".to_vec();
        pdf.extend(&bomb);
        pdf.extend(b"\nendstream\nendobj\n");
        assert!(matches!(scan(&pdf), Err(PdfError::TooLarge(m)) if m.contains("inflates")));
    }
}
