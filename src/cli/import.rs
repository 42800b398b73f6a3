//! `booklet import`: a draft bundle from last year's booklet.

use std::path::PathBuf;
use std::process::ExitCode;

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
            eprintln!("error: {}: cannot read the file: {e}", file.display());
            return ExitCode::from(2);
        }
    };
    let draft = match booklet::import::import_file(&bytes) {
        Ok(draft) => draft,
        Err(e) => {
            eprintln!("error: {}: {e}; nothing written", file.display());
            return ExitCode::from(1);
        }
    };
    // Never a file it did not write: every file of the draft must be new,
    // unless --force.
    let existing: Vec<String> = draft.files.iter().map(|(name, _)| out.join(name)).filter(|p| p.exists()).map(|p| p.display().to_string()).collect();
    if !existing.is_empty() && !args.force {
        eprintln!("error: {} already holds {}; expected a new directory (or --force to replace them); nothing written", out.display(), existing.join(", "));
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
