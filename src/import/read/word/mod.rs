//! Stage 1 of an import from a word processor's file: a `.docx` (Office
//! Open XML, what Word saves) or an `.odt` (OpenDocument, what LibreOffice
//! Writer saves and the government's format for editable files), read into
//! the blocks a tagged PDF gives ([`Block`]): headings, paragraphs with the
//! labels the word processor draws for its automatic numbering written
//! out, and tables with their merged cells as spans. What a page repeats
//! (running heads and feet, page numbers) lives in the files' headers and
//! footers, which are not read; a table of contents (a TOC field or index,
//! or a typed 目次 with leaders and page numbers) is left out. A picture
//! or a drawing (an org chart drawn as shapes) cannot be read: each is
//! counted, for a note.
//!
//! Both formats are zip packages of XML: read with the zip crate and
//! roxmltree, each part held to [`MAX_PART`] bytes and [`MAX_NODES`]
//! nodes, whatever the package declares.

use std::io::{Cursor, Read as _};

use rust_i18n::t;

use crate::import::heuristics::{CHAPTER_HEADING_MOST, TOC_PAGE_DIGITS};
use crate::import::layout::Block;

mod docx;
pub mod labels;
mod odt;

/// The most bytes one XML part of a package may inflate to (the text of a
/// 200-page booklet is under 4 MiB).
pub const MAX_PART: u64 = 64 << 20;
/// The most XML nodes one part may hold.
pub const MAX_NODES: u32 = 4_000_000;
/// The most entries a package may list.
pub const MAX_ENTRIES: usize = 10_000;

/// What a word processor's file holds.
#[derive(Debug, Default)]
pub struct Read {
    /// Its blocks, in reading order.
    pub blocks: Vec<Block>,
    /// The page (counted from the file's page breaks) of each picture or
    /// drawing that was not read.
    pub pictures: Vec<usize>,
}

/// Whether bytes are a zip package (`PK\x03\x04`), as `.docx` and `.odt`
/// are.
pub fn is_package(bytes: &[u8]) -> bool {
    bytes.starts_with(b"PK\x03\x04")
}

/// Reads a `.docx` or an `.odt`.
///
/// # Errors
///
/// A package that is not a readable zip, that is neither a Word nor an
/// OpenDocument text, or whose XML is broken or beyond the bounds; the
/// message says which, in the words of the interface.
pub fn read(bytes: &[u8]) -> Result<Read, String> {
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| t!("import.word.not_zip", error = e).into_owned())?;
    if zip.len() > MAX_ENTRIES {
        return Err(t!("import.word.too_many_entries", count = zip.len(), max = MAX_ENTRIES).into_owned());
    }
    if zip.index_for_name("word/document.xml").is_some() {
        docx::read(&mut zip)
    } else if zip.index_for_name("content.xml").is_some() {
        odt::read(&mut zip)
    } else {
        Err(t!("import.word.unknown_package").into_owned())
    }
}

/// One part of the package as text, or `None` where the package has no
/// such part.
///
/// # Errors
///
/// A part larger than [`MAX_PART`], or one that is not UTF-8.
fn part(zip: &mut zip::ZipArchive<Cursor<&[u8]>>, name: &str) -> Result<Option<String>, String> {
    let Ok(entry) = zip.by_name(name) else {
        return Ok(None);
    };
    let mut text = String::new();
    let mut limited = entry.take(MAX_PART + 1);
    limited.read_to_string(&mut text).map_err(|e| t!("import.word.bad_part", part = name, error = e).into_owned())?;
    if text.len() as u64 > MAX_PART {
        return Err(t!("import.word.part_too_large", part = name, max = MAX_PART).into_owned());
    }
    Ok(Some(text))
}

/// Parses a part's XML within [`MAX_NODES`].
///
/// # Errors
///
/// Broken XML, or too many nodes, named by the part.
fn parse<'a>(name: &str, text: &'a str) -> Result<roxmltree::Document<'a>, String> {
    let options = roxmltree::ParsingOptions { allow_dtd: false, nodes_limit: MAX_NODES, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(text, options).map_err(|e| t!("import.word.bad_xml", part = name, error = e).into_owned())
}

/// Whether a paragraph is an entry of a typed 目次: a line that ends in a
/// page number after a leader (dots, a tab, ……).
fn is_toc_entry(text: &str) -> bool {
    let trimmed = text.trim_end();
    let digits = trimmed.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > TOC_PAGE_DIGITS {
        return false;
    }
    let before: String = trimmed.chars().rev().skip(digits).take(3).collect();
    before.chars().any(|c| matches!(c, '…' | '.' | '．' | '‥' | '\t' | '·' | '-' | '—'))
}

/// Whether a paragraph's text is the heading of a 目次.
fn is_toc_heading(text: &str) -> bool {
    let squeezed: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    matches!(squeezed.as_str(), "目次" | "目錄" | "目錄：" | "目次：")
}

/// Whether a line under a 目次 heading is one of its entries: a label-led
/// line (壹、 一、 …) ending in a page number, whether or not its leader
/// came through (a PDF's text may drop it).
fn is_toc_line(text: &str) -> bool {
    let trimmed = text.trim_end();
    let digits = trimmed.chars().rev().take_while(|c| c.is_ascii_digit()).count();
    if digits == 0 || digits > TOC_PAGE_DIGITS {
        return false;
    }
    let title = trimmed[..trimmed.len() - digits].trim_end_matches(|c: char| "….．‥\t·-— ".contains(c));
    is_toc_entry(text) || label_rung(title).is_some() || crate::import::text::markers::part_heading(title).is_some()
}

/// The blocks without the typed 目次: its heading and the entries after it,
/// known by their leaders or, where the leader did not come through (a
/// tab read as a space, a PDF's text), by their label and page number.
/// Also for a PDF's blocks, where a word processor tagged the entries as
/// paragraphs or headings.
pub(in crate::import) fn without_typed_toc(blocks: Vec<Block>) -> Vec<Block> {
    let mut out = Vec::with_capacity(blocks.len());
    let mut in_toc = false;
    for block in blocks {
        let text = match &block {
            Block::Heading { text, .. } | Block::Paragraph { text, .. } => Some(text.as_str()),
            Block::Table { .. } => None,
        };
        match text {
            Some(t) if is_toc_heading(t) => in_toc = true,
            Some(t) if in_toc && (is_toc_line(t) || t.trim().is_empty()) => {}
            Some(t)
                if is_toc_entry(t)
                    && crate::import::text::markers::part_heading(
                        t.trim_end_matches(|c: char| c.is_ascii_digit() || "….．‥\t·-— ".contains(c)),
                    )
                    .is_some() => {}
            _ => {
                in_toc = false;
                out.push(block);
            }
        }
    }
    out
}

/// The level a paragraph's heading has, counted from 1 for a part, where
/// its text opens one of the booklet's parts (壹、現行法定職掌…).
fn part_level(text: &str) -> Option<u8> {
    crate::import::text::markers::part_heading(text.trim()).map(|_| 1)
}

/// The rung of a label on the ladder of the official numbering: 壹、 0,
/// 一、 1, （一） 2, 1、 or 1. 3, （1） 4.
fn label_rung(text: &str) -> Option<usize> {
    const LEGAL: &str = "壹貳參叁肆伍陸柒捌玖拾佰零";
    const SMALL: &str = "一二三四五六七八九十百〇";
    let text = text.trim_start();
    let (open, inner) = match text.strip_prefix(['（', '(']) {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let run = |set: &dyn Fn(char) -> bool| inner.chars().take_while(|&c| set(c)).map(char::len_utf8).sum::<usize>();
    for (rung, is) in [
        (0usize, &(|c: char| LEGAL.contains(c)) as &dyn Fn(char) -> bool),
        (1, &|c: char| SMALL.contains(c)),
        (3, &|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c)),
    ] {
        let len = run(is);
        if len == 0 {
            continue;
        }
        let after = &inner[len..];
        return match (open, rung) {
            (true, 1) if after.starts_with(['）', ')']) => Some(2),
            (true, 3) if after.starts_with(['）', ')']) => Some(4),
            (false, 0 | 1) if after.starts_with('、') => Some(rung),
            (false, 3)
                if after.starts_with(['、', '.', '．'])
                    && !after[after.chars().next().map_or(0, char::len_utf8)..].starts_with(|c: char| c.is_ascii_digit()) =>
            {
                Some(3)
            }
            _ => None,
        };
    }
    None
}

/// The text after a label of [`label_rung`].
fn after_label(text: &str) -> &str {
    let at = text.find(['、', '）', ')', '.', '．']).map_or(0, |i| i + text[i..].chars().next().map_or(0, char::len_utf8));
    &text[at..]
}

/// Chapter headings told by their labels: where a document has no heading
/// styles below its parts, a short paragraph whose label is one rung below the parts'
/// (一、 under 壹、, （一） under 一、) is a chapter heading, as printed.
fn chapters_by_label(blocks: Vec<Block>) -> Vec<Block> {
    let part_rung = blocks.iter().find_map(|b| match b {
        Block::Heading { level: 1, text, .. } => label_rung(text),
        _ => None,
    });
    let Some(part_rung) = part_rung else {
        return blocks;
    };
    // A document with heading styles says its chapters itself.
    if blocks.iter().any(|b| matches!(b, Block::Heading { level: 2.., .. })) {
        return blocks;
    }
    let mut in_part = false;
    blocks
        .into_iter()
        .map(|b| match b {
            Block::Heading { level: 1, .. } => {
                in_part = true;
                b
            }
            Block::Paragraph { text, page }
                if in_part
                    && label_rung(&text) == Some(part_rung + 1)
                    && after_label(&text).chars().count() <= CHAPTER_HEADING_MOST
                    && !after_label(&text).trim_end().ends_with('。')
                    && !after_label(&text).contains(['：', ':']) =>
            {
                Block::Heading { level: 2, text, page }
            }
            other => other,
        })
        .collect()
}

/// Joins the pieces of a paragraph split by soft line breaks: Chinese runs
/// on without a space, Latin words keep one.
fn join_soft(pieces: &[String]) -> String {
    let mut out = String::new();
    for piece in pieces {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        if let (Some(a), Some(b)) = (out.chars().last(), piece.chars().next())
            && a.is_ascii_alphanumeric()
            && b.is_ascii_alphanumeric()
        {
            out.push(' ');
        }
        out.push_str(piece);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{is_toc_entry, join_soft, label_rung};

    #[test]
    fn labels_have_their_rungs() {
        let rungs: Vec<Option<usize>> =
            ["壹、現行法定職掌", "一、機關主要職掌", "（一）綜合規劃", "1、辦理", "2.推動", "（3）執行", "109年度", "1.5倍"]
                .iter()
                .map(|t| label_rung(t))
                .collect();
        assert_eq!(rungs, [Some(0), Some(1), Some(2), Some(3), Some(3), Some(4), None, None]);
    }

    #[test]
    fn typed_contents_lines_are_told() {
        assert!(is_toc_entry("壹、現行法定職掌…………………………2"));
        assert!(is_toc_entry("一、機關主要職掌\t12"));
        assert!(is_toc_entry("貳、施政目標與重點........4"));
        assert!(!is_toc_entry("辦理勞動檢查 3"));
        assert!(!is_toc_entry("預算員額 2020"));
    }

    #[test]
    fn soft_breaks_join() {
        assert_eq!(join_soft(&["文化資產".into(), "保存".into()]), "文化資產保存");
        assert_eq!(join_soft(&["ISO".into(), "27001".into()]), "ISO 27001");
    }
}
