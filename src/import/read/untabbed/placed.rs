//! A further part's table read by where its words stand on their lines
//! (`pdftotext -layout`, an untagged PDF's text by position): a header of
//! up to three lines, where a heading that stands over the headings below
//! it groups them (收入 over 本年度 and 上年度); then rows whose cells are
//! placed in the columns of the first full row (text by where it starts,
//! numbers by where they end, right-aligned), a cell wrapped over several
//! lines joined back together, and a totals row (合計) whose empty cells
//! are told by position too.
//!
//! The numbers of the reading are here, named:

use crate::import::heuristics::{GROUP_HEADINGS_LEAST, PLACED_HEADER_LINES_MOST};
use crate::import::layout::ExtraTable;
use crate::import::read::untabbed::Src;
use crate::import::read::untabbed::cells::desquash;
use crate::import::text::markers::note_text;
use crate::import::text::styles::detect;

/// A word of a line and where it stands: its first and its last place.
#[derive(Debug, Clone)]
struct Word {
    start: usize,
    end: usize,
    text: String,
}

/// The words of a line apart by spaces, with their places (a character a
/// place, as the text gives them).
fn placed_words(raw: &str) -> Vec<Word> {
    let mut out = Vec::new();
    let mut current: Option<Word> = None;
    for (i, c) in raw.chars().chain(std::iter::once(' ')).enumerate() {
        if c.is_whitespace() {
            if let Some(w) = current.take() {
                out.push(w);
            }
        } else {
            let w = current.get_or_insert_with(|| Word { start: i, end: i, text: String::new() });
            w.end = i;
            w.text.push(c);
        }
    }
    out
}

/// A figure: digits with thousands separators, a decimal point, a sign, a
/// percent sign.
pub(in crate::import) fn is_figure(word: &str) -> bool {
    let body = word.strip_suffix(['%', '％']).unwrap_or(word);
    let body = body.strip_prefix(['-', '－', '△']).unwrap_or(body);
    !body.is_empty() && body.chars().all(|c| c.is_ascii_digit() || c == ',' || c == '.') && body.chars().any(|c| c.is_ascii_digit())
}

/// A row line: a figure and a word that is not one.
fn is_row(words: &[Word]) -> bool {
    words.iter().any(|w| is_figure(&w.text)) && words.iter().any(|w| !is_figure(&w.text))
}

/// The columns' names from the header's lines, each with its group: a
/// word of the top line nearest to two or more words of the bottom line is
/// their group; one nearest to one word of the line under it is the first
/// line of a heading wrapped in its column; the others name columns, left
/// to right.
fn header(lines: &[Vec<Word>]) -> Vec<(Option<String>, String, usize)> {
    let centre = |w: &Word| (w.start + w.end) / 2;
    if lines.len() < 2 {
        return lines.iter().flatten().map(|w| (None, w.text.clone(), centre(w))).collect();
    }
    let (top, bottom) = (&lines[0], &lines[lines.len() - 1]);
    // Each bottom word's nearest top word, and how many each top word has.
    let nearest: Vec<Option<usize>> =
        bottom.iter().map(|w| top.iter().enumerate().min_by_key(|(_, t)| centre(t).abs_diff(centre(w))).map(|(k, _)| k)).collect();
    let under = |k: usize| nearest.iter().filter(|&&n| n == Some(k)).count();
    let group = |k: usize| under(k) >= GROUP_HEADINGS_LEAST;
    let wrapped = |k: usize| lines.len() == 2 && under(k) == 1;
    let mut names: Vec<(Option<String>, String, usize)> = Vec::new();
    for (k, w) in top.iter().enumerate() {
        if !group(k) && !wrapped(k) {
            names.push((None, w.text.clone(), centre(w)));
        }
    }
    for line in &lines[1..lines.len() - 1] {
        names.extend(line.iter().map(|w| (None, w.text.clone(), centre(w))));
    }
    for (w, near) in bottom.iter().zip(&nearest) {
        match *near {
            Some(g) if group(g) => names.push((Some(top[g].text.clone()), w.text.clone(), centre(w))),
            Some(g) if wrapped(g) => names.push((None, format!("{}{}", top[g].text, w.text), centre(w))),
            _ => names.push((None, w.text.clone(), centre(w))),
        }
    }
    names.sort_by_key(|n| n.2);
    names
}

/// The column a word of a row stands in: a figure in the number column
/// whose figures end nearest to where it ends, other text in the text
/// column that starts nearest to where it starts.
fn column_of(word: &Word, anchors: &[(bool, usize)]) -> Option<usize> {
    let figure = is_figure(&word.text);
    anchors
        .iter()
        .enumerate()
        .filter(|(_, (numeric, _))| *numeric == figure)
        .min_by_key(|(_, (numeric, at))| if *numeric { at.abs_diff(word.end) } else { at.abs_diff(word.start) })
        .map(|(k, _)| k)
}

/// Reads the table that starts at `lines[0]` (the line after its chapter
/// heading): `None` where they do not hold one (no header over rows of
/// figures, or a header whose names do not match the first full row's
/// cells). Gives the table (its heading left empty) and how many lines it
/// took.
pub(in crate::import) fn table(lines: &[&Src]) -> Option<(ExtraTable, usize)> {
    let words: Vec<Vec<Word>> = lines.iter().map(|l| placed_words(&l.raw)).collect();
    let first_row = words.iter().take(PLACED_HEADER_LINES_MOST + 1).position(|w| is_row(w))?;
    // A header: no empty line, no row, no numbered line (a heading or an
    // item) above the first row.
    let numbered = |l: &Src| detect(&desquash(&l.raw), false).is_some();
    if first_row == 0 || words[..first_row].iter().any(|w| w.is_empty() || is_row(w)) || lines[..first_row].iter().any(|l| numbered(l)) {
        return None;
    }
    // Text laid out by position leaves wider gaps than a space between
    // some cells; text in drawing order (pdftotext -raw) does not, and its
    // cells are told by count, not here.
    if !lines[..=first_row].iter().any(|l| l.raw.trim().contains("  ")) {
        return None;
    }
    let names = header(&words[..first_row]);
    let n = names.len();
    // The columns' places, from the first row with a word in each.
    let full = words[first_row..].iter().take_while(|w| is_row(w) || !w.is_empty()).find(|w| w.len() == n)?;
    let anchors: Vec<(bool, usize)> = full.iter().map(|w| if is_figure(&w.text) { (true, w.end) } else { (false, w.start) }).collect();
    let mut table = ExtraTable {
        header: names.iter().map(|(_, name, _)| name.clone()).collect(),
        groups: names.iter().map(|(group, _, _)| group.clone()).collect(),
        ..ExtraTable::default()
    };
    let mut used = first_row;
    for (line, row) in lines[first_row..].iter().zip(&words[first_row..]) {
        let text = desquash(&line.raw);
        if row.is_empty() || note_text(&text).is_some() || (detect(&text, false).is_some() && !is_row(row)) {
            break;
        }
        let mut cells = vec![String::new(); n];
        for w in row {
            let k = column_of(w, &anchors)?;
            // Two figures in one column: the places do not tell the cells.
            if is_figure(&w.text) && !cells[k].is_empty() {
                return None;
            }
            crate::import::text::lines::join(&mut cells[k], &w.text);
        }
        let totals = matches!(cells[0].as_str(), "合計" | "總計");
        if is_row(row) || totals {
            if totals {
                table.totals = Some(cells);
            } else {
                table.rows.push(cells);
            }
        } else {
            // A wrapped cell's next line: text only, under its columns.
            let last = table.rows.last_mut()?;
            for (k, more) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
                crate::import::text::lines::join(&mut last[k], more);
            }
        }
        used += 1;
    }
    (!table.rows.is_empty()).then_some((table, used))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::untabbed::src_lines as src;

    #[test]
    fn a_header_of_three_lines_groups_and_wrapped_cells() {
        let text = concat!(
            "                      收入               支出\n",
            "   基金名稱                                            賸餘率              說明\n",
            "                本年度      上年度      本年度      上年度\n",
            " 範例作業基金         125,400 118,300  110,250  109,800   12.1%  收入增加係業務量成長\n",
            " 範例設施特別          40,210  38,870   39,990   37,650    0.5%  維持收支平衡\n",
            " 收入基金\n",
            " 合計             251,910 247,320  235,140  236,150\n",
            "註：賸餘率為本年度收入減支出占收入之比率。\n",
        );
        let lines = src(text);
        let refs: Vec<&Src> = lines.iter().collect();
        let (table, used) = table(&refs).expect("a table");
        assert_eq!(used, 7);
        assert_eq!(table.header, ["基金名稱", "本年度", "上年度", "本年度", "上年度", "賸餘率", "說明"]);
        let group = |g: &str| Some(g.to_string());
        assert_eq!(table.groups, [None, group("收入"), group("收入"), group("支出"), group("支出"), None, None]);
        assert_eq!(table.rows[1], ["範例設施特別收入基金", "40,210", "38,870", "39,990", "37,650", "0.5%", "維持收支平衡"]);
        assert_eq!(table.totals.as_ref().unwrap()[4], "236,150");
        assert_eq!(table.totals.as_ref().unwrap()[5], "");
    }

    #[test]
    fn a_totals_row_with_empty_text_cells_between() {
        let text = concat!(
            "  計畫名稱    主辦單位    總經費    計畫內容摘要\n",
            " 範例基金    資訊室      268,000  整合各基金會計\n",
            " 資訊系統                         系統\n",
            " 範例設施    設施管理組  154,500  汰換老舊設施\n",
            " 合計                   422,500\n",
        );
        let lines = src(text);
        let refs: Vec<&Src> = lines.iter().collect();
        let (table, _) = table(&refs).expect("a table");
        assert_eq!(table.rows[0], ["範例基金資訊系統", "資訊室", "268,000", "整合各基金會計系統"]);
        assert_eq!(table.totals.as_deref().unwrap(), ["合計", "", "422,500", ""]);
    }
}
