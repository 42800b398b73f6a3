//! `booklet schema`: the JSON Schema of the input format.

use std::path::PathBuf;
use std::process::ExitCode;

#[derive(clap::Args)]
pub struct Args {
    /// Write the schema here instead of printing it.
    #[arg(long)]
    out: Option<PathBuf>,
}

pub fn run(args: Args) -> ExitCode {
    let json = booklet::scaffold::schema_json();
    match args.out {
        None => {
            print!("{json}");
            ExitCode::SUCCESS
        }
        Some(path) => match booklet::output::write_atomic(&path, json.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(d) => super::fail(&d, 1),
        },
    }
}
