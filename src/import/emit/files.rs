//! The draft's files of the three customary parts: `duties.toml`,
//! `policy.toml` and one file per outcome table, each entry with the
//! source line it was read from.

use std::fmt::Write as _;

use rust_i18n::t;

use crate::model::{self, BoxKind};

use crate::import::emit::writer::{Toml, lit, written};
use crate::import::parts::draft::{DutiesD, OTable, OrgD, PolicyD, UnitsD};
use crate::import::text::names::{CHART_GROUP_LABELS, CHART_TASK_FORCE_ENDINGS, is_staff};
use crate::import::text::notes::Notes;

/// The chart's boxes, when its names are not the default chart (the agency
/// above the units of 內部分層業務). The first name heads it. When the
/// others fit one level (24 boxes) they hang from it, deputies and the
/// head's staff beside the line; when not, the leading posts (titles in
/// 長: 副院長, 秘書長, 副秘書長) make a chain down from the head, the names
/// between them hang beside it as staff, and the units hang from its last
/// link. Then a group label (所屬機關) is a group that the names after it
/// hang from, a name that begins with an earlier box's name (範例署北區分署
/// after 範例署) hangs from that box, and a unit named …小組 or …會報 is a
/// task force.
fn chart_boxes(t: &mut Toml, org: &OrgD, units: Option<&UnitsD>, notes: &mut Notes) {
    let names: Vec<&str> = org.names.iter().map(|(n, _)| n.as_str()).collect();
    let unit_names: Vec<&str> = units.map(|u| u.list.iter().map(|u| u.name.as_str()).collect()).unwrap_or_default();
    if names.len() < 2 || names[1..] == unit_names[..] {
        return;
    }
    // Each box's key: its id where its name repeats, else its name.
    let keys: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(k, n)| if names.iter().filter(|m| *m == n).count() > 1 { format!("box-{}", k + 1) } else { n.to_string() })
        .collect();
    let post = |n: &str| n.ends_with('長') && !["處", "司", "室", "組", "會", "中心", "局", "署", "所"].iter().any(|u| n.ends_with(u));
    let last_post = (1..names.len()).filter(|&i| post(names[i])).max();
    // (parent index, staff) of each box after the head.
    let mut placed: Vec<(usize, bool)> = Vec::new();
    if names.len() - 1 <= 24 || last_post.is_none() {
        placed.extend((1..names.len()).map(|i| (0, is_staff(names[i]))));
    } else {
        let last_post = last_post.unwrap_or(0);
        let mut link = 0;
        for (i, name) in names.iter().enumerate().skip(1) {
            if post(name) {
                placed.push((link, false));
                link = i;
            } else {
                placed.push((link, i < last_post));
            }
        }
    }
    let mut kinds: Vec<BoxKind> = placed.iter().map(|&(_, staff)| if staff { BoxKind::Staff } else { BoxKind::Unit }).collect();
    let mut group: Option<usize> = None;
    for i in 1..names.len() {
        let k = i - 1;
        if kinds[k] == BoxKind::Staff {
            continue;
        }
        let within = (1..i).filter(|&j| names[i].starts_with(names[j]) && names[i] != names[j]).max_by_key(|&j| names[j].len());
        if CHART_GROUP_LABELS.contains(&names[i]) && i + 1 < names.len() {
            kinds[k] = BoxKind::Group;
            group = Some(i);
        } else if let Some(j) = within {
            placed[k].0 = j;
        } else if let Some(g) = group {
            placed[k].0 = g;
        }
        if kinds[k] == BoxKind::Unit && CHART_TASK_FORCE_ENDINGS.iter().any(|e| names[i].ends_with(e)) {
            kinds[k] = BoxKind::TaskForce;
        }
    }
    let widest = (0..names.len()).map(|p| placed.iter().filter(|(q, s)| *q == p && !s).count()).max().unwrap_or(0);
    if widest > 24 || names.iter().any(|n| n.chars().count() > 12) {
        notes.add(org.names[0].1, t!("import.emit.chart_too_big", count = names.len(), names = names.join("、")));
        return;
    }
    t.0.push_str("boxes = [\n");
    for (k, name) in names.iter().enumerate() {
        let id = if keys[k] != *name { format!(", id = {}", lit(&keys[k])) } else { String::new() };
        match k.checked_sub(1).map(|i| placed[i]) {
            None => {
                let _ = writeln!(t.0, "  {{ name = {}{id} }},", lit(name));
            }
            Some((parent, _)) => {
                let kind = match kinds[k - 1] {
                    BoxKind::Unit => "",
                    BoxKind::Staff => ", staff = true",
                    BoxKind::Group => ", group = true",
                    BoxKind::TaskForce => ", task_force = true",
                };
                let _ = writeln!(t.0, "  {{ name = {}{id}, parent = {}{kind} }},", lit(name), lit(&keys[parent]));
            }
        }
    }
    t.0.push_str("]\n");
}

pub(in crate::import) fn emit_duties(d: &DutiesD, notes: &mut Notes) -> String {
    let mut t = Toml::default();
    t.comment(&t!("import.emit.duties_comment"));
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
                    notes.add(1, t!("import.emit.no_staffing"));
                }
                Some(s) => {
                    t.string("agency_column", &s.agency_column);
                    t.inline_strings("columns", &s.columns);
                    t.opt_string("total_column", s.total_column.as_ref());
                    t.empty_list("rows", s.rows.is_empty());
                    if !s.notes.is_empty() {
                        t.inline_strings("notes", &s.notes);
                    }
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

/// `policy.toml`: the policy part as the model's [`model::Policy`],
/// written through `toml_edit` (see [`written`]), each goal, work plan and
/// item with its source line.
pub(in crate::import) fn emit_policy(p: &PolicyD) -> String {
    let or_default = |text: Option<&String>, default: fn() -> String| text.filter(|t| !t.is_empty()).cloned().unwrap_or_else(default);
    let policy = model::Policy {
        heading: or_default(Some(&p.heading), model::default_policy_heading),
        vision: p.vision.clone(),
        goals: p.goals.as_ref().map(|g| model::Goals {
            heading: or_default(g.heading.as_ref(), model::default_goals_heading),
            list: g.list.iter().map(|goal| model::Goal { title: goal.title.clone(), items: goal.items.clone() }).collect(),
        }),
        plans: p.plans.as_ref().map(|plans| model::PlansTable {
            heading: or_default(plans.heading.as_ref(), model::default_plans_heading),
            columns: plans.columns.clone().unwrap_or_else(model::default_plans_columns),
            amount: plans.amount.as_ref().map(|(heading, unit)| model::AmountColumn {
                heading: heading.clone(),
                unit: unit.clone().unwrap_or_else(model::default_amount_unit),
            }),
            remarks: plans.remarks.clone(),
            unit_caption: None,
            total: None,
            work_plans: plans
                .work_plans
                .iter()
                .map(|wp| model::PlanWorkPlan {
                    name: wp.name.clone(),
                    total: None,
                    items: wp
                        .items
                        .iter()
                        .map(|item| model::PlanItem {
                            title: item.title.clone(),
                            contents: item.contents.clone(),
                            amount: item.amount,
                            remarks: item.remarks.clone(),
                        })
                        .collect(),
                })
                .collect(),
        }),
    };
    // The source line of each entry, in the order the entries are written.
    let mut lines = Vec::new();
    if let Some(goals) = &p.goals {
        lines.extend(goals.list.iter().map(|g| g.line));
    }
    if let Some(plans) = &p.plans {
        for wp in &plans.work_plans {
            lines.push(wp.line);
            lines.extend(wp.items.iter().map(|i| i.line));
        }
    }
    #[derive(serde::Serialize)]
    struct File<'a> {
        policy: &'a model::Policy,
    }
    written(&File { policy: &policy }, &[t!("import.emit.policy_comment").as_ref()], &lines)
}

/// An outcome table's file: the model's [`model::OutcomeTable`] written
/// through `toml_edit` (see [`written`]), the table, each work plan, item
/// and sub-item with its source line.
pub(in crate::import) fn emit_table(table: &OTable) -> String {
    let outcome = model::OutcomeTable {
        heading: table.heading.clone(),
        sheet: table.sheet.clone(),
        period: table.period.clone(),
        columns: table.columns.clone().unwrap_or_else(model::default_outcome_columns),
        work_plans: table
            .work_plans
            .iter()
            .map(|wp| model::OutcomeWorkPlan {
                name: wp.name.clone(),
                items: wp
                    .items
                    .iter()
                    .map(|item| model::OutcomeItem {
                        title: item.title.clone(),
                        subitems: item
                            .subitems
                            .iter()
                            .map(|sub| model::SubItem {
                                text: sub.text.clone(),
                                numbered: sub.numbered,
                                paragraphs: sub.paragraphs.clone(),
                                results: sub.results.clone(),
                            })
                            .collect(),
                        paragraphs: item.paragraphs.clone(),
                        results: item.results.clone(),
                    })
                    .collect(),
            })
            .collect(),
    };
    let mut lines = vec![table.line];
    for wp in &table.work_plans {
        lines.push(wp.line);
        for item in &wp.items {
            lines.push(item.line);
            lines.extend(item.subitems.iter().map(|s| s.line));
        }
    }
    #[derive(serde::Serialize)]
    struct Tables<'a> {
        tables: [&'a model::OutcomeTable; 1],
    }
    #[derive(serde::Serialize)]
    struct File<'a> {
        outcomes: Tables<'a>,
    }
    let comments = [t!("import.emit.outcomes_comment"), t!("import.emit.outcomes_check_comment")];
    let comments: Vec<&str> = comments.iter().map(AsRef::as_ref).collect();
    written(&File { outcomes: Tables { tables: [&outcome] } }, &comments, &lines)
}
