//! The `booklet` command line: build and check bundles.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Mutex;

use clap::{Args, Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};

use booklet::batch::{self, BatchOptions, BundleResult, Outcome};
use booklet::build::{Engine, Options, Paths, Standard};
use booklet::load;

/// Typesets official budget booklets (預算總說明) from input bundles.
#[derive(Parser)]
#[command(name = "booklet", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDF and workbook of every bundle found under the paths.
    Build {
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
        #[arg(long, default_value = "a-2b", value_parser = parse_standard)]
        pdf_standard: Standard,
        /// Do not write the web edition (<name>.html).
        #[arg(long)]
        no_html: bool,
        /// Do not write the OpenDocument workbook (<name>.ods).
        #[arg(long)]
        no_ods: bool,
    },
    /// Validate every bundle found under the paths, writing nothing.
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Write a new bundle, with every section present and commented, that builds at once.
    New {
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
    },
    /// Turn a booklet's plain-text extraction into a draft bundle, and say
    /// what could not be placed with certainty.
    Import {
        /// Last year's booklet: a PDF (read in-process, its tags where it
        /// has them) or its text extraction (UTF-8; tabs mark table cells).
        text: PathBuf,
        /// The bundle directory to write.
        #[arg(long)]
        out: PathBuf,
    },
    /// Compare two years' bundles: write <out>/<NEW>-vs-<OLD>.pdf and .xlsx,
    /// every printed difference: entries added, removed, changed and moved,
    /// amounts, counts and cells with the totals they move, the chart, the
    /// numbering, the parts' order and the cover.
    Compare {
        /// The older year's bundle.
        old: PathBuf,
        /// The newer year's bundle.
        new: PathBuf,
        /// The output directory.
        #[arg(long, default_value = "out")]
        out: PathBuf,
        /// How the PDF shows a change: inline (struck through, underlined)
        /// or table (對照表: 本年度 | 上年度 | 說明).
        #[arg(long, value_enum, default_value_t)]
        style: booklet::compare::Style,
        /// A folder whose templates/ and fonts/ replace the embedded ones.
        #[arg(long)]
        root: Option<PathBuf>,
    },
    /// Print the JSON Schema of the input format (or write it to a file).
    Schema {
        /// Write the schema here instead of printing it.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Build one bundle, then rebuild it on every change of its files or the templates.
    Watch {
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
        #[arg(long, default_value = "a-2b", value_parser = parse_standard)]
        pdf_standard: Standard,
    },
}

#[derive(Args)]
struct Common {
    /// Bundles, or directories searched for bundles (directories holding
    /// booklet.toml); by default inputs/ when there is one, else the working folder.
    paths: Vec<PathBuf>,
    /// A folder whose templates/ and fonts/ replace the embedded ones
    /// (default: templates/ or fonts/ of the working folder where present).
    #[arg(long)]
    root: Option<PathBuf>,
    /// Fail on warnings too.
    #[arg(long)]
    deny_warnings: bool,
}

fn main() -> ExitCode {
    match Cli::parse().command {
        Command::Build { common, out, keep_typst, force, pdf_standard, no_html, no_ods } => {
            let options = Options {
                out_dir: out,
                keep_typst,
                deny_warnings: common.deny_warnings,
                check_only: false,
                standard: pdf_standard,
                html: !no_html,
                ods: !no_ods,
            };
            build_all(common, options, BatchOptions { force })
        }
        Command::Check { common } => {
            let options = Options {
                out_dir: PathBuf::from("out"),
                keep_typst: false,
                deny_warnings: common.deny_warnings,
                check_only: true,
                standard: Standard::default(),
                html: false,
                ods: false,
            };
            build_all(common, options, BatchOptions::default())
        }
        Command::Watch { bundle, out, root, pdf_standard } => watch(bundle, out, root, pdf_standard),
        Command::Compare { old, new, out, style, root } => compare(old, new, out, style, root),
        Command::New { dir, agency, year, root } => match booklet::scaffold::new_bundle(&dir, &agency, year, &root) {
            Ok(manifest) => {
                eprintln!("wrote {}; build it with: booklet build {}", manifest.display(), dir.display());
                ExitCode::SUCCESS
            }
            Err(d) => {
                eprint!("{}", d.render(std::io::stderr().is_terminal()));
                ExitCode::from(1)
            }
        },
        Command::Import { text, out } => import(&text, &out),
        Command::Schema { out } => {
            let json = booklet::scaffold::schema_json();
            match out {
                None => {
                    print!("{json}");
                    ExitCode::SUCCESS
                }
                Some(path) => match booklet::output::write_atomic(&path, json.as_bytes()) {
                    Ok(()) => ExitCode::SUCCESS,
                    Err(d) => {
                        eprint!("{}", d.render(false));
                        ExitCode::from(1)
                    }
                },
            }
        }
    }
}

/// `booklet build` and `booklet check`: every bundle under the paths.
fn build_all(common: Common, options: Options, batch_options: BatchOptions) -> ExitCode {
    let terminal = std::io::stderr().is_terminal();
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
    let paths = Paths::find(common.root.as_deref(), Path::new("."));
    let engine = match Engine::new(&paths) {
        Ok(engine) => engine,
        Err(d) => {
            eprint!("{}", d.render(terminal));
            return ExitCode::from(2);
        }
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
    let verb = if options.check_only { "valid" } else { "built" };
    eprintln!("{built} {verb}, {skipped} skipped (unchanged), {failed} failed, in {:.2} s", summary.time.as_secs_f64());
    if failed > 0 { ExitCode::from(1) } else { ExitCode::SUCCESS }
}

/// `booklet import`: a draft bundle from a plain-text extraction.
fn import(file: &std::path::Path, out: &std::path::Path) -> ExitCode {
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("error: {}: cannot read the file: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    if out.join(load::MANIFEST).exists() {
        eprintln!("error: {} already holds a bundle; expected a new directory", out.display());
        return ExitCode::from(1);
    }
    let draft = match booklet::import::import_file(&bytes) {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("error: {}: {e}; nothing written", file.display());
            return ExitCode::from(1);
        }
    };
    for (name, content) in &draft.files {
        if let Err(d) = booklet::output::write_atomic(&out.join(name), content.as_bytes()) {
            eprint!("{}", d.render(false));
            return ExitCode::from(1);
        }
    }
    for note in &draft.notes {
        match (note.page, note.line) {
            (Some(page), _) => eprintln!("{}: page {page}: {}", file.display(), note.message),
            (None, 0) => eprintln!("{}: {}", out.display(), note.message),
            (None, line) => eprintln!("{}:{line}: {}", file.display(), note.message),
        }
    }
    eprintln!(
        "wrote a draft bundle of {} files to {}; {} place{} to check by hand{}",
        draft.files.len(),
        out.display(),
        draft.notes.len(),
        if draft.notes.len() == 1 { "" } else { "s" },
        if draft.notes.is_empty() { "" } else { " (above)" }
    );
    ExitCode::SUCCESS
}

/// One bundle named on the command line (not a folder of bundles).
fn one_bundle(path: &Path, terminal: bool) -> Result<load::BundleRef, ExitCode> {
    match load::discover(&[path.to_path_buf()]) {
        Ok(found) if found.len() == 1 && found[0].dir == path => Ok(found.into_iter().next().expect("one bundle")),
        Ok(_) => {
            eprintln!("error: {} is not a bundle; expected a directory holding booklet.toml", path.display());
            Err(ExitCode::from(2))
        }
        Err(d) => {
            eprint!("{}", d.render(terminal));
            Err(ExitCode::from(2))
        }
    }
}

/// `booklet compare`: what changed between two years' bundles.
fn compare(old: PathBuf, new: PathBuf, out: PathBuf, style: booklet::compare::Style, root: Option<PathBuf>) -> ExitCode {
    let terminal = std::io::stderr().is_terminal();
    let (old, new) = match (one_bundle(&old, terminal), one_bundle(&new, terminal)) {
        (Ok(o), Ok(n)) => (o, n),
        (Err(code), _) | (_, Err(code)) => return code,
    };
    let paths = Paths::find(root.as_deref(), Path::new("."));
    let engine = match Engine::new(&paths) {
        Ok(engine) => engine,
        Err(d) => {
            eprint!("{}", d.render(terminal));
            return ExitCode::from(2);
        }
    };
    match booklet::compare::output::run(&engine, &old, &new, &out, Standard::default(), style) {
        Ok(done) => {
            for w in &done.warnings {
                eprint!("{}", w.render(terminal));
            }
            let r = &done.report;
            eprintln!("compared {} with {}: {} changes -> {}, {}", new.dir.display(), old.dir.display(), r.total, done.pdf.display(), done.xlsx.display());
            for c in r.counts.iter().filter(|c| c.added + c.removed + c.changed + c.moved > 0) {
                eprintln!("  {}: {} added, {} removed, {} changed, {} moved", c.section, c.added, c.removed, c.changed, c.moved);
            }
            ExitCode::SUCCESS
        }
        Err(diagnostics) => {
            for d in &diagnostics {
                eprint!("{}", d.render(terminal));
            }
            eprintln!("compare failed: nothing written");
            ExitCode::from(1)
        }
    }
}

/// `booklet watch`: build, then rebuild on every change.
fn watch(bundle: PathBuf, out: PathBuf, root: Option<PathBuf>, standard: Standard) -> ExitCode {
    let terminal = std::io::stderr().is_terminal();
    let reference = match load::discover(std::slice::from_ref(&bundle)) {
        Ok(found) if found.len() == 1 && found[0].dir == bundle => found.into_iter().next().expect("one bundle"),
        Ok(_) => {
            eprintln!("error: {} is not a bundle; expected a directory holding booklet.toml", bundle.display());
            return ExitCode::from(2);
        }
        Err(d) => {
            eprint!("{}", d.render(terminal));
            return ExitCode::from(2);
        }
    };
    let paths = Paths::find(root.as_deref(), Path::new("."));
    let mut engine = match Engine::new(&paths) {
        Ok(engine) => engine,
        Err(d) => {
            eprint!("{}", d.render(terminal));
            return ExitCode::from(2);
        }
    };
    let options = Options { out_dir: out, keep_typst: false, deny_warnings: false, check_only: false, standard, html: true, ods: true };
    eprintln!("watching {} and {} (Ctrl-C to stop)", reference.dir.display(), paths.templates_name());
    let report = |result: &Result<booklet::build::Built, booklet::diagnostic::Diagnostics>, time: std::time::Duration| {
        let outcome = match result {
            Ok(built) => Outcome::Built(built.clone()),
            Err(d) => Outcome::Failed(d.clone()),
        };
        eprint!("{}", describe(&BundleResult { bundle: reference.clone(), outcome, time }, terminal));
    };
    match booklet::watch::watch(&mut engine, &paths, &reference, &options, &report) {
        Ok(()) => ExitCode::SUCCESS,
        Err(d) => {
            eprint!("{}", d.render(terminal));
            ExitCode::from(1)
        }
    }
}

fn parse_standard(s: &str) -> Result<Standard, String> {
    s.parse()
}

/// The report of one bundle: its problems, then one line.
fn describe(result: &BundleResult, color: bool) -> String {
    let dir = result.bundle.dir.display();
    let ms = result.time.as_secs_f64() * 1000.0;
    let mut text = String::new();
    match &result.outcome {
        Outcome::Built(built) => {
            for w in &built.warnings {
                text.push_str(&w.render(color));
            }
            match (&built.pdf, &built.xlsx) {
                (Some(pdf), Some(xlsx)) => text.push_str(&format!(
                    "built {dir} -> {}, {}{}{} ({} pages, {ms:.0} ms)\n",
                    pdf.display(),
                    xlsx.display(),
                    built.ods.as_ref().map(|h| format!(", {}", h.display())).unwrap_or_default(),
                    built.html.as_ref().map(|h| format!(", {}", h.display())).unwrap_or_default(),
                    built.pages
                )),
                _ => text.push_str(&format!("valid {dir} ({ms:.0} ms)\n")),
            }
        }
        Outcome::Skipped => text.push_str(&format!("skipped {dir}: unchanged since the last build\n")),
        Outcome::Failed(diagnostics) => {
            for d in diagnostics {
                text.push_str(&d.render(color));
            }
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            let warnings = diagnostics.len() - errors;
            let count = match (errors, warnings) {
                (0, w) => format!("{w} warning{} denied", if w == 1 { "" } else { "s" }),
                (e, _) => format!("{e} error{}", if e == 1 { "" } else { "s" }),
            };
            text.push_str(&format!("failed {dir}: {count}\n"));
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

/// mimalloc: Typst allocates many small objects; this allocator makes a
/// booklet's build measurably faster than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
