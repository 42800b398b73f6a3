//! What an import could not place with certainty: a [`Note`] for each,
//! gathered by the stages as they read ([`Notes`]).

use rust_i18n::t;

use crate::import::text::lines::{Line, quote};

/// Something the importer could not place with certainty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The 1-based source line (of a PDF: of the text read from it); 0
    /// where the note is about the draft's own files (its message says
    /// which file and line).
    pub line: usize,
    /// The page, for a PDF.
    pub page: Option<usize>,
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match (self.page, self.line) {
            (Some(page), _) => f.write_str(&t!("import.note.page", page = page, message = self.message)),
            (None, 0) => write!(f, "{}", self.message),
            (None, line) => f.write_str(&t!("import.note.line", line = line, message = self.message)),
        }
    }
}

/// The notes a stage gathers as it reads.
#[derive(Default)]
pub(in crate::import) struct Notes(pub(in crate::import) Vec<Note>);

impl Notes {
    pub(in crate::import) fn add(&mut self, line: usize, message: impl Into<String>) {
        self.0.push(Note { line, page: None, message: message.into() });
    }

    /// A line left out: `message` is given the line's text, quoted, and
    /// says where it stood.
    pub(in crate::import) fn left_out<M: Into<String>>(&mut self, line: &Line, message: impl FnOnce(String) -> M) {
        let message = message(quote(&line.text));
        self.add(line.no, message);
    }
}
