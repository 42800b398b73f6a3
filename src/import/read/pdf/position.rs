//! An untagged PDF's text laid out by position, as `pdftotext -layout`
//! lays it out, for the text importer to read.

use std::collections::BTreeMap;

use crate::import::heuristics::BLANK_LINE_GAP;
use crate::import::read::pdf::content::{Rule, Run, latin_boundary};
use crate::import::read::pdf::limits::MAX_PLACE;

/// Untagged text by position, laid out as `pdftotext -layout` lays it out
/// (which the text importer reads): runs on one baseline (within a fifth
/// of the type size) make a line, left to right, lines top to bottom, a
/// form feed between pages; each run starts at the place its distance from
/// the left margin gives, in half ems of the body text (fine enough to keep
/// upright names a character apart in their columns), a space at least
/// from the run before unless it is as close as a justified line's spacing
/// (then it is the same text).
/// Artifacts (page numbers, running heads) are left out.
pub(in crate::import) fn by_position(runs: &[Run], rules: &[Rule]) -> String {
    let body: Vec<&Run> = runs.iter().filter(|r| !r.artifact && !r.text.trim().is_empty()).collect();
    // The left margin of odd and of even pages (a duplex booklet's
    // alternate), where the text of any of them starts furthest left.
    let mut lefts = [f32::INFINITY; 2];
    for run in &body {
        lefts[run.page % 2] = lefts[run.page % 2].min(run.x);
    }
    // The body text's size: the size most characters are set in.
    let mut sizes: BTreeMap<i64, usize> = BTreeMap::new();
    for run in &body {
        *sizes.entry((run.size * 10.0).round() as i64).or_default() += run.text.chars().count();
    }
    let em = sizes.iter().max_by_key(|(_, n)| **n).map_or(10.0, |(s, _)| *s as f32 / 10.0).max(1.0);
    let mut by_page: BTreeMap<usize, Vec<&Run>> = BTreeMap::new();
    for run in body {
        by_page.entry(run.page).or_default().push(run);
    }
    let mut out = String::new();
    for (k, (page, mut runs)) in by_page.into_iter().enumerate() {
        let left = if lefts[page % 2].is_finite() { lefts[page % 2] } else { 0.0 };
        if k > 0 {
            out.push('\u{c}');
        }
        // PDF space: y grows upwards.
        runs.sort_by(|a, b| b.y.total_cmp(&a.y).then(a.x.total_cmp(&b.x)));
        let mut lines: Vec<(f32, Vec<&Run>)> = Vec::new();
        for run in runs {
            let tolerance = (run.size / 5.0).max(1.0);
            match lines.last_mut() {
                Some((y, line)) if (*y - run.y).abs() <= tolerance => line.push(run),
                _ => lines.push((run.y, vec![run])),
            }
        }
        let mut above: Option<f32> = None;
        for (y, mut line) in lines {
            // A gap of more than BLANK_LINE_GAP ems between baselines (levels
            // of a chart, a table and what follows it): a blank line, as
            // pdftotext -layout leaves one.
            if above.is_some_and(|a| a - y > BLANK_LINE_GAP * em) {
                out.push('\n');
            }
            above = Some(y);
            line.sort_by(|a, b| a.x.total_cmp(&b.x));
            // The rules beside the line: in a ruled table, they alone part
            // its columns.
            let beside: Vec<f32> =
                rules.iter().filter(|r| r.page == page && r.bottom - 1.0 <= y && y <= r.top + 1.0).map(|r| r.x).collect();
            let mut text = String::new();
            let mut end = f32::MIN;
            for run in line {
                // Half ems from the margin, at most a sheet's width of them.
                let place = ((run.x - left) * 2.0 / em).round().clamp(0.0, MAX_PLACE) as usize;
                // Apart by more than a justified line's spacing (a third of
                // an em between full-width characters, three quarters
                // beside Latin text): a column of its own; after a list
                // marker, a space; closer, the same text.
                let gap = (run.x - end) / em;
                let wide = |c: Option<char>| c.is_some_and(|c| !c.is_ascii());
                let column = if wide(text.chars().last()) && wide(run.text.chars().next()) { 0.3 } else { 0.75 };
                let marker = crate::import::text::styles::detect(text.trim(), false).is_some_and(|(_, _, rest)| rest.trim().is_empty());
                let ruled = beside.len() >= 2;
                let rule_between = beside.iter().any(|&x| end - em / 4.0 <= x && x <= run.x + em / 4.0);
                if text.is_empty() || (ruled && rule_between) || (!ruled && gap >= column) {
                    let at = text.chars().count();
                    let pad = if text.is_empty() { place } else { place.saturating_sub(at).max(1) };
                    text.extend(std::iter::repeat_n(' ', pad));
                } else if (marker && gap >= 0.2) || (latin_boundary(text.chars().last(), run.text.chars().next()) && gap >= 0.15) {
                    // After a list marker, or between Latin words whose
                    // space is a gap, not a character (as a browser draws
                    // them): a space.
                    text.push(' ');
                }
                text.push_str(&run.text);
                end = run.end;
            }
            // A space that ends the line's text is the text's own (a line
            // broken at a space): kept, one.
            let trimmed = text.trim_end();
            out.push_str(trimmed);
            if trimmed.len() < text.len() && text.ends_with(' ') && !text.ends_with("  ") {
                out.push(' ');
            }
            out.push('\n');
        }
    }
    out
}

/// The page of the PDF that each page of [`by_position`]'s text is, in
/// order: the pages with body text (a blank page gives no text page).
pub(in crate::import) fn text_pages(runs: &[Run]) -> Vec<usize> {
    let pages: std::collections::BTreeSet<usize> =
        runs.iter().filter(|r| !r.artifact && !r.text.trim().is_empty()).map(|r| r.page).collect();
    pages.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_on_one_baseline_make_a_line_placed_by_their_distance_from_the_margin() {
        let run = |x: f32, y: f32, text: &str| Run {
            page: 1,
            x,
            y,
            size: 10.0,
            text: text.into(),
            artifact: false,
            end: x + 10.0 * text.chars().map(|c| if c.is_ascii() { 0.5 } else { 1.0 }).sum::<f32>(),
        };
        let runs = [
            run(100.0, 700.0, "勞動部"),
            run(150.0, 700.5, "286"),
            run(100.0, 680.0, "職員"),
            run(120.0, 680.0, "工友"),
            Run { artifact: true, ..run(300.0, 20.0, "3") },
        ];
        assert_eq!(by_position(&runs, &[]), "勞動部       286\n職員工友\n", "a run that touches the one before follows it");
        let two_pages = [
            run(100.0, 700.0, "壹、現行法定職掌"),
            Run { page: 2, ..run(120.0, 700.0, "一、機關主要職掌") },
            Run { page: 2, ..run(140.0, 680.0, "本部") },
        ];
        assert_eq!(
            by_position(&two_pages, &[]),
            "壹、現行法定職掌\n\u{c}一、機關主要職掌\n    本部\n",
            "odd and even pages from their own margins"
        );
        let marker = [run(100.0, 700.0, "1."), run(112.0, 700.0, "107年"), run(100.0, 680.0, "臉書（"), run(135.0, 680.0, "Facebook）")];
        assert_eq!(by_position(&marker, &[]), "1. 107年\n臉書（Facebook）\n", "a space after a marker, none in a justified line");
        let words = [run(100.0, 700.0, "APEC"), run(122.5, 700.0, "HRDWG"), run(147.5, 700.0, "暨")];
        assert_eq!(by_position(&words, &[]), "APEC HRDWG暨\n", "a gap between Latin words is their space");
        // In a ruled table, a rule parts columns, a wide gap does not.
        let rule = |x: f32| Rule { page: 1, x, bottom: 650.0, top: 710.0 };
        let cells = [run(100.0, 700.0, "作協定"), run(140.0, 700.0, "FTA"), run(200.0, 700.0, "提供")];
        assert_eq!(by_position(&cells, &[rule(95.0), rule(190.0), rule(300.0)]), "作協定FTA              提供\n");
    }
}
