//! `booklet import`: a draft bundle from last year's booklet.

use std::path::PathBuf;
use std::process::ExitCode;

use rust_i18n::t;

#[derive(clap::Args)]
pub struct Args {
    /// Last year's booklet: a PDF (read in-process, its tags where it
    /// has them) or its text extraction (UTF-8; tabs mark table cells).
    text: PathBuf,
    /// The bundle directory to write.
    #[arg(long)]
    out: PathBuf,
    /// Replace files of the draft that the directory already holds.
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> ExitCode {
    let (file, out) = (args.text.as_path(), args.out.as_path());
    let bytes = match std::fs::read(file) {
        Ok(bytes) => bytes,
        Err(e) => {
            eprintln!("{}", t!("cli.import.unreadable", file = file.display(), error = e));
            return ExitCode::from(2);
        }
    };
    let draft = match booklet::import::import_file(&bytes) {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("{}", t!("cli.import.failed", file = file.display(), error = e));
            return ExitCode::from(1);
        }
    };
    // Never a file it did not write: every file of the draft must be new,
    // unless --force.
    let existing: Vec<String> =
        draft.files.iter().map(|(name, _)| out.join(name)).filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    if !existing.is_empty() && !args.force {
        eprintln!("{}", t!("cli.import.exists", dir = out.display(), files = super::join_list(&existing)));
        return ExitCode::from(1);
    }
    for (name, content) in &draft.files {
        if let Err(d) = booklet::output::write_atomic(&out.join(name), content.as_bytes()) {
            eprint!("{}", d.render(false));
            return ExitCode::from(1);
        }
    }
    for note in &draft.notes {
        match (note.page, note.line) {
            (Some(page), _) => eprintln!("{}", t!("cli.import.note_page", file = file.display(), page = page, message = note.message)),
            (None, 0) => eprintln!("{}: {}", out.display(), note.message),
            (None, line) => eprintln!("{}:{line}: {}", file.display(), note.message),
        }
    }
    let (files, places) = (draft.files.len(), draft.notes.len());
    let summary = match places {
        0 => t!("cli.import.wrote_none", files = files, dir = out.display()),
        1 => t!("cli.import.wrote_one", files = files, dir = out.display()),
        _ => t!("cli.import.wrote_many", files = files, dir = out.display(), places = places),
    };
    eprintln!("{summary}");
    ExitCode::SUCCESS
}
