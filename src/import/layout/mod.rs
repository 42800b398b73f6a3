//! The second stage of an import: the one typed layout every reader gives
//! ([`Layout`]: typed [`Lines`], the numbering styles, the plans table's
//! amounts, the further parts, the parts' order). The blocks of a tagged
//! PDF, a `.docx` or an `.odt` (headings, paragraphs, tables with spans)
//! are laid out here as the lines a word processor's text export has: one
//! paragraph a line, and each table cell on lines of its own, the first
//! marked as opening it, a blank line after the header and after each row.
//!
//! One file a step: here the headings, paragraphs and parts (the three
//! customary ones in their order, a further part read apart); in [`grid`]
//! the tables, told apart by their headers. The plans table keeps one row
//! per item (the work-plan cell once, then empty). An outcome table, printed
//! with a row per sub-item, is folded back to a row per work plan: the
//! overview (item titles and sub-items, in order) in one cell, their
//! results in the next, as the later stages expect. A staffing table's
//! totals row is left out: the booklet computes it. The table of contents
//! and its heading are page furniture and left out, and so is the web
//! edition's footer (a browser's print of it). Heading levels count from
//! the parts' level, which a browser or word processor may tag `H2`.

use crate::import::heuristics::{CHAPTER_HEADING_MOST, FURTHER_PART_MOST, UNIT_CAPTION_MOST};
use crate::import::text::styles::{Level, Styles};

pub(in crate::import) mod furniture;
pub(in crate::import) mod grid;

pub(in crate::import) use grid::table;
use grid::{header_columns, text_of};

/// What a reader of a document with structure gives, in reading order: a
/// tagged PDF's structure tree, a `.docx` or `.odt` (see `read`).
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    /// A heading of the given level (1 for `H1`), or 0 where the PDF does
    /// not say.
    Heading {
        level: u8,
        text: String,
        page: usize,
    },
    Paragraph {
        text: String,
        page: usize,
    },
    Table {
        rows: Vec<Vec<TableCell>>,
        page: usize,
        /// Printed on a page turned sideways (wider than high).
        landscape: bool,
    },
}

/// One cell of a table as tagged: its paragraphs and spans.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct TableCell {
    pub paragraphs: Vec<String>,
    pub header: bool,
    pub row_span: usize,
    pub col_span: usize,
}

/// The plans table's amounts and remarks, which the later stages do not
/// read from text: the column's heading and unit, the remarks' heading,
/// and each item's (by title) amount and remarks.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Amounts {
    pub heading: String,
    pub unit: Option<String>,
    pub remarks: Option<String>,
    pub items: Vec<(String, Option<i64>, Option<String>)>,
}

/// A part of the booklet beyond the three it always has (肆、其他…), read
/// here from the PDF's blocks: its paragraphs, numbered items and tables.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ExtraPart {
    pub heading: String,
    pub paragraphs: Vec<String>,
    pub items: Vec<String>,
    pub tables: Vec<ExtraTable>,
    /// Tables that text gave but that could not be read into cells: where
    /// (the source line and page of the heading over them) and under which
    /// heading. Their lines stay as the part's paragraphs, with a note.
    pub unread: Vec<(usize, usize, String)>,
}

/// A table of an extra part: its heading (the chapter it is printed
/// under), its columns, and its rows; the totals row is the booklet's.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct ExtraTable {
    pub heading: String,
    /// The unit caption printed above the table (`單位：新臺幣千元`).
    pub unit_caption: Option<String>,
    pub header: Vec<String>,
    /// The group heading over each column, in a header of two rows.
    pub groups: Vec<Option<String>>,
    pub rows: Vec<Vec<String>>,
    pub totals: Option<Vec<String>>,
    /// The notes under the table (`註：…`), their labels taken off.
    pub notes: Vec<String>,
    /// Printed on a page turned sideways.
    pub landscape: bool,
}

/// One line as a reader laid it out for the later stages: its text as
/// read (cleaned later, with every other line), whether it opens a table
/// cell, and its page (0 where it has none).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Laid {
    pub text: String,
    pub cell: bool,
    pub page: usize,
    /// The pattern of the line's label as the source typed it (`（一）`),
    /// where the layout wrote the label in its level's default style.
    pub typed: Option<String>,
}

/// The lines a reader lays out: paragraphs a line each, a blank line where
/// one ends; a table's cells each on lines of their own, the first led as
/// a cell, a blank line after its header and after each row.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Lines(pub Vec<Laid>);

impl Lines {
    /// A line, or a line for each line of a text that holds line breaks.
    pub fn line(&mut self, text: &str) {
        for text in text.split('\n') {
            self.0.push(Laid { text: text.to_string(), ..Laid::default() });
        }
    }

    /// A line whose label the layout wrote in its level's default style,
    /// with the pattern of the label as typed.
    pub fn relabelled(&mut self, text: &str, typed: Option<String>) {
        self.0.push(Laid { text: text.to_string(), typed, ..Laid::default() });
    }

    /// A blank line: a paragraph, a table's header or a row ends.
    pub fn blank(&mut self) {
        self.0.push(Laid::default());
    }

    /// A table cell: its first paragraph on the line that opens it, the
    /// rest on lines after it.
    pub fn cell(&mut self, paragraphs: &[String]) {
        let start = self.0.len();
        for p in paragraphs {
            self.line(p.trim());
        }
        if self.0.len() == start {
            self.0.push(Laid::default());
        }
        self.0[start].cell = true;
    }

    /// The page of the lines from `start` on.
    pub fn on_page(&mut self, start: usize, page: usize) {
        for line in self.0.iter_mut().skip(start) {
            line.page = page;
        }
    }
}

/// What a PDF's blocks give the later stages.
#[derive(Debug, Default)]
pub struct Layout {
    /// The lines.
    pub lines: Lines,
    /// The numbering styles found (see [`crate::import::text::styles`]).
    pub styles: Styles,
    /// The plans table's amounts and remarks.
    pub amounts: Option<Amounts>,
    /// The parts beyond the three the later stages read.
    pub parts: Vec<ExtraPart>,
    /// The parts' order (`booklet.order`) where it is not the customary one.
    pub order: Option<Vec<&'static str>>,
}

/// The part a top-level heading opens: duties, policy, outcomes, or an
/// extra part.
fn section_of(heading: &str) -> &'static str {
    match crate::import::text::markers::part_heading(heading).map(|(p, _)| p) {
        Some(crate::import::text::markers::Part::Duties) => "duties",
        Some(crate::import::text::markers::Part::Policy) => "policy",
        Some(crate::import::text::markers::Part::Outcomes) => "outcomes",
        _ => "parts",
    }
}

/// Lays a PDF's blocks out as lines. The three customary parts go to the
/// text in their customary order (their order in the PDF becomes
/// `booklet.order`); a further part is read here into an [`ExtraPart`].
pub fn lay_out_blocks(blocks: &[Block]) -> Layout {
    let blocks = &next_parts(&from_part_level(blocks));
    // The blocks before the first part heading, then one run per part.
    let mut runs: Vec<(&'static str, Vec<&Block>)> = vec![("front", Vec::new())];
    for block in blocks {
        if let Block::Heading { level: 1, text, .. } = block
            && text.chars().filter(|c| !c.is_whitespace()).collect::<String>() != "目次"
        {
            runs.push((section_of(text), Vec::new()));
        }
        if let Some((_, run)) = runs.last_mut() {
            run.push(block);
        }
    }
    let seen: Vec<&'static str> = runs.iter().skip(1).map(|(s, _)| *s).fold(Vec::new(), |mut v, s| {
        if !v.contains(&s) {
            v.push(s);
        }
        v
    });
    let customary: Vec<&'static str> = crate::model::SECTIONS.iter().copied().filter(|s| seen.contains(s)).collect();
    let order = (seen != customary).then(|| seen.clone());
    let rank = |s: &str| ["front", "duties", "policy", "outcomes"].iter().position(|r| *r == s).unwrap_or(9);
    runs.sort_by_key(|(s, _)| rank(s));

    let mut layout = Layout { order, ..Layout::default() };
    for (section, run) in &runs {
        if *section == "parts" {
            layout.parts.push(extra_part(run, &mut layout.styles));
        } else {
            for block in run {
                lay_out(block, &mut layout);
            }
        }
    }
    layout
}

/// A further part whose name is none of the customary ones, told by its
/// number: after the last part heading (`三、以前年度計畫實施成果概述`), a
/// heading or a short line numbered next in the same style (`四、其他`)
/// opens a part. Where parts are numbered 壹、 a further part is told so
/// already; this is for booklets whose parts are numbered 一、.
fn next_parts(blocks: &[Block]) -> Vec<Block> {
    let mut last: Option<(crate::import::text::markers::Kind, u32)> = None;
    let mut first_kind: Option<Option<crate::import::text::markers::Kind>> = None;
    let mut seen_part = false;
    let mut out = Vec::with_capacity(blocks.len());
    for block in blocks {
        let (text, page, is_part) = match block {
            Block::Heading { level, text, page } => (text, *page, *level == 1),
            // A customary part's heading typed as a paragraph (a document
            // without heading styles, exported tagged or not), numbered.
            Block::Paragraph { text, page } => (
                text,
                *page,
                !text.contains('\n')
                    && crate::import::text::markers::split_marker(text.trim()).is_some()
                    && crate::import::text::markers::part_heading(text.trim()).is_some(),
            ),
            Block::Table { .. } => {
                out.push(block.clone());
                continue;
            }
        };
        let marker = crate::import::text::markers::split_marker(text.trim());
        if is_part {
            // Only the customary parts' headings numbered in one style, one
            // after the other from the first, set the number to follow (a
            // chapter read at a part's level, 一、年度施政目標 after 貳、…,
            // does not).
            let numbered = marker.filter(|_| crate::import::text::markers::part_heading(text.trim()).is_some()).map(|(m, _)| (m.kind, m.n));
            let first = *first_kind.get_or_insert_with(|| numbered.map(|(k, _)| k));
            last = match (numbered, last) {
                (Some((k, 1)), None) if Some(k) == first && !seen_part => Some((k, 1)),
                (Some((k, n)), Some((lk, ln))) if k == lk && n == ln + 1 => Some((k, n)),
                _ => None,
            };
            seen_part = true;
        } else if let (Some((kind, n)), Some((m, rest))) = (last, marker)
            && m.kind == kind
            && m.n == n + 1
            && !rest.is_empty()
            && rest.chars().count() <= FURTHER_PART_MOST
            && !rest.contains(['。', '，', '：'])
            && !text.contains('\n')
        {
            last = Some((m.kind, m.n));
            out.push(Block::Heading { level: 1, text: text.clone(), page });
            continue;
        }
        out.push(block.clone());
    }
    out
}

/// The blocks with their headings' levels counted from the parts' level,
/// and without the web edition's footer (see [`crate::import::layout::furniture`]).
/// booklet tags a part `H1`; a word processor or a browser may tag the
/// title `H1` and the parts `H2`. The level of the first heading that opens
/// a part (壹、現行法定職掌…) becomes 1, a heading above it (the title) 0.
fn from_part_level(blocks: &[Block]) -> Vec<Block> {
    let part_level = blocks
        .iter()
        .find_map(|b| match b {
            Block::Heading { level, text, .. } if *level > 0 && crate::import::text::markers::part_heading(text).is_some() => Some(*level),
            _ => None,
        })
        .unwrap_or(1);
    blocks
        .iter()
        .filter(|b| !matches!(b, Block::Paragraph { text, .. } if crate::import::layout::furniture::is_web_footer(text)))
        .map(|b| match b {
            Block::Heading { level, text, page } if *level > 0 => {
                Block::Heading { level: (level + 1).saturating_sub(part_level), text: text.clone(), page: *page }
            }
            other => other.clone(),
        })
        .collect()
}

/// One block onto the lines.
fn lay_out(block: &Block, layout: &mut Layout) {
    let Layout { lines: out, styles, amounts, .. } = layout;
    let start = out.0.len();
    let page = match block {
        Block::Heading { page, .. } | Block::Paragraph { page, .. } | Block::Table { page, .. } => *page,
    };
    match block {
        Block::Heading { text, .. } | Block::Paragraph { text, .. } => {
            let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
            if squeezed == "目次" {
                return;
            }
            // A blank line after each: a paragraph of a PDF is whole, not
            // a line wrapped by the layout.
            for line in text.split('\n') {
                let line = line.trim();
                let typed = crate::import::text::styles::pattern_of(line);
                let relabelled = match block {
                    Block::Heading { level: 1, .. } => styles.at(Level::Part, line),
                    Block::Heading { level: 2, .. } => styles.at(Level::Chapter, line),
                    Block::Heading { level: 3, .. } => styles.at(Level::Section, line),
                    _ => styles.list(line),
                };
                out.relabelled(&relabelled, typed);
                out.blank();
            }
        }
        Block::Table { rows, .. } => table(rows, out, styles, amounts),
    }
    out.on_page(start, page);
}

/// Whether a line is a table's unit caption (`單位：新臺幣千元`), printed
/// above the table it belongs to.
pub(crate) fn is_unit_caption(line: &str) -> bool {
    let line: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    (line.starts_with("單位：") || line.starts_with("單位:")) && line.chars().count() <= UNIT_CAPTION_MOST
}

/// A further part: its heading, its paragraphs (unnumbered) and items
/// (numbered), and each table with the chapter heading before it.
fn extra_part(run: &[&Block], styles: &mut Styles) -> ExtraPart {
    let mut part = ExtraPart::default();
    let mut chapter = String::new();
    let mut caption: Option<String> = None;
    for (at, block) in run.iter().enumerate() {
        match block {
            Block::Heading { level: 1, text, .. } => {
                let marked = styles.at(Level::Part, text.trim());
                part.heading = crate::import::text::markers::split_marker(&marked).map_or(marked.clone(), |(_, rest)| rest.to_string());
            }
            Block::Heading { text, .. } => {
                let marked = styles.at(Level::Chapter, text.trim());
                chapter = crate::import::text::markers::split_marker(&marked).map_or(marked.clone(), |(_, rest)| rest.to_string());
            }
            // A labelled short paragraph over a table (or its unit
            // caption) is the table's chapter heading, typed without a
            // heading style: （一）中央補助計畫.
            Block::Paragraph { text, .. }
                if !text.contains('\n')
                    && run[at + 1..]
                        .iter()
                        .find(|b| !matches!(b, Block::Paragraph { text, .. } if is_unit_caption(text)))
                        .is_some_and(|b| matches!(b, Block::Table { .. }))
                    && crate::import::text::markers::split_marker(text.trim())
                        .is_some_and(|(_, rest)| crate::import::text::markers::heading_like(rest, CHAPTER_HEADING_MOST)) =>
            {
                let marked = styles.at(Level::Chapter, text.trim());
                chapter = crate::import::text::markers::split_marker(&marked).map_or(marked.clone(), |(_, rest)| rest.to_string());
            }
            Block::Paragraph { text, .. } => {
                for line in text.split('\n').map(str::trim).filter(|l| !l.is_empty()) {
                    if is_unit_caption(line) {
                        caption = Some(line.to_string());
                        continue;
                    }
                    // A note under the table just read (註：…, 註1：…).
                    if let (Some(table), Some(text)) = (part.tables.last_mut(), crate::import::text::markers::note_text(line)) {
                        table.notes.push(text.to_string());
                        continue;
                    }
                    let marked = styles.list(line);
                    match crate::import::text::markers::split_marker(&marked) {
                        Some((_, rest)) if marked != line || crate::import::text::styles::detect(line, false).is_some() => {
                            part.items.push(rest.to_string())
                        }
                        _ => part.paragraphs.push(line.to_string()),
                    }
                }
            }
            Block::Table { rows, landscape, .. } => {
                let (columns, body) = header_columns(rows);
                let (groups, header) = columns.into_iter().unzip();
                let mut table = ExtraTable {
                    heading: std::mem::take(&mut chapter),
                    unit_caption: caption.take(),
                    header,
                    groups,
                    landscape: *landscape,
                    ..ExtraTable::default()
                };
                for row in rows.iter().skip(body) {
                    let cells: Vec<String> = row.iter().map(text_of).collect();
                    let first: String = cells.first().map(|c| c.chars().filter(|c| !c.is_whitespace()).collect()).unwrap_or_default();
                    if cells.iter().all(|c| c.trim().is_empty()) {
                        continue;
                    }
                    if matches!(first.as_str(), "合計" | "總計") {
                        table.totals = Some(cells);
                    } else {
                        table.rows.push(cells);
                    }
                }
                part.tables.push(table);
            }
        }
    }
    part
}

#[cfg(test)]
mod tests {
    use super::grid::tests::c;
    use super::*;

    #[test]
    fn heading_levels_count_from_the_parts() {
        let h = |level, text: &str| Block::Heading { level, text: text.into(), page: 1 };
        let levels = |blocks: &[Block]| -> Vec<u8> {
            from_part_level(blocks).iter().filter_map(|b| if let Block::Heading { level, .. } = b { Some(*level) } else { None }).collect()
        };
        // A browser's print: the title H1, the parts H2, their chapters H3.
        assert_eq!(
            levels(&[h(1, "預算總說明"), h(2, "壹、現行法定職掌"), h(3, "一、機關主要職掌："), h(2, "貳、施政目標與重點")]),
            [0, 1, 2, 1]
        );
        // booklet's own: the parts H1.
        assert_eq!(levels(&[h(1, "壹、現行法定職掌"), h(2, "一、機關主要職掌：")]), [1, 2]);
        let footer = Block::Paragraph { text: format!("勞動部 109年度 預算總說明。{}", crate::render::WEB_COLOPHON), page: 9 };
        assert_eq!(from_part_level(&[footer]), [], "the web edition's footer is left out");
    }

    #[test]
    fn the_toc_heading_and_a_totals_row_are_left_out() {
        let blocks = vec![
            Block::Heading { level: 1, text: "目\u{3000}\u{3000}次".into(), page: 3 },
            Block::Table {
                rows: vec![
                    vec![c("機關", 1, 1, true), c("職員", 1, 1, true)],
                    vec![c("範例部", 1, 1, false), c("10", 1, 1, false)],
                    vec![c("總計", 1, 1, false), c("10", 1, 1, false)],
                ],
                page: 8,
                landscape: false,
            },
        ];
        let layout = lay_out_blocks(&blocks);
        let cell = |text: &str| Laid { text: text.into(), cell: true, page: 8, typed: None };
        let blank = Laid { page: 8, ..Laid::default() };
        assert_eq!(
            layout.lines.0,
            [blank.clone(), cell("機關"), cell("職員"), blank.clone(), cell("範例部"), cell("10"), blank.clone(), blank]
        );
    }
}
