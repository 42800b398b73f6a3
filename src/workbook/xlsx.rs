//! The XLSX writer (rust_xlsxwriter): each sheet with its caption, a bold
//! frozen header row, an Excel table with autofilter over the data, wrapped
//! text, the shared column widths, and A4 landscape print setup with the
//! header row repeated. Input text is always written as a string, never as
//! a formula.

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, Table, TableColumn, TableStyle, Workbook, Worksheet,
    XlsxError,
};

use super::{Cell, HEADER_ROW, Properties, SheetData, column_widths, format_number};

/// Writes sheets into a workbook, each with a caption, a frozen header row,
/// an autofilter table and print setup (see the module's description).
///
/// # Errors
///
/// What the XLSX writer refuses (a sheet name, a size).
pub fn write_workbook(p: &Properties, sheets: &[SheetData]) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(p.title.clone())
        .set_author(p.author.clone())
        .set_company(p.author.clone())
        .set_subject(p.subject.clone());
    let created = ExcelDateTime::from_ymd(p.date.0, p.date.1, p.date.2)?;
    properties = properties.set_creation_datetime(&created);
    workbook.set_properties(&properties);

    let caption_format = Format::new().set_bold().set_font_size(14);
    let header_format = Format::new()
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_border(FormatBorder::Thin);
    let text_format = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    let number_format = Format::new().set_align(FormatAlign::Top).set_num_format("#,##0");

    for sheet in sheets {
        let worksheet = workbook.add_worksheet();
        worksheet.set_name(&sheet.name)?;
        write_sheet(worksheet, sheet, &caption_format, &header_format, &text_format, &number_format)?;
    }
    workbook.save_to_buffer()
}

fn write_sheet(
    ws: &mut Worksheet,
    sheet: &SheetData,
    caption_format: &Format,
    header_format: &Format,
    text_format: &Format,
    number_format: &Format,
) -> Result<(), XlsxError> {
    ws.write_string_with_format(0, 0, &sheet.caption, caption_format)?;
    let first_data = HEADER_ROW + 1;
    for (r, row) in sheet.rows.iter().enumerate() {
        let excel_row = first_data + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let col = c as u16;
            match cell {
                Cell::Text(text) => {
                    // Always a string: text that starts with = + - @ stays text.
                    ws.write_string_with_format(excel_row, col, text, text_format)?;
                }
                Cell::Number(n) => {
                    ws.write_number_with_format(excel_row, col, *n, number_format)?;
                }
                Cell::Formula(f, result) => {
                    let formula = Formula::new(f).set_result(format_number(*result));
                    ws.write_formula_with_format(excel_row, col, formula, number_format)?;
                }
                Cell::Empty => {}
            }
        }
    }
    for (c, width) in column_widths(sheet).into_iter().enumerate() {
        ws.set_column_width(c as u16, width)?;
    }
    let last_row = first_data + sheet.rows.len().max(1) as u32 - 1;
    let last_col = sheet.headers.len() as u16 - 1;
    let columns: Vec<TableColumn> =
        sheet.headers.iter().map(|h| TableColumn::new().set_header(h).set_header_format(header_format)).collect();
    let table = Table::new().set_columns(&columns).set_style(TableStyle::Light1);
    ws.add_table(HEADER_ROW, 0, last_row, last_col, &table)?;
    // The notes under the table, after an empty row.
    for (k, note) in sheet.notes.iter().enumerate() {
        ws.write_string(last_row + 2 + k as u32, 0, note)?;
    }
    ws.set_freeze_panes(first_data, 0)?;
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_repeat_rows(HEADER_ROW, HEADER_ROW)?;
    ws.set_print_fit_to_pages(1, 0);
    Ok(())
}
