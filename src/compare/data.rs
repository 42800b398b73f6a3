//! What the legislature changed: two budget data files of one year (the
//! proposal and the enacted budget) compared row by row, per agency, into
//! a report (PDF and workbook).

use rust_i18n::t;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::budget::{Row, THOUSAND, check_rows, read_file};
use crate::build::Engine;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::options::Standard;
use crate::output::{output_path, write_atomic};
use crate::view::{budget_figure, format_count};
use crate::workbook::{Cell, HEADER_ROW, Properties, SheetData, column_name, write_workbook};

/// The comparison of two data files.
#[derive(Debug, Clone, Serialize)]
pub struct DataReport {
    pub proposed_name: String,
    pub enacted_name: String,
    /// The ROC year of the data, when both files are of one year.
    pub year: Option<i32>,
    pub agencies: Vec<AgencyTotals>,
    /// The rows whose amounts differ, or that only one file has.
    pub rows: Vec<RowChange>,
    pub proposed_total: String,
    pub enacted_total: String,
    pub difference: String,
}

/// An agency's totals in both files (千元), formatted, and as numbers.
#[derive(Debug, Clone, Serialize)]
pub struct AgencyTotals {
    pub topname: String,
    pub name: String,
    pub proposed: String,
    pub enacted: String,
    pub difference: String,
    #[serde(skip)]
    pub values: (i64, i64),
    /// How many of its rows changed.
    pub changed: usize,
}

/// A row that changed: its place, both amounts (千元; `—` where a file
/// lacks the row) and the difference.
#[derive(Debug, Clone, Serialize)]
pub struct RowChange {
    pub agency: String,
    pub reference: String,
    pub code: String,
    pub work_plan: String,
    /// The 節's name, or empty for a 目 without 節.
    pub section: String,
    pub proposed: String,
    pub enacted: String,
    pub difference: String,
    #[serde(skip)]
    pub values: (Option<i64>, Option<i64>),
}

/// The key of a row within its year: its code and 節.
fn key(r: &Row) -> (&str, Option<u32>) {
    (r.code.as_str(), r.section())
}

/// An amount in 千元 as the booklet prints it, `—` where a file lacks it.
fn amount(v: Option<i64>) -> String {
    budget_figure(v).text
}

/// Compares two files' rows: every row of either, matched by code and 節,
/// per agency (by key, in the proposal's order; an agency only the enacted
/// budget has comes last).
///
/// # Parameters
/// - `agency`: only this agency's rows (by its name in either file).
pub fn compare_data(proposed: &[Row], enacted: &[Row], agency: Option<&str>, names: (&str, &str)) -> DataReport {
    let keep = |r: &&Row| agency.is_none_or(|a| r.depname == a);
    let keys: Vec<&str> = {
        let mut keys: Vec<&str> = Vec::new();
        for r in proposed.iter().filter(keep).chain(enacted.iter().filter(keep)) {
            if !keys.contains(&r.agency_key()) {
                keys.push(r.agency_key());
            }
        }
        keys
    };
    let enacted_by: HashMap<(&str, Option<u32>), &Row> = enacted.iter().map(|r| (key(r), r)).collect();
    let proposed_by: HashMap<(&str, Option<u32>), &Row> = proposed.iter().map(|r| (key(r), r)).collect();
    let mut agencies = Vec::new();
    let mut rows = Vec::new();
    for k in keys {
        let p: Vec<&Row> = proposed.iter().filter(|r| r.agency_key() == k).collect();
        let e: Vec<&Row> = enacted.iter().filter(|r| r.agency_key() == k).collect();
        let first = p.first().or(e.first()).copied();
        let Some(first) = first else { continue };
        let before = rows.len();
        let mut change = |r: &Row, pa: Option<i64>, ea: Option<i64>| {
            rows.push(RowChange {
                agency: first.depname.clone(),
                reference: r.reference.to_string(),
                code: r.code.clone(),
                work_plan: r.depcat.clone(),
                section: if r.section().is_some() { r.name.clone() } else { String::new() },
                proposed: amount(pa),
                enacted: amount(ea),
                difference: format_count((ea.unwrap_or(0) - pa.unwrap_or(0)) / THOUSAND),
                values: (pa, ea),
            });
        };
        for r in &p {
            match enacted_by.get(&key(r)) {
                Some(x) if x.amount == r.amount => {}
                Some(x) => change(r, Some(r.amount), Some(x.amount)),
                None => change(r, Some(r.amount), None),
            }
        }
        for r in &e {
            if !proposed_by.contains_key(&key(r)) {
                change(r, None, Some(r.amount));
            }
        }
        let (ps, es) = (p.iter().map(|r| r.amount).sum::<i64>(), e.iter().map(|r| r.amount).sum::<i64>());
        agencies.push(AgencyTotals {
            topname: first.topname.clone(),
            name: first.depname.clone(),
            proposed: amount(Some(ps)),
            enacted: amount(Some(es)),
            difference: format_count((es - ps) / THOUSAND),
            values: (ps, es),
            changed: rows.len() - before,
        });
    }
    let (ps, es) = agencies.iter().fold((0i64, 0i64), |(a, b), t| (a + t.values.0, b + t.values.1));
    let year = match (proposed.first(), enacted.first()) {
        (Some(p), Some(e)) if p.year == e.year => Some(p.year - crate::budget::ROC_OFFSET),
        _ => None,
    };
    DataReport {
        proposed_name: names.0.to_string(),
        enacted_name: names.1.to_string(),
        year,
        agencies,
        rows,
        proposed_total: amount(Some(ps)),
        enacted_total: amount(Some(es)),
        difference: format_count((es - ps) / THOUSAND),
    }
}

/// What a data comparison wrote.
#[derive(Debug, Clone)]
pub struct DataCompared {
    pub pdf: PathBuf,
    pub xlsx: PathBuf,
    pub report: DataReport,
}

/// Reads both files, compares them and writes `<out>/<ENACTED>-vs-<PROPOSED>.pdf`
/// and `.xlsx`.
///
/// # Errors
/// Either file's problems (located), an agency neither file has, a
/// template or Typst problem; nothing is written then.
pub fn run(engine: &Engine, proposed: &Path, enacted: &Path, agency: Option<&str>, out_dir: &Path) -> Result<DataCompared, Diagnostics> {
    let (psrc, p) = read_file(proposed, None)?;
    let (esrc, e) = read_file(enacted, None)?;
    let mut problems = check_rows(&psrc, &p);
    problems.extend(check_rows(&esrc, &e));
    if let Some(a) = agency
        && !p.iter().chain(&e).any(|r| r.depname == a)
    {
        let scope = crate::budget::Scope::Agency(a.to_string());
        if let Err(d) = crate::budget::check_scope(&p, &scope) {
            problems.push(d.in_file(proposed));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let stem_of = |p: &Path| p.file_stem().map_or_else(|| "data".into(), |s| s.to_string_lossy().into_owned());
    let report = compare_data(&p, &e, agency, (&stem_of(proposed), &stem_of(enacted)));
    let stem = PathBuf::from(format!("{}-vs-{}", stem_of(enacted), stem_of(proposed)));
    // The report's date (PDF/A wants one): the budget year's first day,
    // the data's, never the clock's.
    let date = report.year.map_or([2000, 1, 1], |y| [y + crate::budget::ROC_OFFSET, 1, 1]);
    let context = minijinja::context! { data => &report, date => date };
    let source = engine.templates().render_template(crate::render::COMPARE_DATA_TEMPLATE, context).map_err(|d| vec![d])?;
    let (pdf, _) = engine.typeset_source(&source, &stem, out_dir, proposed.parent().unwrap_or(Path::new(".")), Standard::default())?;
    let xlsx = workbook(&report).map_err(|e| vec![Diagnostic::error(t!("workbook.write.xlsx", error = e))])?;
    let pdf_path = output_path(out_dir, &stem, "pdf");
    let xlsx_path = output_path(out_dir, &stem, "xlsx");
    write_atomic(&pdf_path, &pdf).map_err(|d| vec![d])?;
    write_atomic(&xlsx_path, &xlsx).map_err(|d| vec![d])?;
    Ok(DataCompared { pdf: pdf_path, xlsx: xlsx_path, report })
}

/// The workbook: 機關別 (each agency's totals, the difference a formula)
/// and 變動 (each changed row, the difference a formula); amounts in 千元.
///
/// # Errors
/// What the XLSX writer refuses.
pub fn workbook(report: &DataReport) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
    let first = HEADER_ROW + 2;
    let n = |v: i64| Cell::Number((v / THOUSAND) as f64);
    let opt = |v: Option<i64>| v.map_or(Cell::Empty, n);
    let diff = |row: u32, a: u16, b: u16, value: i64| {
        Cell::Formula(format!("={}{row}-{}{row}", column_name(b), column_name(a)), (value / THOUSAND) as f64)
    };
    let agencies = report
        .agencies
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let row = first + i as u32;
            vec![
                Cell::Text(a.topname.clone()),
                Cell::Text(a.name.clone()),
                n(a.values.0),
                n(a.values.1),
                diff(row, 2, 3, a.values.1 - a.values.0),
                Cell::Number(a.changed as f64),
            ]
        })
        .collect();
    let rows = report
        .rows
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let row = first + i as u32;
            vec![
                Cell::Text(r.agency.clone()),
                Cell::Text(r.reference.clone()),
                Cell::Text(r.code.clone()),
                Cell::Text(r.work_plan.clone()),
                Cell::Text(r.section.clone()),
                opt(r.values.0),
                opt(r.values.1),
                diff(row, 5, 6, r.values.1.unwrap_or(0) - r.values.0.unwrap_or(0)),
            ]
        })
        .collect();
    let caption = format!("{} 與 {} 之比較　單位：新臺幣千元", report.enacted_name, report.proposed_name);
    let headers = |h: &[&str]| h.iter().map(|s| s.to_string()).collect();
    let sheets = vec![
        SheetData {
            name: "機關別".into(),
            caption: caption.clone(),
            headers: headers(&["主管", "機關", "預算案", "法定預算", "增減", "變動列數"]),
            rows: agencies,
            notes: Vec::new(),
        },
        SheetData {
            name: "變動".into(),
            caption,
            headers: headers(&["機關", "款項目節", "科目編號", "工作計畫（目）", "節", "預算案", "法定預算", "增減"]),
            rows,
            notes: Vec::new(),
        },
    ];
    let properties = Properties {
        title: format!("{} 與 {} 之比較", report.enacted_name, report.proposed_name),
        author: "booklet".into(),
        subject: "歲出機關別預算表".into(),
        date: report.year.map_or((2000, 1, 1), |y| ((y + crate::budget::ROC_OFFSET) as u16, 1, 1)),
    };
    write_workbook(&properties, &sheets)
}
