//! `booklet compare`: what changed between two years' bundles.

use std::path::PathBuf;
use std::process::ExitCode;

use rust_i18n::t;

use booklet::build::Standard;
use booklet::compare::Style;

#[derive(clap::Args)]
pub struct Args {
    /// The older year's bundle, or the proposal's budget data (a CSV file).
    old: PathBuf,
    /// The newer year's bundle, or the enacted budget's data (a CSV file).
    new: PathBuf,
    /// With two data files: only this agency's rows.
    #[arg(long)]
    agency: Option<String>,
    /// The output directory.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// How the PDF shows a change: inline (struck through, underlined)
    /// or table (對照表: 本年度 | 上年度 | 說明).
    #[arg(long, value_enum, default_value_t)]
    style: Style,
    /// A folder whose templates/ and fonts/ replace the embedded ones.
    #[arg(long)]
    root: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let terminal = super::terminal();
    if args.old.is_file() && args.new.is_file() {
        return data(&args);
    }
    let (old, new) = match (super::one_bundle(&args.old), super::one_bundle(&args.new)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let engine = match super::engine(args.root.as_deref()) {
        Ok((engine, _)) => engine,
        Err(code) => return code,
    };
    match booklet::compare::output::run(&engine, &old, &new, &args.out, Standard::default(), args.style) {
        Ok(done) => {
            for w in &done.warnings {
                eprint!("{}", w.render(terminal));
            }
            let r = &done.report;
            eprintln!(
                "{}",
                t!(
                    "cli.compare.done",
                    new = new.dir.display(),
                    old = old.dir.display(),
                    total = r.total,
                    pdf = done.pdf.display(),
                    xlsx = done.xlsx.display()
                )
            );
            for c in &r.counts {
                eprintln!(
                    "{}",
                    t!(
                        "cli.compare.section",
                        section = c.section.trim_end_matches(['：', ':']),
                        added = c.added,
                        removed = c.removed,
                        changed = c.changed,
                        moved = c.moved
                    )
                );
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => super::failed(&diagnostics, &t!("cli.compare.failed")),
    }
}

/// `booklet compare PROPOSED.csv ENACTED.csv`: what the legislature changed.
fn data(args: &Args) -> ExitCode {
    let engine = match super::engine(args.root.as_deref()) {
        Ok((engine, _)) => engine,
        Err(code) => return code,
    };
    match booklet::compare::data::run(&engine, &args.old, &args.new, args.agency.as_deref(), &args.out) {
        Ok(done) => {
            let r = &done.report;
            eprintln!(
                "{}",
                t!(
                    "cli.compare.data_done",
                    new = args.new.display(),
                    old = args.old.display(),
                    rows = r.rows.len(),
                    agencies = r.agencies.iter().filter(|a| a.changed > 0).count(),
                    pdf = done.pdf.display(),
                    xlsx = done.xlsx.display()
                )
            );
            eprintln!(
                "{}",
                t!("cli.compare.data_total", proposed = r.proposed_total, enacted = r.enacted_total, difference = r.difference)
            );
            ExitCode::SUCCESS
        }
        Err(diagnostics) => super::failed(&diagnostics, &t!("cli.compare.failed")),
    }
}
