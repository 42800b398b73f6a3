//! The pipeline of one bundle: load -> validate -> view -> render Typst
//! source -> lay out -> PDF, and beside the PDF export, in parallel, the workbook.
//!
//! An [`Engine`] holds what bundles share (fonts, library, templates); it is
//! built once per process. [`Engine::build`] runs one bundle through every
//! stage and writes its outputs atomically: to a temporary file in the
//! output directory, then renamed over the old one, so that a failed or
//! interrupted build never leaves a partial file where a good one stood.

use rust_i18n::t;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use typst_layout::PagedDocument;

use crate::diagnostic::{Diagnostic, Diagnostics, has_errors};
use crate::load::{self, Bundle, BundleRef};
use crate::output::{output_path, write_atomic};
use crate::proof;
use crate::render::Templates;
use crate::typeset::{self, PageText};
use crate::validate;
use crate::view::{self, View};
use crate::workbook;
use crate::world::{BookletWorld, CharSet, Project};

/// The family of the text face; validation checks coverage against it.
pub const TEXT_FAMILY: &str = "AR PL UKai TW";

pub use crate::resources::Paths;

pub use crate::options::{Options, Standard};

/// The resources every bundle of a run shares: loaded once.
pub struct Engine {
    project: Arc<Project>,
    /// The characters the text face can show.
    text_coverage: CharSet,
    templates: Templates,
}

/// Time spent per stage.
#[derive(Debug, Clone, Copy, Default)]
pub struct Timings {
    pub load: Duration,
    pub render: Duration,
    pub layout: Duration,
    /// Reading the pages' text back and checking that no entry is lost
    /// (beside the PDF export).
    pub proof: Duration,
    pub pdf: Duration,
    /// The workbooks and the web edition (beside the PDF export).
    pub workbook: Duration,
    pub write: Duration,
}

impl Timings {
    /// The wall time of the whole pipeline (the PDF export overlaps the
    /// proof, the workbooks and the web edition).
    pub fn total(&self) -> Duration {
        self.load + self.render + self.layout + self.pdf.max(self.proof + self.workbook) + self.write
    }
}

/// A bundle that was built (or checked).
#[derive(Debug, Clone)]
pub struct Built {
    pub bundle: BundleRef,
    pub pdf: Option<PathBuf>,
    pub xlsx: Option<PathBuf>,
    pub ods: Option<PathBuf>,
    pub html: Option<PathBuf>,
    pub typst: Option<PathBuf>,
    pub pages: usize,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

/// A bundle in memory after layout: what the writers need.
pub struct Typeset {
    pub bundle: Bundle,
    pub view: View,
    pub source: String,
    pub pdf: Vec<u8>,
    pub xlsx: Vec<u8>,
    /// The OpenDocument workbook, when asked for.
    pub ods: Option<Vec<u8>>,
    /// The web edition, when asked for.
    pub html: Option<String>,
    pub pages: Vec<PageText>,
    /// The laid-out document (for rendering pages and introspection).
    pub document: PagedDocument,
    /// The printed page of each row anchor.
    pub anchors: HashMap<String, u64>,
    pub warnings: Diagnostics,
    pub timings: Timings,
}

impl Engine {
    /// Loads the fonts, the standard library and the templates.
    ///
    /// # Errors
    ///
    /// Fonts or templates that cannot be loaded.
    pub fn new(paths: &Paths) -> Result<Self, Diagnostic> {
        let project = Project::new(&paths.root, paths.templates.as_deref(), paths.fonts.as_deref())?;
        if !project.fonts().has_family(TEXT_FAMILY) {
            let message = match &paths.fonts {
                None => t!("build.fonts.embedded_lacks_face", family = TEXT_FAMILY),
                Some(d) => t!("build.fonts.dir_lacks_face", dir = d.display(), family = TEXT_FAMILY),
            };
            return Err(Diagnostic::error(message));
        }
        let templates = Templates::from_paths(paths)?;
        let text_coverage = project.fonts().coverage(TEXT_FAMILY);
        Ok(Self { project: Arc::new(project), text_coverage, templates })
    }

    /// The shared Typst project.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// The templates.
    pub fn templates(&self) -> &Templates {
        &self.templates
    }

    /// Lays out generated Typst source (a report) and exports it as PDF, in
    /// a world that may read the templates, the fonts and `dir`; gives the
    /// PDF and the text of its pages.
    ///
    /// # Errors
    ///
    /// Typst's errors and warnings (a report is made without warnings).
    pub fn typeset_source(
        &self,
        source: &str,
        stem: &Path,
        out_dir: &Path,
        dir: &Path,
        standard: Standard,
    ) -> Result<(Vec<u8>, Vec<PageText>), Diagnostics> {
        let typ_path = output_path(out_dir, stem, "typ");
        let generated_name = t!("build.generated_name", path = typ_path.display()).into_owned();
        let world = BookletWorld::new(self.project.clone(), &self.main_path(&typ_path), source.to_string(), dir);
        let (document, warnings) = typeset::layout(&world, &generated_name)?;
        if !warnings.is_empty() {
            return Err(warnings);
        }
        let pdf = typeset::pdf(&world, &document, &generated_name, standard)?;
        Ok((pdf, typeset::page_texts(&document)))
    }

    /// Loads and validates a bundle.
    ///
    /// # Errors
    ///
    /// Every parse and validation problem; warnings too when they are denied.
    pub fn check(&self, reference: &BundleRef, deny_warnings: bool) -> Result<(Bundle, Diagnostics), Diagnostics> {
        let mut bundle = load::load(reference)?;
        let meta = &mut bundle.booklet.meta;
        if meta.date.is_none() {
            // Never the clock: SOURCE_DATE_EPOCH, else 1 January of the fiscal year.
            let fallback = format!("{:04}-01-01", meta.fiscal_year.clamp(1, 200) + 1911);
            meta.date = Some(crate::options::source_date_epoch().unwrap_or(fallback));
        }
        let diagnostics = validate::validate(&bundle, &|c: char| self.text_coverage.contains(c));
        if has_errors(&diagnostics, deny_warnings && !diagnostics.is_empty()) {
            return Err(diagnostics);
        }
        Ok((bundle, diagnostics))
    }

    /// Runs a bundle through every stage up to the PDF bytes, in memory.
    ///
    /// # Errors
    ///
    /// Input, template and Typst problems.
    pub fn typeset(&self, reference: &BundleRef, options: &Options) -> Result<Typeset, Diagnostics> {
        self.typeset_in(reference, options, &mut None)
    }

    /// [`Engine::typeset`] in a world that may be kept between runs: given
    /// a world from an earlier run of the same bundle, Typst recompiles
    /// incrementally (watch mode).
    ///
    /// # Errors
    ///
    /// Input, template and Typst problems.
    pub fn typeset_in(&self, reference: &BundleRef, options: &Options, world: &mut Option<BookletWorld>) -> Result<Typeset, Diagnostics> {
        let mut timings = Timings::default();
        let start = Instant::now();
        let (bundle, mut warnings) = self.check(reference, options.deny_warnings)?;
        timings.load = start.elapsed();

        let start = Instant::now();
        let view = view::build(&bundle.booklet);
        let name = reference.name.to_string_lossy().replace('\\', "/");
        // Characters no pinned font has (warned about) print as 〓, the
        // customary mark for a missing glyph, so that the PDF stays valid.
        let missing = validate::missing_glyphs(&bundle, &|c: char| self.text_coverage.contains(c));
        let source = self.templates.render(&view, &name, &missing).map_err(|d| vec![d])?;
        timings.render = start.elapsed();

        let start = Instant::now();
        let typ_path = output_path(&options.out_dir, &reference.name, "typ");
        let generated_name = t!("build.generated_name", path = typ_path.display()).into_owned();
        let world = match world {
            Some(world) => {
                world.set_main(&source);
                world
            }
            None => {
                let main_path = self.main_path(&typ_path);
                world.insert(BookletWorld::new(self.project.clone(), &main_path, source.clone(), &reference.dir))
            }
        };
        let (document, typst_warnings) = typeset::layout(world, &generated_name)?;
        warnings.extend(typst_warnings);
        if options.deny_warnings && !warnings.is_empty() {
            return Err(warnings);
        }
        timings.layout = start.elapsed();

        // Beside the PDF export, in parallel: the proof that no entry is
        // lost (each must stand on a page, inside its text area), then the
        // workbooks, which need the pages their rows landed on, and the web
        // edition. Nothing is written before all of them have succeeded.
        let anchors = typeset::anchor_pages(&document);
        let world = &*world;
        let (pdf, others) = rayon::join(
            || {
                let start = Instant::now();
                (typeset::pdf(world, &document, &generated_name, options.standard), start.elapsed())
            },
            || {
                let start = Instant::now();
                let pages = typeset::page_texts(&document);
                let proved = proof::check(&view::printed(&view), &bundle, &pages, &missing);
                let proof_time = start.elapsed();
                let start = Instant::now();
                let books = workbook::write_both(&view, &anchors, options.ods);
                let html = options.html.then(|| self.templates.render_html(&view));
                (pages, proved, proof_time, books, html, start.elapsed())
            },
        );
        let (pages, proved, proof_time, books, html, books_time) = others;
        timings.proof = proof_time;
        timings.pdf = pdf.1;
        timings.workbook = books_time;
        proved?;
        let pdf = pdf.0?;
        let (xlsx, ods) = books.map_err(|d| vec![d])?;
        let html = html.transpose().map_err(|d| vec![d])?;
        Ok(Typeset { bundle, view, source, pdf, xlsx, ods, html, pages, document, anchors, warnings, timings })
    }

    /// Builds one bundle and writes its outputs.
    ///
    /// # Errors
    ///
    /// Every problem found; nothing is written then.
    pub fn build(&self, reference: &BundleRef, options: &Options) -> Result<Built, Diagnostics> {
        self.build_in(reference, options, &mut None)
    }

    /// [`Engine::build`] in a world kept between runs (see [`Engine::typeset_in`]).
    ///
    /// # Errors
    ///
    /// Every problem found; nothing is written then.
    pub fn build_in(&self, reference: &BundleRef, options: &Options, world: &mut Option<BookletWorld>) -> Result<Built, Diagnostics> {
        if options.check_only {
            let (_, warnings) = self.check(reference, options.deny_warnings)?;
            return Ok(Built {
                bundle: reference.clone(),
                pdf: None,
                xlsx: None,
                ods: None,
                html: None,
                typst: None,
                pages: 0,
                warnings,
                timings: Timings::default(),
            });
        }
        let mut typeset = self.typeset_in(reference, options, world)?;
        let start = Instant::now();
        let pdf_path = output_path(&options.out_dir, &reference.name, "pdf");
        let xlsx_path = output_path(&options.out_dir, &reference.name, "xlsx");
        write_atomic(&pdf_path, &typeset.pdf).map_err(|d| vec![d])?;
        write_atomic(&xlsx_path, &typeset.xlsx).map_err(|d| vec![d])?;
        // The outputs asked for besides the PDF and the XLSX.
        let optional = |ext: &str, bytes: Option<&[u8]>| -> Result<Option<PathBuf>, Diagnostics> {
            let Some(bytes) = bytes else { return Ok(None) };
            let path = output_path(&options.out_dir, &reference.name, ext);
            write_atomic(&path, bytes).map_err(|d| vec![d])?;
            Ok(Some(path))
        };
        let ods = optional("ods", typeset.ods.as_deref())?;
        let html = optional("html", typeset.html.as_deref().map(str::as_bytes))?;
        let typst = optional("typ", options.keep_typst.then_some(typeset.source.as_bytes()))?;
        typeset.timings.write = start.elapsed();
        Ok(Built {
            bundle: reference.clone(),
            pdf: Some(pdf_path),
            xlsx: Some(xlsx_path),
            ods,
            html,
            typst,
            pages: typeset.pages.len(),
            warnings: typeset.warnings,
            timings: typeset.timings,
        })
    }

    /// Reloads the templates and forgets cached files (after an edit of the
    /// templates in watch mode).
    ///
    /// # Errors
    ///
    /// A template that no longer parses.
    pub fn reload_templates(&mut self, paths: &Paths) -> Result<(), Diagnostic> {
        self.templates = Templates::from_paths(paths)?;
        self.project.reset_files();
        Ok(())
    }

    /// The path Typst knows the generated source by: where `--keep-typst`
    /// writes it, relative to the project root when it lies below it.
    fn main_path(&self, typ_path: &Path) -> String {
        let absolute = if typ_path.is_absolute() {
            typ_path.to_path_buf()
        } else {
            std::env::current_dir().map(|d| d.join(typ_path)).unwrap_or_else(|_| typ_path.to_path_buf())
        };
        match absolute.strip_prefix(self.project.root()) {
            Ok(rel) => format!("/{}", rel.to_string_lossy().replace('\\', "/")),
            Err(_) => format!("/{}", typ_path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default()),
        }
    }
}
