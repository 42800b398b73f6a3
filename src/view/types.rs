//! The view's types: what the templates print, every marker numbered and
//! every count formatted.

use crate::model::BoxKind;
use serde::Serialize;

/// Everything a booklet template needs.
#[derive(Debug, Clone, Serialize)]
pub struct View {
    pub meta: MetaView,
    pub parts: Vec<Part>,
    /// The numbering patterns, in the order of `[numbering]`: part,
    /// chapter, section, list, sublist, result, work plan, plan item.
    pub numbering: Vec<String>,
    /// The 歲出機關別預算表, after the parts, when the bundle has budget data.
    pub budget: Option<BudgetView>,
}

/// The booklet's identity, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct MetaView {
    pub agency: String,
    pub title: String,
    /// The fiscal year (ROC).
    pub fiscal_year: i64,
    /// `中華民國109年度`.
    pub year_line: String,
    /// The PDF title: `勞動部 109年度 預算總說明`.
    pub document_title: String,
    pub language: String,
    pub region: Option<String>,
    pub date: Option<DateView>,
}

/// A printed figure: its text as printed and the whole number it shows,
/// if it shows one (an amount, a count, a sum). It serializes as its text,
/// so that the templates print it as they would a string; the comparison
/// and the workbooks read its value.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Figure {
    pub text: String,
    /// The whole number shown (compared exactly).
    pub value: Option<i64>,
    /// The number shown, whole or not (a workbook's cell).
    pub number: Option<f64>,
}

impl Figure {
    /// A number, printed with thousands separators.
    pub fn count(n: i64) -> Self {
        Self { text: super::format_count(n), value: Some(n), number: Some(n as f64) }
    }

    /// A number that need not be whole, printed as written.
    pub fn decimal(x: f64) -> Self {
        Self { text: x.to_string(), value: None, number: Some(x) }
    }

    /// A percentage: the number with `%` (`95.2%`), the number itself for
    /// a workbook.
    pub fn percent(x: f64) -> Self {
        Self { text: format!("{x}%"), value: None, number: Some(x) }
    }

    /// A text that shows no number (a text cell).
    pub fn text(text: impl Into<String>) -> Self {
        Self { text: text.into(), value: None, number: None }
    }
}

impl Serialize for Figure {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
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
    Block {
        paragraphs: Vec<String>,
        items: Vec<Marked>,
    },
    /// Entries that carry a title and a list each (units, goals); `what`
    /// names an entry and what it holds in a report (`單位`, `業務`).
    Entries {
        what: [&'static str; 2],
        entries: Vec<Entry>,
    },
    /// Sub-sections.
    Sections {
        sections: Vec<Section>,
    },
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
    /// The workbook's sheet name.
    pub sheet: String,
    /// The unit caption above the table (`單位：新臺幣千元`).
    pub unit_caption: Option<String>,
    pub columns: Vec<ColumnView>,
    pub rows: Vec<Vec<Figure>>,
    /// The totals row, when a column is totalled.
    pub totals: Option<Vec<Figure>>,
    /// The notes under the table, each with its label (`註：`, `註1：`).
    pub notes: Vec<Marked>,
    /// The columns' widths, from their content (see [`widths`](super::widths)).
    pub widths: Vec<ColumnWidth>,
    /// The header's first row where the columns are grouped (a header of
    /// two rows), left to right; empty for a header of one row.
    pub header_groups: Vec<HeaderGroup>,
    /// Printed on pages turned sideways, with its chapter heading.
    pub landscape: bool,
}

/// A cell of a two-row header's first row: a group's heading over its
/// columns, or (without a name) one column's name spanning both rows.
#[derive(Debug, Clone, Serialize)]
pub struct HeaderGroup {
    /// The group's heading; `None` for a column that spans both rows.
    pub name: Option<String>,
    /// The first column under it, and how many.
    pub first: usize,
    pub span: usize,
}

/// A column heading (with its unit) and whether it holds numbers
/// (printed right-aligned).
#[derive(Debug, Clone, Serialize)]
pub struct ColumnView {
    pub name: String,
    /// The heading of the group the column stands under, in a header of
    /// two rows.
    pub group: Option<String>,
    pub numeric: bool,
    /// A column of percentages (its figures print with `%`; a workbook's
    /// heading says `（%）`).
    pub percent: bool,
}

/// Between a group's heading and a column's name where one text names a
/// grouped column (預算數／本年度): a workbook's one header row, a field of
/// the proof and the comparison.
pub const GROUP_SEPARATOR: char = '／';

impl ColumnView {
    /// The column's name with its group's heading before it, where it has
    /// one (預算數／本年度): the name that tells it from a column of the same
    /// name under another group.
    pub fn qualified_name(&self) -> String {
        match &self.group {
            Some(group) => format!("{group}{GROUP_SEPARATOR}{}", self.name),
            None => self.name.clone(),
        }
    }
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
    /// The chart drawn as a tree (given as `boxes`).
    pub tree: Option<TreeView>,
    /// The whole chart as nested boxes, for an outline that a screen reader
    /// can follow (the web edition).
    pub outline: Vec<ChartNode>,
}

/// A box of the chart with the boxes below it.
#[derive(Debug, Clone, Serialize)]
pub struct ChartNode {
    pub name: String,
    /// A unit, a staff office (beside its parent's line), a group label or a
    /// task force.
    pub kind: BoxKind,
    pub children: Vec<ChartNode>,
}

/// A chart drawn as a tree: the page's width in columns (see
/// [`crate::chart`]), and the boxes level by level.
#[derive(Debug, Clone, Serialize)]
pub struct TreeView {
    pub columns: usize,
    pub levels: Vec<Vec<TreeBoxView>>,
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
    /// A unit, a group label or a task force.
    pub kind: BoxKind,
    /// The first column the box stands over, and how many it spans: the
    /// box is centred over them, its boxes below within them.
    pub left: usize,
    pub span: usize,
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
    /// The notes under the table, each with its label (`註：`, `註1：`).
    pub notes: Vec<Marked>,
}

/// One staffing row, formatted.
#[derive(Debug, Clone, Serialize)]
pub struct StaffingRowView {
    pub agency: String,
    pub counts: Vec<Figure>,
    pub total: Figure,
}

/// A column's width: a number column's fixed width in ems of the table's
/// type, or a text column's share of what the number columns leave (its
/// width in ems on a portrait page).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct ColumnWidth {
    /// The width in ems of the table's type.
    pub em: f64,
    /// Whether the width is fixed (a number column), not a share.
    pub fixed: bool,
}

/// The table of important plans.
#[derive(Debug, Clone, Serialize)]
pub struct PlansView {
    /// The prefix of the table's row labels (see [`row_key`](super::row_key)).
    pub key: String,
    pub columns: [String; 3],
    /// The amount column's heading with its unit (`預算金額（千元）`).
    pub amount: Option<String>,
    /// The remarks column's heading.
    pub remarks: Option<String>,
    /// The unit caption above the table (`單位：新臺幣千元`).
    pub unit_caption: Option<String>,
    /// The grand total of the amounts.
    pub total: Option<Figure>,
    pub total_label: String,
    pub subtotal_label: String,
    pub work_plans: Vec<PlanGroup>,
    /// The columns' widths, from their content (see [`widths`](super::widths)).
    pub widths: Vec<ColumnWidth>,
}

/// A work plan of the plans table.
#[derive(Debug, Clone, Serialize)]
pub struct PlanGroup {
    /// The name as printed, with its number (`一、綜合規劃業務`).
    pub name: String,
    /// Its number (`一、`).
    pub marker: String,
    /// The name without its number.
    pub title: String,
    /// The subtotal of the work plan's amounts.
    pub subtotal: Option<Figure>,
    pub items: Vec<PlanItemView>,
}

/// An item of the plans table. `anchor` names the row, so that the page it
/// lands on can be looked up after layout (for the workbook's 頁次).
#[derive(Debug, Clone, Serialize)]
pub struct PlanItemView {
    pub anchor: String,
    /// The anchor of each content entry's row (see [`piece_anchor`](super::piece_anchor)).
    pub content_anchors: Vec<String>,
    pub number: String,
    pub title: String,
    pub contents: Vec<Marked>,
    /// The amount (empty when the item has none).
    pub amount: Figure,
    pub remarks: String,
}

/// An outcome table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomesView {
    /// The prefix of the table's row labels (see [`row_key`](super::row_key)).
    pub key: String,
    /// The workbook's sheet name.
    pub sheet: String,
    /// The period the table covers (a column of the workbook).
    pub period: String,
    pub columns: [String; 3],
    pub work_plans: Vec<OutcomeGroup>,
    /// The columns' widths, from their content (see [`widths`](super::widths)).
    pub widths: Vec<ColumnWidth>,
}

/// A work plan of an outcome table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeGroup {
    /// The name as printed, with its number.
    pub name: String,
    /// Its number.
    pub marker: String,
    /// The name without its number.
    pub title: String,
    pub items: Vec<OutcomeItemView>,
}

/// An item of an outcome table.
#[derive(Debug, Clone, Serialize)]
pub struct OutcomeItemView {
    pub marker: String,
    pub title: String,
    /// Whether the title row and the first sub-item's row are kept on one
    /// page (see [`keep_titles`](super::widths::keep_titles)).
    pub keep_first: bool,
    pub subitems: Vec<SubItemView>,
}

/// A sub-item and the results beside it. An unnumbered sub-item has an
/// empty marker.
#[derive(Debug, Clone, Serialize)]
pub struct SubItemView {
    pub anchor: String,
    /// The anchor of each row: paragraphs, then results (one row when there
    /// are none); see [`piece_anchor`](super::piece_anchor).
    pub piece_anchors: Vec<String>,
    pub marker: String,
    pub text: String,
    pub paragraphs: Vec<String>,
    pub results: Vec<Marked>,
}

/// The 歲出機關別預算表 of a booklet with budget data.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetView {
    pub heading: String,
    /// The workbook's sheet name.
    pub sheet: String,
    /// `單位：新臺幣千元`.
    pub unit_caption: String,
    /// The prefix of the row-end labels of the long table.
    pub key: String,
    /// A ministry volume's summary: one row per agency, then the total.
    pub summary: Vec<BudgetRowView>,
    /// The rows: the 款, then each 項 with its 目 and their 節.
    pub rows: Vec<BudgetRowView>,
    pub chart_heading: String,
    pub chart: Vec<BudgetBar>,
}

/// One row of the budget table.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetRowView {
    /// The row's anchor, for the page it is printed on.
    pub anchor: String,
    /// `kuan`, `xiang`, `mu` or `section`: the level, and which of the
    /// four number columns holds its number.
    pub level: &'static str,
    pub kuan: String,
    pub xiang: String,
    pub mu: String,
    pub section: String,
    pub name: String,
    /// The 目's 10-digit code, printed beneath its name.
    pub code: String,
    /// 本年度預算數, 上年度預算數 (千元; `—` in a year without the row).
    pub current: Figure,
    pub previous: Figure,
    /// 本年度與上年度比較.
    pub difference: Figure,
    /// The 說明, unwrapped: a paragraph or a numbered item a line.
    pub note: Vec<NoteLine>,
    /// The rows this one's amounts are the sum of (indices into the rows).
    pub parts: Vec<usize>,
}

/// One bar pair of the budget chart: a work plan this year and last year.
#[derive(Debug, Clone, Serialize)]
pub struct BudgetBar {
    /// The agency, in a ministry volume's chart.
    pub group: String,
    pub label: String,
    pub current: Figure,
    pub previous: Figure,
    /// The bars' lengths as shares of the full width.
    pub current_width: f64,
    pub previous_width: f64,
    /// Whether a bar is beyond the scale, drawn broken at the full width.
    pub current_broken: bool,
    pub previous_broken: bool,
}

/// A line of a budget row's 說明: a paragraph (no marker) or a numbered
/// item, hanging from its marker at its depth in the list.
#[derive(Debug, Clone, Serialize)]
pub struct NoteLine {
    pub depth: u8,
    pub marker: String,
    pub text: String,
}

impl NoteLine {
    /// The line as printed: marker and text.
    pub fn line(&self) -> String {
        format!("{}{}", self.marker, self.text)
    }
}
