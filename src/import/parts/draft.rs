//! The draft as the parts read it, before it is written: [`Read`], the
//! whole of it. Its entries are the model's own (each with the source line
//! it was read from, which the writer notes beside it); the types here hold
//! them with what the readers keep track of on the way (the section being
//! read, the markers of a list, whether the last line was a paragraph),
//! and what the model gives a default where the booklet gave none.

use crate::model;

use crate::import::layout;
use crate::import::text::lines::Line;
use crate::import::text::markers::DSec;
use crate::import::text::markers::{Kind, split_marker};
use crate::import::text::notes::Notes;

/// The numbering as the booklet typed it, by what each label numbers (a
/// part, a chapter, a duty, a unit…): the first label read at each level,
/// as typed, whatever style the layout wrote it in. (The sublist and the
/// tables' levels are the layout's.)
#[derive(Debug, Default)]
pub(in crate::import) struct Typed {
    pub(in crate::import) part: Option<String>,
    pub(in crate::import) chapter: Option<String>,
    pub(in crate::import) section: Option<String>,
    /// The main duties' items.
    pub(in crate::import) list: Option<String>,
    pub(in crate::import) unit: Option<String>,
    pub(in crate::import) unit_item: Option<String>,
    pub(in crate::import) goal: Option<String>,
    pub(in crate::import) goal_item: Option<String>,
}

/// Notes a level's pattern from a line's label as typed, where the level
/// has none yet.
pub(in crate::import) fn note_typed(level: &mut Option<String>, line: &Line) {
    if level.is_none() {
        level.clone_from(&line.typed);
    }
}

/// The kind of a line's label as the source typed it (`（一）` where the
/// layout wrote `1、`), else as it stands.
pub(in crate::import) fn typed_kind(line: &Line) -> Option<Kind> {
    let typed = line.typed.as_deref().and_then(|p| split_marker(p).map(|(m, _)| m.kind));
    typed.or_else(|| split_marker(&line.text).map(|(m, _)| m.kind))
}

/// What the parts read of a booklet: its identity (placeholders where the
/// booklet gave none, with a note), its parts, and the notes.
pub(in crate::import) struct Read {
    pub(in crate::import) agency: String,
    pub(in crate::import) title: String,
    pub(in crate::import) fiscal_year: i64,
    pub(in crate::import) duties: Option<model::Duties>,
    pub(in crate::import) policy: Option<model::Policy>,
    pub(in crate::import) outcomes_heading: Option<String>,
    pub(in crate::import) tables: Vec<model::OutcomeTable>,
    /// The numbering as typed.
    pub(in crate::import) typed: Typed,
    pub(in crate::import) notes: Notes,
}

#[derive(Default)]
pub(in crate::import) struct DutiesD {
    pub(in crate::import) heading: String,
    pub(in crate::import) sec: DSec,
    pub(in crate::import) main: Option<BlockD>,
    pub(in crate::import) units: Option<UnitsD>,
    pub(in crate::import) org: Option<OrgD>,
}

#[derive(Default)]
pub(in crate::import) struct BlockD {
    pub(in crate::import) heading: Option<String>,
    pub(in crate::import) paragraphs: Vec<String>,
    pub(in crate::import) items: Vec<String>,
    pub(in crate::import) last_para: bool,
    /// The marker of the list's entries (the first one's).
    pub(in crate::import) kind: Option<Kind>,
}

pub(in crate::import) struct UnitsD {
    pub(in crate::import) heading: String,
    pub(in crate::import) list: Vec<model::Unit>,
    /// Whether the last unit's last line was a paragraph (a wrapped line
    /// joins it).
    pub(in crate::import) last_para: bool,
    /// The marker of the units (the first one's); other markers list duties.
    pub(in crate::import) kind: Option<Kind>,
}

#[derive(Default)]
pub(in crate::import) struct OrgD {
    pub(in crate::import) heading: Option<String>,
    pub(in crate::import) chart: Option<String>,
    /// The names in the chart (its boxes' text), with their lines.
    pub(in crate::import) names: Vec<(String, usize)>,
    pub(in crate::import) staffing_heading: Option<String>,
    pub(in crate::import) staffing: Option<StaffingD>,
}

pub(in crate::import) struct StaffingD {
    pub(in crate::import) agency_column: String,
    pub(in crate::import) columns: Vec<String>,
    pub(in crate::import) total_column: Option<String>,
    pub(in crate::import) rows: Vec<model::StaffingRow>,
    /// The notes under the table (`註：…`), their labels taken off.
    pub(in crate::import) notes: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(in crate::import) enum PSec {
    #[default]
    Vision,
    Goals,
    Plans,
}

#[derive(Default)]
pub(in crate::import) struct PolicyD {
    pub(in crate::import) heading: String,
    pub(in crate::import) sec: PSec,
    pub(in crate::import) vision: Vec<String>,
    pub(in crate::import) goals: Option<GoalsD>,
    pub(in crate::import) plans: Option<PlansD>,
}

pub(in crate::import) struct GoalsD {
    pub(in crate::import) heading: Option<String>,
    pub(in crate::import) list: Vec<model::Goal>,
    /// The marker of the goals (the first one's); other markers list measures.
    pub(in crate::import) kind: Option<Kind>,
}

#[derive(Default)]
pub(in crate::import) struct PlansD {
    pub(in crate::import) heading: Option<String>,
    pub(in crate::import) columns: Option<[String; 3]>,
    pub(in crate::import) work_plans: Vec<model::PlanWorkPlan>,
    /// The amount column's heading and unit, where the table has one.
    pub(in crate::import) amount: Option<(String, Option<String>)>,
    /// The remarks column's heading, where the table has one.
    pub(in crate::import) remarks: Option<String>,
}

impl PlansD {
    /// The plans table's amounts and remarks, read from a PDF's table
    /// apart from its text, given to their items: matched by title, in
    /// order.
    pub(in crate::import) fn take_amounts(&mut self, amounts: &layout::Amounts) {
        self.amount = Some((amounts.heading.clone(), amounts.unit.clone()));
        self.remarks.clone_from(&amounts.remarks);
        let mut given = amounts.items.iter().peekable();
        for item in self.work_plans.iter_mut().flat_map(|wp| &mut wp.items) {
            if let Some((title, amount, remarks)) = given.peek()
                && *title == item.title
            {
                item.amount = *amount;
                item.remarks.clone_from(remarks);
                given.next();
            }
        }
    }
}

/// Results that belong together: a lone paragraph, or a numbered list
/// (led by a paragraph ending in `：`).
pub(in crate::import) struct Group {
    pub(in crate::import) paragraphs: Vec<String>,
    pub(in crate::import) results: Vec<String>,
    /// The number of the last result.
    pub(in crate::import) last: u32,
}

impl Group {
    pub(in crate::import) fn paragraph(text: String) -> Self {
        Self { paragraphs: vec![text], results: Vec::new(), last: 0 }
    }

    pub(in crate::import) fn result(text: String, n: u32) -> Self {
        Self { paragraphs: Vec::new(), results: vec![text], last: n }
    }

    /// A lone paragraph ending in `：`, which leads the list that follows.
    pub(in crate::import) fn leads(&self) -> bool {
        self.results.is_empty() && self.paragraphs.len() == 1 && self.paragraphs[0].ends_with(['：', ':'])
    }
}

/// A work plan of the plans table, read from `line`.
pub(in crate::import) fn plan_work_plan(name: String, line: usize) -> model::PlanWorkPlan {
    model::PlanWorkPlan { name, total: None, items: Vec::new(), source_line: Some(line) }
}

/// An item of the plans table, read from `line`.
pub(in crate::import) fn plan_item(title: String, line: usize) -> model::PlanItem {
    model::PlanItem { title, contents: Vec::new(), amount: None, remarks: None, source_line: Some(line) }
}

/// A work plan of an outcome table, read from `line`.
pub(in crate::import) fn outcome_work_plan(name: String, line: usize) -> model::OutcomeWorkPlan {
    model::OutcomeWorkPlan { name, items: Vec::new(), source_line: Some(line) }
}

/// An item of an outcome table, read from `line`.
pub(in crate::import) fn outcome_item(title: String, line: usize) -> model::OutcomeItem {
    model::OutcomeItem { title, subitems: Vec::new(), paragraphs: Vec::new(), results: Vec::new(), source_line: Some(line) }
}

/// A sub-item of an outcome table, read from `line`.
pub(in crate::import) fn sub_item(text: &str, line: usize, numbered: bool) -> model::SubItem {
    model::SubItem { text: text.to_string(), numbered, paragraphs: Vec::new(), results: Vec::new(), source_line: Some(line) }
}

/// A heading as read, or the model's default where none was (or it is
/// empty).
pub(in crate::import) fn or_default(text: Option<&String>, default: fn() -> String) -> String {
    text.filter(|t| !t.is_empty()).cloned().unwrap_or_else(default)
}

/// The line an entry was read from (0 where it was not).
pub(in crate::import) fn line_of(source_line: Option<usize>) -> usize {
    source_line.unwrap_or_default()
}
