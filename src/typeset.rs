//! Typesetting: the generated Typst source compiled in a [`BookletWorld`]
//! into a laid-out document, and that document exported as PDF.
//!
//! The laid-out document is also read back here: the text of every page
//! (for the fidelity test and the workbook's page column) comes straight
//! from the frames, with the page number printed on that page.

use std::collections::HashMap;
use std::ops::Range;

use typst::World;
use typst::WorldExt;
use typst::diag::{Severity as TypstSeverity, SourceDiagnostic};
use typst::foundations::{NativeElement, Selector, Smart, Value};
use typst::introspection::{Introspector, MetadataElem};
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards};

use crate::build::Standard;
use crate::diagnostic::{Diagnostic, Diagnostics, Severity, SourceText};
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
        .map_err(|e| vec![Diagnostic::error(format!("PDF standard {}: {}", standard.name(), e.message()))])?;
    let options = PdfOptions { ident: Smart::Auto, timestamp: None, standards, ..PdfOptions::default() };
    typst_pdf::pdf(document, &options).map_err(|errors| errors.iter().map(|d| convert(world, d, generated_name)).collect())
}

fn convert(world: &BookletWorld, d: &SourceDiagnostic, generated_name: &str) -> Diagnostic {
    let severity = match d.severity {
        TypstSeverity::Error => Severity::Error,
        TypstSeverity::Warning => Severity::Warning,
    };
    let mut diagnostic = Diagnostic { severity, ..Diagnostic::error(format!("typst: {}", d.message)) };
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
    std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(|p| p.to_path_buf()))
        .unwrap_or_else(|| path.to_path_buf())
}

/// The printed page number of every anchor (`metadata("booklet:…")`) in
/// the laid-out document, found by introspection.
pub fn anchor_pages(document: &PagedDocument) -> HashMap<String, u64> {
    let introspector = document.introspector();
    let selector = Selector::Elem(MetadataElem::ELEM, None);
    let mut pages = HashMap::new();
    for content in introspector.query(&selector) {
        let Some(meta) = content.to_packed::<MetadataElem>() else { continue };
        let Value::Str(key) = &meta.value else { continue };
        if !key.as_str().starts_with("booklet:") {
            continue;
        }
        let Some(page) = content.location().and_then(|loc| introspector.page(loc)) else { continue };
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
    /// The page's text runs in reading order, joined.
    pub text: String,
}

/// The text of every page, read from the laid-out frames.
pub fn page_texts(document: &PagedDocument) -> Vec<PageText> {
    document
        .pages()
        .iter()
        .enumerate()
        .map(|(i, page)| {
            let mut text = String::new();
            collect_text(&page.frame, &mut text);
            PageText { index: i + 1, number: page.number, text }
        })
        .collect()
}

fn collect_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(group) => collect_text(&group.frame, out),
            FrameItem::Text(text) => {
                out.push_str(&text.text);
                out.push('\n');
            }
            _ => {}
        }
    }
}
