//! The 貳 part (施政目標與重點): vision, goals with their items, and the
//! important plans table.

use rust_i18n::t;

use crate::import::heuristics::GOAL_TITLE_MOST;
use crate::import::parts::cell_lines::{Cell, split_header, three_columns};
use crate::import::parts::draft::{
    GoalsD, PSec, PlansD, PolicyD, Typed, line_of, note_typed, or_default, plan_item, plan_work_plan, typed_kind,
};
use crate::import::text::lines::{Line, join, quote};
use crate::import::text::markers::{Kind, entry, heading_like, is_numeral, split_marker};
use crate::import::text::notes::Notes;
use crate::model;

pub(in crate::import) fn policy_line(p: &mut PolicyD, line: &Line, blank: bool, typed: &mut Typed, notes: &mut Notes) {
    let text = line.text.as_str();
    // (A chapter heading by its label as typed, as in the duties.)
    if let Some((_, rest)) = split_marker(text)
        && typed_kind(line).is_some_and(|kind| matches!(kind, Kind::Paren | Kind::CjkParen | Kind::Cjk))
        && heading_like(rest, 20)
    {
        let sec = if rest.contains("目標") {
            Some(PSec::Goals)
        } else if rest.contains("計畫") {
            Some(PSec::Plans)
        } else {
            None
        };
        if let Some(sec) = sec
            && sec > p.sec
        {
            p.sec = sec;
            note_typed(&mut typed.chapter, line);
            match sec {
                PSec::Goals => p.goals = Some(GoalsD { heading: Some(rest.to_string()), list: Vec::new(), kind: None }),
                PSec::Plans => p.plans.get_or_insert_with(Default::default).heading = Some(rest.to_string()),
                PSec::Vision => {}
            }
            return;
        }
    }
    match p.sec {
        PSec::Vision => match split_marker(text) {
            None => match p.vision.last_mut() {
                Some(v) if !blank => join(v, text),
                _ => p.vision.push(text.to_string()),
            },
            Some(_) => {
                notes.add(line.no, t!("import.policy.goals_without_heading"));
                p.sec = PSec::Goals;
                let goals = p.goals.get_or_insert_with(|| GoalsD { heading: None, list: Vec::new(), kind: None });
                goals_line(goals, line, blank, typed, notes);
            }
        },
        PSec::Goals => {
            let goals = p.goals.get_or_insert_with(|| GoalsD { heading: None, list: Vec::new(), kind: None });
            goals_line(goals, line, blank, typed, notes);
        }
        PSec::Plans => notes.left_out(line, |text| t!("import.policy.left_out_plans", text = text)),
    }
}

/// Whether a text ends as a sentence does (a full stop, a semicolon).
fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['。', '；', '！', '？'])
}

/// 年度施政目標: `1、…` a goal, `（1）…` its measures.
pub(in crate::import) fn goals_line(goals: &mut GoalsD, line: &Line, blank: bool, typed: &mut Typed, notes: &mut Notes) {
    let text = line.text.as_str();
    // (Goals and measures told apart by their labels as typed.)
    let kind = typed_kind(line);
    match split_marker(text) {
        Some((m, rest)) if *goals.kind.get_or_insert(kind.unwrap_or(m.kind)) == kind.unwrap_or(m.kind) => {
            note_typed(&mut typed.goal, line);
            goals.list.push(model::Goal { title: entry(rest, line.no, notes), items: Vec::new(), source_line: Some(line.no) });
        }
        Some((_, rest)) => {
            note_typed(&mut typed.goal_item, line);
            if goals.list.is_empty() {
                notes.add(line.no, t!("import.policy.measure_before_goal"));
                goals.list.push(model::Goal { title: String::new(), items: Vec::new(), source_line: Some(line.no) });
            }
            let goal = goals.list.last_mut().expect("a goal");
            goal.items.push(entry(rest, line.no, notes));
        }
        // Goals without labels (their numbering lost), where no labelled
        // goal was seen: a short line without a full stop is a goal, a
        // sentence after it one of its measures.
        None if goals.kind.is_none() && !ends_sentence(text) && text.chars().count() <= GOAL_TITLE_MOST => {
            goals.list.push(model::Goal { title: text.trim().to_string(), items: Vec::new(), source_line: Some(line.no) });
        }
        None if goals.kind.is_none() && ends_sentence(text) && !goals.list.is_empty() => {
            if let Some(goal) = goals.list.last_mut() {
                goal.items.push(text.trim().to_string());
            }
        }
        None => {
            let Some(goal) = goals.list.last_mut() else {
                notes.left_out(line, |text| t!("import.policy.left_out_goals", text = text));
                return;
            };
            if blank {
                notes.add(line.no, t!("import.policy.after_blank", text = quote(text)));
            }
            match goal.items.last_mut() {
                Some(item) => join(item, text),
                None => join(&mut goal.title, text),
            }
        }
    }
}

/// 年度重要施政計畫: cells of work plans (`一、…`), item numbers (`一`),
/// item titles and contents (`（1）…`).
pub(in crate::import) fn plans_table(plans: &mut PlansD, cells: &[Cell], line: usize, notes: &mut Notes) {
    let (header, data) = split_header(cells);
    if plans.columns.is_none() && plans.work_plans.is_empty() {
        plans.columns = three_columns(header, line, |count| t!("import.policy.plans_header", count = count), notes);
    } else {
        notes.add(line, t!("import.policy.second_plans"));
    }
    for (c, cell) in data.iter().enumerate() {
        let texts: Vec<(usize, &str)> = cell.texts().collect();
        let Some(&(first_line, first)) = texts.first() else {
            continue;
        };
        let marker = split_marker(first);
        // A work plan: `一、…`, or an unnumbered line before an item number.
        let name = match marker {
            Some((m, rest)) if matches!(m.kind, Kind::Cjk | Kind::Formal) && !rest.is_empty() => Some(rest),
            None if !is_numeral(first) && data.get(c + 1).is_some_and(|next| is_numeral(next.first())) => Some(first),
            _ => None,
        };
        if texts.len() == 1
            && let Some(name) = name
        {
            plans.work_plans.push(plan_work_plan(entry(name, first_line, notes), first_line));
            continue;
        }
        if plans.work_plans.is_empty() {
            notes.add(cell.line, t!("import.policy.cell_before_work_plan"));
            plans.work_plans.push(plan_work_plan(String::new(), cell.line));
        }
        let wp = plans.work_plans.last_mut().expect("a work plan");
        if texts.len() == 1 && is_numeral(first) {
            wp.items.push(plan_item(String::new(), first_line));
        } else if marker.is_some() {
            if wp.items.last().is_none_or(|item| !item.contents.is_empty()) {
                notes.add(cell.line, t!("import.policy.contents_without_title"));
                wp.items.push(plan_item(String::new(), cell.line));
            }
            let item = wp.items.last_mut().expect("an item");
            for (no, text) in texts {
                match split_marker(text) {
                    Some((_, rest)) => item.contents.push(entry(rest, no, notes)),
                    None => match item.contents.last_mut() {
                        Some(content) => join(content, text),
                        None => item.contents.push(text.to_string()),
                    },
                }
            }
        } else {
            let title = cell.joined();
            match wp.items.last_mut() {
                Some(item) if item.title.is_empty() && item.contents.is_empty() => item.title = title,
                _ => wp.items.push(plan_item(title, cell.line)),
            }
        }
    }
    for wp in &plans.work_plans {
        if wp.items.is_empty() {
            notes.add(line_of(wp.source_line), t!("import.policy.work_plan_without_items", name = quote(&wp.name)));
        }
        for item in &wp.items {
            if item.title.is_empty() {
                notes.add(line_of(item.source_line), t!("import.policy.item_without_title"));
            }
            if item.contents.is_empty() {
                notes.add(line_of(item.source_line), t!("import.policy.item_without_contents", title = quote(&item.title)));
            }
        }
    }
}

/// The policy part as the model's [`model::Policy`]: the customary
/// headings and columns where the booklet gave none.
pub(in crate::import) fn finish(p: &PolicyD) -> model::Policy {
    model::Policy {
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
    }
}
