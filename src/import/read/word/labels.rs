//! The labels a word processor draws for its automatic numbering: a
//! level's number in its format (`decimal` 1, `taiwaneseCountingThousand`
//! 一, `ideographLegalTraditional` 壹, …), put into the level's text
//! (`%1、`, `（%3）`).

/// A counter in one of Word's number formats (`w:numFmt`), or in one of
/// ODF's (`style:num-format`: `1`, `一, 二, 三, ...`, `壹, 貳, 參, ...`).
/// A format this does not know counts in Arabic digits.
pub fn format_number(n: u32, format: &str) -> String {
    match format {
        "taiwaneseCountingThousand"
        | "taiwaneseCounting"
        | "chineseCounting"
        | "chineseCountingThousand"
        | "ideographDigital"
        | "japaneseCounting" => chinese(n, &SMALL),
        "ideographLegalTraditional" | "chineseLegalSimplified" | "koreanLegal" => chinese(n, &LEGAL),
        "ideographTraditional" => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        "ideographZodiac" => cycle(n, "子丑寅卯辰巳午未申酉戌亥"),
        "decimalFullWidth" | "decimalFullWidth2" => n.to_string().chars().map(full_width).collect(),
        "decimalEnclosedCircle" | "decimalEnclosedCircleChinese" if (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_else(|| n.to_string())
        }
        "decimalEnclosedParen" if (1..=20).contains(&n) => {
            char::from_u32(0x2474 + n - 1).map(String::from).unwrap_or_else(|| n.to_string())
        }
        "upperLetter" | "A" => letters(n, b'A'),
        "lowerLetter" | "a" => letters(n, b'a'),
        "upperRoman" | "I" => roman(n),
        "lowerRoman" | "i" => roman(n).to_lowercase(),
        "none" | "" => String::new(),
        other if other.starts_with('一') || other.starts_with("○") => chinese(n, &SMALL),
        other if other.starts_with('壹') => chinese(n, &LEGAL),
        other if other.starts_with('甲') => cycle(n, "甲乙丙丁戊己庚辛壬癸"),
        other if other.starts_with('１') => n.to_string().chars().map(full_width).collect(),
        other if other.starts_with('①') && (1..=20).contains(&n) => {
            char::from_u32(0x2460 + n - 1).map(String::from).unwrap_or_else(|| n.to_string())
        }
        _ => n.to_string(),
    }
}

/// The digits and the ten of a Chinese count: 一…十, 壹…拾.
struct Numerals {
    digits: [char; 10],
    ten: char,
    hundred: char,
}

const SMALL: Numerals =
    Numerals { digits: ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'], ten: '十', hundred: '百' };
const LEGAL: Numerals =
    Numerals { digits: ['零', '壹', '貳', '參', '肆', '伍', '陸', '柒', '捌', '玖'], ten: '拾', hundred: '佰' };

/// A number below 1000 in Chinese counting (十一, 二十, 一百零五); larger
/// ones in digits.
fn chinese(n: u32, numerals: &Numerals) -> String {
    if n == 0 || n >= 1000 {
        return n.to_string();
    }
    let (h, t, u) = ((n / 100) as usize, ((n / 10) % 10) as usize, (n % 10) as usize);
    let mut out = String::new();
    if h > 0 {
        out.push(numerals.digits[h]);
        out.push(numerals.hundred);
    }
    if t > 0 {
        // 十 alone for 10–19; 一十 after a hundred.
        if !(t == 1 && h == 0) {
            out.push(numerals.digits[t]);
        }
        out.push(numerals.ten);
    } else if h > 0 && u > 0 {
        out.push('零');
    }
    if u > 0 {
        out.push(numerals.digits[u]);
    }
    out
}

fn cycle(n: u32, symbols: &str) -> String {
    let symbols: Vec<char> = symbols.chars().collect();
    match n.checked_sub(1) {
        Some(i) => symbols[i as usize % symbols.len()].to_string(),
        None => n.to_string(),
    }
}

fn full_width(c: char) -> char {
    c.to_digit(10).and_then(|d| char::from_u32('０' as u32 + d)).unwrap_or(c)
}

fn letters(n: u32, base: u8) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(base + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for (value, symbol) in TABLE {
        while n >= value {
            out.push_str(symbol);
            n -= value;
        }
    }
    out
}

/// A level's label: its text (`%1、`, `（%2）`, `%1.%2`) with each `%k`
/// replaced by the counter of level k (1-based) in that level's format.
///
/// # Parameters
///
/// - `text`: the level's text (`w:lvlText`).
/// - `counters`: the current count of each level, level 0 first.
/// - `formats`: the number format of each level.
pub fn label(text: &str, counters: &[u32], formats: &[String]) -> String {
    let mut out = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '%'
            && let Some(d) = chars.peek().and_then(|d| d.to_digit(10))
        {
            chars.next();
            let level = (d as usize).saturating_sub(1);
            let n = counters.get(level).copied().unwrap_or(1).max(1);
            out.push_str(&format_number(n, formats.get(level).map_or("decimal", String::as_str)));
        } else {
            out.push(c);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{format_number, label};

    #[test]
    fn chinese_counts() {
        let small: Vec<String> = [1, 10, 11, 20, 21, 105, 110].iter().map(|&n| format_number(n, "taiwaneseCountingThousand")).collect();
        assert_eq!(small, ["一", "十", "十一", "二十", "二十一", "一百零五", "一百一十"]);
        assert_eq!(format_number(3, "ideographLegalTraditional"), "參");
        assert_eq!(format_number(12, "ideographLegalTraditional"), "拾貳");
        assert_eq!(format_number(2, "ideographTraditional"), "乙");
        assert_eq!(format_number(4, "一, 二, 三, ..."), "四");
        assert_eq!(format_number(14, "decimalEnclosedCircle"), "⑭");
        assert_eq!(format_number(4, "upperRoman"), "IV");
    }

    #[test]
    fn labels_fill_their_levels() {
        let formats = vec![
            "ideographLegalTraditional".to_string(),
            "taiwaneseCountingThousand".into(),
            "taiwaneseCountingThousand".into(),
            "decimal".into(),
        ];
        assert_eq!(label("%1、", &[2], &formats), "貳、");
        assert_eq!(label("（%3）", &[1, 2, 3], &formats), "（三）");
        assert_eq!(label("%4.", &[1, 1, 1, 7], &formats), "7.");
    }
}
