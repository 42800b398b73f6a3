//! The walk of the parts stage. An [`Importer`] walks the lines part by
//! part (front matter, 壹 duties, 貳 policy, 參 outcomes), hands each line
//! and table to the part that reads it, and at the end gives what it read
//! ([`Read`]), with a placeholder and a note for what it did not find, for
//! `emit` to write.

use rust_i18n::t;

use crate::model::FIXED_SHEETS;
use crate::validate::sheet_name_problem;

use crate::import::layout;
use crate::import::parts::cell_lines::Cell;
use crate::import::parts::draft::{DutiesD, PSec, PolicyD, Read, Typed, note_typed};
use crate::import::parts::duties::{self, duties_line, staffing_table};
use crate::import::parts::outcomes::outcome_table;
use crate::import::parts::policy::{self, plans_table, policy_line};
use crate::import::text::lines::{Line, quote};
use crate::import::text::markers::DSec;
use crate::import::text::markers::{Part, first_number, split_marker, table_heading};
use crate::import::text::notes::Notes;
use crate::model;

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
    pub(in crate::import) tables: Vec<model::OutcomeTable>,
    /// The numbering as typed, noted as the parts read their labels.
    pub(in crate::import) typed: Typed,
}

impl Importer {
    pub(in crate::import) fn enter(&mut self, part: Part, heading: String, line: &Line) {
        self.part = part;
        note_typed(&mut self.typed.part, line);
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
            Part::Duties => duties_line(self.duties.get_or_insert_with(Default::default), line, blank, &mut self.typed, &mut self.notes),
            Part::Policy => policy_line(self.policy.get_or_insert_with(Default::default), line, blank, &mut self.typed, &mut self.notes),
            Part::Outcomes => {
                if let Some(heading) = table_heading(&line.text) {
                    note_typed(&mut self.typed.chapter, line);
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

    /// The draft as read, with the plans table's amounts a PDF's layout
    /// found beside its lines (see [`layout::Layout`]), a placeholder (and
    /// a note) for what was not found, and the outcome tables' sheets.
    pub(in crate::import) fn finish(mut self, layout: Option<&layout::Layout>) -> Read {
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
        Read {
            agency,
            title,
            fiscal_year,
            duties: self.duties.as_ref().map(|d| duties::finish(d, notes)),
            policy: self.policy.as_ref().map(policy::finish),
            outcomes_heading: self.outcomes_heading,
            tables: self.tables,
            typed: self.typed,
            notes: self.notes,
        }
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
