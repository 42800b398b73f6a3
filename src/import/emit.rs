//! Writing the draft's TOML files in the layout of the hand-made bundles:
//! every string a TOML literal (one escaping path), sections in order.

#![allow(clippy::wildcard_imports)]

use super::*;

/// A TOML document written in the layout of the hand-made bundles.
#[derive(Default)]
pub(super) struct Toml(pub(super) String);

/// A TOML string literal, escaped.
pub(super) fn lit(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Toml {
    pub(super) fn gap(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
    }

    pub(super) fn comment(&mut self, text: &str) {
        let _ = writeln!(self.0, "# {text}");
    }

    pub(super) fn table(&mut self, name: &str) {
        self.gap();
        let _ = writeln!(self.0, "[{name}]");
    }

    /// An array-of-tables header, with the source line it came from.
    pub(super) fn entry(&mut self, name: &str, line: usize) {
        self.gap();
        let _ = writeln!(self.0, "[[{name}]]  # line {line}");
    }

    pub(super) fn string(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {}", lit(value));
    }

    pub(super) fn opt_string(&mut self, key: &str, value: Option<&String>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    /// A list of strings, one per line; written even when empty if `always`.
    pub(super) fn strings(&mut self, key: &str, values: &[String], always: bool) {
        if values.is_empty() {
            if always {
                let _ = writeln!(self.0, "{key} = []");
            }
            return;
        }
        let _ = writeln!(self.0, "{key} = [");
        for v in values {
            let _ = writeln!(self.0, "  {},", lit(v));
        }
        self.0.push_str("]\n");
    }

    pub(super) fn inline_strings(&mut self, key: &str, values: &[String]) {
        let list: Vec<String> = values.iter().map(|v| lit(v)).collect();
        let _ = writeln!(self.0, "{key} = [{}]", list.join(", "));
    }

    pub(super) fn empty_list(&mut self, key: &str, empty: bool) {
        if empty {
            let _ = writeln!(self.0, "{key} = []");
        }
    }
}

/// The chart's boxes, when its names are not the default chart (the agency
/// above the units of 內部分層業務): the first name heads it, the others
/// hang from it, deputies and the head's staff beside the line.
fn chart_boxes(t: &mut Toml, org: &OrgD, units: Option<&UnitsD>, notes: &mut Notes) {
    let names: Vec<&str> = org.names.iter().map(|(n, _)| n.as_str()).collect();
    let unit_names: Vec<&str> = units.map(|u| u.list.iter().map(|u| u.name.as_str()).collect()).unwrap_or_default();
    if names.len() < 2 || names[1..] == unit_names[..] {
        return;
    }
    let children = names.len() - 1;
    if children > 24 || names.iter().any(|n| n.chars().count() > 12) {
        let line = org.names[0].1;
        notes.add(
            line,
            format!("the chart's {} names do not fit one level of boxes (24, of up to 12 characters); the chart draws the units instead: {}", names.len(), names.join("、")),
        );
        return;
    }
    let head = names[0];
    let mut seen: Vec<&str> = Vec::new();
    t.0.push_str("boxes = [\n");
    for (k, name) in names.iter().enumerate() {
        let id = if seen.contains(name) || names[k + 1..].contains(name) { format!(", id = \"box-{}\"", k + 1) } else { String::new() };
        seen.push(name);
        if k == 0 {
            let _ = writeln!(t.0, "  {{ name = {}{id} }},", lit(name));
        } else {
            let staff = if is_staff(name) { ", staff = true" } else { "" };
            let _ = writeln!(t.0, "  {{ name = {}{id}, parent = {}{staff} }},", lit(name), lit(head));
        }
    }
    t.0.push_str("]\n");
}

pub(super) fn emit_duties(d: &DutiesD, notes: &mut Notes) -> String {
    let mut t = Toml::default();
    t.comment("壹、現行法定職掌: drafted by `booklet import`.");
    t.table("duties");
    if !d.heading.is_empty() {
        t.string("heading", &d.heading);
    }
    if let Some(main) = &d.main {
        t.table("duties.main");
        t.opt_string("heading", main.heading.as_ref());
        t.strings("paragraphs", &main.paragraphs, false);
        t.strings("items", &main.items, false);
    }
    if let Some(units) = &d.units {
        t.table("duties.units");
        t.string("heading", &units.heading);
        t.empty_list("list", units.list.is_empty());
        for unit in &units.list {
            t.entry("duties.units.list", unit.line);
            t.string("name", &unit.name);
            t.strings("paragraphs", &unit.paragraphs, false);
            t.strings("items", &unit.items, false);
        }
    }
    if let Some(org) = &d.org {
        t.table("duties.organization");
        t.opt_string("heading", org.heading.as_ref());
        if let Some(chart) = &org.chart {
            t.table("duties.organization.chart");
            t.string("heading", chart);
            chart_boxes(&mut t, org, d.units.as_ref(), notes);
        }
        if org.staffing.is_some() || org.staffing_heading.is_some() {
            t.table("duties.organization.staffing");
            t.opt_string("heading", org.staffing_heading.as_ref());
            match &org.staffing {
                None => {
                    t.0.push_str("rows = []\n");
                    notes.add(1, "the staffing table was not found; duties.organization.staffing has no rows");
                }
                Some(s) => {
                    t.string("agency_column", &s.agency_column);
                    t.inline_strings("columns", &s.columns);
                    t.opt_string("total_column", s.total_column.as_ref());
                    t.empty_list("rows", s.rows.is_empty());
                    for row in &s.rows {
                        t.entry("duties.organization.staffing.rows", row.line);
                        t.string("agency", &row.agency);
                        let counts: Vec<String> = row.counts.iter().map(i64::to_string).collect();
                        let _ = writeln!(t.0, "counts = [{}]", counts.join(", "));
                        if let Some(total) = row.total {
                            let _ = writeln!(t.0, "total = {total}");
                        }
                    }
                }
            }
        }
    }
    t.0
}

pub(super) fn emit_policy(p: &PolicyD, _notes: &mut Notes) -> String {
    let mut t = Toml::default();
    t.comment("貳、施政目標與重點: drafted by `booklet import`.");
    t.table("policy");
    if !p.heading.is_empty() {
        t.string("heading", &p.heading);
    }
    t.strings("vision", &p.vision, false);
    if let Some(goals) = &p.goals {
        t.table("policy.goals");
        t.opt_string("heading", goals.heading.as_ref());
        t.empty_list("list", goals.list.is_empty());
        for goal in &goals.list {
            t.entry("policy.goals.list", goal.line);
            t.string("title", &goal.title);
            t.strings("items", &goal.items, false);
        }
    }
    if let Some(plans) = &p.plans {
        t.table("policy.plans");
        t.opt_string("heading", plans.heading.as_ref());
        if let Some(columns) = &plans.columns {
            t.inline_strings("columns", columns);
        }
        t.empty_list("work_plans", plans.work_plans.is_empty());
        for wp in &plans.work_plans {
            t.entry("policy.plans.work_plans", wp.line);
            t.string("name", &wp.name);
            t.empty_list("items", wp.items.is_empty());
            for item in &wp.items {
                t.entry("policy.plans.work_plans.items", item.line);
                t.string("title", &item.title);
                t.strings("contents", &item.contents, true);
            }
        }
    }
    t.0
}

pub(super) fn emit_table(table: &OTable) -> String {
    let mut t = Toml::default();
    t.comment("參、以前年度計畫實施成果概述: drafted by `booklet import`.");
    t.comment("Which results (實施成果) belong to which sub-item is not marked in the source: check them.");
    t.entry("outcomes.tables", table.line);
    t.string("heading", &table.heading);
    t.opt_string("sheet", table.sheet.as_ref());
    t.opt_string("period", table.period.as_ref());
    if let Some(columns) = &table.columns {
        t.inline_strings("columns", columns);
    }
    t.empty_list("work_plans", table.work_plans.is_empty());
    for wp in &table.work_plans {
        t.entry("outcomes.tables.work_plans", wp.line);
        t.string("name", &wp.name);
        t.empty_list("items", wp.items.is_empty());
        for item in &wp.items {
            t.entry("outcomes.tables.work_plans.items", item.line);
            t.string("title", &item.title);
            t.empty_list("subitems", item.subitems.is_empty());
            for sub in &item.subitems {
                t.entry("outcomes.tables.work_plans.items.subitems", sub.line);
                t.string("text", &sub.text);
                if !sub.numbered {
                    t.0.push_str("numbered = false\n");
                }
                t.strings("paragraphs", &sub.paragraphs, false);
                t.strings("results", &sub.results, false);
            }
        }
    }
    t.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_toml_literals() {
        for text in ["勞動部", "a\"b\\c", "it's \"quoted\"", "line\nbreak"] {
            let parsed: toml::Table = toml::from_str(&format!("x = {}", lit(text))).expect("a TOML literal");
            assert_eq!(parsed["x"].as_str(), Some(text));
        }
        let mut toml = Toml::default();
        toml.table("booklet");
        toml.string("agency", "範例部");
        let value: toml::Table = toml::from_str(&toml.0).expect("valid TOML");
        assert_eq!(value["booklet"]["agency"].as_str(), Some("範例部"));
    }
}
