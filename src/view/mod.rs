//! The view: a validated [`Booklet`] turned into what the templates print.
//!
//! Every marker (壹、 一、 （一） 1、 （1） 1.) is numbered here, absent sections
//! are dropped and the numbering closes up behind them, counts are formatted
//! and totals computed. The templates only lay the view out; they make no
//! decision about content.
//!
//! One file a step: the view's types (`types`), the formatting of dates and
//! counts (`format`), the charts (`chart`), the tables and their row anchors
//! (`tables`); here the numbering patterns and the view built from them.

use crate::model::{Block, Booklet, SUBTOTAL_LABEL, TOTALS_LABEL};
use crate::numbering::Pattern;

mod budget;
mod chart;
mod format;
mod printed;
mod tables;
mod types;
pub mod widths;

pub use budget::{CHART_BREAK_RATIO, CHART_MIN_WIDTH, UNIT_CAPTION, budget_anchor, budget_figure, budget_table, work_plan_amounts};
pub use format::{format_count, parse_date};
pub use printed::{Printed, PrintedEntry, PrintedField, PrintedSection, printed, short};
pub use tables::{outcome_anchor, piece_anchor, plan_anchor, row_key, staffing_view};
pub use types::*;

use chart::{chart_outline, tree_view};
use tables::{outcomes_view, table_view};

/// The patterns of a booklet, parsed (for the view and the workbook).
/// Validation has checked them; an invalid one falls back to the default,
/// so that the view never fails.
pub struct Patterns {
    pub part: Pattern,
    pub chapter: Pattern,
    pub section: Pattern,
    pub list: Pattern,
    pub sublist: Pattern,
    pub result: Pattern,
    pub work_plan: Pattern,
    pub plan_item: Pattern,
    /// The units of 內部分層業務: the list's pattern unless given.
    pub unit: Pattern,
    /// The units' duties: the sublist's pattern unless given.
    pub unit_item: Pattern,
    /// The goals: the list's pattern unless given.
    pub goal: Pattern,
    /// The goals' measures: the sublist's pattern unless given.
    pub goal_item: Pattern,
}

impl Patterns {
    /// The booklet's numbering patterns, parsed.
    pub fn new(booklet: &Booklet) -> Self {
        let n = &booklet.numbering;
        let d = crate::model::Numbering::default();
        let p = |s: &str, fallback: &str| s.parse().unwrap_or_else(|_| fallback.parse().expect("default pattern"));
        Self {
            part: p(&n.part, &d.part),
            chapter: p(&n.chapter, &d.chapter),
            section: p(&n.section, &d.section),
            list: p(&n.list, &d.list),
            sublist: p(&n.sublist, &d.sublist),
            result: p(&n.result, &d.result),
            work_plan: p(&n.work_plan, &d.work_plan),
            plan_item: p(&n.plan_item, &d.plan_item),
            unit: p(n.unit.as_deref().unwrap_or(&n.list), &d.list),
            unit_item: p(n.unit_item.as_deref().unwrap_or(&n.sublist), &d.sublist),
            goal: p(n.goal.as_deref().unwrap_or(&n.list), &d.list),
            goal_item: p(n.goal_item.as_deref().unwrap_or(&n.sublist), &d.sublist),
        }
    }
}

fn marked(pattern: &Pattern, texts: &[String]) -> Vec<Marked> {
    texts.iter().enumerate().map(|(i, t)| Marked { marker: pattern.format(i + 1), text: t.clone() }).collect()
}

/// Builds the view of a booklet.
pub fn build(booklet: &Booklet) -> View {
    let p = Patterns::new(booklet);
    let meta = &booklet.meta;
    // The budget data matched across the years, once: the table's part
    // and the plans table's amounts both read it.
    let budget_table = booklet.budget.as_ref().and_then(budget::budget_table);
    let (language, region) = match meta.language.split_once('-') {
        Some((lang, region)) => (lang.to_lowercase(), Some(region.to_uppercase())),
        None => (meta.language.to_lowercase(), None),
    };
    let meta_view = MetaView {
        agency: meta.agency.clone(),
        title: meta.title.clone(),
        fiscal_year: meta.fiscal_year,
        year_line: format!("中華民國{}年度", meta.fiscal_year),
        document_title: format!("{} {}年度 {}", meta.agency, meta.fiscal_year, meta.title),
        language,
        region,
        date: meta.date.as_deref().and_then(parse_date),
    };

    // Each section's part, by its name in `booklet.order`; numbered once
    // they stand in order.
    let mut sections: Vec<(&str, Part)> = Vec::new();
    let mut next_part = |section: &'static str, heading: &str, paragraphs: Vec<String>, chapters: Vec<Chapter>| {
        let part = Part { number: String::new(), heading: heading.to_string(), paragraphs, items: Vec::new(), chapters };
        sections.push((section, part));
    };

    if let Some(duties) = &booklet.duties {
        let mut chapters = Vec::new();
        let mut chapter = |heading: &str, content: Content| {
            let number = p.chapter.format(chapters.len() + 1);
            chapters.push(Chapter { number, heading: heading.to_string(), content });
        };
        if let Some(main) = &duties.main {
            chapter(main.heading.as_deref().unwrap_or("機關主要職掌"), block(&p.list, main));
        }
        if let Some(units) = &duties.units {
            let entries = units
                .list
                .iter()
                .enumerate()
                .map(|(i, u)| {
                    let inline = (u.items.is_empty() && u.paragraphs.len() == 1).then(|| u.paragraphs[0].clone());
                    Entry {
                        marker: p.unit.format(i + 1),
                        title: u.name.clone(),
                        line: format!("{}：{}", u.name, inline.as_deref().unwrap_or("")),
                        paragraphs: if inline.is_some() { Vec::new() } else { u.paragraphs.clone() },
                        inline,
                        items: marked(&p.unit_item, &u.items),
                    }
                })
                .collect();
            chapter(&units.heading, Content::Entries { what: ["單位", "業務"], entries });
        }
        if let Some(org) = &duties.organization {
            let mut sections = Vec::new();
            if let Some(chart) = &org.chart {
                let units = chart
                    .units
                    .clone()
                    .unwrap_or_else(|| duties.units.as_ref().map(|u| u.list.iter().map(|u| u.name.clone()).collect()).unwrap_or_default());
                let view = ChartView {
                    head: chart.head.clone().unwrap_or_else(|| meta.agency.clone()),
                    deputies: chart.deputies.clone(),
                    units,
                    agencies: chart.agencies.clone(),
                    task_forces: chart.task_forces.clone(),
                    tree: (!chart.boxes.is_empty()).then(|| tree_view(&chart.boxes)),
                    outline: Vec::new(),
                };
                let view = ChartView { outline: chart_outline(&view, &chart.boxes), ..view };
                sections.push((chart.heading.clone(), Content::OrgChart(view)));
            }
            if let Some(staffing) = &org.staffing {
                sections.push((staffing.heading.clone(), Content::Staffing(staffing_view(staffing))));
            }
            let sections = sections
                .into_iter()
                .enumerate()
                .map(|(i, (heading, content))| Section { number: p.section.format(i + 1), heading, content })
                .collect();
            chapter(&org.heading, Content::Sections { sections });
        }
        next_part("duties", &duties.heading, Vec::new(), chapters);
    }

    if let Some(policy) = &booklet.policy {
        let mut chapters = Vec::new();
        let mut chapter = |heading: &str, content: Content| {
            let number = p.chapter.format(chapters.len() + 1);
            chapters.push(Chapter { number, heading: heading.to_string(), content });
        };
        if let Some(goals) = &policy.goals {
            let entries = goals
                .list
                .iter()
                .enumerate()
                .map(|(i, g)| Entry {
                    marker: p.goal.format(i + 1),
                    title: g.title.clone(),
                    line: g.title.clone(),
                    inline: None,
                    paragraphs: Vec::new(),
                    items: marked(&p.goal_item, &g.items),
                })
                .collect();
            chapter(&goals.heading, Content::Entries { what: ["施政目標", "目標內容"], entries });
        }
        if let Some(plans) = &policy.plans {
            // With `budget.plan_amounts`, a work plan's amount is its 目's
            // in the data (千元), and the items print none.
            let data = booklet.budget.as_ref().filter(|b| b.spec.plan_amounts).and(budget_table.as_ref()).map(budget::work_plan_amounts);
            let subtotal = |wp: &crate::model::PlanWorkPlan| match &data {
                Some(d) => Some(d.get(&wp.name).map_or_else(|| Figure::text("—"), |&a| Figure::count(a))),
                None => plans.amount.as_ref().map(|_| Figure::count(wp.amount_sum())),
            };
            let work_plans = plans
                .work_plans
                .iter()
                .enumerate()
                .map(|(i, wp)| PlanGroup {
                    name: format!("{}{}", p.work_plan.format(i + 1), wp.name),
                    marker: p.work_plan.format(i + 1),
                    title: wp.name.clone(),
                    subtotal: subtotal(wp),
                    items: wp
                        .items
                        .iter()
                        .enumerate()
                        .map(|(j, item)| PlanItemView {
                            anchor: plan_anchor(i, j),
                            content_anchors: (0..item.contents.len()).map(|k| piece_anchor(&plan_anchor(i, j), k)).collect(),
                            number: p.plan_item.format(j + 1),
                            title: item.title.clone(),
                            contents: marked(&p.sublist, &item.contents),
                            amount: if data.is_some() { Figure::default() } else { item.amount.map(Figure::count).unwrap_or_default() },
                            remarks: item.remarks.clone().unwrap_or_default(),
                        })
                        .collect(),
                })
                .collect();
            let total = match &data {
                Some(d) => plans.work_plans.iter().filter_map(|wp| d.get(&wp.name)).fold(0i64, |a, n| a.saturating_add(*n)),
                None => plans.work_plans.iter().fold(0i64, |a, wp| a.saturating_add(wp.amount_sum())),
            };
            let amount_heading = match (&plans.amount, &data) {
                (Some(a), _) => Some(format!("{}（{}）", a.heading, a.unit)),
                (None, Some(_)) => Some(format!("{}（{}）", crate::model::default_amount_heading(), crate::model::default_amount_unit())),
                (None, None) => None,
            };
            chapter(
                &plans.heading,
                Content::Plans(widths::with_plans(PlansView {
                    key: row_key("plans"),
                    columns: plans.columns.clone(),
                    amount: amount_heading.clone(),
                    remarks: plans.remarks.clone(),
                    unit_caption: plans.unit_caption.clone(),
                    total: amount_heading.as_ref().map(|_| Figure::count(total)),
                    total_label: TOTALS_LABEL.into(),
                    subtotal_label: SUBTOTAL_LABEL.into(),
                    work_plans,
                    widths: Vec::new(),
                })),
            );
        }
        next_part("policy", &policy.heading, policy.vision.clone(), chapters);
    }

    if let Some(outcomes) = &booklet.outcomes {
        let chapters = outcomes
            .tables
            .iter()
            .enumerate()
            .map(|(i, table)| Chapter {
                number: p.chapter.format(i + 1),
                heading: table.heading.clone(),
                content: Content::Outcomes(outcomes_view(&p, i, table)),
            })
            .collect();
        next_part("outcomes", &outcomes.heading, Vec::new(), chapters);
    }

    for part in &booklet.parts {
        let chapters = part
            .tables
            .iter()
            .enumerate()
            .map(|(i, t)| Chapter { number: p.chapter.format(i + 1), heading: t.heading.clone(), content: Content::Table(table_view(t)) })
            .collect();
        let view = Part {
            number: String::new(),
            heading: part.heading.clone(),
            paragraphs: part.paragraphs.clone(),
            items: marked(&p.list, &part.items),
            chapters,
        };
        sections.push(("parts", view));
    }

    if let Some(order) = &meta.order {
        // Validation has checked the order: each present section once.
        let rank = |name: &str| order.iter().position(|o| o == name).unwrap_or(usize::MAX);
        sections.sort_by_key(|(name, _)| rank(name));
    }
    let parts = sections.into_iter().enumerate().map(|(i, (_, part))| Part { number: p.part.format(i + 1), ..part }).collect();
    let n = &booklet.numbering;
    let numbering =
        [&n.part, &n.chapter, &n.section, &n.list, &n.sublist, &n.result, &n.work_plan, &n.plan_item].map(String::clone).to_vec();
    let budget = booklet.budget.as_ref().zip(budget_table.as_ref()).map(|(b, t)| budget::budget_view(b, t));
    View { meta: meta_view, parts, numbering, budget }
}

fn block(list: &Pattern, b: &Block) -> Content {
    Content::Block { paragraphs: b.paragraphs.clone(), items: marked(list, &b.items) }
}
