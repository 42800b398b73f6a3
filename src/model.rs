//! The input schema: what a bundle's TOML files hold, as serde types.
//!
//! A bundle is a directory with a `booklet.toml` manifest. The manifest may
//! name further files of the same bundle (`booklet.include`); every file has
//! the shape of [`BundleFile`], and the loader merges them into one
//! [`Booklet`]. All types reject unknown keys, so a misspelt key is an error
//! rather than silently ignored text.
//!
//! The schema follows the structure of a 預算總說明 booklet:
//! 壹 [`Duties`] (statutory duties, internal units, organization and staffing),
//! 貳 [`Policy`] (vision, annual goals, table of important plans) and
//! 參 [`Outcomes`] (tables of earlier years' outcomes). Every section is
//! optional, and every heading has the customary wording as its default.

use rust_i18n::t;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One TOML file of a bundle, as written. The manifest and the included files
/// share this shape; each section may be given in one file only, except
/// `outcomes.tables`, which are concatenated in include order.
// An import writes each file of its draft as one (`Serialize`), without
// the keys left at their defaults; the schema keeps the defaults
// (`schemars(extend)`).
#[derive(Debug, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
#[schemars(title = "booklet bundle file")]
pub struct BundleFile {
    /// The booklet's identity; only in the manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub booklet: Option<Meta>,
    /// The numbering scheme; only in the manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub numbering: Option<Numbering>,
    /// The budget data the 歲出機關別預算表 is printed from; only in the
    /// manifest.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget: Option<BudgetSpec>,
    /// 壹、現行法定職掌.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub duties: Option<Duties>,
    /// 貳、施政目標與重點.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub policy: Option<Policy>,
    /// 參、以前年度計畫實施成果概述.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub outcomes: Option<OutcomesFile>,
    /// Further parts (肆、其他 …), after the others; concatenated in
    /// include order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub parts: Vec<ExtraPart>,
}

/// A whole booklet, merged from the files of its bundle.
#[derive(Debug, Clone)]
pub struct Booklet {
    pub meta: Meta,
    pub numbering: Numbering,
    pub duties: Option<Duties>,
    pub policy: Option<Policy>,
    pub outcomes: Option<Outcomes>,
    /// Further parts (肆、 伍、 …).
    pub parts: Vec<ExtraPart>,
    /// The budget data, read.
    pub budget: Option<Budget>,
}

/// `[budget]`: the data files of the 歲出機關別預算表, inside the bundle,
/// in the government's published CSV shape (year, code, amount, name,
/// topname, depname, depcat, cat, ref, note; amounts in 元), and whose
/// rows the booklet prints: an agency (項), or a 主管 (款) for a ministry
/// volume.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BudgetSpec {
    /// This year's data file (the proposal), relative to the bundle, e.g.
    /// `budget/fy109-proposed.csv`.
    pub current: String,
    /// Last year's data file (as enacted), relative to the bundle. Without
    /// it, last year's column is empty.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub previous: Option<String>,
    /// The agency (項) as this year's data names it (`depname`), e.g. `勞動部`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub agency: Option<String>,
    /// Or a 主管 (款, `topname`) for a ministry volume, e.g. `勞動部主管`:
    /// every agency of it, a summary table of them first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ministry: Option<String>,
    /// The table's heading, `歲出機關別預算表` by default.
    #[serde(default = "default_budget_heading", skip_serializing_if = "is_default_budget_heading")]
    #[schemars(extend("default" = "歲出機關別預算表"))]
    pub heading: String,
    /// When true, the plans table's amounts are the data's, by work plan:
    /// each 工作計畫 named as a 目 of the data gets the 目's amount in
    /// 千元, and its items' typed amounts are left out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub plan_amounts: bool,
}

impl BudgetSpec {
    /// The `[budget]` naming a bundle's data files (below `folder`, empty
    /// for the bundle's top) of a fiscal year, and whose rows the booklet
    /// prints.
    pub fn for_files(folder: &str, fiscal_year: i64, scope: &crate::budget::Scope) -> Self {
        let (current, previous) = crate::budget::file_names(fiscal_year);
        let path = |name: String| if folder.is_empty() { name } else { format!("{folder}/{name}") };
        let (agency, ministry) = match scope {
            crate::budget::Scope::Agency(name) => (Some(name.clone()), None),
            crate::budget::Scope::Ministry(name) => (None, Some(name.clone())),
        };
        Self {
            current: path(current),
            previous: Some(path(previous)),
            agency,
            ministry,
            heading: default_budget_heading(),
            plan_amounts: false,
        }
    }
}

/// The heading of the budget table.
pub fn default_budget_heading() -> String {
    "歲出機關別預算表".into()
}
fn is_default_budget_heading(heading: &String) -> bool {
    *heading == default_budget_heading()
}

/// The budget data of a booklet, read from its files.
#[derive(Debug, Clone)]
pub struct Budget {
    pub spec: BudgetSpec,
    /// Whose rows: the agency or the 主管 (validation checks that one is given).
    pub scope: Option<crate::budget::Scope>,
    pub current: Vec<crate::budget::Row>,
    pub previous: Vec<crate::budget::Row>,
}

/// The booklet's identity: who publishes it and for which fiscal year.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Meta {
    /// The agency, e.g. `勞動部`; the PDF's author.
    pub agency: String,
    /// The document title, e.g. `預算總說明`.
    #[serde(default = "default_title")]
    pub title: String,
    /// The fiscal year in the ROC calendar (民國), e.g. `109` for 2020.
    pub fiscal_year: i64,
    /// The date of issue, `YYYY-MM-DD` (a string or a TOML date); stamps
    /// the PDF and the workbook. Without it: `SOURCE_DATE_EPOCH`, else
    /// 1 January of the fiscal year.
    #[serde(default, deserialize_with = "date_text", skip_serializing_if = "Option::is_none")]
    #[schemars(with = "Option<String>", regex(pattern = r"^\d{4}-\d{2}-\d{2}$"))]
    #[schemars(extend("default" = null))]
    pub date: Option<String>,
    /// The document language (BCP 47), `zh-TW` by default.
    #[serde(default = "default_language", skip_serializing_if = "is_default_language")]
    #[schemars(extend("default" = "zh-TW"))]
    pub language: String,
    /// Further files of the bundle, relative to the manifest.
    #[serde(default)]
    pub include: Vec<String>,
    /// The order of the parts, when not the customary one: the sections
    /// present, each once, among `duties`, `policy`, `outcomes` and
    /// `parts` (the further parts, in their order).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order: Option<Vec<String>>,
}

/// The names [`Meta::order`] takes, in the customary order.
pub const SECTIONS: [&str; 4] = ["duties", "policy", "outcomes", "parts"];

/// Numbering patterns, one per level. Each holds one counting symbol
/// (`壹` formal numerals, `一` Chinese numerals, `1` Arabic digits) with
/// the text around it, e.g. `（一）` or `1.`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Numbering {
    /// Top-level sections: 壹、.
    pub part: String,
    /// Second-level sections: 一、.
    pub chapter: String,
    /// Third-level sections: （一）.
    pub section: String,
    /// Lists: 1、.
    pub list: String,
    /// Lists within lists: （1）.
    pub sublist: String,
    /// Results in the outcome tables: 1.
    pub result: String,
    /// Work plans in the plans and outcome tables: 一、.
    pub work_plan: String,
    /// The item number column of the plans table: 一.
    pub plan_item: String,
    /// The units of 內部分層業務, where a booklet numbers them unlike the
    /// list (`（一）綜合規劃司：` beside duties numbered `1、`); the list's
    /// pattern when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// Each unit's duties, where numbered unlike the sublist; the
    /// sublist's pattern when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_item: Option<String>,
    /// The goals of 年度施政目標, where numbered unlike the list; the
    /// list's pattern when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal: Option<String>,
    /// Each goal's measures, where numbered unlike the sublist; the
    /// sublist's pattern when not given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goal_item: Option<String>,
}

impl Default for Numbering {
    fn default() -> Self {
        Self {
            part: "壹、".into(),
            chapter: "一、".into(),
            section: "（一）".into(),
            list: "1、".into(),
            sublist: "（1）".into(),
            result: "1.".into(),
            work_plan: "一、".into(),
            plan_item: "一".into(),
            unit: None,
            unit_item: None,
            goal: None,
            goal_item: None,
        }
    }
}

/// Text as paragraphs, a numbered list, or paragraphs followed by a list.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Block {
    /// The section heading.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    /// Unnumbered paragraphs.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub paragraphs: Vec<String>,
    /// Numbered list entries.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub items: Vec<String>,
}

/// 壹、現行法定職掌.
// Written back by an import (`Serialize`), without the keys left at their
// defaults; the schema keeps the defaults (`schemars(extend)`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Duties {
    #[serde(default = "default_duties_heading")]
    pub heading: String,
    /// 機關主要職掌: a list, or a paragraph.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub main: Option<Block>,
    /// 內部分層業務.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Units>,
    /// 組織系統圖及預算員額說明表.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<Organization>,
}

/// 內部分層業務: the internal units and their duties.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Units {
    #[serde(default = "default_units_heading")]
    pub heading: String,
    pub list: Vec<Unit>,
}

/// One internal unit. A unit with one paragraph and no list prints on one
/// line (`人事處：掌理本部人事事項。`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Unit {
    pub name: String,
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub paragraphs: Vec<String>,
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub items: Vec<String>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

/// 組織系統圖及預算員額說明表.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Organization {
    #[serde(default = "default_organization_heading")]
    pub heading: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart: Option<OrgChart>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub staffing: Option<Staffing>,
}

/// 組織系統圖: drawn from data. Without `units`, the internal units of
/// `duties.units` are shown.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OrgChart {
    #[serde(default = "default_chart_heading")]
    pub heading: String,
    /// The head box; the agency's name by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub head: Option<String>,
    /// Deputies and staff offices, shown between the head and the units.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub deputies: Vec<String>,
    /// The internal units; by default the names in `duties.units`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub units: Option<Vec<String>>,
    /// Subordinate agencies (所屬機關).
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub agencies: Vec<String>,
    /// Task forces (任務編組).
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub task_forces: Vec<String>,
    /// The chart as a tree, instead of the keys above: every box but the
    /// first names the box it hangs from.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub boxes: Vec<ChartBox>,
}

/// A box of an organization chart drawn as a tree.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ChartBox {
    /// The name printed in the box (at most 12 characters).
    pub name: String,
    /// A name for `parent` to refer to, where names repeat (two 政務次長).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The box this one hangs from: the `id` or `name` of an earlier box
    /// (the nearest, where names repeat). Only the first box has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub parent: Option<String>,
    /// A staff office (幕僚單位), drawn beside its parent's line rather than
    /// on the level below.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub staff: bool,
    /// A group box (所屬機關): a label for the boxes under it, drawn across
    /// them in bold with a heavier rule. It holds at least one box.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub group: bool,
    /// A task force (任務編組): drawn with a dashed box and a dashed line to
    /// its parent.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub task_force: bool,
}

/// What a box of a tree chart is, from its `staff`, `group` and
/// `task_force` keys (validation refuses more than one).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum BoxKind {
    /// An internal unit or an agency: on the level below its parent.
    #[default]
    Unit,
    /// A staff office, beside its parent's line.
    Staff,
    /// A group label (所屬機關) over the boxes under it.
    Group,
    /// A task force, joined by a dashed line.
    TaskForce,
}

impl ChartBox {
    /// What the box is; `staff` first where a bundle sets several keys.
    pub fn kind(&self) -> BoxKind {
        if self.staff {
            BoxKind::Staff
        } else if self.group {
            BoxKind::Group
        } else if self.task_force {
            BoxKind::TaskForce
        } else {
            BoxKind::Unit
        }
    }
}

/// The most levels a chart drawn as a tree may have (staff offices aside).
pub const CHART_MAX_DEPTH: usize = 8;
/// The most boxes one level of a tree chart may hold.
pub const CHART_MAX_WIDTH: usize = 24;
/// The most boxes a tree chart may hold.
pub const CHART_MAX_BOXES: usize = 60;
/// The longest name a chart box holds.
pub const CHART_MAX_NAME: usize = 12;

/// 預算員額說明表: one row per agency, one column per staff category.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Staffing {
    #[serde(default = "default_staffing_heading")]
    pub heading: String,
    /// The heading of the agency column.
    #[serde(default = "default_agency_column")]
    pub agency_column: String,
    /// The staff categories.
    #[serde(default = "default_staff_columns")]
    pub columns: Vec<String>,
    /// The heading of the total column.
    #[serde(default = "default_total_column")]
    pub total_column: String,
    pub rows: Vec<StaffingRow>,
    /// Notes printed under the table, each without its label: one is
    /// printed `註：…`, several `註1：…`, `註2：…` (`預算員額不含政務人員。`).
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<String>,
}

/// One agency's budgeted staff.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StaffingRow {
    pub agency: String,
    /// One count per column of [`Staffing::columns`].
    pub counts: Vec<i64>,
    /// The printed total; checked against the sum of `counts` when given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

/// The label of the totals row when the staffing table has several agencies.
pub const TOTALS_LABEL: &str = "總計";

impl StaffingRow {
    /// The sum of the row's counts (saturating: validation refuses counts
    /// large enough to overflow).
    pub fn sum(&self) -> i64 {
        self.counts.iter().fold(0i64, |a, &n| a.saturating_add(n))
    }
}

impl Staffing {
    /// The sum of each column over the rows.
    pub fn column_sums(&self) -> Vec<i64> {
        (0..self.columns.len())
            .map(|c| self.rows.iter().fold(0i64, |a, r| a.saturating_add(r.counts.get(c).copied().unwrap_or(0))))
            .collect()
    }
}

/// 貳、施政目標與重點.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    #[serde(default = "default_policy_heading")]
    pub heading: String,
    /// The vision paragraphs before the goals.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub vision: Vec<String>,
    /// 年度施政目標.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub goals: Option<Goals>,
    /// 年度重要施政計畫.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub plans: Option<PlansTable>,
}

/// 年度施政目標.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goals {
    #[serde(default = "default_goals_heading")]
    pub heading: String,
    pub list: Vec<Goal>,
}

/// One annual goal and its measures.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Goal {
    pub title: String,
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub items: Vec<String>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

/// 年度重要施政計畫: work plan -> item -> 實施內容.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlansTable {
    #[serde(default = "default_plans_heading")]
    pub heading: String,
    /// Column headings: work plan, item, contents.
    #[serde(default = "default_plans_columns")]
    pub columns: [String; 3],
    /// A column of amounts (each item's `amount`), with a subtotal per work
    /// plan and a grand total.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<AmountColumn>,
    /// The heading of a remarks column (each item's `remarks`), e.g. `備註`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// The unit caption printed above the table at the right, e.g.
    /// `單位：新臺幣千元`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_caption: Option<String>,
    /// The printed grand total of the amounts; checked against their sum.
    #[serde(default, deserialize_with = "amount")]
    #[schemars(with = "Option<i64>")]
    #[schemars(extend("default" = null))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    pub work_plans: Vec<PlanWorkPlan>,
}

/// A column of amounts: its heading and unit (`預算金額`, `千元`).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AmountColumn {
    #[serde(default = "default_amount_heading")]
    pub heading: String,
    #[serde(default = "default_amount_unit")]
    pub unit: String,
}

/// The label of a work plan's subtotal row.
pub const SUBTOTAL_LABEL: &str = "小計";

/// A work plan (工作計畫) of the plans table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanWorkPlan {
    pub name: String,
    /// The printed subtotal of the amounts; checked against their sum.
    #[serde(default, deserialize_with = "amount")]
    #[schemars(with = "Option<i64>")]
    #[schemars(extend("default" = null))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub total: Option<i64>,
    pub items: Vec<PlanItem>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

impl PlanWorkPlan {
    /// The sum of the items' amounts.
    pub fn amount_sum(&self) -> i64 {
        self.items.iter().fold(0i64, |a, i| a.saturating_add(i.amount.unwrap_or(0)))
    }
}

/// An important plan item (重要計畫項目) and its contents (實施內容).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PlanItem {
    pub title: String,
    pub contents: Vec<String>,
    /// The amount, in the unit of the table's amount column.
    #[serde(default, deserialize_with = "amount")]
    #[schemars(with = "Option<i64>")]
    #[schemars(extend("default" = null))]
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<i64>,
    /// What the remarks column says of the item.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remarks: Option<String>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

/// 參、以前年度計畫實施成果概述, as one file holds it.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomesFile {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heading: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub tables: Vec<OutcomeTable>,
}

/// 參、以前年度計畫實施成果概述, merged.
#[derive(Debug, Clone)]
pub struct Outcomes {
    pub heading: String,
    pub tables: Vec<OutcomeTable>,
}

/// One outcome table, e.g. 前（107）年度計畫實施成果概述.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeTable {
    pub heading: String,
    /// The workbook sheet name (at most 31 characters).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The period covered, e.g. `107年度`; a column of the workbook.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub period: Option<String>,
    /// Column headings: work plan, 實施概況, 實施成果.
    #[serde(default = "default_outcome_columns")]
    pub columns: [String; 3],
    pub work_plans: Vec<OutcomeWorkPlan>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

impl OutcomeTable {
    /// The workbook's sheet name of the `t`th outcome table: its `sheet`,
    /// or `實施成果N`.
    pub fn sheet_name(&self, t: usize) -> String {
        self.sheet.clone().unwrap_or_else(|| format!("實施成果{}", t + 1))
    }
}

/// The text `booklet new` writes where the booklet's own text goes: left in
/// a bundle, it is warned about (an error with `--deny-warnings`).
pub const PLACEHOLDER: &str = "（請填寫）";

/// The names `booklet new` writes where a name or a heading belongs; a text
/// that is one of them is still a placeholder.
pub const NAMED_PLACEHOLDERS: &[&str] = &[
    "（單位名稱）",
    "（工作計畫名稱）",
    "（工作計畫）",
    "（計畫項目）",
    "（重要計畫項目）",
    "（實施概況）",
    "（實施成果）",
    "（表名）",
    "（科目）",
];

/// The names of the workbook's sheets that every booklet may hold besides
/// the outcome tables and the further parts' tables: staffing, the plans,
/// the plans' amounts.
pub const FIXED_SHEETS: [&str; 3] = ["預算員額", "重要施政計畫", "計畫預算金額"];

/// A work plan of an outcome table.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeWorkPlan {
    pub name: String,
    pub items: Vec<OutcomeItem>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

/// An item of an outcome table (1、…): its sub-items with their results,
/// or, where the booklet prints the results beside the item itself, its
/// own `paragraphs` and `results` (or both: its own first).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OutcomeItem {
    pub title: String,
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub subitems: Vec<SubItem>,
    /// Unnumbered result paragraphs of the item itself, printed before
    /// `results`.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub paragraphs: Vec<String>,
    /// Numbered results (1. 2. …) of the item itself, where it has no
    /// sub-items of its own to hold them.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub results: Vec<String>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

impl OutcomeItem {
    /// Whether the item holds results of its own (beside its title).
    pub fn has_own_results(&self) -> bool {
        !self.paragraphs.is_empty() || !self.results.is_empty()
    }
}

/// A sub-item (實施概況, （1）…) and the results (實施成果) printed beside it.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SubItem {
    pub text: String,
    /// `false` for an item's single unnumbered description.
    #[serde(default = "yes")]
    #[serde(skip_serializing_if = "is_yes")]
    #[schemars(extend("default" = true))]
    pub numbered: bool,
    /// Unnumbered result paragraphs, printed before `results`.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub paragraphs: Vec<String>,
    /// Numbered results (1. 2. …).
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub results: Vec<String>,
    /// Where an import read the entry: its line in last year's booklet,
    /// written beside the entry as a comment. Never read from a bundle.
    #[serde(skip)]
    pub source_line: Option<usize>,
}

/// A further part (肆、其他 …): paragraphs, a numbered list, and tables.
// Written back by an import (`Serialize`), without the keys left at their
// defaults.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ExtraPart {
    pub heading: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub paragraphs: Vec<String>,
    /// Numbered list entries.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub items: Vec<String>,
    /// Tables, each printed as a chapter (一、…) of the part.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub tables: Vec<GenericTable>,
}

/// A table whose columns the bundle declares.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenericTable {
    /// The chapter heading the table is printed under.
    pub heading: String,
    /// The workbook sheet name (at most 31 characters); the heading by default.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    /// The unit caption printed above the table at the right, e.g.
    /// `單位：新臺幣千元`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit_caption: Option<String>,
    pub columns: Vec<GenericColumn>,
    /// One array per row, one value per column: a string for a text
    /// column, a number for an integer or amount column.
    pub rows: Vec<Vec<CellValue>>,
    /// The label of the totals row (when a column is totalled).
    #[serde(default = "default_total_column", skip_serializing_if = "is_default_total")]
    #[schemars(extend("default" = "合計"))]
    pub total_label: String,
    /// Notes printed under the table, each without its label: one is
    /// printed `註：…`, several `註1：…`, `註2：…`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[schemars(extend("default" = []))]
    pub notes: Vec<String>,
    /// Print the table, with its heading, on pages turned sideways (A4
    /// landscape): for a table too wide for a portrait page. The booklet
    /// goes on on a portrait page after it.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub landscape: bool,
}

impl GenericTable {
    /// The workbook's sheet name of the table: its `sheet`, or its heading.
    pub fn sheet_name(&self) -> String {
        self.sheet.clone().unwrap_or_else(|| self.heading.clone())
    }
}

/// A column of a [`GenericTable`].
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct GenericColumn {
    pub name: String,
    /// What the column holds: `text` (the default), `integer`, `amount` or
    /// `percent` (a number in percent: `95.2` prints `95.2%`).
    #[serde(rename = "type", default, skip_serializing_if = "ColumnKind::is_text")]
    #[schemars(extend("default" = "text"))]
    pub kind: ColumnKind,
    /// Add a totals row with the column's sum (numbers only).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    #[schemars(extend("default" = false))]
    pub total: bool,
    /// The unit of an amount column, printed in its heading (`千元`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    /// A heading over this column and its neighbours of the same `group`:
    /// the header then has two rows, the group's heading spanning its
    /// columns above their names (預算數 over 本年度 and 上年度). A column
    /// without a group spans both rows.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
}

/// What a column of a [`GenericTable`] holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ColumnKind {
    #[default]
    Text,
    Integer,
    Amount,
    /// A number in percent, whole or not (`95.2` prints `95.2%`); never
    /// totalled.
    Percent,
}

impl ColumnKind {
    /// Whether the column holds text (the default, left unwritten).
    pub fn is_text(&self) -> bool {
        *self == ColumnKind::Text
    }
}

/// A value of a [`GenericTable`] row.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CellValue {
    Integer(i64),
    Float(f64),
    Text(String),
}

impl GenericTable {
    /// The sum of a numeric column (whole numbers; validation refuses others).
    pub fn column_sum(&self, column: usize) -> i64 {
        self.rows.iter().fold(0i64, |a, r| match r.get(column) {
            Some(CellValue::Integer(n)) => a.saturating_add(*n),
            _ => a,
        })
    }
}

/// A date written as a string or as a TOML date literal.
#[derive(Deserialize)]
#[serde(untagged)]
enum DateInput {
    Text(String),
    Toml(toml::value::Datetime),
}

fn date_text<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<String>, D::Error> {
    let input = Option::<DateInput>::deserialize(deserializer).map_err(|_| serde::de::Error::custom(t!("model.date_expected")))?;
    Ok(input.map(|d| match d {
        DateInput::Text(text) => text,
        DateInput::Toml(date) => date.to_string(),
    }))
}

/// An amount: a whole number. Anything else (text such as `"1,234"`, a
/// fraction) gets a message that says how to write one.
fn amount<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<Option<i64>, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum AmountInput {
        Whole(i64),
        Other(toml::Value),
    }
    match Option::<AmountInput>::deserialize(deserializer)? {
        None => Ok(None),
        Some(AmountInput::Whole(n)) => Ok(Some(n)),
        Some(AmountInput::Other(v)) => Err(serde::de::Error::custom(t!("model.not_an_amount", value = v))),
    }
}

fn yes() -> bool {
    true
}
fn default_title() -> String {
    "預算總說明".into()
}
pub fn default_language() -> String {
    "zh-TW".into()
}
fn is_default_language(language: &String) -> bool {
    *language == default_language()
}
pub fn default_duties_heading() -> String {
    "現行法定職掌".into()
}
pub fn default_units_heading() -> String {
    "內部分層業務".into()
}
pub fn default_organization_heading() -> String {
    "組織系統圖及預算員額說明表".into()
}
pub fn default_chart_heading() -> String {
    "組織系統圖".into()
}
pub fn default_staffing_heading() -> String {
    "預算員額說明表".into()
}
pub fn default_agency_column() -> String {
    "機關".into()
}
pub fn default_staff_columns() -> Vec<String> {
    ["職員", "工友", "技工", "駕駛", "聘用", "約僱"].map(String::from).to_vec()
}
pub fn default_total_column() -> String {
    "合計".into()
}
fn is_default_total(label: &String) -> bool {
    *label == default_total_column()
}
fn is_yes(b: &bool) -> bool {
    *b
}
pub fn default_policy_heading() -> String {
    "施政目標與重點".into()
}
pub fn default_goals_heading() -> String {
    "年度施政目標".into()
}
pub fn default_plans_heading() -> String {
    "年度重要施政計畫".into()
}
pub fn default_plans_columns() -> [String; 3] {
    ["工作計畫名稱", "重要計畫項目", "實施內容"].map(String::from)
}
/// The default heading of the outcomes part.
pub fn default_outcomes_heading() -> String {
    "以前年度計畫實施成果概述".into()
}
pub fn default_amount_heading() -> String {
    "預算金額".into()
}
pub fn default_amount_unit() -> String {
    "千元".into()
}
pub fn default_outcome_columns() -> [String; 3] {
    ["工作計畫", "實施概況", "實施成果"].map(String::from)
}
