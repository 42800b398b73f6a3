//! Typesetting: the generated Typst source compiled in a [`BookletWorld`]
//! into a laid-out document, and that document exported as PDF.
//!
//! The laid-out document is also read back here: the text of every page
//! (for the fidelity test and the workbook's page column) comes straight
//! from the frames, with the page number printed on that page.

use rust_i18n::t;
use std::collections::HashMap;
use std::ops::Range;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{NativeElement, Selector, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem, Point, Size, Transform};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::diagnostic::{Diagnostic, Diagnostics, Severity, SourceText};
use crate::options::Standard;
use crate::world::BookletWorld;

/// Compiles the world's main source into pages.
///
/// # Errors
///
/// Typst's errors, each pointing at the generated source or the template
/// file and line, with Typst's hints. Warnings come back with the document.
pub fn layout(world: &BookletWorld, generated_name: &str) -> Result<(PagedDocument, Diagnostics), Diagnostics> {
    let result = typst::compile::<PagedDocument>(world);
    let warnings: Diagnostics = result.warnings.iter().map(|d| convert(world, d, generated_name)).collect();
    match result.output {
        Ok(document) => Ok((document, warnings)),
        Err(errors) => {
            let mut all: Diagnostics = errors.iter().map(|d| convert(world, d, generated_name)).collect();
            all.extend(warnings);
            Err(all)
        }
    }
}

/// Exports the laid-out pages as a PDF.
///
/// # Errors
///
/// Export errors (e.g. a standard the document does not meet).
pub fn pdf(world: &BookletWorld, document: &PagedDocument, generated_name: &str, standard: Standard) -> Result<Vec<u8>, Diagnostics> {
    let list: &[PdfStandard] = match standard {
        Standard::A2b => &[PdfStandard::A_2b],
        Standard::A3b => &[PdfStandard::A_3b],
        Standard::A2a => &[PdfStandard::A_2a],
        Standard::Ua1 => &[PdfStandard::Ua_1],
        Standard::None => &[],
    };
    let standards = PdfStandards::new(list)
        .map_err(|e| vec![Diagnostic::error(t!("typeset.pdf_standard", standard = standard.name(), message = e.message()))])?;
    let options = PdfOptions { ident: Smart::Auto, timestamp: None, standards, ..PdfOptions::default() };
    typst_pdf::pdf(document, &options).map_err(|errors| errors.iter().map(|d| convert(world, d, generated_name)).collect())
}

fn convert(world: &BookletWorld, d: &SourceDiagnostic, generated_name: &str) -> Diagnostic {
    let severity = match d.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    let mut diagnostic = Diagnostic { severity, ..Diagnostic::error(t!("typeset.typst", message = d.message)) };
    if let Some(id) = d.span.id() {
        let range: Option<Range<usize>> = world.range(d.span);
        let source = if id == world.main() {
            Some(SourceText { name: generated_name.into(), text: world.main_source().text().into() })
        } else {
            world.source(id).ok().map(|s| SourceText {
                name: world.path_of(id).map(|p| relative(&p)).unwrap_or_else(|_| id.vpath().get_with_slash().into()),
                text: s.text().into(),
            })
        };
        if let (Some(source), Some(range)) = (source, range) {
            diagnostic = diagnostic.at(&source, range);
        }
    }
    if !d.hints.is_empty() {
        let hints: Vec<String> = d.hints.iter().map(|h| h.v.to_string()).collect();
        diagnostic = diagnostic.with_help(hints.join("\n"));
    }
    diagnostic
}

fn relative(path: &std::path::Path) -> std::path::PathBuf {
    std::env::current_dir().ok().and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.to_path_buf())).unwrap_or_else(|| path.to_path_buf())
}

/// The printed page number of every anchor (`metadata("booklet:…")`) in
/// the laid-out document, found by introspection.
pub fn anchor_pages(document: &PagedDocument) -> HashMap<String, u64> {
    let introspector = document.introspector();
    let selector = Selector::Elem(MetadataElem::ELEM, None);
    let mut pages = HashMap::new();
    for content in introspector.query(&selector) {
        let Some(meta) = content.to_packed::<MetadataElem>() else {
            continue;
        };
        let Value::Str(key) = &meta.value else {
            continue;
        };
        if !key.as_str().starts_with("booklet:") {
            continue;
        }
        let Some(page) = content.location().and_then(|loc| introspector.page(loc)) else {
            continue;
        };
        if let Some(printed) = document.pages().get(page.get() - 1) {
            pages.entry(key.to_string()).or_insert(printed.number);
        }
    }
    pages
}

/// The text of one page of a laid-out document.
#[derive(Debug, Clone)]
pub struct PageText {
    /// The physical page, 1-based.
    pub index: usize,
    /// The page number printed on it (the logical number).
    pub number: u64,
    /// The page's text runs in reading order, joined (the running header
    /// and footer included).
    pub text: String,
    /// The text inside the page's text area (the body, without the page
    /// number), whitespace removed: what a reader of the printed page sees.
    pub body: String,
    /// The body's text that lies outside the text area (over the margin or
    /// off the sheet), whitespace removed: text the printed page loses.
    pub outside: String,
    /// How far down the text area the body's text reaches: the foot of its
    /// lowest line as a share of the area's height (0 for a blank page).
    pub fill: f64,
}

/// An axis-aligned rectangle in page coordinates (points, y down).
#[derive(Debug, Clone, Copy)]
struct Area {
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
}

impl Area {
    fn of(pos: Point, size: Size, ts: Transform) -> Self {
        let a = pos.transform(ts);
        let b = (pos + size.to_point()).transform(ts);
        Self {
            x0: a.x.to_pt().min(b.x.to_pt()),
            y0: a.y.to_pt().min(b.y.to_pt()),
            x1: a.x.to_pt().max(b.x.to_pt()),
            y1: a.y.to_pt().max(b.y.to_pt()),
        }
    }

    fn intersect(self, other: Self) -> Self {
        Self { x0: self.x0.max(other.x0), y0: self.y0.max(other.y0), x1: self.x1.min(other.x1), y1: self.y1.min(other.y1) }
    }

    /// Whether `other` lies within this area, allowing half a point.
    fn holds(self, other: Self) -> bool {
        const SLACK: f64 = 0.5;
        other.x0 >= self.x0 - SLACK && other.y0 >= self.y0 - SLACK && other.x1 <= self.x1 + SLACK && other.y1 <= self.y1 + SLACK
    }
}

/// The text of every page, read from the laid-out frames.
///
/// The body's text is sorted into what lies inside the page's text area
/// (between the top and bottom margins the template declares, on the
/// sheet) and what lies outside it: a row taller than a page runs off its
/// foot. The page number, in the bottom margin, counts as outside.
pub fn page_texts(document: &PagedDocument) -> Vec<PageText> {
    let margins = declared_margins(document);
    document
        .pages()
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let frame = &page.frame;
            let (w, h) = (frame.width().to_pt(), frame.height().to_pt());
            // Inside is left on right-hand (odd) pages, right on left-hand ones.
            // Down the page, the text area ends at the margins (below the
            // foot, text would print over the page number or off the
            // sheet); across it, at the sheet's edges: a line that cannot
            // break (a run of dashes) reaches into the margin but prints.
            let area = match margins {
                Some(m) => Area { x0: 0.0, y0: m.top, x1: w, y1: h - m.bottom },
                None => Area { x0: 0.0, y0: 0.0, x1: w, y1: h },
            };
            let mut out =
                PageText { index: i + 1, number: page.number, text: String::new(), body: String::new(), outside: String::new(), fill: 0.0 };
            let mut lowest = area.y0;
            collect(frame, Transform::identity(), area, &mut out, &mut lowest);
            out.fill = (lowest - area.y0) / (area.y1 - area.y0);
            out
        })
        .collect()
}

/// The page margins the template declares (`metadata((booklet:
/// "text-area", margin: (top:, bottom:, inside:, outside:)))`), in points.
#[derive(Debug, Clone, Copy)]
struct Margins {
    top: f64,
    bottom: f64,
}

fn declared_margins(document: &PagedDocument) -> Option<Margins> {
    let introspector = document.introspector();
    let selector = Selector::Elem(MetadataElem::ELEM, None);
    introspector.query(&selector).iter().find_map(|content| {
        let meta = content.to_packed::<MetadataElem>()?;
        let Value::Dict(dict) = &meta.value else {
            return None;
        };
        if !matches!(dict.get("booklet"), Ok(Value::Str(s)) if s.as_str() == "text-area") {
            return None;
        }
        let Ok(Value::Dict(margin)) = dict.get("margin") else {
            return None;
        };
        let side = |key: &str| match margin.get(key) {
            Ok(Value::Length(l)) => Some(l.abs.to_pt()),
            _ => None,
        };
        Some(Margins { top: side("top")?, bottom: side("bottom")? })
    })
}

fn push_run(out: &mut String, text: &str) {
    out.push_str(text);
    out.push('\n');
}

fn push_squeezed(out: &mut String, text: &str) {
    out.extend(text.chars().filter(|c| !c.is_whitespace()));
}

/// A frame's text, sorted by whether it lies in `area`. A group that
/// clips narrows the area to its own bounds. Text in the margins that is
/// not body text (the page number) goes to [`PageText::text`] only.
fn collect(frame: &Frame, ts: Transform, area: Area, out: &mut PageText, lowest: &mut f64) {
    for (pos, item) in frame.items() {
        match item {
            FrameItem::Group(group) => {
                let inner = ts.pre_concat(Transform::translate(pos.x, pos.y)).pre_concat(group.transform);
                let area = if group.clip.is_some() { area.intersect(Area::of(Point::zero(), group.frame.size(), inner)) } else { area };
                collect(&group.frame, inner, area, out, lowest);
            }
            FrameItem::Text(text) => {
                push_run(&mut out.text, &text.text);
                let size = text.size;
                let top = Point::new(pos.x, pos.y - size * 0.8);
                let run = Area::of(top, Size::new(text.width(), size), ts);
                if area.holds(run) {
                    push_squeezed(&mut out.body, &text.text);
                    *lowest = lowest.max(run.y1);
                } else {
                    push_squeezed(&mut out.outside, &text.text);
                }
            }
            _ => {}
        }
    }
}
