//! A part beyond the three every booklet has (肆、其他…), as text gives it:
//! its paragraphs (a wrapped paragraph's lines joined), its numbered items,
//! and its tables, each under a chapter heading (一、歲入來源別預算表): a
//! header row of column names, then a row a line, the cells apart by
//! spaces, a totals row (合計) last. Read into the [`ExtraPart`] a PDF's
//! blocks give, so that one stage writes both into the draft.

use crate::import::heuristics::UNREAD_TABLE_LINES;
use crate::import::layout::{ExtraPart, ExtraTable, is_unit_caption};
use crate::import::read::untabbed::Src;
use crate::import::read::untabbed::cells::{desquash, words};
use crate::import::text::lines::squeeze;
use crate::import::text::markers::note_text;
use crate::import::text::styles::{Level, Styles, detect};

/// Whether a line opens a part that is not one of the three: a heading
/// numbered as a part (`肆、…`) whose wording is none of theirs.
pub(in crate::import) fn opens(line: &str) -> bool {
    let t = crate::import::text::lines::clean(line);
    crate::import::text::markers::split_marker(&t)
        .is_some_and(|(m, rest)| m.kind == crate::import::text::markers::Kind::Formal && !rest.is_empty())
        && crate::import::text::markers::part_heading(&t).is_none()
}

/// Reads a further part from its heading line to the line before `end`.
pub(in crate::import) fn read(lines: &[Src], styles: &mut Styles, landscape: &[usize]) -> ExtraPart {
    let mut part = ExtraPart::default();
    let Some((first, rest)) = lines.split_first() else {
        return part;
    };
    let heading = styles.at(Level::Part, &crate::import::text::lines::clean(&first.raw));
    part.heading = crate::import::text::markers::split_marker(&heading).map_or(heading.clone(), |(_, r)| r.to_string());
    let mut chapter: Option<String> = None;
    let mut table: Option<ExtraTable> = None;
    let mut paragraph: Option<String> = None;
    let finish_table = |table: &mut Option<ExtraTable>, part: &mut ExtraPart| {
        if let Some(t) = table.take() {
            part.tables.push(t);
        }
    };
    // A unit caption stands between a table's heading and its header: kept
    // for the table (by the place of the line after it), out of the lines read.
    let mut lines: Vec<&Src> = Vec::new();
    let mut captions: Vec<(usize, String)> = Vec::new();
    for line in rest.iter().filter(|l| !squeeze(&l.raw).is_empty() && !crate::import::layout::furniture::is_furniture(&l.raw)) {
        if is_unit_caption(&line.raw) {
            captions.push((lines.len(), squeeze(&line.raw)));
        } else {
            lines.push(line);
        }
    }
    // Whether the line before was a note under a table (a wrapped note's
    // next line joins it).
    let mut noting = false;
    // Lines already read (a table read by position).
    let mut skip = 0;
    for (k, line) in lines.iter().enumerate() {
        if skip > 0 {
            skip -= 1;
            continue;
        }
        let text = desquash(&line.raw);
        // A table's rows, up to a line that is not one.
        if let Some(t) = table.as_mut() {
            if let Some(cells) = row_cells(&line.raw, t.header.len()) {
                if matches!(squeeze(&cells[0]).as_str(), "合計" | "總計") {
                    t.totals = Some(cells);
                } else {
                    t.rows.push(cells);
                }
                continue;
            }
            finish_table(&mut table, &mut part);
        }
        // A note under the table just read (註：…, 註1：…), or its next line.
        if let Some(t) = part.tables.last_mut().filter(|_| chapter.is_none() && paragraph.is_none()) {
            if let Some(note) = note_text(&text) {
                t.notes.push(note.to_string());
                noting = true;
                continue;
            }
            if let Some(last) = t.notes.last_mut().filter(|n| noting && !n.ends_with('。') && detect(&text, false).is_none()) {
                crate::import::text::lines::join(last, &text);
                continue;
            }
        }
        noting = false;
        if let Some(heading) = chapter.take() {
            // The line after a chapter heading: the header of its table.
            let unit_caption = captions.iter().find(|c| c.0 == k).map(|c| c.1.clone());
            let landscape = landscape.contains(&line.page);
            table = Some(ExtraTable { heading, unit_caption, header: words(&line.raw), landscape, ..ExtraTable::default() });
            continue;
        }
        if detect(&text, false).is_some() {
            if let Some(p) = paragraph.take() {
                part.paragraphs.push(p);
            }
            // A chapter heading over a table read by where its words stand
            // (a header of several lines, cells wrapped over lines).
            if let Some((mut t, used)) = crate::import::read::untabbed::placed::table(&lines[k + 1..]) {
                finish_table(&mut table, &mut part);
                let marked = styles.at(Level::Chapter, &text);
                t.heading = crate::import::text::markers::split_marker(&marked).map_or(marked.clone(), |(_, r)| r.to_string());
                t.unit_caption = captions.iter().find(|c| c.0 == k + 1).map(|c| c.1.clone());
                t.landscape = lines.get(k + 1).is_some_and(|l| landscape.contains(&l.page));
                part.tables.push(t);
                skip = used;
                continue;
            }
            // A chapter heading is followed by a table: a header, then a row.
            let header = lines.get(k + 1).map(|l| words(&l.raw)).unwrap_or_default();
            let heads_table = header.len() >= 2 && lines.get(k + 2).is_some_and(|l| row_cells(&l.raw, header.len()).is_some());
            // Lines of figures under a heading that heads no table read
            // here: a table whose cells the text does not tell (a header of
            // several lines, cells wrapped, and no places to tell them by).
            let figures = |l: &&&Src| l.raw.split_whitespace().filter(|w| crate::import::read::untabbed::placed::is_figure(w)).count() >= 2;
            if !heads_table && lines[k + 1..].iter().take(UNREAD_TABLE_LINES).any(|l| figures(&l)) {
                part.unread.push((line.no, line.page, crate::import::text::lines::clean(&line.raw)));
            }
            let (level, marked) =
                if heads_table { (Level::Chapter, styles.at(Level::Chapter, &text)) } else { (Level::List, styles.list(&text)) };
            let rest = crate::import::text::markers::split_marker(&marked).map_or(marked.clone(), |(_, r)| r.to_string());
            if level == Level::Chapter {
                chapter = Some(rest);
            } else {
                part.items.push(rest);
            }
            continue;
        }
        match paragraph.as_mut() {
            // A paragraph's wrapped line (its first line is indented).
            Some(p) if !line.raw.starts_with(' ') => crate::import::text::lines::join(p, &text),
            _ => {
                if let Some(p) = paragraph.replace(text) {
                    part.paragraphs.push(p);
                }
            }
        }
        if let Some(p) = paragraph.as_ref()
            && (p.ends_with('。') || p.ends_with('：'))
        {
            part.paragraphs.push(paragraph.take().unwrap_or_default());
        }
    }
    finish_table(&mut table, &mut part);
    if let Some(p) = paragraph {
        part.paragraphs.push(p);
    }
    part
}

/// A table row: the line's cells apart by spaces, as many as the header
/// has (a totals row may leave the last ones out); `None` for a line that
/// is not a row (one cell, or more cells than columns).
fn row_cells(raw: &str, columns: usize) -> Option<Vec<String>> {
    let mut cells: Vec<String> = raw.split_whitespace().map(str::to_string).collect();
    if cells.len() < 2 || cells.len() > columns || detect(&cells[0], false).is_some() {
        return None;
    }
    cells.resize(columns, String::new());
    Some(cells)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_further_part_gives_its_paragraphs_items_and_tables() {
        let text = "肆、其他\n  本局附屬單位預算另冊編列，其重要\n事項摘述如下。\n1、範例作業基金。\n一、歲入來源別預算表\n   科目   預算數（千元）   說明\n規費收入     12,345 依規費法收取\n合計         12,345\n註：預算數不含附屬單位\n預算。\n2、範例基金。\n";
        let lines: Vec<Src> = text.lines().enumerate().map(|(i, l)| Src { no: i + 1, page: 1, raw: l.to_string() }).collect();
        let part = read(&lines, &mut Styles::default(), &[]);
        assert_eq!(part.heading, "其他");
        assert_eq!(part.paragraphs, ["本局附屬單位預算另冊編列，其重要事項摘述如下。"]);
        assert_eq!(part.items, ["範例作業基金。", "範例基金。"]);
        assert_eq!(part.tables.len(), 1);
        let table = &part.tables[0];
        assert_eq!(table.heading, "歲入來源別預算表");
        assert_eq!(table.header, ["科目", "預算數（千元）", "說明"]);
        assert_eq!(table.rows, [["規費收入", "12,345", "依規費法收取"]]);
        assert_eq!(table.totals.as_deref(), Some(&["合計".to_string(), "12,345".to_string(), String::new()][..]));
        assert_eq!(table.notes, ["預算數不含附屬單位預算。"]);
    }
}
