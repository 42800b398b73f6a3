//! What the booklet prints, as entries with their places: the view walked
//! once more into sections of entries, each entry with its parent, its
//! text and its figures (amounts, counts, cells, remarks) named by column.
//!
//! This is how the comparison reads a booklet: everything the templates
//! print from the view is here (the cover, the numbering as patterns, the
//! parts' and chapters' headings and order, every table cell), so that
//! a change of anything printed is a change of [`Printed`]. A test walks
//! the serialized view and fails when a printed string of it is missing
//! here, so that a field added to the view cannot be forgotten.

use std::collections::BTreeSet;

use super::{BudgetView, ChartNode, ColumnView, Content, Figure, Marked, PlansView, StaffingView, TableView, View};
use crate::model::BoxKind;

/// A booklet's printed content, section by section.
#[derive(Debug, Clone, Default)]
pub struct Printed {
    pub sections: Vec<PrintedSection>,
}

/// A run of entries compared as one: a chapter's or a section's content,
/// the cover, the numbering, the structure of parts and chapters.
#[derive(Debug, Clone, Default)]
pub struct PrintedSection {
    /// The section's name in a report: its heading as printed.
    pub name: String,
    /// What pairs the section with its twin in another year: the kind of
    /// content and its ordinal among the sections of that kind (`plans#0`,
    /// `outcomes#1`), so that a renamed heading still pairs.
    pub key: String,
    /// Whether the order of the top-level entries is printed content (the
    /// parts' order), so that a change of order is a change.
    pub ordered: bool,
    pub entries: Vec<PrintedEntry>,
}

/// One printed entry: a paragraph, a list item, a unit, a work plan, a
/// table row.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedEntry {
    /// 0 for the top level (a work plan, a unit, a goal, a row).
    pub level: usize,
    /// What the entry is, in the report's words: `工作計畫`, `實施成果`, …
    pub what: &'static str,
    /// The entry it belongs to (an index into the section's entries).
    pub parent: Option<usize>,
    /// The text that names the entry (a title, a row's label); its marker
    /// is left out, so that renumbering is no change.
    pub text: String,
    /// The entry's other printed values, by column.
    pub fields: Vec<PrintedField>,
}

/// A value printed beside an entry's text: an amount, a count, a remark,
/// a cell of a row.
#[derive(Debug, Clone, PartialEq)]
pub struct PrintedField {
    /// The column's heading (`預算金額（千元）`, `職員`, `備註`).
    pub name: String,
    pub value: Figure,
    /// A sum the booklet computes (a subtotal, a total, a row's total): a
    /// comparison shows it moved by the figures that make it up.
    pub sum: bool,
    /// Whether the value prints as it reads; `false` for what the page
    /// shows otherwise (where a chart box stands, whether a sub-item is
    /// numbered, the numbering patterns).
    pub literal: bool,
}

/// The numbering levels in the order of `[numbering]`, with their names in
/// a report.
const LEVELS: [&str; 8] = ["篇", "章", "節", "項", "目", "成果", "工作計畫", "計畫項目"];

impl PrintedEntry {
    /// Whether the entry is a table's totals row (總計, 合計): every figure
    /// of it a sum of the rows above.
    pub fn is_totals_row(&self) -> bool {
        matches!(self.what, "總計" | "合計")
    }
}

impl PrintedSection {
    fn new(name: &str, key: String) -> Self {
        Self { name: name.to_string(), key, ordered: false, entries: Vec::new() }
    }

    fn push(&mut self, level: usize, what: &'static str, parent: Option<usize>, text: &str, fields: Vec<PrintedField>) -> usize {
        self.entries.push(PrintedEntry { level, what, parent, text: text.to_string(), fields });
        self.entries.len() - 1
    }

    /// Where an entry stands: its parents' text, outermost first.
    pub fn place(&self, index: usize) -> String {
        let mut names = Vec::new();
        let mut at = self.entries[index].parent;
        while let Some(p) = at {
            names.push(short(&self.entries[p].text));
            at = self.entries[p].parent;
        }
        names.reverse();
        names.join(" ＞ ")
    }
}

/// A parent's text as a place: up to 24 characters.
pub fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 24 { text.to_string() } else { chars[..23].iter().collect::<String>() + "…" }
}

/// The name and value of a chapter's field that says its table prints on
/// landscape pages.
const PAGE_ORIENTATION: &str = "版面";
const LANDSCAPE: &str = "橫式";

fn field(name: &str, value: &Figure) -> PrintedField {
    PrintedField { name: name.to_string(), value: value.clone(), sum: false, literal: true }
}

/// A field that prints otherwise than as it reads.
fn attribute(name: &str, text: &str) -> PrintedField {
    PrintedField { literal: false, ..text_field(name, text) }
}

fn sum(name: &str, value: &Figure) -> PrintedField {
    PrintedField { sum: true, ..field(name, value) }
}

fn text_field(name: &str, text: &str) -> PrintedField {
    field(name, &Figure::text(text))
}

/// The walk: sections in print order, the ordinal of each kind, the
/// numbering levels that print a marker.
struct Walk {
    sections: Vec<PrintedSection>,
    ordinals: Vec<(&'static str, usize)>,
    used: BTreeSet<usize>,
}

impl Walk {
    fn section(&mut self, kind: &'static str, name: &str) -> PrintedSection {
        let n = match self.ordinals.iter_mut().find(|(k, _)| *k == kind) {
            Some((_, n)) => {
                *n += 1;
                *n
            }
            None => {
                self.ordinals.push((kind, 0));
                0
            }
        };
        PrintedSection::new(name, format!("{kind}#{n}"))
    }

    fn marked(
        &mut self,
        s: &mut PrintedSection,
        level: usize,
        what: &'static str,
        parent: Option<usize>,
        list: &[Marked],
        numbering: usize,
    ) {
        for m in list {
            if !m.marker.is_empty() {
                self.used.insert(numbering);
            }
            s.push(level, what, parent, &m.text, Vec::new());
        }
    }

    fn content(&mut self, name: &str, content: &Content) {
        match content {
            Content::Block { paragraphs, items } => {
                let mut s = self.section("block", name);
                for p in paragraphs {
                    s.push(0, "段落", None, p, Vec::new());
                }
                self.marked(&mut s, 0, "項目", None, items, 3);
                self.sections.push(s);
            }
            Content::Entries { what, entries } => {
                let mut s = self.section("entries", name);
                for e in entries {
                    self.used.insert(3);
                    let at = s.push(0, what[0], None, &e.title, Vec::new());
                    for t in e.inline.iter().chain(&e.paragraphs) {
                        s.push(1, what[1], Some(at), t, Vec::new());
                    }
                    self.marked(&mut s, 1, what[1], Some(at), &e.items, 4);
                }
                self.sections.push(s);
            }
            Content::Sections { sections } => {
                for section in sections {
                    self.used.insert(2);
                    self.content(&section.heading, &section.content);
                }
            }
            Content::OrgChart(chart) => {
                let mut s = self.section("chart", name);
                fn boxes(s: &mut PrintedSection, nodes: &[ChartNode], level: usize, parent: Option<usize>) {
                    for n in nodes {
                        // A staff office stands beside its parent's line, a
                        // unit below it: where a box stands is printed.
                        let kind = attribute(
                            "類別",
                            match n.kind {
                                BoxKind::Unit => "單位",
                                BoxKind::Staff => "幕僚單位",
                                BoxKind::Group => "群組",
                                BoxKind::TaskForce => "任務編組",
                            },
                        );
                        let at = s.push(level, "單位", parent, &n.name, vec![kind]);
                        boxes(s, &n.children, level + 1, Some(at));
                    }
                }
                boxes(&mut s, &chart.outline, 0, None);
                self.sections.push(s);
            }
            Content::Staffing(t) => {
                let s = staffing(self.section("staffing", name), t);
                self.sections.push(s);
            }
            Content::Plans(t) => {
                let s = self.plans(name, t);
                self.sections.push(s);
            }
            Content::Outcomes(t) => {
                let mut s = self.section("outcomes", name);
                for c in &t.columns {
                    s.push(0, "欄位", None, c, Vec::new());
                }
                for wp in &t.work_plans {
                    self.used.insert(6);
                    let w = s.push(0, "工作計畫", None, &wp.title, Vec::new());
                    for item in &wp.items {
                        self.used.insert(3);
                        let i = s.push(1, "計畫項目", Some(w), &item.title, Vec::new());
                        for sub in &item.subitems {
                            if !sub.marker.is_empty() {
                                self.used.insert(4);
                            }
                            // An item's own results hang from the item; a
                            // sub-item's from the sub-item.
                            let (parent, depth) = if sub.text.is_empty() && sub.marker.is_empty() {
                                (i, 2)
                            } else {
                                // Whether the sub-item is numbered prints
                                // (its marker); the number is no content.
                                let numbered = attribute("編號", if sub.marker.is_empty() { "不編號" } else { "編號" });
                                (s.push(2, "實施概況", Some(i), &sub.text, vec![numbered]), 3)
                            };
                            for p in &sub.paragraphs {
                                s.push(depth, "實施成果", Some(parent), p, Vec::new());
                            }
                            self.marked(&mut s, depth, "實施成果", Some(parent), &sub.results, 5);
                        }
                    }
                }
                self.sections.push(s);
            }
            Content::Table(t) => {
                let s = table(self.section("table", name), t);
                self.sections.push(s);
            }
        }
    }

    fn plans(&mut self, name: &str, t: &PlansView) -> PrintedSection {
        let mut s = self.section("plans", name);
        if let Some(c) = &t.unit_caption {
            s.push(0, "單位說明", None, c, Vec::new());
        }
        for c in t.columns.iter().chain(&t.amount).chain(&t.remarks) {
            s.push(0, "欄位", None, c, Vec::new());
        }
        let amount = t.amount.as_deref().unwrap_or_default();
        for wp in &t.work_plans {
            self.used.insert(6);
            let subtotal = wp.subtotal.iter().map(|f| sum(&t.subtotal_label, f)).collect();
            let w = s.push(0, "工作計畫", None, &wp.title, subtotal);
            for item in &wp.items {
                self.used.insert(7);
                let mut fields = Vec::new();
                if t.amount.is_some() {
                    fields.push(field(amount, &item.amount));
                }
                if let Some(remarks) = &t.remarks {
                    fields.push(text_field(remarks, &item.remarks));
                }
                let i = s.push(1, "重要計畫項目", Some(w), &item.title, fields);
                self.marked(&mut s, 2, "實施內容", Some(i), &item.contents, 4);
            }
        }
        if let Some(total) = &t.total {
            s.push(0, "總計", None, &t.total_label, vec![sum(amount, total)]);
        }
        s
    }
}

fn staffing(mut s: PrintedSection, t: &StaffingView) -> PrintedSection {
    for c in std::iter::once(&t.agency_column).chain(&t.columns).chain(std::iter::once(&t.total_column)) {
        s.push(0, "欄位", None, c, Vec::new());
    }
    for (row, is_sum) in t.rows.iter().map(|r| (r, false)).chain(t.totals.iter().map(|r| (r, true))) {
        let mut fields: Vec<PrintedField> =
            t.columns.iter().zip(&row.counts).map(|(c, n)| PrintedField { sum: is_sum, ..field(c, n) }).collect();
        fields.push(sum(&t.total_column, &row.total));
        s.push(0, if is_sum { "合計" } else { "機關" }, None, &row.agency, fields);
    }
    for note in &t.notes {
        s.push(0, "註", None, &note.text, Vec::new());
    }
    s
}

fn table(mut s: PrintedSection, t: &TableView) -> PrintedSection {
    if let Some(c) = &t.unit_caption {
        s.push(0, "單位說明", None, c, Vec::new());
    }
    for g in &t.header_groups {
        if let Some(name) = &g.name {
            s.push(0, "欄位群組", None, name, Vec::new());
        }
    }
    for c in &t.columns {
        s.push(0, "欄位", None, &c.name, Vec::new());
    }
    // A grouped column's field is named with its group (預算數／本年度), so
    // that 本年度 under two groups are two fields.
    let names: Vec<String> = t.columns.iter().map(ColumnView::qualified_name).collect();
    // A row is named by its first text cell; the other cells are its fields.
    let label_at = t.columns.iter().position(|c| !c.numeric);
    let row = |cells: &[Figure], is_sum: bool| -> (String, Vec<PrintedField>) {
        let label = label_at.and_then(|k| cells.get(k)).map(|f| f.text.clone()).unwrap_or_default();
        let fields = t
            .columns
            .iter()
            .zip(&names)
            .zip(cells)
            .enumerate()
            .filter(|(k, _)| Some(*k) != label_at)
            .map(|(_, ((c, name), v))| PrintedField { sum: is_sum && c.numeric, ..field(name, v) })
            .collect();
        (label, fields)
    };
    for cells in &t.rows {
        let (label, fields) = row(cells, false);
        s.push(0, "列", None, &label, fields);
    }
    if let Some(totals) = &t.totals {
        let (label, fields) = row(totals, true);
        s.push(0, "合計", None, &label, fields);
    }
    for note in &t.notes {
        s.push(0, "註", None, &note.text, Vec::new());
    }
    s
}

/// The budget table: each row under the row it sums into (款 > 項 > 目 >
/// 節), its code, numbers and amounts as fields, its 說明 a line an entry.
fn budget(mut s: PrintedSection, b: &BudgetView) -> PrintedSection {
    s.push(0, "單位說明", None, &b.unit_caption, Vec::new());
    let mut parent_of: Vec<Option<usize>> = vec![None; b.rows.len()];
    for (i, r) in b.rows.iter().enumerate() {
        for &part in &r.parts {
            parent_of[part] = Some(i);
        }
    }
    let mut entry_of: Vec<usize> = Vec::with_capacity(b.rows.len());
    for (i, r) in b.rows.iter().enumerate() {
        let (level, what, number) = match r.level {
            "kuan" => (0, "款", &r.kuan),
            "xiang" => (1, "項", &r.xiang),
            "mu" => (2, "目", &r.mu),
            _ => (3, "節", &r.section),
        };
        let total = !r.parts.is_empty();
        let mut fields = vec![text_field(what, number)];
        if !r.code.is_empty() {
            fields.push(text_field("編號", &r.code));
        }
        fields.push(PrintedField { sum: total, ..field("本年度預算數", &r.current) });
        fields.push(PrintedField { sum: total, ..field("上年度預算數", &r.previous) });
        fields.push(sum("本年度與上年度比較", &r.difference));
        let parent = parent_of[i].map(|p| entry_of[p]);
        let e = s.push(level, what, parent, &r.name, fields);
        entry_of.push(e);
        for line in &r.note {
            s.push(level + 1, "說明", Some(e), &line.text, Vec::new());
        }
    }
    s
}

impl Printed {
    /// Every text the pages print as it reads, with its place (section,
    /// what, and the entry's parents): entries' texts and their literal
    /// fields. What the proof looks for on the pages.
    pub fn texts(&self) -> Vec<(String, &str)> {
        let mut out = Vec::new();
        for s in &self.sections {
            for (i, e) in s.entries.iter().enumerate() {
                let place = || {
                    let parents = s.place(i);
                    if parents.is_empty() { format!("{}：{}", s.name, e.what) } else { format!("{}：{} ＞ {}", s.name, parents, e.what) }
                };
                if !e.text.is_empty() {
                    out.push((place(), e.text.as_str()));
                }
                for f in e.fields.iter().filter(|f| f.literal && !f.value.text.is_empty()) {
                    out.push((format!("{}（{}）", place(), f.name), f.value.text.as_str()));
                }
            }
        }
        out
    }
}

/// What a view prints, section by section: the cover, the structure of
/// parts and chapters (the parts' order counts), each chapter's and
/// section's content, and the numbering patterns of the levels that print
/// a marker.
pub fn printed(view: &View) -> Printed {
    let mut walk = Walk { sections: Vec::new(), ordinals: Vec::new(), used: BTreeSet::new() };

    let mut cover = PrintedSection::new("封面", "cover#0".into());
    let m = &view.meta;
    let fields = vec![text_field("機關", &m.agency), text_field("標題", &m.title), text_field("年度", &m.year_line)];
    cover.push(0, "封面", None, "", fields);
    walk.sections.push(cover);

    let mut structure = PrintedSection { ordered: true, ..PrintedSection::new("篇章", "structure#0".into()) };
    for part in &view.parts {
        walk.used.insert(0);
        let p = structure.push(0, "篇", None, &part.heading, Vec::new());
        for chapter in &part.chapters {
            walk.used.insert(1);
            // A table printed on pages turned sideways: where it prints is
            // printed content too (a change of it moves the pages).
            let turned = matches!(&chapter.content, Content::Table(t) if t.landscape);
            let fields = if turned { vec![attribute(PAGE_ORIENTATION, LANDSCAPE)] } else { Vec::new() };
            let c = structure.push(1, "章", Some(p), &chapter.heading, fields);
            if let Content::Sections { sections } = &chapter.content {
                for section in sections {
                    structure.push(2, "節", Some(c), &section.heading, Vec::new());
                }
            }
        }
    }
    if let Some(b) = &view.budget {
        let p = structure.push(0, "篇", None, &b.heading, Vec::new());
        structure.push(1, "章", Some(p), &b.chart_heading, Vec::new());
    }
    walk.sections.push(structure);

    for part in &view.parts {
        if !part.paragraphs.is_empty() || !part.items.is_empty() {
            let mut s = walk.section("part", &part.heading);
            for p in &part.paragraphs {
                s.push(0, "段落", None, p, Vec::new());
            }
            walk.marked(&mut s, 0, "項目", None, &part.items, 3);
            walk.sections.push(s);
        }
        for chapter in &part.chapters {
            walk.content(&chapter.heading, &chapter.content);
        }
    }

    if let Some(b) = &view.budget {
        let s = budget(walk.section("budget", &b.heading), b);
        walk.sections.push(s);
    }

    let mut numbering = PrintedSection::new("編號", "numbering#0".into());
    let fields = view
        .numbering
        .iter()
        .enumerate()
        .filter(|(k, _)| walk.used.contains(k))
        .map(|(k, pattern)| attribute(LEVELS[k], pattern))
        .collect();
    numbering.push(0, "編號格式", None, "", fields);
    walk.sections.insert(1, numbering);
    Printed { sections: walk.sections }
}
