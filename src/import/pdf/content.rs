//! A page's content decoded: the text of each marked-content sequence (for
//! the structure tree), the text runs with their places (for untagged
//! PDFs), and the upright rules drawn (a table's column borders), each
//! run's codes read through its font's ToUnicode map.

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// The text of one marked-content sequence, with where it starts and ends.
#[derive(Debug, Clone, Default)]
pub(super) struct Mark {
    pub(super) text: String,
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    /// Where its last run starts, and where that run ends (x).
    pub(super) last: (f32, f32),
    pub(super) end: f32,
}

impl Mark {
    /// Whether `next` starts a line below this one's last run.
    pub(super) fn breaks_before(&self, next: &Mark) -> bool {
        (next.y - self.last.1).abs() > 0.3 * self.size.max(next.size).max(1.0)
    }

    /// Whether `next` goes on from this one as one piece of text: on the
    /// same line right after it, or (upright text) on the same column
    /// right below it.
    pub(super) fn continued_by(&self, next: &Mark) -> bool {
        let size = self.size.max(next.size).max(1.0);
        let same_line = (next.y - self.last.1).abs() <= 0.3 * size && (-0.5 * size..=1.0 * size).contains(&(next.x - self.end));
        let below = (next.x - self.last.0).abs() <= 0.3 * size && (0.5 * size..=1.6 * size).contains(&(self.last.1 - next.y));
        same_line || below
    }
}

/// A text run as shown, with its place (for untagged PDFs).
#[derive(Debug, Clone)]
pub(super) struct Run {
    pub(super) page: usize,
    pub(super) x: f32,
    pub(super) y: f32,
    pub(super) size: f32,
    pub(super) text: String,
    pub(super) artifact: bool,
}

/// An upright rule drawn on a page (a table's column border): where it
/// stands and the height it spans.
#[derive(Debug, Clone, Copy)]
pub(super) struct Rule {
    pub(super) page: usize,
    pub(super) x: f32,
    pub(super) bottom: f32,
    pub(super) top: f32,
}

/// Decodes a page's text: by marked-content id (for the structure tree) and
/// as positioned runs; and the upright rules drawn on it.
pub(super) fn read_page(doc: &Document, id: ObjectId, page: usize, texts: &mut HashMap<(ObjectId, i64), Mark>, runs: &mut Vec<Run>, rules: &mut Vec<Rule>) {
    let Ok(content) = doc.get_page_content(id) else { return };
    let Ok(content) = Content::decode(&content) else { return };
    let encodings: BTreeMap<Vec<u8>, FontText> = doc
        .get_page_fonts(id)
        .map(|fonts| fonts.into_iter().filter_map(|(name, font)| FontText::of(doc, font).map(|e| (name, e))).collect())
        .unwrap_or_default();
    // Marked content: the MCID of each open sequence, or None (an
    // artifact is Some(-1)).
    let mut marks: Vec<Option<i64>> = Vec::new();
    let mut font: Option<&FontText> = None;
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
        let num = |i: usize| op.operands.get(i).and_then(|o| o.as_float().ok().or_else(|| o.as_i64().ok().map(|n| n as f32))).unwrap_or(0.0);
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
                collect(encoding, &op.operands, &mut text);
                if text.is_empty() {
                    continue;
                }
                let artifact = marks.contains(&Some(-1));
                let x = tm[0] * ctm[0] + tm[1] * ctm[2] + ctm[4];
                let y = tm[0] * ctm[1] + tm[1] * ctm[3] + ctm[5];
                let size = size * ctm[3].abs().max(ctm[0].abs());
                let end = x + size * text.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum::<f32>();
                if let Some(mcid) = marks.iter().rev().find_map(|m| *m).filter(|&m| m >= 0)
                    && !artifact
                {
                    let mark = texts.entry((id, mcid)).or_insert_with(|| Mark { x, y, size, last: (x, y), ..Mark::default() });
                    let new_line = (y - mark.last.1).abs() > 0.3 * size.max(mark.size).max(1.0);
                    wrap_join(&mut mark.text, &text, new_line);
                    mark.last = (x, y);
                    mark.end = end;
                }
                runs.push(Run { page, x, y, size, text, artifact });
            }
            _ => {}
        }
    }
}

/// Appends the text of a run; where it starts a new line, with the space
/// a PDF does not draw at a line's end where Latin text wraps: a line of
/// Latin text breaks only at a space, after a hyphen or a slash (UAX #14),
/// so between a Latin character and a Latin letter or digit a space was
/// there. (Between Chinese and Latin text a break may or may not have been
/// a space; none is added.)
pub(super) fn wrap_join(text: &mut String, more: &str, new_line: bool) {
    let before = text.chars().last();
    let after = more.chars().next();
    if new_line
        && before.is_some_and(|c| c.is_ascii_graphic() && !matches!(c, '-' | '/'))
        && after.is_some_and(|c| c.is_ascii_alphanumeric())
    {
        text.push(' ');
    }
    text.push_str(more);
}

fn collect(font: &FontText, operands: &[Object], out: &mut String) {
    for operand in operands {
        match operand {
            Object::String(bytes, _) => font.decode(bytes, out),
            Object::Array(items) => collect(font, items, out),
            _ => {}
        }
    }
}

/// An object, through its reference where it is one.
pub(super) fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// How a font's codes become text: its ToUnicode map (read here: lopdf's
/// parser refuses the maps krilla writes), else the simple encoding lopdf
/// knows.
enum FontText<'a> {
    Map { width: usize, map: HashMap<u32, String> },
    Simple(Encoding<'a>),
}

impl<'a> FontText<'a> {
    fn of(doc: &'a Document, font: &'a Dictionary) -> Option<Self> {
        if let Some(stream) = font.get(b"ToUnicode").ok().and_then(|o| deref(doc, o)).and_then(|o| o.as_stream().ok()) {
            let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            if let Some((width, map)) = parse_to_unicode(&String::from_utf8_lossy(&data)) {
                return Some(FontText::Map { width, map });
            }
        }
        font.get_font_encoding(doc).ok().map(FontText::Simple)
    }

    fn decode(&self, bytes: &[u8], out: &mut String) {
        match self {
            FontText::Map { width, map } => {
                for code in bytes.chunks(*width) {
                    let code = code.iter().fold(0u32, |a, &b| (a << 8) | b as u32);
                    if let Some(text) = map.get(&code) {
                        out.push_str(text);
                    }
                }
            }
            FontText::Simple(encoding) => {
                if let Ok(text) = Document::decode_text(encoding, bytes) {
                    out.push_str(&text);
                }
            }
        }
    }
}

/// A ToUnicode CMap: the code width (from the codespace range) and each
/// code's text, from `bfchar` and `bfrange` sections.
fn parse_to_unicode(cmap: &str) -> Option<(usize, HashMap<u32, String>)> {
    let hex = |t: &str| -> Option<Vec<u8>> {
        let t = t.trim().trim_start_matches('<').trim_end_matches('>');
        (0..t.len() / 2).map(|i| u8::from_str_radix(t.get(2 * i..2 * i + 2)?, 16).ok()).collect()
    };
    let code = |b: &[u8]| b.iter().fold(0u32, |a, &x| (a << 8) | x as u32);
    let utf16 = |b: &[u8]| -> String {
        let units: Vec<u16> = b.chunks(2).map(|c| if c.len() == 2 { u16::from_be_bytes([c[0], c[1]]) } else { c[0] as u16 }).collect();
        String::from_utf16_lossy(&units)
    };
    let tokens: Vec<&str> = cmap.split(|c: char| c.is_whitespace()).filter(|t| !t.is_empty()).collect();
    let mut width = 2;
    let mut map = HashMap::new();
    let mut i = 0;
    while i < tokens.len() {
        match tokens[i] {
            "begincodespacerange" => {
                width = hex(tokens.get(i + 1)?)?.len().max(1);
            }
            "beginbfchar" => {
                i += 1;
                while i + 1 < tokens.len() && tokens[i] != "endbfchar" {
                    let (Some(src), Some(dst)) = (hex(tokens[i]), hex(tokens[i + 1])) else { break };
                    map.insert(code(&src), utf16(&dst));
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let (Some(lo), Some(hi)) = (hex(tokens[i]), hex(tokens[i + 1])) else { break };
                    let (lo, hi) = (code(&lo), code(&hi).min(code(&lo) + 0xFFFF));
                    if tokens[i + 2].starts_with('[') {
                        // An array of destinations, one per code.
                        let mut j = i + 2;
                        let mut c = lo;
                        loop {
                            let t = tokens[j].trim_start_matches('[');
                            let end = t.ends_with(']');
                            if let Some(dst) = hex(t.trim_end_matches(']')).filter(|d| !d.is_empty()) {
                                map.insert(c, utf16(&dst));
                                c += 1;
                            }
                            j += 1;
                            if end || j >= tokens.len() {
                                break;
                            }
                        }
                        i = j;
                    } else {
                        let dst = hex(tokens[i + 2])?;
                        for (k, c) in (lo..=hi).enumerate() {
                            let mut d = dst.clone();
                            if let Some(last) = d.last_mut() {
                                *last = last.wrapping_add(k as u8);
                            }
                            map.insert(c, utf16(&d));
                        }
                        i += 3;
                    }
                }
            }
            _ => {}
        }
        i += 1;
    }
    (!map.is_empty()).then_some((width, map))
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
        assert_eq!(join("European", "Semester", false), "EuropeanSemester", "runs on one line join as drawn");
        assert_eq!(join("well-", "known", true), "well-known");
        assert_eq!(join("中央補助", "50%", true), "中央補助50%", "no space is guessed between Chinese and Latin");
        assert_eq!(join("European ", "Semester", true), "European Semester");
    }

    #[test]
    fn to_unicode_maps() {
        let cmap = "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n2 beginbfchar\n<0001> <52DE>\n<0002> <0031>\nendbfchar\n\
                    2 beginbfrange\n<0010> <0012> <4E00>\n<0020> <0021> [<0041> <D840DC00>]\nendbfrange\n";
        let (width, map) = parse_to_unicode(cmap).unwrap();
        assert_eq!(width, 2);
        assert_eq!(map[&1], "勞");
        assert_eq!(map[&2], "1");
        assert_eq!(map[&0x11], "\u{4E01}");
        assert_eq!(map[&0x20], "A");
        assert_eq!(map[&0x21], "\u{20000}");
    }
}
