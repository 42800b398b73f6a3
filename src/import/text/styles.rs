//! The numbering styles, level by level. A document's blocks (and the
//! tables rebuilt from a text) say which level a marker stands at (a heading's level, a list
//! paragraph, a table's work plan, item, sub-item or result), so each
//! level's style is read off its first marker, whatever it is (`壹、` `一、`
//! `（一）` `(一)` `1、` `1.` `（1）` `(1)` `1)` …). The markers are then
//! written in the default style of their level, which the later stages
//! read, and the styles found go to the draft's `[numbering]`, so that the
//! rebuilt booklet numbers as the old one did.

use crate::import::text::markers::{CJK_NUMERALS, FORMAL_NUMERALS, is_digit, number, numeral_value};
use crate::model::Numbering;
use crate::numbering::Pattern;

/// The levels of the booklet's numbering, as in `[numbering]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Part,
    Chapter,
    Section,
    List,
    Sublist,
    Result,
    WorkPlan,
    PlanItem,
}

/// The key of `[numbering]` that holds a level's style.
fn slot(numbering: &mut Numbering, level: Level) -> &mut String {
    match level {
        Level::Part => &mut numbering.part,
        Level::Chapter => &mut numbering.chapter,
        Level::Section => &mut numbering.section,
        Level::List => &mut numbering.list,
        Level::Sublist => &mut numbering.sublist,
        Level::Result => &mut numbering.result,
        Level::WorkPlan => &mut numbering.work_plan,
        Level::PlanItem => &mut numbering.plan_item,
    }
}

fn default_of(level: Level) -> String {
    std::mem::take(slot(&mut Numbering::default(), level))
}

/// The pattern of a text's leading marker (`（一）` of `（三）辦理`), where
/// it has one: see [`detect`].
pub fn pattern_of(text: &str) -> Option<String> {
    detect(text, false).map(|(pattern, ..)| pattern)
}

/// A leading marker in any official style: the pattern it follows (with
/// its counting symbol as 壹, 一 or 1), the number it counts, and the text
/// after it. `bare` allows a marker that is the whole text without a
/// suffix (the plans table's item numbers: `一`). Numerals are read as the
/// text importer reads them ([`crate::import::text::markers`]).
pub fn detect(text: &str, bare: bool) -> Option<(String, usize, &str)> {
    let (prefix, body) = ["（", "(", "第"].iter().find_map(|p| text.strip_prefix(p).map(|r| (*p, r))).unwrap_or(("", text));
    let run = |keep: &dyn Fn(char) -> bool| -> &str { &body[..body.chars().take_while(|c| keep(*c)).map(char::len_utf8).sum::<usize>()] };
    let digits = run(&|c| is_digit(c));
    let formal = run(&|c| FORMAL_NUMERALS.contains(c));
    let chinese = run(&|c| CJK_NUMERALS.contains(c));
    let (symbol, number, len) = if !digits.is_empty() && digits.chars().count() <= 3 {
        ('1', number(digits) as usize, digits.len())
    } else if !formal.is_empty() && formal.chars().count() <= 4 {
        ('壹', numeral_value(formal) as usize, formal.len())
    } else if !chinese.is_empty() && chinese.chars().count() <= 4 {
        ('一', numeral_value(chinese) as usize, chinese.len())
    } else {
        return None;
    };
    let after = &body[len..];
    let suffixes: &[&str] = match prefix {
        "（" => &["）"],
        "(" => &[")"],
        "第" => &["章", "節", "項"],
        _ => &["、", ".", "．", ")", "）"],
    };
    let (suffix, rest) = match suffixes.iter().find_map(|s| after.strip_prefix(s).map(|r| (*s, r))) {
        Some(found) => found,
        None if bare && prefix.is_empty() && after.trim().is_empty() => ("", after),
        None => return None,
    };
    (number > 0).then(|| (format!("{prefix}{symbol}{suffix}"), number, rest))
}

/// The styles found so far, and the rewriting of markers into the default
/// styles.
#[derive(Debug, Default)]
pub struct Styles {
    found: Vec<(Level, String)>,
}

impl Styles {
    fn style(&self, level: Level) -> Option<&str> {
        self.found.iter().find(|(l, _)| *l == level).map(|(_, p)| p.as_str())
    }

    /// A marker at a known level, in that level's default style; the
    /// level's style is the first one seen there. Text without a marker,
    /// or with another style than the level's, is kept as it is.
    pub fn at(&mut self, level: Level, text: &str) -> String {
        let Some((pattern, n, rest)) = detect(text, level == Level::PlanItem) else {
            return text.to_string();
        };
        match self.style(level) {
            Some(style) if style != pattern => return text.to_string(),
            Some(_) => {}
            None => self.found.push((level, pattern)),
        }
        let marker = default_of(level).parse::<Pattern>().map(|p| p.format(n)).unwrap_or_default();
        // A space after `1.`, so that `1.107年` does not read as a decimal.
        let (space, rest) = if level == Level::Result { (" ", rest.trim_start()) } else { ("", rest) };
        format!("{marker}{space}{rest}")
    }

    /// [`Self::at`] where the text's marker is in the level's style (or
    /// the level has none yet); `None` where it is in another.
    pub fn try_at(&mut self, level: Level, text: &str) -> Option<String> {
        let (pattern, ..) = detect(text, level == Level::PlanItem)?;
        if self.style(level).is_some_and(|s| s != pattern) {
            return None;
        }
        Some(self.at(level, text))
    }

    /// A list paragraph: the first style seen is the list's, a second one
    /// the sublist's.
    pub fn list(&mut self, text: &str) -> String {
        let Some((pattern, ..)) = detect(text, false) else {
            return text.to_string();
        };
        let level = match (self.style(Level::List), self.style(Level::Sublist)) {
            (Some(list), _) if list == pattern => Level::List,
            (None, _) => Level::List,
            (Some(_), None) => Level::Sublist,
            (Some(_), Some(sub)) if sub == pattern => Level::Sublist,
            _ => return text.to_string(),
        };
        self.at(level, text)
    }

    /// The booklet's numbering: the styles found, each level's default
    /// where none was.
    pub fn numbering(&self) -> Numbering {
        let mut numbering = Numbering::default();
        for (level, style) in &self.found {
            style.clone_into(slot(&mut numbering, *level));
        }
        numbering
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_official_style_is_detected() {
        for (text, pattern, n, rest) in [
            ("壹、現行法定職掌", "壹、", 1, "現行法定職掌"),
            ("十二、其他", "一、", 12, "其他"),
            ("（三）辦理", "（一）", 3, "辦理"),
            ("(三)辦理", "(一)", 3, "辦理"),
            ("10、其他", "1、", 10, "其他"),
            ("（2）加強", "（1）", 2, "加強"),
            ("(2)加強", "(1)", 2, "加強"),
            ("3.完成", "1.", 3, "完成"),
            ("1)完成", "1)", 1, "完成"),
            ("１．完成", "1．", 1, "完成"),
        ] {
            assert_eq!(detect(text, false), Some((pattern.to_string(), n, rest)), "{text}");
        }
        assert_eq!(detect("107年5月4日", false), None);
        assert_eq!(detect("一", false), None);
        assert_eq!(detect("一", true), Some(("一".into(), 1, "")));
    }

    #[test]
    fn markers_are_rewritten_to_the_default_and_styles_kept() {
        let mut styles = Styles::default();
        assert_eq!(styles.at(Level::Chapter, "（一）機關主要職掌"), "一、機關主要職掌");
        assert_eq!(styles.list("（1）範例業務之規劃。"), "1、範例業務之規劃。");
        assert_eq!(styles.list("(2)範例業務之執行。"), "（2）範例業務之執行。");
        assert_eq!(styles.at(Level::Result, "1)完成規劃。"), "1. 完成規劃。");
        assert_eq!(styles.list("沒有編號的段落。"), "沒有編號的段落。");
        let numbering = styles.numbering();
        assert_eq!(numbering.chapter, "（一）");
        assert_eq!(numbering.list, "（1）");
        assert_eq!(numbering.sublist, "(1)");
        assert_eq!(numbering.result, "1)");
        assert_eq!(numbering.part, "壹、", "a level not seen keeps its default");
    }
}
