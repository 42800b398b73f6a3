//! A font as a PDF page uses it: how its codes become text (its ToUnicode
//! map, else its simple encoding) and how far each code moves the pen (its
//! glyphs' widths: `Widths` of a simple or Type 3 font, `W` of a CID font),
//! so that a run's end, and the gap to the next, are where the page has
//! them.

use std::collections::HashMap;
use std::rc::Rc;

use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

use crate::import::read::pdf::content::deref;
use crate::import::read::pdf::limits::{MAX_MAP_CODES, MAX_MAP_TEXT};

/// A font of a page: its text and its widths.
pub(in crate::import) struct Font<'a> {
    text: FontText<'a>,
    widths: Option<Widths>,
}

/// The ToUnicode maps read so far, by their stream: each read once per
/// document, whatever the number of pages that use it.
pub(in crate::import) type Maps = HashMap<ObjectId, Option<Rc<(usize, HashMap<u32, String>)>>>;

impl<'a> Font<'a> {
    pub(in crate::import) fn of(doc: &'a Document, font: &'a Dictionary, maps: &mut Maps) -> Option<Self> {
        Some(Font { text: FontText::of(doc, font, maps)?, widths: Widths::of(doc, font) })
    }

    /// Decodes a string's codes onto `out`; gives their advance in ems:
    /// the glyphs' widths, or where the font gives none, half an em for a
    /// Latin character and one for any other.
    pub(in crate::import) fn decode(&self, bytes: &[u8], out: &mut String) -> f32 {
        let start = out.len();
        self.text.decode(bytes, out);
        let estimate = || out[start..].chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum::<f32>();
        let Some(widths) = &self.widths else {
            return estimate();
        };
        let step = match &self.text {
            FontText::Map(map) => map.0,
            FontText::Simple(_) => widths.code_len,
        };
        let mut advance = 0.0;
        for code in bytes.chunks(step.max(1)) {
            let code = code.iter().fold(0u32, |a, &b| (a << 8) | b as u32);
            match widths.of_code(code) {
                Some(w) => advance += w,
                None => return estimate(),
            }
        }
        advance
    }
}

/// A font's glyph widths, in ems.
struct Widths {
    /// Bytes per code: 2 for a CID font, 1 for a simple one.
    code_len: usize,
    first: u32,
    simple: Vec<f32>,
    /// A CID font's widths: code ranges (by where they start) and their
    /// width.
    cid: Vec<(u32, u32, f32)>,
    default: Option<f32>,
}

impl Widths {
    fn of(doc: &Document, font: &Dictionary) -> Option<Self> {
        let get = |d: &Dictionary, key: &[u8]| d.get(key).ok().and_then(|o| deref(doc, o)).cloned();
        let num = |o: &Object| o.as_float().ok().or_else(|| o.as_i64().ok().map(|n| n as f32));
        if font.get(b"Subtype").and_then(Object::as_name).ok() == Some(b"Type0") {
            let descendant = match get(font, b"DescendantFonts")? {
                Object::Array(items) => items.first().and_then(|d| deref(doc, d)).and_then(|d| d.as_dict().ok()).cloned()?,
                _ => return None,
            };
            // [c [w1 w2 …]] or [c_first c_last w], in thousandths: kept as
            // ranges (a short W may name a great many codes).
            let mut cid: Vec<(u32, u32, f32)> = Vec::new();
            if let Some(Object::Array(w)) = get(&descendant, b"W") {
                let code = |o: &Object| o.as_i64().ok().and_then(|n| u32::try_from(n).ok());
                let mut i = 0;
                while i < w.len() {
                    let first = code(&w[i])?;
                    match w.get(i + 1).and_then(|o| deref(doc, o)) {
                        Some(Object::Array(list)) => {
                            for (k, v) in list.iter().enumerate() {
                                let c = first.checked_add(u32::try_from(k).ok()?)?;
                                cid.push((c, c, num(v)? / 1000.0));
                            }
                            i += 2;
                        }
                        Some(last) => {
                            cid.push((first, code(last)?, num(w.get(i + 2)?)? / 1000.0));
                            i += 3;
                        }
                        None => break,
                    }
                }
            }
            cid.sort_by_key(|(lo, ..)| *lo);
            let default = get(&descendant, b"DW").as_ref().and_then(num).unwrap_or(1000.0) / 1000.0;
            return Some(Widths { code_len: 2, first: 0, simple: Vec::new(), cid, default: Some(default) });
        }
        // A simple font: Widths from FirstChar, in thousandths of an em
        // (a Type 3 font's in glyph space, scaled by its FontMatrix).
        let scale = match get(font, b"FontMatrix") {
            Some(Object::Array(m)) => m.first().and_then(num)?,
            _ => 0.001,
        };
        let first = get(font, b"FirstChar").as_ref().and_then(|o| o.as_i64().ok()).unwrap_or(0) as u32;
        let simple: Vec<f32> = match get(font, b"Widths")? {
            Object::Array(items) => items.iter().map(|o| deref(doc, o).and_then(num).map_or(0.0, |w| w * scale)).collect(),
            _ => return None,
        };
        Some(Widths { code_len: 1, first, simple, cid: Vec::new(), default: None })
    }

    fn of_code(&self, code: u32) -> Option<f32> {
        if self.code_len == 2 {
            // The range that starts last at or before the code, if it
            // reaches it.
            let at = self.cid.partition_point(|(lo, ..)| *lo <= code);
            return at.checked_sub(1).map(|k| self.cid[k]).filter(|(_, hi, _)| code <= *hi).map(|(.., w)| w).or(self.default);
        }
        code.checked_sub(self.first).and_then(|k| self.simple.get(k as usize)).copied()
    }
}

/// How a font's codes become text: its ToUnicode map (read here: lopdf's
/// parser refuses the maps krilla writes), else the simple encoding lopdf
/// knows.
pub(in crate::import) enum FontText<'a> {
    Map(Rc<(usize, HashMap<u32, String>)>),
    Simple(Encoding<'a>),
}

impl<'a> FontText<'a> {
    fn of(doc: &'a Document, font: &'a Dictionary, maps: &mut Maps) -> Option<Self> {
        let parse = |stream: &lopdf::Stream| {
            let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
            parse_to_unicode(&String::from_utf8_lossy(&data)).map(Rc::new)
        };
        let map = match font.get(b"ToUnicode").ok() {
            Some(Object::Reference(id)) => {
                maps.entry(*id).or_insert_with(|| doc.get_object(*id).ok().and_then(|o| o.as_stream().ok()).and_then(parse)).clone()
            }
            Some(other) => other.as_stream().ok().and_then(parse),
            None => None,
        };
        match map {
            Some(map) => Some(FontText::Map(map)),
            None => font.get_font_encoding(doc).ok().map(FontText::Simple),
        }
    }

    fn decode(&self, bytes: &[u8], out: &mut String) {
        match self {
            FontText::Map(map) => {
                let (width, map) = &**map;
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
                    let (Some(src), Some(dst)) = (hex(tokens[i]), hex(tokens[i + 1])) else {
                        break;
                    };
                    if map.len() >= MAX_MAP_CODES || dst.len() > MAX_MAP_TEXT {
                        return None;
                    }
                    map.insert(code(&src), utf16(&dst));
                    i += 2;
                }
            }
            "beginbfrange" => {
                i += 1;
                while i + 2 < tokens.len() && tokens[i] != "endbfrange" {
                    let (Some(lo), Some(hi)) = (hex(tokens[i]), hex(tokens[i + 1])) else {
                        break;
                    };
                    let (lo, hi) = (code(&lo), code(&hi).min(code(&lo).saturating_add(0xFFFF)));
                    if tokens[i + 2].starts_with('[') {
                        // An array of destinations, one per code.
                        let mut j = i + 2;
                        let mut c = lo;
                        loop {
                            let t = tokens[j].trim_start_matches('[');
                            let end = t.ends_with(']');
                            if let Some(dst) = hex(t.trim_end_matches(']')).filter(|d| !d.is_empty()) {
                                if map.len() >= MAX_MAP_CODES || dst.len() > MAX_MAP_TEXT {
                                    return None;
                                }
                                map.insert(c, utf16(&dst));
                                c = c.saturating_add(1);
                            }
                            j += 1;
                            if end || j >= tokens.len() {
                                break;
                            }
                        }
                        i = j;
                    } else {
                        let dst = hex(tokens[i + 2])?;
                        // A map past the bounds (a range of 65,536 codes to
                        // 400 KB of text) is no font's: the font is read as
                        // if it had none.
                        if dst.len() > MAX_MAP_TEXT || map.len() + hi.saturating_sub(lo) as usize >= MAX_MAP_CODES {
                            return None;
                        }
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
    use lopdf::dictionary;

    #[test]
    fn glyph_widths_of_cid_and_type3_fonts() {
        let mut doc = Document::with_version("1.7");
        let w = vec![1.into(), vec![500.into(), 600.into()].into(), 10.into(), 20.into(), 1000.into()];
        let descendant = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "CIDFontType2", "W" => w, "DW" => 900 });
        let type0 = dictionary! { "Type" => "Font", "Subtype" => "Type0", "DescendantFonts" => vec![descendant.into()] };
        let widths = Widths::of(&doc, &type0).expect("widths");
        assert_eq!([1, 2, 15, 30].map(|c| widths.of_code(c)), [Some(0.5), Some(0.6), Some(1.0), Some(0.9)], "a list, a range, the default");
        let type3 = dictionary! { "Type" => "Font", "Subtype" => "Type3", "FirstChar" => 65, "Widths" => vec![512.into()], "FontMatrix" => vec![Object::Real(1.0 / 1024.0), 0.into(), 0.into(), Object::Real(-1.0 / 1024.0), 0.into(), 0.into()] };
        let widths = Widths::of(&doc, &type3).expect("widths");
        assert_eq!((widths.of_code(65), widths.of_code(66)), (Some(0.5), None), "scaled by the font matrix; none past Widths");
        let bad = doc.add_object(dictionary! { "Subtype" => "CIDFontType2", "W" => vec![Object::Integer(-1), 5.into(), 500.into()] });
        assert!(
            Widths::of(&doc, &dictionary! { "Subtype" => "Type0", "DescendantFonts" => vec![bad.into()] }).is_none(),
            "a negative code is refused, not wrapped"
        );
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
