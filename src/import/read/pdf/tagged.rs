//! A tagged PDF's structure tree walked into blocks: headings, paragraphs,
//! tables with their spans; the table of contents left out.
//!
//! Programs tag alike but not the same. booklet (Typst) gives a list item's
//! label and body as `Lbl` and `LBody`; Chromium (Skia) leaves the marker
//! untagged inside the `LI`, tags row headers `TH` with `Scope /Row`, puts
//! the page only on the content's elements, and draws a table's header row
//! again on each page as content of the same `TH`. Each of these is read
//! here as what it stands for: one paragraph an item, row headers in the
//! body, the header once.

use std::collections::HashMap;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::import::read::pdf::content::{Mark, deref, wrap_join};
use crate::import::read::pdf::limits::MAX_TREE_VISITS;
use crate::import::read::pdf::{Block, TableCell};

/// The document's role map: custom structure types to standard ones.
pub(in crate::import) fn role_map(doc: &Document) -> HashMap<Vec<u8>, Vec<u8>> {
    let mut map = HashMap::new();
    let root = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok()).and_then(|r| deref(doc, r)).and_then(|o| o.as_dict().ok());
    if let Some(roles) = root.and_then(|r| r.get(b"RoleMap").ok()).and_then(|m| deref(doc, m)).and_then(|m| m.as_dict().ok()) {
        for (k, v) in roles.iter() {
            if let Ok(name) = v.as_name() {
                map.insert(k.clone(), name.to_vec());
            }
        }
    }
    map
}

pub(in crate::import) struct Tree<'a> {
    pub(in crate::import) doc: &'a Document,
    /// How many elements the walks have visited (see [`MAX_TREE_VISITS`]).
    pub(in crate::import) visits: std::cell::Cell<usize>,
    /// The elements walked into blocks so far.
    pub(in crate::import) walked: std::cell::RefCell<std::collections::HashSet<ObjectId>>,
    pub(in crate::import) texts: &'a HashMap<(ObjectId, i64), Mark>,
    pub(in crate::import) pages: &'a HashMap<ObjectId, usize>,
    pub(in crate::import) roles: HashMap<Vec<u8>, Vec<u8>>,
}

impl Tree<'_> {
    /// The standard type of a structure element.
    fn kind(&self, elem: &Dictionary) -> Vec<u8> {
        let mut s = elem.get(b"S").and_then(Object::as_name).map(<[u8]>::to_vec).unwrap_or_default();
        for _ in 0..8 {
            match self.roles.get(&s) {
                Some(mapped) if *mapped != s => s = mapped.clone(),
                _ => break,
            }
        }
        s
    }

    fn page_of(&self, elem: &Dictionary, inherited: Option<ObjectId>) -> Option<ObjectId> {
        elem.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(inherited)
    }

    fn kids<'b>(&'b self, elem: &'b Dictionary) -> Vec<&'b Object> {
        // Every walk of the tree goes through here: a tree that lists an
        // element twice, or itself, ends at the bound.
        let visits = self.visits.get() + 1;
        self.visits.set(visits);
        if visits > MAX_TREE_VISITS {
            return Vec::new();
        }
        match elem.get(b"K").ok().and_then(|k| deref(self.doc, k)) {
            Some(Object::Array(items)) => items.iter().collect(),
            Some(other) => vec![other],
            None => Vec::new(),
        }
    }

    /// Walks an element (or the tree root) into blocks.
    pub(in crate::import) fn walk(&self, object: &Object, page: Option<ObjectId>, out: &mut Vec<Block>, depth: usize) {
        if depth > 64 {
            return;
        }
        // An element is walked once: a tree that lists one twice (or
        // within itself) is read as if it listed it once.
        if let Object::Reference(id) = object
            && !self.walked.borrow_mut().insert(*id)
        {
            return;
        }
        let Some(elem) = deref(self.doc, object).and_then(|o| o.as_dict().ok()) else {
            return;
        };
        let page = self.page_of(elem, page);
        let kind = self.kind(elem);
        let page_no = |p: Option<ObjectId>| p.and_then(|p| self.pages.get(&p).copied()).unwrap_or(0);
        // The page a block is on: its own, its parent's, or (where only its
        // content says, as in Chromium's PDFs) its first descendant's.
        let at = || page_no(page.or_else(|| self.first_page(elem, depth)));
        match kind.as_slice() {
            b"TOC" | b"TOCI" | b"Artifact" => {}
            [b'H', level @ b'1'..=b'6'] => {
                let text = self.text(elem, page, depth);
                if !text.trim().is_empty() {
                    out.push(Block::Heading { level: level - b'0', text, page: at() });
                }
            }
            b"H" => {
                let text = self.text(elem, page, depth);
                out.push(Block::Heading { level: 0, text, page: at() });
            }
            b"LI" => {
                let mut item = Item::default();
                self.item_into(elem, page, depth + 1, &mut item, out);
                item.flush(out, |p| page_no(Some(p)));
            }
            b"Table" => {
                // The caption (a Caption, or text a browser tags loose under
                // the table): what it says beyond the heading it repeats (a
                // unit caption), as a paragraph before the table.
                for kid in self.kids(elem) {
                    let Some(child) = deref(self.doc, kid).and_then(|o| o.as_dict().ok()) else {
                        continue;
                    };
                    if !matches!(self.kind(child).as_slice(), b"TR" | b"THead" | b"TBody" | b"TFoot") {
                        let heading = out.iter().rev().find_map(|b| match b {
                            Block::Heading { text, .. } => Some(
                                crate::import::text::markers::split_marker(text.trim())
                                    .map_or(text.trim().to_string(), |(_, r)| r.to_string()),
                            ),
                            _ => None,
                        });
                        let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
                        let text = self.text(child, page, depth);
                        let rest: Vec<&str> = text
                            .split('\n')
                            .filter(|l| !l.trim().is_empty() && heading.as_deref().is_none_or(|h| squeeze(h) != squeeze(l)))
                            .collect();
                        if !rest.is_empty() {
                            out.push(Block::Paragraph { text: rest.join("\n"), page: at() });
                        }
                    }
                }
                let rows = self.rows(elem, page, depth);
                if !rows.is_empty() {
                    out.push(Block::Table { rows, page: at(), landscape: false });
                }
            }
            b"Span" | b"Div" | b"Figure" if self.kids(elem).iter().all(|k| self.mark(k, page).is_some()) => {
                // Text set in pieces (a chart's boxes): a paragraph each.
                for text in self.pieces(elem, page) {
                    if !text.trim().is_empty() {
                        out.push(Block::Paragraph { text, page: page_no(page) });
                    }
                }
            }
            b"P" | b"Span" | b"Link" | b"Lbl" | b"LBody" | b"Quote" | b"Note" | b"Code" | b"Caption" => {
                let text = self.text(elem, page, depth);
                if !text.trim().is_empty() {
                    out.push(Block::Paragraph { text, page: at() });
                }
            }
            _ => {
                // A container (Document, Part, Sect, Div, L, LI, Figure…):
                // its kids in order, loose marked content as a paragraph.
                let mut loose = String::new();
                for kid in self.kids(elem) {
                    match self.marked(kid, page) {
                        // Loose runs in a container (a chart's boxes) are
                        // pieces of their own.
                        Some(text) => {
                            if !loose.is_empty() && !text.is_empty() {
                                loose.push('\n');
                            }
                            loose.push_str(&text);
                        }
                        None => {
                            flush(&mut loose, out, page_no(page));
                            self.walk(kid, page, out, depth + 1);
                        }
                    }
                }
                flush(&mut loose, out, page_no(page));
            }
        }
    }

    /// A list item's content onto `item`: its label (`Lbl`, or the
    /// untagged marker Chromium writes) and body text make one paragraph;
    /// a nested list, table or heading is a block of its own after it,
    /// and a second paragraph of the body starts a paragraph.
    fn item_into<'m>(&'m self, elem: &Dictionary, page: Option<ObjectId>, depth: usize, item: &mut Item<'m>, out: &mut Vec<Block>) {
        if depth > 64 {
            return;
        }
        let page = self.page_of(elem, page);
        let page_no = |p: ObjectId| self.pages.get(&p).copied().unwrap_or(0);
        for kid in self.kids(elem) {
            if let Some(Some(mark)) = self.mark(kid, page) {
                append(&mut item.text, &mut item.last, mark);
                item.page = item.page.or(self.page_of_mark(kid, page));
                continue;
            }
            let Some(child) = deref(self.doc, kid).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            match self.kind(child).as_slice() {
                b"L" | b"Table" | b"TOC" | b"Figure" | [b'H', ..] => {
                    item.flush(out, page_no);
                    self.walk(kid, page, out, depth + 1);
                }
                b"P" if item.has_body() => {
                    item.flush(out, page_no);
                    self.item_into(child, page, depth + 1, item, out);
                }
                b"Artifact" => {}
                _ => self.item_into(child, page, depth + 1, item, out),
            }
        }
    }

    /// The first page any descendant of an element is on.
    fn first_page(&self, elem: &Dictionary, depth: usize) -> Option<ObjectId> {
        if depth > 64 {
            return None;
        }
        self.kids(elem)
            .into_iter()
            .filter_map(|k| deref(self.doc, k).and_then(|o| o.as_dict().ok()))
            .find_map(|child| child.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or_else(|| self.first_page(child, depth + 1)))
    }

    /// The page a marked-content kid is on: an MCR's own, else its parent's.
    fn page_of_mark(&self, kid: &Object, page: Option<ObjectId>) -> Option<ObjectId> {
        match kid {
            Object::Dictionary(d) => d.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).or(page),
            _ => page,
        }
    }

    /// The text of an element's marked content, page by page in order.
    fn texts_by_page(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize, acc: &mut Vec<(Option<ObjectId>, String)>) {
        if depth > 64 {
            return;
        }
        let page = self.page_of(elem, page);
        for kid in self.kids(elem) {
            if let Some(mark) = self.mark(kid, page) {
                let on = self.page_of_mark(kid, page);
                let text = mark.map_or("", |m| &m.text);
                match acc.last_mut() {
                    Some((p, t)) if *p == on => t.push_str(text),
                    _ => acc.push((on, text.to_string())),
                }
            } else if let Some(child) = deref(self.doc, kid).and_then(|o| o.as_dict().ok()) {
                self.texts_by_page(child, page, depth + 1, acc);
            }
        }
    }

    /// The text of a marked-content kid (an MCID or an MCR), if it is one.
    fn marked(&self, kid: &Object, page: Option<ObjectId>) -> Option<String> {
        self.mark(kid, page).map(|m| m.map(|m| m.text.clone()).unwrap_or_default())
    }

    /// The marked content a kid refers to: `Some(None)` for a kid that is
    /// marked content but holds no text (or an object reference).
    fn mark(&self, kid: &Object, page: Option<ObjectId>) -> Option<Option<&Mark>> {
        match kid {
            Object::Integer(mcid) => Some(page.and_then(|p| self.texts.get(&(p, *mcid)))),
            Object::Dictionary(d) if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"MCR") => {
                let page = self.page_of_mark(kid, page);
                let mcid = d.get(b"MCID").ok().and_then(|m| m.as_i64().ok())?;
                Some(page.and_then(|p| self.texts.get(&(p, mcid))))
            }
            Object::Dictionary(d) if d.get(b"Type").and_then(Object::as_name).ok() == Some(b"OBJR") => Some(None),
            _ => None,
        }
    }

    /// The pieces of text a `Span` (or a container's loose content) holds:
    /// marked contents that go on from one another (on a line, or down an
    /// upright column) make one piece; a jump elsewhere (another box of a
    /// chart) starts the next.
    fn pieces(&self, elem: &Dictionary, page: Option<ObjectId>) -> Vec<String> {
        let mut pieces: Vec<String> = Vec::new();
        let mut previous: Option<&Mark> = None;
        for kid in self.kids(elem) {
            let Some(Some(mark)) = self.mark(kid, page) else {
                continue;
            };
            match (previous, pieces.last_mut()) {
                (Some(p), Some(last)) if p.continued_by(mark) => last.push_str(&mark.text),
                _ => pieces.push(mark.text.clone()),
            }
            previous = Some(mark);
        }
        pieces
    }

    /// All the text of an element; its block-level kids (paragraphs,
    /// headings) on lines of their own.
    fn text(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize) -> String {
        let mut out = String::new();
        self.text_into(elem, page, depth, &mut out);
        out.trim_matches('\n').to_string()
    }

    fn text_into(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize, out: &mut String) {
        self.text_on(elem, page, depth, out, None, &mut None);
    }

    /// As `text_into`, of the marked content on page `only` where given;
    /// `last` is the marked content the text so far ends with.
    fn text_on<'m>(
        &'m self,
        elem: &Dictionary,
        page: Option<ObjectId>,
        depth: usize,
        out: &mut String,
        only: Option<ObjectId>,
        last: &mut Option<&'m Mark>,
    ) {
        if depth > 64 {
            return;
        }
        let page = self.page_of(elem, page);
        for kid in self.kids(elem) {
            if let Some(mark) = self.mark(kid, page) {
                if let Some(mark) = mark.filter(|_| only.is_none() || only == self.page_of_mark(kid, page)) {
                    append(out, last, mark);
                }
            } else if let Some(child) = deref(self.doc, kid).and_then(|o| o.as_dict().ok()) {
                let kind = self.kind(child);
                let block = matches!(kind.as_slice(), b"P" | b"H1" | b"H2" | b"H3" | b"H4" | b"H5" | b"H6" | b"LI" | b"Div");
                if block && !out.is_empty() && !out.ends_with('\n') {
                    out.push('\n');
                }
                self.text_on(child, page, depth + 1, out, only, last);
                if block && !out.ends_with('\n') {
                    out.push('\n');
                }
            }
        }
    }

    /// A table's rows (`TR`, within `THead`, `TBody`, `TFoot` or not).
    fn rows(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize) -> Vec<Vec<TableCell>> {
        let mut rows = Vec::new();
        let page = self.page_of(elem, page);
        for kid in self.kids(elem) {
            let Some(child) = deref(self.doc, kid).and_then(|o| o.as_dict().ok()) else {
                continue;
            };
            match self.kind(child).as_slice() {
                b"TR" => {
                    let row_page = self.page_of(child, page);
                    let cells = self
                        .kids(child)
                        .into_iter()
                        .filter_map(|c| deref(self.doc, c).and_then(|o| o.as_dict().ok()))
                        .filter(|c| matches!(self.kind(c).as_slice(), b"TD" | b"TH"))
                        .map(|c| self.cell(c, row_page, depth))
                        .collect();
                    rows.push(cells);
                }
                b"THead" | b"TBody" | b"TFoot" => rows.extend(self.rows(child, page, depth + 1)),
                _ => {}
            }
        }
        rows
    }

    fn cell(&self, elem: &Dictionary, page: Option<ObjectId>, depth: usize) -> TableCell {
        let attrs: Vec<&Dictionary> = match elem.get(b"A").ok().and_then(|a| deref(self.doc, a)) {
            Some(Object::Array(items)) => items.iter().filter_map(|i| deref(self.doc, i).and_then(|o| o.as_dict().ok())).collect(),
            Some(Object::Dictionary(d)) => vec![d],
            _ => Vec::new(),
        };
        let span = |key: &[u8]| -> usize {
            attrs.iter().find_map(|a| a.get(key).ok().and_then(|v| v.as_i64().ok())).map_or(1, |n| n.clamp(1, 1000) as usize)
        };
        // A row's header (`Scope /Row`, as a browser tags a work plan or an
        // item title) is the body's, not the table's header.
        let row_header = attrs.iter().any(|a| a.get(b"Scope").and_then(Object::as_name).ok() == Some(b"Row"));
        // A header row repeated on each page a table runs over is, in a
        // browser's PDF, one cell whose content is drawn on every page:
        // the same text page after page is read once.
        let header = self.kind(elem) == b"TH" && !row_header;
        let mut by_page = Vec::new();
        if header {
            self.texts_by_page(elem, page, depth + 1, &mut by_page);
            by_page.retain(|(_, t)| !t.trim().is_empty());
        }
        let repeated = by_page.len() > 1 && by_page.iter().all(|(_, t)| *t == by_page[0].1);
        let text = if repeated {
            let mut out = String::new();
            self.text_on(elem, page, depth + 1, &mut out, by_page[0].0, &mut None);
            out.trim_matches('\n').to_string()
        } else {
            self.text(elem, page, depth + 1)
        };
        TableCell {
            paragraphs: text.split('\n').map(str::to_string).filter(|p| !p.trim().is_empty()).collect(),
            header,
            row_span: span(b"RowSpan"),
            col_span: span(b"ColSpan"),
        }
    }
}

/// A list item's paragraph as it is gathered: its text so far and the page
/// its first text is on.
#[derive(Default)]
struct Item<'m> {
    text: String,
    page: Option<ObjectId>,
    last: Option<&'m Mark>,
}

impl Item<'_> {
    /// Whether the text holds more than a list label (`1、`, `（一）`).
    fn has_body(&self) -> bool {
        let text = self.text.trim();
        !text.is_empty() && crate::import::text::markers::split_marker(text).is_none_or(|(_, rest)| !rest.trim().is_empty())
    }

    fn flush(&mut self, out: &mut Vec<Block>, page_no: impl Fn(ObjectId) -> usize) {
        if !self.text.trim().is_empty() {
            out.push(Block::Paragraph { text: std::mem::take(&mut self.text), page: self.page.map_or(0, page_no) });
        }
        self.text.clear();
        self.page = None;
        self.last = None;
    }
}

/// Appends a marked content's text to an element's: a space where Latin
/// words stand apart between the two (see [`wrap_join`]).
fn append<'m>(out: &mut String, last: &mut Option<&'m Mark>, mark: &'m Mark) {
    let apart = last.is_some_and(|l| l.parted_from(mark));
    wrap_join(out, &mark.text, apart);
    *last = Some(mark);
}

fn flush(loose: &mut String, out: &mut Vec<Block>, page: usize) {
    if !loose.trim().is_empty() {
        out.push(Block::Paragraph { text: std::mem::take(loose), page });
    }
    loose.clear();
}
