//! The budget data's checks: `[budget]` names whose rows it prints, the
//! files are of this year and last year, each row once, and the agency or
//! 主管 has rows this year.

use crate::budget::{check_rows, check_scope, check_year};
use super::{Checker, Step};

pub(super) fn check(c: &mut Checker) {
    let Some(budget) = &c.bundle.booklet.budget else { return };
    let b = Step::Key("budget");
    let spec = &budget.spec;
    match (&spec.agency, &spec.ministry) {
        (Some(_), Some(_)) => c.error(
            0,
            &[b, Step::Key("ministry")],
            "[budget] names both an agency and a ministry; expected one of them".into(),
            Some("an agency's booklet names `agency`, a ministry volume `ministry`"),
        ),
        (None, None) => c.error(
            0,
            &[b],
            "[budget] names neither `agency` nor `ministry`; expected whose rows the booklet prints".into(),
            Some("add agency = \"勞動部\" (the agency as the data names it), or ministry = \"勞動部主管\""),
        ),
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
    if let Some(src) = data.get(1) {
        c.out.extend(check_year(src, &budget.previous, year - 1, "budget.previous"));
        c.out.extend(check_rows(src, &budget.previous));
    }
}

