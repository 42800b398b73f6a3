//! The government's budget data: the rows of the 歲出機關別預算表 as the
//! Directorate-General of Budget publishes them (one CSV per year), read,
//! checked and arranged into the table a booklet prints.
//!
//! One file a step:
//! - `read`: the CSV text into typed [`Row`]s, each bad field located by
//!   file, line and column;
//! - `check`: what a set of rows must satisfy (one year, no row twice, no
//!   節 beside its whole 目, the agency or 主管 present);
//! - `note`: the 說明 column's hard wraps undone;
//! - `table`: an agency's (or a 主管's) rows of two years matched into the
//!   table of 款, 項, 目 and 節 with both years' amounts.
//!
//! The data's shape and its gaps are described in the data's README: a row
//! is a 目, or the first 節 of a 目; an agency is known by digits 3–6 of its
//! codes ([`agency_key`]), which stay when it is renamed; a row is matched
//! across years by its code (and 節 number), never by its `ref`, whose
//! numbers shift between years.

mod check;
mod note;
mod read;
mod table;

pub use check::{check_rows, check_scope, check_year};
pub use note::{split_marker, unwrap_note};
pub use read::{COLUMNS, read, read_file, write_csv};
pub use table::{AgencyTable, BudgetTable, Item, Scope, Section, rows_of, table};

/// The unit the booklet prints amounts in: 千元 (the data is in 元).
pub const THOUSAND: i64 = 1000;

/// The 節 name the data gives a 目 that has no 節.
pub const NO_SECTION: &str = "無細項";

/// The number of years between the ROC calendar (民國) the booklets are
/// dated in and the Gregorian year of the data's `year` column.
pub const ROC_OFFSET: i32 = 1911;

/// One row of a budget data file: a 目, or one 節 of a 目.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// The Gregorian year of the budget (民國 year + 1911).
    pub year: i32,
    /// The 10-digit 科目編號 of the 目.
    pub code: String,
    /// The amount in 元 (whole thousands).
    pub amount: i64,
    /// The 節's name, or `無細項` for a 目 without 節.
    pub name: String,
    /// 款: the 主管.
    pub topname: String,
    /// 項: the agency.
    pub depname: String,
    /// 目: the work plan.
    pub depcat: String,
    /// 政事別: the functional classification.
    pub cat: String,
    /// The printed numbers 款.項.目[.節].
    pub reference: Reference,
    /// The 說明 column as published (hard-wrapped).
    pub note: String,
    /// Where the row starts in its file (a byte offset), for messages.
    pub at: usize,
}

impl Row {
    /// The agency's key: digits 3–6 of the code (see [`agency_key`]).
    pub fn agency_key(&self) -> &str {
        agency_key(&self.code)
    }

    /// The 節 number, when the row is a 節.
    pub fn section(&self) -> Option<u32> {
        self.reference.section
    }

    /// The amount in 千元.
    pub fn thousands(&self) -> i64 {
        self.amount / THOUSAND
    }
}

/// The printed numbers of a row: 款, 項, 目 and, for a 節 row, 節.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Reference {
    pub kuan: u32,
    pub xiang: u32,
    pub mu: u32,
    pub section: Option<u32>,
}

impl std::fmt::Display for Reference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.kuan, self.xiang, self.mu)?;
        if let Some(s) = self.section {
            write!(f, ".{s}")?;
        }
        Ok(())
    }
}

/// The names of a bundle's data files for a fiscal year (ROC): this
/// year's and last year's, `fy109.csv` and `fy108.csv`.
pub fn file_names(fiscal_year: i64) -> (String, String) {
    (format!("fy{fiscal_year}.csv"), format!("fy{}.csv", fiscal_year - 1))
}

/// The key that identifies an agency across years: digits 3–6 of a code
/// (digits 1–2 are the function, 7–10 the 目). A code too short to have
/// them (validation refuses it) is its own key.
pub fn agency_key(code: &str) -> &str {
    code.get(2..6).unwrap_or(code)
}
