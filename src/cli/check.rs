//! `booklet check`: validate every bundle under the paths, writing nothing.

use std::process::ExitCode;

use booklet::batch::BatchOptions;
use booklet::build::Options;

use super::build::{Common, build_all};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    common: Common,
}

pub fn run(args: Args) -> ExitCode {
    let options = Options::check(args.common.deny_warnings);
    build_all(args.common, options, BatchOptions::default())
}
