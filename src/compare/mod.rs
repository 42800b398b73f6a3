//! Compare: what changed between two years' booklets of an agency.
//!
//! Two bundles are loaded and validated as for a build, and each is walked
//! into what it prints ([`crate::view::printed`]): the cover, the
//! numbering, the parts and chapters with their order, and every chapter's
//! entries with their figures. Sections pair by their kind and place among
//! that kind; their entries are matched level by level ([`matching`]) by
//! place and by wording, so that a reworded entry is reported as changed,
//! not removed and added, and an entry that went to another group as
//! moved. The figures and cells beside a matched entry are compared by
//! column: an amount, a count or a cell that differs is a change, with the
//! subtotals and totals it moves shown with it (never as changes of their
//! own). The [`Report`] is rendered through the templates
//! (`compare.typ.j2`, the booklet's look) to a PDF, inline or as a
//! 對照表 ([`Style`]), and to a workbook of one row per change. Nothing
//! unchanged is listed.

pub mod data;
pub mod matching;
pub mod output;

use std::collections::HashMap;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::model::Booklet;
use crate::view::{PrintedEntry, PrintedField, PrintedSection, format_count, short};
use matching::{Kind, Pair};

/// How the report shows a change.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, clap::ValueEnum)]
#[serde(rename_all = "snake_case")]
pub enum Style {
    /// Each change with its text marked up: deletions struck through,
    /// insertions underlined.
    #[default]
    Inline,
    /// The government's 對照表: 本年度 | 上年度 | 說明, the new text on the
    /// left, the old on the right.
    Table,
}

/// What changed between two booklets.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The bundles' names (their folders) and the booklets' titles.
    pub old_name: String,
    pub new_name: String,
    pub old_title: String,
    pub new_title: String,
    pub agency: String,
    /// The years, for the 對照表's column headings (`本年度（110年度）`).
    pub old_year: i64,
    pub new_year: i64,
    /// Counts per section that has changes.
    pub counts: Vec<Counts>,
    /// The sections that have changes, with them.
    pub sections: Vec<SectionReport>,
    /// The total of changes of every kind.
    pub total: usize,
}

/// How many changes of each kind a section has.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Counts {
    pub section: String,
    pub added: usize,
    pub removed: usize,
    pub changed: usize,
    pub moved: usize,
}

/// A section's changes, in the order of the newer booklet.
#[derive(Debug, Clone, Serialize)]
pub struct SectionReport {
    pub name: String,
    pub changes: Vec<Change>,
}

/// One change: an entry added, removed, reworded or moved, or one of its
/// figures or cells changed.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// The kind in words: 新增, 刪除, 修改, 移動.
    pub label: &'static str,
    /// What the entry is: 工作計畫, 實施成果, …
    pub what: &'static str,
    /// The column of the figure or cell that changed; empty for a change of
    /// the entry itself.
    pub field: String,
    /// Where it stood and stands (its parents' text, and for a figure the
    /// entry it belongs to); empty where absent.
    pub old_place: String,
    pub new_place: String,
    pub old_text: String,
    pub new_text: String,
    /// The text marked up: kept, deleted and inserted stretches.
    pub segments: Vec<Segment>,
    /// For a number that changed: old, new and the difference.
    pub figure: Option<FigureChange>,
    /// An added or removed entry's figures and cells, by column.
    pub fields: Vec<FieldText>,
    /// What an added or removed entry holds (its contents, results), added
    /// or removed with it, each with its figures.
    pub contents: Vec<String>,
    /// The subtotals and totals this change moves.
    pub totals: Vec<TotalMove>,
}

/// A stretch of a changed text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// `same`, `del` or `ins`.
    pub kind: &'static str,
    pub text: String,
}

/// A number before and after; a side without one is `None` (printed —).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FigureChange {
    pub old: Option<i64>,
    pub new: Option<i64>,
    pub old_text: String,
    pub new_text: String,
    /// The new less the old, signed (`+10,000`, `-2`).
    pub difference: String,
}

/// A figure or cell of an added or removed entry.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FieldText {
    pub name: String,
    pub text: String,
}

/// A subtotal or total moved by a change: which, and its figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TotalMove {
    /// The total's label and column (`小計（綜合規劃業務）`, `總計`).
    pub name: String,
    #[serde(flatten)]
    pub figure: FigureChange,
}

impl Kind {
    /// The kind in the report's words.
    pub fn label(self) -> &'static str {
        match self {
            Kind::Added => "新增",
            Kind::Removed => "刪除",
            Kind::Changed => "修改",
            Kind::Moved => "移動",
        }
    }
}

impl Change {
    /// A change of `what`: its kind, the column changed (empty for the
    /// entry itself), its places and texts (the stretches marked from
    /// them) and its number; no fields, contents or totals yet.
    #[allow(clippy::too_many_arguments)]
    fn new(
        kind: Kind,
        what: &'static str,
        field: String,
        old_place: String,
        new_place: String,
        old_text: String,
        new_text: String,
        figure: Option<FigureChange>,
    ) -> Self {
        Self {
            kind,
            label: kind.label(),
            what,
            field,
            old_place,
            new_place,
            segments: segments(&old_text, &new_text),
            old_text,
            new_text,
            figure,
            fields: Vec::new(),
            contents: Vec::new(),
            totals: Vec::new(),
        }
    }
}

impl FigureChange {
    fn new(old: Option<i64>, new: Option<i64>) -> Self {
        let diff = new.unwrap_or(0).saturating_sub(old.unwrap_or(0));
        Self {
            old,
            new,
            old_text: old.map(format_count).unwrap_or_else(|| "—".into()),
            new_text: new.map(format_count).unwrap_or_else(|| "—".into()),
            difference: if diff > 0 { format!("+{}", format_count(diff)) } else { format_count(diff) },
        }
    }
}

/// Compares two booklets.
///
/// # Parameters
///
/// - `old`, `new`: the validated booklets, older year first;
/// - `old_name`, `new_name`: their bundles' names, for the report.
pub fn compare(old: &Booklet, new: &Booklet, old_name: &str, new_name: &str) -> Report {
    let old_view = crate::view::build(old);
    let new_view = crate::view::build(new);
    let (old_sections, new_sections) = (crate::view::printed(&old_view).sections, crate::view::printed(&new_view).sections);
    let mut keys: Vec<&str> = Vec::new();
    for s in new_sections.iter().chain(&old_sections) {
        if !keys.contains(&s.key.as_str()) {
            keys.push(&s.key);
        }
    }
    let mut counts = Vec::new();
    let mut sections = Vec::new();
    for key in keys {
        let o = old_sections.iter().find(|s| s.key == key);
        let n = new_sections.iter().find(|s| s.key == key);
        let empty = PrintedSection::default();
        let name = n.or(o).map(|s| s.name.clone()).unwrap_or_default();
        let changes = section_changes(o.unwrap_or(&empty), n.unwrap_or(&empty));
        if changes.is_empty() {
            continue;
        }
        let mut count = Counts { section: name.clone(), ..Counts::default() };
        for c in &changes {
            match c.kind {
                Kind::Added => count.added += 1,
                Kind::Removed => count.removed += 1,
                Kind::Changed => count.changed += 1,
                Kind::Moved => count.moved += 1,
            }
        }
        counts.push(count);
        sections.push(SectionReport { name, changes });
    }
    let total = sections.iter().map(|s| s.changes.len()).sum();
    Report {
        old_name: old_name.into(),
        new_name: new_name.into(),
        old_title: format!("{} {}年度 {}", old.meta.agency, old.meta.fiscal_year, old.meta.title),
        new_title: format!("{} {}年度 {}", new.meta.agency, new.meta.fiscal_year, new.meta.title),
        agency: new.meta.agency.clone(),
        old_year: old.meta.fiscal_year,
        new_year: new.meta.fiscal_year,
        counts,
        sections,
        total,
    }
}

/// A sum field that changed, found on a matched entry: where, and whether
/// a change has shown it yet.
struct SumMove {
    old: usize,
    new: usize,
    name: String,
    figure: FigureChange,
    shown: bool,
}

/// The changes of one section: entries matched, then their fields; the
/// sums moved attached to the figures that move them.
fn section_changes(o: &PrintedSection, n: &PrintedSection) -> Vec<Change> {
    let mut pairs: Vec<Pair> = matching::pairs(o, n);
    if n.ordered || o.ordered {
        mark_reordered(&mut pairs, o, n);
    }
    // In the newer booklet's order; a removed entry after the entry its
    // predecessor became.
    let position = |p: &Pair| match (p.old, p.new) {
        (_, Some(n)) => (n * 2, 0),
        (Some(o), None) => (o * 2 + 1, 1),
        (None, None) => (usize::MAX, 0),
    };
    pairs.sort_by_key(position);
    let mut sums: Vec<SumMove> = Vec::new();
    // Each change with the entry it stands at (old, new), for the sums.
    let mut changes: Vec<(Option<usize>, Option<usize>, Change)> = Vec::new();
    // An entry added or removed under a parent added or removed with it
    // goes into the parent's change: by entry, the change that holds it.
    let mut added_in: HashMap<usize, usize> = HashMap::new();
    let mut removed_in: HashMap<usize, usize> = HashMap::new();
    for p in &pairs {
        let (oe, ne) = (p.old.map(|i| &o.entries[i]), p.new.map(|i| &n.entries[i]));
        let folded = match (p.kind, p.old, p.new) {
            (Some(Kind::Added), None, Some(i)) => n.entries[i].parent.and_then(|q| added_in.get(&q)).copied().inspect(|&c| {
                added_in.insert(i, c);
            }),
            (Some(Kind::Removed), Some(i), None) => o.entries[i].parent.and_then(|q| removed_in.get(&q)).copied().inspect(|&c| {
                removed_in.insert(i, c);
            }),
            _ => None,
        };
        if let Some(c) = folded {
            let e = ne.or(oe).expect("an entry");
            let mut line = e.text.clone();
            for f in e.fields.iter().filter(|f| !f.value.text.is_empty()) {
                line.push_str(&format!("（{}：{}）", f.name, f.value.text));
            }
            changes[c].2.contents.push(line);
            continue;
        }
        match (p.kind, p.old, p.new) {
            (Some(Kind::Added), None, Some(i)) => {
                added_in.insert(i, changes.len());
            }
            (Some(Kind::Removed), Some(i), None) => {
                removed_in.insert(i, changes.len());
            }
            _ => {}
        }
        let what = ne.or(oe).map_or("", |e| e.what);
        let old_place = p.old.map(|i| o.place(i)).unwrap_or_default();
        let new_place = p.new.map(|i| n.place(i)).unwrap_or_default();
        if let Some(kind) = p.kind {
            let old_text = oe.map(|e| e.text.clone()).unwrap_or_default();
            let new_text = ne.map(|e| e.text.clone()).unwrap_or_default();
            let lone = match (oe, ne) {
                (Some(e), None) | (None, Some(e)) => e
                    .fields
                    .iter()
                    .filter(|f| !f.value.text.is_empty())
                    .map(|f| FieldText { name: f.name.clone(), text: f.value.text.clone() })
                    .collect(),
                _ => Vec::new(),
            };
            let figure = match (oe, ne) {
                (Some(e), None) => figure_of(&e.fields).map(|v| FigureChange::new(Some(v), None)),
                (None, Some(e)) => figure_of(&e.fields).map(|v| FigureChange::new(None, Some(v))),
                _ => None,
            };
            changes.push((
                p.old,
                p.new,
                Change {
                    fields: lone,
                    ..Change::new(kind, what, String::new(), old_place.clone(), new_place.clone(), old_text, new_text, figure)
                },
            ));
        }
        let (Some(oe), Some(ne), Some(oi), Some(ni)) = (oe, ne, p.old, p.new) else {
            continue;
        };
        for (name, of, nf) in field_pairs(&oe.fields, &ne.fields) {
            let (ov, nv) = (of.map(|f| &f.value), nf.map(|f| &f.value));
            if ov.map(|v| &v.text) == nv.map(|v| &v.text) {
                continue;
            }
            let numeric = ov.and_then(|v| v.value).is_some() || nv.and_then(|v| v.value).is_some();
            let figure = numeric.then(|| FigureChange::new(ov.and_then(|v| v.value), nv.and_then(|v| v.value)));
            if of.is_some_and(|f| f.sum) || nf.is_some_and(|f| f.sum) {
                if let Some(figure) = figure.clone() {
                    sums.push(SumMove { old: oi, new: ni, name: sum_name(name, ne), figure, shown: false });
                    continue;
                }
            }
            let (old_text, new_text) = (ov.map(|v| v.text.clone()).unwrap_or_default(), nv.map(|v| v.text.clone()).unwrap_or_default());
            let at = |place: &str, text: &str| {
                if text.is_empty() {
                    place.to_string()
                } else if place.is_empty() {
                    short(text)
                } else {
                    format!("{place} ＞ {}", short(text))
                }
            };
            changes.push((
                Some(oi),
                Some(ni),
                Change::new(
                    Kind::Changed,
                    oe.what,
                    name.to_string(),
                    at(&old_place, &oe.text),
                    at(&new_place, &ne.text),
                    old_text,
                    new_text,
                    figure,
                ),
            ));
        }
    }
    // The sums each figure moves: its own entry's, its parents', and the
    // section's totals rows.
    let totals_rows = |s: &PrintedSection| -> Vec<usize> { (0..s.entries.len()).filter(|&i| s.entries[i].is_totals_row()).collect() };
    let (old_totals, new_totals) = (totals_rows(o), totals_rows(n));
    let lineage = |s: &PrintedSection, mut at: Option<usize>| {
        let mut out = Vec::new();
        while let Some(i) = at {
            out.push(i);
            at = s.entries[i].parent;
        }
        out
    };
    // The sums by the entry they stand at, in either year.
    let mut sums_at_new: HashMap<usize, Vec<usize>> = HashMap::new();
    let mut sums_at_old: HashMap<usize, Vec<usize>> = HashMap::new();
    for (k, s) in sums.iter().enumerate() {
        sums_at_new.entry(s.new).or_default().push(k);
        sums_at_old.entry(s.old).or_default().push(k);
    }
    for (oi, ni, change) in &mut changes {
        if change.figure.is_none() {
            continue;
        }
        let (at, entries) = match ni {
            Some(_) => (&sums_at_new, lineage(n, *ni).into_iter().chain(new_totals.iter().copied()).collect::<Vec<_>>()),
            None => (&sums_at_old, lineage(o, *oi).into_iter().chain(old_totals.iter().copied()).collect()),
        };
        let mut related: Vec<usize> = entries.iter().filter_map(|e| at.get(e)).flatten().copied().collect();
        related.sort_unstable();
        related.dedup();
        for k in related {
            change.totals.push(TotalMove { name: sums[k].name.clone(), figure: sums[k].figure.clone() });
            sums[k].shown = true;
        }
    }
    // A sum that moved with no figure shown to move it is a change itself.
    for s in sums.into_iter().filter(|s| !s.shown) {
        let FigureChange { old_text, new_text, .. } = s.figure.clone();
        changes.push((
            Some(s.old),
            Some(s.new),
            Change::new(Kind::Changed, n.entries[s.new].what, s.name, o.place(s.old), n.place(s.new), old_text, new_text, Some(s.figure)),
        ));
    }
    changes.into_iter().map(|(_, _, c)| c).collect()
}

/// The one number an added or removed entry carries: its amount, or else
/// its subtotal; none where it carries several (a staffing row).
fn figure_of(fields: &[PrintedField]) -> Option<i64> {
    let one = |sum: bool| {
        let mut numbers = fields.iter().filter(|f| f.sum == sum).filter_map(|f| f.value.value);
        let first = numbers.next()?;
        numbers.next().is_none().then_some(first)
    };
    one(false).or_else(|| fields.iter().all(|f| f.sum || f.value.value.is_none()).then(|| one(true)).flatten())
}

/// The name of a sum in a report: a totals row's label (with the column
/// where the row has several), or the column and the entry it closes
/// (`小計（綜合規劃業務）`, `合計（勞動部）`).
fn sum_name(column: &str, entry: &PrintedEntry) -> String {
    match (entry.is_totals_row(), entry.fields.len()) {
        (true, 1) => entry.text.clone(),
        (true, _) => format!("{}（{column}）", entry.text),
        _ if entry.text.is_empty() => column.to_string(),
        _ => format!("{column}（{}）", short(&entry.text)),
    }
}

/// The fields of two entries paired by column name, in the newer order,
/// then the older's own.
fn field_pairs<'a>(old: &'a [PrintedField], new: &'a [PrintedField]) -> Vec<(&'a str, Option<&'a PrintedField>, Option<&'a PrintedField>)> {
    let mut out: Vec<(&str, Option<&PrintedField>, Option<&PrintedField>)> =
        new.iter().map(|f| (f.name.as_str(), old.iter().find(|g| g.name == f.name), Some(f))).collect();
    out.extend(old.iter().filter(|f| !new.iter().any(|g| g.name == f.name)).map(|f| (f.name.as_str(), Some(f), None)));
    out
}

/// In a section whose order prints (the parts), a top-level entry kept but
/// put in another order is moved: those outside the longest run that kept
/// its order.
fn mark_reordered(pairs: &mut [Pair], o: &PrintedSection, n: &PrintedSection) {
    let mut kept: Vec<usize> = (0..pairs.len())
        .filter(|&k| {
            pairs[k].kind != Some(Kind::Moved)
                && matches!((pairs[k].old, pairs[k].new), (Some(a), Some(b)) if o.entries[a].level == 0 && n.entries[b].level == 0)
        })
        .collect();
    kept.sort_by_key(|&k| pairs[k].new);
    let olds: Vec<usize> = kept.iter().map(|&k| pairs[k].old.unwrap_or(0)).collect();
    let in_order = longest_increasing(&olds);
    for (j, &k) in kept.iter().enumerate() {
        if !in_order.contains(&j) {
            pairs[k].kind = Some(Kind::Moved);
        }
    }
}

/// The positions of a longest strictly increasing run of `values`.
fn longest_increasing(values: &[usize]) -> Vec<usize> {
    let mut tails: Vec<usize> = Vec::new();
    let mut before: Vec<Option<usize>> = vec![None; values.len()];
    for (i, &v) in values.iter().enumerate() {
        let at = tails.partition_point(|&t| values[t] < v);
        before[i] = at.checked_sub(1).map(|a| tails[a]);
        if at == tails.len() {
            tails.push(i);
        } else {
            tails[at] = i;
        }
    }
    let mut out = Vec::new();
    let mut at = tails.last().copied();
    while let Some(i) = at {
        out.push(i);
        at = before[i];
    }
    out
}

/// The stretches of a change, by characters: kept, deleted, inserted.
pub fn segments(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_chars(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "del",
            ChangeTag::Insert => "ins",
        };
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(change.value()),
            _ => out.push(Segment { kind, text: change.value().to_string() }),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_increasing_run() {
        let mut run = longest_increasing(&[0, 2, 1, 3]);
        run.sort();
        assert_eq!(run.len(), 3);
        assert!(run.contains(&0) && run.contains(&3));
    }

    #[test]
    fn segments_mark_what_changed() {
        let s = segments("辦理會議4次", "辦理會議5次");
        let kinds: Vec<(&str, &str)> = s.iter().map(|s| (s.kind, s.text.as_str())).collect();
        assert_eq!(kinds, vec![("same", "辦理會議"), ("del", "4"), ("ins", "5"), ("same", "次")]);
    }
}
