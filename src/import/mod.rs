//! Importing: a draft bundle from the plain-text extraction of a printed
//! booklet, the engine of `booklet import TEXT --out DIR`.
//!
//! The extraction (see `tests/fixtures/mol-109-source.txt`) holds the
//! booklet's text line by line: the front matter (agency, title, fiscal
//! year), numbered headings (`1、 現行法定職掌`, `（1） 機關主要職掌：`), list
//! entries (`1、…`, `（1）…`), results (`1. …`), lines wrapped by the layout,
//! and tables whose cells start with a tab. [`import`] turns it into the
//! TOML files of a bundle: `booklet.toml`, `duties.toml`, `policy.toml` and
//! one `outcomes-N.toml` per outcome table, with list markers stripped
//! (the booklet numbers entries itself), wrapped lines joined, layout runs
//! of spaces removed and the text NFC-normalised.
//!
//! Parts and sections are recognised by their customary wording (職掌,
//! 分層業務, 員額, 施政目標, 施政計畫, 實施成果), not by their numbers, since
//! the extraction writes part and list numbers alike. What cannot be placed
//! with certainty comes back as [`Note`]s with the source line: lines not
//! recognised (left out of the draft), tables that cannot be parsed, and
//! above all the outcome tables, whose 實施成果 cell holds the results of
//! all sub-items of a work plan without saying which belong to which: the
//! results are grouped (a `1.` starts a group, `2.`, `3.`… continue it, any
//! other line is a group of its own) and the groups assigned to the
//! sub-items in order; when the counts differ, a note says so.
//!
//! The importer never panics: any text gives a draft, possibly nearly
//! empty, whose files always parse as bundle files.

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use crate::{load::MANIFEST, validate::leading_marker, validate::sheet_name_problem, workbook::FIXED_SHEETS};

mod assemble;
mod duties;
mod emit;
mod lines;
mod markers;
mod outcomes;
mod policy;
mod tables;

use assemble::*;
use duties::*;
use emit::*;
use lines::*;
use markers::*;
use outcomes::*;
use policy::*;
use tables::*;

/// A draft bundle: file name (relative to the bundle dir) -> TOML text. The manifest is "booklet.toml".
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub files: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

/// Something the importer could not place with certainty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The 1-based source line.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Drafts a bundle from a booklet's plain-text extraction.
pub fn import(text: &str) -> Draft {
    let lines = lines_of(text);
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
            Some((part, heading)) if part > im.part => im.enter(part, heading),
            _ => im.line(line),
        }
        im.blank = false;
    }
    im.finish()
}
