//! The last stage of an import: what the parts read made into the model's
//! own types, each file of the draft a [`model::BundleFile`], written in
//! the layout of the hand-made bundles and checked as a bundle. `files`
//! makes the duties, the policy and the outcome tables, keeping each
//! entry's source line; `further` the further parts; `writer` writes them
//! through `toml_edit` (one escaping path); `verify` comments out what
//! would not build.

use rust_i18n::t;

use crate::load::MANIFEST;
use crate::model;

use crate::import::layout;
use crate::import::parts::draft::{Read, Typed};
use crate::import::read::budget_part::BudgetPart;
use crate::import::text::markers::first_number;
use crate::import::text::notes::Note;

mod files;
mod further;
pub(in crate::import) mod verify;
mod writer;

use files::{emit_duties, emit_policy, emit_table};
use further::further_parts;

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
/// styles and the further parts; and the budget data read back, as data
/// files named by the manifest's `[budget]`.
pub(in crate::import) fn draft(mut read: Read, layout: Option<&layout::Layout>, budget: Option<&BudgetPart>) -> Draft {
    let data = budget.map(|b| b.files(read.fiscal_year));
    let mut files = Vec::new();
    if let Some(d) = &read.duties {
        files.push(("duties.toml".to_string(), emit_duties(d)));
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

    let manifest = model::BundleFile {
        booklet: Some(model::Meta {
            agency: read.agency.clone(),
            title: read.title.clone(),
            fiscal_year: read.fiscal_year,
            date: None,
            language: model::default_language(),
            include: files.iter().map(|(name, _)| name.clone()).collect(),
            order: layout.and_then(|l| l.order.as_ref()).map(|order| order.iter().map(|s| (*s).to_string()).collect()),
        }),
        numbering: Some(as_typed(layout.map(|l| l.styles.numbering()).unwrap_or_default(), &read.typed)),
        budget: data.as_ref().map(|(_, spec)| spec.clone()),
        outcomes: read.outcomes_heading.clone().map(|heading| model::OutcomesFile { heading: Some(heading), tables: Vec::new() }),
        parts: layout.map(|l| further_parts(&l.parts)).unwrap_or_default(),
        ..model::BundleFile::default()
    };
    let mut doc = writer::document(&manifest, &[]);
    numbering_as_found(&mut doc);
    if let Some(budget) = doc.get_mut("budget").and_then(toml_edit::Item::as_table_mut) {
        budget.decor_mut().set_prefix(format!("\n# {}\n", t!("import.budget.comment")));
    }
    files.insert(0, (MANIFEST.to_string(), writer::with_comments(&doc, &[t!("import.assemble.manifest_comment").as_ref()])));
    files.extend(data.map(|(data, _)| data).unwrap_or_default());

    let mut notes = std::mem::take(&mut read.notes.0);
    notes.sort_by_key(|n| n.line);
    Draft { files, notes }
}

/// The manifest's `[numbering]` with only the styles that differ from the
/// default, under a comment that says they were found; none when all are
/// the default.
fn numbering_as_found(doc: &mut toml_edit::DocumentMut) {
    let default = toml_edit::ser::to_document(&model::Numbering::default()).unwrap_or_default();
    let Some(numbering) = doc.get_mut("numbering").and_then(toml_edit::Item::as_table_mut) else { return };
    numbering.retain(|key, value| value.as_str() != default.get(key).and_then(toml_edit::Item::as_str));
    if numbering.is_empty() {
        doc.remove("numbering");
    } else {
        numbering.decor_mut().set_prefix(format!("\n# {}\n", t!("import.numbering.comment")));
    }
}

/// The booklet's numbering: the styles a layout found (its tables' levels
/// among them), each level the parts read a label of as typed there.
/// Units and goals, and their entries, are numbered apart only where they
/// were typed unlike the list and the sublist.
fn as_typed(mut numbering: model::Numbering, typed: &Typed) -> model::Numbering {
    for (level, typed) in [
        (&mut numbering.part, &typed.part),
        (&mut numbering.chapter, &typed.chapter),
        (&mut numbering.section, &typed.section),
        (&mut numbering.list, &typed.list),
    ] {
        if let Some(pattern) = typed {
            level.clone_from(pattern);
        }
    }
    numbering.unit = typed.unit.clone().filter(|unit| *unit != numbering.list);
    numbering.unit_item = typed.unit_item.clone().filter(|item| *item != numbering.sublist);
    numbering.goal = typed.goal.clone().filter(|goal| *goal != numbering.list);
    numbering.goal_item = typed.goal_item.clone().filter(|item| *item != numbering.sublist);
    numbering
}
