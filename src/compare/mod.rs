//! Compare: what changed between two years' booklets of an agency.
//!
//! Two bundles are loaded and validated as for a build; their entries are
//! matched section by section and level by level ([`matching`]) by place and
//! by wording, so that a reworded entry is reported as changed, not removed
//! and added, and an entry that went to another group as moved. Staffing is
//! compared per agency and column. The [`Report`] is a view like a
//! booklet's: it is rendered through the templates (`compare.typ.j2`, the
//! booklet's look) to a PDF, and to a workbook of one row per change.
//! Nothing unchanged is listed.

pub mod entries;
pub mod matching;
pub mod output;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::model::{Booklet, Staffing};
use crate::view::format_count;
use matching::Kind;

/// What changed between two booklets.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The bundles' names (their folders) and the booklets' titles.
    pub old_name: String,
    pub new_name: String,
    pub old_title: String,
    pub new_title: String,
    pub agency: String,
    /// Counts per section, every section listed (with zeros).
    pub counts: Vec<Counts>,
    /// The sections that have changes, with them.
    pub sections: Vec<SectionReport>,
    /// Staffing figures that differ (per agency and column).
    pub staffing: Vec<StaffingChange>,
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

/// One change.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    pub kind: Kind,
    /// The kind in words: 新增, 刪除, 修改, 移動.
    pub label: &'static str,
    /// What the entry is: 工作計畫, 實施成果, …
    pub what: &'static str,
    /// Where it stood and stands (its parents' text); empty where absent.
    pub old_place: String,
    pub new_place: String,
    pub old_text: String,
    pub new_text: String,
    /// The text marked up: kept, deleted and inserted stretches.
    pub segments: Vec<Segment>,
}

/// A stretch of a changed text.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Segment {
    /// `same`, `del` or `ins`.
    pub kind: &'static str,
    pub text: String,
}

/// A staffing figure that differs.
#[derive(Debug, Clone, Serialize)]
pub struct StaffingChange {
    pub agency: String,
    pub column: String,
    pub old: Option<i64>,
    pub new: Option<i64>,
    /// Formatted, for print: old, new and the difference (`+4`, `-2`).
    pub old_text: String,
    pub new_text: String,
    pub difference: String,
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

/// Compares two booklets.
///
/// # Parameters
///
/// - `old`, `new`: the validated booklets, older year first;
/// - `old_name`, `new_name`: their bundles' names, for the report.
pub fn compare(old: &Booklet, new: &Booklet, old_name: &str, new_name: &str) -> Report {
    let old_sections = entries::sections(old);
    let new_sections = entries::sections(new);
    let mut names: Vec<String> = Vec::new();
    for s in new_sections.iter().chain(&old_sections) {
        if !names.contains(&s.name) {
            names.push(s.name.clone());
        }
    }
    let empty = |name: &str| entries::Section { name: name.to_string(), entries: Vec::new() };
    let mut counts = Vec::new();
    let mut sections = Vec::new();
    for name in names {
        let o = old_sections.iter().find(|s| s.name == name).cloned().unwrap_or_else(|| empty(&name));
        let n = new_sections.iter().find(|s| s.name == name).cloned().unwrap_or_else(|| empty(&name));
        let mut pairs: Vec<matching::Pair> = matching::pairs(&o, &n).into_iter().filter(|p| p.kind.is_some()).collect();
        // In the newer booklet's order; a removed entry after the entry its
        // predecessor became.
        let position = |p: &matching::Pair| match (p.old, p.new) {
            (_, Some(n)) => (n * 2, 0),
            (Some(o), None) => (o * 2 + 1, 1),
            (None, None) => (usize::MAX, 0),
        };
        pairs.sort_by_key(position);
        let mut count = Counts { section: name.clone(), ..Counts::default() };
        let changes: Vec<Change> = pairs
            .iter()
            .map(|p| {
                let kind = p.kind.expect("a change");
                match kind {
                    Kind::Added => count.added += 1,
                    Kind::Removed => count.removed += 1,
                    Kind::Changed => count.changed += 1,
                    Kind::Moved => count.moved += 1,
                }
                let old_text = p.old.map(|i| o.entries[i].text.clone()).unwrap_or_default();
                let new_text = p.new.map(|i| n.entries[i].text.clone()).unwrap_or_default();
                let what = p.new.map(|i| n.entries[i].what).or(p.old.map(|i| o.entries[i].what)).unwrap_or("");
                Change {
                    kind,
                    label: kind.label(),
                    what,
                    old_place: p.old.map(|i| o.place(i)).unwrap_or_default(),
                    new_place: p.new.map(|i| n.place(i)).unwrap_or_default(),
                    segments: segments(&old_text, &new_text),
                    old_text,
                    new_text,
                }
            })
            .collect();
        counts.push(count);
        if !changes.is_empty() {
            sections.push(SectionReport { name, changes });
        }
    }
    let staffing = staffing_changes(staffing_of(old), staffing_of(new));
    let total = sections.iter().map(|s| s.changes.len()).sum::<usize>() + staffing.len();
    if !staffing.is_empty() {
        counts.push(Counts { section: "預算員額".into(), changed: staffing.len(), ..Counts::default() });
    }
    Report {
        old_name: old_name.into(),
        new_name: new_name.into(),
        old_title: format!("{} {}年度 {}", old.meta.agency, old.meta.fiscal_year, old.meta.title),
        new_title: format!("{} {}年度 {}", new.meta.agency, new.meta.fiscal_year, new.meta.title),
        agency: new.meta.agency.clone(),
        counts,
        sections,
        staffing,
        total,
    }
}

fn staffing_of(b: &Booklet) -> Option<&Staffing> {
    b.duties.as_ref()?.organization.as_ref()?.staffing.as_ref()
}

/// Every staffing figure that differs, per agency (by name) and column (by
/// name); an agency or column of one year only counts against nothing.
fn staffing_changes(old: Option<&Staffing>, new: Option<&Staffing>) -> Vec<StaffingChange> {
    let figures = |s: Option<&Staffing>| -> Vec<(String, String, i64)> {
        let Some(s) = s else { return Vec::new() };
        s.rows
            .iter()
            .flat_map(|r| s.columns.iter().zip(&r.counts).map(move |(c, &n)| (r.agency.clone(), c.clone(), n)))
            .collect()
    };
    let (old, new) = (figures(old), figures(new));
    let mut keys: Vec<(String, String)> = Vec::new();
    for (a, c, _) in new.iter().chain(&old) {
        if !keys.iter().any(|(ka, kc)| ka == a && kc == c) {
            keys.push((a.clone(), c.clone()));
        }
    }
    let find = |list: &[(String, String, i64)], a: &str, c: &str| list.iter().find(|(x, y, _)| x == a && y == c).map(|t| t.2);
    keys.into_iter()
        .filter_map(|(agency, column)| {
            let (o, n) = (find(&old, &agency, &column), find(&new, &agency, &column));
            if o == n {
                return None;
            }
            let diff = n.unwrap_or(0) - o.unwrap_or(0);
            Some(StaffingChange {
                old_text: o.map(format_count).unwrap_or_else(|| "—".into()),
                new_text: n.map(format_count).unwrap_or_else(|| "—".into()),
                difference: if diff > 0 { format!("+{}", format_count(diff)) } else { format_count(diff) },
                agency,
                column,
                old: o,
                new: n,
            })
        })
        .collect()
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
    fn segments_mark_what_changed() {
        let s = segments("辦理會議4次", "辦理會議5次");
        let kinds: Vec<(&str, &str)> = s.iter().map(|s| (s.kind, s.text.as_str())).collect();
        assert_eq!(kinds, vec![("same", "辦理會議"), ("del", "4"), ("ins", "5"), ("same", "次")]);
    }
}
