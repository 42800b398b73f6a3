//! Column widths from the content: the text columns of a table share the
//! width its number columns leave so that the table takes as few lines as
//! it can, the column with the most text the widest. And, from the same
//! reckoning of lines, which outcome items' titles are kept with their
//! first row ([`keep_titles`]).
//!
//! The view measures text in ems of the table's type (a full-width
//! character is one, a Latin letter or digit half of one). A number column
//! gets a fixed width in those ems; each text column a share, computed for
//! a portrait page's measure, which the template lays out as a fraction of
//! the width the number columns leave, so the shares hold on any page.
//!
//! The numbers of the heuristic are here, named:

/// The width of a portrait page's text area in ems of the tables' type
/// (16.5 cm at 11.5 pt): the width the shares are computed for.
pub const MEASURE_EM: f64 = 40.0;

/// The width of a landscape page's text area in the same ems (25.2 cm at
/// 11.5 pt): a table printed on pages turned sideways shares this.
pub const LANDSCAPE_MEASURE_EM: f64 = 61.0;

/// The narrowest a text column is made, in ems: a column narrower than
/// this leaves a character or two on each line.
pub const MIN_TEXT_EM: f64 = 4.0;

/// A cell's inner margins, both sides together, in ems (2 × 5 pt at
/// 11.5 pt).
pub const CELL_INSET_EM: f64 = 0.9;

/// The longest text, in ems, of a column of short texts (remarks, names)
/// that is kept on one line: such a column is made as wide as its longest.
pub const SHORT_TEXT_EM: f64 = 7.0;

/// The longest heading, in ems, kept on one line; a longer one may take
/// two lines.
pub const HEADING_ONE_LINE_EM: f64 = 6.0;

/// The height of a portrait page's text area in ems of the tables' type
/// (25.1 cm at 11.5 pt).
pub const TEXT_AREA_EM: f64 = 61.9;

/// The height reckoned for a line of a cell, in ems of the tables' type:
/// a little more than the template's line and leading, so that the
/// reckoning errs high (6–40 % over the heights Typst lays out in mol-109's
/// outcome tables, the most on rows of a line or two).
pub const LINE_EM: f64 = 1.5;

/// The space between two paragraphs of a cell, in ems (the template's
/// paragraph spacing).
pub const PARAGRAPH_GAP_EM: f64 = 0.9;

/// The tallest, reckoned, that an outcome item's title row and its first
/// sub-item's row are kept whole on one page: 30 % of the text area. As
/// the reckoning errs high (by 7–27 % on rows this tall), the pairs that
/// Typst lays out in about a quarter of the page or less are kept; a taller
/// pair may break, so that a page's foot is not left empty under a title
/// moved whole.
pub const KEEP_MOST_EM: f64 = TEXT_AREA_EM * 0.3;

/// The lines a long table's work plan name takes at most: its column is at
/// least as wide as the longest name cut in this many lines (a name in a
/// column of four characters leaves one alone: 「等業 / 務」).
pub const WORK_PLAN_NAME_LINES: f64 = 2.0;

/// The lines the plans table's amount heading longer than
/// [`HEADING_ONE_LINE_EM`] may take (`預算金額（千元）` in two): the column is
/// as wide as its widest figure, or as its heading cut in this many lines
/// where that is wider. A further part's number columns keep their headings
/// on one line, as its readers (and the text a PDF gives) expect.
pub const AMOUNT_HEADING_LINES: f64 = 2.0;

use super::types::{ColumnWidth, Figure, Marked, OutcomesView, PlansView, TableView};

/// The width a heading needs: on one line, or in `lines` lines if longer
/// than [`HEADING_ONE_LINE_EM`].
fn heading_em(heading: &str, lines: f64) -> f64 {
    let em = text_em(heading);
    if em <= HEADING_ONE_LINE_EM { em } else { (em / lines).ceil() }
}

/// The width of a number column: its widest figure, or its heading (see
/// [`heading_em`]).
fn number_column<'a>(heading: &str, lines: f64, figures: impl Iterator<Item = &'a str>) -> ColumnWidth {
    let widest = figures.map(text_em).fold(0.0, f64::max);
    ColumnWidth { em: widest.max(heading_em(heading, lines)) + CELL_INSET_EM, fixed: true }
}

/// The narrowest a text column under this heading is made: its heading on
/// one line (two if long), its texts on one line where none is longer than
/// [`SHORT_TEXT_EM`], else at least [`MIN_TEXT_EM`].
fn minimum(heading: &str, rows: &[Row], c: usize) -> f64 {
    let longest = rows.iter().filter_map(|r| r.get(c)).flatten().copied().fold(0.0, f64::max);
    let least = if longest <= SHORT_TEXT_EM { longest } else { MIN_TEXT_EM };
    least.max(heading_em(heading, 2.0)) + CELL_INSET_EM
}

/// The narrowest a long table's work plan column is made: as [`minimum`],
/// and wide enough for the longest name in [`WORK_PLAN_NAME_LINES`].
fn work_plan_minimum<'a>(heading: &str, rows: &[Row], names: impl Iterator<Item = &'a str>) -> f64 {
    let longest = names.map(text_em).fold(0.0, f64::max);
    minimum(heading, rows, 0).max((longest / WORK_PLAN_NAME_LINES).ceil() + CELL_INSET_EM)
}

/// Text columns' shares of what is left of `measure` ([`MEASURE_EM`] or
/// [`LANDSCAPE_MEASURE_EM`]) after the fixed ones, in column order, each at
/// least its minimum.
fn text_columns(rows: &[Row], min: &[f64], fixed: &[ColumnWidth], measure: f64) -> Vec<ColumnWidth> {
    let available = measure - fixed.iter().map(|c| c.em).sum::<f64>();
    // (To a hundredth of an em: the generated source stays short.)
    share(rows, min, available).into_iter().map(|em| ColumnWidth { em: (em * 100.0).round() / 100.0, fixed: false }).collect()
}

fn marked_em(list: &[Marked]) -> Vec<f64> {
    list.iter().map(|m| text_em(&m.marker) + text_em(&m.text)).collect()
}

/// The plans table's columns: work plan, item number, item, contents, then
/// the amount and the remarks where the table has them.
pub fn plans(t: &PlansView) -> Vec<ColumnWidth> {
    let items = t.work_plans.iter().flat_map(|wp| wp.items.iter().enumerate().map(move |(j, item)| (wp, j, item)));
    let rows: Vec<Row> = items
        .clone()
        .map(|(wp, j, item)| {
            let mut row =
                vec![if j == 0 { vec![text_em(&wp.name)] } else { Vec::new() }, vec![text_em(&item.title)], marked_em(&item.contents)];
            if t.remarks.is_some() {
                row.push(if item.remarks.is_empty() { Vec::new() } else { vec![text_em(&item.remarks)] });
            }
            row
        })
        .collect();
    let number = number_column("", 1.0, items.clone().map(|(_, _, item)| item.number.as_str()));
    let amount = t.amount.as_ref().map(|heading| {
        let subtotals = t.work_plans.iter().filter_map(|wp| wp.subtotal.as_ref());
        let figures = items.map(|(_, _, item)| &item.amount).chain(subtotals).chain(t.total.as_ref()).map(|f: &Figure| f.text.as_str());
        number_column(heading, AMOUNT_HEADING_LINES, figures)
    });
    let mut min = vec![
        work_plan_minimum(&t.columns[0], &rows, t.work_plans.iter().map(|wp| wp.name.as_str())),
        minimum("", &rows, 1),
        minimum(&t.columns[2], &rows, 2),
    ];
    if let Some(remarks) = &t.remarks {
        min.push(minimum(remarks, &rows, 3));
    }
    let text = text_columns(&rows, &min, &[number].into_iter().chain(amount).collect::<Vec<_>>(), MEASURE_EM);
    let mut columns = vec![text[0], number, text[1], text[2]];
    columns.extend(amount);
    columns.extend(text.get(3).copied());
    columns
}

/// The plans table with its columns' widths set.
pub fn with_plans(mut t: PlansView) -> PlansView {
    t.widths = plans(&t);
    t
}

/// An outcome table's columns: work plan, sub-item (實施概況) and results
/// (實施成果); the item titles span the last two and are not counted.
pub fn outcomes(t: &OutcomesView) -> Vec<ColumnWidth> {
    let rows: Vec<Row> = t
        .work_plans
        .iter()
        .flat_map(|wp| {
            wp.items.iter().flat_map(|i| &i.subitems).enumerate().map(|(k, s)| {
                let results = s.paragraphs.iter().map(|p| text_em(p)).chain(marked_em(&s.results)).collect();
                vec![if k == 0 { vec![text_em(&wp.name)] } else { Vec::new() }, vec![text_em(&s.marker) + text_em(&s.text)], results]
            })
        })
        .collect();
    let min = [
        work_plan_minimum(&t.columns[0], &rows, t.work_plans.iter().map(|wp| wp.name.as_str())),
        minimum(&t.columns[1], &rows, 1),
        minimum(&t.columns[2], &rows, 2),
    ];
    text_columns(&rows, &min, &[], MEASURE_EM)
}

/// Marks the outcome items whose title row and first sub-item's row are
/// kept on one page: those whose two rows, reckoned at the table's widths,
/// take at most [`KEEP_MOST_EM`]. An item without sub-items is one row,
/// kept whole. (Reckoned, not measured: Typst's `measure` of every item
/// cost a sixth of a cold build; see docs/performance.md.)
pub fn keep_titles(t: &mut OutcomesView) {
    let shares: Vec<f64> = t.widths.iter().map(|w| w.em).collect();
    let scale = MEASURE_EM / shares.iter().sum::<f64>().max(1.0);
    let (overview_em, results_em) = (shares.get(1).map_or(0.0, |w| w * scale), shares.get(2).map_or(0.0, |w| w * scale));
    for item in t.work_plans.iter_mut().flat_map(|wp| wp.items.iter_mut()) {
        item.keep_first = match item.subitems.first() {
            None => true,
            Some(s) => {
                let title = hanging_lines(&item.marker, &item.title, overview_em + results_em);
                let overview = hanging_lines(&s.marker, &s.text, overview_em);
                let pieces = s.paragraphs.len() + s.results.len();
                let results = s
                    .paragraphs
                    .iter()
                    .map(|p| hanging_lines("", p, results_em))
                    .chain(s.results.iter().map(|r| hanging_lines(&r.marker, &r.text, results_em)))
                    .sum::<f64>();
                let gaps = pieces.saturating_sub(1) as f64 * PARAGRAPH_GAP_EM;
                let first = (overview * LINE_EM).max(results * LINE_EM + gaps);
                title * LINE_EM + first + 2.0 * CELL_INSET_EM <= KEEP_MOST_EM
            }
        };
    }
}

/// The lines a paragraph hanging from its marker takes in a column of
/// `width` ems (its insets aside): its later lines are narrower by the
/// marker.
fn hanging_lines(marker: &str, text: &str, width: f64) -> f64 {
    let m = text_em(marker);
    let inner = (width - CELL_INSET_EM - m).max(1.0);
    ((m + text_em(text)) / inner).ceil().max(1.0)
}

/// A further part's table: number columns as wide as their figures, text
/// columns sharing the rest.
pub fn table(t: &TableView) -> Vec<ColumnWidth> {
    let rows: Vec<Row> = t
        .rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(&t.columns)
                .filter(|(_, c)| !c.numeric)
                .map(|(f, _)| if f.text.is_empty() { Vec::new() } else { vec![text_em(&f.text)] })
                .collect()
        })
        .collect();
    let fixed: Vec<ColumnWidth> = t
        .columns
        .iter()
        .enumerate()
        .filter(|(_, c)| c.numeric)
        .map(|(k, c)| number_column(&c.name, 1.0, t.rows.iter().chain(&t.totals).filter_map(|r| r.get(k)).map(|f| f.text.as_str())))
        .collect();
    let min: Vec<f64> = t.columns.iter().filter(|c| !c.numeric).enumerate().map(|(k, c)| minimum(&c.name, &rows, k)).collect();
    let measure = if t.landscape { LANDSCAPE_MEASURE_EM } else { MEASURE_EM };
    let mut text = text_columns(&rows, &min, &fixed, measure).into_iter();
    let mut fixed = fixed.into_iter();
    t.columns
        .iter()
        .map(|c| if c.numeric { fixed.next() } else { text.next() }.unwrap_or(ColumnWidth { em: MIN_TEXT_EM, fixed: false }))
        .collect()
}

/// The width of a text in ems: a character of the CJK blocks or a
/// fullwidth form is one, any other half of one.
///
/// # Examples
/// ```
/// assert_eq!(booklet::view::widths::text_em("ISO 27001 認證"), 7.0);
/// ```
pub fn text_em(text: &str) -> f64 {
    text.chars().map(|c| if is_wide(c) { 1.0 } else { 0.5 }).sum()
}

/// A character printed full width (UAX #11: wide or full-width).
pub fn is_wide(c: char) -> bool {
    unicode_width::UnicodeWidthChar::width(c) == Some(2)
}

/// The text of one table row, column by column: each cell as the widths
/// (ems) of its paragraphs, a marker counted in.
pub type Row = Vec<Vec<f64>>;

/// How many lines a cell of these paragraphs takes in a column of `width`
/// ems (its insets aside).
fn lines(paragraphs: &[f64], width: f64) -> f64 {
    let inner = (width - CELL_INSET_EM).max(1.0);
    paragraphs.iter().map(|&p| (p / inner).ceil().max(1.0)).sum()
}

/// The lines a table of these rows takes at these widths: each row as tall
/// as its tallest cell.
fn height(rows: &[Row], widths: &[f64]) -> f64 {
    rows.iter()
        .map(|row| row.iter().zip(widths).map(|(cell, &w)| if cell.is_empty() { 0.0 } else { lines(cell, w) }).fold(0.0, f64::max))
        .sum()
}

/// The widths (ems) of a table's text columns that share `available` ems.
///
/// # Parameters
/// - `rows`: each row's cells in the text columns, in column order (a cell
///   spanning several rows counted in its first).
/// - `min`: each text column's least width.
/// - `available`: the ems the text columns share, insets included.
///
/// Starting from shares in proportion to the square root of each column's
/// text, an em at a time moves from one column to another while that makes
/// the table shorter; then the column with the most text is made at least
/// as wide as any other. No column is made narrower than its minimum
/// (unless the minimums do not fit: then all shrink alike).
///
/// # Examples
/// ```
/// use booklet::view::widths::share;
/// // A short name beside a long text: the text gets the most.
/// let rows = vec![vec![vec![4.0], vec![60.0]], vec![vec![5.0], vec![45.0]]];
/// let w = share(&rows, &[4.0, 4.0], 30.0);
/// assert!(w[1] > w[0] && (w[0] + w[1] - 30.0).abs() < 1e-9);
/// ```
pub fn share(rows: &[Row], min: &[f64], available: f64) -> Vec<f64> {
    let n = min.len();
    if n == 0 {
        return Vec::new();
    }
    let column = |c: usize| rows.iter().filter_map(move |r| r.get(c)).flatten().copied();
    let text: Vec<f64> = (0..n).map(|c| column(c).sum::<f64>()).collect();
    let floor: f64 = min.iter().sum();
    if available <= floor {
        return min.iter().map(|m| m * available / floor).collect();
    }
    // Shares in proportion to the square root of each column's text, above
    // its minimum.
    let roots: Vec<f64> = text.iter().map(|t| t.sqrt()).collect();
    let total: f64 = roots.iter().sum();
    let spare = available - floor;
    let mut widths: Vec<f64> = (0..n).map(|c| min[c] + if total > 0.0 { spare * roots[c] / total } else { spare / n as f64 }).collect();
    // Moves of one em while the table gets shorter (each move shortens it,
    // so this ends; the bound keeps it short on any input).
    let mut best = height(rows, &widths);
    for _ in 0..(4.0 * available) as usize {
        let mut step = None;
        for from in 0..n {
            for to in 0..n {
                if from == to || widths[from] - 1.0 < min[from] {
                    continue;
                }
                let mut trial = widths.clone();
                trial[from] -= 1.0;
                trial[to] += 1.0;
                let h = height(rows, &trial);
                if h < best {
                    best = h;
                    step = Some(trial);
                }
            }
        }
        match step {
            Some(trial) => widths = trial,
            None => break,
        }
    }
    // The column with the most text is the widest.
    let most = (0..n).max_by(|&a, &b| text[a].total_cmp(&text[b])).unwrap_or(0);
    let widest = (0..n).max_by(|&a, &b| widths[a].total_cmp(&widths[b])).unwrap_or(0);
    if widths[widest] > widths[most] {
        widths.swap(most, widest);
    }
    widths
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_column_of_long_texts_is_the_widest() {
        // Titles of about 15 characters, contents of about 120.
        let rows: Vec<Row> = (0..20).map(|i| vec![vec![14.0 + (i % 3) as f64], vec![60.0, 70.0 - i as f64]]).collect();
        let w = share(&rows, &[4.0, 4.0], 34.0);
        assert!(w[1] > 2.0 * w[0], "{w:?}");
        assert!(w[0] >= MIN_TEXT_EM);
    }

    #[test]
    fn short_columns_keep_their_minimum() {
        let rows: Vec<Row> = vec![vec![vec![2.0], vec![200.0], vec![1.0]]];
        let w = share(&rows, &[2.5, 4.0, 2.0], 30.0);
        assert!(w[0] >= 2.5 && w[2] >= 2.0, "{w:?}");
        assert!((w.iter().sum::<f64>() - 30.0).abs() < 1e-9);
    }

    #[test]
    fn the_column_with_most_text_is_never_narrower_than_another() {
        // Many short cells against few long ones.
        let mut rows: Vec<Row> = (0..30).map(|_| vec![vec![8.0], vec![]]).collect();
        rows.push(vec![vec![], vec![100.0]]);
        let w = share(&rows, &[4.0, 4.0], 30.0);
        let (most, _) = if 240.0 > 100.0 { (0, 1) } else { (1, 0) };
        assert!(w[most] >= w[1 - most], "{w:?}");
    }
}
