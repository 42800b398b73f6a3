//! The reader of a text whose tables carry no tabs: what
//! `pdftotext -layout` gives (a table's columns side by side, separated by
//! runs of spaces) and what `pdftotext -raw` or a PDF viewer's copy gives
//! (the cells one after another, in the order the PDF shows them).
//!
//! The tables are found by their header rows (工作計畫名稱 重要計畫項目 實施內容,
//! 工作計畫 實施概況 實施成果, 機關 職員 … 合計), a header row printed over
//! several lines joined first, and a caption that repeats the heading above
//! a table left out ([`header`]); everything else passes through as it
//! is. Inside a table, the page furniture is dropped here (the page
//! number, the header row repeated on each page, the continuation bands
//! `…（續）` the booklet prints there), the cells are rebuilt ([`spaced`] by
//! the column each piece of text stands in, [`raw`] by the markers that
//! open each cell and the widths the columns wrap at), and the table is
//! laid out as a tagged table is ([`crate::import::layout`]): each cell on
//! lines of its own, with the numbering of each level read on the way.
//!
//! The result is a [`Layout`] as a PDF gives, and for each of its lines the
//! source line it came from, so that notes point into the text read.

use crate::import::layout::Layout;
use crate::import::layout::TableCell;
use crate::import::text::lines::squeeze;

mod cells;
mod chart_names;
mod columns;
mod further;
mod header;
mod placed;
mod raw;
mod spaced;

pub(in crate::import) use cells::desquash;

/// A text laid out for the later stages, with the source line of each of
/// its lines.
pub struct Tabulated {
    pub layout: Layout,
    pub lines: Vec<usize>,
}

/// The tables a booklet prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::import) enum Kind {
    /// 預算員額說明表: agencies and their staff by category.
    Staffing,
    /// 年度重要施政計畫: work plans, items, contents (and amounts, remarks).
    Plans,
    /// 實施成果概述: work plans, items and sub-items, results.
    Outcomes,
}

/// One source line: its number (1-based), page (1-based, counted by form
/// feeds) and text as read, spaces kept.
#[derive(Debug, Clone)]
pub(in crate::import) struct Src {
    pub no: usize,
    pub page: usize,
    pub raw: String,
}

/// A text's lines as sources on page 1, numbered from 1 (for the tests of
/// the readers here).
#[cfg(test)]
pub(in crate::import) fn src_lines(text: &str) -> Vec<Src> {
    text.lines().enumerate().map(|(i, l)| Src { no: i + 1, page: 1, raw: l.to_string() }).collect()
}

/// The kind of table a header row opens.
pub(in crate::import) fn header_kind(line: &str) -> Option<Kind> {
    let s = squeeze(line);
    if s.starts_with("工作計畫名稱") && (s.contains("重要計畫項目") || s.contains("實施內容"))
        || s.starts_with("工作計畫") && s.contains("實施內容")
    {
        Some(Kind::Plans)
    } else if s.starts_with("工作計畫") && (s.contains("實施概況") || s.contains("實施成果")) {
        Some(Kind::Outcomes)
    } else if (s.starts_with("機關") || s.starts_with("單位")) && s.contains("職員") && s.ends_with("合計") {
        Some(Kind::Staffing)
    } else {
        None
    }
}

/// Whether a line ends a plans or outcome table: a part heading (`參、…`)
/// or an outcome table's heading, flush left.
fn ends_table(line: &str) -> bool {
    let t = crate::import::text::lines::clean(line);
    let formal = crate::import::text::markers::split_marker(&t).is_some_and(|(m, _)| m.kind == crate::import::text::markers::Kind::Formal);
    formal
        || crate::import::text::markers::part_heading(&t).is_some()
        || (!line.starts_with(' ') && crate::import::text::markers::table_heading(&t).is_some())
}

/// Lays out a text without tab-led cells: its parts in their customary
/// order, its tables, chart and further parts rebuilt; `None` where the
/// text has tab-led cells (the layout of a word processor's export, which
/// the later stages read as it is). `landscape` names the pages turned
/// sideways, where a PDF read by position says so: a further part's table
/// that starts on one is printed so again.
pub fn tabulate(text: &str, landscape: &[usize]) -> Option<Tabulated> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Pages by form feeds; where there are none (a viewer's copy), a page
    // ends at its page number.
    let feeds = text.contains('\u{c}');
    let mut page = 1;
    let mut after_number = false;
    let mut src: Vec<Src> = text
        .split('\n')
        .enumerate()
        .map(|(i, line)| {
            page += line.matches('\u{c}').count() + usize::from(std::mem::take(&mut after_number));
            after_number = !feeds && crate::import::layout::furniture::is_page_number(line);
            // One space ending a line is the text's own (a PDF read by
            // position keeps the space a line was broken at); more are
            // layout.
            let line = line.replace('\u{c}', "");
            let trimmed = line.trim_end();
            let own_space = line.len() == trimmed.len() + 1 && !trimmed.is_empty();
            Src { no: i + 1, page, raw: if own_space { format!("{trimmed} ") } else { trimmed.to_string() } }
        })
        .collect();
    if src.iter().any(|l| l.raw.trim_start_matches(' ').starts_with('\t')) {
        return None;
    }
    header::join_headers(&mut src);
    header::join_wrapped_headings(&mut src);
    header::drop_captions(&mut src);
    // The lines before the first part, then a run of lines a part; the
    // three customary parts go to the text in their customary order (their
    // order here becomes `booklet.order`), a further part is read apart.
    let mut runs: Vec<(&'static str, &[Src])> = Vec::new();
    let mut start = 0;
    let mut section = "front";
    // The customary parts' numbers, where they are numbered one after the
    // other in one style from the first (一、 二、 三、): a short line
    // numbered next after them opens a further part (四、其他), as in a
    // PDF's blocks.
    let mut last: Option<(crate::import::text::markers::Kind, u32)> = None;
    for (k, line) in src.iter().enumerate() {
        let t = crate::import::text::lines::clean(&line.raw);
        // (Not an entry of the contents: `肆、其他 …… 9`.)
        let marker = crate::import::text::markers::split_marker(&t).filter(|_| !contents_entry(&line.raw));
        let customary = crate::import::text::markers::part_heading(&t).is_some();
        if let Some((m, _)) = marker
            && customary
        {
            match last {
                None if m.n == 1 => last = Some((m.kind, 1)),
                Some((kind, n)) if m.kind == kind && m.n == n + 1 => last = Some((kind, m.n)),
                _ => {}
            }
        }
        let next = opens_part(&line.raw).or_else(|| {
            let (m, rest) = marker?;
            let (kind, n) = last?;
            let short = !rest.is_empty()
                && rest.chars().count() <= crate::import::heuristics::FURTHER_PART_MOST
                && !rest.contains(['。', '，', '：']);
            (m.kind == kind && m.n == n + 1 && short && !customary).then_some("parts")
        });
        if let Some(next) = next {
            if next == "parts"
                && let Some((m, _)) = marker
            {
                last = last.map(|(kind, _)| (kind, m.n)).filter(|(kind, _)| *kind == m.kind);
            }
            runs.push((section, &src[start..k]));
            (section, start) = (next, k);
        }
    }
    runs.push((section, &src[start..]));
    let mut seen: Vec<&'static str> = Vec::new();
    for (s, _) in runs.iter().skip(1) {
        if !seen.contains(s) {
            seen.push(s);
        }
    }
    let customary: Vec<&'static str> = crate::model::SECTIONS.iter().copied().filter(|s| seen.contains(s)).collect();
    let rank = |s: &str| ["front", "duties", "policy", "outcomes"].iter().position(|r| *r == s).unwrap_or(9);
    runs.sort_by_key(|(s, _)| rank(s));
    let mut out = Out { layout: Layout { order: (seen != customary).then_some(seen), ..Layout::default() }, lines: Vec::new() };
    for (section, run) in runs {
        if section == "parts" {
            let part = further::read(run, &mut out.layout.styles, landscape);
            out.layout.parts.push(part);
        } else {
            lay_out(run, &mut out);
        }
    }
    Some(Tabulated { layout: out.layout, lines: out.lines })
}

/// Whether a line is an entry of a typed table of contents: its page
/// number last, after leader dots or a run of spaces.
fn contents_entry(raw: &str) -> bool {
    let t = raw.trim_end();
    let number = t.chars().rev().take_while(char::is_ascii_digit).count();
    let before: String = t.chars().rev().skip(number).take(2).collect();
    number > 0 && (before == "  " || before.contains(['.', '…', '‥']))
}

/// The part a line opens (`duties`, `policy`, `outcomes`, or `parts` for a
/// further one): a heading numbered as a part (`壹、`), or a part's
/// customary name alone.
fn opens_part(line: &str) -> Option<&'static str> {
    if crate::import::layout::furniture::is_furniture(line) {
        return None;
    }
    let t = crate::import::text::lines::clean(line);
    let formal = crate::import::text::markers::split_marker(&t).is_some_and(|(m, _)| m.kind == crate::import::text::markers::Kind::Formal);
    match crate::import::text::markers::part_heading(&t) {
        Some((part, heading)) if formal || heading == t => Some(match part {
            crate::import::text::markers::Part::Duties => "duties",
            crate::import::text::markers::Part::Policy => "policy",
            _ => "outcomes",
        }),
        _ if further::opens(line) => Some("parts"),
        _ => None,
    }
}

/// The layout being written, and the source line of each of its lines.
struct Out {
    layout: Layout,
    lines: Vec<usize>,
}

/// The lines of a part (or the front matter) onto the layout: tables and
/// charts rebuilt, headings' numbering read, paragraphs apart.
fn lay_out(src: &[Src], out: &mut Out) {
    // Whether the text keeps its layout (a first line's indent), and the
    // width of its full lines.
    let positional = src.iter().any(|l| l.raw.starts_with("  ") && !squeeze(&l.raw).is_empty());
    let full = src.iter().filter(|l| header_kind(&l.raw).is_none()).map(|l| cells::places(l.raw.trim())).max().unwrap_or(0);
    let mut i = 0;
    while i < src.len() {
        let Some(kind) = header_kind(&src[i].raw) else {
            let text = heading(&src[i].raw, &mut out.layout.styles, i == 0);
            // A paragraph's first line is indented (where the layout is
            // kept): a blank line before it, after a finished sentence.
            // Where it is not (a raw extraction), after a sentence that
            // ends short of the text's width.
            let indent_of = |raw: &str| raw.chars().take_while(|c| *c == ' ').count();
            let laid = &out.layout.lines.0;
            let previous = laid.iter().rev().find(|l| !l.text.is_empty()).map_or("", |l| l.text.as_str());
            // (Deeper than the line before, by up to three ems.)
            let indent = indent_of(&src[i].raw).saturating_sub(indent_of(previous));
            let after_sentence = previous.ends_with(['。', '：']) && laid.last().is_some_and(|l| !l.text.is_empty());
            let short = !positional
                && i > 0
                && cells::places(previous) + 4 <= full
                && crate::import::text::styles::detect(previous.trim(), false).is_none();
            if (if positional { (1..=6).contains(&indent) } else { short })
                && after_sentence
                && crate::import::text::styles::detect(text.trim(), false).is_none()
            {
                push(&mut out.layout, &mut out.lines, "", &src[i]);
            }
            push(&mut out.layout, &mut out.lines, &text, &src[i]);
            // (A heading relabelled in its level's style keeps its label as
            // typed, for the parts to read the numbering from.)
            if text != src[i].raw
                && let Some(laid) = out.layout.lines.0.last_mut()
            {
                laid.typed = crate::import::text::styles::pattern_of(&crate::import::text::lines::clean(&src[i].raw));
            }
            if squeeze(&src[i].raw).ends_with("組織系統圖") {
                // The chart: its names, one a line.
                let end = (i + 1..src.len()).find(|&k| chart_ends(&src[k].raw)).unwrap_or(src.len());
                for name in chart_names::names(&src[i + 1..end]) {
                    push(&mut out.layout, &mut out.lines, &name, &src[i]);
                }
                i = end;
                continue;
            }
            i += 1;
            continue;
        };
        let (rows, next) = match kind {
            Kind::Staffing => cells::staffing(src, i),
            _ => {
                let end = (i + 1..src.len()).find(|&k| ends_table(&src[k].raw)).unwrap_or(src.len());
                let header = header_lines(src, i, end);
                // A header piece above the header row went out as a line.
                if header.first() != Some(&src[i].raw) && out.layout.lines.0.last().is_some_and(|l| l.text == header[0]) {
                    out.layout.lines.0.pop();
                    out.lines.pop();
                }
                let body = body_of(&src[i + 1..end], &header, kind);
                let positional = is_positional(&src[i].raw);
                match columns::rows(kind, &header, &body).filter(|_| positional) {
                    Some(rows) => (rows, end),
                    None => {
                        let plans = if positional { spaced::read(kind, &body) } else { raw::read(kind, &body) };
                        (cells::grid(kind, &header, &plans), end)
                    }
                }
            }
        };
        let start = out.layout.lines.0.len();
        crate::import::layout::table(&rows, &mut out.layout.lines, &mut out.layout.styles, &mut out.layout.amounts);
        out.layout.lines.on_page(start, src[i].page);
        let added = out.layout.lines.0.len() - start;
        out.lines.extend(std::iter::repeat_n(src[i].no, added));
        i = next.max(i + 1);
    }
}

/// A line with its heading's marker in its level's default style, the
/// level's style kept (see [`crate::import::text::styles`]): a part's heading, a
/// chapter's (職掌, 分層業務, 組織系統圖及預算員額說明表, 施政目標, 施政計畫, an
/// outcome table's), a section's (組織系統圖, 預算員額說明表: a second style
/// under the chapters). Other lines as they are.
fn heading(raw: &str, styles: &mut crate::import::text::styles::Styles, part: bool) -> String {
    use crate::import::text::styles::Level;
    if crate::import::layout::furniture::is_furniture(raw) {
        return raw.to_string();
    }
    let t = crate::import::text::lines::clean(raw);
    if part && opens_part(raw).is_some() {
        return styles.at(Level::Part, &t);
    }
    let Some((_, _, rest)) = crate::import::text::styles::detect(&t, false) else {
        return raw.to_string();
    };
    let rest = rest.trim();
    let known = crate::import::text::markers::duties_section(rest).is_some()
        || crate::import::text::markers::table_heading(&t).is_some()
        || rest.contains("施政目標")
        || rest.contains("施政計畫");
    if !known || !crate::import::text::markers::heading_like(rest, 60) {
        return raw.to_string();
    }
    styles.try_at(Level::Chapter, &t).or_else(|| styles.try_at(Level::Section, &t)).unwrap_or_else(|| raw.to_string())
}

/// One line onto the layout, from a source line.
fn push(layout: &mut Layout, lines: &mut Vec<usize>, text: &str, from: &Src) {
    let start = layout.lines.0.len();
    layout.lines.line(text);
    layout.lines.on_page(start, from.page);
    lines.extend(std::iter::repeat_n(from.no, layout.lines.0.len() - start));
}

/// Whether a line ends a chart: a heading (numbered), a table's header, a
/// part.
fn chart_ends(line: &str) -> bool {
    let t = crate::import::text::lines::clean(line);
    header_kind(line).is_some() || crate::import::text::styles::detect(&t, false).is_some_and(|(_, _, rest)| !rest.trim().is_empty())
}

/// Whether a header row keeps its columns apart by runs of spaces (as
/// `pdftotext -layout` prints), not by single spaces.
fn is_positional(header: &str) -> bool {
    header.trim().contains("   ")
}

/// The header's text: its row, and the lines beside it that hold only
/// pieces of a header (a column heading printed over two lines, such as
/// 預算金額 over （千元）).
fn header_lines(src: &[Src], at: usize, end: usize) -> Vec<String> {
    let piece = |s: &str| {
        let s = squeeze(s);
        !s.is_empty()
            && (s.contains("金額")
                || s.contains("預算數")
                || s == "備註"
                || (s.starts_with('（')
                    && s.ends_with('）')
                    && s.chars().count() <= 8
                    && !s.chars().nth(1).is_some_and(|c| {
                        crate::import::text::markers::is_digit(c) || crate::import::text::markers::CJK_NUMERALS.contains(c)
                    })))
    };
    let mut out = Vec::new();
    if at > 0 && piece(&src[at - 1].raw) {
        out.push(src[at - 1].raw.clone());
    }
    out.push(src[at].raw.clone());
    out.extend(src[at + 1..end].iter().take(3).take_while(|l| piece(&l.raw)).map(|l| l.raw.clone()));
    out
}

/// A table's body: its lines without the header's own, the page furniture
/// (page numbers, blank lines), the header row repeated on later pages,
/// and the pieces of the continuation bands (`…（續）`) printed under it.
fn body_of(lines: &[Src], header: &[String], kind: Kind) -> Vec<Src> {
    let header_words: Vec<String> = header.iter().map(|h| squeeze(h)).collect();
    let mut out: Vec<Src> = Vec::new();
    for line in lines {
        let s = squeeze(&line.raw);
        if s.is_empty() || crate::import::layout::furniture::is_furniture(&line.raw) {
            continue;
        }
        if header_words.contains(&s) || header_kind(&line.raw) == Some(kind) {
            continue;
        }
        out.push(line.clone());
    }
    out
}

/// The work plans of a table as read: each plan's name (its lines) and its
/// rows, each row's text by column (the lines of each).
#[derive(Debug, Default, Clone)]
pub(in crate::import) struct Plan {
    pub name: Vec<String>,
    pub rows: Vec<Row>,
}

#[derive(Debug, Default, Clone)]
pub(in crate::import) struct Row {
    pub cols: Vec<Vec<String>>,
}

impl Row {
    pub(in crate::import) fn new(width: usize) -> Self {
        Row { cols: vec![Vec::new(); width] }
    }
}

/// Whether a piece of text is a continuation band's (`…（續）`).
pub(in crate::import) fn continued(text: &str) -> bool {
    squeeze(text).ends_with("（續）") || squeeze(text).ends_with("(續)")
}

/// The number of columns each kind's rows hold: plans: work plan, item
/// number, item title, contents, amount, remarks; outcomes: work plan,
/// overview, results.
pub(in crate::import) fn width(kind: Kind) -> usize {
    match kind {
        Kind::Plans => 6,
        _ => 3,
    }
}

/// An amount: digits with thousands separators, possibly negative.
pub(in crate::import) fn is_amount(text: &str) -> bool {
    let t = text.trim();
    !t.is_empty()
        && t.trim_start_matches(['-', '－']).chars().all(|c| c.is_ascii_digit() || c == ',' || c == '，')
        && t.chars().any(|c| c.is_ascii_digit())
}

/// A table cell of the given text.
pub(in crate::import) fn cell(paragraphs: Vec<String>, header: bool) -> TableCell {
    TableCell { paragraphs, header, row_span: 1, col_span: 1 }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_line_numbered_after_the_parts_opens_a_further_part() {
        let text = "目次\n一、現行法定職掌 ........ 1\n四、其他 ........ 6\n一、現行法定職掌\n（一）機關主要職掌\n二、施政目標與重點\n三、以前年度計畫實施成果概述\n四、其他\n（一）中央補助計畫\n";
        let tabulated = tabulate(text, &[]).expect("a text without tab-led cells");
        let parts = &tabulated.layout.parts;
        assert_eq!(parts.len(), 1, "{parts:?}");
        assert_eq!(parts[0].heading, "其他");
        // The contents' entry opens none: the parts keep their order.
        assert_eq!(tabulated.layout.order, None);
    }

    #[test]
    fn an_entry_of_the_contents_ends_with_its_page() {
        assert!(contents_entry("肆、其他 ........ 9"));
        assert!(contents_entry("肆、其他                      9"));
        assert!(!contents_entry("四、其他"));
        assert!(!contents_entry("1、推動110年度計畫 3"));
    }
}
