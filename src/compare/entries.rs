//! The entries of a booklet, section by section and level by level, as the
//! comparison sees them: each with its text, the kind of entry it is and
//! the entry it belongs to (a result to its sub-item, a sub-item to its
//! item, an item to its work plan). Places are named by the parents' text,
//! never by their numbers, so that renumbering is no change.

use crate::model::Booklet;

/// One entry of a section.
#[derive(Debug, Clone)]
pub struct Entry {
    /// 0 for the top level (a work plan, a unit, a goal).
    pub level: usize,
    /// What the entry is: `工作計畫`, `實施成果`, …
    pub what: &'static str,
    /// The entry it belongs to (an index into the section's entries).
    pub parent: Option<usize>,
    pub text: String,
}

/// A section's entries, parents before their children.
#[derive(Debug, Clone)]
pub struct Section {
    /// The section's name in the report.
    pub name: String,
    pub entries: Vec<Entry>,
}

impl Section {
    fn new(name: impl Into<String>) -> Self {
        Self { name: name.into(), entries: Vec::new() }
    }

    fn push(&mut self, level: usize, what: &'static str, parent: Option<usize>, text: &str) -> usize {
        self.entries.push(Entry { level, what, parent, text: text.to_string() });
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
fn short(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 24 { text.to_string() } else { chars[..23].iter().collect::<String>() + "…" }
}

/// The sections of a booklet with their entries. Outcome tables are
/// compared by position (the first table of one year with the first of the
/// other), under the newer table's heading.
pub fn sections(booklet: &Booklet) -> Vec<Section> {
    let mut out = Vec::new();
    if let Some(d) = &booklet.duties {
        if let Some(main) = &d.main {
            let mut s = Section::new("機關主要職掌");
            for t in main.paragraphs.iter().chain(&main.items) {
                s.push(0, "職掌", None, t);
            }
            out.push(s);
        }
        if let Some(units) = &d.units {
            let mut s = Section::new("內部分層業務");
            for u in &units.list {
                let p = s.push(0, "單位", None, &u.name);
                for t in u.paragraphs.iter().chain(&u.items) {
                    s.push(1, "業務", Some(p), t);
                }
            }
            out.push(s);
        }
    }
    if let Some(p) = &booklet.policy {
        let mut s = Section::new("施政目標與重點");
        for t in &p.vision {
            s.push(0, "願景", None, t);
        }
        if let Some(goals) = &p.goals {
            for g in &goals.list {
                let at = s.push(0, "施政目標", None, &g.title);
                for t in &g.items {
                    s.push(1, "目標內容", Some(at), t);
                }
            }
        }
        out.push(s);
        if let Some(plans) = &p.plans {
            let mut s = Section::new("年度重要施政計畫");
            for wp in &plans.work_plans {
                let w = s.push(0, "工作計畫", None, &wp.name);
                for item in &wp.items {
                    let i = s.push(1, "重要計畫項目", Some(w), &item.title);
                    for t in &item.contents {
                        s.push(2, "實施內容", Some(i), t);
                    }
                }
            }
            out.push(s);
        }
    }
    if let Some(o) = &booklet.outcomes {
        for (t, table) in o.tables.iter().enumerate() {
            let mut s = Section::new(format!("實施成果（第{}表）", t + 1));
            for wp in &table.work_plans {
                let w = s.push(0, "工作計畫", None, &wp.name);
                for item in &wp.items {
                    let i = s.push(1, "計畫項目", Some(w), &item.title);
                    for sub in &item.subitems {
                        let k = s.push(2, "實施概況", Some(i), &sub.text);
                        for r in sub.paragraphs.iter().chain(&sub.results) {
                            s.push(3, "實施成果", Some(k), r);
                        }
                    }
                }
            }
            out.push(s);
        }
    }
    for (n, part) in booklet.parts.iter().enumerate() {
        let mut s = Section::new(format!("{}（第{}部分）", part.heading, n + 1));
        for t in part.paragraphs.iter().chain(&part.items) {
            s.push(0, "內容", None, t);
        }
        out.push(s);
    }
    out
}
