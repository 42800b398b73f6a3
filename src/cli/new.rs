//! `booklet new`: a starting bundle that builds at once; from the
//! government's budget data, one per agency or a ministry volume.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use rust_i18n::t;

use booklet::budget::{ROC_OFFSET, Row, Scope, check_rows, check_scope, check_year, read_file, rows_of};
use booklet::diagnostic::{Diagnostic, Diagnostics};
use booklet::scaffold::{NewBudget, new_budget_bundle, new_bundle};

#[derive(clap::Args)]
pub struct Args {
    /// The bundle directory to create (with --all: the folder of the bundles).
    dir: PathBuf,
    /// The agency, e.g. 勞動部 (with --budget: as the data names it).
    #[arg(long, required_unless_present_any = ["ministry", "all"])]
    agency: Option<String>,
    /// A ministry volume of every agency of a 主管, e.g. 勞動部主管 (needs --budget).
    #[arg(long, requires = "budget", conflicts_with_all = ["agency", "all"])]
    ministry: Option<String>,
    /// One bundle per agency of the data, under DIR (needs --budget).
    #[arg(long, requires = "budget", conflicts_with = "agency")]
    all: bool,
    /// The fiscal year (ROC), e.g. 110; with --budget, the data's year.
    #[arg(long, required_unless_present = "budget")]
    year: Option<i64>,
    /// This year's budget data (the published CSV), copied into the bundle.
    #[arg(long, value_name = "THIS.csv")]
    budget: Option<PathBuf>,
    /// Last year's budget data (the published CSV, as enacted).
    #[arg(long, value_name = "LAST.csv", requires = "budget")]
    previous_budget: Option<PathBuf>,
    /// The project root holding schema/ (for the editor directive).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    let Some(budget) = &args.budget else {
        let (Some(agency), Some(year)) = (&args.agency, args.year) else {
            return ExitCode::from(2);
        };
        return match new_bundle(&args.dir, agency, year, &args.root) {
            Ok(manifest) => {
                eprintln!("{}", t!("cli.new.wrote", manifest = manifest.display(), dir = args.dir.display()));
                ExitCode::SUCCESS
            }
            Err(d) => super::fail(&d, 1),
        };
    };
    match from_data(&args, budget) {
        Ok(written) => {
            let line = if written == 1 {
                t!("cli.new.wrote_bundle", count = written, dir = args.dir.display())
            } else {
                t!("cli.new.wrote_bundles", count = written, dir = args.dir.display())
            };
            eprintln!("{line}");
            ExitCode::SUCCESS
        }
        Err(diagnostics) => super::failed(&diagnostics, &t!("cli.new.failed")),
    }
}

/// Reads both years' data, checks them, and writes the bundles: nothing
/// is written when the data has an error.
fn from_data(args: &Args, budget: &Path) -> Result<usize, Diagnostics> {
    let (src, current) = read_file(budget, None)?;
    let year = match args.year {
        Some(y) => y as i32,
        None => current.first().map_or(0, |r| r.year - ROC_OFFSET),
    };
    let mut problems = check_year(&src, &current, year, "--budget");
    problems.extend(check_rows(&src, &current));
    let previous = match &args.previous_budget {
        Some(path) => {
            let (psrc, previous) = read_file(path, None)?;
            problems.extend(check_year(&psrc, &previous, year - 1, "--previous-budget"));
            problems.extend(check_rows(&psrc, &previous));
            previous
        }
        None => Vec::new(),
    };
    let scopes: Vec<(PathBuf, Scope)> = if args.all {
        let mut seen = std::collections::HashSet::new();
        current
            .iter()
            .filter(|r| seen.insert(r.depname.clone()))
            .map(|r| (args.dir.join(format!("{}-{}", r.agency_key(), r.depname)), Scope::Agency(r.depname.clone())))
            .collect()
    } else if let Some(m) = &args.ministry {
        vec![(args.dir.clone(), Scope::Ministry(m.clone()))]
    } else {
        vec![(args.dir.clone(), Scope::Agency(args.agency.clone().unwrap_or_default()))]
    };
    for (_, scope) in &scopes {
        if let Err(d) = check_scope(&current, scope) {
            problems.push(d.in_file(budget));
        }
    }
    if problems.iter().any(Diagnostic::is_error) {
        return Err(problems);
    }
    for (dir, scope) in &scopes {
        let (now, before): (Vec<Row>, Vec<Row>) = rows_of(&current, &previous, scope);
        let agency = match scope {
            Scope::Agency(name) => name.clone(),
            Scope::Ministry(name) => name.strip_suffix("主管").unwrap_or(name).to_string(),
        };
        let data = NewBudget { scope, current: &now, previous: &before };
        new_budget_bundle(dir, &agency, i64::from(year), &args.root, &data).map_err(|d| vec![d])?;
    }
    Ok(scopes.len())
}
