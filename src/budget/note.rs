//! The 說明 column unwrapped. The published notes are hard-wrapped at the
//! printed column's width: a break may fall inside a number (`20` /
//! `,002,811千元`), a word (`(T-Roa` / `d)`) or before punctuation, and the
//! continuation lines of a numbered item are indented under it. Undoing
//! the wraps gives the logical lines: a paragraph, or a numbered item with
//! its marker, each whole.

/// The widest indentation, beyond its own, at which a line still starts a
/// new item of the list an item belongs to: a sub-item `(1)` stands two
/// spaces in from its item `1.`, while continuation lines stand three or
/// more in from their item's marker.
const ITEM_STEP: usize = 2;

/// The kinds of item marker the notes use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// `1.`
    Dot,
    /// `(1)`
    Paren,
    /// `（1）`
    FullParen,
    /// `<1>`
    Angle,
}

/// A line's item marker: its kind, its number, and whether a digit
/// follows it (as in `2.4G`, which may also be a number cut at `2.`).
fn marker(text: &str) -> Option<(Kind, u32, bool)> {
    let digits = |s: &str| s.bytes().take_while(u8::is_ascii_digit).count();
    let (kind, number, rest) = if let Some(rest) = text.strip_prefix('(') {
        let n = digits(rest);
        (Kind::Paren, &rest[..n], rest[n..].strip_prefix(')')?)
    } else if let Some(rest) = text.strip_prefix('<') {
        let n = digits(rest);
        (Kind::Angle, &rest[..n], rest[n..].strip_prefix('>')?)
    } else if let Some(rest) = text.strip_prefix('（') {
        let n = digits(rest);
        (Kind::FullParen, &rest[..n], rest[n..].strip_prefix('）')?)
    } else {
        let n = digits(text);
        (Kind::Dot, &text[..n], text[n..].strip_prefix('.')?)
    };
    let number = number.parse().ok()?;
    Some((kind, number, rest.starts_with(|c: char| c.is_ascii_digit())))
}

/// A logical line's item marker, when it starts with one: its depth in the
/// list (`1.` 0, `(1)` 1, `<1>` 2; `（1）` 1), the marker and the text after it.
pub fn split_marker(line: &str) -> Option<(u8, &str, &str)> {
    let (kind, _, _) = marker(line)?;
    let end = match kind {
        Kind::Dot => line.find('.')? + 1,
        Kind::Paren => line.find(')')? + 1,
        Kind::Angle => line.find('>')? + 1,
        Kind::FullParen => line.find('）')? + '）'.len_utf8(),
    };
    let depth = match kind {
        Kind::Dot => 0,
        Kind::Paren | Kind::FullParen => 1,
        Kind::Angle => 2,
    };
    Some((depth, &line[..end], &line[end..]))
}

/// Undoes the hard wraps of a note.
///
/// A line starts a new logical line when it is the first, or when it
/// starts with an item marker that continues a list (its number is 1, or
/// one more than the last of its kind) at an indentation no deeper than
/// [`ITEM_STEP`] in from the current item's; a marker followed by a digit
/// (`1.5億`) starts a list only as its next number. Every other line is
/// joined to the one before, its indentation removed and nothing else:
/// the text without whitespace is the note's.
///
/// # Examples
/// ```
/// use booklet::budget::unwrap_note;
/// let note = "如下：\n1.經費20\n   ,002,811千元。\n2.辦理(T-Roa\n   d)計畫。";
/// assert_eq!(unwrap_note(note), ["如下：", "1.經費20,002,811千元。", "2.辦理(T-Road)計畫。"]);
/// ```
pub fn unwrap_note(note: &str) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    // The current logical line's marker indentation, when it is an item.
    let mut indent: Option<usize> = None;
    let mut last: Vec<(Kind, u32)> = Vec::new();
    for raw in note.split('\n') {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let text = raw.trim_start_matches([' ', '\u{3000}', '\t']);
        if text.trim().is_empty() {
            continue;
        }
        let depth = raw[..raw.len() - text.len()].chars().count();
        let item = marker(text).filter(|&(kind, number, digit)| {
            let next = last.iter().any(|&(k, n)| k == kind && n + 1 == number);
            let within = indent.is_none_or(|i| depth <= i + ITEM_STEP);
            within && (next || (number == 1 && !digit))
        });
        match (item, lines.last_mut()) {
            (None, Some(line)) => line.push_str(text),
            (item, _) => {
                if let Some((kind, number, _)) = item {
                    last.retain(|&(k, _)| k != kind);
                    last.push((kind, number));
                }
                indent = item.map(|_| depth);
                lines.push(text.to_string());
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_sub_items_and_joins_cut_numbers() {
        let note =
            "如下：\n1.甲經費44\n   ,403千元，包\n   括：\n  (1)乙經費1\n     0,411千元。\n  (2)丙。\n2.4G加速計畫\n   1.5億元。\n3.丁。";
        assert_eq!(
            unwrap_note(note),
            ["如下：", "1.甲經費44,403千元，包括：", "(1)乙經費10,411千元。", "(2)丙。", "2.4G加速計畫1.5億元。", "3.丁。"]
        );
    }

    #[test]
    fn an_unnumbered_note_is_one_paragraph() {
        let note = "本年度預算數2,772千元，係辦理特種基金\n預算核編及執行經費，較上年度增列委託辦\n1.5億元。";
        assert_eq!(unwrap_note(note).len(), 1);
    }
}
