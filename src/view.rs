//! The view: a validated [`Booklet`] turned into what the templates print.
//!
//! Every marker (壹、 一、 （一） 1、 （1） 1.) is numbered here, absent sections
//! are dropped and the numbering closes up behind them, counts are formatted
//! and totals computed. The templates only lay the view out; they make no
//! decision about content.

use serde::Serialize;

use crate::model::{Block, Booklet, CellValue, ChartBox, ColumnKind, GenericTable, OutcomeTable, SUBTOTAL_LABEL, Staffing, TOTALS_LABEL};
use crate::numbering::Pattern;

/// Everything a booklet template needs.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub meta: MetaView,
    pub parts: Vec<Part>,
}

/// The booklet's identity, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    pub agency: String,
    pub title: String,
    /// `中華民國109年度`.
    pub year_line: String,
    /// The PDF title: `勞動部 109年度 預算總說明`.
    pub document_title: String,
    pub language: String,
    pub region: Option<String>,
    pub date: Option<DateView>,
}

/// A calendar date.
#[derive(Debug, Clone, Copy, Serialize, PartialEq, Eq)]
pub struct DateView {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

/// A top-level part (壹、…).
#[derive(Debug, Clone, Serialize)]
pub struct Part {
    pub number: String,
    pub heading: String,
    /// Paragraphs before the first chapter.
    pub paragraphs: Vec<String>,
    /// A numbered list after the paragraphs (further parts).
    pub items: Vec<Marked>,
    pub chapters: Vec<Chapter>,
}

/// A chapter (一、…) and what it holds.
#[derive(Debug, Clone, Serialize)]
pub struct Chapter {
    pub number: String,
    pub heading: String,
    pub content: Content,
}

/// A section (（一）…) within a chapter.
#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub number: String,
    pub heading: String,
    pub content: Content,
}

/// The content of a chapter or section; `kind` selects the template macro.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Content {
    /// Paragraphs and a numbered list.
    Block { paragraphs: Vec<String>, items: Vec<Marked> },
    /// Entries that carry a title and a list each (units, goals).
    Entries { entries: Vec<Entry> },
    /// Sub-sections.
    Sections { sections: Vec<Section> },
    OrgChart(ChartView),
    Staffing(StaffingView),
    Plans(PlansView),
    Outcomes(OutcomesView),
    /// A table whose columns the bundle declares (further parts).
    Table(TableView),
}

/// A table of a further part, formatted: numbers with thousands separators.
#[derive(Debug, Clone, Serialize)]
pub struct TableView {
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<String>>,
    /// The totals row, when a column is totalled.
    pub totals: Option<Vec<String>>,
}

/// A column heading (with its unit) and whether it holds numbers
/// (printed right-aligned).
#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub name: String,
    pub numeric: bool,
}

/// A text with its marker.
#[derive(Debug, Clone, Serialize)]
pub struct Marked {
    pub marker: String,
    pub text: String,
}

/// A numbered entry with a title and a list: an internal unit, a goal.
#[derive(Debug, Clone, Serialize)]
pub struct Entry {
    pub marker: String,
    pub title: String,
    /// The entry's first line as printed: a unit's name is followed by a
    /// colon (and, for a one-line unit, its duty), a goal's title is not.
    pub line: String,
    /// Text that follows the title on its line (`人事處：掌理本部人事事項。`).
    pub inline: Option<String>,
    pub paragraphs: Vec<String>,
    pub items: Vec<Marked>,
}

/// The organization chart.
#[derive(Debug, Clone, Serialize)]
pub struct ChartView {
    pub head: String,
    pub deputies: Vec<String>,
    pub units: Vec<String>,
    pub agencies: Vec<String>,
    pub task_forces: Vec<String>,
    /// The chart drawn as a tree (given as `boxes`), level by level.
    pub tree: Option<Vec<Vec<TreeBoxView>>>,
    /// The whole chart as nested boxes, for an outline that a screen reader
    /// can follow (the web edition).
    pub outline: Vec<ChartNode>,
}

/// A box of the chart with the boxes below it.
#[derive(Debug, Clone, Serialize)]
pub struct ChartNode {
    pub name: String,
    /// A staff office (beside its parent's line) or a group label.
    pub staff: bool,
    pub children: Vec<ChartNode>,
}

/// A box of a tree chart: its name, its parent's place on the level above,
/// and the staff offices beside the line below it.
#[derive(Debug, Clone, Serialize)]
pub struct TreeBoxView {
    pub name: String,
    pub parent: Option<usize>,
    pub staff: Vec<String>,
    /// Whether boxes hang below it.
    pub children: bool,
}

/// The staffing table.
#[derive(Debug, Clone, Serialize)]
pub struct StaffingView {
    pub agency_column: String,
    pub columns: Vec<String>,
    pub total_column: String,
    pub rows: Vec<StaffingRowView>,
    /// A totals row, when there are several agencies.
    pub totals: Option<StaffingRowView>,
}

/// One staffing row, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct StaffingRowView {
    pub agency: String,
    pub counts: Vec<String>,
    pub total: String,
}

/// The table of important plans.
#[derive(Debug, Clone, Serialize)]
pub struct PlansView {
    /// The prefix of the table's row labels (see [`row_key`]).
    pub key: String,
    pub columns: [String; 3],
    /// The amount column's heading with its unit (`預算金額（千元）`).
    pub amount: Option<String>,
    /// The remarks column's heading.
    pub remarks: Option<String>,
    /// The grand total of the amounts, formatted.
    pub total: Option<String>,
    pub total_label: String,
    pub subtotal_label: String,
    pub work_plans: Vec<PlanGroup>,
}

/// A work plan of the plans table.
#[derive(Debug, Clone, Serialize)]
pub struct PlanGroup {
    pub name: String,
    /// The subtotal of the work plan's amounts, formatted.
    pub subtotal: Option<String>,
    pub items: Vec<PlanItemView>,
}

/// An item of the plans table. `anchor` names the row, so that the page it
/// lands on can be looked up after layout (for the workbook's 頁次).
#[derive(Debug, Clone, Serialize)]
pub struct PlanItemView {
    pub anchor: String,
    /// The anchor of each content entry's row (see [`piece_anchor`]).
    pub content_anchors: Vec<String>,
    pub number: String,
    pub title: String,
    pub contents: Vec<Marked>,
    /// The amount, formatted (empty when the item has none).
    pub amount: String,
    pub remarks: String,
}

/// An outcome table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomesView {
    /// The prefix of the table's row labels (see [`row_key`]).
    pub key: String,
    pub columns: [String; 3],
    pub work_plans: Vec<OutcomeGroup>,
}

/// A work plan of an outcome table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeGroup {
    pub name: String,
    pub items: Vec<OutcomeItemView>,
}

/// An item of an outcome table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeItemView {
    pub marker: String,
    pub title: String,
    pub subitems: Vec<SubItemView>,
}

/// A sub-item and the results beside it. An unnumbered sub-item has an
/// empty marker.
#[derive(Debug, Clone, Serialize)]
pub struct SubItemView {
    pub anchor: String,
    /// The anchor of each row: paragraphs, then results (one row when there
    /// are none); see [`piece_anchor`].
    pub piece_anchors: Vec<String>,
    pub marker: String,
    pub text: String,
    pub paragraphs: Vec<String>,
    pub results: Vec<Marked>,
}

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<DateView> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = DateView { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
    let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let valid = (1..=12).contains(&date.month) && date.day >= 1 && date.day <= days[date.month as usize - 1];
    valid.then_some(date)
}

/// Formats a count with thousands separators: `1,234`.
pub fn format_count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

/// The patterns of a booklet, parsed (for the view and the workbook).
/// Validation has checked them; an invalid one falls back to the default,
/// so that the view never fails.
pub struct Patterns {
    pub part: Pattern,
    pub chapter: Pattern,
    pub section: Pattern,
    pub list: Pattern,
    pub sublist: Pattern,
    pub result: Pattern,
    pub work_plan: Pattern,
    pub plan_item: Pattern,
}

impl Patterns {
    /// The booklet's numbering patterns, parsed.
    pub fn new(booklet: &Booklet) -> Self {
        let n = &booklet.numbering;
        let d = crate::model::Numbering::default();
        let p = |s: &str, fallback: &str| s.parse().unwrap_or_else(|_| fallback.parse().expect("default pattern"));
        Self {
            part: p(&n.part, &d.part),
            chapter: p(&n.chapter, &d.chapter),
            section: p(&n.section, &d.section),
            list: p(&n.list, &d.list),
            sublist: p(&n.sublist, &d.sublist),
            result: p(&n.result, &d.result),
            work_plan: p(&n.work_plan, &d.work_plan),
            plan_item: p(&n.plan_item, &d.plan_item),
        }
    }
}

fn marked(pattern: &Pattern, texts: &[String]) -> Vec<Marked> {
    texts.iter().enumerate().map(|(i, t)| Marked { marker: pattern.format(i + 1), text: t.clone() }).collect()
}

/// Builds the view of a booklet.
pub fn build(booklet: &Booklet) -> View {
    let p = Patterns::new(booklet);
    let meta = &booklet.meta;
    let (language, region) = match meta.language.split_once('-') {
        Some((lang, region)) => (lang.to_lowercase(), Some(region.to_uppercase())),
        None => (meta.language.to_lowercase(), None),
    };
    let meta_view = MetaView {
        agency: meta.agency.clone(),
        title: meta.title.clone(),
        year_line: format!("中華民國{}年度", meta.fiscal_year),
        document_title: format!("{} {}年度 {}", meta.agency, meta.fiscal_year, meta.title),
        language,
        region,
        date: meta.date.as_deref().and_then(parse_date),
    };

    // Each section's part, by its name in `booklet.order`; numbered once
    // they stand in order.
    let mut sections: Vec<(&str, Part)> = Vec::new();
    let mut next_part = |section: &'static str, heading: &str, paragraphs: Vec<String>, chapters: Vec<Chapter>| {
        let part = Part { number: String::new(), heading: heading.to_string(), paragraphs, items: Vec::new(), chapters };
        sections.push((section, part));
    };

    if let Some(duties) = &booklet.duties {
        let mut chapters = Vec::new();
        let mut chapter = |heading: &str, content: Content| {
            let number = p.chapter.format(chapters.len() + 1);
            chapters.push(Chapter { number, heading: heading.to_string(), content });
        };
        if let Some(main) = &duties.main {
            chapter(main.heading.as_deref().unwrap_or("機關主要職掌"), block(&p.list, main));
        }
        if let Some(units) = &duties.units {
            let entries = units
                .list
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let inline = (u.items.is_empty() && u.paragraphs.len() == 1).then(|| u.paragraphs[0].clone());
                    Entry {
                        marker: p.list.format(i + 1),
                        title: u.name.clone(),
                        line: format!("{}：{}", u.name, inline.as_deref().unwrap_or("")),
                        paragraphs: if inline.is_some() { Vec::new() } else { u.paragraphs.clone() },
                        inline,
                        items: marked(&p.sublist, &u.items),
                    }
                })
                .collect();
            chapter(&units.heading, Content::Entries { entries });
        }
        if let Some(org) = &duties.organization {
            let mut sections = Vec::new();
            if let Some(chart) = &org.chart {
                let units = chart.units.clone().unwrap_or_else(|| {
                    duties.units.as_ref().map(|u| u.list.iter().map(|u| u.name.clone()).collect()).unwrap_or_default()
                });
                let view = ChartView {
                    head: chart.head.clone().unwrap_or_else(|| meta.agency.clone()),
                    deputies: chart.deputies.clone(),
                    units,
                    agencies: chart.agencies.clone(),
                    task_forces: chart.task_forces.clone(),
                    tree: (!chart.boxes.is_empty()).then(|| tree_view(&chart.boxes)),
                    outline: Vec::new(),
                };
                let view = ChartView { outline: chart_outline(&view, &chart.boxes), ..view };
                sections.push((chart.heading.clone(), Content::OrgChart(view)));
            }
            if let Some(staffing) = &org.staffing {
                sections.push((staffing.heading.clone(), Content::Staffing(staffing_view(staffing))));
            }
            let sections = sections
                .into_iter()
                .enumerate()
                .map(|(i, (heading, content))| Section { number: p.section.format(i + 1), heading, content })
                .collect();
            chapter(&org.heading, Content::Sections { sections });
        }
        next_part("duties", &duties.heading, Vec::new(), chapters);
    }

    if let Some(policy) = &booklet.policy {
        let mut chapters = Vec::new();
        let mut chapter = |heading: &str, content: Content| {
            let number = p.chapter.format(chapters.len() + 1);
            chapters.push(Chapter { number, heading: heading.to_string(), content });
        };
        if let Some(goals) = &policy.goals {
            let entries = goals
                .list
                .iter()
                .enumerate()
                .map(|(i, g)| Entry {
                    marker: p.list.format(i + 1),
                    title: g.title.clone(),
                    line: g.title.clone(),
                    inline: None,
                    paragraphs: Vec::new(),
                    items: marked(&p.sublist, &g.items),
                })
                .collect();
            chapter(&goals.heading, Content::Entries { entries });
        }
        if let Some(plans) = &policy.plans {
            let work_plans = plans
                .work_plans
                .iter()
                .enumerate()
                .map(|(i, wp)| PlanGroup {
                    name: format!("{}{}", p.work_plan.format(i + 1), wp.name),
                    subtotal: plans.amount.as_ref().map(|_| format_count(wp.amount_sum())),
                    items: wp
                        .items
                        .iter()
                        .enumerate()
                        .map(|(j, item)| PlanItemView {
                            anchor: plan_anchor(i, j),
                            content_anchors: (0..item.contents.len()).map(|k| piece_anchor(&plan_anchor(i, j), k)).collect(),
                            number: p.plan_item.format(j + 1),
                            title: item.title.clone(),
                            contents: marked(&p.sublist, &item.contents),
                            amount: item.amount.map(format_count).unwrap_or_default(),
                            remarks: item.remarks.clone().unwrap_or_default(),
                        })
                        .collect(),
                })
                .collect();
            let total = plans.work_plans.iter().fold(0i64, |a, wp| a.saturating_add(wp.amount_sum()));
            chapter(
                &plans.heading,
                Content::Plans(PlansView {
                    key: row_key("plans"),
                    columns: plans.columns.clone(),
                    amount: plans.amount.as_ref().map(|a| format!("{}（{}）", a.heading, a.unit)),
                    remarks: plans.remarks.clone(),
                    total: plans.amount.as_ref().map(|_| format_count(total)),
                    total_label: TOTALS_LABEL.into(),
                    subtotal_label: SUBTOTAL_LABEL.into(),
                    work_plans,
                }),
            );
        }
        next_part("policy", &policy.heading, policy.vision.clone(), chapters);
    }

    if let Some(outcomes) = &booklet.outcomes {
        let chapters = outcomes
            .tables
            .iter()
            .enumerate()
            .map(|(i, table)| Chapter {
                number: p.chapter.format(i + 1),
                heading: table.heading.clone(),
                content: Content::Outcomes(outcomes_view(&p, i, table)),
            })
            .collect();
        next_part("outcomes", &outcomes.heading, Vec::new(), chapters);
    }

    for part in &booklet.parts {
        let chapters = part
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| Chapter { number: p.chapter.format(i + 1), heading: t.heading.clone(), content: Content::Table(table_view(t)) })
            .collect();
        let view = Part {
            number: String::new(),
            heading: part.heading.clone(),
            paragraphs: part.paragraphs.clone(),
            items: marked(&p.list, &part.items),
            chapters,
        };
        sections.push(("parts", view));
    }

    if let Some(order) = &meta.order {
        // Validation has checked the order: each present section once.
        let rank = |name: &str| order.iter().position(|o| o == name).unwrap_or(usize::MAX);
        sections.sort_by_key(|(name, _)| rank(name));
    }
    let parts = sections
        .into_iter()
        .enumerate()
        .map(|(i, (_, part))| Part { number: p.part.format(i + 1), ..part })
        .collect();
    View { meta: meta_view, parts }
}

fn block(list: &Pattern, b: &Block) -> Content {
    Content::Block { paragraphs: b.paragraphs.clone(), items: marked(list, &b.items) }
}

/// A tree chart's levels (see [`crate::chart`]). Validation has resolved
/// the boxes; a chart that does not resolve shows its first box alone.
fn tree_view(boxes: &[ChartBox]) -> Vec<Vec<TreeBoxView>> {
    let Ok(tree) = crate::chart::Tree::resolve(boxes) else {
        return vec![vec![TreeBoxView { name: boxes[0].name.clone(), parent: None, staff: Vec::new(), children: false }]];
    };
    tree.rows
        .iter()
        .enumerate()
        .map(|(level, row)| {
            row.iter()
                .map(|&i| TreeBoxView {
                    name: boxes[i].name.clone(),
                    parent: tree.parents[i].and_then(|p| level.checked_sub(1).and_then(|l| tree.rows[l].iter().position(|&x| x == p))),
                    staff: tree.staff_of(boxes, i).into_iter().map(|j| boxes[j].name.clone()).collect(),
                    children: tree.rows.get(level + 1).is_some_and(|next| next.iter().any(|&j| tree.parents[j] == Some(i))),
                })
                .collect()
        })
        .collect()
}

/// The chart as nested boxes: the tree's boxes under their parents, or the
/// flat keys as head → deputies, units, 所屬機關, 任務編組.
fn chart_outline(view: &ChartView, boxes: &[ChartBox]) -> Vec<ChartNode> {
    let leaf = |name: &String, staff: bool| ChartNode { name: name.clone(), staff, children: Vec::new() };
    if !boxes.is_empty() {
        let Ok(tree) = crate::chart::Tree::resolve(boxes) else { return vec![leaf(&boxes[0].name, false)] };
        fn node(i: usize, boxes: &[ChartBox], parents: &[Option<usize>]) -> ChartNode {
            let children = (0..boxes.len()).filter(|&j| parents[j] == Some(i)).map(|j| node(j, boxes, parents)).collect();
            ChartNode { name: boxes[i].name.clone(), staff: boxes[i].staff, children }
        }
        return vec![node(0, boxes, &tree.parents)];
    }
    let mut children: Vec<ChartNode> = view.deputies.iter().map(|d| leaf(d, true)).collect();
    children.extend(view.units.iter().map(|u| leaf(u, false)));
    for (label, names) in [("所屬機關", &view.agencies), ("任務編組", &view.task_forces)] {
        if !names.is_empty() {
            children.push(ChartNode { name: label.into(), staff: true, children: names.iter().map(|n| leaf(n, false)).collect() });
        }
    }
    vec![ChartNode { name: view.head.clone(), staff: false, children }]
}

/// A further part's table, formatted.
fn table_view(table: &GenericTable) -> TableView {
    let columns = table
        .columns
        .iter()
        .map(|c| ColumnView {
            name: match &c.unit {
                Some(unit) => format!("{}（{unit}）", c.name),
                None => c.name.clone(),
            },
            numeric: c.kind != ColumnKind::Text,
        })
        .collect();
    let cell = |v: &CellValue| match v {
        CellValue::Text(t) => t.clone(),
        CellValue::Integer(n) => format_count(*n),
        CellValue::Float(x) => x.to_string(),
    };
    let rows = table.rows.iter().map(|r| r.iter().map(cell).collect()).collect();
    let totals = table.columns.iter().any(|c| c.total).then(|| {
        let label_at = table.columns.iter().position(|c| c.kind == ColumnKind::Text).unwrap_or(0);
        table
            .columns
            .iter()
            .enumerate()
            .map(|(k, c)| {
                if c.total {
                    format_count(table.column_sum(k))
                } else if k == label_at {
                    table.total_label.clone()
                } else {
                    String::new()
                }
            })
            .collect()
    });
    TableView { columns, rows, totals }
}

/// The staffing table with totals computed.
pub fn staffing_view(staffing: &Staffing) -> StaffingView {
    let rows: Vec<StaffingRowView> = staffing
        .rows
        .iter()
        .map(|r| StaffingRowView {
            agency: r.agency.clone(),
            counts: r.counts.iter().map(|&c| format_count(c)).collect(),
            total: format_count(r.sum()),
        })
        .collect();
    let totals = (staffing.rows.len() > 1).then(|| {
        let sums = staffing.column_sums();
        StaffingRowView {
            agency: TOTALS_LABEL.into(),
            total: format_count(sums.iter().fold(0i64, |a, &n| a.saturating_add(n))),
            counts: sums.into_iter().map(format_count).collect(),
        }
    });
    StaffingView {
        agency_column: staffing.agency_column.clone(),
        columns: staffing.columns.clone(),
        total_column: staffing.total_column.clone(),
        rows,
        totals,
    }
}

/// The prefix of the labels that end the rows of a long table: the
/// template labels each row's end `<key>/<row>`, so that a row can see
/// whether the one before it ended on an earlier page.
pub fn row_key(table: &str) -> String {
    format!("booklet:row/{table}")
}

/// The anchor of a plans-table row: work plan and item, 0-based.
pub fn plan_anchor(work_plan: usize, item: usize) -> String {
    format!("booklet:plans/{work_plan}/{item}")
}

/// The anchor of one row of a long table: a content entry of a plan item,
/// or a paragraph or result of a sub-item (paragraphs first), 0-based.
pub fn piece_anchor(anchor: &str, piece: usize) -> String {
    format!("{anchor}/{piece}")
}

/// The anchor of an outcome-table row: table, work plan, item, sub-item.
pub fn outcome_anchor(table: usize, work_plan: usize, item: usize, subitem: usize) -> String {
    format!("booklet:outcomes/{table}/{work_plan}/{item}/{subitem}")
}

fn outcomes_view(p: &Patterns, t: usize, table: &OutcomeTable) -> OutcomesView {
    let work_plans = table
        .work_plans
        .iter()
        .enumerate()
        .map(|(i, wp)| OutcomeGroup {
            name: format!("{}{}", p.work_plan.format(i + 1), wp.name),
            items: wp
                .items
                .iter()
                .enumerate()
                .map(|(j, item)| {
                    let mut number = 0;
                    OutcomeItemView {
                        marker: p.list.format(j + 1),
                        title: item.title.clone(),
                        subitems: item
                            .subitems
                            .iter()
                            .enumerate()
                            .map(|(k, s)| {
                                let marker = if s.numbered {
                                    number += 1;
                                    p.sublist.format(number)
                                } else {
                                    String::new()
                                };
                                let anchor = outcome_anchor(t, i, j, k);
                                let rows = (s.paragraphs.len() + s.results.len()).max(1);
                                SubItemView {
                                    piece_anchors: (0..rows).map(|n| piece_anchor(&anchor, n)).collect(),
                                    anchor,
                                    marker,
                                    text: s.text.clone(),
                                    paragraphs: s.paragraphs.clone(),
                                    results: marked(&p.result, &s.results),
                                }
                            })
                            .collect(),
                    }
                })
                .collect(),
        })
        .collect();
    OutcomesView { key: row_key(&format!("outcomes/{t}")), columns: table.columns.clone(), work_plans }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2019-08-30"), Some(DateView { year: 2019, month: 8, day: 30 }));
        assert_eq!(parse_date("2019-02-29"), None);
        assert_eq!(parse_date("2020-02-29").map(|d| d.day), Some(29));
        assert_eq!(parse_date("2019-8-30"), None);
        assert_eq!(parse_date("2019-13-01"), None);
    }

    #[test]
    fn counts() {
        assert_eq!(format_count(326), "326");
        assert_eq!(format_count(1234567), "1,234,567");
        assert_eq!(format_count(-1000), "-1,000");
    }
}
