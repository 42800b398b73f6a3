//! The lines the parts stage reads. Each line keeps its 1-based number,
//! whether it opens a table cell (a laid-out cell, or a leading tab in a
//! word processor's text export, as in the seed's extraction), and its
//! text cleaned: NFC-normalised, control
//! characters as spaces, layout runs of spaces removed. Also the small text
//! helpers every stage shares (a text squeezed, wrapped lines joined, text
//! quoted in notes).

use unicode_normalization::UnicodeNormalization;

/// One source line, cleaned.
pub(in crate::import) struct Line {
    /// 1-based.
    pub(in crate::import) no: usize,
    /// Starts a table cell (begins with a tab).
    pub(in crate::import) cell: bool,
    pub(in crate::import) text: String,
    /// The pattern of its label as the source typed it (`（一）`), which the
    /// layout may have written in its level's default style; the parts
    /// read the booklet's numbering from it (set by the import's walk).
    pub(in crate::import) typed: Option<String>,
}

pub(in crate::import) fn lines_of(text: &str) -> Vec<Line> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let text: String = text.nfc().collect();
    text.lines()
        .enumerate()
        .map(|(i, raw)| Line { no: i + 1, cell: raw.trim_start_matches(' ').starts_with('\t'), text: clean(raw), typed: None })
        .collect()
}

/// Trims, turns control characters into spaces, and removes runs of two or
/// more spaces (layout artefacts), keeping one between two Latin letters.
pub(in crate::import) fn clean(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().map(|c| if c.is_control() { ' ' } else { c }).collect();
    let mut out = String::with_capacity(raw.len());
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_whitespace() {
            out.push(chars[i]);
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_whitespace() {
            i += 1;
        }
        let (Some(before), Some(after)) = (out.chars().last(), chars.get(i).copied()) else {
            continue;
        };
        if i - start == 1 {
            out.push(chars[start]);
        } else if before.is_ascii_alphanumeric() && after.is_ascii_alphanumeric() {
            out.push(' ');
        }
    }
    out
}

/// A text without its white space (a layout's spaces, letter-spacing).
pub(in crate::import) fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Appends a wrapped line to the text it continues.
pub(in crate::import) fn join(text: &mut String, more: &str) {
    if more.is_empty() {
        return;
    }
    if text.chars().last().is_some_and(|c| c.is_ascii_alphabetic()) && more.starts_with(|c: char| c.is_ascii_alphabetic()) {
        text.push(' ');
    }
    text.push_str(more);
}

/// `「first words…」` for messages.
pub(in crate::import) fn quote(text: &str) -> String {
    let mut s: String = text.chars().take(24).collect();
    if text.chars().count() > 24 {
        s.push('…');
    }
    format!("「{s}」")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cleaning_removes_layout_runs_but_not_word_spaces() {
        assert_eq!(clean("  觀摩座    談 "), "觀摩座談");
        assert_eq!(clean("APEC   HRDWG"), "APEC HRDWG");
        assert_eq!(clean("a\u{7}b"), "a b");
    }

    #[test]
    fn lines_are_numbered_normalised_and_cells_marked() {
        let lines = lines_of("\u{feff}勞動部\n\t職員\n\u{F9E0}\n");
        assert_eq!(lines.len(), 3);
        assert_eq!((lines[0].no, lines[0].cell, lines[0].text.as_str()), (1, false, "勞動部"));
        assert!(lines[1].cell);
        assert_eq!(lines[2].text, "易", "NFC maps the compatibility ideograph");
    }

    #[test]
    fn wrapped_lines_join_with_a_space_only_between_latin_words() {
        let mut text = String::from("辦理勞動");
        join(&mut text, "政策");
        assert_eq!(text, "辦理勞動政策");
        let mut text = String::from("the OECD");
        join(&mut text, "report");
        assert_eq!(text, "the OECD report");
        assert_eq!(quote(&"字".repeat(30)).chars().count(), 27);
    }
}
