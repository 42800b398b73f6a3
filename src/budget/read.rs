//! Reading a budget data file: the published CSV shape (see [`COLUMNS`])
//! into typed [`Row`]s, and writing rows back in the same shape.

use std::ops::Range;
use std::path::Path;

use rust_i18n::t;

use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::source::read_text;

use super::{Reference, Row, THOUSAND};

/// The columns of the published shape, in its order. A file must have all
/// of them (in any order); further columns are ignored.
pub const COLUMNS: [&str; 10] = ["year", "code", "amount", "name", "topname", "depname", "depcat", "cat", "ref", "note"];

/// At most this many errors are reported of one file: a file of another
/// shape would otherwise give one per field.
const MAX_ERRORS: usize = 20;

/// Reads a budget data file from disk.
///
/// # Parameters
/// - `path`: the CSV file;
/// - `inside`: for a bundle's file, the bundle's canonical folder, which
///   the file may not lead out of.
///
/// # Errors
/// The file's problems, each located (see [`read`]).
pub fn read_file(path: &Path, inside: Option<&Path>) -> Result<(SourceText, Vec<Row>), Diagnostics> {
    let mut diagnostics = Vec::new();
    let Some(src) = read_text(path, inside, &t!("budget.read.what_csv"), &mut diagnostics) else {
        return Err(diagnostics);
    };
    let rows = read(&src)?;
    Ok((src, rows))
}

/// Parses the text of a budget data file.
///
/// # Errors
/// A missing column (at the header), a record of the wrong length, and
/// each field that is not what its column holds: a year, a 10-digit code,
/// an amount in 元 that is a whole, non-negative number of thousands, a
/// `款.項.目[.節]` reference. Each error names the line and column.
///
/// # Examples
/// ```
/// use booklet::budget::read;
/// use booklet::diagnostic::SourceText;
/// let text = "year,code,amount,name,topname,depname,depcat,cat,ref,note\n\
///             2020,6330010100,503614000,無細項,勞動部主管,勞動部,一般行政,社會保險支出,15.1.2,\n";
/// let src = SourceText { name: "fy109.csv".into(), text: text.into() };
/// let rows = read(&src).unwrap();
/// assert_eq!(rows[0].thousands(), 503_614);
/// ```
pub fn read(src: &SourceText) -> Result<Vec<Row>, Diagnostics> {
    let text: &str = &src.text;
    let mut diagnostics = Vec::new();
    if text.trim().is_empty() {
        let help = t!("budget.read.columns_help", columns = COLUMNS.join(","));
        return Err(vec![Diagnostic::error(t!("budget.read.empty")).at(src, 0..0).with_help(help)]);
    }
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(false).from_reader(text.as_bytes());
    let header_end = text.find('\n').unwrap_or(text.len());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => return Err(vec![csv_error(src, &e)]),
    };
    let index = |name: &str| headers.iter().position(|h| h.trim() == name);
    let missing: Vec<&str> = COLUMNS.iter().copied().filter(|c| index(c).is_none()).collect();
    if !missing.is_empty() {
        let separator = crate::lang::list_separator();
        let columns = missing.iter().map(|c| format!("`{c}`")).collect::<Vec<_>>().join(separator);
        return Err(vec![
            Diagnostic::error(t!("budget.read.missing_columns", columns = columns))
                .at(src, 0..header_end)
                .with_help(t!("budget.read.columns_help", columns = COLUMNS.join(","))),
        ]);
    }
    let at: Vec<usize> = COLUMNS.iter().map(|c| index(c).unwrap_or(0)).collect();
    let mut rows = Vec::new();
    let mut record = csv::StringRecord::new();
    loop {
        if diagnostics.len() >= MAX_ERRORS {
            break;
        }
        let start = reader.position().byte() as usize;
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                diagnostics.push(csv_error(src, &e));
                // A record the reader could not take apart: the rest of the
                // file is not read in step with its lines.
                break;
            }
        }
        let start = record.position().map_or(start, |p| p.byte() as usize);
        let field = |c: usize| record.get(at[c]).unwrap_or("");
        let mut fail = |c: usize, message: String, help: Option<String>| {
            let span = field_span(text, start, at[c]).unwrap_or(start..start);
            let mut d = Diagnostic::error(message).at(src, span);
            if let Some(help) = help {
                d = d.with_help(help);
            }
            diagnostics.push(d);
        };
        let year = match field(0).trim().parse::<i32>() {
            Ok(y) if (1912..=2199).contains(&y) => y,
            _ => {
                fail(0, t!("budget.read.year", value = format!("{:?}", field(0))).into_owned(), None);
                continue;
            }
        };
        let code = field(1).trim();
        if code.len() != 10 || !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
            fail(1, t!("budget.read.code", value = format!("{code:?}")).into_owned(), None);
            continue;
        }
        let Some(amount) = amount(field(2), |m, h| fail(2, m, h)) else {
            continue;
        };
        let Some(reference) = reference(field(8)) else {
            fail(8, t!("budget.read.reference", value = format!("{:?}", field(8))).into_owned(), None);
            continue;
        };
        let mut name = |c: usize, what: &str| {
            let value = printable(field(c).trim());
            if value.is_empty() && c != 9 {
                fail(c, t!("budget.read.empty_field", column = COLUMNS[c], what = what).into_owned(), None);
            }
            value
        };
        let row = Row {
            year,
            code: code.to_string(),
            amount,
            name: name(3, &*t!("budget.read.what_name")),
            topname: name(4, &*t!("budget.read.what_topname")),
            depname: name(5, &*t!("budget.read.what_depname")),
            depcat: name(6, &*t!("budget.read.what_depcat")),
            cat: printable(field(7).trim()),
            reference,
            note: printable(field(9)),
            at: start,
        };
        rows.push(row);
    }
    if diagnostics.is_empty() { Ok(rows) } else { Err(diagnostics) }
}

/// A field's text without the control characters the published data
/// carries here and there (a DEL inside a note): they show nothing and no
/// output could print them. Line breaks stay.
fn printable(field: &str) -> String {
    field.chars().filter(|c| !c.is_control() || *c == '\n').collect()
}

/// An amount field: digits, in 元, a whole number of thousands.
fn amount(field: &str, mut fail: impl FnMut(String, Option<String>)) -> Option<i64> {
    let t = field.trim();
    let digits = t.strip_prefix('-').unwrap_or(t);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        let plain: String = t.chars().filter(|c| *c != ',').collect();
        let help = (plain != t && plain.bytes().all(|b| b.is_ascii_digit()))
            .then(|| t!("budget.read.amount_separators_help", plain = plain).into_owned());
        fail(t!("budget.read.amount_not_digits", value = format!("{field:?}")).into_owned(), help);
        return None;
    }
    let Ok(value) = t.parse::<i64>() else {
        fail(t!("budget.read.amount_too_large", value = t, max = i64::MAX / 10).into_owned(), None);
        return None;
    };
    if value < 0 {
        fail(t!("budget.read.amount_negative", value = value).into_owned(), None);
        return None;
    }
    if value % THOUSAND != 0 {
        fail(
            t!("budget.read.amount_thousands", value = value).into_owned(),
            Some(
                t!("budget.read.amount_thousands_help", lower = value / THOUSAND * THOUSAND, upper = (value / THOUSAND + 1) * THOUSAND)
                    .into_owned(),
            ),
        );
        return None;
    }
    Some(value)
}

/// Parses `款.項.目` or `款.項.目.節`.
fn reference(field: &str) -> Option<Reference> {
    let parts: Vec<u32> = field.trim().split('.').map(|p| p.parse::<u32>().ok().filter(|n| *n > 0)).collect::<Option<_>>()?;
    match parts[..] {
        [kuan, xiang, mu] => Some(Reference { kuan, xiang, mu, section: None }),
        [kuan, xiang, mu, s] => Some(Reference { kuan, xiang, mu, section: Some(s) }),
        _ => None,
    }
}

fn csv_error(src: &SourceText, e: &csv::Error) -> Diagnostic {
    let at = e.position().map_or(0, |p| p.byte() as usize).min(src.text.len());
    let message = match e.kind() {
        csv::ErrorKind::UnequalLengths { expected_len, len, .. } => {
            t!("budget.read.row_length", len = len, expected = expected_len)
        }
        csv::ErrorKind::Utf8 { .. } => t!("budget.read.field_utf8"),
        _ => t!("budget.read.not_csv", error = e),
    };
    let end = src.text[at..].find('\n').map_or(src.text.len(), |n| at + n);
    Diagnostic::error(message).at(src, at..end).with_help(t!("budget.read.quote_help"))
}

/// The span of field `index` of the record that starts at byte `start`
/// (without its quotes), found by walking the CSV syntax.
pub fn field_span(text: &str, start: usize, index: usize) -> Option<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut field = 0;
    loop {
        let (span, next) = if bytes.get(i) == Some(&b'"') {
            let mut j = i + 1;
            loop {
                match bytes.get(j) {
                    None => break,
                    Some(b'"') if bytes.get(j + 1) == Some(&b'"') => j += 2,
                    Some(b'"') => break,
                    Some(_) => j += 1,
                }
            }
            let after = (j + 1).min(bytes.len());
            (i + 1..j.min(bytes.len()), after)
        } else {
            let mut j = i;
            while j < bytes.len() && !matches!(bytes[j], b',' | b'\n' | b'\r') {
                j += 1;
            }
            (i..j, j)
        };
        if field == index {
            return Some(span);
        }
        if bytes.get(next) != Some(&b',') {
            return None;
        }
        i = next + 1;
        field += 1;
    }
}

/// Writes rows in the published shape (all of [`COLUMNS`], amounts in 元).
pub fn write_csv<'a>(rows: impl IntoIterator<Item = &'a Row>) -> String {
    let mut writer = csv::WriterBuilder::new().terminator(csv::Terminator::Any(b'\n')).from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    for r in rows {
        let _ = writer.write_record([
            r.year.to_string(),
            r.code.clone(),
            r.amount.to_string(),
            r.name.clone(),
            r.topname.clone(),
            r.depname.clone(),
            r.depcat.clone(),
            r.cat.clone(),
            r.reference.to_string(),
            r.note.clone(),
        ]);
    }
    String::from_utf8(writer.into_inner().unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> SourceText {
        SourceText { name: "t.csv".into(), text: text.into() }
    }

    const HEAD: &str = "year,code,amount,name,topname,depname,depcat,cat,ref,note\n";

    #[test]
    fn reads_rows_and_round_trips() {
        let text =
            format!("{HEAD}2020,6330019000,1590000,交通及運輸設備,勞動部主管,勞動部,一般建築及設備,x,15.1.8.1,\"a\n  b, \"\"c\"\"\"\n");
        let rows = read(&src(&text)).unwrap();
        assert_eq!(rows[0].reference, Reference { kuan: 15, xiang: 1, mu: 8, section: Some(1) });
        assert_eq!(rows[0].note, "a\n  b, \"c\"");
        assert_eq!(read(&src(&write_csv(&rows))).unwrap()[0].note, rows[0].note);
    }

    #[test]
    fn locates_a_bad_amount() {
        let text = format!("{HEAD}2020,6330019000,\"1,590,000\",x,a,b,c,d,15.1.8,\"n\"\n");
        let errors = read(&src(&text)).unwrap_err();
        assert_eq!(errors[0].line_col(), Some((2, 18)), "{}", errors[0]);
        let text = format!("{HEAD}2020,6330019000,1590500,x,a,b,c,d,15.1.8,\n");
        assert!(read(&src(&text)).unwrap_err()[0].to_string().contains("not a whole number of thousands"));
    }

    #[test]
    fn names_a_missing_column() {
        let errors = read(&src("year,code,amount\n2020,1,2\n")).unwrap_err();
        assert!(errors[0].to_string().contains("`name`"), "{}", errors[0]);
    }
}
