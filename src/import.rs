//! Importing: a draft bundle from the plain-text extraction of a printed
//! booklet, the engine of `booklet import TEXT --out DIR`.
//!
//! The extraction (see `tests/fixtures/mol-109-source.txt`) holds the
//! booklet's text line by line: the front matter (agency, title, fiscal
//! year), numbered headings (`1、 現行法定職掌`, `（1） 機關主要職掌：`), list
//! entries (`1、…`, `（1）…`), results (`1. …`), lines wrapped by the layout,
//! and tables whose cells start with a tab. [`import`] turns it into the
//! TOML files of a bundle: `booklet.toml`, `duties.toml`, `policy.toml` and
//! one `outcomes-N.toml` per outcome table, with list markers stripped
//! (the booklet numbers entries itself), wrapped lines joined, layout runs
//! of spaces removed and the text NFC-normalised.
//!
//! Parts and sections are recognised by their customary wording (職掌,
//! 分層業務, 員額, 施政目標, 施政計畫, 實施成果), not by their numbers, since
//! the extraction writes part and list numbers alike. What cannot be placed
//! with certainty comes back as [`Note`]s with the source line: lines not
//! recognised (left out of the draft), tables that cannot be parsed, and
//! above all the outcome tables, whose 實施成果 cell holds the results of
//! all sub-items of a work plan without saying which belong to which: the
//! results are grouped (a `1.` starts a group, `2.`, `3.`… continue it, any
//! other line is a group of its own) and the groups assigned to the
//! sub-items in order; when the counts differ, a note says so.
//!
//! The importer never panics: any text gives a draft, possibly nearly
//! empty, whose files always parse as bundle files.

use std::fmt::Write as _;

use unicode_normalization::UnicodeNormalization;

use crate::{load::MANIFEST, validate::leading_marker, validate::sheet_name_problem, workbook::FIXED_SHEETS};

/// A draft bundle: file name (relative to the bundle dir) -> TOML text. The manifest is "booklet.toml".
#[derive(Debug, Clone, Default)]
pub struct Draft {
    pub files: Vec<(String, String)>,
    pub notes: Vec<Note>,
}

/// Something the importer could not place with certainty.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// The 1-based source line.
    pub line: usize,
    pub message: String,
}

impl std::fmt::Display for Note {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}: {}", self.line, self.message)
    }
}

/// Drafts a bundle from a booklet's plain-text extraction.
pub fn import(text: &str) -> Draft {
    let lines = lines_of(text);
    let mut im = Importer::default();
    let mut i = 0;
    while i < lines.len() {
        let line = &lines[i];
        if line.cell {
            let (cells, next) = read_cells(&lines, i, im.part);
            im.table(cells, line.no);
            im.blank = true;
            i = next;
            continue;
        }
        i += 1;
        if line.text.is_empty() {
            im.blank = true;
            continue;
        }
        match part_heading(&line.text) {
            Some((part, heading)) if part > im.part => im.enter(part, heading),
            _ => im.line(line),
        }
        im.blank = false;
    }
    im.finish()
}

// ---------------------------------------------------------------------------
// Lines, text and markers

/// One source line, cleaned.
struct Line {
    /// 1-based.
    no: usize,
    /// Starts a table cell (begins with a tab).
    cell: bool,
    text: String,
}

fn lines_of(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: String = text.nfc().collect();
    text.lines()
        .enumerate()
        .map(|(i, raw)| Line { no: i + 1, cell: raw.trim_start_matches(' ').starts_with('\t'), text: clean(raw) })
        .collect()
}

/// Trims, turns control characters into spaces, and removes runs of two or
/// more spaces (layout artefacts), keeping one between two Latin letters.
fn clean(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let (Some(before), Some(after)) = (out.chars().last(), chars.get(i).copied()) else { continue };
        if i - start == 1 {
            out.push(chars[start]);
        } else if before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
            out.push(' ');
        }
    }
    out
}

/// Appends a wrapped line to the text it continues.
fn join(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if text.chars().last().is_some_and(|c| c.is_ascii_alphabetic())
        && more.starts_with(|c: char| c.is_ascii_alphabetic())
    {
        text.push(' ');
    }
    text.push_str(more);
}

/// `「first words…」` for messages.
fn quote(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    format!("「{s}」")
}

/// The kinds of list marker the extraction holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `1、`
    Dun,
    /// `（1）` or `(1)`
    Paren,
    /// `1.`
    Dot,
    /// `一、`
    Cjk,
    /// `（一）`
    CjkParen,
    /// `壹、`
    Formal,
}

#[derive(Debug, Clone, Copy)]
struct Marker {
    kind: Kind,
    /// The number it counts.
    n: u32,
}

const CJK_NUMERALS: &str = "〇零一二三四五六七八九十百";
const FORMAL_NUMERALS: &str = "壹貳參叁肆伍陸柒捌玖拾佰";

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() { c as u32 - '0' as u32 } else { c as u32 - '０' as u32 }
}

fn number(digits: &str) -> u32 {
    digits.chars().filter(|c| is_digit(*c)).fold(0u32, |n, c| n.saturating_mul(10).saturating_add(digit_value(c)))
}

/// The value of Chinese numerals: `一` 1, `十二` 12, `二十` 20, `貳拾壹` 21.
fn numeral_value(text: &str) -> u32 {
    let (mut total, mut current) = (0u32, 0u32);
    for c in text.chars() {
        let digit = match c {
            '〇' | '零' => Some(0),
            '一' | '壹' => Some(1),
            '二' | '貳' => Some(2),
            '三' | '參' | '叁' => Some(3),
            '四' | '肆' => Some(4),
            '五' | '伍' => Some(5),
            '六' | '陸' => Some(6),
            '七' | '柒' => Some(7),
            '八' | '捌' => Some(8),
            '九' | '玖' => Some(9),
            _ => None,
        };
        match (digit, c) {
            (Some(d), _) => current = d,
            (None, '十' | '拾') => {
                total += current.max(1) * 10;
                current = 0;
            }
            (None, '百' | '佰') => {
                total += current.max(1) * 100;
                current = 0;
            }
            _ => {}
        }
    }
    total + current
}

/// The list marker a text starts with, and the text after it.
fn split_marker(text: &str) -> Option<(Marker, &str)> {
    let rest_from = |at: usize| text[at..].trim_start();
    let first = text.chars().next()?;
    if first == '（' || first == '(' {
        let open = first.len_utf8();
        let inner = &text[open..];
        let len: usize =
            inner.chars().take_while(|c| is_digit(*c) || CJK_NUMERALS.contains(*c)).map(char::len_utf8).sum();
        if len == 0 || inner[..len].chars().count() > 3 {
            return None;
        }
        let close = inner[len..].chars().next()?;
        if close != '）' && close != ')' {
            return None;
        }
        let body = &inner[..len];
        let marker = if body.chars().all(is_digit) {
            Marker { kind: Kind::Paren, n: number(body) }
        } else if body.chars().all(|c| CJK_NUMERALS.contains(c)) {
            Marker { kind: Kind::CjkParen, n: numeral_value(body) }
        } else {
            return None;
        };
        return Some((marker, rest_from(open + len + close.len_utf8())));
    }
    let len: usize = text.chars().take_while(|c| is_digit(*c)).map(char::len_utf8).sum();
    if len > 0 {
        if text[..len].chars().count() > 3 {
            return None;
        }
        let n = number(&text[..len]);
        let mut after = text[len..].chars();
        return match after.next() {
            Some('、') => Some((Marker { kind: Kind::Dun, n }, rest_from(len + '、'.len_utf8()))),
            Some(c @ ('.' | '．')) if !after.next().is_some_and(is_digit) => {
                Some((Marker { kind: Kind::Dot, n }, rest_from(len + c.len_utf8())))
            }
            _ => None,
        };
    }
    for (set, kind) in [(CJK_NUMERALS, Kind::Cjk), (FORMAL_NUMERALS, Kind::Formal)] {
        let len: usize = text.chars().take_while(|c| set.contains(*c)).map(char::len_utf8).sum();
        if len > 0 && text[..len].chars().count() <= 4 && text[len..].starts_with('、') {
            return Some((Marker { kind, n: numeral_value(&text[..len]) }, rest_from(len + '、'.len_utf8())));
        }
    }
    None
}

/// A bare item number such as `一` (the plans table's item column).
fn is_numeral(text: &str) -> bool {
    let n = text.chars().count();
    (1..=4).contains(&n) && text.chars().all(|c| is_digit(c) || CJK_NUMERALS.contains(c))
}

/// Short, and not a sentence.
fn heading_like(text: &str, max: usize) -> bool {
    let n = text.chars().count();
    n > 0 && n <= max && !text.contains('。') && !text.ends_with(['；', '，', ';', ','])
}

/// The first number in a text (e.g. the year of `中華民國109年度`).
fn first_number(text: &str) -> Option<i64> {
    let start = text.find(is_digit)?;
    let digits: String = text[start..].chars().take_while(|c| is_digit(*c)).take(9).collect();
    Some(i64::from(number(&digits)))
}

/// The parts of a booklet, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum Part {
    #[default]
    Front,
    Duties,
    Policy,
    Outcomes,
}

/// A part heading (`1、 現行法定職掌`): the part and its wording.
fn part_heading(text: &str) -> Option<(Part, String)> {
    let canonical = [
        ("現行法定職掌", Part::Duties),
        ("施政目標與重點", Part::Policy),
        ("以前年度計畫實施成果概述", Part::Outcomes),
    ];
    if let Some((_, part)) = canonical.iter().find(|(name, _)| text == *name) {
        return Some((*part, text.to_string()));
    }
    let (marker, rest) = split_marker(text)?;
    if !matches!(marker.kind, Kind::Dun | Kind::Cjk | Kind::Formal) || !heading_like(rest, 30) {
        return None;
    }
    let part = if rest.contains("職掌") && !rest.contains("主要") {
        Part::Duties
    } else if rest.contains("施政目標") || rest.contains("施政重點") {
        Part::Policy
    } else if rest.contains("成果") && (rest.contains("以前年度") || rest.ends_with("概述")) {
        Part::Outcomes
    } else {
        return None;
    };
    Some((part, rest.to_string()))
}

/// An outcome table's heading (`（1） 前（107）年度計畫實施成果概述`).
fn table_heading(text: &str) -> Option<String> {
    let (marker, rest) = split_marker(text)?;
    (marker.kind != Kind::Dot && heading_like(rest, 60) && (rest.contains("成果概述") || rest.contains("實施成果")))
        .then(|| rest.to_string())
}

/// The period an outcome table covers, from its heading: `前（107）年度…`
/// gives `107年度`, `…（108年1月1日至6月30日止）…` gives `108年1月1日至6月30日`.
fn period_of(heading: &str) -> Option<String> {
    let open = heading.find('（')?;
    let inner_start = open + '（'.len_utf8();
    let close = heading[inner_start..].find('）')? + inner_start;
    let inner = &heading[inner_start..close];
    let after = &heading[close + '）'.len_utf8()..];
    if !inner.is_empty() && inner.chars().all(is_digit) && after.starts_with("年度") {
        Some(format!("{inner}年度"))
    } else if inner.contains('年') && inner.starts_with(is_digit) {
        Some(inner.trim_end_matches('止').to_string())
    } else {
        None
    }
}

/// A list entry's text: checks that no second marker follows.
fn entry(text: &str, line: usize, notes: &mut Notes) -> String {
    if text.is_empty() {
        notes.add(line, "a list marker without text; an empty entry made");
    } else if let Some(marker) = leading_marker(text) {
        notes.add(line, format!("{} still starts with a number, {marker:?}, after its marker; check it", quote(text)));
    }
    text.to_string()
}

#[derive(Default)]
struct Notes(Vec<Note>);

impl Notes {
    fn add(&mut self, line: usize, message: impl Into<String>) {
        self.0.push(Note { line, message: message.into() });
    }

    fn left_out(&mut self, line: &Line, where_: &str) {
        self.add(line.no, format!("not recognised {where_}; left out: {}", quote(&line.text)));
    }
}

// ---------------------------------------------------------------------------
// Tables

/// A table cell: its first line (after the tab) and the lines that follow
/// it up to the next cell (blank ones kept, as "").
struct Cell {
    line: usize,
    lines: Vec<(usize, String)>,
}

impl Cell {
    fn texts(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines.iter().filter(|(_, t)| !t.is_empty()).map(|(n, t)| (*n, t.as_str()))
    }

    fn first(&self) -> &str {
        self.texts().next().map_or("", |(_, t)| t)
    }

    fn is_empty(&self) -> bool {
        self.texts().next().is_none()
    }

    fn joined(&self) -> String {
        let mut s = String::new();
        for (_, t) in self.texts() {
            join(&mut s, t);
        }
        s
    }

    fn has_blank(&self) -> bool {
        self.lines.iter().skip(1).any(|(_, t)| t.is_empty())
    }
}

/// Reads the cells of a table from `start` up to the next heading that
/// ends it; returns them and the index of the first line after the table.
fn read_cells(lines: &[Line], start: usize, part: Part) -> (Vec<Cell>, usize) {
    let mut cells: Vec<Cell> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let l = &lines[i];
        if l.cell {
            cells.push(Cell { line: l.no, lines: vec![(l.no, l.text.clone())] });
        } else {
            let later_part = part_heading(&l.text).is_some_and(|(p, _)| p > part);
            let next_table = part == Part::Outcomes && table_heading(&l.text).is_some();
            if !l.text.is_empty() && (later_part || next_table) {
                break;
            }
            if let Some(c) = cells.last_mut() {
                c.lines.push((l.no, l.text.clone()));
            }
        }
        i += 1;
    }
    (cells, i)
}

/// The header row: the leading cells up to the first followed by a blank
/// line, or before the first that starts with a list marker.
fn split_header(cells: &[Cell]) -> (&[Cell], &[Cell]) {
    let mut end = cells.len();
    for (i, c) in cells.iter().enumerate() {
        if split_marker(c.first()).is_some() {
            end = i;
            break;
        }
        if c.has_blank() {
            end = i + 1;
            break;
        }
    }
    cells.split_at(end)
}

fn three_columns(header: &[Cell], line: usize, what: &str, notes: &mut Notes) -> Option<[String; 3]> {
    let texts: Vec<String> = header.iter().map(Cell::joined).collect();
    match <[String; 3]>::try_from(texts) {
        Ok(columns) => Some(columns),
        Err(texts) => {
            notes.add(
                line,
                format!("the {what} has a header of {} cells, expected 3; default column headings used", texts.len()),
            );
            None
        }
    }
}

// ---------------------------------------------------------------------------
// The draft, as read

#[derive(Default)]
struct Importer {
    notes: Notes,
    part: Part,
    blank: bool,
    agency: Option<String>,
    title: Option<String>,
    fiscal_year: Option<i64>,
    duties: Option<DutiesD>,
    policy: Option<PolicyD>,
    outcomes_heading: Option<String>,
    /// An outcome table heading waiting for its table.
    pending: Option<(usize, String)>,
    tables: Vec<OTable>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum DSec {
    #[default]
    None,
    Main,
    Units,
    Org,
}

#[derive(Default)]
struct DutiesD {
    heading: String,
    sec: DSec,
    main: Option<BlockD>,
    units: Option<UnitsD>,
    org: Option<OrgD>,
}

#[derive(Default)]
struct BlockD {
    heading: Option<String>,
    paragraphs: Vec<String>,
    items: Vec<String>,
    last_para: bool,
    /// The marker of the list's entries (the first one's).
    kind: Option<Kind>,
}

struct UnitsD {
    heading: String,
    list: Vec<UnitD>,
    /// The marker of the units (the first one's); other markers list duties.
    kind: Option<Kind>,
}

struct UnitD {
    name: String,
    line: usize,
    paragraphs: Vec<String>,
    items: Vec<String>,
    last_para: bool,
}

#[derive(Default)]
struct OrgD {
    heading: Option<String>,
    chart: Option<String>,
    staffing_heading: Option<String>,
    staffing: Option<StaffingD>,
}

struct StaffingD {
    agency_column: String,
    columns: Vec<String>,
    total_column: Option<String>,
    rows: Vec<RowD>,
}

struct RowD {
    agency: String,
    line: usize,
    counts: Vec<i64>,
    total: Option<i64>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
enum PSec {
    #[default]
    Vision,
    Goals,
    Plans,
}

#[derive(Default)]
struct PolicyD {
    heading: String,
    sec: PSec,
    vision: Vec<String>,
    goals: Option<GoalsD>,
    plans: Option<PlansD>,
}

struct GoalsD {
    heading: Option<String>,
    list: Vec<GoalD>,
    /// The marker of the goals (the first one's); other markers list measures.
    kind: Option<Kind>,
}

struct GoalD {
    title: String,
    line: usize,
    items: Vec<String>,
}

#[derive(Default)]
struct PlansD {
    heading: Option<String>,
    columns: Option<[String; 3]>,
    work_plans: Vec<PWorkPlan>,
}

struct PWorkPlan {
    name: String,
    line: usize,
    items: Vec<PItem>,
}

struct PItem {
    title: String,
    line: usize,
    contents: Vec<String>,
}

struct OTable {
    heading: String,
    line: usize,
    period: Option<String>,
    sheet: Option<String>,
    columns: Option<[String; 3]>,
    work_plans: Vec<OWorkPlan>,
}

struct OWorkPlan {
    name: String,
    line: usize,
    items: Vec<OItem>,
}

struct OItem {
    title: String,
    line: usize,
    subitems: Vec<OSub>,
}

struct OSub {
    text: String,
    line: usize,
    numbered: bool,
    paragraphs: Vec<String>,
    results: Vec<String>,
}

impl OSub {
    fn new(text: &str, line: usize, numbered: bool) -> Self {
        Self { text: text.to_string(), line, numbered, paragraphs: Vec::new(), results: Vec::new() }
    }
}

/// Results that belong together: a lone paragraph, or a numbered list
/// (led by a paragraph ending in `：`).
struct Group {
    paragraphs: Vec<String>,
    results: Vec<String>,
    /// The number of the last result.
    last: u32,
}

impl Group {
    fn paragraph(text: String) -> Self {
        Self { paragraphs: vec![text], results: Vec::new(), last: 0 }
    }

    fn result(text: String, n: u32) -> Self {
        Self { paragraphs: Vec::new(), results: vec![text], last: n }
    }

    /// A lone paragraph ending in `：`, which leads the list that follows.
    fn leads(&self) -> bool {
        self.results.is_empty() && self.paragraphs.len() == 1 && self.paragraphs[0].ends_with(['：', ':'])
    }
}

impl Importer {
    fn enter(&mut self, part: Part, heading: String) {
        self.part = part;
        match part {
            Part::Front => {}
            Part::Duties => self.duties = Some(DutiesD { heading, ..Default::default() }),
            Part::Policy => self.policy = Some(PolicyD { heading, ..Default::default() }),
            Part::Outcomes => self.outcomes_heading = Some(heading),
        }
    }

    fn line(&mut self, line: &Line) {
        let blank = self.blank;
        match self.part {
            Part::Front => self.front(line),
            Part::Duties => duties_line(self.duties.get_or_insert_with(Default::default), line, blank, &mut self.notes),
            Part::Policy => policy_line(self.policy.get_or_insert_with(Default::default), line, blank, &mut self.notes),
            Part::Outcomes => {
                if let Some(heading) = table_heading(&line.text) {
                    if let Some((at, previous)) = self.pending.replace((line.no, heading)) {
                        self.notes
                            .add(at, format!("the outcome table heading {} has no table; left out", quote(&previous)));
                    }
                } else {
                    self.notes.left_out(line, "among the outcome tables");
                }
            }
        }
    }

    /// The lines before the first part: agency, title, fiscal year.
    fn front(&mut self, line: &Line) {
        let t = &line.text;
        let short = t.chars().count() <= 30 && split_marker(t).is_none();
        let mut used = false;
        if self.fiscal_year.is_none()
            && t.contains("年度")
            && short
            && let Some(year) = first_number(t)
        {
            self.fiscal_year = Some(year);
            used = true;
        }
        if self.title.is_none() && short && t.contains("總說明") {
            // `預算總說明`, or `110年度預算總說明`.
            let title = t.rsplit_once("年度").map_or(t.as_str(), |(_, after)| after).trim();
            self.title = Some(if title.is_empty() { t.clone() } else { title.to_string() });
            used = true;
        }
        if used {
            return;
        }
        if self.agency.is_none() && short {
            self.agency = Some(t.clone());
        } else if self.title.is_none() && short {
            self.title = Some(t.clone());
        } else {
            self.notes.left_out(line, "before the first part heading");
        }
    }

    fn table(&mut self, cells: Vec<Cell>, line: usize) {
        let notes = &mut self.notes;
        match self.part {
            Part::Front => {
                notes.add(line, format!("a table of {} cells before the first part heading; left out", cells.len()))
            }
            Part::Duties => {
                let d = self.duties.get_or_insert_with(Default::default);
                if d.sec != DSec::Org {
                    notes.add(line, "a table outside 組織系統圖及預算員額說明表; taken as the staffing table");
                    d.sec = DSec::Org;
                }
                staffing_table(d.org.get_or_insert_with(Default::default), &cells, line, notes);
            }
            Part::Policy => {
                let p = self.policy.get_or_insert_with(Default::default);
                if p.sec != PSec::Plans {
                    notes.add(line, "a table before the heading of the important plans; taken as the plans table");
                    p.sec = PSec::Plans;
                }
                plans_table(p.plans.get_or_insert_with(Default::default), &cells, line, notes);
            }
            Part::Outcomes => {
                let (at, heading) = self.pending.take().unwrap_or_else(|| {
                    notes.add(line, "an outcome table without a heading; its heading is left empty");
                    (line, String::new())
                });
                let table = outcome_table(heading, at, &cells, line, notes);
                self.tables.push(table);
            }
        }
    }

    fn finish(mut self) -> Draft {
        let notes = &mut self.notes;
        if let Some((at, heading)) = self.pending.take() {
            notes.add(at, format!("the outcome table heading {} has no table; left out", quote(&heading)));
        }
        if self.duties.is_none() && self.policy.is_none() && self.outcomes_heading.is_none() {
            notes.add(1, "no part heading (現行法定職掌, 施政目標與重點, 以前年度計畫實施成果概述) found; the draft holds the manifest only");
        }
        let agency = self.agency.take().unwrap_or_else(|| {
            notes.add(1, "no agency found in the first lines; booklet.agency is left empty");
            String::new()
        });
        let title = self.title.take().unwrap_or_else(|| {
            notes.add(1, "no title found in the first lines; 預算總說明 assumed");
            "預算總說明".into()
        });
        let fiscal_year = self.fiscal_year.unwrap_or_else(|| {
            notes.add(1, "no fiscal year (中華民國NNN年度) found in the first lines; booklet.fiscal_year is 0");
            0
        });

        let mut files = Vec::new();
        if let Some(d) = &self.duties {
            files.push(("duties.toml".to_string(), emit_duties(d, notes)));
        }
        if let Some(p) = &self.policy {
            files.push(("policy.toml".to_string(), emit_policy(p, notes)));
        }
        // Workbook sheets named after the period (`107年度實施成果`) where
        // that makes a valid name of its own.
        let mut taken: Vec<String> = FIXED_SHEETS.iter().map(|s| s.to_lowercase()).collect();
        taken.extend((1..=self.tables.len()).map(|t| format!("實施成果{t}")));
        for table in &mut self.tables {
            if let Some(sheet) = table.period.as_ref().map(|p| format!("{p}實施成果"))
                && sheet_name_problem(&sheet).is_none()
                && !taken.contains(&sheet.to_lowercase())
            {
                taken.push(sheet.to_lowercase());
                table.sheet = Some(sheet);
            }
        }
        let years: Vec<Option<i64>> = self.tables.iter().map(|t| first_number(&t.heading)).collect();
        let unique = years.iter().all(Option::is_some) && (1..years.len()).all(|i| !years[..i].contains(&years[i]));
        for (t, table) in self.tables.iter().enumerate() {
            let name = match years[t] {
                Some(year) if unique => format!("outcomes-{year}.toml"),
                _ => format!("outcomes-{}.toml", t + 1),
            };
            files.push((name, emit_table(table)));
        }

        let mut m = Toml::default();
        m.comment(
            "Drafted by `booklet import` from a plain-text extraction: check every file against the printed booklet.",
        );
        m.table("booklet");
        m.string("agency", &agency);
        m.string("title", &title);
        let _ = writeln!(m.0, "fiscal_year = {fiscal_year}");
        let include: Vec<String> = files.iter().map(|(name, _)| lit(name)).collect();
        let _ = writeln!(m.0, "include = [{}]", include.join(", "));
        if let Some(heading) = &self.outcomes_heading {
            m.table("outcomes");
            m.string("heading", heading);
        }
        files.insert(0, (MANIFEST.to_string(), m.0));

        let mut notes = std::mem::take(&mut self.notes.0);
        notes.sort_by_key(|n| n.line);
        Draft { files, notes }
    }
}

// ---------------------------------------------------------------------------
// 壹、現行法定職掌

fn duties_section(heading: &str) -> Option<DSec> {
    if heading.contains("職掌") {
        Some(DSec::Main)
    } else if heading.contains("分層") || (heading.contains("內部") && heading.contains("業務")) {
        Some(DSec::Units)
    } else if heading.contains("組織系統") || heading.contains("員額") {
        Some(DSec::Org)
    } else {
        None
    }
}

fn duties_line(d: &mut DutiesD, line: &Line, blank: bool, notes: &mut Notes) {
    if let Some((m, rest)) = split_marker(&line.text)
        && matches!(m.kind, Kind::Paren | Kind::CjkParen | Kind::Cjk)
        && heading_like(rest, 30)
        && let Some(sec) = duties_section(rest)
        && sec > d.sec
    {
        d.sec = sec;
        let heading = rest.to_string();
        match sec {
            DSec::Main => d.main = Some(BlockD { heading: Some(heading), ..Default::default() }),
            DSec::Units => d.units = Some(UnitsD { heading, list: Vec::new(), kind: None }),
            DSec::Org => d.org = Some(OrgD { heading: Some(heading), ..Default::default() }),
            DSec::None => {}
        }
        return;
    }
    match d.sec {
        DSec::None => {
            notes.add(
                line.no,
                "text under 現行法定職掌 before any section heading; taken as 機關主要職掌 without a heading",
            );
            d.sec = DSec::Main;
            block_line(d.main.get_or_insert_with(Default::default), line, blank, notes);
        }
        DSec::Main => block_line(d.main.get_or_insert_with(Default::default), line, blank, notes),
        DSec::Units => {
            let units =
                d.units.get_or_insert_with(|| UnitsD {
                    heading: "內部分層業務".into(), list: Vec::new(), kind: None
                });
            units_line(units, line, blank, notes);
        }
        DSec::Org => org_line(d.org.get_or_insert_with(Default::default), line, notes),
    }
}

/// 機關主要職掌: a list, or paragraphs.
fn block_line(b: &mut BlockD, line: &Line, blank: bool, notes: &mut Notes) {
    match split_marker(&line.text) {
        Some((m, rest)) => {
            if *b.kind.get_or_insert(m.kind) != m.kind {
                notes
                    .add(line.no, format!("{} is numbered unlike the other duties; kept as a duty", quote(&line.text)));
            }
            b.items.push(entry(rest, line.no, notes));
            b.last_para = false;
        }
        None => {
            let text = line.text.as_str();
            if b.last_para
                && !blank
                && let Some(p) = b.paragraphs.last_mut()
            {
                join(p, text);
            } else if !b.last_para
                && let Some(item) = b.items.last_mut()
            {
                if blank {
                    notes.add(line.no, format!("{} follows a blank line; joined to the duty above", quote(text)));
                }
                join(item, text);
            } else {
                b.paragraphs.push(text.to_string());
                b.last_para = true;
            }
        }
    }
}

/// 內部分層業務: `1、綜合規劃司：` starts a unit, `（1）…` lists its duties.
fn units_line(units: &mut UnitsD, line: &Line, blank: bool, notes: &mut Notes) {
    let text = line.text.as_str();
    match split_marker(text) {
        Some((m, rest)) if *units.kind.get_or_insert(m.kind) == m.kind => {
            let (name, paragraph) = match rest.char_indices().find(|(_, c)| matches!(c, '：' | ':')) {
                Some((at, c)) => (rest[..at].trim(), rest[at + c.len_utf8()..].trim()),
                None => {
                    if rest.chars().count() > 20 {
                        notes.add(
                            line.no,
                            format!(
                                "{} has no 「：」 after a unit name; the whole line taken as the name",
                                quote(rest)
                            ),
                        );
                    }
                    (rest, "")
                }
            };
            if name.is_empty() {
                notes.add(line.no, "a unit without a name");
            }
            units.list.push(UnitD {
                name: name.to_string(),
                line: line.no,
                paragraphs: if paragraph.is_empty() { Vec::new() } else { vec![paragraph.to_string()] },
                items: Vec::new(),
                last_para: !paragraph.is_empty(),
            });
        }
        Some((_, rest)) => {
            let Some(unit) = units.list.last_mut() else {
                notes.left_out(line, "before the first unit of 內部分層業務");
                return;
            };
            unit.items.push(entry(rest, line.no, notes));
            unit.last_para = false;
        }
        None => {
            let Some(unit) = units.list.last_mut() else {
                notes.left_out(line, "before the first unit of 內部分層業務");
                return;
            };
            if unit.last_para
                && let Some(p) = unit.paragraphs.last_mut()
            {
                join(p, text);
            } else if let Some(item) = unit.items.last_mut() {
                if blank {
                    notes.add(line.no, format!("{} follows a blank line; joined to the duty above", quote(text)));
                }
                join(item, text);
            } else {
                unit.paragraphs.push(text.to_string());
                unit.last_para = true;
            }
        }
    }
}

/// 組織系統圖及預算員額說明表: the chart's and the staffing table's headings.
fn org_line(org: &mut OrgD, line: &Line, notes: &mut Notes) {
    let rest = split_marker(&line.text).map_or(line.text.as_str(), |(_, r)| r);
    if rest.contains("系統圖") && org.chart.is_none() {
        org.chart = Some(rest.to_string());
    } else if (rest.contains("員額") || rest.ends_with('表')) && org.staffing_heading.is_none() {
        org.staffing_heading = Some(rest.to_string());
    } else {
        notes.left_out(line, "under 組織系統圖及預算員額說明表");
    }
}

/// 預算員額說明表: a header row (agency, categories, 合計) and one row per agency.
fn staffing_table(org: &mut OrgD, cells: &[Cell], line: usize, notes: &mut Notes) {
    let (header, data) = split_header(cells);
    if header.len() < 2 {
        notes.add(
            line,
            format!(
                "a table of {} cells with a header of {}; not a staffing table, left out",
                cells.len(),
                header.len()
            ),
        );
        return;
    }
    let names: Vec<String> = header.iter().map(Cell::joined).collect();
    let total =
        names.iter().rposition(|h| matches!(h.replace(' ', "").as_str(), "合計" | "總計" | "小計")).filter(|&i| i > 0);
    let columns: Vec<String> =
        names.iter().enumerate().skip(1).filter(|(i, _)| Some(*i) != total).map(|(_, h)| h.clone()).collect();
    if let Some(existing) = &org.staffing {
        if existing.columns != columns {
            notes.add(line, "a second staffing table with other columns; left out");
            return;
        }
        notes.add(line, "a second staffing table; its rows added to the first");
    }
    let staffing = org.staffing.get_or_insert_with(|| StaffingD {
        agency_column: names[0].clone(),
        columns,
        total_column: total.map(|i| names[i].clone()),
        rows: Vec::new(),
    });
    for chunk in data.chunks(names.len()) {
        if chunk.iter().all(Cell::is_empty) {
            continue;
        }
        if chunk.len() < names.len() {
            notes.add(
                chunk[0].line,
                format!(
                    "a staffing row of {} cells for {} columns; the missing counts are left out",
                    chunk.len(),
                    names.len()
                ),
            );
        }
        let mut row = RowD { agency: chunk[0].joined(), line: chunk[0].line, counts: Vec::new(), total: None };
        if row.agency.is_empty() {
            notes.add(chunk[0].line, "a staffing row without an agency");
        }
        for (i, cell) in chunk.iter().enumerate().skip(1) {
            let value = count(cell, notes);
            if Some(i) == total {
                row.total = Some(value);
            } else {
                row.counts.push(value);
            }
        }
        staffing.rows.push(row);
    }
}

/// A staff count: digits, with thousands separators; a dash is 0.
fn count(cell: &Cell, notes: &mut Notes) -> i64 {
    let text: String = cell.joined().chars().filter(|c| !matches!(c, ',' | '，' | ' ')).collect();
    if matches!(text.as_str(), "" | "-" | "－" | "—" | "–") {
        return 0;
    }
    if text.chars().all(is_digit) && text.chars().count() <= 9 {
        return i64::from(number(&text));
    }
    notes.add(cell.line, format!("{} is not a staff count; 0 written instead", quote(&text)));
    0
}

// ---------------------------------------------------------------------------
// 貳、施政目標與重點

fn policy_line(p: &mut PolicyD, line: &Line, blank: bool, notes: &mut Notes) {
    let text = line.text.as_str();
    if let Some((m, rest)) = split_marker(text)
        && matches!(m.kind, Kind::Paren | Kind::CjkParen | Kind::Cjk)
        && heading_like(rest, 20)
    {
        let sec = if rest.contains("目標") {
            Some(PSec::Goals)
        } else if rest.contains("計畫") {
            Some(PSec::Plans)
        } else {
            None
        };
        if let Some(sec) = sec
            && sec > p.sec
        {
            p.sec = sec;
            match sec {
                PSec::Goals => p.goals = Some(GoalsD { heading: Some(rest.to_string()), list: Vec::new(), kind: None }),
                PSec::Plans => p.plans.get_or_insert_with(Default::default).heading = Some(rest.to_string()),
                PSec::Vision => {}
            }
            return;
        }
    }
    match p.sec {
        PSec::Vision => {
            match split_marker(text) {
                None => match p.vision.last_mut() {
                    Some(v) if !blank => join(v, text),
                    _ => p.vision.push(text.to_string()),
                },
                Some(_) => {
                    notes.add(line.no, "a numbered list after the vision paragraphs without a 年度施政目標 heading; taken as the goals");
                    p.sec = PSec::Goals;
                    let goals = p.goals.get_or_insert_with(|| GoalsD { heading: None, list: Vec::new(), kind: None });
                    goals_line(goals, line, blank, notes);
                }
            }
        }
        PSec::Goals => {
            let goals = p.goals.get_or_insert_with(|| GoalsD { heading: None, list: Vec::new(), kind: None });
            goals_line(goals, line, blank, notes);
        }
        PSec::Plans => notes.left_out(line, "outside the table of important plans"),
    }
}

/// 年度施政目標: `1、…` a goal, `（1）…` its measures.
fn goals_line(goals: &mut GoalsD, line: &Line, blank: bool, notes: &mut Notes) {
    let text = line.text.as_str();
    match split_marker(text) {
        Some((m, rest)) if *goals.kind.get_or_insert(m.kind) == m.kind => {
            goals.list.push(GoalD { title: entry(rest, line.no, notes), line: line.no, items: Vec::new() });
        }
        Some((_, rest)) => {
            if goals.list.is_empty() {
                notes.add(line.no, "a measure before the first goal; a goal with an empty title made for it");
                goals.list.push(GoalD { title: String::new(), line: line.no, items: Vec::new() });
            }
            let goal = goals.list.last_mut().expect("a goal");
            goal.items.push(entry(rest, line.no, notes));
        }
        None => {
            let Some(goal) = goals.list.last_mut() else {
                notes.left_out(line, "before the first goal");
                return;
            };
            if blank {
                notes.add(line.no, format!("{} follows a blank line; joined to the entry above", quote(text)));
            }
            match goal.items.last_mut() {
                Some(item) => join(item, text),
                None => join(&mut goal.title, text),
            }
        }
    }
}

/// 年度重要施政計畫: cells of work plans (`一、…`), item numbers (`一`),
/// item titles and contents (`（1）…`).
fn plans_table(plans: &mut PlansD, cells: &[Cell], line: usize, notes: &mut Notes) {
    let (header, data) = split_header(cells);
    if plans.columns.is_none() && plans.work_plans.is_empty() {
        plans.columns = three_columns(header, line, "plans table", notes);
    } else {
        notes.add(line, "a second plans table; its rows added to the first");
    }
    for (c, cell) in data.iter().enumerate() {
        let texts: Vec<(usize, &str)> = cell.texts().collect();
        let Some(&(first_line, first)) = texts.first() else { continue };
        let marker = split_marker(first);
        // A work plan: `一、…`, or an unnumbered line before an item number.
        let name = match marker {
            Some((m, rest)) if matches!(m.kind, Kind::Cjk | Kind::Formal) && !rest.is_empty() => Some(rest),
            None if !is_numeral(first) && data.get(c + 1).is_some_and(|next| is_numeral(next.first())) => Some(first),
            _ => None,
        };
        if texts.len() == 1
            && let Some(name) = name
        {
            plans.work_plans.push(PWorkPlan {
                name: entry(name, first_line, notes),
                line: first_line,
                items: Vec::new(),
            });
            continue;
        }
        if plans.work_plans.is_empty() {
            notes.add(
                cell.line,
                "a cell of the plans table before any work plan; a work plan with an empty name made for it",
            );
            plans.work_plans.push(PWorkPlan { name: String::new(), line: cell.line, items: Vec::new() });
        }
        let wp = plans.work_plans.last_mut().expect("a work plan");
        if texts.len() == 1 && is_numeral(first) {
            wp.items.push(PItem { title: String::new(), line: first_line, contents: Vec::new() });
        } else if marker.is_some() {
            if wp.items.last().is_none_or(|item| !item.contents.is_empty()) {
                notes.add(
                    cell.line,
                    "contents of the plans table without an item title; an item with an empty title made for them",
                );
                wp.items.push(PItem { title: String::new(), line: cell.line, contents: Vec::new() });
            }
            let item = wp.items.last_mut().expect("an item");
            for (no, text) in texts {
                match split_marker(text) {
                    Some((_, rest)) => item.contents.push(entry(rest, no, notes)),
                    None => match item.contents.last_mut() {
                        Some(content) => join(content, text),
                        None => item.contents.push(text.to_string()),
                    },
                }
            }
        } else {
            let title = cell.joined();
            match wp.items.last_mut() {
                Some(item) if item.title.is_empty() && item.contents.is_empty() => item.title = title,
                _ => wp.items.push(PItem { title, line: cell.line, contents: Vec::new() }),
            }
        }
    }
    for wp in &plans.work_plans {
        if wp.items.is_empty() {
            notes.add(wp.line, format!("the work plan {} has no items in the plans table", quote(&wp.name)));
        }
        for item in &wp.items {
            if item.title.is_empty() {
                notes.add(item.line, "an item of the plans table without a title");
            }
            if item.contents.is_empty() {
                notes.add(item.line, format!("the item {} of the plans table has no contents", quote(&item.title)));
            }
        }
    }
}

// ---------------------------------------------------------------------------
// 參、以前年度計畫實施成果概述

/// A row of an outcome table: the work plan it belongs to and its two cells.
struct Row<'c> {
    wp: usize,
    overview: Option<&'c Cell>,
    results: Option<&'c Cell>,
}

impl Row<'_> {
    fn complete(&self) -> bool {
        self.overview.is_some() && self.results.is_some()
    }
}

/// The markers an outcome table uses, learnt from its first entries.
#[derive(Default)]
struct Levels {
    /// Items of 實施概況 (`1、`); other markers there are sub-items.
    item: Option<Kind>,
    /// Results of 實施成果 (`1.`).
    result: Option<Kind>,
}

fn outcome_table(heading: String, at: usize, cells: &[Cell], line: usize, notes: &mut Notes) -> OTable {
    let (header, data) = split_header(cells);
    let columns = three_columns(header, line, "outcome table", notes);
    let mut table =
        OTable { period: period_of(&heading), sheet: None, heading, line: at, columns, work_plans: Vec::new() };
    let mut levels = Levels::default();
    let mut row: Option<Row> = None;
    for cell in data {
        let texts: Vec<&str> = cell.texts().map(|(_, t)| t).collect();
        let expecting = row.as_ref().is_none_or(Row::complete);
        // A work plan cell: one short line, `一、…` (or unnumbered where a
        // work plan is due).
        let work_plan = match (texts.as_slice(), texts.first().and_then(|t| split_marker(t))) {
            ([_], Some((m, rest))) if matches!(m.kind, Kind::Cjk | Kind::Formal) && heading_like(rest, 40) => {
                Some(rest)
            }
            ([name], None) if expecting && heading_like(name, 40) => Some(*name),
            _ => None,
        };
        if let Some(name) = work_plan {
            if let Some(r) = row.take() {
                finish_row(&mut table, r, &mut levels, notes);
            }
            table.work_plans.push(OWorkPlan {
                name: entry(name, cell.line, notes),
                line: cell.line,
                items: Vec::new(),
            });
            row = Some(Row { wp: table.work_plans.len() - 1, overview: None, results: None });
            continue;
        }
        if cell.is_empty() {
            // An empty work plan cell: a further row of the same work plan.
            if row.as_ref().is_some_and(|r| r.overview.is_some()) {
                let r = row.take().expect("a row");
                let wp = r.wp;
                finish_row(&mut table, r, &mut levels, notes);
                row = Some(Row { wp, overview: None, results: None });
            }
            continue;
        }
        if row.as_ref().is_some_and(Row::complete) {
            notes.add(
                cell.line,
                format!("{} is a fourth cell in a row of the outcome table; left out", quote(cell.first())),
            );
            continue;
        }
        let r = row.get_or_insert_with(|| {
            notes.add(
                cell.line,
                "a cell of the outcome table before any work plan; a work plan with an empty name made for it",
            );
            table.work_plans.push(OWorkPlan { name: String::new(), line: cell.line, items: Vec::new() });
            Row { wp: table.work_plans.len() - 1, overview: None, results: None }
        });
        if r.overview.is_none() {
            r.overview = Some(cell);
        } else {
            r.results = Some(cell);
        }
    }
    if let Some(r) = row.take() {
        finish_row(&mut table, r, &mut levels, notes);
    }
    if table.work_plans.is_empty() {
        notes.add(line, "an outcome table without work plans");
    }
    table
}

/// Parses a row's 實施概況 into items and sub-items, groups its 實施成果,
/// and gives each sub-item its group.
fn finish_row(table: &mut OTable, row: Row, levels: &mut Levels, notes: &mut Notes) {
    let wp = &mut table.work_plans[row.wp];
    let first = wp.items.len();
    match row.overview {
        Some(cell) => parse_overview(cell, &mut wp.items, &mut levels.item, notes),
        None => notes.add(wp.line, format!("the work plan {} has no 實施概況 cell", quote(&wp.name))),
    }
    let groups = row.results.map(|cell| group_results(cell, &mut levels.result, notes)).unwrap_or_default();
    let mut slots: Vec<(usize, usize)> = Vec::new();
    for (i, item) in wp.items.iter().enumerate().skip(first) {
        slots.extend((0..item.subitems.len()).map(|k| (i, k)));
    }
    if groups.is_empty() {
        if !slots.is_empty() {
            notes.add(
                wp.line,
                format!("the work plan {} has no 實施成果; its sub-items are left without results", quote(&wp.name)),
            );
        }
        return;
    }
    let results_line = row.results.map_or(wp.line, |c| c.line);
    if slots.is_empty() {
        notes.add(
            wp.line,
            format!(
                "the work plan {} has results (line {results_line}) but no sub-items; they are put under a sub-item with empty text",
                quote(&wp.name)
            ),
        );
        if wp.items.len() == first {
            wp.items.push(OItem { title: String::new(), line: wp.line, subitems: Vec::new() });
        }
        let i = wp.items.len() - 1;
        wp.items[i].subitems.push(OSub::new("", wp.line, false));
        slots.push((i, wp.items[i].subitems.len() - 1));
    } else if groups.len() != slots.len() {
        let how = if groups.len() > slots.len() {
            format!("the last {} groups merged into the last sub-item", groups.len() - slots.len())
        } else {
            format!("the last {} sub-items left without results", slots.len() - groups.len())
        };
        notes.add(
            wp.line,
            format!(
                "the work plan {} has {} sub-items but {} result groups (line {results_line}); assigned in order, {how}; check which results belong to which sub-item",
                quote(&wp.name),
                slots.len(),
                groups.len()
            ),
        );
    }
    for (g, group) in groups.into_iter().enumerate() {
        let (i, k) = slots[g.min(slots.len() - 1)];
        let sub = &mut wp.items[i].subitems[k];
        sub.paragraphs.extend(group.paragraphs);
        sub.results.extend(group.results);
    }
}

/// 實施概況: `1、…` items, `（1）…` sub-items (the table's first marker
/// marks items, any other sub-items); an item's unnumbered line after a
/// blank line is its single unnumbered sub-item.
fn parse_overview(cell: &Cell, items: &mut Vec<OItem>, item_kind: &mut Option<Kind>, notes: &mut Notes) {
    let first = items.len();
    let mut blank = true;
    for (no, text) in &cell.lines {
        let no = *no;
        if text.is_empty() {
            blank = true;
            continue;
        }
        match split_marker(text) {
            Some((m, rest)) if *item_kind.get_or_insert(m.kind) == m.kind => {
                items.push(OItem { title: entry(rest, no, notes), line: no, subitems: Vec::new() });
            }
            Some((_, rest)) => {
                if items.len() == first {
                    notes.add(
                        no,
                        "a sub-item before any item of the work plan; an item with an empty title made for it",
                    );
                    items.push(OItem { title: String::new(), line: no, subitems: Vec::new() });
                }
                let text = entry(rest, no, notes);
                items.last_mut().expect("an item").subitems.push(OSub::new(&text, no, true));
            }
            None if items.len() == first => {
                notes
                    .add(no, format!("{} comes before any item of the work plan; taken as an item title", quote(text)));
                items.push(OItem { title: text.to_string(), line: no, subitems: Vec::new() });
            }
            None => {
                let item = items.last_mut().expect("an item");
                match item.subitems.last_mut() {
                    None if blank => item.subitems.push(OSub::new(text, no, false)),
                    None => join(&mut item.title, text),
                    Some(sub) => {
                        if blank {
                            notes
                                .add(no, format!("{} follows a blank line; joined to the sub-item above", quote(text)));
                        }
                        join(&mut sub.text, text);
                    }
                }
            }
        }
        blank = false;
    }
    for item in &items[first..] {
        if item.subitems.is_empty() {
            notes.add(item.line, format!("the item {} has no sub-items", quote(&item.title)));
        }
    }
}

/// 實施成果: a result numbered 1 starts a group (unless a lone paragraph
/// ending in `：` leads it), 2, 3… continue it, any other line is a group of
/// its own. Results are numbered like the table's first (`1.`); a line
/// numbered otherwise (`（1）`) belongs to the result above.
fn group_results(cell: &Cell, result_kind: &mut Option<Kind>, notes: &mut Notes) -> Vec<Group> {
    let mut groups: Vec<Group> = Vec::new();
    for (no, text) in cell.texts() {
        let marker = split_marker(text);
        match marker {
            Some((m, rest)) if *result_kind.get_or_insert(m.kind) == m.kind => {
                let result = entry(rest, no, notes);
                match groups.last_mut() {
                    Some(g) if m.n <= 1 && g.leads() => {
                        g.results.push(result);
                        g.last = m.n;
                    }
                    Some(g) if m.n > 1 && (!g.results.is_empty() || g.leads()) => {
                        if m.n != g.last + 1 {
                            let after =
                                if g.last == 0 { "a lead paragraph".to_string() } else { format!("result {}", g.last) };
                            notes.add(no, format!("result {} follows {after}; check the numbering", m.n));
                        }
                        g.results.push(result);
                        g.last = m.n;
                    }
                    _ => {
                        if m.n > 1 {
                            notes.add(no, format!("a list of results starts with {}; taken as a new group", m.n));
                        }
                        groups.push(Group::result(result, m.n));
                    }
                }
            }
            Some((_, rest)) => match groups.last_mut().and_then(|g| g.results.last_mut()) {
                Some(result) => {
                    notes
                        .add(no, format!("{} is numbered unlike the results; joined to the result above", quote(text)));
                    join(result, text);
                }
                None => {
                    notes.add(no, format!("{} is numbered unlike the results; kept as a paragraph", quote(text)));
                    groups.push(Group::paragraph(entry(rest, no, notes)));
                }
            },
            None => groups.push(Group::paragraph(text.to_string())),
        }
    }
    groups
}

// ---------------------------------------------------------------------------
// Writing TOML

/// A TOML document written in the layout of the hand-made bundles.
#[derive(Default)]
struct Toml(String);

/// A TOML string literal, escaped.
fn lit(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Toml {
    fn gap(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
    }

    fn comment(&mut self, text: &str) {
        let _ = writeln!(self.0, "# {text}");
    }

    fn table(&mut self, name: &str) {
        self.gap();
        let _ = writeln!(self.0, "[{name}]");
    }

    /// An array-of-tables header, with the source line it came from.
    fn entry(&mut self, name: &str, line: usize) {
        self.gap();
        let _ = writeln!(self.0, "[[{name}]]  # line {line}");
    }

    fn string(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {}", lit(value));
    }

    fn opt_string(&mut self, key: &str, value: Option<&String>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    /// A list of strings, one per line; written even when empty if `always`.
    fn strings(&mut self, key: &str, values: &[String], always: bool) {
        if values.is_empty() {
            if always {
                let _ = writeln!(self.0, "{key} = []");
            }
            return;
        }
        let _ = writeln!(self.0, "{key} = [");
        for v in values {
            let _ = writeln!(self.0, "  {},", lit(v));
        }
        self.0.push_str("]\n");
    }

    fn inline_strings(&mut self, key: &str, values: &[String]) {
        let list: Vec<String> = values.iter().map(|v| lit(v)).collect();
        let _ = writeln!(self.0, "{key} = [{}]", list.join(", "));
    }

    fn empty_list(&mut self, key: &str, empty: bool) {
        if empty {
            let _ = writeln!(self.0, "{key} = []");
        }
    }
}

fn emit_duties(d: &DutiesD, notes: &mut Notes) -> String {
    let mut t = Toml::default();
    t.comment("壹、現行法定職掌: drafted by `booklet import`.");
    t.table("duties");
    if !d.heading.is_empty() {
        t.string("heading", &d.heading);
    }
    if let Some(main) = &d.main {
        t.table("duties.main");
        t.opt_string("heading", main.heading.as_ref());
        t.strings("paragraphs", &main.paragraphs, false);
        t.strings("items", &main.items, false);
    }
    if let Some(units) = &d.units {
        t.table("duties.units");
        t.string("heading", &units.heading);
        t.empty_list("list", units.list.is_empty());
        for unit in &units.list {
            t.entry("duties.units.list", unit.line);
            t.string("name", &unit.name);
            t.strings("paragraphs", &unit.paragraphs, false);
            t.strings("items", &unit.items, false);
        }
    }
    if let Some(org) = &d.org {
        t.table("duties.organization");
        t.opt_string("heading", org.heading.as_ref());
        if let Some(chart) = &org.chart {
            t.table("duties.organization.chart");
            t.string("heading", chart);
        }
        if org.staffing.is_some() || org.staffing_heading.is_some() {
            t.table("duties.organization.staffing");
            t.opt_string("heading", org.staffing_heading.as_ref());
            match &org.staffing {
                None => {
                    t.0.push_str("rows = []\n");
                    notes.add(1, "the staffing table was not found; duties.organization.staffing has no rows");
                }
                Some(s) => {
                    t.string("agency_column", &s.agency_column);
                    t.inline_strings("columns", &s.columns);
                    t.opt_string("total_column", s.total_column.as_ref());
                    t.empty_list("rows", s.rows.is_empty());
                    for row in &s.rows {
                        t.entry("duties.organization.staffing.rows", row.line);
                        t.string("agency", &row.agency);
                        let counts: Vec<String> = row.counts.iter().map(i64::to_string).collect();
                        let _ = writeln!(t.0, "counts = [{}]", counts.join(", "));
                        if let Some(total) = row.total {
                            let _ = writeln!(t.0, "total = {total}");
                        }
                    }
                }
            }
        }
    }
    t.0
}

fn emit_policy(p: &PolicyD, _notes: &mut Notes) -> String {
    let mut t = Toml::default();
    t.comment("貳、施政目標與重點: drafted by `booklet import`.");
    t.table("policy");
    if !p.heading.is_empty() {
        t.string("heading", &p.heading);
    }
    t.strings("vision", &p.vision, false);
    if let Some(goals) = &p.goals {
        t.table("policy.goals");
        t.opt_string("heading", goals.heading.as_ref());
        t.empty_list("list", goals.list.is_empty());
        for goal in &goals.list {
            t.entry("policy.goals.list", goal.line);
            t.string("title", &goal.title);
            t.strings("items", &goal.items, false);
        }
    }
    if let Some(plans) = &p.plans {
        t.table("policy.plans");
        t.opt_string("heading", plans.heading.as_ref());
        if let Some(columns) = &plans.columns {
            t.inline_strings("columns", columns);
        }
        t.empty_list("work_plans", plans.work_plans.is_empty());
        for wp in &plans.work_plans {
            t.entry("policy.plans.work_plans", wp.line);
            t.string("name", &wp.name);
            t.empty_list("items", wp.items.is_empty());
            for item in &wp.items {
                t.entry("policy.plans.work_plans.items", item.line);
                t.string("title", &item.title);
                t.strings("contents", &item.contents, true);
            }
        }
    }
    t.0
}

fn emit_table(table: &OTable) -> String {
    let mut t = Toml::default();
    t.comment("參、以前年度計畫實施成果概述: drafted by `booklet import`.");
    t.comment("Which results (實施成果) belong to which sub-item is not marked in the source: check them.");
    t.entry("outcomes.tables", table.line);
    t.string("heading", &table.heading);
    t.opt_string("sheet", table.sheet.as_ref());
    t.opt_string("period", table.period.as_ref());
    if let Some(columns) = &table.columns {
        t.inline_strings("columns", columns);
    }
    t.empty_list("work_plans", table.work_plans.is_empty());
    for wp in &table.work_plans {
        t.entry("outcomes.tables.work_plans", wp.line);
        t.string("name", &wp.name);
        t.empty_list("items", wp.items.is_empty());
        for item in &wp.items {
            t.entry("outcomes.tables.work_plans.items", item.line);
            t.string("title", &item.title);
            t.empty_list("subitems", item.subitems.is_empty());
            for sub in &item.subitems {
                t.entry("outcomes.tables.work_plans.items.subitems", sub.line);
                t.string("text", &sub.text);
                if !sub.numbered {
                    t.0.push_str("numbered = false\n");
                }
                t.strings("paragraphs", &sub.paragraphs, false);
                t.strings("results", &sub.results, false);
            }
        }
    }
    t.0
}
