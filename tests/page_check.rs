//! The page check: print faults a printing office would reject, found in
//! the layout itself (the glyphs' and the table rules' positions) over
//! every page of mol-109 and of every shapes bundle. The outside check
//! (`../shared/tools/pagecheck.py`, from the PDF) looks for the same faults.
//!
//! - a glyph crossing a vertical rule (text outside its cell);
//! - a lone character: a line of one CJK character (punctuation aside)
//!   under a fuller line of the same paragraph or cell;
//! - a stretched line: four or more neighbouring CJK glyph pairs in a row
//!   spaced 0.25 em or more apart;
//! - a table row without text between two full-width rules;
//! - a table whose text column with the most text is not the widest;
//! - an invisible character (U+2060, U+200B…) put in to hold text together;
//! - an outcome item's title alone at a page's foot: its row on another
//!   page than the start of its first sub-item's row.

mod common;

use std::collections::BTreeMap;

use booklet::build::{Engine, Paths, Typeset};
use booklet::view::{Content, OutcomesView};
use common::{copy_tree, root, shapes, typeset_dir};
use typst::foundations::{Label, Selector, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem, Point, Transform};
use typst::utils::PicoStr;
use typst::visualize::{CurveItem, Geometry, Shape};

/// A glyph on the page: its box (pt, from the top left) and character.
#[derive(Debug, Clone)]
struct Glyph {
    x0: f64,
    x1: f64,
    base: f64,
    size: f64,
    ch: char,
}

/// A ruled line on the page.
#[derive(Debug, Clone, Copy)]
struct Rule {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Rule {
    fn vertical(&self) -> bool {
        (self.x0 - self.x1).abs() < 0.1 && (self.y1 - self.y0).abs() > 0.1
    }
    fn horizontal(&self) -> bool {
        (self.y0 - self.y1).abs() < 0.1 && (self.x1 - self.x0).abs() > 0.1
    }
}

/// A table's part on one page: its column edges and its glyphs.
struct Fragment {
    edges: Vec<f64>,
    vertical: Vec<Rule>,
    top_rows: (f64, f64),
    glyphs: Vec<Glyph>,
}

#[derive(Default)]
struct PageItems {
    glyphs: Vec<Glyph>,
    rules: Vec<Rule>,
    tables: Vec<Fragment>,
}

fn walk(frame: &Frame, ts: Transform, out: &mut PageItems) {
    for (pos, item) in frame.items() {
        let at = ts.pre_concat(Transform::translate(pos.x, pos.y));
        match item {
            FrameItem::Group(group) => {
                let inner = at.pre_concat(group.transform);
                let mut sub = PageItems::default();
                walk(&group.frame, inner, &mut sub);
                // A group that draws vertical rules of its own is a table's
                // part on this page (or a chart's boxes).
                let own: Vec<Rule> = group
                    .frame
                    .items()
                    .filter_map(|(p, i)| match i {
                        // A table's rules are lines; boxes (a chart's) are not.
                        FrameItem::Shape(shape, _) if matches!(shape.geometry, Geometry::Line(_)) => {
                            Some(rules(inner.pre_concat(Transform::translate(p.x, p.y)), shape))
                        }
                        _ => None,
                    })
                    .flatten()
                    .collect();
                let vertical: Vec<&Rule> = own.iter().filter(|r| r.vertical()).collect();
                let edges = sorted(vertical.iter().map(|r| r.x0));
                // The header's rows end at the second rule across the whole
                // table (a header of two rows has a shorter rule between).
                // (Segments at one height are taken together.)
                let mut spans: BTreeMap<i64, (f64, f64)> = BTreeMap::new();
                for r in own.iter().filter(|r| r.horizontal()) {
                    let span = spans.entry((r.y0 * 2.0).round() as i64).or_insert((r.x0, r.x1));
                    *span = (span.0.min(r.x0), span.1.max(r.x1));
                }
                let across =
                    |(l, r): &(f64, f64)| edges.first().is_some_and(|&e| *l <= e + 1.0) && edges.last().is_some_and(|&e| *r >= e - 1.0);
                let horizontal: Vec<f64> = sorted(spans.iter().filter(|(_, s)| across(s)).map(|(y, _)| *y as f64 / 2.0));
                if vertical.len() >= 4 && horizontal.len() >= 2 {
                    sub.tables.push(Fragment {
                        edges,
                        vertical: vertical.iter().map(|r| **r).collect(),
                        top_rows: (horizontal[0], horizontal[1]),
                        glyphs: sub.glyphs.clone(),
                    });
                }
                out.glyphs.extend(sub.glyphs);
                out.rules.extend(sub.rules);
                out.tables.extend(sub.tables);
            }
            FrameItem::Text(text) => {
                let size = text.size.to_pt();
                let mut x = 0.0;
                for g in &text.glyphs {
                    let ch = text.text[g.range()].chars().next().unwrap_or(' ');
                    let advance = text.font.x_advance(g.id).map_or(g.x_advance.get(), |a| a.get()) * size;
                    let origin = Point::new(typst::layout::Abs::pt(x + g.x_offset.get() * size), typst::layout::Abs::zero()).transform(at);
                    if !ch.is_whitespace() {
                        out.glyphs.push(Glyph { x0: origin.x.to_pt(), x1: origin.x.to_pt() + advance, base: origin.y.to_pt(), size, ch });
                    }
                    x += g.x_advance.get() * size;
                }
            }
            FrameItem::Shape(shape, _) => out.rules.extend(rules(at, shape)),
            _ => {}
        }
    }
}

/// The straight lines a shape draws: a line, a rectangle's four sides, a
/// curve's straight segments (boxes' strokes are drawn as curves).
fn rules(at: Transform, shape: &Shape) -> Vec<Rule> {
    if shape.stroke.is_none() {
        return Vec::new(); // a fill (a shaded header), not a rule
    }
    let segment = |a: Point, b: Point| {
        let (a, b) = (a.transform(at), b.transform(at));
        let (x0, x1) = (a.x.to_pt().min(b.x.to_pt()), a.x.to_pt().max(b.x.to_pt()));
        let (y0, y1) = (a.y.to_pt().min(b.y.to_pt()), a.y.to_pt().max(b.y.to_pt()));
        Rule { x0, y0, x1, y1 }
    };
    match &shape.geometry {
        Geometry::Line(end) => vec![segment(Point::zero(), *end)],
        Geometry::Rect(size) => {
            let (w, h) = (Point::with_x(size.x), Point::with_y(size.y));
            vec![segment(Point::zero(), w), segment(w, w + h), segment(h, w + h), segment(Point::zero(), h)]
        }
        Geometry::Curve(curve) => {
            let (mut out, mut at_point, mut start) = (Vec::new(), Point::zero(), Point::zero());
            for item in curve.0.iter() {
                match *item {
                    CurveItem::Move(p) => (at_point, start) = (p, p),
                    CurveItem::Line(p) => {
                        out.push(segment(at_point, p));
                        at_point = p;
                    }
                    CurveItem::Cubic(_, _, p) => at_point = p,
                    CurveItem::Close => {
                        out.push(segment(at_point, start));
                        at_point = start;
                    }
                }
            }
            out
        }
    }
}

/// Distinct values (within half a point), sorted.
fn sorted(values: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut v: Vec<f64> = values.collect();
    v.sort_by(f64::total_cmp);
    v.dedup_by(|a, b| (*a - *b).abs() < 0.5);
    v
}

fn cjk(c: char) -> bool {
    matches!(c as u32, 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF)
}

fn punctuation(c: char) -> bool {
    "，。、；：！？「」『』（）()〔〕,.;:!?%％".contains(c)
}

/// Text lines: glyphs on one baseline, split at vertical rules and at wide
/// gaps (cells and chart boxes side by side are separate lines).
fn lines(glyphs: &[Glyph], rules: &[Rule]) -> Vec<Vec<Glyph>> {
    let mut rows: BTreeMap<i64, Vec<Glyph>> = BTreeMap::new();
    for g in glyphs {
        rows.entry((g.base * 2.0).round() as i64).or_default().push(g.clone());
    }
    let mut out = Vec::new();
    for (_, mut row) in rows {
        row.sort_by(|a, b| a.x0.total_cmp(&b.x0));
        let mut line = vec![row[0].clone()];
        for pair in row.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let mid = a.base - 0.35 * a.size;
            let ruled = rules.iter().any(|r| r.vertical() && a.x1 - 0.5 <= r.x0 && r.x0 <= b.x0 + 0.5 && r.y0 <= mid && mid <= r.y1);
            if ruled || b.x0 - a.x1 > 2.5 * a.size {
                out.push(std::mem::take(&mut line));
            }
            line.push(b.clone());
        }
        out.push(line);
    }
    out
}

fn text(line: &[Glyph]) -> String {
    line.iter().map(|g| g.ch).collect()
}

/// The faults of one page.
fn faults(page: usize, items: &PageItems, width: f64) -> Vec<String> {
    let mut faults = Vec::new();
    let vertical: Vec<&Rule> = items.rules.iter().filter(|r| r.vertical()).collect();
    for g in &items.glyphs {
        let mid = g.base - 0.35 * g.size;
        // The glyph's box less a quarter of its width each side: a bracket
        // Typst moves half an em out at a line's start (its ink in the
        // other half) stays inside.
        let inset = 0.25 * (g.x1 - g.x0);
        if vertical.iter().any(|r| g.x0 + inset < r.x0 && r.x0 < g.x1 - inset && r.y0 < mid && mid < r.y1) {
            faults.push(format!("p{page}: 「{}」 crosses a rule", g.ch));
        }
    }
    if let Some(g) = items.glyphs.iter().find(|g| matches!(g.ch, '\u{2060}' | '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{FEFF}')) {
        faults.push(format!("p{page}: an invisible U+{:04X} in the text", g.ch as u32));
    }
    let lines = lines(&items.glyphs, &items.rules);
    for line in &lines {
        let mut run = 0;
        for pair in line.windows(2) {
            let (a, b) = (&pair[0], &pair[1]);
            let gap = (b.x0 - a.x1) / a.size;
            run = if cjk(a.ch) && cjk(b.ch) && (0.25..1.5).contains(&gap) { run + 1 } else { 0 };
            if run >= 4 {
                faults.push(format!("p{page}: stretched line 「{}」", text(line)));
                break;
            }
        }
    }
    for line in &lines {
        let core: Vec<char> = line.iter().map(|g| g.ch).filter(|&c| !punctuation(c)).collect();
        if core.len() != 1 || !cjk(core[0]) || "一二三四五六七八九十".contains(core[0]) {
            continue;
        }
        let first = &line[0];
        let above = lines.iter().find(|up| {
            let drop = first.base - up[0].base;
            (up[0].x0 - first.x0).abs() < 2.5 && drop > 0.0 && drop < 2.2 * first.size && up.len() >= 4
        });
        if let Some(up) = above {
            faults.push(format!("p{page}: lone 「{}」 under 「{}」", text(line), text(up)));
        }
    }
    let full = sorted(items.rules.iter().filter(|r| r.horizontal() && r.x1 - r.x0 > 0.5 * width).map(|r| r.y0));
    for pair in full.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        if b - a >= 8.0 && !items.glyphs.iter().any(|g| g.base - 0.35 * g.size > a && g.base - 0.35 * g.size < b) {
            faults.push(format!("p{page}: an empty row at {a:.0}-{b:.0} pt"));
        }
    }
    faults
}

/// A table's columns over all its pages: the glyphs of each column's body
/// (the header's rows and cells spanning columns aside), CJK and other.
#[derive(Default)]
struct Columns {
    cjk: Vec<usize>,
    other: Vec<usize>,
}

fn columns_of(tables: &mut BTreeMap<Vec<i64>, Columns>, fragment: &Fragment) {
    let widths: Vec<i64> = fragment.edges.windows(2).map(|e| ((e[1] - e[0]) * 2.0).round() as i64).collect();
    let entry = tables.entry(widths.clone()).or_insert_with(|| Columns { cjk: vec![0; widths.len()], other: vec![0; widths.len()] });
    for g in &fragment.glyphs {
        let mid = g.base - 0.35 * g.size;
        if mid < fragment.top_rows.1 {
            continue; // the header's rows
        }
        let centre = (g.x0 + g.x1) / 2.0;
        let Some(c) = fragment.edges.windows(2).position(|e| e[0] <= centre && centre < e[1]) else {
            continue;
        };
        // A cell that spans columns (an item's title) counts in none: its
        // column's right edge has no rule at its height.
        let closed = |x: f64| fragment.vertical.iter().any(|r| (r.x0 - x).abs() < 0.5 && r.y0 <= mid && mid <= r.y1);
        if !closed(fragment.edges[c + 1]) {
            continue;
        }
        if cjk(g.ch) { entry.cjk[c] += 1 } else { entry.other[c] += 1 }
    }
}

fn widest_faults(name: &str, tables: &BTreeMap<Vec<i64>, Columns>) -> Vec<String> {
    let mut faults = Vec::new();
    for (widths, columns) in tables {
        // Text columns: mostly CJK; the one with the most text is the widest.
        let text: Vec<usize> = (0..widths.len()).filter(|&c| columns.cjk[c] > 0 && columns.cjk[c] >= columns.other[c]).collect();
        let Some(&most) = text.iter().max_by_key(|&&c| columns.cjk[c]) else {
            continue;
        };
        if let Some(&wider) = text.iter().find(|&&c| widths[c] > widths[most] + 1) {
            faults.push(format!(
                "{name}: a table's column {most} holds the most text ({} characters) but column {wider} is wider ({} pt against {} pt; widths {:?}, characters {:?}, others {:?})",
                columns.cjk[most],
                widths[wider] as f64 / 2.0,
                widths[most] as f64 / 2.0,
                widths.iter().map(|w| *w as f64 / 2.0).collect::<Vec<_>>(),
                columns.cjk,
                columns.other
            ));
        }
    }
    faults
}

/// The outcome tables of a booklet's view, in print order.
fn outcome_tables(content: &Content, out: &mut Vec<OutcomesView>) {
    match content {
        Content::Outcomes(t) => out.push(t.clone()),
        Content::Sections { sections } => sections.iter().for_each(|s| outcome_tables(&s.content, out)),
        _ => {}
    }
}

/// The outcome items whose title row stands on another page than the start
/// of their first sub-item's row (a title alone at a page's foot), from
/// the rows' start markers (`<booklet-row-start>`, one a row: an item's
/// title row, then a row per sub-item) and the pages they were laid out on.
fn titles_alone(typeset: &Typeset) -> Vec<String> {
    let introspector = typeset.document.introspector();
    let label = Label::new(PicoStr::intern("booklet-row-start")).expect("a label");
    let mut starts: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for content in introspector.query(&Selector::Label(label)) {
        let Some(meta) = content.to_packed::<MetadataElem>() else {
            continue;
        };
        let Value::Str(key) = &meta.value else {
            continue;
        };
        let page = content.location().and_then(|l| introspector.page(l)).map_or(0, |p| p.get());
        starts.entry(key.to_string()).or_default().push(page);
    }
    let mut tables = Vec::new();
    for chapter in typeset.view.parts.iter().flat_map(|p| &p.chapters) {
        outcome_tables(&chapter.content, &mut tables);
    }
    let mut out = Vec::new();
    for t in &tables {
        let pages = starts.get(&t.key).cloned().unwrap_or_default();
        let rows: usize = t.work_plans.iter().flat_map(|wp| &wp.items).map(|i| 1 + i.subitems.len()).sum();
        assert_eq!(pages.len(), rows, "{}: a start marker a row", t.key);
        let mut at = 0;
        for item in t.work_plans.iter().flat_map(|wp| &wp.items) {
            if !item.subitems.is_empty() && pages[at] != pages[at + 1] {
                out.push(format!("p{}: the title 「{}{}」 alone at the foot", pages[at], item.marker, item.title));
            }
            at += 1 + item.subitems.len();
        }
    }
    out
}

#[test]
fn every_page_of_every_bundle_passes_the_page_check() {
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let mut bundles = vec![root().join("inputs/mol-109")];
    bundles.extend(shapes());
    let mut all = Vec::new();
    let mut pages = 0;
    let mut tables_seen = 0;
    for dir in &bundles {
        let typeset = typeset_dir(&engine, dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        let name = dir.file_name().unwrap().to_string_lossy().to_string();
        let mut tables = BTreeMap::new();
        for (k, page) in typeset.document.pages().iter().enumerate() {
            let mut items = PageItems::default();
            walk(&page.frame, Transform::identity(), &mut items);
            for fragment in &items.tables {
                columns_of(&mut tables, fragment);
            }
            all.extend(faults(k + 1, &items, page.frame.width().to_pt()).into_iter().map(|f| format!("{name} {f}")));
            pages += 1;
        }
        all.extend(titles_alone(&typeset).into_iter().map(|f| format!("{name} {f}")));
        tables_seen += tables.len();
        all.extend(widest_faults(&name, &tables));
    }
    assert!(pages > 100 && tables_seen >= 10, "{pages} pages, {tables_seen} tables read");
    assert!(all.is_empty(), "{} page faults:\n{}", all.len(), all.join("\n"));
}

/// The check finds each fault it looks for, in pages made to have them.
#[test]
fn the_page_check_finds_what_it_looks_for() {
    let g = |x0: f64, base: f64, ch: char| Glyph { x0, x1: x0 + 10.0, base, size: 10.0, ch };
    // A stretched line: five characters 5 pt (half an em) apart.
    let stretched = PageItems { glyphs: (0..5).map(|i| g(15.0 * i as f64, 100.0, '字')).collect(), ..Default::default() };
    assert_eq!(faults(1, &stretched, 600.0).len(), 1);
    // A lone character under a full line.
    let mut lone = PageItems { glyphs: (0..6).map(|i| g(10.0 * i as f64, 100.0, '字')).collect(), ..Default::default() };
    lone.glyphs.push(g(0.0, 114.0, '完'));
    lone.glyphs.push(g(10.0, 114.0, '。'));
    assert_eq!(faults(1, &lone, 600.0).len(), 1, "{:?}", faults(1, &lone, 600.0));
    // A glyph across a rule, and an empty row between full-width rules.
    let mut ruled = PageItems { glyphs: vec![g(95.0, 100.0, '字')], ..Default::default() };
    ruled.rules.push(Rule { x0: 100.0, y0: 80.0, x1: 100.0, y1: 120.0 });
    ruled.rules.push(Rule { x0: 0.0, y0: 200.0, x1: 500.0, y1: 200.0 });
    ruled.rules.push(Rule { x0: 0.0, y0: 230.0, x1: 500.0, y1: 230.0 });
    assert_eq!(faults(1, &ruled, 600.0).len(), 2, "{:?}", faults(1, &ruled, 600.0));
    // An invisible joiner.
    let joined = PageItems { glyphs: vec![g(0.0, 100.0, '\u{2060}')], ..Default::default() };
    assert_eq!(faults(1, &joined, 600.0).len(), 1);
    // A table whose widest text column is not the one with the most text.
    let mut tables = BTreeMap::new();
    tables.insert(vec![100, 300], Columns { cjk: vec![50, 10], other: vec![0, 0] });
    assert_eq!(widest_faults("t", &tables).len(), 1);
}

/// With the keep of a title and its first row undone in the templates,
/// titles stand alone at pages' feet in mol-109, and the check finds them.
#[test]
fn the_page_check_finds_a_title_alone() {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("templates"), &dir.path().join("templates"));
    let look = dir.path().join("templates/booklet.typ");
    let text = std::fs::read_to_string(&look).unwrap();
    let keep = "breakable: not item.keep_first";
    assert!(text.contains(keep));
    std::fs::write(&look, text.replace(keep, "breakable: true")).unwrap();
    let engine = Engine::new(&Paths {
        root: dir.path().to_path_buf(),
        templates: Some(dir.path().join("templates")),
        fonts: Some(root().join("fonts")),
    })
    .unwrap();
    let typeset = typeset_dir(&engine, &root().join("inputs/mol-109")).unwrap();
    let alone = titles_alone(&typeset);
    assert!(!alone.is_empty(), "no title alone found");
}
