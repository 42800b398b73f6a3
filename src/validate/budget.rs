//! The budget data's checks: `[budget]` names whose rows it prints, the
//! files are of this year and last year, each row once, and the agency or
//! 主管 has rows this year.

use rust_i18n::t;

use super::{Checker, Step};
use crate::budget::{check_rows, check_scope, check_year};

pub(super) fn check(c: &mut Checker) {
    let Some(budget) = &c.bundle.booklet.budget else {
        return;
    };
    let b = Step::Key("budget");
    let spec = &budget.spec;
    match (&spec.agency, &spec.ministry) {
        (Some(_), Some(_)) => {
            c.error(0, &[b, Step::Key("ministry")], t!("validate.budget.both").into_owned(), Some(&*t!("validate.budget.both_help")))
        }
        (None, None) => c.error(0, &[b], t!("validate.budget.neither").into_owned(), Some(&*t!("validate.budget.neither_help"))),
        _ => {}
    }
    let data = &c.bundle.data;
    let year = c.bundle.booklet.meta.fiscal_year as i32;
    if let Some(src) = data.first() {
        c.out.extend(check_year(src, &budget.current, year, "budget.current"));
        c.out.extend(check_rows(src, &budget.current));
        if let Some(scope) = &budget.scope
            && let Err(d) = check_scope(&budget.current, scope)
        {
            let key = if spec.agency.is_some() { "agency" } else { "ministry" };
            let span = c.span(0, &[Step::Key("budget"), Step::Key(key)]);
            c.out.push(d.at(c.source(0), span));
        }
    }
    // With plan_amounts, each work plan of the plans table is a 目 of the data.
    if spec.plan_amounts
        && let Some(plans) = c.bundle.booklet.policy.as_ref().and_then(|p| p.plans.as_ref())
    {
        let amounts = crate::view::budget_table(budget).as_ref().map(crate::view::work_plan_amounts).unwrap_or_default();
        let file = c.bundle.origins.policy;
        for (i, wp) in plans.work_plans.iter().enumerate() {
            if !amounts.contains_key(&wp.name) {
                let path = [Step::Key("policy"), Step::Key("plans"), Step::Key("work_plans"), Step::Index(i), Step::Key("name")];
                let span = c.span(file, &path);
                let mut names: Vec<&String> = amounts.keys().collect();
                names.sort();
                let list: Vec<&str> = names.iter().map(|s| s.as_str()).collect();
                c.out.push(
                    crate::diagnostic::Diagnostic::warning(t!("validate.budget.plan_not_in_data", name = format!("{:?}", wp.name)))
                        .at(c.source(file), span)
                        .with_help(t!("validate.budget.plan_not_in_data_help", names = list.join("、"))),
                );
            }
        }
    }
    if let Some(src) = data.get(1) {
        c.out.extend(check_year(src, &budget.previous, year - 1, "budget.previous"));
        c.out.extend(check_rows(src, &budget.previous));
    }
}
