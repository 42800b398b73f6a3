//! booklet typesets official government budget booklets (預算總說明).
//!
//! From an input bundle (a directory of TOML files) it makes a print-ready
//! PDF through MiniJinja-generated Typst source, compiled in-process, and an
//! XLSX workbook of its tables for auditors.
//! Data flows one way, one module per stage:
//!
//! - [`source`]: an input file read as text, bounded and inside its bundle;
//! - [`load`]: find bundles, read and parse their TOML, merge includes;
//! - [`budget`]: the government's budget data, read, checked and matched across years;
//! - [`validate`]: check what the types cannot (totals, numbering, text);
//! - [`view`]: number, format and arrange what the templates print;
//! - [`render`]: the templates, with the one escaping path into Typst;
//! - [`resources`]: the templates and fonts, embedded or overridden by directories;
//! - [`world`] and [`typeset`]: the sandboxed Typst world, layout and PDF;
//! - [`proof`]: the check that every entry stands on a page, inside its text area;
//! - [`workbook`]: the XLSX workbook of the booklet's tables;
//! - [`options`]: build options, PDF standards and the stamp date;
//! - [`build`]: the pipeline of a bundle;
//! - [`output`]: output paths and atomic writes;
//! - [`batch`]: many bundles in parallel, incremental, with checksums;
//! - [`watch`]: one bundle rebuilt on every change, incrementally;
//! - [`scaffold`]: new bundles and the JSON Schema of the input format;
//! - [`import`]: a draft bundle from last year's booklet (a Word or OpenDocument file, a PDF, or its text);
//! - [`compare`]: what changed between two years' booklets;
//! - [`lang`]: the language of the interface (zh-TW or English) and its catalogues in `locales/`.
//!
//! [`model`] holds the input schema, [`chart`] the organization chart as a tree, [`numbering`] the official numbering
//! styles and [`diagnostic`] the errors that point at file, line and column.

pub mod batch;
pub mod budget;
pub mod build;
pub mod chart;
pub mod compare;
pub mod diagnostic;
pub mod import;
pub mod lang;
pub mod load;
pub mod model;
pub mod numbering;
pub mod options;
pub mod output;
pub mod proof;
pub mod render;
pub mod resources;
pub mod scaffold;
pub mod source;
pub mod typeset;
pub mod validate;
pub mod view;
pub mod watch;
pub mod workbook;
pub mod world;

rust_i18n::i18n!("locales", fallback = "en");

pub use build::{Engine, Options, Paths};
pub use diagnostic::Diagnostic;
