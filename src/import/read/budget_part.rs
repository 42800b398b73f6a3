//! The 歲出機關別預算表 of a booklet read back into budget data: the rows of
//! this year and last year, as the bundle's data files hold them.
//!
//! The table is found by its heading (`歲出機關別預算表` with the unit
//! caption close below it) and ends at the chart's heading (`…按工作計畫
//! （目）`). A tagged PDF gives its rows as cells; every other form (a PDF
//! read by position, `pdftotext`, a viewer's copy, a printed web page)
//! gives lines, read here. A row is found by its three amounts (本年度,
//! 上年度 and their difference, which must add up); its number, name and
//! code stand before them or, laid out by position, in the columns left of
//! them, its 說明 after them. The 說明's printed lines are read back into
//! its logical lines by the same rule that unwrapped them.

use crate::budget::{NO_SECTION, ROC_OFFSET, Reference, Row, Scope, THOUSAND, file_names, split_marker, unwrap_note, write_csv};
use crate::model::BudgetSpec;

use crate::import::heuristics::BUDGET_CAPTION_WITHIN;
use crate::import::layout::Block;

/// The budget table's heading, as booklet prints it.
pub const HEADING: &str = "歲出機關別預算表";
/// The unit caption under the heading.
const UNIT: &str = "單位：新臺幣千元";
/// The end of the chart's heading, which closes the table.
const CHART_HEADING_END: &str = "按工作計畫（目）";
/// The heading of a ministry volume's detailed table (after its summary).
const DETAIL_HEADING: &str = "歲出機關別預算明細";
/// The words of the table's repeated header (and of the summary's).
const HEADER_WORDS: [&str; 17] = [
    "科目",
    "本年度預算數",
    "上年度預算數",
    "本年度與",
    "上年度比較",
    "本年度與上年度比較",
    "說明",
    "款",
    "項",
    "目",
    "節",
    "名稱及編號",
    "機關別",
    "合計",
    "本年度",
    "預算數",
    "上年度",
];

/// A printed row, as read.
#[derive(Debug, Clone, Default)]
struct Printed {
    number: Option<u32>,
    name: String,
    code: Option<String>,
    current: Option<i64>,
    previous: Option<i64>,
    note: Vec<String>,
}

/// The budget data read back, and where the part starts.
#[derive(Debug, Clone)]
pub struct BudgetPart {
    /// The agency (項), or the 主管 of a ministry volume.
    pub scope: Scope,
    rows: Vec<Printed>,
}

impl BudgetPart {
    /// The data files of the draft, for the fiscal year (ROC): this year's
    /// and last year's, as `(name, text)`, and the manifest's `[budget]`.
    pub fn files(&self, fiscal_year: i64) -> (Vec<(String, String)>, BudgetSpec) {
        let (current, previous) = self.data(fiscal_year as i32 + ROC_OFFSET);
        let (now, before) = file_names(fiscal_year);
        (vec![(now, write_csv(&current)), (before, write_csv(&previous))], BudgetSpec::for_files("", fiscal_year, &self.scope))
    }

    /// The rows of both years: a 目 printed without 節 is one row, a 目
    /// with 節 is its 節 rows; last year's rows take this year's numbers
    /// (last year's are not printed).
    fn data(&self, year: i32) -> (Vec<Row>, Vec<Row>) {
        let mut current = Vec::new();
        let mut previous = Vec::new();
        let Some(kuan) = self.rows.first() else {
            return (current, previous);
        };
        let mut agency = String::new();
        let mut xiang = 0;
        let mut mu: Option<(&Printed, u32)> = None;
        let mut pending = (0i64, 0i64);
        let mut sections = 0;
        let mut ended = 0;
        let mut push = |p: &Printed, item: &Printed, number: u32, section: Option<u32>, agency: &str, xiang: u32| {
            let row = |year: i32, amount: i64| Row {
                year,
                code: item.code.clone().unwrap_or_default(),
                amount: amount * THOUSAND,
                name: if section.is_some() { p.name.clone() } else { NO_SECTION.into() },
                topname: kuan.name.clone(),
                depname: agency.to_string(),
                depcat: item.name.clone(),
                cat: String::new(),
                reference: Reference { kuan: kuan.number.unwrap_or(1), xiang: xiang.max(1), mu: number, section },
                note: p.note.join("\n"),
                at: 0,
            };
            if let Some(a) = p.current {
                current.push(row(year, a));
            }
            if let Some(a) = p.previous {
                previous.push(Row { note: String::new(), ..row(year - 1, a) });
            }
        };
        for (i, p) in self.rows.iter().enumerate().skip(1) {
            if p.code.is_some() {
                // A 目: a row of its own until a 節 shows it is given by them.
                if let Some((item, number)) = mu.take()
                    && sections == 0
                {
                    push(item, item, number, None, &agency, xiang);
                }
                let number = p.number.unwrap_or_else(|| {
                    ended += 1;
                    900 + ended
                });
                mu = Some((p, number));
                pending = (p.current.unwrap_or(0), p.previous.unwrap_or(0));
                sections = 0;
                continue;
            }
            // Without a code: a 節 of the open 目 when the 目 prints no 說明
            // and its amounts still hold this row's; else a 項.
            let fits = p.current.unwrap_or(0) <= pending.0 && p.previous.unwrap_or(0) <= pending.1;
            let single_agency = matches!(self.scope, Scope::Agency(_)) && i > 1;
            if let Some((item, number)) = mu
                && item.note.is_empty()
                && (fits || single_agency)
            {
                sections += 1;
                pending = (pending.0 - p.current.unwrap_or(0), pending.1 - p.previous.unwrap_or(0));
                push(p, item, number, Some(p.number.unwrap_or(sections)), &agency, xiang);
                continue;
            }
            if let Some((item, number)) = mu.take()
                && sections == 0
            {
                push(item, item, number, None, &agency, xiang);
            }
            agency = p.name.clone();
            xiang = p.number.unwrap_or(xiang + 1);
            sections = 0;
        }
        if let Some((item, number)) = mu
            && sections == 0
        {
            push(item, item, number, None, &agency, xiang);
        }
        (current, previous)
    }
}

/// An amount as printed: `1,234`, `-1,234`, or `—` for a year without it.
fn amount(token: &str) -> Option<Option<i64>> {
    if token == "—" {
        return Some(None);
    }
    let digits = token.strip_prefix('-').unwrap_or(token);
    let groups: Vec<&str> = digits.split(',').collect();
    let well_formed = !digits.is_empty()
        && groups[0].len() <= 3
        && !groups[0].is_empty()
        && groups[1..].iter().all(|g| g.len() == 3)
        && groups.iter().all(|g| g.bytes().all(|b| b.is_ascii_digit()));
    if !well_formed {
        return None;
    }
    let n: i64 = digits.replace(',', "").parse().ok()?;
    Some(Some(if token.starts_with('-') { -n } else { n }))
}

/// A line's whitespace-separated tokens with their byte offsets.
fn tokens(line: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in line.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &line[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &line[s..]));
    }
    out
}

/// The amounts of a row on a line: the first three neighbouring amounts
/// whose difference adds up; their token index.
fn triple(tokens: &[(usize, &str)]) -> Option<(usize, Option<i64>, Option<i64>)> {
    (0..tokens.len().saturating_sub(2)).find_map(|i| {
        let (a, b, c) = (amount(tokens[i].1)?, amount(tokens[i + 1].1)?, amount(tokens[i + 2].1)??);
        (a.unwrap_or(0) - b.unwrap_or(0) == c).then_some((i, a, b))
    })
}

fn is_code(token: &str) -> bool {
    token.len() == 10 && token.bytes().all(|b| b.is_ascii_alphanumeric()) && token.bytes().filter(u8::is_ascii_digit).count() >= 6
}

/// A row's number: one to three digits (and not an item marker).
fn number(token: &str) -> Option<u32> {
    (token.len() <= 3 && token.bytes().all(|b| b.is_ascii_digit())).then(|| token.parse().ok()).flatten()
}

fn is_furniture(line: &str) -> bool {
    let t = line.trim();
    let page_number = t.trim_matches(|c: char| matches!(c, '－' | '—' | '-') || c.is_whitespace());
    t.is_empty()
        || t == UNIT
        || tokens(t).iter().all(|(_, w)| HEADER_WORDS.contains(w))
        || (t != page_number && !page_number.is_empty() && page_number.bytes().all(|b| b.is_ascii_digit()))
}

/// Where the budget part starts in a text: the line that is the heading
/// with the unit caption close below it.
pub fn start_in_text(text: &str) -> Option<usize> {
    let lines: Vec<(usize, &str)> = text
        .split_inclusive('\n')
        .scan(0, |at, l| {
            let start = *at;
            *at += l.len();
            Some((start, l))
        })
        .collect();
    lines.iter().enumerate().find_map(|(i, (at, l))| {
        let close = lines[i + 1..].iter().filter(|(_, l)| !l.trim().is_empty()).take(BUDGET_CAPTION_WITHIN).any(|(_, l)| l.trim() == UNIT);
        (l.trim() == HEADING && close).then_some(*at)
    })
}

/// Reads the budget part of a text (from its heading on).
pub fn from_text(part: &str) -> Option<BudgetPart> {
    let mut lines: Vec<&str> = part.lines().skip(1).take_while(|l| !l.trim_end().ends_with(CHART_HEADING_END)).collect();
    // A ministry volume: its summary stands before the detailed table.
    let ministry_volume = lines.iter().position(|l| l.trim() == DETAIL_HEADING);
    if let Some(at) = ministry_volume {
        lines.drain(..=at);
    }
    let mut rows: Vec<Printed> = Vec::new();
    // Whether the current row's name has been read and its amounts not
    // yet (its name and code on lines of their own), and, for a row whose
    // amounts stood on its first line, their column: on a line laid out by
    // position, the name column is left of it and the 說明 right of it.
    let mut open = false;
    let mut column: Option<usize> = None;
    let mut notes: Vec<String> = Vec::new();
    let finish = |rows: &mut Vec<Printed>, notes: &mut Vec<String>| {
        if let Some(row) = rows.last_mut() {
            row.note = note_lines(notes);
        }
        notes.clear();
    };
    // A name, a code, or a name with the code glued to it (a cell's lines
    // read as one).
    let name_or_code = |row: &mut Printed, t: &str| {
        let glued = t.len() > 10
            && t.is_char_boundary(t.len() - 10)
            && is_code(&t[t.len() - 10..])
            && !t[..t.len() - 10].ends_with(|c: char| c.is_ascii_alphanumeric());
        if is_code(t) {
            row.code = Some(t.to_string());
        } else if glued {
            row.name.push_str(&t[..t.len() - 10]);
            row.code = Some(t[t.len() - 10..].to_string());
        } else {
            row.name.push_str(t);
        }
    };
    for line in lines {
        if is_furniture(line) {
            continue;
        }
        let toks = tokens(line);
        if let Some((i, current, previous)) = triple(&toks) {
            let before = &toks[..i];
            if before.is_empty() && open {
                // The amounts of the row whose name stood on lines before.
                let row = rows.last_mut().expect("an open row");
                (row.current, row.previous) = (current, previous);
                column = None;
            } else {
                finish(&mut rows, &mut notes);
                let mut row = Printed { current, previous, ..Printed::default() };
                let mut names = before.iter().map(|(_, t)| *t).peekable();
                row.number = names.peek().and_then(|t| number(t));
                if row.number.is_some() {
                    names.next();
                }
                names.for_each(|t| name_or_code(&mut row, t));
                rows.push(row);
                column = Some(toks[i].0);
            }
            open = false;
            notes.extend(toks.get(i + 3).map(|(at, _)| line[*at..].trim().to_string()));
            continue;
        }
        let in_notes = column.is_some_and(|c| toks.first().is_some_and(|(at, _)| *at >= c));
        let starts_row =
            !open && !in_notes && toks.len() >= 2 && number(toks[0].1).is_some() && !is_code(toks[1].1) && amount(toks[1].1).is_none();
        if starts_row {
            finish(&mut rows, &mut notes);
            let mut row = Printed { number: number(toks[0].1), ..Printed::default() };
            toks[1..].iter().for_each(|(_, t)| name_or_code(&mut row, t));
            rows.push(row);
            open = true;
            continue;
        }
        let Some(row) = rows.last_mut() else { continue };
        if open {
            toks.iter().for_each(|(_, t)| name_or_code(row, t));
            continue;
        }
        match column {
            Some(c) => {
                let split = toks.iter().position(|(at, _)| *at >= c).unwrap_or(toks.len());
                toks[..split].iter().for_each(|(_, t)| name_or_code(row, t));
                if let Some((at, _)) = toks.get(split) {
                    notes.push(line[*at..].trim().to_string());
                }
            }
            None => notes.push(line.trim().to_string()),
        }
    }
    finish(&mut rows, &mut notes);
    if rows.len() < 2 {
        return None;
    }
    let scope = match ministry_volume {
        Some(_) => Scope::Ministry(rows[0].name.clone()),
        None => Scope::Agency(rows[1].name.clone()),
    };
    Some(BudgetPart { scope, rows })
}

/// A 說明's printed lines back into its logical lines: the item markers
/// start them (as they did in the data), the space a hanging marker
/// prints after it taken out, and a line break between two Latin letters
/// read as the space it was.
fn note_lines(lines: &[String]) -> Vec<String> {
    let mut joined = String::new();
    for line in lines {
        let line = line.trim();
        let marked = split_marker(line).map(|(_, m, rest)| format!("{m}{}", rest.strip_prefix(' ').unwrap_or(rest)));
        let line = marked.as_deref().unwrap_or(line);
        if !joined.is_empty() {
            let latin = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
            if latin(joined.chars().last()) && latin(line.chars().next()) && split_marker(line).is_none() {
                joined.push(' ');
            } else {
                joined.push('\n');
            }
        }
        joined.push_str(line);
    }
    unwrap_note(&joined)
}

/// Where the budget part starts among a tagged PDF's blocks.
pub fn start_in_blocks(blocks: &[Block]) -> Option<usize> {
    blocks.iter().position(|b| matches!(b, Block::Heading { text, .. } if text.trim() == HEADING))
}

/// Reads the budget part of a tagged PDF (from its heading on): the rows
/// of its last table before the chart, laid out as lines in the order a
/// row is read (number and name, code, amounts, 說明).
pub fn from_blocks(part: &[Block]) -> Option<BudgetPart> {
    let end = part
        .iter()
        .position(|b| matches!(b, Block::Heading { text, .. } if text.trim_end().ends_with(CHART_HEADING_END)))
        .unwrap_or(part.len());
    let ministry = part[..end].iter().any(|b| matches!(b, Block::Heading { text, .. } if text.trim() == DETAIL_HEADING));
    let table = part[..end].iter().rev().find_map(|b| match b {
        Block::Table { rows, .. } => Some(rows),
        _ => None,
    })?;
    let mut text = format!("{HEADING}\n");

    if ministry {
        text.push_str(DETAIL_HEADING);
        text.push('\n');
    }
    // A row's cells in order, the empty ones left out (some writers do
    // not tag them): its number (款, 項, 目 or 節), name and code, the
    // three amounts, the 說明's paragraphs.
    for row in table.iter().filter(|r| !r.iter().all(|c| c.header)) {
        let mut cells = row.iter().filter(|c| c.paragraphs.iter().any(|p| !p.trim().is_empty())).peekable();
        let number = cells.next_if(|c| c.paragraphs.len() == 1 && number(c.paragraphs[0].trim()).is_some());
        let number = number.map_or(String::new(), |c| c.paragraphs[0].trim().to_string());
        let name = cells.next().map(|c| c.paragraphs.join("\n")).unwrap_or_default();
        let mut name_lines = name.split(['\n', ' ']).filter(|s| !s.is_empty());
        text.push_str(&format!("{number} {}\n", name_lines.next().unwrap_or_default()));
        for rest in name_lines {
            text.push_str(rest);
            text.push('\n');
        }
        let amounts: Vec<String> = cells.by_ref().take(3).map(|c| c.paragraphs.join(" ").trim().to_string()).collect();
        text.push_str(&amounts.join(" "));
        text.push('\n');
        for p in cells.flat_map(|c| c.paragraphs.iter()) {
            text.push_str(p);
            text.push('\n');
        }
    }
    from_text(&text)
}
