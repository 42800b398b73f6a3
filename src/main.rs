//! The `booklet` command line: the commands are in `cli/`, one file each.

use std::process::ExitCode;

mod cli;

rust_i18n::i18n!("locales", fallback = "en");

fn main() -> ExitCode {
    cli::run()
}

/// mimalloc: Typst allocates many small objects; this allocator makes a
/// booklet's build measurably faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
