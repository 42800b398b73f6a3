//! Importing: a draft bundle from last year's booklet, the engine of
//! `booklet import FILE --out DIR`. The file is a PDF, a `.docx` or `.odt`,
//! or a text, told apart by content ([`import_file`]).
//!
//! Every input goes the same way, one stage a file:
//! 1. read it into a layout ([`layout::Layout`]): typed lines
//!    ([`layout::Lines`]: text, whether it opens a table cell, page) with
//!    the numbering styles, the plans table's amounts, the further parts
//!    and the parts' order. A tagged PDF's structure ([`pdf`]) and a word
//!    processor's file ([`word`]) give blocks (headings, paragraphs,
//!    tables with spans), which `blocks` lays out; an untagged PDF's text
//!    by position, or a text without tab-led cells (`pdftotext -layout`,
//!    `-raw`, a viewer's copy), goes through `untabbed`, which rebuilds
//!    its tables, chart and further parts; a word processor's text export
//!    (tab-led cells) is read as lines as it is;
//! 2. drop page furniture (`furniture`: page numbers, running heads, the
//!    table of contents, form feeds) from the lines;
//! 3. read headings and numbering (`markers`, `numbering`);
//! 4. rebuild tables (`tables`) and read each part (`duties`, `policy`,
//!    `outcomes`);
//! 5. assemble the bundle's files (`assemble`, `emit`; the further parts
//!    are the model's own, written through `toml_edit`);
//! 6. check it builds (`check`), loaded and validated in memory: what
//!    would not is commented out in place, with a note.
//!
//! The numbers the stages judge a layout by are in `heuristics`.
//!
//! The lines the later stages read are those of a word processor's
//! extraction (see `tests/fixtures/mol-109-source.txt`): the front matter
//! (agency, title, fiscal year), numbered headings, list entries (`1、…`,
//! `（1）…`), results (`1. …`), lines wrapped by the layout, and table
//! cells. Parts and sections are recognised by their customary
//! wording (職掌, 分層業務, 員額, 施政目標, 施政計畫, 實施成果), not by their
//! numbers. What cannot be placed with certainty comes back as [`Note`]s
//! with the source line (and page, for a PDF): lines not recognised,
//! tables that cannot be parsed, and outcome tables whose results cannot
//! be matched to their sub-items with certainty (the results are grouped,
//! a `1.` starting a group, and the groups given to the sub-items in
//! order; when the counts differ, a note says so).
//!
//! The importer never panics: any input gives a draft or an
//! [`ImportError`], and a draft always builds.

use rust_i18n::t;
use unicode_normalization::UnicodeNormalization;

mod emit;
mod heuristics;
mod layout;
mod parts;
mod read;
mod text;

pub use emit::Draft;
pub use read::{pdf, word};
pub use text::notes::Note;

use emit::verify;
use layout::furniture;
use parts::assemble::Importer;
use parts::cell_lines::read_cells;
use read::{budget_part, untabbed};
use text::lines::{Line, clean, lines_of, quote};
use text::markers::part_heading;
use text::styles;

/// Why a file cannot be imported.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ImportError {
    Pdf(pdf::PdfError),
    /// A `.docx` or `.odt` that cannot be read; the message says why.
    Word(String),
    NotText(usize),
    Empty,
    NotABooklet,
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::Pdf(e) => std::fmt::Display::fmt(e, f),
            ImportError::Word(e) => f.write_str(e),
            ImportError::NotText(byte) => f.write_str(&t!("import.error.not_text", byte = byte)),
            ImportError::Empty => f.write_str(&t!("import.error.empty")),
            ImportError::NotABooklet => f.write_str(&t!("import.error.not_a_booklet")),
        }
    }
}

/// As `#[error(transparent)]` was: the PDF's error stands for itself (it
/// has no source of its own).
impl std::error::Error for ImportError {}

impl From<pdf::PdfError> for ImportError {
    fn from(e: pdf::PdfError) -> Self {
        ImportError::Pdf(e)
    }
}

/// Drafts a bundle from a file: a PDF (told by its `%PDF-` header, not by
/// its name) or a text extraction in UTF-8.
///
/// # Errors
///
/// A PDF that cannot be read (corrupt, encrypted, without text), a file
/// that is neither PDF nor UTF-8 text, and one that holds no booklet part.
pub fn import_file(bytes: &[u8]) -> Result<Draft, ImportError> {
    let head = &bytes[..bytes.len().min(1024)];
    let draft = if head.windows(5).any(|w| w == b"%PDF-") {
        import_pdf(bytes)?
    } else if word::is_package(bytes) {
        import_word(bytes)?
    } else {
        let text = std::str::from_utf8(bytes).map_err(|e| ImportError::NotText(e.valid_up_to()))?;
        if text.trim().is_empty() {
            return Err(ImportError::Empty);
        }
        let (text, budget) = split_budget(text);
        match untabbed::tabulate(text, &[]) {
            Some(tabulated) => from_layout(&tabulated.layout, Some(&tabulated.lines), budget),
            None => verify::ensure_builds(draft_of(text_lines(text), None, budget)),
        }
    };
    if draft.files.len() <= 1 {
        return Err(ImportError::NotABooklet);
    }
    Ok(draft)
}

/// Drafts a bundle from a PDF, read in-process: its tagged structure where
/// it has one, else its text by position. Notes carry the page.
///
/// # Errors
///
/// A PDF that cannot be read (corrupt, encrypted, without text).
pub fn import_pdf(bytes: &[u8]) -> Result<Draft, pdf::PdfError> {
    Ok(match pdf::read(bytes)? {
        pdf::Read::Blocks(blocks) => {
            // A typed 目次 (a word processor's, tagged as paragraphs or
            // headings with their page numbers) is no content.
            let blocks = word::without_typed_toc(blocks);
            let (blocks, budget) = match budget_part::start_in_blocks(&blocks) {
                Some(at) => (&blocks[..at], budget_part::from_blocks(&blocks[at..])),
                None => (&blocks[..], None),
            };
            from_layout(&layout::lay_out_blocks(blocks), None, budget)
        }
        // Untagged: its text by position, read as a text is.
        pdf::Read::Positioned { text, landscape } => {
            let text = furniture::without_running(&text);
            let (text, budget) = split_budget(&text);
            match untabbed::tabulate(text, &landscape) {
                Some(tabulated) => from_layout(&tabulated.layout, None, budget),
                None => verify::ensure_builds(draft_of(text_lines(text), None, budget)),
            }
        }
    })
}

/// Drafts a bundle from a word processor's file (`.docx` or `.odt`, told
/// by their contents): its blocks read as a tagged PDF's are; a note for
/// each picture or drawing, which cannot be read.
///
/// # Errors
///
/// A package that cannot be read (see [`word::read`]).
pub fn import_word(bytes: &[u8]) -> Result<Draft, ImportError> {
    let read = word::read(bytes).map_err(ImportError::Word)?;
    let blocks = &read.blocks;
    let (blocks, budget) = match budget_part::start_in_blocks(blocks) {
        Some(at) => (&blocks[..at], budget_part::from_blocks(&blocks[at..])),
        None => (&blocks[..], None),
    };
    let mut draft = from_layout(&layout::lay_out_blocks(blocks), None, budget);
    for page in read.pictures {
        draft.notes.push(Note { line: 0, page: Some(page), message: t!("import.word.picture").into_owned() });
    }
    Ok(draft)
}

/// A text without its budget part (the 歲出機關別預算表 stands last), and
/// that part read.
fn split_budget(text: &str) -> (&str, Option<budget_part::BudgetPart>) {
    match budget_part::start_in_text(text) {
        Some(at) => (&text[..at], budget_part::from_text(&text[at..])),
        None => (text, None),
    }
}

/// The draft of a text laid out as the later stages read it (from a PDF's
/// blocks, or from a text's tables rebuilt): `lines` gives the source line
/// of each of its lines, where there is a source text.
fn from_layout(layout: &layout::Layout, lines: Option<&[usize]>, budget: Option<budget_part::BudgetPart>) -> Draft {
    let mut draft = verify::ensure_builds(draft_of(laid_lines(&layout.lines), Some(layout), budget));
    for note in draft.notes.iter_mut().filter(|n| n.line > 0) {
        match lines {
            Some(lines) => note.line = lines.get(note.line - 1).copied().unwrap_or(note.line),
            None => note.page = layout.lines.0.get(note.line - 1).map(|l| l.page).filter(|&p| p > 0),
        }
    }
    // (Their lines are the source's already.)
    for (line, page, heading) in layout.parts.iter().flat_map(|p| &p.unread) {
        let message = t!("import.parts.unread_table", heading = quote(heading)).into_owned();
        draft.notes.push(Note { line: *line, page: (*page > 0).then_some(*page), message });
    }
    draft
}

/// Drafts a bundle from a booklet's plain-text extraction; the draft
/// builds (see the `check` stage).
pub fn import(text: &str) -> Draft {
    let (text, budget) = split_budget(text);
    verify::ensure_builds(draft_of(text_lines(text), None, budget))
}

/// The draft of a text, before its check as a bundle, with what its
/// layout found beyond the text where it was laid out from a PDF's
/// blocks or rebuilt tables.
fn draft_of(lines: Vec<Line>, layout: Option<&layout::Layout>, budget: Option<budget_part::BudgetPart>) -> Draft {
    let mut im = Importer::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.cell {
            let (cells, next) = read_cells(&lines, i, im.part);
            im.table(cells, line.no);
            im.blank = true;
            i = next;
            continue;
        }
        i += 1;
        if line.text.is_empty() {
            im.blank = true;
            continue;
        }
        match part_heading(&line.text) {
            Some((part, heading)) if part > im.part => im.enter(part, heading, line),
            _ => im.line(line),
        }
        im.blank = false;
    }
    emit::draft(im.finish(layout), layout, budget.as_ref())
}

/// The lines of a text, read: its furniture dropped, each line cleaned.
fn text_lines(text: &str) -> Vec<Line> {
    let mut lines = lines_of(&furniture::drop_furniture(text));
    // (A text's labels stand as typed.)
    for line in &mut lines {
        line.typed = styles::pattern_of(&line.text);
    }
    lines
}

/// The lines a reader laid out, read as a text's are: furniture dropped,
/// each cleaned; without writing them out as a text to split again.
fn laid_lines(lines: &layout::Lines) -> Vec<Line> {
    let mut laid = lines.0.clone();
    furniture::drop_furniture_lines(&mut laid);
    laid.into_iter()
        .enumerate()
        .map(|(i, l)| {
            let text = clean(&l.text.nfc().collect::<String>());
            let typed = l.typed.or_else(|| styles::pattern_of(&text));
            Line { no: i + 1, cell: l.cell, text, typed }
        })
        .collect()
}
