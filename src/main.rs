//! The `booklet` command line: build and check bundles.

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use clap::{Args, Parser, Subcommand};
use rayon::prelude::*;

use booklet::build::{Built, Engine, Options, Paths};
use booklet::diagnostic::Diagnostics;
use booklet::load::{self, BundleRef};

/// Typesets official budget booklets (預算總說明) from input bundles.
#[derive(Parser)]
#[command(name = "booklet", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDF of every bundle found under the paths.
    Build {
        #[command(flatten)]
        common: Common,
        /// The output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// Also write the generated Typst source beside each PDF.
        #[arg(long)]
        keep_typst: bool,
    },
    /// Validate every bundle found under the paths, writing nothing.
    Check {
        #[command(flatten)]
        common: Common,
    },
}

#[derive(Args)]
struct Common {
    /// Bundles, or directories searched for bundles (directories holding booklet.toml).
    #[arg(default_value = "inputs")]
    paths: Vec<PathBuf>,
    /// The project root holding templates/ and fonts/.
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let (common, options) = match cli.command {
        Command::Build { common, out, keep_typst } => {
            let options = Options { out_dir: out, keep_typst, deny_warnings: common.deny_warnings, check_only: false };
            (common, options)
        }
        Command::Check { common } => {
            let options =
                Options { out_dir: PathBuf::from("out"), keep_typst: false, deny_warnings: common.deny_warnings, check_only: true };
            (common, options)
        }
    };
    let color = std::io::stderr().is_terminal();
    let bundles = match load::discover(&common.paths) {
        Ok(bundles) => bundles,
        Err(d) => {
            eprint!("{}", d.render(color));
            return ExitCode::from(2);
        }
    };
    let engine = match Engine::new(&Paths::under(&common.root)) {
        Ok(engine) => engine,
        Err(d) => {
            eprint!("{}", d.render(color));
            return ExitCode::from(2);
        }
    };
    let start = Instant::now();
    let results: Vec<(BundleRef, Result<Built, Diagnostics>)> = bundles
        .par_iter()
        .map(|bundle| {
            let result = engine.build(bundle, &options);
            report(bundle, &result, &options, color);
            (bundle.clone(), result)
        })
        .collect();
    let failed = results.iter().filter(|(_, r)| r.is_err()).count();
    let verb = if options.check_only { "checked" } else { "built" };
    eprintln!(
        "{} {verb}, {failed} failed, in {:.2} s",
        results.len() - failed,
        start.elapsed().as_secs_f64()
    );
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

fn report(bundle: &BundleRef, result: &Result<Built, Diagnostics>, options: &Options, color: bool) {
    let mut text = String::new();
    match result {
        Ok(built) => {
            for w in &built.warnings {
                text.push_str(&w.render(color));
            }
            match &built.pdf {
                Some(pdf) => text.push_str(&format!(
                    "built {} -> {}, {} ({} pages, {:.0} ms)\n",
                    bundle.dir.display(),
                    pdf.display(),
                    built.xlsx.as_ref().map(|x| x.display().to_string()).unwrap_or_default(),
                    built.pages,
                    built.timings.total()
                        .as_secs_f64()
                        * 1000.0
                )),
                None => text.push_str(&format!("checked {}: ok\n", bundle.dir.display())),
            }
        }
        Err(diagnostics) => {
            for d in diagnostics {
                text.push_str(&d.render(color));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count().max(1);
            let what = if options.check_only { "invalid" } else { "failed" };
            text.push_str(&format!("{what}: {} ({errors} problem{})\n", bundle.dir.display(), if errors == 1 { "" } else { "s" }));
        }
    }
    eprint!("{text}");
}
