//! The draft's files of the three customary parts: `duties.toml`,
//! `policy.toml` and one file per outcome table, each the model's own
//! [`model::BundleFile`] with the source line of each entry beside it.

use rust_i18n::t;

use crate::model::{self, BoxKind};

use crate::import::emit::writer::written;
use crate::import::parts::draft::{DutiesD, OrgD, PolicyD, UnitsD};
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
/// task force. None, with a note, where the chart is too wide or a name too
/// long for a box.
fn chart_boxes(org: &OrgD, units: Option<&UnitsD>, notes: &mut Notes) -> Vec<model::ChartBox> {
    let names: Vec<&str> = org.names.iter().map(|(n, _)| n.as_str()).collect();
    let unit_names: Vec<&str> = units.map(|u| u.list.iter().map(|u| u.name.as_str()).collect()).unwrap_or_default();
    if names.len() < 2 || names[1..] == unit_names[..] {
        return Vec::new();
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
    if names.len() - 1 <= model::CHART_MAX_WIDTH || last_post.is_none() {
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
    if widest > model::CHART_MAX_WIDTH || names.iter().any(|n| n.chars().count() > model::CHART_MAX_NAME) {
        notes.add(org.names[0].1, t!("import.emit.chart_too_big", count = names.len(), names = names.join("、")));
        return Vec::new();
    }
    names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let (parent, kind) = match k.checked_sub(1) {
                None => (None, BoxKind::Unit),
                Some(i) => (Some(keys[placed[i].0].clone()), kinds[i]),
            };
            model::ChartBox {
                name: name.to_string(),
                id: (keys[k] != *name).then(|| keys[k].clone()),
                parent,
                staff: kind == BoxKind::Staff,
                group: kind == BoxKind::Group,
                task_force: kind == BoxKind::TaskForce,
            }
        })
        .collect()
}

/// `duties.toml`: the duties part as the model's [`model::Duties`], each
/// unit and staffing row with its source line.
pub(in crate::import) fn emit_duties(d: &DutiesD, notes: &mut Notes) -> String {
    let or_default = |text: Option<&String>, default: fn() -> String| text.filter(|t| !t.is_empty()).cloned().unwrap_or_else(default);
    let organization = d.org.as_ref().map(|org| model::Organization {
        heading: or_default(org.heading.as_ref(), model::default_organization_heading),
        chart: org.chart.as_ref().map(|heading| model::OrgChart {
            heading: heading.clone(),
            head: None,
            deputies: Vec::new(),
            units: None,
            agencies: Vec::new(),
            task_forces: Vec::new(),
            boxes: chart_boxes(org, d.units.as_ref(), notes),
        }),
        staffing: (org.staffing.is_some() || org.staffing_heading.is_some()).then(|| {
            let heading = or_default(org.staffing_heading.as_ref(), model::default_staffing_heading);
            match &org.staffing {
                None => {
                    notes.add(1, t!("import.emit.no_staffing"));
                    model::Staffing {
                        heading,
                        agency_column: model::default_agency_column(),
                        columns: model::default_staff_columns(),
                        total_column: model::default_total_column(),
                        rows: Vec::new(),
                        notes: Vec::new(),
                    }
                }
                Some(s) => model::Staffing {
                    heading,
                    agency_column: s.agency_column.clone(),
                    columns: s.columns.clone(),
                    total_column: or_default(s.total_column.as_ref(), model::default_total_column),
                    rows: s.rows.clone(),
                    notes: s.notes.clone(),
                },
            }
        }),
    });
    let duties = model::Duties {
        heading: or_default(Some(&d.heading), model::default_duties_heading),
        main: d.main.as_ref().map(|main| model::Block {
            heading: main.heading.clone(),
            paragraphs: main.paragraphs.clone(),
            items: main.items.clone(),
        }),
        units: d.units.as_ref().map(|units| model::Units {
            heading: or_default(Some(&units.heading), model::default_units_heading),
            list: units.list.clone(),
        }),
        organization,
    };
    // The source line of each entry, in the order the entries are written.
    let mut lines: Vec<Option<usize>> = duties.units.iter().flat_map(|u| &u.list).map(|unit| unit.source_line).collect();
    if let Some(staffing) = duties.organization.as_ref().and_then(|o| o.staffing.as_ref()) {
        lines.extend(staffing.rows.iter().map(|row| row.source_line));
    }
    let file = model::BundleFile { duties: Some(duties), ..model::BundleFile::default() };
    written(&file, &[t!("import.emit.duties_comment").as_ref()], &lines)
}

/// `policy.toml`: the policy part as the model's [`model::Policy`],
/// written through `toml_edit` (see [`written`]), each goal, work plan and
/// item with its source line.
pub(in crate::import) fn emit_policy(p: &PolicyD) -> String {
    let or_default = |text: Option<&String>, default: fn() -> String| text.filter(|t| !t.is_empty()).cloned().unwrap_or_else(default);
    let policy = model::Policy {
        heading: or_default(Some(&p.heading), model::default_policy_heading),
        vision: p.vision.clone(),
        goals: p
            .goals
            .as_ref()
            .map(|g| model::Goals { heading: or_default(g.heading.as_ref(), model::default_goals_heading), list: g.list.clone() }),
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
            work_plans: plans.work_plans.clone(),
        }),
    };
    // The source line of each entry, in the order the entries are written.
    let mut lines: Vec<Option<usize>> = policy.goals.iter().flat_map(|g| &g.list).map(|g| g.source_line).collect();
    for wp in policy.plans.iter().flat_map(|plans| &plans.work_plans) {
        lines.push(wp.source_line);
        lines.extend(wp.items.iter().map(|i| i.source_line));
    }
    let file = model::BundleFile { policy: Some(policy), ..model::BundleFile::default() };
    written(&file, &[t!("import.emit.policy_comment").as_ref()], &lines)
}

/// An outcome table's file: the model's [`model::OutcomeTable`], the
/// table, each work plan, item and sub-item with its source line.
pub(in crate::import) fn emit_table(table: &model::OutcomeTable) -> String {
    let mut lines = vec![table.source_line];
    for wp in &table.work_plans {
        lines.push(wp.source_line);
        for item in &wp.items {
            lines.push(item.source_line);
            lines.extend(item.subitems.iter().map(|s| s.source_line));
        }
    }
    let comments = [t!("import.emit.outcomes_comment"), t!("import.emit.outcomes_check_comment")];
    let comments: Vec<&str> = comments.iter().map(AsRef::as_ref).collect();
    let file = model::BundleFile {
        outcomes: Some(model::OutcomesFile { heading: None, tables: vec![table.clone()] }),
        ..model::BundleFile::default()
    };
    written(&file, &comments, &lines)
}
