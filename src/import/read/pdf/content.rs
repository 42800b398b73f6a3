//! A page's content decoded: the text of each marked-content sequence (for
//! the structure tree), the text runs with their places (for untagged
//! PDFs), and the upright rules drawn (a table's column borders), each
//! run's codes read through its font ([`crate::import::read::pdf::font`]).

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Document, Object, ObjectId};
use rust_i18n::t;

use crate::import::read::pdf::PdfError;
use crate::import::read::pdf::font::{Font, Maps};
use crate::import::read::pdf::limits::{MAX_CONTENT, MAX_COORDINATE, MAX_PAGE_CONTENT};

/// The text of one marked-content sequence, with where it starts and ends.
#[derive(Debug, Clone, Default)]
pub(in crate::import) struct Mark {
    pub(in crate::import) text: String,
    pub(in crate::import) x: f32,
    pub(in crate::import) y: f32,
    pub(in crate::import) size: f32,
    /// Where its last run starts, and where that run ends (x).
    pub(in crate::import) last: (f32, f32),
    pub(in crate::import) end: f32,
}

impl Mark {
    /// Whether `next` stands apart from this one's last run (see
    /// [`parted`]).
    pub(in crate::import) fn parted_from(&self, next: &Mark) -> bool {
        parted(self.last.1, self.end, self.size.max(next.size), next.x, next.y)
    }

    /// Whether `next` goes on from this one as one piece of text: on the
    /// same line right after it, or (upright text) on the same column
    /// right below it.
    pub(in crate::import) fn continued_by(&self, next: &Mark) -> bool {
        let size = self.size.max(next.size).max(1.0);
        let same_line = (next.y - self.last.1).abs() <= 0.3 * size && (-0.5 * size..=1.0 * size).contains(&(next.x - self.end));
        let below = (next.x - self.last.0).abs() <= 0.3 * size && (0.5 * size..=1.6 * size).contains(&(self.last.1 - next.y));
        same_line || below
    }
}

/// A text run as shown, with its place (for untagged PDFs).
#[derive(Debug, Clone)]
pub(in crate::import) struct Run {
    pub(in crate::import) page: usize,
    pub(in crate::import) x: f32,
    pub(in crate::import) y: f32,
    pub(in crate::import) size: f32,
    pub(in crate::import) text: String,
    pub(in crate::import) artifact: bool,
    /// Where the run ends (x): its glyphs' widths from where it starts.
    pub(in crate::import) end: f32,
}

/// An upright rule drawn on a page (a table's column border): where it
/// stands and the height it spans.
#[derive(Debug, Clone, Copy)]
pub(in crate::import) struct Rule {
    pub(in crate::import) page: usize,
    pub(in crate::import) x: f32,
    pub(in crate::import) bottom: f32,
    pub(in crate::import) top: f32,
}

/// A page's content streams, decompressed and joined, within the bounds: a
/// stream listed ten thousand times is read until the page's bound.
fn page_content(doc: &Document, id: ObjectId, page: usize, budget: &mut usize) -> Result<Vec<u8>, PdfError> {
    let mut out = Vec::new();
    for stream_id in doc.get_page_contents(id) {
        let Ok(stream) = doc.get_object(stream_id).and_then(lopdf::Object::as_stream) else {
            continue;
        };
        let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        if out.len() + data.len() > MAX_PAGE_CONTENT {
            return Err(PdfError::TooLarge(t!("import.pdf.page_content", page = page, max = MAX_PAGE_CONTENT).into_owned()));
        }
        if data.len() > *budget {
            return Err(PdfError::TooLarge(t!("import.pdf.content_total", max = MAX_CONTENT).into_owned()));
        }
        *budget -= data.len();
        out.extend_from_slice(&data);
        out.push(b'\n');
    }
    Ok(out)
}

/// Decodes a page's text: by marked-content id (for the structure tree) and
/// as positioned runs; and the upright rules drawn on it.
///
/// # Errors
///
/// A page whose content exceeds [`MAX_PAGE_CONTENT`], or all pages' content
/// [`MAX_CONTENT`] (`budget` is what is left of it).
#[allow(clippy::too_many_arguments)]
pub(in crate::import) fn read_page(
    doc: &Document,
    id: ObjectId,
    page: usize,
    texts: &mut HashMap<(ObjectId, i64), Mark>,
    runs: &mut Vec<Run>,
    rules: &mut Vec<Rule>,
    maps: &mut Maps,
    budget: &mut usize,
) -> Result<(), PdfError> {
    let content = page_content(doc, id, page, budget)?;
    let Ok(content) = Content::decode(&content) else {
        return Ok(());
    };
    let encodings: BTreeMap<Vec<u8>, Font> = doc
        .get_page_fonts(id)
        .map(|fonts| fonts.into_iter().filter_map(|(name, font)| Font::of(doc, font, maps).map(|e| (name, e))).collect())
        .unwrap_or_default();
    // Marked content: the MCID of each open sequence, or None (an
    // artifact is Some(-1)).
    let mut marks: Vec<Option<i64>> = Vec::new();
    let mut font: Option<&Font> = None;
    let mut size = 0.0f32;
    // The current transformation (translation and scale only) and text
    // matrix origin.
    let mut ctm = [1.0f32, 0.0, 0.0, 1.0, 0.0, 0.0];
    let mut stack: Vec<[f32; 6]> = Vec::new();
    let mut tm = [0.0f32, 0.0];
    // The path being built: its last point and its upright segments.
    let mut point = (0.0f32, 0.0f32);
    let mut upright: Vec<(f32, f32, f32)> = Vec::new();
    let at = |ctm: &[f32; 6], x: f32, y: f32| (x * ctm[0] + y * ctm[2] + ctm[4], x * ctm[1] + y * ctm[3] + ctm[5]);
    for op in &content.operations {
        let num =
            |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok().or_else(|| o.as_i64().ok().map(|n| n as f32))).unwrap_or(0.0);
        match op.operator.as_str() {
            "BDC" => {
                let mcid = match op.operands.first().and_then(|o| o.as_name().ok()) {
                    Some(b"Artifact") => Some(-1),
                    _ => op.operands.get(1).and_then(|p| p.as_dict().ok()).and_then(|d| d.get(b"MCID").ok()).and_then(|m| m.as_i64().ok()),
                };
                marks.push(mcid);
            }
            "BMC" => marks.push(if op.operands.first().and_then(|o| o.as_name().ok()) == Some(b"Artifact") { Some(-1) } else { None }),
            "EMC" => {
                marks.pop();
            }
            "q" => stack.push(ctm),
            "Q" => ctm = stack.pop().unwrap_or(ctm),
            "cm" => {
                let m = [num(0), num(1), num(2), num(3), num(4), num(5)];
                ctm = [
                    m[0] * ctm[0] + m[1] * ctm[2],
                    m[0] * ctm[1] + m[1] * ctm[3],
                    m[2] * ctm[0] + m[3] * ctm[2],
                    m[2] * ctm[1] + m[3] * ctm[3],
                    m[4] * ctm[0] + m[5] * ctm[2] + ctm[4],
                    m[4] * ctm[1] + m[5] * ctm[3] + ctm[5],
                ];
            }
            "m" => point = at(&ctm, num(0), num(1)),
            "l" => {
                let next = at(&ctm, num(0), num(1));
                if (next.0 - point.0).abs() < 0.5 && (next.1 - point.1).abs() > 1.0 {
                    upright.push((next.0, point.1.min(next.1), point.1.max(next.1)));
                }
                point = next;
            }
            "re" => {
                let (a, b) = (at(&ctm, num(0), num(1)), at(&ctm, num(0) + num(2), num(1) + num(3)));
                if (a.1 - b.1).abs() > 1.0 {
                    for x in [a.0, b.0] {
                        upright.push((x, a.1.min(b.1), a.1.max(b.1)));
                    }
                }
            }
            // A path stroked or filled: its upright segments are rules.
            "S" | "s" | "B" | "B*" | "b" | "b*" | "f" | "F" | "f*" => {
                rules.extend(upright.drain(..).map(|(x, bottom, top)| Rule { page, x, bottom, top }));
            }
            "n" => upright.clear(),
            "BT" => tm = [0.0, 0.0],
            "Tm" => tm = [num(4), num(5)],
            "Td" | "TD" => tm = [tm[0] + num(0), tm[1] + num(1)],
            "Tf" => {
                font = op.operands.first().and_then(|o| o.as_name().ok()).and_then(|n| encodings.get(n));
                size = num(1);
            }
            "Tj" | "TJ" | "'" | "\"" => {
                let Some(encoding) = font else { continue };
                let mut text = String::new();
                let advance = collect(encoding, &op.operands, &mut text);
                if text.is_empty() {
                    continue;
                }
                let artifact = marks.contains(&Some(-1));
                let x = tm[0] * ctm[0] + tm[1] * ctm[2] + ctm[4];
                let y = tm[0] * ctm[1] + tm[1] * ctm[3] + ctm[5];
                let size = size * ctm[3].abs().max(ctm[0].abs());
                let end = x + size * advance;
                if let Some(mcid) = marks.iter().rev().find_map(|m| *m).filter(|&m| m >= 0)
                    && !artifact
                {
                    let mark = texts.entry((id, mcid)).or_insert_with(|| Mark { x, y, size, last: (x, y), end: x, ..Mark::default() });
                    let apart = parted(mark.last.1, mark.end, size.max(mark.size), x, y);
                    wrap_join(&mut mark.text, &text, apart);
                    mark.last = (x, y);
                    mark.end = end;
                }
                // Text set far off any sheet (a scale of 1e8, a position
                // of 1e9) is no booklet's.
                if !(x.abs() <= MAX_COORDINATE && y.abs() <= MAX_COORDINATE && end.abs() <= MAX_COORDINATE && size.abs() <= MAX_COORDINATE)
                {
                    return Err(PdfError::TooLarge(
                        t!("import.pdf.far_text", page = page, x = x, y = y, max = MAX_COORDINATE).into_owned(),
                    ));
                }
                runs.push(Run { page, x, y, size, text, artifact, end });
            }
            _ => {}
        }
    }
    Ok(())
}

/// Whether a run at (`x`, `y`) stands apart from the text before it,
/// which ends at `end` on the baseline `last_y`: on a line below, or on
/// the same line past a gap of a word space (a sixth of an em or more; a
/// browser draws the space between Latin words as a gap, not a glyph).
fn parted(last_y: f32, end: f32, size: f32, x: f32, y: f32) -> bool {
    let size = size.max(1.0);
    (y - last_y).abs() > 0.3 * size || x - end >= 0.15 * size
}

/// Whether two characters meet as Latin text does at a word's end: one
/// that may end a word before a letter or digit that starts the next.
pub(in crate::import) fn latin_boundary(before: Option<char>, after: Option<char>) -> bool {
    before.is_some_and(|c| c.is_ascii_graphic() && !matches!(c, '(' | '[' | '-' | '/')) && after.is_some_and(|c| c.is_ascii_alphanumeric())
}

/// Appends the text of a run; where it stands apart from the text before
/// (a line below, or a word space's gap), with the space a PDF does not
/// draw there between Latin words: a line of Latin text breaks only at a
/// space, after a hyphen or a slash (UAX #14), so between a Latin
/// character and a Latin letter or digit a space was there. (Between
/// Chinese and Latin text a break may or may not have been a space; none
/// is added.)
pub(in crate::import) fn wrap_join(text: &mut String, more: &str, apart: bool) {
    if apart && latin_boundary(text.chars().last(), more.chars().next()) {
        text.push(' ');
    }
    text.push_str(more);
}

/// Decodes a text operator's strings onto `out`; gives how far they move
/// the pen, in ems (their glyphs' widths, less a `TJ` array's
/// adjustments).
fn collect(font: &Font, operands: &[Object], out: &mut String) -> f32 {
    let mut advance = 0.0;
    for operand in operands {
        match operand {
            Object::String(bytes, _) => advance += font.decode(bytes, out),
            Object::Array(items) => {
                for item in items {
                    match item {
                        Object::String(bytes, _) => advance += font.decode(bytes, out),
                        Object::Integer(n) => advance -= *n as f32 / 1000.0,
                        Object::Real(n) => advance -= *n / 1000.0,
                        _ => {}
                    }
                }
            }
            // (The spacings `"` sets before its string move no glyph.)
            _ => {}
        }
    }
    advance
}

/// An object, through its reference where it is one.
pub(in crate::import) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_latin_line_wrap_was_a_space() {
        let join = |a: &str, b: &str, new_line| {
            let mut t = a.to_string();
            wrap_join(&mut t, b, new_line);
            t
        };
        assert_eq!(join("歐盟學期（European", "Semester）", true), "歐盟學期（European Semester）");
        assert_eq!(join("FTA,", "ECA", true), "FTA, ECA");
        assert_eq!(join("European", "Semester", false), "EuropeanSemester", "runs that touch join as drawn");
        assert_eq!(join("well-", "known", true), "well-known");
        assert_eq!(join("中央補助", "50%", true), "中央補助50%", "no space is guessed between Chinese and Latin");
        assert_eq!(join("European ", "Semester", true), "European Semester");
    }
}
