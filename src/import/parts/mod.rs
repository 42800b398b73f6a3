//! The third stage of an import: the laid-out lines read part by part
//! into the draft. `markers` reads headings and labels, `cell_lines` a
//! table's cells from its lines; `duties`, `policy` and `outcomes` read
//! their parts, `assemble` walks the lines and hands each to the part
//! that reads it, and `draft` holds what they read, for `emit` to write.

pub(in crate::import) mod assemble;
pub(in crate::import) mod cell_lines;
pub(in crate::import) mod draft;
pub(in crate::import) mod duties;
pub(in crate::import) mod outcomes;
pub(in crate::import) mod policy;
