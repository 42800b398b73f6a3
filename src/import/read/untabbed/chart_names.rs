//! An organisation chart as text gives it: the boxes' names, some printed
//! across (院長, 發言人室), most upright, one character above the other.
//! `pdftotext -layout` prints the upright names side by side, a line per
//! character row, so a name is the characters that stand at one place on
//! consecutive lines; `pdftotext -raw` prints them a character a line, one
//! name after the other, so a name ends with the character that ends a
//! unit's name (司 處 室 署 局 …). The chart becomes its names, one a line,
//! top to bottom and left to right, as the later stages read a chart.

use crate::import::read::untabbed::Src;
use crate::import::read::untabbed::cells::wide;
use crate::import::text::lines::squeeze;

/// A line's words with where they start (in characters).
fn words(raw: &str) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in raw.chars().chain(std::iter::once(' ')).enumerate() {
        match (c.is_whitespace(), start) {
            (false, None) => start = Some(i),
            (true, Some(s)) => {
                out.push((s, raw.chars().skip(s).take(i - s).collect()));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// One upright character.
fn single(word: &str) -> bool {
    let mut chars = word.chars();
    chars.next().is_some_and(wide) && chars.next().is_none()
}

/// The characters that end a unit's name.
const ENDS: &str = "司處室署局所院部會館隊組科中心站場團";

/// The chart's box names, from the lines under its heading.
pub(in crate::import) fn names(lines: &[Src]) -> Vec<String> {
    let mut out = Vec::new();
    // The names of a run of lines that print upright names side by side:
    // (place, name, whether it is whole). An upright name grows a character
    // a line; a name printed across among them (a group's 所屬機關) is whole.
    let mut columns: Vec<(usize, String, bool)> = Vec::new();
    let mut stream = String::new();
    // Upright names side by side (a line with two or more upright
    // characters apart), or a character a line.
    let side_by_side = lines.iter().any(|l| {
        let w = words(&l.raw);
        w.len() >= 2 && w.iter().all(|(_, w)| single(w))
    });
    // The names of a run, left to right.
    let flush_columns = |columns: &mut Vec<(usize, String, bool)>, out: &mut Vec<String>| {
        let mut run = std::mem::take(columns);
        run.sort_by_key(|(x, _, _)| *x);
        out.extend(run.into_iter().map(|(_, n, _)| n).filter(|n| !n.is_empty()));
    };
    let mut blank = 0;
    for line in lines {
        let words = words(&line.raw);
        if words.is_empty() {
            // Levels of upright names stand apart: a blank line ends a run.
            blank += 1;
            if blank >= 1 {
                flush_columns(&mut columns, &mut out);
            }
            continue;
        }
        blank = 0;
        if crate::import::layout::furniture::is_furniture(&line.raw) {
            continue;
        }
        let upright = words.iter().all(|(_, w)| single(w));
        if upright && !side_by_side {
            for (_, w) in words {
                stream.push_str(&w);
                if ENDS.contains(w.as_str()) && stream.chars().count() >= 3 {
                    out.push(std::mem::take(&mut stream));
                }
            }
            continue;
        }
        let mixed = side_by_side && (!columns.is_empty() || words.iter().filter(|(_, w)| single(w)).count() >= 2);
        if upright || mixed {
            if !stream.is_empty() {
                out.push(std::mem::take(&mut stream));
            }
            for (x, w) in words {
                if !single(&w) {
                    columns.push((x, w, true));
                    continue;
                }
                // A character one place off its column (the extraction
                // rounds places) joins the column beside it.
                match columns.iter_mut().find(|(k, _, whole)| !*whole && k.abs_diff(x) <= 1) {
                    Some((_, name, _)) => name.push_str(&w),
                    None => columns.push((x, w, false)),
                }
            }
            continue;
        }
        if !stream.is_empty() {
            out.push(std::mem::take(&mut stream));
        }
        flush_columns(&mut columns, &mut out);
        out.extend(words.into_iter().map(|(_, w)| w).filter(|w| !squeeze(w).is_empty()));
    }
    if !stream.is_empty() {
        out.push(stream);
    }
    flush_columns(&mut columns, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::read::untabbed::src_lines as src;

    #[test]
    fn upright_names_side_by_side_are_read_down() {
        let text = "          部長\n   政務次長     主任秘書\n 綜   秘\n 合   書\n 規   處\n 劃\n 司\n";
        assert_eq!(names(&src(text)), ["部長", "政務次長", "主任秘書", "綜合規劃司", "秘書處"]);
    }

    #[test]
    fn a_group_across_among_upright_names_and_levels_apart() {
        let text = concat!(
            "          部長\n",
            " 綜   秘      所屬機關\n",
            " 合   書\n",
            " 規   處\n",
            " 劃\n",
            " 司\n",
            "\n",
            "             甲   乙\n",
            "             署   局\n",
            "\n",
            "             甲\n",
            "             署\n",
            "             分\n",
            "             署\n",
        );
        assert_eq!(names(&src(text)), ["部長", "綜合規劃司", "秘書處", "所屬機關", "甲署", "乙局", "甲署分署"]);
    }

    #[test]
    fn upright_names_a_character_a_line_end_with_a_unit() {
        let text = "勞動部\n綜\n合\n規\n劃\n司\n會\n計\n處\n";
        assert_eq!(names(&src(text)), ["勞動部", "綜合規劃司", "會計處"]);
    }
}
