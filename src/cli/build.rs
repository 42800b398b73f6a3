//! `booklet build`: every bundle under the paths, into the output folder
//! (and what `check` shares with it: the search for bundles, the batch,
//! the progress and the summary).

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use indicatif::{ProgressBar, ProgressStyle};
use rust_i18n::t;

use booklet::batch::{self, BatchOptions, BundleResult, Outcome};
use booklet::build::{Options, Standard};
use booklet::load;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    common: Common,
    /// The output directory.
    #[arg(long, default_value = "out")]
    out: PathBuf,
    /// Also write the generated Typst source beside each PDF.
    #[arg(long)]
    keep_typst: bool,
    /// Rebuild bundles even when nothing they depend on has changed.
    #[arg(long)]
    force: bool,
    /// The PDF standard to meet: a-2b (archival, the official build), a-3b, a-2a, ua-1 or none.
    #[arg(long, default_value = "a-2b", value_parser = super::parse_standard)]
    pdf_standard: Standard,
    /// Do not write the web edition (<name>.html).
    #[arg(long)]
    no_html: bool,
    /// Do not write the OpenDocument workbook (<name>.ods).
    #[arg(long)]
    no_ods: bool,
}

/// What `build` and `check` take alike.
#[derive(clap::Args)]
pub struct Common {
    /// Bundles, or directories searched for bundles (directories holding
    /// booklet.toml); by default inputs/ when there is one, else the working folder.
    pub paths: Vec<PathBuf>,
    /// A folder whose templates/ and fonts/ replace the embedded ones
    /// (default: templates/ or fonts/ of the working folder where present).
    #[arg(long)]
    pub root: Option<PathBuf>,
    /// Fail on warnings too.
    #[arg(long)]
    pub deny_warnings: bool,
}

pub fn run(args: Args) -> ExitCode {
    let options = Options {
        keep_typst: args.keep_typst,
        deny_warnings: args.common.deny_warnings,
        html: !args.no_html,
        ods: !args.no_ods,
        ..Options::new(args.out, args.pdf_standard)
    };
    build_all(args.common, options, BatchOptions { force: args.force })
}

/// `booklet build` and `booklet check`: every bundle under the paths.
pub fn build_all(common: Common, options: Options, batch_options: BatchOptions) -> ExitCode {
    let terminal = super::terminal();
    let searched = if common.paths.is_empty() {
        vec![if Path::new("inputs").is_dir() { PathBuf::from("inputs") } else { PathBuf::from(".") }]
    } else {
        common.paths.clone()
    };
    let bundles = match load::discover(&searched) {
        Ok(bundles) => bundles,
        Err(d) => {
            eprint!("{}", d.render(terminal));
            return ExitCode::from(2);
        }
    };
    if bundles.len() > 1 && !options.check_only {
        batch_allocator();
    }
    let (engine, paths) = match super::engine(common.root.as_deref()) {
        Ok(found) => found,
        Err(code) => return code,
    };

    let bar = terminal.then(|| {
        let bar = ProgressBar::new(bundles.len() as u64);
        bar.set_style(
            ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {msg} ({elapsed})")
                .unwrap_or_else(|_| ProgressStyle::default_bar())
                .progress_chars("=> "),
        );
        bar
    });
    let print = Mutex::new(());
    let progress = |result: &BundleResult| {
        let text = describe(result, terminal);
        let _guard = print.lock();
        match &bar {
            Some(bar) => {
                bar.suspend(|| eprint!("{text}"));
                bar.set_message(result.bundle.name.display().to_string());
                bar.inc(1);
            }
            None => eprint!("{text}"),
        }
    };
    let summary = match batch::run(&engine, &paths, &bundles, &options, &batch_options, &progress) {
        Ok(summary) => summary,
        Err(d) => {
            eprint!("{}", d.render(terminal));
            return ExitCode::from(1);
        }
    };
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    let (built, skipped, failed) = summary.counts();
    let secs = format!("{:.2}", summary.time.as_secs_f64());
    let line = if options.check_only {
        t!("cli.build.summary_valid", valid = built, skipped = skipped, failed = failed, secs = secs)
    } else {
        t!("cli.build.summary_built", built = built, skipped = skipped, failed = failed, secs = secs)
    };
    eprintln!("{line}");
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// The report of one bundle: its problems, then one line.
pub fn describe(result: &BundleResult, color: bool) -> String {
    let dir = result.bundle.dir.display();
    let ms = format!("{:.0}", result.time.as_secs_f64() * 1000.0);
    let mut text = String::new();
    match &result.outcome {
        Outcome::Built(built) => {
            for w in &built.warnings {
                text.push_str(&w.render(color));
            }
            match (&built.pdf, &built.xlsx) {
                (Some(pdf), Some(xlsx)) => {
                    let files: Vec<String> = [Some(pdf), Some(xlsx), built.ods.as_ref(), built.html.as_ref()]
                        .into_iter()
                        .flatten()
                        .map(|p| p.display().to_string())
                        .collect();
                    let files = super::join_list(&files);
                    text.push_str(&t!("cli.build.built", dir = dir, files = files, pages = built.pages, ms = ms));
                    text.push('\n');
                }
                _ => {
                    text.push_str(&t!("cli.build.valid", dir = dir, ms = ms));
                    text.push('\n');
                }
            }
        }
        Outcome::Skipped => {
            text.push_str(&t!("cli.build.skipped", dir = dir));
            text.push('\n');
        }
        Outcome::Failed(diagnostics) => {
            for d in diagnostics {
                text.push_str(&d.render(color));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            let line = match (errors, warnings) {
                (0, 1) => t!("cli.build.failed_warning", dir = dir, count = 1),
                (0, w) => t!("cli.build.failed_warnings", dir = dir, count = w),
                (1, _) => t!("cli.build.failed_error", dir = dir, count = 1),
                (e, _) => t!("cli.build.failed_errors", dir = dir, count = e),
            };
            text.push_str(&line);
            text.push('\n');
        }
    }
    text
}

/// A batch runs in a process whose allocator commits its arenas as they
/// are used rather than whole: a batch of 20 stays near 210 MB instead of
/// 300 and more, at no cost in time (one booklet keeps eager commit, which
/// is faster for it; see docs/performance.md). mimalloc reads the setting
/// from the environment when it starts, before `main`, so the process
/// starts itself again with it set (a few milliseconds), once.
fn batch_allocator() {
    const SETTING: &str = "MIMALLOC_ARENA_EAGER_COMMIT";
    #[cfg(unix)]
    if std::env::var_os(SETTING).is_none()
        && let Ok(exe) = std::env::current_exe()
    {
        use std::os::unix::process::CommandExt;
        // `exec` returns only when it fails; the batch then runs here.
        let _ = std::process::Command::new(exe).args(std::env::args_os().skip(1)).env(SETTING, "0").exec();
    }
}
