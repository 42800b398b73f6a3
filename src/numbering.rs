//! Numbering patterns: `壹、`, `一、`, `（一）`, `1、`, `（1）`, `1.` and the like.
//!
//! A pattern holds exactly one counting symbol with the text around it:
//! `壹` counts in formal numerals (壹 貳 參 … 拾壹), `一` in Chinese numerals
//! (一 二 三 … 十一), `1` in Arabic digits. The view formats every marker
//! with [`Pattern::format`], so the templates receive finished text.

use std::fmt;
use std::str::FromStr;

use rust_i18n::t;

/// The counting systems a pattern can use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Counter {
    Formal,
    Chinese,
    Arabic,
}

/// A parsed numbering pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    prefix: String,
    counter: Counter,
    suffix: String,
}

/// Why a pattern was refused.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError(pub String);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl FromStr for Pattern {
    type Err = PatternError;

    /// Parses a pattern such as `（一）`.
    ///
    /// # Errors
    ///
    /// A pattern with no counting symbol, or more than one.
    fn from_str(pattern: &str) -> Result<Self, PatternError> {
        let symbols: Vec<(usize, char)> = pattern.char_indices().filter(|(_, c)| matches!(c, '壹' | '一' | '1')).collect();
        match symbols.as_slice() {
            [(at, symbol)] => Ok(Self {
                prefix: pattern[..*at].to_string(),
                counter: match symbol {
                    '壹' => Counter::Formal,
                    '一' => Counter::Chinese,
                    _ => Counter::Arabic,
                },
                suffix: pattern[at + symbol.len_utf8()..].to_string(),
            }),
            [] => Err(PatternError(t!("numbering.unknown", pattern = format!("{pattern:?}")).into_owned())),
            _ => Err(PatternError(t!("numbering.many", pattern = format!("{pattern:?}")).into_owned())),
        }
    }
}

impl Pattern {
    /// The marker for the `n`th entry (1-based).
    ///
    /// # Examples
    ///
    /// ```
    /// use booklet::numbering::Pattern;
    /// let p: Pattern = "（一）".parse().unwrap();
    /// assert_eq!(p.format(12), "（十二）");
    /// ```
    pub fn format(&self, n: usize) -> String {
        let number = match self.counter {
            Counter::Arabic => n.to_string(),
            Counter::Chinese => chinese(n, &CHINESE),
            Counter::Formal => chinese(n, &FORMAL),
        };
        format!("{}{}{}", self.prefix, number, self.suffix)
    }
}

const CHINESE: [&str; 11] = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
const FORMAL: [&str; 11] = ["零", "壹", "貳", "參", "肆", "伍", "陸", "柒", "捌", "玖", "拾"];

/// Chinese numerals up to 9,999, in the customary short form (十一, not 一十一).
fn chinese(n: usize, digits: &[&str; 11]) -> String {
    if n <= 10 {
        return digits[n].to_string();
    }
    if n >= 10_000 {
        return n.to_string();
    }
    let units = [(1000, if digits[1] == "壹" { "仟" } else { "千" }), (100, if digits[1] == "壹" { "佰" } else { "百" }), (10, digits[10])];
    let mut out = String::new();
    let mut rest = n;
    let mut zero = false;
    for (value, name) in units {
        let d = rest / value;
        rest %= value;
        if d == 0 {
            zero = !out.is_empty();
            continue;
        }
        if zero {
            out.push_str(digits[0]);
            zero = false;
        }
        if !(value == 10 && d == 1 && out.is_empty()) {
            out.push_str(digits[d]);
        }
        out.push_str(name);
    }
    if rest > 0 {
        if zero {
            out.push_str(digits[0]);
        }
        out.push_str(digits[rest]);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(p: &str, n: usize) -> String {
        p.parse::<Pattern>().unwrap().format(n)
    }

    #[test]
    fn formats_the_official_styles() {
        assert_eq!(f("壹、", 1), "壹、");
        assert_eq!(f("壹、", 3), "參、");
        assert_eq!(f("壹、", 11), "拾壹、");
        assert_eq!(f("一、", 6), "六、");
        assert_eq!(f("一、", 10), "十、");
        assert_eq!(f("（一）", 21), "（二十一）");
        assert_eq!(f("一", 105), "一百零五");
        assert_eq!(f("1、", 12), "12、");
        assert_eq!(f("（1）", 3), "（3）");
        assert_eq!(f("1.", 7), "7.");
    }

    #[test]
    fn refuses_unknown_styles() {
        assert!("A.".parse::<Pattern>().is_err());
        assert!("11".parse::<Pattern>().is_err());
        assert!("".parse::<Pattern>().is_err());
    }
}
