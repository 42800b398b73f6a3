//! Table cells, for the parts stage. A run of cell lines (each cell opened
//! by a line marked so) is read into cells (a cell continues over wrapped lines), and the header row is told
//! from the body by the cells that hold no number.

use crate::import::text::lines::{Line, join};
use crate::import::text::markers::{Part, is_table_note, part_heading, split_marker, table_heading};
use crate::import::text::notes::Notes;

/// A table cell: its first line (after the tab) and the lines that follow
/// it up to the next cell (blank ones kept, as "").
pub(in crate::import) struct Cell {
    pub(in crate::import) line: usize,
    pub(in crate::import) lines: Vec<(usize, String)>,
}

impl Cell {
    pub(in crate::import) fn texts(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines.iter().filter(|(_, t)| !t.is_empty()).map(|(n, t)| (*n, t.as_str()))
    }

    pub(in crate::import) fn first(&self) -> &str {
        self.texts().next().map_or("", |(_, t)| t)
    }

    pub(in crate::import) fn is_empty(&self) -> bool {
        self.texts().next().is_none()
    }

    pub(in crate::import) fn joined(&self) -> String {
        let mut s = String::new();
        for (_, t) in self.texts() {
            join(&mut s, t);
        }
        s
    }

    pub(in crate::import) fn has_blank(&self) -> bool {
        self.lines.iter().skip(1).any(|(_, t)| t.is_empty())
    }
}

/// Reads the cells of a table from `start` up to the next heading that
/// ends it; returns them and the index of the first line after the table.
pub(in crate::import) fn read_cells(lines: &[Line], start: usize, part: Part) -> (Vec<Cell>, usize) {
    let mut cells: Vec<Cell> = Vec::new();
    let mut i = start;
    while i < lines.len() {
        let l = &lines[i];
        if l.cell {
            cells.push(Cell { line: l.no, lines: vec![(l.no, l.text.clone())] });
        } else {
            let later_part = part_heading(&l.text).is_some_and(|(p, _)| p > part);
            let next_table = part == Part::Outcomes && table_heading(&l.text).is_some();
            // A note under the table (註：…) after a blank line is not its
            // last cell's text.
            let after_blank = i > start && lines[i - 1].text.is_empty();
            let note = after_blank && is_table_note(&l.text);
            if !l.text.is_empty() && (later_part || next_table || note) {
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
pub(in crate::import) fn split_header(cells: &[Cell]) -> (&[Cell], &[Cell]) {
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

/// The three column headings of a table's header; where it has another
/// number of cells, a note (`message` is given that number) and none.
pub(in crate::import) fn three_columns<M: Into<String>>(
    header: &[Cell],
    line: usize,
    message: impl FnOnce(usize) -> M,
    notes: &mut Notes,
) -> Option<[String; 3]> {
    let texts: Vec<String> = header.iter().map(Cell::joined).collect();
    match <[String; 3]>::try_from(texts) {
        Ok(columns) => Some(columns),
        Err(texts) => {
            notes.add(line, message(texts.len()));
            None
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::text::lines::lines_of;

    #[test]
    fn a_run_of_tab_led_lines_is_read_into_cells_up_to_the_next_part() {
        let text = "\t機關\n\t職員\n\t合計\n\n\t勞動部\n\t286\n\t2\n86\n貳、施政目標與重點\n";
        let lines = lines_of(text);
        let (cells, next) = read_cells(&lines, 0, Part::Duties);
        let texts: Vec<String> = cells.iter().map(Cell::joined).collect();
        assert_eq!(texts, ["機關", "職員", "合計", "勞動部", "286", "286"], "a wrapped cell continues");
        assert_eq!(lines[next].text, "貳、施政目標與重點", "the next part ends the table");
        let (header, body) = split_header(&cells);
        assert_eq!(header.len(), 3, "the header ends at the cell followed by a blank line");
        assert_eq!(body.len(), 3);
    }
}
