//! Stage 1 of an import from a PDF: the document read in-process (lopdf)
//! into blocks in reading order: headings, paragraphs and tables with their
//! rows, cells and spans.
//!
//! A tagged PDF (booklet's own are, and Word's often are) says what each
//! piece of text is: the structure tree gives headings (`H1`…), paragraphs
//! (`P`), tables (`Table`, `TR`, `TH`, `TD` with `RowSpan` and `ColSpan`),
//! and leaves page numbers and running heads out as artifacts; the table of
//! contents (`TOC`) is dropped here. The text of each marked-content
//! sequence is decoded through its font's ToUnicode map. An untagged PDF
//! gives its text runs by position instead: runs on one baseline make a
//! line, lines in page order a paragraph each, with page numbers dropped by
//! the furniture stage.
//!
//! Bad input is an [`PdfError`], never a panic: a file that does not parse,
//! an encrypted one, one without text (a scan).

use std::collections::{BTreeMap, HashMap};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// What a PDF holds, in reading order.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of the given level (1 for `H1`), or 0 where the PDF does
    /// not say.
    Heading { level: u8, text: String, page: usize },
    Paragraph { text: String, page: usize },
    Table { rows: Vec<Vec<TableCell>>, page: usize },
}

/// One cell of a table as tagged: its paragraphs and spans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableCell {
    pub paragraphs: Vec<String>,
    pub header: bool,
    pub row_span: usize,
    pub col_span: usize,
}

/// Why a PDF cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    #[error("the PDF cannot be read ({0}); is the file complete?")]
    Corrupt(String),
    #[error("the PDF is encrypted; save an unprotected copy and import that")]
    Encrypted,
    #[error("the PDF has no text (a scan?); run it through OCR first or import its text")]
    NoText,
}

/// What a PDF gives: its tagged structure as blocks, or (untagged) its
/// text laid out by position, as `pdftotext -layout` lays it out.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Blocks(Vec<Block>),
    Positioned(String),
}

/// Reads a PDF into blocks, or its text by position where it is untagged.
///
/// # Errors
///
/// A file that does not parse, an encrypted one, one without text.
pub fn read(bytes: &[u8]) -> Result<Read, PdfError> {
    // A file built to break a PDF parser must not take the process down:
    // a panic inside the reader is a corrupt file like any other.
    std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or_else(|_| Err(PdfError::Corrupt("the reader stopped on a malformed object".into())))
}

fn read_unguarded(bytes: &[u8]) -> Result<Read, PdfError> {
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::UnsupportedSecurityHandler(_) => PdfError::Encrypted,
        e => PdfError::Corrupt(e.to_string()),
    })?;
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Corrupt("no pages".into()));
    }
    let page_numbers: HashMap<ObjectId, usize> = pages.iter().map(|(&n, &id)| (id, n as usize)).collect();
    let mut texts: HashMap<(ObjectId, i64), Mark> = HashMap::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    for (&number, &id) in &pages {
        read_page(&doc, id, number as usize, &mut texts, &mut runs, &mut rules);
    }
    if texts.values().map(|m| &m.text).chain(runs.iter().map(|r| &r.text)).all(|t| t.trim().is_empty()) {
        // (An encrypted PDF that opens without a password reads as any.)
        return Err(if doc.is_encrypted() { PdfError::Encrypted } else { PdfError::NoText });
    }
    let tree = Tree { doc: &doc, texts: &texts, pages: &page_numbers, roles: role_map(&doc) };
    let mut blocks = Vec::new();
    if let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()) {
        tree.walk(root, None, &mut blocks, 0);
    }
    let tagged_text: usize = blocks.iter().map(block_len).sum();
    let all_text: usize = texts.values().map(|m| m.text.chars().count()).sum();
    if tagged_text * 2 < all_text || blocks.is_empty() {
        // Untagged, or tagged too thinly to trust: by position.
        return Ok(Read::Positioned(by_position(&runs, &rules)));
    }
    Ok(Read::Blocks(blocks))
}

fn block_len(b: &Block) -> usize {
    match b {
        Block::Heading { text, .. } | Block::Paragraph { text, .. } => text.chars().count(),
        Block::Table { rows, .. } => rows.iter().flatten().flat_map(|c| &c.paragraphs).map(|p| p.chars().count()).sum(),
    }
}

/// The text of one marked-content sequence, with where it starts and ends.
#[derive(Debug, Clone, Default)]
struct Mark {
    text: String,
    x: f32,
    y: f32,
    size: f32,
    /// Where its last run starts, and where that run ends (x).
    last: (f32, f32),
    end: f32,
}

impl Mark {
    /// Whether `next` goes on from this one as one piece of text: on the
    /// same line right after it, or (upright text) on the same column
    /// right below it.
    fn continued_by(&self, next: &Mark) -> bool {
        let size = self.size.max(next.size).max(1.0);
        let same_line = (next.y - self.last.1).abs() <= 0.3 * size && (-0.5 * size..=1.0 * size).contains(&(next.x - self.end));
        let below = (next.x - self.last.0).abs() <= 0.3 * size && (0.5 * size..=1.6 * size).contains(&(self.last.1 - next.y));
        same_line || below
    }
}

/// A text run as shown, with its place (for untagged PDFs).
#[derive(Debug, Clone)]
struct Run {
    page: usize,
    x: f32,
    y: f32,
    size: f32,
    text: String,
    artifact: bool,
}

/// An upright rule drawn on a page (a table's column border): where it
/// stands and the height it spans.
#[derive(Debug, Clone, Copy)]
struct Rule {
    page: usize,
    x: f32,
    bottom: f32,
    top: f32,
}

/// Decodes a page's text: by marked-content id (for the structure tree) and
/// as positioned runs; and the upright rules drawn on it.
fn read_page(doc: &Document, id: ObjectId, page: usize, texts: &mut HashMap<(ObjectId, i64), Mark>, runs: &mut Vec<Run>, rules: &mut Vec<Rule>) {
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
                    let mark = texts.entry((id, mcid)).or_insert_with(|| Mark { x, y, size, ..Mark::default() });
                    mark.text.push_str(&text);
                    mark.last = (x, y);
                    mark.end = end;
                }
                runs.push(Run { page, x, y, size, text, artifact });
            }
            _ => {}
        }
    }
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

/// The document's role map: custom structure types to standard ones.
fn role_map(doc: &Document) -> HashMap<Vec<u8>, Vec<u8>> {
    let mut map = HashMap::new();
    let root = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()).and_then(|r| deref(doc, r)).and_then(|o| o.as_dict().ok());
    if let Some(roles) = root.and_then(|r| r.get(b"RoleMap").ok()).and_then(|m| deref(doc, m)).and_then(|m| m.as_dict().ok()) {
        for (k, v) in roles.iter() {
            if let Ok(name) = v.as_name() {
                map.insert(k.clone(), name.to_vec());
            }
        }
    }
    map
}

fn deref<'a>(doc: &'a Document, object: &'a Object) -> Option<&'a Object> {
    match object {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

struct Tree<'a> {
    doc: &'a Document,
    texts: &'a HashMap<(ObjectId, i64), Mark>,
    pages: &'a HashMap<ObjectId, usize>,
    roles: HashMap<Vec<u8>, Vec<u8>>,
}

impl Tree<'_> {
    /// The standard type of a structure element.
    fn kind(&self, elem: &Dictionary) -> Vec<u8> {
        let mut s = elem.get(b"S").and_then(Object::as_name).map(<[u8]>::to_vec).unwrap_or_default();
        for _ in 0..8 {
            match self.roles.get(&s) {
                Some(mapped) if *mapped != s => s = mapped.clone(),
                _ => break,
            }
        }
        s
    }

    fn page_of(&self, elem: &Dictionary, inherited: Option<ObjectId>) -> Option<ObjectId> {
        elem.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(inherited)
    }

    fn kids<'b>(&'b self, elem: &'b Dictionary) -> Vec<&'b Object> {
        match elem.get(b"K").ok().and_then(|k| deref(self.doc, k)) {
            Some(Object::Array(items)) => items.iter().collect(),
            Some(other) => vec![other],
            None => Vec::new(),
        }
    }

    /// Walks an element (or the tree root) into blocks.
    fn walk(&self, object: &Object, page: Option<ObjectId>, out: &mut Vec<Block>, depth: usize) {
        if depth > 64 {
            return;
        }
        let Some(elem) = deref(self.doc, object).and_then(|o| o.as_dict().ok()) else { return };
        let page = self.page_of(elem, page);
        let kind = self.kind(elem);
        let page_no = |p: Option<ObjectId>| p.and_then(|p| self.pages.get(&p).copied()).unwrap_or(0);
        match kind.as_slice() {
            b"TOC" | b"TOCI" | b"Artifact" => {}
            [b'H', level @ b'1'..=b'6'] => {
                let text = self.text(elem, page, depth);
                if !text.trim().is_empty() {
                    out.push(Block::Heading { level: level - b'0', text, page: page_no(page) });
                }
            }
            b"H" => {
                let text = self.text(elem, page, depth);
                out.push(Block::Heading { level: 0, text, page: page_no(page) });
            }
            b"Table" => {
                let rows = self.rows(elem, page, depth);
                if !rows.is_empty() {
                    out.push(Block::Table { rows, page: page_no(page.or_else(|| self.first_page(elem, depth))) });
                }
            }
            b"Span" | b"Div" | b"Figure" if self.kids(elem).iter().all(|k| self.mark(k, page).is_some()) => {
                // Text set in pieces (a chart's boxes): a paragraph each.
                for text in self.pieces(elem, page) {
                    if !text.trim().is_empty() {
                        out.push(Block::Paragraph { text, page: page_no(page) });
                    }
                }
            }
            b"P" | b"Span" | b"Link" | b"Lbl" | b"LBody" | b"Quote" | b"Note" | b"Code" | b"Caption" => {
                let text = self.text(elem, page, depth);
                if !text.trim().is_empty() {
                    out.push(Block::Paragraph { text, page: page_no(page) });
                }
            }
            _ => {
                // A container (Document, Part, Sect, Div, L, LI, Figure…):
                // its kids in order, loose marked content as a paragraph.
                let mut loose = String::new();
                for kid in self.kids(elem) {
                    match self.marked(kid, page) {
                        // Loose runs in a container (a chart's boxes) are
                        // pieces of their own.
                        Some(text) => {
                            if !loose.is_empty() && !text.is_empty() {
                                loose.push('\n');
                            }
                            loose.push_str(&text);
                        }
                        None => {
                            flush(&mut loose, out, page_no(page));
                            self.walk(kid, page, out, depth + 1);
                        }
                    }
                }
                flush(&mut loose, out, page_no(page));
            }
        }
    }

    /// The first page any descendant of an element is on.
    fn first_page(&self, elem: &Dictionary, depth: usize) -> Option<ObjectId> {
        if depth > 64 {
            return None;
        }
        self.kids(elem).into_iter().filter_map(|k| deref(self.doc, k).and_then(|o| o.as_dict().ok())).find_map(|child| {
            child.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or_else(|| self.first_page(child, depth + 1))
        })
    }

    /// The text of a marked-content kid (an MCID or an MCR), if it is one.
    fn marked(&self, kid: &Object, page: Option<ObjectId>) -> Option<String> {
        self.mark(kid, page).map(|m| m.map(|m| m.text.clone()).unwrap_or_default())
    }

    /// The marked content a kid refers to: `Some(None)` for a kid that is
    /// marked content but holds no text (or an object reference).
    fn mark(&self, kid: &Object, page: Option<ObjectId>) -> Option<Option<&Mark>> {
        match kid {
            Object::Integer(mcid) => Some(page.and_then(|p| self.texts.get(&(p, *mcid)))),
            Object::Dictionary(d) if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR") => {
                let page = d.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(page);
                let mcid = d.get(b"MCID").ok().and_then(|m| m.as_i64().ok())?;
                Some(page.and_then(|p| self.texts.get(&(p, mcid))))
            }
            Object::Dictionary(d) if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"OBJR") => Some(None),
            _ => None,
        }
    }

    /// The pieces of text a `Span` (or a container's loose content) holds:
    /// marked contents that go on from one another (on a line, or down an
    /// upright column) make one piece; a jump elsewhere (another box of a
    /// chart) starts the next.
    fn pieces(&self, elem: &Dictionary, page: Option<ObjectId>) -> Vec<String> {
        let mut pieces: Vec<String> = Vec::new();
        let mut previous: Option<&Mark> = None;
        for kid in self.kids(elem) {
            let Some(Some(mark)) = self.mark(kid, page) else { continue };
            match (previous, pieces.last_mut()) {
                (Some(p), Some(last)) if p.continued_by(mark) => last.push_str(&mark.text),
                _ => pieces.push(mark.text.clone()),
            }
            previous = Some(mark);
        }
        pieces
    }

    /// All the text of an element; its block-level kids (paragraphs,
    /// headings) on lines of their own.
    fn text(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize) -> String {
        let mut out = String::new();
        self.text_into(elem, page, depth, &mut out);
        out.trim_matches('\n').to_string()
    }

    fn text_into(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize, out: &mut String) {
        if depth > 64 {
            return;
        }
        let page = self.page_of(elem, page);
        for kid in self.kids(elem) {
            if let Some(text) = self.marked(kid, page) {
                out.push_str(&text);
            } else if let Some(child) = deref(self.doc, kid).and_then(|o| o.as_dict().ok()) {
                let kind = self.kind(child);
                let block = matches!(kind.as_slice(), b"P" | b"H1" | b"H2" | b"H3" | b"H4" | b"H5" | b"H6" | b"LI" | b"Div");
                if block && !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                self.text_into(child, page, depth + 1, out);
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }

    /// A table's rows (`TR`, within `THead`, `TBody`, `TFoot` or not).
    fn rows(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize) -> Vec<Vec<TableCell>> {
        let mut rows = Vec::new();
        let page = self.page_of(elem, page);
        for kid in self.kids(elem) {
            let Some(child) = deref(self.doc, kid).and_then(|o| o.as_dict().ok()) else { continue };
            match self.kind(child).as_slice() {
                b"TR" => {
                    let row_page = self.page_of(child, page);
                    let cells = self
                        .kids(child)
                        .into_iter()
                        .filter_map(|c| deref(self.doc, c).and_then(|o| o.as_dict().ok()))
                        .filter(|c| matches!(self.kind(c).as_slice(), b"TD" | b"TH"))
                        .map(|c| self.cell(c, row_page, depth))
                        .collect();
                    rows.push(cells);
                }
                b"THead" | b"TBody" | b"TFoot" => rows.extend(self.rows(child, page, depth + 1)),
                _ => {}
            }
        }
        rows
    }

    fn cell(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize) -> TableCell {
        let span = |key: &[u8]| -> usize {
            let attrs: Vec<&Dictionary> = match elem.get(b"A").ok().and_then(|a| deref(self.doc, a)) {
                Some(Object::Array(items)) => items.iter().filter_map(|i| deref(self.doc, i).and_then(|o| o.as_dict().ok())).collect(),
                Some(Object::Dictionary(d)) => vec![d],
                _ => Vec::new(),
            };
            attrs.iter().find_map(|a| a.get(key).ok().and_then(|v| v.as_i64().ok())).map_or(1, |n| n.clamp(1, 1000) as usize)
        };
        let text = self.text(elem, page, depth + 1);
        TableCell {
            paragraphs: text.split('\n').map(str::to_string).filter(|p| !p.trim().is_empty()).collect(),
            header: self.kind(elem) == b"TH",
            row_span: span(b"RowSpan"),
            col_span: span(b"ColSpan"),
        }
    }
}

fn flush(loose: &mut String, out: &mut Vec<Block>, page: usize) {
    if !loose.trim().is_empty() {
        out.push(Block::Paragraph { text: std::mem::take(loose), page });
    }
    loose.clear();
}

/// Untagged text by position, laid out as `pdftotext -layout` lays it out
/// (which the text importer reads): runs on one baseline (within a fifth
/// of the type size) make a line, left to right, lines top to bottom, a
/// form feed between pages; each run starts at the place its distance from
/// the left margin gives, in half ems of the body text (fine enough to keep
/// upright names a character apart in their columns), a space at least
/// from the run before unless it is as close as a justified line's spacing
/// (then it is the same text).
/// Artifacts (page numbers, running heads) are left out.
fn by_position(runs: &[Run], rules: &[Rule]) -> String {
    let body: Vec<&Run> = runs.iter().filter(|r| !r.artifact && !r.text.trim().is_empty()).collect();
    // The left margin of odd and of even pages (a duplex booklet's
    // alternate), where the text of any of them starts furthest left.
    let mut lefts = [f32::INFINITY; 2];
    for run in &body {
        lefts[run.page % 2] = lefts[run.page % 2].min(run.x);
    }
    // The body text's size: the size most characters are set in.
    let mut sizes: BTreeMap<i64, usize> = BTreeMap::new();
    for run in &body {
        *sizes.entry((run.size * 10.0).round() as i64).or_default() += run.text.chars().count();
    }
    let em = sizes.iter().max_by_key(|(_, n)| **n).map_or(10.0, |(s, _)| *s as f32 / 10.0).max(1.0);
    let mut by_page: BTreeMap<usize, Vec<&Run>> = BTreeMap::new();
    for run in body {
        by_page.entry(run.page).or_default().push(run);
    }
    let mut out = String::new();
    for (k, (page, mut runs)) in by_page.into_iter().enumerate() {
        let left = if lefts[page % 2].is_finite() { lefts[page % 2] } else { 0.0 };
        if k > 0 {
            out.push('\u{c}');
        }
        // PDF space: y grows upwards.
        runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<(f32, Vec<&Run>)> = Vec::new();
        for run in runs {
            let tolerance = (run.size / 5.0).max(1.0);
            match lines.last_mut() {
                Some((y, line)) if (*y - run.y).abs() <= tolerance => line.push(run),
                _ => lines.push((run.y, vec![run])),
            }
        }
        for (y, mut line) in lines {
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            // The rules beside the line: in a ruled table, they alone part
            // its columns.
            let beside: Vec<f32> = rules.iter().filter(|r| r.page == page && r.bottom - 1.0 <= y && y <= r.top + 1.0).map(|r| r.x).collect();
            let mut text = String::new();
            let mut end = f32::MIN;
            for run in line {
                let place = ((run.x - left) * 2.0 / em).round().max(0.0) as usize;
                // Apart by more than a justified line's spacing (a third of
                // an em between full-width characters, three quarters
                // beside Latin text): a column of its own; after a list
                // marker, a space; closer, the same text.
                let gap = (run.x - end) / em;
                let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
                let column = if wide(text.chars().last()) && wide(run.text.chars().next()) { 0.3 } else { 0.75 };
                let marker = super::numbering::detect(text.trim(), false).is_some_and(|(_, _, rest)| rest.trim().is_empty());
                let ruled = beside.len() >= 2;
                let rule_between = beside.iter().any(|&x| end - em / 4.0 <= x && x <= run.x + em / 4.0);
                if text.is_empty() || (ruled && rule_between) || (!ruled && gap >= column) {
                    let at = text.chars().count();
                    let pad = if text.is_empty() { place } else { place.saturating_sub(at).max(1) };
                    text.extend(std::iter::repeat_n(' ', pad));
                } else if marker && gap >= 0.2 {
                    text.push(' ');
                }
                text.push_str(&run.text);
                end = run.x + run.size * run.text.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum::<f32>();
            }
            out.push_str(text.trim_end());
            out.push('\n');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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

    #[test]
    fn bad_pdfs_are_errors_not_panics() {
        assert!(matches!(read(b"%PDF-1.7\n%garbage"), Err(PdfError::Corrupt(_))));
        assert!(matches!(read(b""), Err(PdfError::Corrupt(_))));
    }

    #[test]
    fn runs_on_one_baseline_make_a_line_placed_by_their_distance_from_the_margin() {
        let run = |x: f32, y: f32, text: &str| Run { page: 1, x, y, size: 10.0, text: text.into(), artifact: false };
        let runs = [run(100.0, 700.0, "勞動部"), run(150.0, 700.5, "286"), run(100.0, 680.0, "職員"), run(120.0, 680.0, "工友"), Run { artifact: true, ..run(300.0, 20.0, "3") }];
        assert_eq!(by_position(&runs, &[]), "勞動部       286\n職員工友\n", "a run that touches the one before follows it");
        let two_pages = [run(100.0, 700.0, "壹、現行法定職掌"), Run { page: 2, ..run(120.0, 700.0, "一、機關主要職掌") }, Run { page: 2, ..run(140.0, 680.0, "本部") }];
        assert_eq!(by_position(&two_pages, &[]), "壹、現行法定職掌\n\u{c}一、機關主要職掌\n    本部\n", "odd and even pages from their own margins");
        let marker = [run(100.0, 700.0, "1."), run(112.0, 700.0, "107年"), run(100.0, 680.0, "臉書（"), run(135.0, 680.0, "Facebook）")];
        assert_eq!(by_position(&marker, &[]), "1. 107年\n臉書（Facebook）\n", "a space after a marker, none in a justified line");
        // In a ruled table, a rule parts columns, a wide gap does not.
        let rule = |x: f32| Rule { page: 1, x, bottom: 650.0, top: 710.0 };
        let cells = [run(100.0, 700.0, "作協定"), run(140.0, 700.0, "FTA"), run(200.0, 700.0, "提供")];
        assert_eq!(by_position(&cells, &[rule(95.0), rule(190.0), rule(300.0)]), "作協定FTA              提供\n");
    }
}
