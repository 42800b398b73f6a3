//! Headings and numbering, for every stage. Tells list markers
//! (`壹、` `一、` `（一）` `1、` `(1)` `1.` …) from the text they number, reads
//! numerals (Chinese, formal, Arabic, full-width), recognises the parts and
//! the outcome tables by their customary wording (and the sections of the
//! duties), and tells a note under a table (`註：…`).

use rust_i18n::t;

use crate::validate::leading_marker;

use crate::import::text::lines::quote;
use crate::import::text::notes::Notes;

/// The kinds of list marker the extraction holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(in crate::import) enum Kind {
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
pub(in crate::import) struct Marker {
    pub(in crate::import) kind: Kind,
    /// The number it counts.
    pub(in crate::import) n: u32,
}

pub(in crate::import) const CJK_NUMERALS: &str = "〇零一二三四五六七八九十百";
pub(in crate::import) const FORMAL_NUMERALS: &str = "壹貳參叁肆伍陸柒捌玖拾佰";

pub(in crate::import) fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
}

pub(in crate::import) fn digit_value(c: char) -> u32 {
    if c.is_ascii_digit() { c as u32 - '0' as u32 } else { c as u32 - '０' as u32 }
}

pub(in crate::import) fn number(digits: &str) -> u32 {
    digits.chars().filter(|c| is_digit(*c)).fold(0u32, |n, c| n.saturating_mul(10).saturating_add(digit_value(c)))
}

/// The value of Chinese numerals: `一` 1, `十二` 12, `二十` 20, `貳拾壹` 21.
pub(in crate::import) fn numeral_value(text: &str) -> u32 {
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
pub(in crate::import) fn split_marker(text: &str) -> Option<(Marker, &str)> {
    let rest_from = |at: usize| text[at..].trim_start();
    let first = text.chars().next()?;
    if first == '（' || first == '(' {
        let open = first.len_utf8();
        let inner = &text[open..];
        let len: usize = inner.chars().take_while(|c| is_digit(*c) || CJK_NUMERALS.contains(*c)).map(char::len_utf8).sum();
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
pub(in crate::import) fn is_numeral(text: &str) -> bool {
    let n = text.chars().count();
    (1..=4).contains(&n) && text.chars().all(|c| is_digit(c) || CJK_NUMERALS.contains(c))
}

/// Short, and not a sentence.
pub(in crate::import) fn heading_like(text: &str, max: usize) -> bool {
    let n = text.chars().count();
    n > 0 && n <= max && !text.contains('。') && !text.ends_with(['；', '，', ';', ','])
}

/// The first number in a text (e.g. the year of `中華民國109年度`).
pub(in crate::import) fn first_number(text: &str) -> Option<i64> {
    let start = text.find(is_digit)?;
    let digits: String = text[start..].chars().take_while(|c| is_digit(*c)).take(9).collect();
    Some(i64::from(number(&digits)))
}

/// The parts of a booklet, in their order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(in crate::import) enum Part {
    #[default]
    Front,
    Duties,
    Policy,
    Outcomes,
}

/// A part heading (`1、 現行法定職掌`): the part and its wording.
pub(in crate::import) fn part_heading(text: &str) -> Option<(Part, String)> {
    let canonical = [("現行法定職掌", Part::Duties), ("施政目標與重點", Part::Policy), ("以前年度計畫實施成果概述", Part::Outcomes)];
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
pub(in crate::import) fn table_heading(text: &str) -> Option<String> {
    let (marker, rest) = split_marker(text)?;
    (marker.kind != Kind::Dot && heading_like(rest, 60) && (rest.contains("成果概述") || rest.contains("實施成果")))
        .then(|| rest.to_string())
}

/// The period an outcome table covers, from its heading: `前（107）年度…`
/// gives `107年度`, `…（108年1月1日至6月30日止）…` gives `108年1月1日至6月30日`.
pub(in crate::import) fn period_of(heading: &str) -> Option<String> {
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
pub(in crate::import) fn entry(text: &str, line: usize, notes: &mut Notes) -> String {
    if text.is_empty() {
        notes.add(line, t!("import.markers.empty_entry"));
    } else if let Some(marker) = leading_marker(text) {
        notes.add(line, t!("import.markers.second_marker", text = quote(text), marker = format!("{marker:?}")));
    }
    text.to_string()
}

/// Whether a line is a note printed under a table (`註：…`, `附註：…`).
pub(in crate::import) fn is_table_note(text: &str) -> bool {
    let text = text.trim_start();
    (text.starts_with("註") || text.starts_with("附註")) && text.chars().take(4).any(|c| c == '：' || c == ':')
}

/// The text of a note under a table, its label (`註：`, `註1：`,
/// `附註：`) taken off; `None` for a line that is not one.
pub(in crate::import) fn note_text(line: &str) -> Option<&str> {
    let line = line.trim();
    is_table_note(line).then(|| line.split_once(['：', ':']).map_or(line, |(_, rest)| rest.trim()))
}

/// The section of the 壹 part (現行法定職掌) a heading opens: its main
/// duties, the units' duties, or the organisation (chart and staffing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub(in crate::import) enum DSec {
    #[default]
    None,
    Main,
    Units,
    Org,
}

/// The section of the 壹 part a heading names, by its customary words
/// (職掌, 分層業務, 組織系統, 員額).
pub(in crate::import) fn duties_section(heading: &str) -> Option<DSec> {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn marker(text: &str) -> Option<(Kind, u32, &str)> {
        split_marker(text).map(|(m, rest)| (m.kind, m.n, rest))
    }

    #[test]
    fn every_official_numbering_style() {
        assert_eq!(marker("壹、現行法定職掌"), Some((Kind::Formal, 1, "現行法定職掌")));
        assert_eq!(marker("十二、其他"), Some((Kind::Cjk, 12, "其他")));
        assert_eq!(marker("（三）辦理"), Some((Kind::CjkParen, 3, "辦理")));
        assert_eq!(marker("(三)辦理"), Some((Kind::CjkParen, 3, "辦理")));
        assert_eq!(marker("10、其他"), Some((Kind::Dun, 10, "其他")));
        assert_eq!(marker("（2）加強"), Some((Kind::Paren, 2, "加強")));
        assert_eq!(marker("(2) 加強"), Some((Kind::Paren, 2, "加強")));
        assert_eq!(marker("3. 完成"), Some((Kind::Dot, 3, "完成")));
        assert_eq!(marker("107年5月4日"), None, "a date is not a marker");
    }

    #[test]
    fn numerals() {
        assert_eq!(numeral_value("二十一"), 21);
        assert_eq!(numeral_value("十"), 10);
        assert_eq!(numeral_value("參"), 3);
        assert_eq!(first_number("中華民國109年度"), Some(109));
        assert_eq!(first_number("前（107）年度"), Some(107));
    }

    #[test]
    fn parts_and_tables_by_their_wording() {
        assert_eq!(part_heading("壹、現行法定職掌").map(|p| p.0), Some(Part::Duties));
        assert_eq!(part_heading("貳、施政目標與重點").map(|p| p.0), Some(Part::Policy));
        assert_eq!(part_heading("參、以前年度計畫實施成果概述").map(|p| p.0), Some(Part::Outcomes));
        assert_eq!(part_heading("一、機關主要職掌："), None);
        assert!(table_heading("一、前（107）年度計畫實施成果概述").is_some());
        assert_eq!(period_of("前（107）年度計畫實施成果概述").as_deref(), Some("107年度"));
    }
}
