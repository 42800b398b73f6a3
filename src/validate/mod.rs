//! Validation: checks a loaded bundle for what TOML and serde cannot see.
//!
//! All problems of a bundle are collected, not only the first; each points
//! at the file, line and column of the offending value. Checked: the fiscal
//! year and date, the numbering patterns, staffing counts and totals, empty
//! required text, text that carries its own list marker (the booklet numbers
//! entries itself), control characters, characters no pinned font can show,
//! and workbook sheet names; in `shapes`, what differs from booklet to
//! booklet: the part order, charts drawn as trees, amounts and their totals,
//! and the further parts' tables.

use std::collections::{BTreeSet, HashSet};
use std::ops::Range;

use rust_i18n::t;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::load::{Bundle, Locator, Seg};
use crate::numbering::Pattern;
use crate::view::parse_date;

mod budget;
mod shapes;

/// The largest staff count accepted; larger ones are typing errors (and
/// would overflow sums).
pub const MAX_COUNT: i64 = 10_000_000;

/// The characters a bundle's text may hold, by the fonts that will show it.
pub trait Coverage {
    /// Whether the text font can show `c`.
    fn covers(&self, c: char) -> bool;
}

impl<F: Fn(char) -> bool> Coverage for F {
    fn covers(&self, c: char) -> bool {
        self(c)
    }
}

/// An owned path into a TOML file.
#[derive(Debug, Clone)]
enum Step {
    Key(&'static str),
    Index(usize),
}

struct Checker<'a> {
    bundle: &'a Bundle,
    locators: Vec<Option<Locator<'a>>>,
    out: Diagnostics,
}

impl<'a> Checker<'a> {
    fn locator(&mut self, file: usize) -> &Locator<'a> {
        let text: &'a str = &self.bundle.sources[file].text;
        self.locators[file].get_or_insert_with(|| Locator::new(text))
    }

    fn span(&mut self, file: usize, path: &[Step]) -> Range<usize> {
        let segs: Vec<Seg> = path
            .iter()
            .map(|s| match s {
                Step::Key(k) => Seg::Key(k),
                Step::Index(i) => Seg::Index(*i),
            })
            .collect();
        self.locator(file).span(&segs).unwrap_or(0..0)
    }

    fn source(&self, file: usize) -> &'a SourceText {
        &self.bundle.sources[file]
    }

    fn error(&mut self, file: usize, path: &[Step], message: String, help: Option<&str>) {
        let span = self.span(file, path);
        let mut d = Diagnostic::error(message).at(self.source(file), span);
        if let Some(help) = help {
            d = d.with_help(help);
        }
        self.out.push(d);
    }

    /// Required text must not be empty.
    fn text(&mut self, file: usize, path: &[Step], text: &str, what: &str) {
        if text.trim().is_empty() {
            self.error(file, path, t!("validate.text.empty", what = what).into_owned(), None);
        }
    }

    /// List entries are numbered by the booklet: text that starts with its
    /// own marker would print two.
    fn entry(&mut self, file: usize, path: &[Step], text: &str, what: &str) {
        self.text(file, path, text, what);
        if let Some(marker) = leading_marker(text) {
            self.error(
                file,
                path,
                t!("validate.entry.marker", what = what, marker = format!("{marker:?}")).into_owned(),
                Some(&*t!("validate.entry.marker_help")),
            );
        }
    }

    fn entries(&mut self, file: usize, path: &[Step], key: &'static str, texts: &[String], what: &str) {
        for (i, t) in texts.iter().enumerate() {
            let p = [path, &[Step::Key(key), Step::Index(i)]].concat();
            self.entry(file, &p, t, what);
        }
    }

    fn nonempty<T>(&mut self, file: usize, path: &[Step], list: &[T], what: &str) {
        if list.is_empty() {
            self.error(file, path, t!("validate.list.empty", what = what).into_owned(), None);
        }
    }
}

/// A list marker at the start of a text: `1、`, `1.`, `（1）`, `(1)`, `一、`, `壹、`.
pub fn leading_marker(text: &str) -> Option<String> {
    let t = text.trim_start();
    let chars: Vec<char> = t.chars().take(8).collect();
    let is_num = |c: &char| c.is_ascii_digit() || ('０'..='９').contains(c) || "一二三四五六七八九十百壹貳參肆伍陸柒捌玖拾佰".contains(*c);
    if chars.first().is_some_and(|c| ('\u{2460}'..='\u{24FF}').contains(c) || ('\u{2776}'..='\u{2793}').contains(c)) {
        return Some(chars[0].to_string());
    }
    let digits = chars.iter().take_while(|c| is_num(c)).count();
    if digits > 0 && digits <= 3 {
        let next = chars.get(digits).copied();
        let after = chars.get(digits + 1).copied();
        let ascii = chars[..digits].iter().all(|c| c.is_ascii_digit() || ('０'..='９').contains(c));
        match next {
            Some('、') => return Some(chars[..=digits].iter().collect()),
            Some('.') | Some('．') if ascii && !after.is_some_and(|c| c.is_ascii_digit()) => {
                return Some(chars[..=digits].iter().collect());
            }
            _ => {}
        }
    }
    if matches!(chars.first(), Some('（') | Some('(')) {
        let inner = chars[1..].iter().take_while(|c| is_num(c)).count();
        if inner > 0 && matches!(chars.get(1 + inner), Some('）') | Some(')')) {
            return Some(chars[..=inner + 1].iter().collect());
        }
    }
    None
}

/// The longest text of one entry, in characters: what a cell of a workbook
/// holds (Excel's limit, 32,767), so that every entry reaches the workbooks
/// whole.
pub const MAX_TEXT: usize = 32_767;

/// What to type for a date written otherwise: an ROC date (`109.1.1`,
/// `109年1月1日`) in the Gregorian calendar, full-width digits as ASCII.
fn date_help(date: &str) -> String {
    let ascii = crate::load::half_width_digits(date);
    let parts: Vec<u32> = ascii.split(|c: char| !c.is_ascii_digit()).filter(|p| !p.is_empty()).filter_map(|p| p.parse().ok()).collect();
    match parts[..] {
        [y, m, d] if (1..=200).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) => {
            t!("validate.date.roc_help", date = format!("{:04}-{m:02}-{d:02}", y + 1911)).into_owned()
        }
        [y, m, d] if (1000..=9999).contains(&y) && (1..=12).contains(&m) && (1..=31).contains(&d) => {
            t!("validate.date.write_help", date = format!("{y:04}-{m:02}-{d:02}")).into_owned()
        }
        _ => t!("validate.date.format_help").into_owned(),
    }
}

/// The years a booklet's date may fall in: the Republic's (from 1912) to
/// the last its fiscal years reach (ROC 200 is 2111), with room to spare.
pub const DATE_YEARS: std::ops::RangeInclusive<i32> = 1912..=2199;

/// Checks a bundle; returns every problem found (errors and warnings).
///
/// # Parameters
///
/// - `bundle`: the loaded bundle.
/// - `coverage`: which characters the text font can show.
pub fn validate(bundle: &Bundle, coverage: &dyn Coverage) -> Diagnostics {
    let mut c = Checker { bundle, locators: bundle.sources.iter().map(|_| None).collect(), out: Vec::new() };
    let b = &bundle.booklet;
    let m = &b.meta;
    let bk = Step::Key("booklet");

    // Every string of every file: no longer than a workbook cell holds.
    for source in &bundle.sources {
        for (path, span, text) in Locator::new(&source.text).strings() {
            let placeholder = if text.contains(crate::model::PLACEHOLDER) {
                Some(crate::model::PLACEHOLDER)
            } else {
                crate::model::NAMED_PLACEHOLDERS.iter().copied().find(|p| text.trim() == *p)
            };
            if let Some(placeholder) = placeholder {
                c.out.push(
                    Diagnostic::warning(t!("validate.placeholder", path = path, placeholder = placeholder))
                        .at(source, span.clone())
                        .with_help(t!("validate.placeholder_help")),
                );
            }
            let len = text.chars().count();
            if len > MAX_TEXT {
                c.out.push(
                    Diagnostic::error(t!("validate.text.too_long", path = path, len = len, max = MAX_TEXT))
                        .at(source, span)
                        .with_help(t!("validate.text.too_long_help")),
                );
            }
        }
    }
    c.text(0, &[bk.clone(), Step::Key("agency")], &m.agency, &t!("validate.what.key", key = "booklet.agency"));
    c.text(0, &[bk.clone(), Step::Key("title")], &m.title, &t!("validate.what.key", key = "booklet.title"));
    if !(1..=200).contains(&m.fiscal_year) {
        c.error(
            0,
            &[bk.clone(), Step::Key("fiscal_year")],
            t!("validate.fiscal_year.range", year = m.fiscal_year).into_owned(),
            Some(&*t!("validate.fiscal_year.range_help")),
        );
    }
    if let Some(date) = &m.date {
        match parse_date(date) {
            None => c.error(
                0,
                &[bk.clone(), Step::Key("date")],
                t!("validate.date.invalid", date = format!("{date:?}")).into_owned(),
                Some(&date_help(date)),
            ),
            Some(d) if !DATE_YEARS.contains(&d.year) => c.error(
                0,
                &[bk.clone(), Step::Key("date")],
                t!("validate.date.range", date = format!("{date:?}"), start = DATE_YEARS.start(), end = DATE_YEARS.end()).into_owned(),
                Some(&*t!("validate.date.range_help")),
            ),
            Some(_) => {}
        }
    }
    let lang_ok = {
        let mut parts = m.language.split('-');
        let lang = parts.next().unwrap_or("");
        (2..=3).contains(&lang.len())
            && lang.chars().all(|c| c.is_ascii_alphabetic())
            && parts.all(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphanumeric()))
    };
    if !lang_ok {
        c.error(0, &[bk, Step::Key("language")], t!("validate.language.tag", value = format!("{:?}", m.language)).into_owned(), None);
    }

    let n = &b.numbering;
    for (key, pattern) in [
        ("part", &n.part),
        ("chapter", &n.chapter),
        ("section", &n.section),
        ("list", &n.list),
        ("sublist", &n.sublist),
        ("result", &n.result),
        ("work_plan", &n.work_plan),
        ("plan_item", &n.plan_item),
    ]
    .into_iter()
    .chain(n.unit.as_ref().map(|p| ("unit", p)))
    .chain(n.unit_item.as_ref().map(|p| ("unit_item", p)))
    .chain(n.goal.as_ref().map(|p| ("goal", p)))
    .chain(n.goal_item.as_ref().map(|p| ("goal_item", p)))
    {
        if let Err(e) = pattern.parse::<Pattern>() {
            c.error(0, &[Step::Key("numbering"), Step::Key(key)], e.0, None);
        }
    }

    if let Some(d) = &b.duties {
        let f = bundle.origins.duties;
        let base = [Step::Key("duties")];
        c.text(f, &[base[0].clone(), Step::Key("heading")], &d.heading, &t!("validate.what.key", key = "duties.heading"));
        if let Some(main) = &d.main {
            let p = [base[0].clone(), Step::Key("main")];
            if main.paragraphs.is_empty() && main.items.is_empty() {
                c.error(f, &p, t!("validate.duties.main_empty").into_owned(), None);
            }
            c.entries(f, &p, "paragraphs", &main.paragraphs, &t!("validate.what.paragraph"));
            c.entries(f, &p, "items", &main.items, &t!("validate.what.duty"));
        }
        if let Some(units) = &d.units {
            let p = [base[0].clone(), Step::Key("units")];
            c.nonempty(
                f,
                &[p[0].clone(), p[1].clone(), Step::Key("list")],
                &units.list,
                &t!("validate.what.key", key = "duties.units.list"),
            );
            for (i, u) in units.list.iter().enumerate() {
                let up = [p[0].clone(), p[1].clone(), Step::Key("list"), Step::Index(i)];
                c.entry(f, &[&up[..], &[Step::Key("name")]].concat(), &u.name, &t!("validate.what.unit_name"));
                c.entries(f, &up, "paragraphs", &u.paragraphs, &t!("validate.what.paragraph"));
                c.entries(f, &up, "items", &u.items, &t!("validate.what.duty"));
            }
        }
        if let Some(org) = &d.organization
            && let Some(s) = &org.staffing
        {
            let sp = [base[0].clone(), Step::Key("organization"), Step::Key("staffing")];
            c.nonempty(f, &[&sp[..], &[Step::Key("columns")]].concat(), &s.columns, &t!("validate.what.key", key = "staffing.columns"));
            let mut names: Vec<String> = vec![s.agency_column.to_lowercase(), s.total_column.to_lowercase()];
            for (k, name) in s.columns.iter().enumerate() {
                if names.contains(&name.trim().to_lowercase()) {
                    c.error(
                        f,
                        &[&sp[..], &[Step::Key("columns"), Step::Index(k)]].concat(),
                        t!("validate.staffing.column_twice", name = format!("{name:?}"), total = format!("{:?}", s.total_column))
                            .into_owned(),
                        Some(&*t!("validate.staffing.column_twice_help")),
                    );
                }
                names.push(name.trim().to_lowercase());
            }
            c.nonempty(f, &[&sp[..], &[Step::Key("rows")]].concat(), &s.rows, &t!("validate.what.key", key = "staffing.rows"));
            for (i, row) in s.rows.iter().enumerate() {
                let rp = [&sp[..], &[Step::Key("rows"), Step::Index(i)]].concat();
                c.text(f, &[&rp[..], &[Step::Key("agency")]].concat(), &row.agency, &t!("validate.what.staffing_agency"));
                if row.counts.len() != s.columns.len() {
                    c.error(
                        f,
                        &[&rp[..], &[Step::Key("counts")]].concat(),
                        t!("validate.staffing.counts", counts = row.counts.len(), columns = s.columns.len(), names = s.columns.join("、"))
                            .into_owned(),
                        None,
                    );
                }
                for (j, &count) in row.counts.iter().enumerate() {
                    if count > MAX_COUNT {
                        c.error(
                            f,
                            &[&rp[..], &[Step::Key("counts"), Step::Index(j)]].concat(),
                            t!("validate.staffing.too_large", count = count, max = MAX_COUNT).into_owned(),
                            None,
                        );
                    }
                    if count < 0 {
                        c.error(
                            f,
                            &[&rp[..], &[Step::Key("counts"), Step::Index(j)]].concat(),
                            t!("validate.staffing.negative", count = count).into_owned(),
                            None,
                        );
                    }
                }
                let sum = row.sum();
                if let Some(total) = row.total
                    && total != sum
                {
                    c.error(
                        f,
                        &[&rp[..], &[Step::Key("total")]].concat(),
                        t!("validate.staffing.total", total = total, sum = sum).into_owned(),
                        Some(&*t!("validate.staffing.total_help")),
                    );
                }
            }
        }
    }

    if let Some(p) = &b.policy {
        let f = bundle.origins.policy;
        let base = Step::Key("policy");
        c.entries(f, std::slice::from_ref(&base), "vision", &p.vision, &t!("validate.what.vision"));
        if let Some(goals) = &p.goals {
            let gp = [base.clone(), Step::Key("goals"), Step::Key("list")];
            c.nonempty(f, &gp, &goals.list, &t!("validate.what.key", key = "policy.goals.list"));
            for (i, g) in goals.list.iter().enumerate() {
                let p = [&gp[..], &[Step::Index(i)]].concat();
                c.entry(f, &[&p[..], &[Step::Key("title")]].concat(), &g.title, &t!("validate.what.goal"));
                c.entries(f, &p, "items", &g.items, &t!("validate.what.goal_measure"));
            }
        }
        if let Some(plans) = &p.plans {
            let wp_path = [base, Step::Key("plans"), Step::Key("work_plans")];
            c.nonempty(f, &wp_path, &plans.work_plans, &t!("validate.what.key", key = "policy.plans.work_plans"));
            for (i, wp) in plans.work_plans.iter().enumerate() {
                let p = [&wp_path[..], &[Step::Index(i)]].concat();
                c.entry(f, &[&p[..], &[Step::Key("name")]].concat(), &wp.name, &t!("validate.what.work_plan_name"));
                c.nonempty(f, &[&p[..], &[Step::Key("items")]].concat(), &wp.items, &t!("validate.what.work_plan_items"));
                for (j, item) in wp.items.iter().enumerate() {
                    let ip = [&p[..], &[Step::Key("items"), Step::Index(j)]].concat();
                    c.entry(f, &[&ip[..], &[Step::Key("title")]].concat(), &item.title, &t!("validate.what.plan_item"));
                    c.entries(f, &ip, "contents", &item.contents, &t!("validate.what.plan_content"));
                }
            }
        }
    }

    if let Some(o) = &b.outcomes {
        // The workbook's fixed sheets, then each table's (given or default) name.
        let mut sheets: HashSet<String> = crate::model::FIXED_SHEETS.iter().map(|s| s.to_lowercase()).collect();
        for (t, table) in o.tables.iter().enumerate() {
            let (f, index) = bundle.origins.tables[t];
            let tp = [Step::Key("outcomes"), Step::Key("tables"), Step::Index(index)];
            c.text(f, &[&tp[..], &[Step::Key("heading")]].concat(), &table.heading, &t!("validate.what.outcome_heading"));
            let sheet = table.sheet_name(t);
            let sp = [&tp[..], &[Step::Key(if table.sheet.is_some() { "sheet" } else { "heading" })]].concat();
            if let Some(problem) = sheet_name_problem(&sheet) {
                c.error(f, &sp, problem, None);
            } else if !sheets.insert(sheet.to_lowercase()) {
                c.error(
                    f,
                    &sp,
                    t!("validate.sheet.twice", sheet = format!("{sheet:?}")).into_owned(),
                    Some(&*t!("validate.sheet.set_help")),
                );
            }
            c.nonempty(f, &[&tp[..], &[Step::Key("work_plans")]].concat(), &table.work_plans, &t!("validate.what.outcome_work_plans"));
            for (i, wp) in table.work_plans.iter().enumerate() {
                let p = [&tp[..], &[Step::Key("work_plans"), Step::Index(i)]].concat();
                c.entry(f, &[&p[..], &[Step::Key("name")]].concat(), &wp.name, &t!("validate.what.work_plan_name"));
                c.nonempty(f, &[&p[..], &[Step::Key("items")]].concat(), &wp.items, &t!("validate.what.work_plan_items"));
                for (j, item) in wp.items.iter().enumerate() {
                    let ip = [&p[..], &[Step::Key("items"), Step::Index(j)]].concat();
                    c.entry(f, &[&ip[..], &[Step::Key("title")]].concat(), &item.title, &t!("validate.what.item_title"));
                    if !item.has_own_results() {
                        c.nonempty(f, &[&ip[..], &[Step::Key("subitems")]].concat(), &item.subitems, &t!("validate.what.subitems"));
                    }
                    c.entries(f, &ip, "paragraphs", &item.paragraphs, &t!("validate.what.result_paragraph"));
                    c.entries(f, &ip, "results", &item.results, &t!("validate.what.result"));
                    for (k, s) in item.subitems.iter().enumerate() {
                        let sp = [&ip[..], &[Step::Key("subitems"), Step::Index(k)]].concat();
                        c.entry(f, &[&sp[..], &[Step::Key("text")]].concat(), &s.text, &t!("validate.what.subitem"));
                        c.entries(f, &sp, "paragraphs", &s.paragraphs, &t!("validate.what.result_paragraph"));
                        c.entries(f, &sp, "results", &s.results, &t!("validate.what.result"));
                    }
                }
            }
        }
    }

    shapes::check(&mut c);
    budget::check(&mut c);
    check_characters(&mut c, coverage);
    c.out
}

/// Control characters are errors; characters the font cannot show are
/// warnings (they would print as empty boxes).
fn check_characters(c: &mut Checker, coverage: &dyn Coverage) {
    for file in 0..c.bundle.sources.len() {
        if !needs_string_scan(&c.bundle.sources[file].text, coverage) {
            continue;
        }
        let strings = c.locator(file).strings();
        let source = c.source(file);
        for (path, span, text) in strings {
            let controls: Vec<String> = text.chars().filter(|ch| ch.is_control()).map(|ch| format!("U+{:04X}", ch as u32)).collect();
            if !controls.is_empty() {
                c.out.push(
                    Diagnostic::error(t!("validate.chars.control", path = path, list = controls.join(crate::lang::list_separator())))
                        .at(source, span.clone())
                        .with_help(t!("validate.chars.control_help")),
                );
            }
            let mut missing: Vec<char> =
                text.chars().filter(|ch| !ch.is_control() && !ch.is_whitespace() && !coverage.covers(*ch)).collect();
            missing.dedup();
            if !missing.is_empty() {
                let list: Vec<String> = missing.iter().map(|ch| format!("{ch} (U+{:04X})", *ch as u32)).collect();
                c.out.push(
                    Diagnostic::warning(t!("validate.chars.missing", path = path, list = list.join(crate::lang::list_separator())))
                        .at(source, span)
                        .with_help(t!("validate.chars.missing_help")),
                );
            }
        }
    }
}

/// Whether a file's strings need a closer look: only when its text holds
/// an escape (which may stand for a control character) or a character the
/// font lacks. A cheap scan of the raw text spares parsing it again.
fn needs_string_scan(text: &str, coverage: &dyn Coverage) -> bool {
    text.chars()
        .any(|c| c == '\\' || (c.is_control() && c != '\n' && c != '\r') || !(c.is_ascii() || c.is_whitespace() || coverage.covers(c)))
}

/// The characters of a bundle's text that the font cannot show.
pub fn missing_glyphs(bundle: &Bundle, coverage: &dyn Coverage) -> BTreeSet<char> {
    let mut missing = BTreeSet::new();
    for source in &bundle.data {
        missing.extend(source.text.chars().filter(|c| !c.is_control() && !c.is_whitespace() && !c.is_ascii() && !coverage.covers(*c)));
    }
    for source in &bundle.sources {
        if !source.text.chars().any(|c| !(c.is_ascii() || c.is_whitespace() || coverage.covers(c))) {
            continue;
        }
        for (_, _, text) in Locator::new(&source.text).strings() {
            missing.extend(text.chars().filter(|c| !c.is_control() && !c.is_whitespace() && !coverage.covers(*c)));
        }
    }
    missing
}

/// Why a workbook sheet name is refused, if it is.
pub fn sheet_name_problem(name: &str) -> Option<String> {
    if name.trim().is_empty() {
        return Some(t!("validate.sheet.empty").into_owned());
    }
    if name.chars().count() > 31 {
        return Some(t!("validate.sheet.too_long", name = format!("{name:?}")).into_owned());
    }
    if let Some(bad) = name.chars().find(|c| "[]:*?/\\".contains(*c)) {
        return Some(t!("validate.sheet.bad_char", name = format!("{name:?}"), bad = format!("{bad:?}")).into_owned());
    }
    if name.eq_ignore_ascii_case("history") {
        return Some(t!("validate.sheet.reserved", name = format!("{name:?}")).into_owned());
    }
    if name.starts_with('\'') || name.ends_with('\'') {
        return Some(t!("validate.sheet.apostrophe", name = format!("{name:?}")).into_owned());
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_recognised() {
        assert_eq!(leading_marker("1、勞動"), Some("1、".into()));
        assert_eq!(leading_marker("（1）辦理"), Some("（1）".into()));
        assert_eq!(leading_marker("12. 辦理"), Some("12.".into()));
        assert_eq!(leading_marker("一、綜合"), Some("一、".into()));
        assert_eq!(leading_marker("107年5月4日"), None);
        assert_eq!(leading_marker("1.5倍"), None);
        assert_eq!(leading_marker("一年辦理四次"), None);
        assert_eq!(leading_marker("（含106年）"), None);
        assert_eq!(leading_marker("１、勞動"), Some("１、".into()));
        assert_eq!(leading_marker("（１）辦理"), Some("（１）".into()));
        assert_eq!(leading_marker("１．辦理"), Some("１．".into()));
        assert_eq!(leading_marker("①辦理"), Some("①".into()));
        assert_eq!(leading_marker("一百、辦理"), Some("一百、".into()));
    }

    #[test]
    fn sheet_names() {
        assert!(sheet_name_problem("107年度實施成果").is_none());
        assert!(sheet_name_problem("a/b").is_some());
        assert!(sheet_name_problem(&"長".repeat(32)).is_some());
    }
}
