//! A table's body as `pdftotext -raw` or a PDF viewer's copy gives it: the
//! cells one after another in the order the PDF draws them, a cell's
//! wrapped lines one a line, and the cells that share a baseline on one
//! line, a space apart.
//!
//! The lines are cut into pieces where a list marker follows a space, the
//! continuation bands of
//! each page (`…（續）`) are left out, and each piece is read by its
//! marker's style. Which style numbers which level is read off the table:
//! the work plans' names stand in the narrowest column and count up once;
//! results restart most often (once a sub-item); of the other two, items
//! restart once a work plan and sub-items once an item, and an item's
//! title (across two columns) runs wider. A piece without a marker
//! continues the cell before it; an overview ends at its short last line
//! or at a line wider than its column, where the results begin. Work plans
//! are told apart where the items' numbers start again, and their names
//! (which the PDF may draw after their rows) go to them by number.

use crate::import::read::untabbed::cells::{desquash, places, wide_count};
use crate::import::read::untabbed::{Kind, Plan, Row, Src, continued, is_amount, width};
use crate::import::text::lines::squeeze;
use crate::import::text::markers::{CJK_NUMERALS, is_digit};
use crate::import::text::styles::detect;

/// One piece of text, with the marker style it opens with.
#[derive(Debug, Clone)]
struct Piece {
    text: String,
    style: Option<(String, usize)>,
    page: usize,
    /// Cut from the piece before at one space.
    spaced: bool,
}

/// A line cut before each list marker that follows a space, and at one
/// space between two runs of full-width text (two cells on one baseline,
/// or a space of the text: such a piece says so, and goes back to the one
/// before where both fall in one cell).
fn cut(line: &str) -> Vec<(String, bool)> {
    let mut words: Vec<&str> = Vec::new();
    let all: Vec<&str> = line.split(' ').filter(|w| !w.is_empty()).collect();
    for (k, word) in all.iter().enumerate() {
        // A letter-spaced marker run into the text before it (a viewer
        // joins the pieces of a baseline): `品質一 、 範` is `品質` and
        // `一 、 範`.
        let numeral: usize = word.chars().rev().take_while(|c| is_digit(*c) || CJK_NUMERALS.contains(*c)).map(char::len_utf8).sum();
        if all.get(k + 1).is_some_and(|next| *next == "、") && numeral > 0 && numeral < word.len() {
            let (before, marker) = word.split_at(word.len() - numeral);
            words.extend([before, marker]);
        } else if let Some(at) = run_in_work_plan(word) {
            // Not letter-spaced (a ragged cell): `品質一、範例管理業務`.
            words.extend([&word[..at], &word[at..]]);
        } else {
            words.push(word);
        }
    }
    let mut out: Vec<(String, bool)> = Vec::new();
    for (k, word) in words.iter().enumerate() {
        let rest = words[k..].join(" ");
        // A marker with its text, or alone at the line's end.
        let opens = detect(&desquash(&rest), false)
            .is_some_and(|(_, _, r)| (!r.is_empty() || k + 1 == words.len()) && !r.starts_with(|c: char| c.is_ascii_digit()));
        let gap = k > 0 && wide_count(words[k - 1]) >= 2 && wide_count(word) >= 2;
        match out.last_mut() {
            Some((last, _)) if !(opens || gap) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => out.push(((*word).to_string(), gap && !opens)),
        }
    }
    out
}

/// Where a work plan's name (`一、範例管理業務`) starts inside a word that
/// the PDF ran into the item title before it on one baseline
/// (`…提升服務品質一、範例管理業務`): a CJK numeral and 、 after a
/// full-width character other than a numeral, at a word that opens with a
/// marker, the name after it of two full-width characters or more.
fn run_in_work_plan(word: &str) -> Option<usize> {
    detect(word, false)?;
    let chars: Vec<(usize, char)> = word.char_indices().collect();
    (1..chars.len()).rev().find_map(|i| {
        let (at, c) = chars[i];
        let before = chars[i - 1].1;
        let numerals = chars[i..].iter().take_while(|(_, c)| CJK_NUMERALS.contains(*c)).count();
        let comma = chars.get(i + numerals).is_some_and(|(_, c)| *c == '、');
        let opens = CJK_NUMERALS.contains(c)
            && !CJK_NUMERALS.contains(before)
            && crate::import::read::untabbed::cells::wide(before)
            && before != '、';
        let name =
            chars[(i + numerals + 1).min(chars.len())..].iter().filter(|(_, c)| crate::import::read::untabbed::cells::wide(*c)).count();
        (opens && comma && numerals > 0 && name >= 2).then_some(at)
    })
}

/// A plans table's item number opening a line: `一 加強…`.
fn item_number(text: &str) -> Option<usize> {
    let (first, rest) = text.split_once(' ')?;
    let ok = (1..=3).contains(&first.chars().count())
        && first.chars().all(|c| is_digit(c) || CJK_NUMERALS.contains(c))
        && !rest.trim().is_empty();
    ok.then(|| detect(first, true).map_or(0, |(_, n, _)| n))
}

/// The pieces of a table's body, bands left out.
fn pieces(kind: Kind, body: &[Src]) -> Vec<Piece> {
    let mut lines: Vec<&Src> = Vec::new();
    let mut k = 0;
    while k < body.len() {
        if k > 0 && body[k].page != body[k - 1].page {
            // A page's band: its lines down to the last that ends in （續）.
            let window: Vec<usize> = (k..body.len().min(k + 5)).take_while(|&j| body[j].page == body[k].page).collect();
            if let Some(&end) = window.iter().rev().find(|&&j| continued(&body[j].raw)) {
                k = end + 1;
                continue;
            }
        }
        lines.push(&body[k]);
        k += 1;
    }
    let mut out: Vec<Piece> = Vec::new();
    let mut alone: Option<String> = None;
    for line in lines {
        let texts = if kind == Kind::Plans && item_number(line.raw.trim()).is_some() {
            // The item number and its title are one piece; what follows a
            // marker later on the line is cut off.
            let mut texts = cut(line.raw.trim());
            if texts.len() > 1 && item_number(&texts[0].0).is_none() {
                texts = vec![(line.raw.trim().to_string(), false)];
            }
            texts
        } else {
            cut(line.raw.trim())
        };
        for (text, spaced) in texts {
            if continued(&text) {
                continue;
            }
            // A marker alone on its line opens the text on the next.
            let text = match alone.take() {
                Some(marker) => format!("{marker}{text}"),
                None => text,
            };
            let squeezed = desquash(&text);
            if detect(&squeezed, false).is_some_and(|(_, _, r)| r.trim().is_empty()) {
                alone = Some(squeezed);
                continue;
            }
            let style = if kind == Kind::Plans
                && let Some(n) = item_number(&text)
            {
                Some(("一".to_string(), n))
            } else {
                detect(&squeezed, false).filter(|(_, _, r)| !r.starts_with(|c: char| c.is_ascii_digit())).map(|(p, n, _)| (p, n))
            };
            out.push(Piece { text, style, page: line.page, spaced });
        }
    }
    out
}

/// Reads a plans or outcome table's body into its work plans and rows.
pub(in crate::import) fn read(kind: Kind, body: &[Src]) -> Vec<Plan> {
    let pieces = pieces(kind, body);
    match kind {
        Kind::Plans => plans(&pieces),
        _ => outcomes(&pieces),
    }
}

/// A marker style as the table uses it.
#[derive(Debug)]
struct Seen {
    style: String,
    /// Its entries.
    count: usize,
    /// Its entries numbered 1.
    restarts: usize,
    /// The width of the widest but a quarter of its pieces: a column's full
    /// lines, not a line where two cells meet.
    width: usize,
}

/// The styles seen, in order of their first piece.
fn styles(pieces: &[Piece]) -> Vec<Seen> {
    let mut out: Vec<(String, usize, usize, Vec<usize>)> = Vec::new();
    for p in pieces {
        let Some((style, n)) = &p.style else { continue };
        let w = places(&desquash(&p.text));
        match out.iter_mut().find(|s| &s.0 == style) {
            Some(s) => {
                s.1 += 1;
                s.2 += usize::from(*n == 1);
                s.3.push(w);
            }
            None => out.push((style.clone(), 1, usize::from(*n == 1), vec![w])),
        }
    }
    out.into_iter()
        .map(|(style, count, restarts, widths)| Seen { style, count, restarts, width: column_width(&widths).unwrap_or(0) })
        .collect()
}

/// A column's width from the widths of its pieces: the widest but a
/// quarter of them (a column's full lines, not a line where two cells
/// meet); `None` for no pieces.
fn column_width(widths: &[usize]) -> Option<usize> {
    let mut sorted = widths.to_vec();
    sorted.sort_unstable();
    sorted.get((sorted.len() * 3 / 4).min(sorted.len().saturating_sub(1))).copied()
}

/// The work plans' style: the narrowest of those that count up once.
fn plan_style(styles: &[Seen], skip: &[&str]) -> Option<String> {
    styles.iter().filter(|s| s.restarts <= 1 && !skip.contains(&s.style.as_str())).min_by_key(|s| s.width).map(|s| s.style.clone())
}

/// Gives the names, in number order, to the plans.
fn name_plans(plans: &mut Vec<Plan>, mut names: Vec<(usize, Vec<String>)>) {
    names.sort_by_key(|(n, _)| *n);
    while plans.len() < names.len() {
        plans.push(Plan::default());
    }
    for (plan, (_, name)) in plans.iter_mut().zip(names) {
        plan.name = name;
    }
}

fn outcomes(pieces: &[Piece]) -> Vec<Plan> {
    let styles = styles(pieces);
    let Some(wp) = plan_style(&styles, &[]) else {
        return Vec::new();
    };
    let mut rest: Vec<&Seen> = styles.iter().filter(|s| s.style != wp).collect();
    // Results: the most restarts (the most entries, the latest to come).
    let first = |style: &str| styles.iter().position(|t| t.style == style).unwrap_or(0);
    rest.sort_by_key(|s| (std::cmp::Reverse(s.restarts), std::cmp::Reverse(s.count), std::cmp::Reverse(first(&s.style))));
    let result = rest.first().map(|s| s.style.clone());
    // Items restart less often than sub-items, and come first.
    let mut others: Vec<&Seen> = rest.iter().skip(1).copied().collect();
    others.sort_by_key(|s| (s.restarts, first(&s.style)));
    let (item, sub) = match others.as_slice() {
        [] => (None, None),
        [one] => (None, Some(one.style.clone())),
        [a, b, ..] => (Some(a.style.clone()), Some(b.style.clone())),
    };
    let width = |style: Option<&String>| styles.iter().find(|s| Some(&s.style) == style).map(|s| s.width);
    let sub_width = width(sub.as_ref()).unwrap_or(usize::MAX);
    let name_width = width(Some(&wp)).unwrap_or(0);
    let item_width = width(item.as_ref()).unwrap_or(0);

    #[derive(PartialEq)]
    enum In {
        Name,
        Title,
        Overview,
        Results,
    }
    let mut plans: Vec<Plan> = Vec::new();
    let mut names: Vec<(usize, Vec<String>)> = Vec::new();
    let mut at = In::Title;
    // Where the text went before a name came between (the PDF may draw a
    // name at its page's end, in the middle of a cell that goes on).
    let mut before = In::Title;
    let mut last_width = 0;
    let mut page = 0;
    // The column the piece before went to.
    let mut last_col: Option<usize> = None;
    // The widths of an overview's lines that open with no marker (see
    // [`column_width`]).
    let mut overview_widths: Vec<usize> = Vec::new();
    for p in pieces {
        let style = p.style.as_ref().map(|(s, n)| (s.as_str(), *n));
        let w = places(&desquash(&p.text));
        if p.page != page && at == In::Name {
            at = std::mem::replace(&mut before, In::Title);
        }
        // A row that goes on over a page break draws its overview's rest
        // first, where its last line before the break was full.
        if p.page != page && at == In::Results {
            // (Against the lines of overviews without their markers, where
            // some were seen: a marker alone on its line makes the
            // sub-items' pieces wider than their column.)
            let column = column_width(&overview_widths).unwrap_or(sub_width);
            let full = plans
                .last()
                .and_then(|p| p.rows.last())
                .and_then(|r| r.cols[1].last())
                .is_some_and(|l| places(&desquash(l)) * 10 >= column * 7);
            if full {
                at = In::Overview;
            }
        }
        page = p.page;
        match style {
            Some((s, n)) if s == wp => {
                names.push((n, vec![p.text.clone()]));
                if at != In::Name {
                    before = std::mem::replace(&mut at, In::Name);
                }
            }
            Some((s, n)) if Some(s) == item.as_deref() || (item.is_none() && Some(s) == sub.as_deref()) => {
                if n == 1 || plans.is_empty() {
                    plans.push(Plan::default());
                }
                let mut row = Row::new(3);
                row.cols[1].push(p.text.clone());
                plans.last_mut().expect("a plan").rows.push(row);
                at = if Some(s) == sub.as_deref() { In::Overview } else { In::Title };
            }
            Some((s, _)) if Some(s) == sub.as_deref() => {
                let mut row = Row::new(3);
                row.cols[1].push(p.text.clone());
                if plans.is_empty() {
                    plans.push(Plan::default());
                }
                plans.last_mut().expect("a plan").rows.push(row);
                at = In::Overview;
                last_col = Some(1);
                last_width = w;
                continue;
            }
            Some((s, _)) if Some(s) == result.as_deref() => {
                if let Some(row) = plans.last_mut().and_then(|p| p.rows.last_mut()) {
                    row.cols[2].push(p.text.clone());
                }
                at = In::Results;
                last_col = Some(2);
                last_width = w;
                continue;
            }
            _ => {
                // A name goes on while its pieces fit the name's column.
                if at == In::Name && w <= name_width {
                    if let Some((_, name)) = names.last_mut() {
                        name.push(p.text.clone());
                    }
                    continue;
                }
                if at == In::Name {
                    at = std::mem::replace(&mut before, In::Title);
                }
                // An overview ends at its short last line or a wider one.
                if at == In::Overview && (w > sub_width + 2 || last_width * 2 < sub_width) {
                    at = In::Results;
                }
                // After an item's title that ends short: a sub-item without
                // a marker.
                if at == In::Title && last_width * 10 < item_width * 7 {
                    if let Some(plan) = plans.last_mut() {
                        plan.rows.push(Row::new(3));
                    }
                    at = In::Overview;
                    last_col = None;
                }
                let Some(row) = plans.last_mut().and_then(|p| p.rows.last_mut()) else {
                    continue;
                };
                let col = if matches!(at, In::Overview | In::Title) { 1 } else { 2 };
                if at == In::Overview {
                    overview_widths.push(w);
                }
                push(&mut row.cols[col], p, last_col == Some(col));
                last_col = Some(col);
                last_width = w;
                continue;
            }
        }
        last_width = w;
        last_col = None;
    }
    name_plans(&mut plans, names);
    plans
}

/// A piece onto a cell's lines: onto the last line, a space apart, where
/// it was cut from it at a space of the text.
fn push(lines: &mut Vec<String>, piece: &Piece, same_cell: bool) {
    match lines.last_mut() {
        Some(last) if piece.spaced && same_cell => {
            last.push(' ');
            last.push_str(&piece.text);
        }
        _ => lines.push(piece.text.clone()),
    }
}

fn plans(pieces: &[Piece]) -> Vec<Plan> {
    let styles = styles(pieces);
    let Some(wp) = plan_style(&styles, &["一"]) else {
        return Vec::new();
    };
    let w = width(Kind::Plans);
    #[derive(PartialEq)]
    enum In {
        Name,
        Title,
        Contents,
        Remarks,
    }
    let mut plans: Vec<Plan> = Vec::new();
    let mut names: Vec<(usize, Vec<String>)> = Vec::new();
    let mut at = In::Title;
    let mut before = In::Title;
    let mut page = 0;
    let name_width = styles.iter().find(|s| s.style == wp).map_or(0, |s| s.width);
    // The widest line of an item's title so far: the title column's width.
    let mut title_width = 0;
    for p in pieces {
        if matches!(p.text.split_whitespace().next().map(squeeze).as_deref(), Some("小計" | "合計" | "總計")) {
            continue;
        }
        if p.page != page && at == In::Name {
            at = std::mem::replace(&mut before, In::Title);
        }
        // A row that goes on over a page break draws its title's rest
        // first, where the title's last line before the break was full and
        // what comes is no wider than a title's line.
        if p.page != page && at == In::Contents && p.style.is_none() {
            let title = plans.last().and_then(|p| p.rows.last()).and_then(|r| r.cols[2].last());
            let full = title.is_some_and(|l| places(&desquash(l)) * 10 >= title_width * 7);
            if full && places(&desquash(&p.text)) <= title_width {
                at = In::Title;
            }
        }
        page = p.page;
        let style = p.style.as_ref().map(|(s, n)| (s.as_str(), *n));
        match style {
            Some((s, n)) if s == wp => {
                names.push((n, vec![p.text.clone()]));
                if at != In::Name {
                    before = std::mem::replace(&mut at, In::Name);
                }
            }
            Some(("一", n)) => {
                if n == 1 || plans.is_empty() {
                    plans.push(Plan::default());
                }
                let mut row = Row::new(w);
                let (number, title) = p.text.split_once(' ').unwrap_or((&p.text, ""));
                row.cols[1].push(number.to_string());
                row.cols[2].push(title.to_string());
                title_width = title_width.max(places(&desquash(title)));
                plans.last_mut().expect("a plan").rows.push(row);
                at = In::Title;
            }
            Some(_) => {
                if let Some(row) = plans.last_mut().and_then(|p| p.rows.last_mut()) {
                    row.cols[3].push(p.text.clone());
                }
                at = In::Contents;
            }
            None => {
                if at == In::Name && places(&desquash(&p.text)) <= name_width {
                    if let Some((_, name)) = names.last_mut() {
                        name.push(p.text.clone());
                    }
                    continue;
                }
                if at == In::Name {
                    at = std::mem::replace(&mut before, In::Title);
                }
                let Some(row) = plans.last_mut().and_then(|p| p.rows.last_mut()) else {
                    continue;
                };
                let first = p.text.split_whitespace().next().unwrap_or("");
                if is_amount(first) && row.cols[4].is_empty() {
                    row.cols[4].push(first.to_string());
                    let remarks = p.text[first.len()..].trim();
                    if !remarks.is_empty() {
                        row.cols[5].push(remarks.to_string());
                    }
                    at = In::Remarks;
                    continue;
                }
                match at {
                    In::Title | In::Name => {
                        title_width = title_width.max(places(&desquash(&p.text)));
                        row.cols[2].push(p.text.clone());
                    }
                    In::Contents => row.cols[3].push(p.text.clone()),
                    In::Remarks => row.cols[5].push(p.text.clone()),
                }
            }
        }
    }
    name_plans(&mut plans, names);
    plans
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(text: &str) -> Vec<Src> {
        text.lines()
            .enumerate()
            .map(|(i, l)| Src { no: i + 1, page: 1 + l.matches('\u{c}').count(), raw: l.replace('\u{c}', "") })
            .collect()
    }

    #[test]
    fn an_outcome_table_from_its_cells_in_drawing_order() {
        let text = "1、促進工會組織自由化\n（1）\n健全工會法制，辦理工會\n法令座談會\n1. 辦理部長訪視工會團體83場次，計訪視\n141家工會團體。\n2. 辦理聯繫會報1場次。\n二、勞動關\n係業務\n";
        let plans = read(Kind::Outcomes, &src(text));
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].name, ["二、勞動關", "係業務"]);
        assert_eq!(plans[0].rows.len(), 2);
        assert_eq!(plans[0].rows[0].cols[1], ["1、促進工會組織自由化"]);
        assert_eq!(plans[0].rows[1].cols[1], ["（1）健全工會法制，辦理工會", "法令座談會"]);
        assert_eq!(plans[0].rows[1].cols[2], ["1. 辦理部長訪視工會團體83場次，計訪視", "141家工會團體。", "2. 辦理聯繫會報1場次。"]);
        let texts: Vec<String> = cut("（1）推動範例管理業務，提升服務品質一 、 範 例 管").into_iter().map(|(t, _)| t).collect();
        assert_eq!(texts, ["（1）推動範例管理業務，提升服務品質", "一 、 範 例 管"], "a letter-spaced name run into a title");
    }

    #[test]
    fn a_plans_table_with_amounts_and_remarks() {
        let text = "一 基本行政工作維持 （1）\n辦理人員維持及基\n本行政工作。\n152,340 含人事費\n二 資訊管理 （1）\n維護縣政資訊系統。\n18,250\n一、一般行政\n小計 170,590\n";
        let plans = read(Kind::Plans, &src(text));
        assert_eq!(plans.len(), 1);
        assert_eq!(plans[0].name, ["一、一般行政"]);
        let row = &plans[0].rows[0];
        assert_eq!((row.cols[1].as_slice(), row.cols[2].as_slice()), (&["一".to_string()][..], &["基本行政工作維持".to_string()][..]));
        assert_eq!(row.cols[3], ["（1）辦理人員維持及基", "本行政工作。"]);
        assert_eq!((row.cols[4].as_slice(), row.cols[5].as_slice()), (&["152,340".to_string()][..], &["含人事費".to_string()][..]));
        assert_eq!(plans[0].rows[1].cols[4], ["18,250"]);
    }
}
