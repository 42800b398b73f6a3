//! The text helpers every stage of an import shares, below them all:
//! lines cleaned and joined (`lines`), labels and the customary headings
//! (`markers`), the numbering styles (`styles`), the names of a chart
//! (`names`), and the notes of what could not be placed (`notes`).

pub(in crate::import) mod lines;
pub(in crate::import) mod markers;
pub(in crate::import) mod names;
pub(in crate::import) mod notes;
pub(in crate::import) mod styles;
