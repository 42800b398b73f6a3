//! A `.docx` read into blocks: `word/document.xml` walked in order, with
//! `word/styles.xml` for heading levels and the styles' numbering, and
//! `word/numbering.xml` for the labels of automatic numbering.

use std::collections::HashMap;
use std::io::Cursor;

use roxmltree::Node;

use crate::import::layout::{Block, TableCell};
use crate::import::read::word::labels::label;
use crate::import::read::word::{Read, chapters_by_label, join_soft, parse, part, part_level, without_typed_toc};

/// WordprocessingML's namespace.
const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
/// Markup compatibility: a `Fallback` repeats its `Choice` for old readers.
const MC: &str = "http://schemas.openxmlformats.org/markup-compatibility/2006";

/// A paragraph style: its name, parent, outline level and numbering.
#[derive(Debug, Default, Clone)]
struct Style {
    name: String,
    based_on: Option<String>,
    outline: Option<u8>,
    num: Option<(String, u8)>,
}

/// One level of a list: its number format, its text (`%1、`) and start.
#[derive(Debug, Default, Clone)]
struct Level {
    format: String,
    text: String,
    start: u32,
}

/// The lists of `numbering.xml` and the counts so far.
#[derive(Debug, Default)]
struct Numbering {
    /// abstractNumId → its levels.
    abstracts: HashMap<String, Vec<Level>>,
    /// numId → (abstractNumId, start overrides by level).
    nums: HashMap<String, (String, HashMap<u8, u32>)>,
    /// abstractNumId → the count at each level.
    counters: HashMap<String, Vec<u32>>,
    /// The numIds whose start overrides were applied.
    started: Vec<String>,
}

impl Numbering {
    /// The label of the next paragraph of list `num` at level `ilvl`, and
    /// the count moved on (deeper levels start again).
    fn next(&mut self, num: &str, ilvl: u8) -> Option<String> {
        let (abstract_id, overrides) = self.nums.get(num)?.clone();
        let levels = self.abstracts.get(&abstract_id)?.clone();
        let level = levels.get(ilvl as usize)?;
        if level.format == "bullet" || level.format == "none" {
            return None;
        }
        let counters = self.counters.entry(abstract_id).or_insert_with(|| levels.iter().map(|l| l.start.saturating_sub(1)).collect());
        if !self.started.iter().any(|n| n == num) {
            self.started.push(num.to_string());
            for (l, start) in &overrides {
                if let Some(c) = counters.get_mut(*l as usize) {
                    *c = start.saturating_sub(1);
                }
            }
        }
        let i = ilvl as usize;
        if i >= counters.len() {
            return None;
        }
        counters[i] += 1;
        for (deeper, c) in counters.iter_mut().enumerate().skip(i + 1) {
            *c = levels.get(deeper).map_or(0, |l| l.start.saturating_sub(1));
        }
        let formats: Vec<String> = levels.iter().map(|l| l.format.clone()).collect();
        Some(label(&level.text, counters, &formats))
    }
}

fn w<'a, 'i>(node: Node<'a, 'i>, name: &str) -> Option<Node<'a, 'i>> {
    node.children().find(|c| c.has_tag_name((W, name)))
}

fn val(node: Node) -> Option<String> {
    node.attribute((W, "val")).map(str::to_string)
}

/// Reads the package's document, styles and numbering.
pub(in crate::import) fn read(zip: &mut zip::ZipArchive<Cursor<&[u8]>>) -> Result<Read, String> {
    let document = part(zip, "word/document.xml")?.unwrap_or_default();
    let styles_text = part(zip, "word/styles.xml")?;
    let numbering_text = part(zip, "word/numbering.xml")?;
    let styles = match &styles_text {
        Some(text) => styles(&parse("word/styles.xml", text)?),
        None => HashMap::new(),
    };
    let numbering = match &numbering_text {
        Some(text) => numbering(&parse("word/numbering.xml", text)?),
        None => Numbering::default(),
    };
    let doc = parse("word/document.xml", &document)?;
    let body = doc.root_element().children().find(|c| c.has_tag_name((W, "body")));
    let mut walk = Walk { styles, numbering, page: 1, fields: Vec::new(), read: Read::default() };
    if let Some(body) = body {
        walk.container(body, &mut None);
    }
    let mut read = walk.read;
    read.blocks = chapters_by_label(without_typed_toc(read.blocks));
    Ok(read)
}

fn styles(doc: &roxmltree::Document) -> HashMap<String, Style> {
    let mut out = HashMap::new();
    for style in doc.root_element().children().filter(|c| c.has_tag_name((W, "style"))) {
        if style.attribute((W, "type")).is_some_and(|t| t != "paragraph") {
            continue;
        }
        let Some(id) = style.attribute((W, "styleId")) else {
            continue;
        };
        let ppr = w(style, "pPr");
        let num = ppr.and_then(|p| w(p, "numPr")).and_then(|n| {
            let id = w(n, "numId").and_then(val)?;
            let ilvl = w(n, "ilvl").and_then(val).and_then(|v| v.parse().ok()).unwrap_or(0);
            Some((id, ilvl))
        });
        out.insert(
            id.to_string(),
            Style {
                name: w(style, "name").and_then(val).unwrap_or_default(),
                based_on: w(style, "basedOn").and_then(val),
                outline: ppr.and_then(|p| w(p, "outlineLvl")).and_then(val).and_then(|v| v.parse().ok()),
                num,
            },
        );
    }
    out
}

fn numbering(doc: &roxmltree::Document) -> Numbering {
    let mut out = Numbering::default();
    for node in doc.root_element().children() {
        if node.has_tag_name((W, "abstractNum")) {
            let Some(id) = node.attribute((W, "abstractNumId")) else {
                continue;
            };
            let mut levels = Vec::new();
            for lvl in node.children().filter(|c| c.has_tag_name((W, "lvl"))) {
                let i: usize = lvl.attribute((W, "ilvl")).and_then(|v| v.parse().ok()).unwrap_or(levels.len());
                if i > 8 {
                    continue;
                }
                if levels.len() <= i {
                    levels.resize(i + 1, Level::default());
                }
                levels[i] = Level {
                    format: w(lvl, "numFmt").and_then(val).unwrap_or_else(|| "decimal".into()),
                    text: w(lvl, "lvlText").and_then(val).unwrap_or_default(),
                    start: w(lvl, "start").and_then(val).and_then(|v| v.parse().ok()).unwrap_or(1),
                };
            }
            out.abstracts.insert(id.to_string(), levels);
        } else if node.has_tag_name((W, "num")) {
            let Some(id) = node.attribute((W, "numId")) else {
                continue;
            };
            let Some(abstract_id) = w(node, "abstractNumId").and_then(val) else {
                continue;
            };
            let mut overrides = HashMap::new();
            for o in node.children().filter(|c| c.has_tag_name((W, "lvlOverride"))) {
                let l: u8 = o.attribute((W, "ilvl")).and_then(|v| v.parse().ok()).unwrap_or(0);
                if let Some(start) = w(o, "startOverride").and_then(val).and_then(|v| v.parse().ok()) {
                    overrides.insert(l, start);
                }
            }
            out.nums.insert(id.to_string(), (abstract_id, overrides));
        }
    }
    out
}

/// A field being read: whether it is a table of contents, and whether its
/// code or its result is being read.
struct Field {
    toc: bool,
    code: String,
    result: bool,
}

/// The walk of the document, in order.
struct Walk {
    styles: HashMap<String, Style>,
    numbering: Numbering,
    page: usize,
    fields: Vec<Field>,
    read: Read,
}

/// Where a paragraph goes: the body's blocks, or a cell's paragraphs.
type Cell = Option<Vec<String>>;

impl Walk {
    /// The body or a cell: its paragraphs and tables in order.
    fn container(&mut self, node: Node, cell: &mut Cell) {
        for child in node.children().filter(Node::is_element) {
            match child.tag_name().name() {
                "p" if child.tag_name().namespace() == Some(W) => self.paragraph(child, cell),
                "tbl" if child.tag_name().namespace() == Some(W) => match cell {
                    // A table inside a cell: its paragraphs join the cell's.
                    Some(_) => {
                        for tc in child.descendants().filter(|n| n.has_tag_name((W, "tc"))) {
                            self.container(tc, cell);
                        }
                    }
                    None => self.table(child),
                },
                "sdt" => {
                    // A content control; a table of contents is one.
                    let gallery = child
                        .descendants()
                        .find(|n| n.has_tag_name((W, "docPartGallery")))
                        .and_then(val)
                        .is_some_and(|g| g.contains("Table of Contents"));
                    if !gallery && let Some(content) = w(child, "sdtContent") {
                        self.container(content, cell);
                    }
                }
                "customXml" | "smartTag" => self.container(child, cell),
                _ => {}
            }
        }
    }

    /// The style chain's first value of `get`.
    fn style_value<T>(&self, id: Option<&str>, get: impl Fn(&Style) -> Option<T>) -> Option<T> {
        let mut id = id.map(str::to_string);
        for _ in 0..16 {
            let style = self.styles.get(id.as_deref()?)?;
            if let Some(v) = get(style) {
                return Some(v);
            }
            id = style.based_on.clone();
        }
        None
    }

    fn paragraph(&mut self, p: Node, cell: &mut Cell) {
        let ppr = w(p, "pPr");
        let style_id = ppr.and_then(|pp| w(pp, "pStyle")).and_then(val);
        let style_name = style_id.as_deref().and_then(|id| self.styles.get(id)).map(|s| s.name.to_lowercase()).unwrap_or_default();
        if ppr.and_then(|pp| w(pp, "pageBreakBefore")).is_some_and(|b| val(b).as_deref() != Some("0") && val(b).as_deref() != Some("false"))
        {
            self.page += 1;
        }
        let in_toc_before = self.fields.iter().any(|f| f.toc);
        let mut pieces = vec![String::new()];
        self.runs(p, &mut pieces);
        let in_toc = in_toc_before || self.fields.iter().any(|f| f.toc);
        let toc_style = style_name.starts_with("toc") || style_id.as_deref().is_some_and(|s| s.starts_with("TOC") || s.starts_with("目錄"));
        if ppr.and_then(|pp| w(pp, "sectPr")).is_some() {
            self.page += 1;
        }
        if in_toc || toc_style {
            return;
        }
        let text = join_soft(&pieces.iter().map(|s| s.replace('\t', " ")).collect::<Vec<_>>());
        // The label Word draws: the paragraph's own list, else its style's.
        let num = ppr.and_then(|pp| w(pp, "numPr")).and_then(|n| {
            let id = w(n, "numId").and_then(val)?;
            let ilvl = w(n, "ilvl").and_then(val).and_then(|v| v.parse().ok());
            Some((id, ilvl))
        });
        let num = match num {
            Some((id, Some(ilvl))) => Some((id, ilvl)),
            Some((id, None)) => Some((id.clone(), self.style_value(style_id.as_deref(), |s| s.num.as_ref().map(|n| n.1)).unwrap_or(0))),
            None => self.style_value(style_id.as_deref(), |s| s.num.clone()),
        };
        let label = match num {
            Some((id, _)) if id == "0" => None,
            Some((id, ilvl)) if !text.is_empty() => self.numbering.next(&id, ilvl),
            _ => None,
        };
        let text = match label {
            Some(label) => format!("{label}{text}"),
            None => text,
        };
        if text.trim().is_empty() {
            return;
        }
        if let Some(paragraphs) = cell {
            paragraphs.push(text);
            return;
        }
        let outline = ppr
            .and_then(|pp| w(pp, "outlineLvl"))
            .and_then(val)
            .and_then(|v| v.parse::<u8>().ok())
            .or_else(|| self.style_value(style_id.as_deref(), |s| s.outline))
            .or_else(|| heading_number(&style_name).map(|n| n.saturating_sub(1)))
            .filter(|&o| o < 9);
        let level = outline.map(|o| o + 1).or_else(|| part_level(&text));
        let page = self.page;
        self.read.blocks.push(match level {
            Some(level) => Block::Heading { level, text, page },
            None => Block::Paragraph { text, page },
        });
    }

    /// The text of a paragraph's runs, split at soft line breaks; fields,
    /// pictures and page breaks noted as they come.
    fn runs(&mut self, node: Node, pieces: &mut Vec<String>) {
        for child in node.children().filter(Node::is_element) {
            let (ns, name) = (child.tag_name().namespace(), child.tag_name().name());
            if ns == Some(MC) {
                if name == "AlternateContent"
                    && let Some(choice) = child.children().find(|c| c.has_tag_name((MC, "Choice")))
                {
                    self.runs(choice, pieces);
                }
                continue;
            }
            match name {
                "pPr" | "rPr" | "del" | "delText" | "footnoteReference" | "endnoteReference" | "commentReference" | "moveFrom" => {}
                "t" => {
                    if !self.in_field_code()
                        && let Some(last) = pieces.last_mut()
                    {
                        last.push_str(child.text().unwrap_or(""));
                    }
                }
                "tab" | "ptab" => {
                    if let Some(last) = pieces.last_mut() {
                        last.push('\t');
                    }
                }
                "br" | "cr" => match child.attribute((W, "type")) {
                    Some("page") => self.page += 1,
                    Some("column") => {}
                    _ => pieces.push(String::new()),
                },
                "drawing" | "pict" | "object" => self.read.pictures.push(self.page),
                "fldChar" => match child.attribute((W, "fldCharType")) {
                    Some("begin") => self.fields.push(Field { toc: false, code: String::new(), result: false }),
                    Some("separate") => {
                        if let Some(f) = self.fields.last_mut() {
                            f.result = true;
                            f.toc = f.code.trim_start().starts_with("TOC");
                        }
                    }
                    Some("end") => {
                        self.fields.pop();
                    }
                    _ => {}
                },
                "instrText" => {
                    if let Some(f) = self.fields.last_mut() {
                        f.code.push_str(child.text().unwrap_or(""));
                    }
                }
                "fldSimple" => {
                    let toc = child.attribute((W, "instr")).is_some_and(|i| i.trim_start().starts_with("TOC"));
                    if !toc {
                        self.runs(child, pieces);
                    }
                }
                _ => self.runs(child, pieces),
            }
        }
    }

    fn in_field_code(&self) -> bool {
        self.fields.last().is_some_and(|f| !f.result)
    }

    /// A table: its rows and cells, merges as spans, the header rows
    /// marked.
    fn table(&mut self, tbl: Node) {
        let mut rows: Vec<Vec<TableCell>> = Vec::new();
        // The grid column of each cell of each row.
        let mut columns: Vec<Vec<usize>> = Vec::new();
        let mut header_rows = Vec::new();
        let page = self.page;
        for tr in tbl.children().filter(|c| c.has_tag_name((W, "tr"))) {
            let trpr = w(tr, "trPr");
            if trpr.and_then(|t| w(t, "tblHeader")).is_some_and(|h| val(h).as_deref() != Some("0") && val(h).as_deref() != Some("false")) {
                header_rows.push(rows.len());
            }
            let mut col = trpr.and_then(|t| w(t, "gridBefore")).and_then(val).and_then(|v| v.parse::<usize>().ok()).unwrap_or(0);
            let mut row = Vec::new();
            let mut cols = Vec::new();
            for tc in tr.children().filter(|c| c.has_tag_name((W, "tc"))) {
                let tcpr = w(tc, "tcPr");
                let span =
                    tcpr.and_then(|t| w(t, "gridSpan")).and_then(val).and_then(|v| v.parse::<usize>().ok()).unwrap_or(1).clamp(1, 64);
                let merge = tcpr.and_then(|t| w(t, "vMerge")).map(|m| val(m).unwrap_or_else(|| "continue".into()));
                if merge.as_deref() == Some("continue") {
                    // The cell above (in the same grid column) reaches down.
                    if let Some((r, i)) =
                        rows.iter().enumerate().rev().find_map(|(r, _)| columns[r].iter().position(|&c| c == col).map(|i| (r, i)))
                    {
                        let above = &mut rows[r][i];
                        above.row_span = above.row_span.max(1) + 1;
                    }
                    col += span;
                    continue;
                }
                let mut paragraphs = Some(Vec::new());
                self.container(tc, &mut paragraphs);
                row.push(TableCell { paragraphs: paragraphs.unwrap_or_default(), header: false, row_span: 1, col_span: span });
                cols.push(col);
                col += span;
            }
            rows.push(row);
            columns.push(cols);
        }
        // Without marked header rows, the first row is the header, with the
        // rows its merged cells reach down into.
        if header_rows.is_empty() && !rows.is_empty() {
            let depth = rows[0].iter().map(|c| c.row_span.max(1)).max().unwrap_or(1);
            header_rows = (0..depth.min(rows.len())).collect();
        }
        for r in header_rows {
            for cell in &mut rows[r] {
                cell.header = true;
            }
        }
        rows.retain(|r| !r.is_empty());
        if !rows.is_empty() {
            self.read.blocks.push(Block::Table { rows, page, landscape: false });
        }
    }
}

/// `heading 2` → 2 (Word's built-in heading styles, in any case).
fn heading_number(style_name: &str) -> Option<u8> {
    let rest = style_name.strip_prefix("heading ").or_else(|| style_name.strip_prefix("標題 "))?;
    rest.trim().parse().ok()
}
