//! The cells of a table read from text: the work plans and rows the
//! readers found, made into the rows of cells (with spans) that a tagged
//! PDF gives for the same table, so that one stage ([`crate::import::layout`])
//! writes both. Also the staffing table, whose rows are an agency and its
//! numbers on one line in every layout, and the text helpers: letter-spaced
//! text closed up, wrapped lines joined, a cell's lines cut into its
//! numbered paragraphs.

use crate::import::heuristics::WRAPPED_NAME_MOST;
use crate::import::read::untabbed::{Kind, Plan, Src, TableCell, cell, is_amount};
use crate::import::text::lines::join;
use crate::import::text::lines::squeeze;
use crate::import::text::styles::{detect, pattern_of};

/// The width of a text in half-width places (the workbook's measure).
pub(in crate::import) fn places(text: &str) -> usize {
    crate::workbook::display_width(text) as usize
}

/// The number of full-width characters in a text.
pub(in crate::import) fn wide_count(text: &str) -> usize {
    text.chars().filter(|c| wide(*c)).count()
}

/// A character printed full width (CJK, full-width forms and punctuation).
pub(in crate::import) use crate::view::widths::is_wide as wide;

/// A piece of text with the spaces a letter-spaced (justified) line puts
/// between its characters removed (`健 全 勞 工` is `健全勞工`, `會 5場 次`
/// is `會5場次`); in other text, a space beside full-width text is the
/// text's own and kept. Runs of spaces are made one.
pub fn desquash(text: &str) -> String {
    let text = text.trim();
    let runs: Vec<&str> = text.split_whitespace().collect();
    let letter_spaced = runs.len() >= 3 && runs.iter().filter(|r| wide_count(r) <= 1).count() * 10 >= runs.len() * 7;
    if !letter_spaced {
        return runs.join(" ");
    }
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    for (i, &c) in chars.iter().enumerate() {
        if !c.is_whitespace() {
            out.push(c);
            continue;
        }
        let next = chars[i + 1..].iter().copied().find(|c| !c.is_whitespace());
        if let (Some(prev), Some(next)) = (out.chars().last(), next)
            && !prev.is_whitespace()
            && !wide(prev)
            && !wide(next)
        {
            out.push(' ');
        }
    }
    out
}

/// A cell's lines as one paragraph.
pub(in crate::import) fn joined(lines: &[String]) -> String {
    let mut out = String::new();
    for line in lines {
        join_kept(&mut out, line);
    }
    out.trim_end().to_string()
}

/// Joins a wrapped line onto the text before it, letter-spacing closed up;
/// a space that ended the line (the text's own, where it was broken) is
/// kept for the line after.
fn join_kept(out: &mut String, line: &str) {
    join(out, &desquash(line));
    if line.ends_with(' ') && !out.is_empty() {
        out.push(' ');
    }
}

/// A cell's lines as its numbered paragraphs: a line that starts with the
/// marker style of the first numbered one starts a paragraph, the others
/// continue it (the lines before the first numbered one are a paragraph
/// of their own: an introduction such as 摘要如下：).
pub(in crate::import) fn paragraphs(lines: &[String]) -> Vec<String> {
    let lines: Vec<&String> = lines.iter().filter(|l| !l.trim().is_empty()).collect();
    let style = lines.iter().find_map(|l| detect(&desquash(l), false).filter(|(_, n, _)| *n == 1).map(|(p, ..)| p));
    let mut out: Vec<String> = Vec::new();
    // The number the next numbered paragraph has (or one or two more, a
    // number skipped; or 1, a list begun again): a line that starts as if
    // numbered but far out of turn (`96.5％` wrapped to a line's start)
    // goes on the paragraph before.
    let mut next = 1;
    for line in lines {
        let number = style.as_ref().and_then(|s| detect(&desquash(line), false).filter(|(p, ..)| p == s).map(|(_, n, _)| n));
        let starts = number.is_some_and(|n| n == 1 || (next..=next + 2).contains(&n));
        if let Some(n) = number.filter(|_| starts) {
            next = n + 1;
        }
        if starts || out.is_empty() {
            out.push(String::new());
        }
        if let Some(last) = out.last_mut() {
            join_kept(last, line);
        }
    }
    out.into_iter().map(|p| p.trim_end().to_string()).collect()
}

/// Header words: a line's pieces between spaces, with letter-spaced
/// single characters closed up (`機   關` is `機關`).
pub(in crate::import) fn words(line: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut single = false;
    for token in line.split_whitespace() {
        let one = token.chars().count() == 1 && token.chars().all(wide);
        match out.last_mut() {
            Some(last) if one && single => last.push_str(token),
            _ => out.push(token.to_string()),
        }
        single = one;
    }
    out
}

/// 預算員額說明表 from its header row at `at`: the header's words, then one
/// row per line of an agency (its name, then one number per category),
/// up to the first line that is not one. Gives the rows and the index of
/// the line after the table.
pub(in crate::import) fn staffing(src: &[Src], at: usize) -> (Vec<Vec<TableCell>>, usize) {
    let header = words(&src[at].raw);
    let numbers = header.len().saturating_sub(1);
    let mut rows = vec![header.iter().map(|w| cell(vec![w.clone()], true)).collect::<Vec<_>>()];
    let mut next = at + 1;
    for (k, line) in src.iter().enumerate().skip(at + 1) {
        if squeeze(&line.raw).is_empty() {
            continue;
        }
        let tokens: Vec<&str> = line.raw.split_whitespace().collect();
        // A count is a number, or a dash for none (as the duties stage
        // reads a staffing cell).
        let count = |t: &&&str| is_amount(t) || matches!(**t, "-" | "－" | "—" | "–");
        let counted = tokens.iter().rev().take_while(count).count();
        // An agency's name wrapped in its narrow column: its last
        // characters alone on the next line (`範例文化資產園區管理` over `處`).
        if counted == 0
            && tokens.len() == 1
            && rows.len() > 1
            && tokens[0].chars().count() <= WRAPPED_NAME_MOST
            && tokens[0].chars().all(wide)
        {
            if let Some(name) = rows.last_mut().and_then(|r| r.first_mut()).and_then(|c| c.paragraphs.first_mut()) {
                name.push_str(tokens[0]);
            }
            next = k + 1;
            continue;
        }
        if counted != numbers || tokens.len() == numbers {
            break;
        }
        let name = desquash(&tokens[..tokens.len() - numbers].join(" "));
        let mut row = vec![cell(vec![name], false)];
        row.extend(tokens[tokens.len() - numbers..].iter().map(|t| cell(vec![(*t).to_string()], false)));
        rows.push(row);
        next = k + 1;
    }
    (rows, next)
}

/// The header row of a plans or outcome table, as a tagged PDF has it.
fn header_row(kind: Kind, header: &[String], amounts: bool, remarks: bool) -> Vec<TableCell> {
    let main = header.iter().find(|h| crate::import::read::untabbed::header_kind(h) == Some(kind)).map_or_else(Vec::new, |h| words(h));
    let mut row = Vec::new();
    for word in main.iter().filter(|w| !(w.contains("金額") || w.contains("預算數") || w.as_str() == "備註" || w.starts_with('（')))
    {
        let mut c = cell(vec![word.clone()], true);
        if kind == Kind::Plans && word.contains("重要計畫項目") {
            c.col_span = 2;
        }
        row.push(c);
    }
    if amounts {
        // The amount's heading and its unit, wherever the header printed them.
        let all: Vec<String> = header.iter().flat_map(|h| words(h)).collect();
        let heading = all.iter().find(|w| w.contains("金額") || w.contains("預算數")).cloned().unwrap_or_else(|| "預算金額".into());
        let unit = all.iter().find(|w| w.starts_with('（') && w.ends_with('）')).cloned().unwrap_or_default();
        row.push(cell(vec![format!("{heading}{unit}")], true));
    }
    if remarks {
        row.push(cell(vec!["備註".into()], true));
    }
    row
}

/// A plans or outcome table's rows of cells, as a tagged PDF has them: the
/// header row, then per work plan its rows, the work plan's cell spanning
/// them. An outcome row without results whose marker is not a sub-item's
/// is an item's title across the overview and results columns.
pub(in crate::import) fn grid(kind: Kind, header: &[String], plans: &[Plan]) -> Vec<Vec<TableCell>> {
    let all_header: String = header.iter().map(|h| squeeze(h)).collect();
    let amounts = kind == Kind::Plans
        && (all_header.contains("金額")
            || all_header.contains("預算數")
            || plans.iter().flat_map(|p| &p.rows).any(|r| !r.cols[4].is_empty()));
    let remarks = kind == Kind::Plans && (all_header.contains("備註") || plans.iter().flat_map(|p| &p.rows).any(|r| !r.cols[5].is_empty()));
    let mut rows = vec![header_row(kind, header, amounts, remarks)];
    let style = |lines: &[String]| lines.first().and_then(|l| pattern_of(&desquash(l)));
    let sub_styles: Vec<String> =
        plans.iter().flat_map(|p| &p.rows).filter(|r| !r.cols[2].is_empty()).filter_map(|r| style(&r.cols[1])).collect();
    for plan in plans {
        let mut body: Vec<Vec<TableCell>> = Vec::new();
        for row in &plan.rows {
            let cells = match kind {
                Kind::Plans => {
                    let mut cells = vec![
                        cell(vec![joined(&row.cols[1])], false),
                        cell(vec![joined(&row.cols[2])], false),
                        cell(paragraphs(&row.cols[3]), false),
                    ];
                    if amounts {
                        cells.push(cell(vec![joined(&row.cols[4])], false));
                    }
                    if remarks {
                        cells.push(cell(vec![joined(&row.cols[5])].into_iter().filter(|t| !t.is_empty()).collect(), false));
                    }
                    cells
                }
                _ => {
                    let title = row.cols[2].is_empty() && style(&row.cols[1]).is_some_and(|s| !sub_styles.contains(&s));
                    if title {
                        let mut c = cell(vec![joined(&row.cols[1])], false);
                        c.col_span = 2;
                        vec![c]
                    } else {
                        vec![cell(vec![joined(&row.cols[1])], false), cell(paragraphs(&row.cols[2]), false)]
                    }
                }
            };
            body.push(cells);
        }
        if body.is_empty() {
            body.push(Vec::new());
        }
        let mut name = cell(vec![joined(&plan.name)], false);
        name.row_span = body.len();
        body[0].insert(0, name);
        rows.extend(body);
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_agencys_name_wrapped_under_its_row_is_joined() {
        let src = crate::import::read::untabbed::src_lines(
            "  機關    職員   工友   合計\n  範例文化資產園區管理   36   4   40\n  處\n  合計   36   4   40\n",
        );
        let (rows, next) = staffing(&src, 0);
        assert_eq!(rows[1][0].paragraphs, ["範例文化資產園區管理處"]);
        assert_eq!(rows.len(), 3, "the totals row read too");
        assert_eq!(next, 4);
    }

    #[test]
    fn letter_spacing_is_closed_up_and_latin_words_keep_a_space() {
        assert_eq!(desquash(" 健 全 勞 工 保 險 制 "), "健全勞工保險制");
        assert_eq!(desquash("會 5場 次 （ 事 業 單 位 2場 次"), "會5場次（事業單位2場次");
        assert_eq!(desquash("APEC、WTO  and   ILO"), "APEC、WTO and ILO");
        assert_eq!(desquash("活動1場次，計 42人參加。"), "活動1場次，計 42人參加。", "a space of the text");
    }

    #[test]
    fn a_cell_is_cut_into_its_numbered_paragraphs() {
        let lines: Vec<String> = ["1. 辦理部長訪視", "141家。", "2. 辦理聯繫會報"].map(String::from).to_vec();
        assert_eq!(paragraphs(&lines), ["1. 辦理部長訪視141家。", "2. 辦理聯繫會報"]);
        let lines: Vec<String> = ["摘要如下：", "1. 修正發布", "細則。"].map(String::from).to_vec();
        assert_eq!(paragraphs(&lines), ["摘要如下：", "1. 修正發布細則。"]);
        let lines: Vec<String> = ["1. 計215人參加，平均滿意度", "96.5％。", "2. 培植種子師資。"].map(String::from).to_vec();
        assert_eq!(
            paragraphs(&lines),
            ["1. 計215人參加，平均滿意度96.5％。", "2. 培植種子師資。"],
            "a decimal at a line's start is not item 96"
        );
        let lines: Vec<String> = ["中 央 補 助 ", "50%"].map(String::from).to_vec();
        assert_eq!(joined(&lines), "中央補助 50%", "a line's own last space");
        assert_eq!(words("     機   關       職員    工友"), ["機關", "職員", "工友"]);
    }
}
