//! The third stage of an import: the laid-out lines read part by part
//! into the model. `cell_lines` reads a table's cells from its lines;
//! `duties` (with `chart`, the chart's names as a tree), `policy` and
//! `outcomes` read their parts, `assemble` walks the lines and hands each
//! to the part that reads it, and `draft` holds what the readers keep
//! track of on the way and what they hand `emit` to write ([`draft::Read`],
//! the model's own parts).

pub(in crate::import) mod assemble;
pub(in crate::import) mod cell_lines;
pub(in crate::import) mod chart;
pub(in crate::import) mod draft;
pub(in crate::import) mod duties;
pub(in crate::import) mod outcomes;
pub(in crate::import) mod policy;
