//! Options: what a build writes and how strictly, the PDF standards, and the
//! date a booklet is stamped with. Shared by every stage that builds
//! (build, batch, typeset, watch), so that none of them reaches into
//! another for them.

use std::path::PathBuf;

use rust_i18n::t;

/// What a build writes, and how strictly.
#[derive(Debug, Clone)]
pub struct Options {
    /// The output directory.
    pub out_dir: PathBuf,
    /// Also write the generated Typst source beside the PDF.
    pub keep_typst: bool,
    /// Treat warnings as errors.
    pub deny_warnings: bool,
    /// Only check; write nothing.
    pub check_only: bool,
    /// The PDF standard the booklet is made to meet.
    pub standard: Standard,
    /// Also write the web edition (`<name>.html`).
    pub html: bool,
    /// Also write the OpenDocument workbook (`<name>.ods`).
    pub ods: bool,
}

/// The extensions of every output a build can write for a bundle (besides
/// the optional `.typ`): what `SHA256SUMS` lists.
pub const OUTPUTS: [&str; 4] = ["pdf", "xlsx", "ods", "html"];

impl Options {
    /// A build into `out_dir` meeting `standard`, writing every output (the
    /// PDF, both workbooks and the web edition) and no Typst source,
    /// warnings allowed.
    pub fn new(out_dir: PathBuf, standard: Standard) -> Self {
        Self { out_dir, keep_typst: false, deny_warnings: false, check_only: false, standard, html: true, ods: true }
    }

    /// A check: validate and lay out, writing nothing.
    pub fn check(deny_warnings: bool) -> Self {
        Self { deny_warnings, check_only: true, html: false, ods: false, ..Self::new(PathBuf::from("out"), Standard::default()) }
    }

    /// The extensions of the outputs these options write for each bundle
    /// (besides the optional `.typ`).
    pub fn outputs(&self) -> impl Iterator<Item = &'static str> + '_ {
        OUTPUTS.into_iter().filter(|ext| match *ext {
            "ods" => self.ods,
            "html" => self.html,
            _ => true,
        })
    }
}

/// The PDF standards a booklet can be made to meet. The official build is
/// archival: PDF/A-2b.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub enum Standard {
    /// PDF/A-2b: archival (the default).
    #[default]
    A2b,
    /// PDF/A-3b: archival, allowing attachments.
    A3b,
    /// PDF/A-2a: archival and accessible (tagged, with Unicode text).
    A2a,
    /// PDF/UA-1: accessible.
    Ua1,
    /// Plain PDF 1.7.
    None,
}

impl Standard {
    /// Every standard with its name on the command line.
    pub const ALL: [(&'static str, Standard); 5] =
        [("a-2b", Self::A2b), ("a-3b", Self::A3b), ("a-2a", Self::A2a), ("ua-1", Self::Ua1), ("none", Self::None)];

    /// The name on the command line (and in `typst compile --pdf-standard`).
    pub fn name(self) -> &'static str {
        Self::ALL.iter().find(|(_, s)| *s == self).map_or("none", |(n, _)| n)
    }
}

impl std::str::FromStr for Standard {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        Self::ALL.iter().find(|(n, _)| *n == s).map(|(_, s)| *s).ok_or_else(|| {
            let names: Vec<String> = Self::ALL.iter().map(|(n, _)| format!("`{n}`")).collect();
            let separator = crate::lang::list_separator();
            t!("options.unknown_standard", value = format!("{s:?}"), names = names.join(separator)).into_owned()
        })
    }
}

/// The date a booklet is stamped with when its bundle declares none:
/// `SOURCE_DATE_EPOCH`, as `YYYY-MM-DD`, if it is set.
pub fn source_date_epoch() -> Option<String> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    Some(civil_date(secs))
}

/// `YYYY-MM-DD` of a Unix time (UTC).
pub fn civil_date(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates() {
        assert_eq!(civil_date(1_567_123_200), "2019-08-30");
        assert_eq!(civil_date(0), "1970-01-01");
        assert_eq!(civil_date(951_782_400), "2000-02-29");
    }
}
