//! The first stage of an import: a file read into what the layout stage
//! takes. A tagged PDF ([`pdf`]) and a word processor's file ([`word`])
//! give blocks (headings, paragraphs, tables with spans); an untagged
//! PDF's text by position, or a text without tab-led cells, is rebuilt
//! into a layout by `untabbed`; the budget part that closes a booklet
//! (歲出機關別預算表) is read apart from the rest by `budget_part`.

pub(in crate::import) mod budget_part;
pub mod pdf;
pub(in crate::import) mod untabbed;
pub mod word;
