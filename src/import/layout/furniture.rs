//! Page furniture dropped from the laid-out lines (or a text's). A text copied
//! out of a booklet carries what the printed page adds around the content:
//! page numbers (`－ 15 －`, `- 15 -`, `第15頁`, `15`), the table of
//! contents (entries ending in dot leaders and a page number), its heading
//! (`目次`), form feeds between pages, and the web edition's footer. These
//! lines are blanked (kept as empty lines, so that line numbers in notes
//! stay those of the source).

use crate::import::heuristics::{RUNNING_PAGES_LEAST, RUNNING_ZONE};
use crate::import::layout::Laid;
use crate::import::text::markers::is_digit;

/// Whether a line is a page number: 15, －15－, -15-, — 15 —, 第15頁,
/// 第 3 頁，共 6 頁.
pub fn is_page_number(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = |s: &str| !s.is_empty() && s.chars().all(is_digit) && s.chars().count() <= 4;
    let inner = t.trim_matches(['－', '-', '—', '–', '─']);
    // 第3頁，共6頁 (a number with a thousands separator, 12,300, is not).
    let of_pages = |s: &str| {
        s.split_once("共").is_some_and(|(a, b)| {
            a.trim_end_matches(['，', ',']).strip_prefix('第').and_then(|r| r.strip_suffix('頁')).is_some_and(digits)
                && b.strip_suffix('頁').is_some_and(digits)
        })
    };
    digits(inner) || t.strip_prefix('第').and_then(|r| r.strip_suffix('頁')).is_some_and(digits) || of_pages(&t)
}

/// The lines a page repeats (running heads and feet): for each line of a
/// text split into pages by form feeds, whether it stands among the first
/// or last [`RUNNING_ZONE`] lines of its page (the cover aside) and the
/// same text (its digits aside) stands there on at least half the pages,
/// and on three or more.
pub fn running_lines(text: &str) -> Vec<bool> {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut page_of = Vec::with_capacity(lines.len());
    let mut page = 0;
    for line in &lines {
        page += line.matches('\u{c}').count();
        page_of.push(page);
    }
    let pages = page + 1;
    let key = |line: &str| -> String {
        line.chars().filter(|c| !c.is_whitespace() && *c != '\u{c}').map(|c| if is_digit(c) { '#' } else { c }).collect()
    };
    // The zone of each page: its first and last non-empty lines (one pass
    // over the lines, each page's lines gathered in order).
    let mut by_page: Vec<Vec<usize>> = vec![Vec::new(); pages];
    for (i, line) in lines.iter().enumerate() {
        if !key(line).is_empty() {
            by_page[page_of[i]].push(i);
        }
    }
    let mut zone = vec![false; lines.len()];
    for on_page in &by_page {
        for &i in on_page.iter().take(RUNNING_ZONE).chain(on_page.iter().rev().take(RUNNING_ZONE)) {
            zone[i] = true;
        }
    }
    let mut seen: std::collections::HashMap<String, std::collections::BTreeSet<usize>> = std::collections::HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if zone[i] {
            seen.entry(key(line)).or_default().insert(page_of[i]);
        }
    }
    let enough = (pages / 2).max(RUNNING_PAGES_LEAST);
    // The first page is the cover: the agency and the year it shows are
    // the booklet's title, though the running head repeats them.
    (0..lines.len()).map(|i| page_of[i] > 0 && zone[i] && seen.get(&key(lines[i])).is_some_and(|p| p.len() >= enough)).collect()
}

/// A PDF's text read by position without its running heads and feet (see
/// [`running_lines`]): those lines blanked, the form feeds kept. A text
/// extraction is not read so: its pages may start with a table's header
/// row, which the later stages read once.
pub fn without_running(text: &str) -> String {
    let running = running_lines(text);
    text.split('\n')
        .zip(running)
        .map(|(line, running)| if running { "\u{c}".repeat(line.matches('\u{c}').count()) } else { line.to_string() })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Whether a line is the web edition's footer (its title and colophon),
/// as a printed web edition gives it.
pub fn is_web_footer(line: &str) -> bool {
    // Compared from the end, spaces aside, without building a string for
    // each line the import reads.
    let mut text = line.chars().rev().filter(|c| !c.is_whitespace());
    crate::render::WEB_COLOPHON.chars().rev().filter(|c| !c.is_whitespace()).all(|c| text.next() == Some(c))
}

/// Whether a line (trimmed) is page furniture.
pub fn is_furniture(line: &str) -> bool {
    let t: String = line.chars().filter(|c| !c.is_whitespace()).collect();
    if t.is_empty() {
        return false;
    }
    let digits = |s: &str| !s.is_empty() && s.chars().all(is_digit);
    if is_page_number(line) {
        return true;
    }
    if t == "目次" || t == "目錄" {
        return true;
    }
    if is_web_footer(line) {
        return true;
    }
    // A table-of-contents entry without leaders (drawn, not text): a
    // numbered heading, one tab, a page number.
    if let Some((head, tail)) = line.trim_end().rsplit_once('\t')
        && digits(tail.trim())
        && !head.contains('\t')
        && crate::import::text::styles::detect(head.trim(), false).is_some()
    {
        return true;
    }
    // A table-of-contents entry whose leaders are drawn, not text: a
    // numbered heading, a wide gap, a page number.
    if let Some((head, tail)) = line.trim_end().rsplit_once("   ")
        && let tail = tail.trim().trim_start_matches('\u{2060}')
        && digits(tail)
        && tail.chars().count() <= 3
        && crate::import::text::styles::detect(head.trim(), false)
            .is_some_and(|(_, _, rest)| !rest.trim().is_empty() && !rest.contains("   "))
    {
        return true;
    }
    // A table-of-contents entry: text, a run of leaders, a page number.
    let body = t.trim_end_matches(|c: char| is_digit(c) || c == '\u{2060}');
    if body.len() < t.len() {
        let leaders = body.chars().rev().take_while(|c| matches!(c, '.' | '．' | '…' | '‥' | '‧' | '·' | '・' | '⋯')).count();
        if leaders >= 3 {
            return true;
        }
    }
    false
}

/// The text with its furniture lines blanked and form feeds removed; a
/// list marker alone on its line (as `pdftotext -raw` gives a hanging
/// marker) joined to the text on the next line, which is blanked (see
/// [`drop_furniture_lines`]). A tab-led line is a table cell.
pub fn drop_furniture(text: &str) -> String {
    let mut lines: Vec<Laid> = text
        .split('\n')
        .map(|line| line.replace('\u{c}', ""))
        .map(|text| Laid { cell: text.trim_start_matches(' ').starts_with('\t'), text, page: 0, typed: None })
        .collect();
    drop_furniture_lines(&mut lines);
    lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join("\n")
}

/// Laid-out lines with their furniture blanked and form feeds removed; a
/// list marker alone on its line joined to the text on the next line,
/// which is blanked. A table cell is content, whatever it holds.
pub(in crate::import) fn drop_furniture_lines(lines: &mut [Laid]) {
    for line in lines.iter_mut() {
        if line.text.contains('\u{c}') {
            line.text = line.text.replace('\u{c}', "");
        }
        if !line.cell && is_furniture(&line.text) {
            line.text.clear();
        }
    }
    for i in 0..lines.len().saturating_sub(1) {
        let alone = lines[i].text.trim().to_string();
        let is_marker = !alone.is_empty()
            && crate::import::text::styles::detect(&alone, false).is_some_and(|(_, _, rest)| rest.trim().is_empty())
            && !lines[i].cell;
        if is_marker && !lines[i + 1].text.trim().is_empty() && !lines[i + 1].cell {
            // The entry goes on the text's line, so that the lines wrapped
            // after it follow it directly; the marker's line is blanked.
            lines[i + 1].text = format!("{alone}{}", lines[i + 1].text.trim());
            lines[i].text.clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_heads_and_feet_repeat_on_most_pages() {
        let page = |n: usize, body: &str| format!("範例局　中華民國114年度預算總說明\n{body}\n第 {n} 頁，共 4 頁");
        let text =
            [page(1, "壹、現行法定職掌"), page(2, "一、機關主要職掌"), page(3, "範例局掌理本縣環境保護。"), page(4, "貳、施政目標與重點")]
                .join("\n\u{c}");
        let running = running_lines(&text);
        let kept: Vec<&str> = text.split('\n').zip(&running).filter(|(_, r)| !**r).map(|(l, _)| l.trim_start_matches('\u{c}')).collect();
        // The cover keeps its lines (its title); the other pages lose their
        // running head and foot.
        assert_eq!(
            kept,
            [
                "範例局　中華民國114年度預算總說明",
                "壹、現行法定職掌",
                "第 1 頁，共 4 頁",
                "一、機關主要職掌",
                "範例局掌理本縣環境保護。",
                "貳、施政目標與重點"
            ]
        );
        assert!(is_page_number("第 3 頁，共 6 頁"));
        assert!(!is_page_number("12,300"));
    }

    #[test]
    fn page_numbers_and_the_table_of_contents_are_furniture() {
        for line in [
            "－ 15 －",
            "- 3 -",
            "第15頁",
            "  12  ",
            "目　　次",
            "壹、現行法定職掌 \t 3",
            "  一、機關主要職掌                         3",
            "壹、現行法定職掌........................5",
            "一、機關主要職掌………………………… 12",
            "二、內部分層業務‥‥‥‥5",
            "勞動部 109年度 預算總說明。本網頁版與 PDF 版內容相同，由 booklet 自同一資料產生。",
        ] {
            assert!(is_furniture(line), "{line}");
        }
        for line in
            ["壹、現行法定職掌", "1、勞動政策規劃。", "107年5月4日", "合計 326", "", "一、一般行政   一   基本行政工作維持   152,340"]
        {
            assert!(!is_furniture(line), "{line}");
        }
    }

    #[test]
    fn furniture_is_blanked_and_lines_keep_their_numbers() {
        let text = "勞動部\n目次\n壹、現行法定職掌......5\n\u{c}－ 1 －\n壹、現行法定職掌\n\t286\n";
        assert_eq!(drop_furniture(text), "勞動部\n\n\n\n壹、現行法定職掌\n\t286\n", "a cell stays");
        assert_eq!(drop_furniture("（1）\n勞動政策之研\n究。\n（2）\n宣導。"), "\n（1）勞動政策之研\n究。\n\n（2）宣導。");
    }
}
