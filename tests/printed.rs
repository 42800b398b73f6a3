//! The printed walk forgets nothing of the view: every string the view
//! serializes for the templates stands in [`booklet::view::printed`]
//! (as an entry's text, a field's value or a section's name), but the
//! fields that only place things (anchors, keys), the markers (numbering
//! is compared as patterns) and the chart's other forms (its outline holds
//! every box). A field added to the view and not to the walk fails here.

mod common;

use std::collections::BTreeSet;

use booklet::build::{Engine, Paths};
use booklet::view::{build, printed};
use common::root;

/// View fields that print nothing of their own: the workbook's sheet names
/// and an outcome table's period (workbook only), places, keys, the
/// language, the PDF's title (metadata), the markers and the chart's
/// levels and flat lists (the outline holds the same boxes), and a work
/// plan's name with its marker (its `title` is the name), and the numbering
/// patterns (the walk keeps those of the levels that print a marker), the
/// plans table's sum labels (printed with an amount column only, where the
/// walk names the subtotals and the totals row by them), and a budget
/// row's level (which of the number columns holds its number).
const NOT_WALKED: [&str; 24] = [
    "sheet",
    "period",
    "subtotal_label",
    "total_label",
    "anchor",
    "content_anchors",
    "piece_anchors",
    "key",
    "language",
    "region",
    "document_title",
    "kind",
    "marker",
    "number",
    "numbering",
    "line",
    "tree",
    "head",
    "deputies",
    "units",
    "agencies",
    "task_forces",
    "what",
    "level",
];

fn strings(value: &serde_json::Value, field: &str, out: &mut BTreeSet<String>) {
    if NOT_WALKED.contains(&field) {
        return;
    }
    match value {
        serde_json::Value::String(s) if !s.is_empty() => {
            out.insert(s.clone());
        }
        serde_json::Value::Array(items) => items.iter().for_each(|v| strings(v, field, out)),
        serde_json::Value::Object(map) => map.iter().for_each(|(k, v)| strings(v, k, out)),
        _ => {}
    }
}

#[test]
fn every_printed_string_of_the_view_is_walked() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let mut dirs = vec![root().join("inputs/mol-109")];
    dirs.extend(common::shapes());
    for dir in dirs {
        let reference = booklet::load::BundleRef { name: dir.file_name().unwrap().into(), dir: dir.clone() };
        let (bundle, _) = engine.check(&reference, false).unwrap_or_else(|d| panic!("{d:#?}"));
        let view = build(&bundle.booklet);
        let mut wanted = BTreeSet::new();
        strings(&serde_json::to_value(&view).unwrap(), "", &mut wanted);
        let walked = printed(&view);
        let mut have = BTreeSet::new();
        for s in &walked.sections {
            have.insert(s.name.clone());
            for e in &s.entries {
                have.insert(e.text.clone());
                have.extend(e.fields.iter().map(|f| f.value.text.clone()));
                have.extend(e.fields.iter().map(|f| f.name.clone()));
            }
        }
        // A work plan's printed name is its number and its title.
        let missing: Vec<&String> = wanted
            .iter()
            .filter(|s| !have.contains(*s))
            .filter(|s| !have.iter().any(|h| !h.is_empty() && s.ends_with(h.as_str()) && s.len() - h.len() <= 12))
            .collect();
        assert!(missing.is_empty(), "{}: the printed walk misses {missing:?}", dir.display());
    }
}
