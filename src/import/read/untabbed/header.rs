//! What stands above a table's body, as the later steps look for it: a
//! header row printed over several lines (a column heading that wraps in
//! its narrow column, 工作計畫 over 名稱, as a word processor sets it, or
//! headings centred in a taller row, as a browser prints them) put back
//! together column by column into one line; and a caption that repeats
//! the heading just above the table (a web page's) left out.

use crate::import::heuristics::{HEADER_PIECE_LONGEST, HEADER_PIECE_NEAR, HEADER_ROW_LINES_MOST, WRAP_INDENT_MOST};
use crate::import::read::untabbed::{Kind, Src, header_kind};
use crate::import::text::lines::squeeze;

/// Joins each header row printed over two or three lines into one line (on
/// the first of them; the others left blank, so that lines keep their
/// numbers).
pub(in crate::import) fn join_headers(src: &mut [Src]) {
    // A whole header: a plans table's names 工作計畫名稱 (a line without
    // 名稱 may be the first of two: 工作計畫 over 名稱).
    let whole = |raw: &str| header_kind(raw).is_some_and(|k| k != Kind::Plans || squeeze(raw).contains("工作計畫名稱"));
    let mut i = 0;
    while i < src.len() {
        let joined = (2..=HEADER_ROW_LINES_MOST).filter(|n| i + n <= src.len()).find_map(|n| {
            let window = &src[i..i + n];
            let short = window.iter().all(|l| {
                let pieces = pieces(&l.raw);
                !pieces.is_empty() && pieces.iter().all(|(_, p)| p.chars().count() <= HEADER_PIECE_LONGEST)
            });
            if !short || window.iter().any(|l| whole(&l.raw)) {
                return None;
            }
            let line = join(window);
            whole(&line).then_some((n, line))
        });
        // A line more below, whose pieces stand under the columns found
        // and that is no numbered entry (名稱 under 工作計畫, where two
        // lines already name the table): the rest of the header.
        let joined = joined.map(|(n, line)| match src.get(i + n) {
            Some(more) if n < HEADER_ROW_LINES_MOST && continues(&line, &more.raw) => (n + 1, join(&src[i..i + n + 1])),
            _ => (n, line),
        });
        match joined {
            Some((n, line)) => {
                src[i].raw = line;
                for l in &mut src[i + 1..i + n] {
                    l.raw.clear();
                }
                i += n;
            }
            None => i += 1,
        }
    }
}

/// Joins a table's heading wrapped over two lines (`二、上年度已過期間
/// （111年1月1日至6月30日止）` over `計畫實施成果概述`, right above the
/// table's header) into its first line, the second left blank: a numbered
/// line, then an indented line of one piece without a number, then the
/// header.
pub(in crate::import) fn join_wrapped_headings(src: &mut [Src]) {
    for i in 0..src.len().saturating_sub(2) {
        let numbered = crate::import::text::styles::detect(src[i].raw.trim(), false).is_some_and(|(_, _, rest)| !rest.trim().is_empty());
        let next = &src[i + 1].raw;
        // (Hanging under the heading's text, not a piece of the header over
        // its column: 預算金額.)
        let indent = next.chars().take_while(|c| *c == ' ').count();
        let rest = (1..=WRAP_INDENT_MOST).contains(&indent)
            && pieces(next).len() == 1
            && crate::import::text::styles::detect(next.trim(), false).is_none();
        if numbered && rest && header_kind(&src[i + 2].raw).is_some() {
            let more = next.trim().to_string();
            src[i].raw = format!("{}{more}", src[i].raw.trim_end());
            src[i + 1].raw.clear();
        }
    }
}

/// Blanks each line that repeats the heading above it without its
/// number (a table's caption: `年度重要施政計畫` under
/// `二、年度重要施政計畫`).
pub(in crate::import) fn drop_captions(src: &mut [Src]) {
    let mut previous: Option<String> = None;
    for line in src.iter_mut() {
        let text = squeeze(&line.raw);
        if text.is_empty() {
            continue;
        }
        let heading = previous.as_deref().and_then(|p| crate::import::text::styles::detect(p, false)).map(|(_, _, rest)| rest);
        let repeats = heading.is_some_and(|h| !h.is_empty() && h == text);
        previous = Some(text);
        if repeats {
            line.raw.clear();
            previous = None;
        }
    }
}

/// Whether `next` holds more of the header `line`: short pieces, each
/// under one of its columns, none a numbered entry.
fn continues(line: &str, next: &str) -> bool {
    let columns = pieces(line);
    let more = pieces(next);
    !more.is_empty()
        && more.iter().all(|(start, piece)| {
            piece.chars().count() <= HEADER_PIECE_LONGEST
                && crate::import::text::styles::detect(&squeeze(piece), false).is_none()
                && columns.iter().any(|(at, _)| at.abs_diff(*start) <= HEADER_PIECE_NEAR)
        })
}

/// A line's pieces (parted by two spaces or more) and where they start.
pub(in crate::import) fn pieces(raw: &str) -> Vec<(usize, String)> {
    let mut out: Vec<(usize, String)> = Vec::new();
    let mut spaces = 2;
    for (k, c) in raw.chars().enumerate() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        match out.last_mut() {
            Some((_, piece)) if spaces < 2 => {
                piece.extend(std::iter::repeat_n(' ', spaces));
                piece.push(c);
            }
            _ => out.push((k, c.to_string())),
        }
        spaces = 0;
    }
    out
}

/// The lines' pieces gathered into columns (a piece joins the column that
/// starts near it, top to bottom), laid out as one line: each column's
/// text where it starts, three spaces at least between.
fn join(lines: &[Src]) -> String {
    let mut columns: Vec<(usize, String)> = Vec::new();
    for line in lines {
        // (The staffing table's group heading, 預算員額 over the categories,
        // is no column's: the booklet does not print it.)
        for (start, piece) in pieces(&line.raw).into_iter().filter(|(_, p)| squeeze(p) != "預算員額") {
            match columns.iter_mut().find(|(at, _)| at.abs_diff(start) <= HEADER_PIECE_NEAR) {
                Some((_, text)) => text.push_str(&squeeze(&piece)),
                None => columns.push((start, squeeze(&piece))),
            }
        }
    }
    columns.sort_by_key(|(at, _)| *at);
    let mut out = String::new();
    for (at, text) in columns {
        let width = out.chars().count();
        let pad = if out.is_empty() { at } else { at.saturating_sub(width).max(3) };
        out.extend(std::iter::repeat_n(' ', pad));
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn src(lines: &[&str]) -> Vec<Src> {
        lines.iter().enumerate().map(|(i, l)| Src { no: i + 1, page: 1, raw: l.to_string() }).collect()
    }

    #[test]
    fn a_tables_heading_wrapped_over_two_lines_is_one() {
        let mut lines =
            src(&["二、上年度已過期間（111年1月1日至6月30日止）", "    計畫實施成果概述", "    工作計畫      實施概況        實施成果"]);
        join_wrapped_headings(&mut lines);
        assert_eq!(lines[0].raw, "二、上年度已過期間（111年1月1日至6月30日止）計畫實施成果概述");
        assert_eq!(lines[1].raw, "");
        // A piece of the header over its column stays the header's.
        let mut lines = src(&[
            "（二）年度重要施政計畫",
            "                                        預算金額",
            "   工作計畫    重要計畫項目     實施內容     備註",
        ]);
        join_wrapped_headings(&mut lines);
        assert_eq!(lines[0].raw, "（二）年度重要施政計畫");
    }

    #[test]
    fn a_header_over_several_lines_is_one_line() {
        // Centred in a taller row (a browser's print).
        let mut centred = src(&[
            "  工作計畫",
            "                     重要計畫項目                                實施內容",
            "    名稱",
            " 一、綜合       一   加強勞動政策推展",
        ]);
        join_headers(&mut centred);
        assert_eq!(
            crate::import::read::untabbed::header_kind(&centred[0].raw),
            Some(crate::import::read::untabbed::Kind::Plans),
            "{}",
            centred[0].raw
        );
        assert_eq!(squeeze(&centred[0].raw), "工作計畫名稱重要計畫項目實施內容");
        assert!(centred[1].raw.is_empty() && centred[2].raw.is_empty());
        assert_eq!(centred[3].raw, " 一、綜合       一   加強勞動政策推展", "the body is left as it is");
        // Wrapped in its column (a word processor's table).
        let mut wrapped = src(&["工作計畫       重要計畫項目          實施內容", "  名稱"]);
        join_headers(&mut wrapped);
        assert_eq!(squeeze(&wrapped[0].raw), "工作計畫名稱重要計畫項目實施內容");
        // Where two lines already name the table, the third is its rest.
        let mut outcomes =
            src(&["  工作計畫", "            實施概況             實施成果", "    名稱", " 一、綜合    1、加強勞動政策推展"]);
        join_headers(&mut outcomes);
        assert_eq!(squeeze(&outcomes[0].raw), "工作計畫名稱實施概況實施成果");
        assert_eq!(outcomes[3].raw, " 一、綜合    1、加強勞動政策推展");
        // Text that only looks short is not a header.
        let mut body = src(&["工作計畫", "名稱", "一、綜合規劃業務"]);
        join_headers(&mut body);
        assert_eq!(body[0].raw, "工作計畫");
    }

    #[test]
    fn a_caption_that_repeats_its_heading_is_left_out() {
        let mut lines = src(&["二、年度重要施政計畫", "年度重要施政計畫", "  工作計畫名稱   重要計畫項目   實施內容", "一、本部", "本部"]);
        drop_captions(&mut lines);
        let texts: Vec<&str> = lines.iter().map(|l| l.raw.as_str()).collect();
        assert_eq!(texts, ["二、年度重要施政計畫", "", "  工作計畫名稱   重要計畫項目   實施內容", "一、本部", ""]);
        let mut text = src(&["本部", "本部"]);
        drop_captions(&mut text);
        assert_eq!(text[1].raw, "本部", "only a numbered heading's repeat");
    }
}
