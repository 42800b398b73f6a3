//! Stage 5 of an import: the draft as read, and its assembly. An
//! [`Importer`] walks the lines part by part (front matter, 壹 duties, 貳
//! policy, 參 outcomes), hands each line and table to the section that
//! reads it, and at the end writes the draft's files and notes.

use std::fmt::Write as _;

use rust_i18n::t;

use crate::load::MANIFEST;
use crate::model::FIXED_SHEETS;
use crate::validate::sheet_name_problem;

use crate::import::emit::{Toml, emit_duties, emit_policy, emit_table, lit, parts_file};
use crate::import::layout::lines::{Line, quote};
use crate::import::parts::cell_lines::Cell;
use crate::import::parts::duties::{duties_line, staffing_table};
use crate::import::parts::markers::{Kind, Notes, Part, first_number, split_marker, table_heading};
use crate::import::parts::outcomes::outcome_table;
use crate::import::parts::policy::{plans_table, policy_line};
use crate::import::{Draft, layout};

/// The agency a draft names when the booklet's first lines give none.
const AGENCY_PLACEHOLDER: &str = "（請填寫機關名稱）";
/// The fiscal year a draft states when the booklet's first lines give none
/// (a valid ROC year, so that the draft builds; the notes say to fix it).
const YEAR_PLACEHOLDER: i64 = 1;

#[derive(Default)]
pub(in crate::import) struct Importer {
    pub(in crate::import) notes: Notes,
    pub(in crate::import) part: Part,
    pub(in crate::import) blank: bool,
    pub(in crate::import) agency: Option<String>,
    pub(in crate::import) title: Option<String>,
    pub(in crate::import) fiscal_year: Option<i64>,
    pub(in crate::import) duties: Option<DutiesD>,
    pub(in crate::import) policy: Option<PolicyD>,
    pub(in crate::import) outcomes_heading: Option<String>,
    /// An outcome table heading waiting for its table.
    pub(in crate::import) pending: Option<(usize, String)>,
    pub(in crate::import) tables: Vec<OTable>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(in crate::import) enum DSec {
    #[default]
    None,
    Main,
    Units,
    Org,
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
    pub(in crate::import) list: Vec<UnitD>,
    /// The marker of the units (the first one's); other markers list duties.
    pub(in crate::import) kind: Option<Kind>,
}

pub(in crate::import) struct UnitD {
    pub(in crate::import) name: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) paragraphs: Vec<String>,
    pub(in crate::import) items: Vec<String>,
    pub(in crate::import) last_para: bool,
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
    pub(in crate::import) rows: Vec<RowD>,
    /// The notes under the table (`註：…`), their labels taken off.
    pub(in crate::import) notes: Vec<String>,
}

pub(in crate::import) struct RowD {
    pub(in crate::import) agency: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) counts: Vec<i64>,
    pub(in crate::import) total: Option<i64>,
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
    pub(in crate::import) list: Vec<GoalD>,
    /// The marker of the goals (the first one's); other markers list measures.
    pub(in crate::import) kind: Option<Kind>,
}

pub(in crate::import) struct GoalD {
    pub(in crate::import) title: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) items: Vec<String>,
}

#[derive(Default)]
pub(in crate::import) struct PlansD {
    pub(in crate::import) heading: Option<String>,
    pub(in crate::import) columns: Option<[String; 3]>,
    pub(in crate::import) work_plans: Vec<PWorkPlan>,
    /// The amount column's heading and unit, where the table has one.
    pub(in crate::import) amount: Option<(String, Option<String>)>,
    /// The remarks column's heading, where the table has one.
    pub(in crate::import) remarks: Option<String>,
}

pub(in crate::import) struct PWorkPlan {
    pub(in crate::import) name: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) items: Vec<PItem>,
}

pub(in crate::import) struct PItem {
    pub(in crate::import) title: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) contents: Vec<String>,
    pub(in crate::import) amount: Option<i64>,
    pub(in crate::import) remarks: Option<String>,
}

impl PlansD {
    /// The plans table's amounts and remarks, read from a PDF's table
    /// apart from its text, given to their items: matched by title, in
    /// order.
    fn take_amounts(&mut self, amounts: &layout::Amounts) {
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

pub(in crate::import) struct OTable {
    pub(in crate::import) heading: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) period: Option<String>,
    pub(in crate::import) sheet: Option<String>,
    pub(in crate::import) columns: Option<[String; 3]>,
    pub(in crate::import) work_plans: Vec<OWorkPlan>,
}

pub(in crate::import) struct OWorkPlan {
    pub(in crate::import) name: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) items: Vec<OItem>,
}

pub(in crate::import) struct OItem {
    pub(in crate::import) title: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) subitems: Vec<OSub>,
    /// The item's own results, where it has no sub-items to hold them.
    pub(in crate::import) paragraphs: Vec<String>,
    pub(in crate::import) results: Vec<String>,
}

impl OItem {
    pub(in crate::import) fn new(title: String, line: usize) -> Self {
        OItem { title, line, subitems: Vec::new(), paragraphs: Vec::new(), results: Vec::new() }
    }
}

pub(in crate::import) struct OSub {
    pub(in crate::import) text: String,
    pub(in crate::import) line: usize,
    pub(in crate::import) numbered: bool,
    pub(in crate::import) paragraphs: Vec<String>,
    pub(in crate::import) results: Vec<String>,
}

impl OSub {
    pub(in crate::import) fn new(text: &str, line: usize, numbered: bool) -> Self {
        Self { text: text.to_string(), line, numbered, paragraphs: Vec::new(), results: Vec::new() }
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

impl Importer {
    pub(in crate::import) fn enter(&mut self, part: Part, heading: String) {
        self.part = part;
        match part {
            Part::Front => {}
            Part::Duties => self.duties = Some(DutiesD { heading, ..Default::default() }),
            Part::Policy => self.policy = Some(PolicyD { heading, ..Default::default() }),
            Part::Outcomes => self.outcomes_heading = Some(heading),
        }
    }

    pub(in crate::import) fn line(&mut self, line: &Line) {
        let blank = self.blank;
        match self.part {
            Part::Front => self.front(line),
            Part::Duties => duties_line(self.duties.get_or_insert_with(Default::default), line, blank, &mut self.notes),
            Part::Policy => policy_line(self.policy.get_or_insert_with(Default::default), line, blank, &mut self.notes),
            Part::Outcomes => {
                if let Some(heading) = table_heading(&line.text) {
                    if let Some((at, previous)) = self.pending.replace((line.no, heading)) {
                        self.notes.add(at, t!("import.assemble.heading_without_table", heading = quote(&previous)));
                    }
                } else {
                    self.notes.left_out(line, |text| t!("import.assemble.left_out_outcomes", text = text));
                }
            }
        }
    }

    /// The lines before the first part: agency, title, fiscal year.
    pub(in crate::import) fn front(&mut self, line: &Line) {
        let t = &line.text;
        let short = t.chars().count() <= 30 && split_marker(t).is_none();
        let mut used = false;
        if self.fiscal_year.is_none()
            && t.contains("年度")
            && short
            && let Some(year) = first_number(t)
        {
            self.fiscal_year = Some(year);
            used = true;
        }
        if self.title.is_none() && short && t.contains("總說明") {
            // `預算總說明`, or `110年度預算總說明`.
            let title = t.rsplit_once("年度").map_or(t.as_str(), |(_, after)| after).trim();
            self.title = Some(if title.is_empty() { t.clone() } else { title.to_string() });
            used = true;
        }
        if used {
            return;
        }
        if self.agency.is_none() && short {
            self.agency = Some(t.clone());
        } else if self.title.is_none() && short {
            self.title = Some(t.clone());
        } else {
            self.notes.left_out(line, |text| t!("import.assemble.left_out_front", text = text));
        }
    }

    pub(in crate::import) fn table(&mut self, cells: Vec<Cell>, line: usize) {
        let notes = &mut self.notes;
        match self.part {
            Part::Front => notes.add(line, t!("import.assemble.front_table", count = cells.len())),
            Part::Duties => {
                let d = self.duties.get_or_insert_with(Default::default);
                if d.sec != DSec::Org {
                    notes.add(line, t!("import.assemble.duties_table"));
                    d.sec = DSec::Org;
                }
                staffing_table(d.org.get_or_insert_with(Default::default), &cells, line, notes);
            }
            Part::Policy => {
                let p = self.policy.get_or_insert_with(Default::default);
                if p.sec != PSec::Plans {
                    notes.add(line, t!("import.assemble.policy_table"));
                    p.sec = PSec::Plans;
                }
                plans_table(p.plans.get_or_insert_with(Default::default), &cells, line, notes);
            }
            Part::Outcomes => {
                let (at, heading) = self.pending.take().unwrap_or_else(|| {
                    notes.add(line, t!("import.assemble.table_without_heading"));
                    (line, String::new())
                });
                let table = outcome_table(heading, at, &cells, line, notes);
                self.tables.push(table);
            }
        }
    }

    /// The draft's files and notes, with what a PDF's layout found beyond
    /// its lines (see [`layout::Layout`]): the parts' order, the numbering
    /// styles, the further parts, and the plans table's amounts.
    pub(in crate::import) fn finish(mut self, layout: Option<&layout::Layout>) -> Draft {
        if let (Some(amounts), Some(plans)) = (layout.and_then(|l| l.amounts.as_ref()), self.policy.as_mut().and_then(|p| p.plans.as_mut()))
        {
            plans.take_amounts(amounts);
        }
        let notes = &mut self.notes;
        if let Some((at, heading)) = self.pending.take() {
            notes.add(at, t!("import.assemble.heading_without_table", heading = quote(&heading)));
        }
        if self.duties.is_none() && self.policy.is_none() && self.outcomes_heading.is_none() {
            notes.add(1, t!("import.assemble.no_part"));
        }
        // A draft always loads and builds: what is not found gets a
        // placeholder the notes point at.
        let agency = self.agency.take().unwrap_or_else(|| {
            notes.add(1, t!("import.assemble.no_agency", placeholder = format!("{AGENCY_PLACEHOLDER:?}")));
            AGENCY_PLACEHOLDER.into()
        });
        let title = self.title.take().unwrap_or_else(|| {
            notes.add(1, t!("import.assemble.no_title"));
            "預算總說明".into()
        });
        let fiscal_year = self.fiscal_year.unwrap_or_else(|| {
            notes.add(1, t!("import.assemble.no_fiscal_year", year = YEAR_PLACEHOLDER));
            YEAR_PLACEHOLDER
        });

        let mut files = Vec::new();
        if let Some(d) = &self.duties {
            files.push(("duties.toml".to_string(), emit_duties(d, notes)));
        }
        if let Some(p) = &self.policy {
            files.push(("policy.toml".to_string(), emit_policy(p, notes)));
        }
        // Workbook sheets named after the period (`107年度實施成果`) where
        // that makes a valid name of its own.
        let mut taken: Vec<String> = FIXED_SHEETS.iter().map(|s| s.to_lowercase()).collect();
        taken.extend((1..=self.tables.len()).map(|t| format!("實施成果{t}")));
        for table in &mut self.tables {
            if let Some(sheet) = table.period.as_ref().map(|p| format!("{p}實施成果"))
                && sheet_name_problem(&sheet).is_none()
                && !taken.contains(&sheet.to_lowercase())
            {
                taken.push(sheet.to_lowercase());
                table.sheet = Some(sheet);
            }
        }
        let years: Vec<Option<i64>> = self.tables.iter().map(|t| first_number(&t.heading)).collect();
        let unique = years.iter().all(Option::is_some) && (1..years.len()).all(|i| !years[..i].contains(&years[i]));
        for (t, table) in self.tables.iter().enumerate() {
            let name = match years[t] {
                Some(year) if unique => format!("outcomes-{year}.toml"),
                _ => format!("outcomes-{}.toml", t + 1),
            };
            files.push((name, emit_table(table)));
        }

        let mut m = Toml::default();
        m.comment(&t!("import.assemble.manifest_comment"));
        m.table("booklet");
        m.string("agency", &agency);
        m.string("title", &title);
        let _ = writeln!(m.0, "fiscal_year = {fiscal_year}");
        let include: Vec<String> = files.iter().map(|(name, _)| lit(name)).collect();
        let _ = writeln!(m.0, "include = [{}]", include.join(", "));
        if let Some(order) = layout.and_then(|l| l.order.as_ref()) {
            let names: Vec<String> = order.iter().map(|s| (*s).to_string()).collect();
            m.inline_strings("order", &names);
        }
        if let Some(heading) = &self.outcomes_heading {
            m.table("outcomes");
            m.string("heading", heading);
        }
        if let Some(layout) = layout {
            m.0.push_str(&layout.styles.table());
            m.0.push_str(&parts_file(&layout.parts));
        }
        files.insert(0, (MANIFEST.to_string(), m.0));

        let mut notes = std::mem::take(&mut self.notes.0);
        notes.sort_by_key(|n| n.line);
        Draft { files, notes }
    }
}

#[cfg(test)]
mod tests {
    use crate::import::import;

    #[test]
    fn a_short_booklet_becomes_a_manifest_and_one_file_per_part() {
        let text = "範例部\n中華民國113年度\n預算總說明\n壹、現行法定職掌\n一、機關主要職掌：\n1、範例業務之規劃。\n2、範例設施之管理。\n貳、施政目標與重點\n一、年度施政目標\n（一）提升服務\n1、推動範例服務。\n";
        let draft = import(text);
        let names: Vec<&str> = draft.files.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["booklet.toml", "duties.toml", "policy.toml"], "{:?}", draft.notes);
        let manifest: toml::Table = toml::from_str(&draft.files[0].1).unwrap();
        assert_eq!(manifest["booklet"]["agency"].as_str(), Some("範例部"));
        assert_eq!(manifest["booklet"]["fiscal_year"].as_integer(), Some(113));
        assert!(draft.files[1].1.contains("範例設施之管理。"), "{}", draft.files[1].1);
        assert!(!draft.files[1].1.contains("2、"), "list markers are stripped");
    }

    #[test]
    fn text_without_parts_gives_a_manifest_and_a_note() {
        let draft = import("隨便一行字\n");
        assert_eq!(draft.files.len(), 1);
        assert!(draft.notes.iter().any(|n| n.message.contains("no part heading")), "{:?}", draft.notes);
    }
}
