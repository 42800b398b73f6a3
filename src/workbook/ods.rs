//! The OpenDocument spreadsheet writer (.ods, ODF 1.3): the same sheets and
//! cells as the XLSX, for the agencies' publication in the government's
//! standard format for editable files (CNS 15251).
//!
//! Each sheet has its caption, a bold header row repeated on every printed
//! page (`table:table-header-rows`) and frozen on screen (`settings.xml`), an
//! autofilter over the header and data (a sheet-local database range with
//! filter buttons, as LibreOffice saves one), the shared column widths, text
//! that wraps, numbers as numbers with thousands separators, and the
//! formulas in OpenFormula with their cached values. The page is A4
//! landscape, scaled to one page wide, and the print range is the sheet's
//! rows. The document properties are the XLSX's.
//!
//! The package is written here, with the zip crate, rather than through
//! spreadsheet-ods: that crate writes its styles, fonts and manifest in hash
//! map order and stamps every zip entry with the clock, so that two runs
//! give different bytes, and it has no autofilter. Every string reaches the
//! XML through [`escape`] (or [`paragraphs`], which also keeps runs of
//! spaces, tabs and line breaks as written): one escaping path.

use rust_i18n::t;
use std::borrow::Cow;
use std::fmt::Write as _;
use std::io::{Cursor, Write as _};

use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::{Cell, HEADER_ROW, Properties, SheetData, column_name, column_widths, format_number};

const MIMETYPE: &str = "application/vnd.oasis.opendocument.spreadsheet";
const VERSION: &str = "1.3";
const NAMESPACES: &str = concat!(
    r#"xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" "#,
    r#"xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" "#,
    r#"xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" "#,
    r#"xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" "#,
    r#"xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" "#,
    r#"xmlns:number="urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0" "#,
    r#"xmlns:of="urn:oasis:names:tc:opendocument:xmlns:of:1.2" "#,
    r#"xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" "#,
    r#"xmlns:dc="http://purl.org/dc/elements/1.1/" "#,
    r#"xmlns:config="urn:oasis:names:tc:opendocument:xmlns:config:1.0""#,
);

/// Writes sheets into an OpenDocument spreadsheet in memory.
///
/// # Parameters
///
/// - `p`: the document properties (title, author, subject, date).
/// - `sheets`: the sheets, as [`super::sheets`] builds them.
///
/// # Errors
///
/// A sheet name that a spreadsheet cannot hold (empty, longer than 31
/// characters, or with one of `[]*?:/\`), or a failure of the zip writer.
///
/// # Examples
///
/// ```no_run
/// # fn demo(view: &booklet::view::View) {
/// use booklet::workbook::{Properties, ods, sheets};
/// let rows = sheets(view, &Default::default());
/// let bytes = ods::write_workbook(&Properties::of(view), &rows).unwrap();
/// std::fs::write("out/example.ods", bytes).unwrap();
/// # }
/// ```
pub fn write_workbook(p: &Properties, sheets: &[SheetData]) -> Result<Vec<u8>, std::io::Error> {
    for sheet in sheets {
        check_name(&sheet.name)?;
    }
    let (y, m, d) = p.date;
    // The entries' time is the inputs' date, never the clock's.
    let time = DateTime::from_date_and_time(y.clamp(1980, 2107), m.clamp(1, 12), d.clamp(1, 31), 0, 0, 0).unwrap_or_default();
    let stored = SimpleFileOptions::default().compression_method(CompressionMethod::Stored).last_modified_time(time);
    let deflated = SimpleFileOptions::default().compression_method(CompressionMethod::Deflated).last_modified_time(time);

    let mut zip = ZipWriter::new(Cursor::new(Vec::new()));
    // The mimetype comes first, uncompressed, so that a reader can tell the
    // format from the first bytes.
    zip.start_file("mimetype", stored)?;
    zip.write_all(MIMETYPE.as_bytes())?;
    for (name, xml) in [
        ("content.xml", content(sheets)),
        ("styles.xml", styles()),
        ("meta.xml", meta(p)),
        ("settings.xml", settings(sheets)),
        ("META-INF/manifest.xml", manifest()),
    ] {
        zip.start_file(name, deflated)?;
        zip.write_all(xml.as_bytes())?;
    }
    Ok(zip.finish()?.into_inner())
}

/// Refuses a sheet name that LibreOffice or Excel cannot hold, so that the
/// two workbooks fail alike.
fn check_name(name: &str) -> Result<(), std::io::Error> {
    let bad = name.is_empty() || name.chars().count() > 31 || name.contains(['[', ']', '*', '?', ':', '/', '\\']);
    if bad { Err(std::io::Error::other(t!("workbook.sheet_name", name = format!("{name:?}")).into_owned())) } else { Ok(()) }
}

/// Escapes text for XML content and attribute values. Characters XML 1.0
/// cannot hold (C0 controls other than tab, line feed and carriage return)
/// become U+FFFD; validation refuses them before, so this only keeps the
/// file well formed.
pub fn escape(text: &str) -> Cow<'_, str> {
    let needs = |c: char| matches!(c, '&' | '<' | '>' | '"' | '\'') || (c < ' ' && !matches!(c, '\t' | '\n' | '\r'));
    if !text.contains(needs) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if c < ' ' && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

/// A cell's text as `text:p` paragraphs, one per line, that keep the text
/// as written: ODF collapses runs of spaces and drops a paragraph's leading
/// and trailing space, so every space that would be lost is a `text:s`, and
/// a tab is a `text:tab`.
pub fn paragraphs(out: &mut String, text: &str) {
    for line in text.split('\n') {
        let line = line.strip_suffix('\r').unwrap_or(line);
        out.push_str("<text:p>");
        let chars: Vec<char> = line.chars().collect();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                ' ' => {
                    let start = i;
                    while i < chars.len() && chars[i] == ' ' {
                        i += 1;
                    }
                    let mut run = i - start;
                    // One space between words stays a space; the others,
                    // and any at the line's ends, are counted.
                    if start > 0 && i < chars.len() {
                        out.push(' ');
                        run -= 1;
                    }
                    match run {
                        0 => {}
                        1 => out.push_str("<text:s/>"),
                        n => {
                            let _ = write!(out, r#"<text:s text:c="{n}"/>"#);
                        }
                    }
                    continue;
                }
                '\t' => out.push_str("<text:tab/>"),
                c => {
                    let mut buf = [0u8; 4];
                    out.push_str(&escape(c.encode_utf8(&mut buf)));
                }
            }
            i += 1;
        }
        out.push_str("</text:p>");
    }
}

/// An Excel A1 formula (`=SUM(B4:G4)`, `=SUM(E5,E9)`, `=D4-C4`) in
/// OpenFormula (`of:=SUM([.B4:.G4])`, `of:=SUM([.E5];[.E9])`,
/// `of:=[.D4]-[.C4]`): cell references in brackets, a dot before each
/// column, semicolons between arguments.
pub fn open_formula(excel: &str) -> String {
    let body = excel.strip_prefix('=').unwrap_or(excel);
    let chars: Vec<char> = body.chars().collect();
    let reference_at = |i: usize| -> Option<usize> {
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_uppercase() {
            j += 1;
        }
        let letters = j - i;
        let digits_start = j;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        (letters > 0 && j > digits_start && (j == chars.len() || !chars[j].is_ascii_alphanumeric())).then_some(j)
    };
    let mut out = String::from("of:=");
    let mut i = 0;
    while i < chars.len() {
        let starts_word = i == 0 || !chars[i - 1].is_ascii_alphanumeric();
        if starts_word && let Some(end) = reference_at(i) {
            let first: String = chars[i..end].iter().collect();
            if chars.get(end) == Some(&':')
                && let Some(end2) = reference_at(end + 1)
            {
                let second: String = chars[end + 1..end2].iter().collect();
                let _ = write!(out, "[.{first}:.{second}]");
                i = end2;
            } else {
                let _ = write!(out, "[.{first}]");
                i = end;
            }
            continue;
        }
        out.push(if chars[i] == ',' { ';' } else { chars[i] });
        i += 1;
    }
    out
}

/// A sheet name quoted for a cell address: `'name'`, quotes doubled.
fn quoted(name: &str) -> String {
    format!("'{}'", name.replace('\'', "''"))
}

/// A number as its cell shows it: thousands separators, integers without
/// decimals.
fn display_number(n: f64) -> String {
    let text = format_number(n);
    let (sign, rest) = text.strip_prefix('-').map_or(("", text.as_str()), |r| ("-", r));
    let (int, frac) = rest.split_once('.').map_or((rest, None), |(i, f)| (i, Some(f)));
    let mut grouped = String::new();
    for (k, c) in int.chars().enumerate() {
        if k > 0 && (int.len() - k).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// The last row (0-based) and column of a sheet's header and data.
fn extent(sheet: &SheetData) -> (u32, u16) {
    let last_row = HEADER_ROW + sheet.rows.len().max(1) as u32;
    (last_row, sheet.headers.len().max(1) as u16 - 1)
}

fn content(sheets: &[SheetData]) -> String {
    let mut out = String::with_capacity(64 * 1024);
    let _ = write!(out, r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content {NAMESPACES} office:version="{VERSION}">"#);

    // Column styles, one per distinct width, in order of first use.
    let widths: Vec<Vec<f64>> = sheets.iter().map(column_widths).collect();
    let mut distinct: Vec<String> = Vec::new();
    let inches = |w: f64| format!("{:.4}in", (w * 7.0 + 5.0).trunc() / 96.0);
    for w in widths.iter().flatten() {
        let w = inches(*w);
        if !distinct.contains(&w) {
            distinct.push(w);
        }
    }
    out.push_str("<office:automatic-styles>");
    for (k, w) in distinct.iter().enumerate() {
        let _ = write!(
            out,
            r#"<style:style style:name="co{}" style:family="table-column"><style:table-column-properties fo:break-before="auto" style:column-width="{w}"/></style:style>"#,
            k + 1
        );
    }
    out.push_str(concat!(
        r#"<style:style style:name="ta1" style:family="table" style:master-page-name="Default"><style:table-properties table:display="true" style:writing-mode="lr-tb"/></style:style>"#,
        r#"<number:number-style style:name="N0"><number:number number:decimal-places="0" number:min-decimal-places="0" number:min-integer-digits="1" number:grouping="true"/></number:number-style>"#,
        r#"<style:style style:name="caption" style:family="table-cell" style:parent-style-name="Default"><style:text-properties fo:font-size="14pt" fo:font-weight="bold" style:font-size-asian="14pt" style:font-weight-asian="bold"/></style:style>"#,
        r##"<style:style style:name="header" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="middle" fo:border="0.75pt solid #000000" fo:background-color="#dddddd"/><style:paragraph-properties fo:text-align="center"/><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>"##,
        r#"<style:style style:name="text" style:family="table-cell" style:parent-style-name="Default"><style:table-cell-properties fo:wrap-option="wrap" style:vertical-align="top"/></style:style>"#,
        r#"<style:style style:name="number" style:family="table-cell" style:parent-style-name="Default" style:data-style-name="N0"><style:table-cell-properties style:vertical-align="top"/></style:style>"#,
    ));
    out.push_str("</office:automatic-styles><office:body><office:spreadsheet>");

    if sheets.is_empty() {
        // A booklet without tables: one empty sheet, as in the XLSX.
        out.push_str(r#"<table:table table:name="Sheet1" table:style-name="ta1"><table:table-column/><table:table-row><table:table-cell/></table:table-row></table:table>"#);
    }
    for (sheet, widths) in sheets.iter().zip(&widths) {
        let (last_row, last_col) = extent(sheet);
        let name = quoted(&sheet.name);
        let _ = write!(
            out,
            r#"<table:table table:name="{}" table:style-name="ta1" table:print-ranges="{}">"#,
            escape(&sheet.name),
            escape(&format!("{name}.A1:{name}.{}{}", column_name(last_col), last_row + 1))
        );
        for w in widths {
            let k = distinct.iter().position(|d| *d == inches(*w)).unwrap_or(0) + 1;
            let _ = write!(out, r#"<table:table-column table:style-name="co{k}" table:default-cell-style-name="Default"/>"#);
        }
        // The caption, an empty row, the header (repeated on each page).
        out.push_str(r#"<table:table-row><table:table-cell table:style-name="caption" office:value-type="string">"#);
        paragraphs(&mut out, &sheet.caption);
        out.push_str("</table:table-cell></table:table-row>");
        for _ in 1..HEADER_ROW {
            out.push_str("<table:table-row><table:table-cell/></table:table-row>");
        }
        out.push_str("<table:table-header-rows><table:table-row>");
        for header in &sheet.headers {
            out.push_str(r#"<table:table-cell table:style-name="header" office:value-type="string">"#);
            paragraphs(&mut out, header);
            out.push_str("</table:table-cell>");
        }
        out.push_str("</table:table-row></table:table-header-rows>");
        for row in &sheet.rows {
            out.push_str("<table:table-row>");
            // Trailing empty cells are left out, as spreadsheets do.
            // (An empty text is no cell, as in the XLSX.)
            let blank = |c: &Cell| matches!(c, Cell::Empty) || matches!(c, Cell::Text(t) if t.is_empty());
            let used = row.iter().rposition(|c| !blank(c)).map_or(0, |p| p + 1);
            if used == 0 {
                out.push_str("<table:table-cell/>");
            }
            for cell in &row[..used] {
                match cell {
                    Cell::Text(text) if text.is_empty() => out.push_str("<table:table-cell/>"),
                    Cell::Text(text) => {
                        out.push_str(r#"<table:table-cell table:style-name="text" office:value-type="string">"#);
                        paragraphs(&mut out, text);
                        out.push_str("</table:table-cell>");
                    }
                    Cell::Number(n) => {
                        let _ = write!(
                            out,
                            r#"<table:table-cell table:style-name="number" office:value-type="float" office:value="{}"><text:p>{}</text:p></table:table-cell>"#,
                            format_number(*n),
                            display_number(*n)
                        );
                    }
                    Cell::Formula(formula, value) => {
                        let _ = write!(
                            out,
                            r#"<table:table-cell table:style-name="number" table:formula="{}" office:value-type="float" office:value="{}"><text:p>{}</text:p></table:table-cell>"#,
                            escape(&open_formula(formula)),
                            format_number(*value),
                            display_number(*value)
                        );
                    }
                    Cell::Empty => out.push_str("<table:table-cell/>"),
                }
            }
            out.push_str("</table:table-row>");
        }
        // The notes under the table, after an empty row.
        if !sheet.notes.is_empty() {
            out.push_str("<table:table-row><table:table-cell/></table:table-row>");
        }
        for note in &sheet.notes {
            out.push_str(r#"<table:table-row><table:table-cell office:value-type="string">"#);
            paragraphs(&mut out, note);
            out.push_str("</table:table-cell></table:table-row>");
        }
        out.push_str("</table:table>");
    }

    // The autofilters: one anonymous database range per sheet over its
    // header and data, the form LibreOffice reads as a sheet's autofilter.
    out.push_str(if sheets.is_empty() { "<table:database-ranges/>" } else { "<table:database-ranges>" });
    for (i, sheet) in sheets.iter().enumerate() {
        let (last_row, last_col) = extent(sheet);
        let name = quoted(&sheet.name);
        let _ = write!(
            out,
            r#"<table:database-range table:name="__Anonymous_Sheet_DB__{i}" table:target-range-address="{}" table:display-filter-buttons="true"/>"#,
            escape(&format!("{name}.A{}:{name}.{}{}", HEADER_ROW + 1, column_name(last_col), last_row + 1))
        );
    }
    if !sheets.is_empty() {
        out.push_str("</table:database-ranges>");
    }
    out.push_str("</office:spreadsheet></office:body></office:document-content>");
    out
}

fn styles() -> String {
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-styles {} office:version="{}">"#,
            r#"<office:styles><style:default-style style:family="table-cell"><style:paragraph-properties style:tab-stop-distance="1.25cm"/></style:default-style>"#,
            r#"<style:style style:name="Default" style:family="table-cell"/></office:styles>"#,
            r#"<office:automatic-styles><style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="29.7cm" fo:page-height="21cm" style:print-orientation="landscape" fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="1.5cm" fo:margin-right="1.5cm" style:scale-to-X="1" style:scale-to-Y="0" style:print-page-order="ttb"/></style:page-layout></office:automatic-styles>"#,
            r#"<office:master-styles><style:master-page style:name="Default" style:page-layout-name="pm1"/></office:master-styles>"#,
            r#"</office:document-styles>"#
        ),
        NAMESPACES, VERSION
    )
}

fn meta(p: &Properties) -> String {
    let (y, m, d) = p.date;
    let date = format!("{y:04}-{m:02}-{d:02}T00:00:00");
    format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-meta {} office:version="{}"><office:meta>"#,
            "<meta:generator>booklet/{}</meta:generator><dc:title>{}</dc:title><dc:subject>{}</dc:subject>",
            "<meta:initial-creator>{}</meta:initial-creator><dc:creator>{}</dc:creator>",
            "<meta:creation-date>{}</meta:creation-date><dc:date>{}</dc:date><dc:language>zh-TW</dc:language>",
            r#"<meta:user-defined meta:name="Company">{}</meta:user-defined>"#,
            "</office:meta></office:document-meta>"
        ),
        NAMESPACES,
        VERSION,
        env!("CARGO_PKG_VERSION"),
        escape(&p.title),
        escape(&p.subject),
        escape(&p.author),
        escape(&p.author),
        date,
        date,
        escape(&p.author)
    )
}

/// The view settings: on every sheet the rows down to the header are
/// frozen (a fixed split below it, the cursor under it).
fn settings(sheets: &[SheetData]) -> String {
    let mut out = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?><office:document-settings {} office:version="{}"><office:settings>"#,
            r#"<config:config-item-set config:name="ooo:view-settings"><config:config-item-map-indexed config:name="Views"><config:config-item-map-entry>"#,
            r#"<config:config-item config:name="ViewId" config:type="string">view1</config:config-item><config:config-item-map-named config:name="Tables">"#
        ),
        NAMESPACES, VERSION
    );
    let split = HEADER_ROW + 1;
    for sheet in sheets {
        let _ = write!(out, r#"<config:config-item-map-entry config:name="{}">"#, escape(&sheet.name));
        for (name, kind, value) in [
            ("CursorPositionX", "int", 0),
            ("CursorPositionY", "int", split),
            ("HorizontalSplitMode", "short", 0),
            ("VerticalSplitMode", "short", 2),
            ("HorizontalSplitPosition", "int", 0),
            ("VerticalSplitPosition", "int", split),
            ("ActiveSplitRange", "short", 2),
            ("PositionLeft", "int", 0),
            ("PositionRight", "int", 0),
            ("PositionTop", "int", 0),
            ("PositionBottom", "int", split),
        ] {
            let _ = write!(out, r#"<config:config-item config:name="{name}" config:type="{kind}">{value}</config:config-item>"#);
        }
        out.push_str("</config:config-item-map-entry>");
    }
    out.push_str("</config:config-item-map-named>");
    if let Some(first) = sheets.first() {
        let _ = write!(
            out,
            r#"<config:config-item config:name="ActiveTable" config:type="string">{}</config:config-item>"#,
            escape(&first.name)
        );
    }
    out.push_str("</config:config-item-map-entry></config:config-item-map-indexed></config:config-item-set></office:settings></office:document-settings>");
    out
}

fn manifest() -> String {
    let mut out = format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="{VERSION}"><manifest:file-entry manifest:full-path="/" manifest:version="{VERSION}" manifest:media-type="{MIMETYPE}"/>"#
    );
    for file in ["content.xml", "styles.xml", "meta.xml", "settings.xml"] {
        let _ = write!(out, r#"<manifest:file-entry manifest:full-path="{file}" manifest:media-type="text/xml"/>"#);
    }
    out.push_str("</manifest:manifest>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(text: &str) -> String {
        let mut out = String::new();
        paragraphs(&mut out, text);
        out
    }

    #[test]
    fn formulas_in_open_formula() {
        assert_eq!(open_formula("=SUM(B4:G4)"), "of:=SUM([.B4:.G4])");
        assert_eq!(open_formula("=SUM(E5,E9,E12)"), "of:=SUM([.E5];[.E9];[.E12])");
        assert_eq!(open_formula("=D4-C4"), "of:=[.D4]-[.C4]");
        assert_eq!(open_formula("=SUM(AA10:AB10)"), "of:=SUM([.AA10:.AB10])");
    }

    #[test]
    fn text_keeps_its_spaces_and_is_escaped() {
        assert_eq!(p("勞動部"), "<text:p>勞動部</text:p>");
        assert_eq!(p("a b"), "<text:p>a b</text:p>");
        assert_eq!(p("a   b"), r#"<text:p>a <text:s text:c="2"/>b</text:p>"#);
        assert_eq!(p(" a "), "<text:p><text:s/>a<text:s/></text:p>");
        assert_eq!(p("a\tb\nc"), "<text:p>a<text:tab/>b</text:p><text:p>c</text:p>");
        assert_eq!(p(r#"<script>&amp;"'"#), "<text:p>&lt;script&gt;&amp;amp;&quot;&apos;</text:p>");
        assert_eq!(p(""), "<text:p></text:p>");
    }

    #[test]
    fn numbers_show_thousands() {
        assert_eq!(display_number(326.0), "326");
        assert_eq!(display_number(1234567.0), "1,234,567");
        assert_eq!(display_number(-1234.0), "-1,234");
        assert_eq!(display_number(1234.5), "1,234.5");
    }

    #[test]
    fn names_a_spreadsheet_refuses() {
        assert!(check_name("預算員額").is_ok());
        assert!(check_name("a/b").is_err());
        assert!(check_name("").is_err());
        assert!(check_name(&"名".repeat(32)).is_err());
    }
}
