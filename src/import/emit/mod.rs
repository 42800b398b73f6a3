//! The last stage of an import: the draft's TOML files written, in the
//! layout of the hand-made bundles, and checked as a bundle. `writer` is
//! the TOML writer (every string a TOML literal, one escaping path);
//! `files` writes the duties, the policy and the outcome tables with the
//! source line of each entry; `further` writes the further parts as the
//! model's own (through `toml_edit`); `verify` comments out what would not
//! build.

use std::fmt::Write as _;

use rust_i18n::t;

use crate::load::MANIFEST;

use crate::import::layout;
use crate::import::parts::draft::Read;
use crate::import::text::markers::first_number;
use crate::import::text::notes::Note;

mod files;
mod further;
pub(in crate::import) mod verify;
mod writer;

use files::{emit_duties, emit_policy, emit_table};
use further::parts_file;
use writer::{Toml, lit};

/// A draft bundle: file name (relative to the bundle dir) -> TOML text. The manifest is "booklet.toml".
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub files: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

/// The draft's files and notes from what the parts read: a file for the
/// duties, the policy and each outcome table (named by its year where the
/// years differ), and the manifest, with what a PDF's layout found beyond
/// its lines (see [`layout::Layout`]): the parts' order, the numbering
/// styles and the further parts.
pub(in crate::import) fn draft(mut read: Read, layout: Option<&layout::Layout>) -> Draft {
    let notes = &mut read.notes;
    let mut files = Vec::new();
    if let Some(d) = &read.duties {
        files.push(("duties.toml".to_string(), emit_duties(d, notes)));
    }
    if let Some(p) = &read.policy {
        files.push(("policy.toml".to_string(), emit_policy(p)));
    }
    let years: Vec<Option<i64>> = read.tables.iter().map(|t| first_number(&t.heading)).collect();
    let unique = years.iter().all(Option::is_some) && (1..years.len()).all(|i| !years[..i].contains(&years[i]));
    for (t, table) in read.tables.iter().enumerate() {
        let name = match years[t] {
            Some(year) if unique => format!("outcomes-{year}.toml"),
            _ => format!("outcomes-{}.toml", t + 1),
        };
        files.push((name, emit_table(table)));
    }

    let mut m = Toml::default();
    m.comment(&t!("import.assemble.manifest_comment"));
    m.table("booklet");
    m.string("agency", &read.agency);
    m.string("title", &read.title);
    let _ = writeln!(m.0, "fiscal_year = {}", read.fiscal_year);
    let include: Vec<String> = files.iter().map(|(name, _)| lit(name)).collect();
    let _ = writeln!(m.0, "include = [{}]", include.join(", "));
    if let Some(order) = layout.and_then(|l| l.order.as_ref()) {
        let names: Vec<String> = order.iter().map(|s| (*s).to_string()).collect();
        m.inline_strings("order", &names);
    }
    if let Some(heading) = &read.outcomes_heading {
        m.table("outcomes");
        m.string("heading", heading);
    }
    if let Some(layout) = layout {
        m.0.push_str(&layout.styles.table());
        m.0.push_str(&parts_file(&layout.parts));
    }
    files.insert(0, (MANIFEST.to_string(), m.0));

    let mut notes = std::mem::take(&mut read.notes.0);
    notes.sort_by_key(|n| n.line);
    Draft { files, notes }
}
