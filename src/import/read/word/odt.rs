//! An `.odt` read into blocks: `content.xml` walked in order (headings,
//! paragraphs, lists with their labels computed from their list styles,
//! tables with spanned and covered cells), the list styles from
//! `content.xml` and `styles.xml`. Headers and footers live in
//! `styles.xml` and are not read.

use std::collections::HashMap;
use std::io::Cursor;

use roxmltree::Node;

use crate::import::layout::{Block, TableCell};
use crate::import::read::word::labels::format_number;
use crate::import::read::word::{Read, chapters_by_label, join_soft, parse, part, part_level, without_typed_toc};

const TEXT: &str = "urn:oasis:names:tc:opendocument:xmlns:text:1.0";
const TABLE: &str = "urn:oasis:names:tc:opendocument:xmlns:table:1.0";
const STYLE: &str = "urn:oasis:names:tc:opendocument:xmlns:style:1.0";
const OFFICE: &str = "urn:oasis:names:tc:opendocument:xmlns:office:1.0";
/// LibreOffice's extension: a level's whole label as a template (`%1%、`).
const LOEXT: &str = "urn:org:documentfoundation:names:experimental:office:xmlns:loext:1.0";

/// The deepest list level read.
const MAX_LEVEL: usize = 10;

/// One level of a list style.
#[derive(Debug, Default, Clone)]
struct Level {
    format: String,
    prefix: String,
    suffix: String,
    /// LibreOffice's template (`（%3%）`), where written.
    template: Option<String>,
    display: usize,
    start: u32,
    bullet: bool,
}

/// Reads the package's content and styles.
pub(in crate::import) fn read(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Read, String> {
    let content = part(zip, "content.xml")?.unwrap_or_default();
    let styles_text = part(zip, "styles.xml")?;
    let mut lists = HashMap::new();
    if let Some(text) = &styles_text {
        list_styles(&parse("styles.xml", text)?, &mut lists);
    }
    let doc = parse("content.xml", &content)?;
    list_styles(&doc, &mut lists);
    let body = doc.descendants().find(|n| n.has_tag_name((OFFICE, "text")));
    let mut walk = Walk { lists, counters: HashMap::new(), page: 1, read: Read::default() };
    if let Some(body) = body {
        walk.container(body, &mut None);
    }
    let mut read = walk.read;
    read.blocks = chapters_by_label(without_typed_toc(read.blocks));
    Ok(read)
}

/// The name the headings' outline numbering is kept under among the list
/// styles.
const OUTLINE: &str = "\u{0}outline";

fn list_styles(doc: &roxmltree::Document, out: &mut HashMap<String, Vec<Level>>) {
    for style in doc.descendants().filter(|n| n.has_tag_name((TEXT, "list-style")) || n.has_tag_name((TEXT, "outline-style"))) {
        let name = if style.has_tag_name((TEXT, "outline-style")) { Some(OUTLINE) } else { style.attribute((STYLE, "name")) };
        let Some(name) = name else { continue };
        let mut levels = vec![Level::default(); MAX_LEVEL];
        for level in style.children().filter(Node::is_element) {
            let Some(i) = level.attribute((TEXT, "level")).and_then(|v| v.parse::<usize>().ok()).filter(|&i| (1..=MAX_LEVEL).contains(&i))
            else {
                continue;
            };
            levels[i - 1] = Level {
                format: level.attribute((STYLE, "num-format")).unwrap_or("").to_string(),
                prefix: level.attribute((STYLE, "num-prefix")).unwrap_or("").to_string(),
                suffix: level.attribute((STYLE, "num-suffix")).unwrap_or("").to_string(),
                template: level.attribute((LOEXT, "num-list-format")).map(str::to_string),
                display: level.attribute((TEXT, "display-levels")).and_then(|v| v.parse().ok()).unwrap_or(1),
                start: level.attribute((TEXT, "start-value")).and_then(|v| v.parse().ok()).unwrap_or(1),
                bullet: !(level.has_tag_name((TEXT, "list-level-style-number")) || level.has_tag_name((TEXT, "outline-level-style"))),
            };
        }
        out.insert(name.to_string(), levels);
    }
}

struct Walk {
    lists: HashMap<String, Vec<Level>>,
    /// List style → the count at each level.
    counters: HashMap<String, Vec<u32>>,
    page: usize,
    read: Read,
}

type Cell = Option<Vec<String>>;

/// The list a paragraph stands in: its style and level (1-based).
#[derive(Clone)]
struct InList {
    style: String,
    level: usize,
    /// Whether this item's label is still to be drawn (its first paragraph).
    label: Option<String>,
}

impl Walk {
    fn container(&mut self, node: Node, cell: &mut Cell) {
        for child in node.children().filter(Node::is_element) {
            self.element(child, cell, None);
        }
    }

    fn element(&mut self, node: Node, cell: &mut Cell, list: Option<&mut InList>) {
        let ns = node.tag_name().namespace();
        match (ns, node.tag_name().name()) {
            (Some(TEXT), "p") | (Some(TEXT), "h") => {
                let in_list = list.is_some();
                let mut label = list.and_then(|l| l.label.take());
                // A heading outside a list: the outline numbering's label.
                if !in_list && node.has_tag_name((TEXT, "h")) && node.attribute((TEXT, "is-list-header")) != Some("true") {
                    let level =
                        node.attribute((TEXT, "outline-level")).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, MAX_LEVEL);
                    label = self.next_label(OUTLINE, level, node);
                }
                self.paragraph(node, cell, label);
            }
            (Some(TEXT), "list") => self.list(node, cell, list.map(|l| (l.style.clone(), l.level))),
            (Some(TEXT), "soft-page-break") => self.page += 1,
            (Some(TEXT), "section") | (Some(TEXT), "index-body") => self.container(node, cell),
            (Some(TEXT), "table-of-content") | (Some(TEXT), "tracked-changes") => {}
            (Some(TABLE), "table") => match cell {
                Some(_) => {
                    for c in node.descendants().filter(|n| n.has_tag_name((TABLE, "table-cell"))) {
                        self.container(c, cell);
                    }
                }
                None => self.table(node),
            },
            _ => {}
        }
    }

    /// A list: each item's first paragraph labelled at this level.
    fn list(&mut self, node: Node, cell: &mut Cell, outer: Option<(String, usize)>) {
        let style =
            node.attribute((TEXT, "style-name")).map(str::to_string).or_else(|| outer.as_ref().map(|o| o.0.clone())).unwrap_or_default();
        let level = outer.as_ref().map_or(1, |o| o.1 + 1).min(MAX_LEVEL);
        let continues = node.attribute((TEXT, "continue-numbering")) == Some("true") || node.attribute((TEXT, "continue-list")).is_some();
        if outer.is_none() && !continues {
            self.counters.remove(&style);
        }
        for item in node.children().filter(|c| c.has_tag_name((TEXT, "list-item")) || c.has_tag_name((TEXT, "list-header"))) {
            let own = item.children().find(Node::is_element).is_some_and(|c| c.has_tag_name((TEXT, "p")) || c.has_tag_name((TEXT, "h")));
            let label = if own && item.has_tag_name((TEXT, "list-item")) { self.next_label(&style, level, item) } else { None };
            let mut here = InList { style: style.clone(), level, label };
            for child in item.children().filter(Node::is_element) {
                self.element(child, cell, Some(&mut here));
            }
        }
    }

    /// The label of the next item at `level` of list style `style`; the
    /// deeper levels start again.
    fn next_label(&mut self, style: &str, level: usize, item: Node) -> Option<String> {
        let levels = self.lists.get(style)?.clone();
        let counters = self.counters.entry(style.to_string()).or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        let i = level - 1;
        if let Some(start) = item.attribute((TEXT, "start-value")).and_then(|v| v.parse::<u32>().ok()) {
            counters[i] = start.saturating_sub(1);
        }
        counters[i] += 1;
        for (d, c) in counters.iter_mut().enumerate().skip(i + 1) {
            *c = levels[d].start.saturating_sub(1);
        }
        let this = &levels[i];
        if this.bullet || this.format.is_empty() {
            return None;
        }
        let number = |k: usize| format_number(counters[k].max(1), &levels[k].format);
        Some(match &this.template {
            Some(template) if template.contains('%') => {
                let mut out = template.clone();
                for k in (0..=i).rev() {
                    out = out.replace(&format!("%{}%", k + 1), &number(k));
                }
                out
            }
            _ => {
                let from = (i + 1).saturating_sub(this.display.max(1));
                let numbers: Vec<String> = (from..=i).map(number).collect();
                format!("{}{}{}", this.prefix, numbers.join("."), this.suffix)
            }
        })
    }

    fn paragraph(&mut self, p: Node, cell: &mut Cell, label: Option<String>) {
        let mut pieces = vec![String::new()];
        let mut number = None;
        self.spans(p, &mut pieces, &mut number);
        let text = join_soft(&pieces.iter().map(|s| s.replace('\t', " ")).collect::<Vec<_>>());
        if text.trim().is_empty() {
            return;
        }
        let text = match number.or(label) {
            Some(label) => format!("{label}{text}"),
            None => text,
        };
        if let Some(paragraphs) = cell {
            paragraphs.push(text);
            return;
        }
        let outline = p
            .has_tag_name((TEXT, "h"))
            .then(|| p.attribute((TEXT, "outline-level")).and_then(|v| v.parse::<u8>().ok()).unwrap_or(1).clamp(1, 9));
        let level = outline.or_else(|| part_level(&text));
        let page = self.page;
        self.read.blocks.push(match level {
            Some(level) => Block::Heading { level, text, page },
            None => Block::Paragraph { text, page },
        });
    }

    /// A paragraph's text, split at line breaks; a heading's drawn number
    /// (`text:number`) apart.
    fn spans(&mut self, node: Node, pieces: &mut Vec<String>, number: &mut Option<String>) {
        for child in node.children() {
            if child.is_text() {
                if let Some(last) = pieces.last_mut() {
                    last.push_str(child.text().unwrap_or(""));
                }
                continue;
            }
            if !child.is_element() {
                continue;
            }
            match child.tag_name().name() {
                "s" => {
                    let n: usize = child.attribute((TEXT, "c")).and_then(|v| v.parse().ok()).unwrap_or(1).min(64);
                    if let Some(last) = pieces.last_mut() {
                        last.push_str(&" ".repeat(n));
                    }
                }
                "tab" => {
                    if let Some(last) = pieces.last_mut() {
                        last.push('\t');
                    }
                }
                "line-break" => pieces.push(String::new()),
                "soft-page-break" => self.page += 1,
                "number" => *number = child.text().map(str::to_string).filter(|t| !t.trim().is_empty()),
                "frame" | "custom-shape" | "g" | "rect" | "line" | "connector" | "object" => self.read.pictures.push(self.page),
                "note" | "annotation" | "bookmark-ref" | "change" | "change-start" | "change-end" | "deletion" => {}
                _ => self.spans(child, pieces, number),
            }
        }
    }

    /// One table row's cells (covered cells are the spans' and left out).
    fn row(&mut self, tr: Node, header: bool) -> Vec<TableCell> {
        let mut row = Vec::new();
        for tc in tr.children().filter(|c| c.has_tag_name((TABLE, "table-cell"))) {
            let col_span = tc.attribute((TABLE, "number-columns-spanned")).and_then(|v| v.parse().ok()).unwrap_or(1usize).clamp(1, 64);
            let row_span = tc.attribute((TABLE, "number-rows-spanned")).and_then(|v| v.parse().ok()).unwrap_or(1usize).clamp(1, 4096);
            let mut paragraphs = Some(Vec::new());
            self.container(tc, &mut paragraphs);
            row.push(TableCell { paragraphs: paragraphs.unwrap_or_default(), header, row_span, col_span });
        }
        row
    }

    fn table(&mut self, node: Node) {
        let mut rows: Vec<Vec<TableCell>> = Vec::new();
        let page = self.page;
        let mut any_header = false;
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "table-header-rows" | "table-rows" | "table-row-group" => {
                    let header = child.tag_name().name() == "table-header-rows";
                    any_header |= header;
                    for tr in child.children().filter(|c| c.has_tag_name((TABLE, "table-row"))) {
                        let row = self.row(tr, header);
                        rows.push(row);
                    }
                }
                "table-row" => {
                    let row = self.row(child, false);
                    rows.push(row);
                }
                _ => {}
            }
        }
        if !any_header && let Some(first) = rows.first() {
            let depth = first.iter().map(|c| c.row_span.max(1)).max().unwrap_or(1).min(rows.len());
            for row in rows.iter_mut().take(depth) {
                for cell in row {
                    cell.header = true;
                }
            }
        }
        rows.retain(|r| !r.is_empty());
        if !rows.is_empty() {
            self.read.blocks.push(Block::Table { rows, page, landscape: false });
        }
    }
}
