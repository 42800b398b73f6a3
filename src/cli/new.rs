//! `booklet new`: a starting bundle that builds at once.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// The bundle directory to create.
    dir: PathBuf,
    /// The agency, e.g. 勞動部.
    #[arg(long)]
    agency: String,
    /// The fiscal year (ROC), e.g. 110.
    #[arg(long)]
    year: i64,
    /// The project root holding schema/ (for the editor directive).
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

pub fn run(args: Args) -> ExitCode {
    match booklet::scaffold::new_bundle(&args.dir, &args.agency, args.year, &args.root) {
        Ok(manifest) => {
            eprintln!("wrote {}; build it with: booklet build {}", manifest.display(), args.dir.display());
            ExitCode::SUCCESS
        }
        Err(d) => super::fail(&d, 1),
    }
}
