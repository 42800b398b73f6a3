//! `booklet watch`: build one bundle, then rebuild it on every change.

use std::path::PathBuf;
use std::process::ExitCode;

use rust_i18n::t;

use booklet::batch::{BundleResult, Outcome};
use booklet::build::{Built, Options, Standard};
use booklet::diagnostic::Diagnostics;

#[derive(clap::Args)]
pub struct Args {
    /// The bundle directory.
    bundle: PathBuf,
    /// The output directory.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// A folder whose templates/ and fonts/ replace the embedded ones
    /// (default: templates/ or fonts/ of the working folder where present).
    #[arg(long)]
    root: Option<PathBuf>,
    /// The PDF standard to meet.
    #[arg(long, default_value = "a-2b", value_parser = super::parse_standard)]
    pdf_standard: Standard,
}

pub fn run(args: Args) -> ExitCode {
    let terminal = super::terminal();
    let reference = match super::one_bundle(&args.bundle) {
        Ok(reference) => reference,
        Err(code) => return code,
    };
    let (mut engine, paths) = match super::engine(args.root.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };
    let options = Options::new(args.out, args.pdf_standard);
    eprintln!("{}", t!("cli.watch.watching", dir = reference.dir.display(), templates = paths.templates_name()));
    let report = |result: &Result<Built, Diagnostics>, time: std::time::Duration| {
        let outcome = match result {
            Ok(built) => Outcome::Built(built.clone()),
            Err(d) => Outcome::Failed(d.clone()),
        };
        eprint!("{}", super::build::describe(&BundleResult { bundle: reference.clone(), outcome, time }, terminal));
    };
    match booklet::watch::watch(&mut engine, &paths, &reference, &options, &report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => super::fail(&d, 1),
    }
}
