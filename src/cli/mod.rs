//! The `booklet` command line: one file per command, each with its
//! arguments and what it does with them; here the commands' list and what
//! they share (the bundle named on the command line, the engine, how a
//! problem is printed).

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};
use rust_i18n::t;

use booklet::build::{Engine, Paths, Standard};
use booklet::diagnostic::Diagnostic;
use booklet::lang::Lang;
use booklet::load::{self, BundleRef};

mod build;
mod check;
mod compare;
mod help;
mod import;
mod new;
mod schema;
mod watch;

// The help texts clap shows are the catalogues' (`cli.help.*` of
// `locales/cli.toml`, in the language of the run, see `help.rs`); the doc
// comments here say the same for readers of the code.

/// Typesets official budget booklets (預算總說明) from input bundles.
#[derive(Parser)]
#[command(name = "booklet", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The language of messages: zh-TW or en.
    #[arg(long, global = true, value_parser = parse_lang)]
    lang: Option<Lang>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the PDF and workbook of every bundle found under the paths.
    Build(build::Args),
    /// Validate every bundle found under the paths, writing nothing.
    Check(check::Args),
    /// Write a new bundle, with every section present and commented, that builds at once.
    New(new::Args),
    /// Turn last year's booklet (a Word or OpenDocument file, a PDF or its text) into a draft bundle, and
    /// say what could not be placed with certainty.
    Import(import::Args),
    /// Compare two years' bundles into <out>/<NEW>-vs-<OLD>.pdf and .xlsx.
    ///
    /// Every printed difference: entries added, removed, changed and moved,
    /// amounts, counts and cells with the totals they move, the chart, the
    /// numbering, the parts' order and the cover.
    Compare(compare::Args),
    /// Print the JSON Schema of the input format (or write it to a file).
    Schema(schema::Args),
    /// Build one bundle, then rebuild it on every change of its files or the templates.
    Watch(watch::Args),
}

/// Parses the command line and runs the command.
///
/// The language is chosen first (`--lang`, else the locale), so that
/// clap's help and errors are in it too.
pub fn run() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let lang = help::lang_argument(&args).and_then(|v| Lang::parse(&v).ok()).unwrap_or_else(Lang::from_env);
    booklet::lang::set(lang);
    let matches = match help::localize(Cli::command()).try_get_matches_from(&args) {
        Ok(matches) => matches,
        Err(e) => e.apply::<help::Formatter>().exit(),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => e.apply::<help::Formatter>().exit(),
    };
    match cli.command {
        Command::Build(args) => build::run(args),
        Command::Check(args) => check::run(args),
        Command::New(args) => new::run(args),
        Command::Import(args) => import::run(args),
        Command::Compare(args) => compare::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Watch(args) => watch::run(args),
    }
}

/// Whether standard error is a terminal (messages in colour).
fn terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// Prints every problem, then a summary line; exit status 1.
fn failed(diagnostics: &[Diagnostic], summary: &str) -> ExitCode {
    for d in diagnostics {
        eprint!("{}", d.render(terminal()));
    }
    eprintln!("{summary}");
    ExitCode::from(1)
}

/// Prints a problem and gives the exit status.
fn fail(d: &Diagnostic, code: u8) -> ExitCode {
    eprint!("{}", d.render(terminal()));
    ExitCode::from(code)
}

/// The engine, with the templates and fonts of `root` (or the working
/// folder's, or the embedded ones).
fn engine(root: Option<&Path>) -> Result<(Engine, Paths), ExitCode> {
    let paths = Paths::find(root, Path::new("."));
    match Engine::new(&paths) {
        Ok(engine) => Ok((engine, paths)),
        Err(d) => Err(fail(&d, 2)),
    }
}

/// One bundle named on the command line (not a folder of bundles).
fn one_bundle(path: &Path) -> Result<BundleRef, ExitCode> {
    match load::discover(&[path.to_path_buf()]) {
        Ok(found) if found.len() == 1 && found[0].dir == path => Ok(found.into_iter().next().expect("one bundle")),
        Ok(_) => {
            eprintln!("{}", t!("cli.not_a_bundle", path = path.display()));
            Err(ExitCode::from(2))
        }
        Err(d) => Err(fail(&d, 2)),
    }
}

fn parse_lang(s: &str) -> Result<Lang, String> {
    Lang::parse(s)
}

fn parse_standard(s: &str) -> Result<Standard, String> {
    s.parse()
}

/// A list as the current language writes it: joined with ", " in English,
/// with "、" in Chinese.
fn join_list(items: &[String]) -> String {
    items.join(booklet::lang::list_separator())
}
