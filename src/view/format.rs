//! Dates and counts as the booklet prints them.

use super::DateView;

/// Parses a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Option<DateView> {
    let mut parts = text.split('-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some() || y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let date = DateView { year: y.parse().ok()?, month: m.parse().ok()?, day: d.parse().ok()? };
    let leap = date.year % 4 == 0 && (date.year % 100 != 0 || date.year % 400 == 0);
    let days = [31, if leap { 29 } else { 28 }, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
    let valid = (1..=12).contains(&date.month) && date.day >= 1 && date.day <= days[date.month as usize - 1];
    valid.then_some(date)
}

/// Formats a count with thousands separators: `1,234`.
pub fn format_count(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0 { format!("-{out}") } else { out }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(parse_date("2019-08-30"), Some(DateView { year: 2019, month: 8, day: 30 }));
        assert_eq!(parse_date("2019-02-29"), None);
        assert_eq!(parse_date("2020-02-29").map(|d| d.day), Some(29));
        assert_eq!(parse_date("2019-8-30"), None);
        assert_eq!(parse_date("2019-13-01"), None);
    }

    #[test]
    fn counts() {
        assert_eq!(format_count(326), "326");
        assert_eq!(format_count(1234567), "1,234,567");
        assert_eq!(format_count(-1000), "-1,000");
    }
}
