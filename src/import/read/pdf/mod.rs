//! Stage 1 of an import from a PDF: the document read in-process (lopdf)
//! into blocks in reading order: headings, paragraphs and tables with their
//! rows, cells and spans.
//!
//! A tagged PDF (booklet's own are, Word's often are, a browser's printed
//! page is) says what each
//! piece of text is: the structure tree gives headings (`H1`…), paragraphs
//! (`P`), tables (`Table`, `TR`, `TH`, `TD` with `RowSpan` and `ColSpan`),
//! and leaves page numbers and running heads out as artifacts; the table of
//! contents (`TOC`) is dropped here. The text of each marked-content
//! sequence is decoded through its font's ToUnicode map. An untagged PDF
//! gives its text by position instead (`position`), laid out as
//! `pdftotext -layout` lays it out, the rules of its tables parting their
//! columns, for the text importer to read.
//!
//! One file a step: `content` decodes each page's content (marked text,
//! positioned runs, upright rules) through its fonts (`font`: text and
//! widths), `tagged` walks the structure tree
//! into blocks, `position` lays untagged text out.
//!
//! Bad input is an [`PdfError`], never a panic: a file that does not parse,
//! an encrypted one, one without text (a scan).

use std::collections::{BTreeMap, HashMap};

use lopdf::{Document, Object, ObjectId};
use rust_i18n::t;

mod content;
mod font;
pub mod limits;
mod position;
mod tagged;

pub use crate::import::layout::{Block, TableCell};

use content::{Mark, Rule, Run, read_page};
use position::{by_position, text_pages};
use tagged::{Tree, role_map};

/// Why a PDF cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    Corrupt(String),
    Encrypted,
    NoText,
    TooLarge(String),
}

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PdfError::Corrupt(reason) => f.write_str(&t!("import.pdf.corrupt", reason = reason)),
            PdfError::Encrypted => f.write_str(&t!("import.pdf.encrypted")),
            PdfError::NoText => f.write_str(&t!("import.pdf.no_text")),
            PdfError::TooLarge(reason) => f.write_str(&t!("import.pdf.too_large", reason = reason)),
        }
    }
}

impl std::error::Error for PdfError {}

/// What a PDF gives: its tagged structure as blocks, or (untagged) its
/// text laid out by position, as `pdftotext -layout` lays it out.
#[derive(Debug, Clone, PartialEq)]
pub enum Read {
    Blocks(Vec<Block>),
    /// The text by position, and the pages turned sideways (wider than
    /// high as shown), counted as the text's pages (from 1, a form feed
    /// before each after the first).
    Positioned {
        text: String,
        landscape: Vec<usize>,
    },
}

/// Reads a PDF into blocks, or its text by position where it is untagged.
///
/// # Errors
///
/// A file that does not parse, an encrypted one, one without text.
pub fn read(bytes: &[u8]) -> Result<Read, PdfError> {
    // A file built to break a PDF parser must not take the process down:
    // a panic inside the reader is a corrupt file like any other.
    std::panic::catch_unwind(|| read_unguarded(bytes)).unwrap_or_else(|_| Err(PdfError::Corrupt(t!("import.pdf.malformed").into_owned())))
}

fn read_unguarded(bytes: &[u8]) -> Result<Read, PdfError> {
    limits::scan(bytes)?;
    let doc = Document::load_mem(bytes).map_err(|e| match e {
        lopdf::Error::Decryption(_) | lopdf::Error::UnsupportedSecurityHandler(_) => PdfError::Encrypted,
        e => PdfError::Corrupt(e.to_string()),
    })?;
    let pages: BTreeMap<u32, ObjectId> = doc.get_pages();
    if pages.is_empty() {
        return Err(PdfError::Corrupt(t!("import.pdf.no_pages").into_owned()));
    }
    let page_numbers: HashMap<ObjectId, usize> = pages.iter().map(|(&n, &id)| (id, n as usize)).collect();
    let mut texts: HashMap<(ObjectId, i64), Mark> = HashMap::new();
    let mut runs: Vec<Run> = Vec::new();
    let mut rules: Vec<Rule> = Vec::new();
    let mut maps = font::Maps::new();
    let mut budget = limits::MAX_CONTENT;
    for (&number, &id) in &pages {
        read_page(&doc, id, number as usize, &mut texts, &mut runs, &mut rules, &mut maps, &mut budget)?;
    }
    if texts.values().map(|m| &m.text).chain(runs.iter().map(|r| &r.text)).all(|t| t.trim().is_empty()) {
        // (An encrypted PDF that opens without a password reads as any.)
        return Err(if doc.is_encrypted() { PdfError::Encrypted } else { PdfError::NoText });
    }
    let tree = Tree {
        doc: &doc,
        visits: std::cell::Cell::new(0),
        walked: Default::default(),
        texts: &texts,
        pages: &page_numbers,
        roles: role_map(&doc),
    };
    let mut blocks = Vec::new();
    if let Some(root) = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()) {
        tree.walk(root, None, &mut blocks, 0);
    }
    if tree.visits.get() > limits::MAX_TREE_VISITS {
        return Err(PdfError::TooLarge(t!("import.pdf.tree_visits", max = limits::MAX_TREE_VISITS).into_owned()));
    }
    let tagged_text: usize = blocks.iter().map(block_len).sum();
    let all_text: usize = texts.values().map(|m| m.text.chars().count()).sum();
    if tagged_text * 2 < all_text || blocks.is_empty() {
        // Untagged, or tagged too thinly to trust: by position.
        // (Counted as the text's pages are: those with text.)
        let landscape = text_pages(&runs)
            .into_iter()
            .enumerate()
            .filter(|(_, n)| pages.get(&(*n as u32)).is_some_and(|&id| is_landscape(&doc, id)))
            .map(|(k, _)| k + 1)
            .collect();
        return Ok(Read::Positioned { text: by_position(&runs, &rules), landscape });
    }
    for block in &mut blocks {
        if let Block::Table { page, landscape, .. } = block
            && let Some(&id) = pages.get(&(*page as u32))
        {
            *landscape = is_landscape(&doc, id);
        }
    }
    Ok(Read::Blocks(blocks))
}

/// Whether a page is wider than high as shown: its `MediaBox` (its own or
/// inherited from the page tree, a few levels up at most), turned by its
/// `Rotate`.
fn is_landscape(doc: &Document, page: ObjectId) -> bool {
    let mut dict = doc.get_dictionary(page).ok();
    let (mut media, mut rotate) = (None, None);
    for _ in 0..limits::MAX_INHERIT {
        let Some(d) = dict else { break };
        media = media.or_else(|| d.get(b"MediaBox").ok().and_then(|o| content::deref(doc, o)).and_then(|o| o.as_array().ok()).cloned());
        rotate = rotate.or_else(|| d.get(b"Rotate").ok().and_then(|o| content::deref(doc, o)).and_then(|o| o.as_i64().ok()));
        dict = d.get(b"Parent").ok().and_then(|o| content::deref(doc, o)).and_then(|o| o.as_dict().ok());
    }
    let number = |o: &Object| o.as_float().ok().or_else(|| o.as_i64().ok().map(|i| i as f32));
    let Some(b) = media.filter(|b| b.len() == 4) else {
        return false;
    };
    let [Some(x0), Some(y0), Some(x1), Some(y1)] = [number(&b[0]), number(&b[1]), number(&b[2]), number(&b[3])] else {
        return false;
    };
    let wide = (x1 - x0).abs() > (y1 - y0).abs();
    if rotate.is_some_and(|r| r.rem_euclid(180) == 90) { !wide } else { wide }
}

fn block_len(b: &Block) -> usize {
    match b {
        Block::Heading { text, .. } | Block::Paragraph { text, .. } => text.chars().count(),
        Block::Table { rows, .. } => rows.iter().flatten().flat_map(|c| &c.paragraphs).map(|p| p.chars().count()).sum(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_pdfs_are_errors_not_panics() {
        assert!(matches!(read(b"%PDF-1.7\n%garbage"), Err(PdfError::Corrupt(_))));
        assert!(matches!(read(b""), Err(PdfError::Corrupt(_))));
    }
}
