//! Loading: finding bundles on disk, reading and parsing their TOML files,
//! and merging them into one [`Booklet`].
//!
//! A bundle is a directory holding a `booklet.toml`. Its text is read as
//! UTF-8, normalised to NFC (so that compatibility ideographs such as U+F9E0
//! print with the common glyph), parsed with serde into the
//! [`model`](crate::model) types, and the files named by `booklet.include`
//! are merged in. Problems come back as [`Diagnostic`]s that point at the
//! file, line and column.

use std::ops::Range;
use std::path::{Component, Path, PathBuf};

use rust_i18n::t;
use toml::de::{DeTable, DeValue};
use walkdir::WalkDir;

use crate::budget::Scope;
use crate::diagnostic::{Diagnostic, Diagnostics, SourceText};
use crate::model::{Booklet, Budget, BudgetSpec, BundleFile, Outcomes, default_outcomes_heading};
pub use crate::source::MAX_FILE;

mod files;

pub use files::Files;

/// The file that makes a directory a bundle.
pub const MANIFEST: &str = "booklet.toml";

/// A bundle found on disk, not yet read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BundleRef {
    /// The bundle directory.
    pub dir: PathBuf,
    /// The output stem: the bundle's path relative to the searched root (for
    /// a path that is itself a bundle, its directory name).
    pub name: PathBuf,
}

impl BundleRef {
    /// The manifest's path.
    pub fn manifest(&self) -> PathBuf {
        self.dir.join(MANIFEST)
    }
}

/// Finds the bundles under each path: a path that is a bundle is itself; any
/// other directory is searched (in file-name order) for bundles.
///
/// # Errors
///
/// A path that does not exist or is not a directory, or a search that finds
/// no bundle at all.
pub fn discover(paths: &[PathBuf]) -> Result<Vec<BundleRef>, Diagnostic> {
    let mut found = Vec::new();
    for root in paths {
        if !root.is_dir() {
            return Err(Diagnostic::error(t!("load.discover.not_dir", path = root.display(), manifest = MANIFEST)));
        }
        if root.join(MANIFEST).is_file() {
            let name = bundle_name(root);
            found.push(BundleRef { dir: root.clone(), name });
            continue;
        }
        let before = found.len();
        let walker = WalkDir::new(root).sort_by_file_name().follow_links(false).into_iter();
        let mut walker = walker.filter_entry(|e| e.file_type().is_dir());
        while let Some(entry) = walker.next() {
            let entry = entry.map_err(|e| Diagnostic::error(t!("load.discover.search_failed", path = root.display(), error = e)))?;
            if entry.path().join(MANIFEST).is_file() {
                let rel = entry.path().strip_prefix(root).unwrap_or(entry.path()).to_path_buf();
                found.push(BundleRef { dir: entry.path().to_path_buf(), name: rel });
                // A bundle's own folders are its files, not more bundles.
                walker.skip_current_dir();
            }
        }
        if found.len() == before {
            return Err(Diagnostic::error(t!("load.discover.none_found", path = root.display(), manifest = MANIFEST)));
        }
    }
    Ok(found)
}

fn bundle_name(dir: &Path) -> PathBuf {
    let canonical = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    canonical.file_name().map(PathBuf::from).unwrap_or_else(|| PathBuf::from("booklet"))
}

/// A bundle read, parsed and merged.
#[derive(Debug, Clone)]
pub struct Bundle {
    pub reference: BundleRef,
    /// The bundle's files: the manifest first, then the includes in order.
    pub sources: Vec<SourceText>,
    pub booklet: Booklet,
    /// Which file each part of the booklet came from.
    pub origins: Origins,
    /// The budget data files: this year's, then last year's when given.
    pub data: Vec<SourceText>,
}

/// Where each part of a merged booklet was written: indices into
/// [`Bundle::sources`].
#[derive(Debug, Clone, Default)]
pub struct Origins {
    pub duties: usize,
    pub policy: usize,
    pub outcomes: usize,
    /// For every outcome table: its file, and its index within that file.
    pub tables: Vec<(usize, usize)>,
    /// For every further part: its file, and its index within that file.
    pub parts: Vec<(usize, usize)>,
}

/// Reads, parses and merges one bundle.
///
/// # Errors
///
/// Every problem found: unreadable files, invalid UTF-8, empty files, TOML
/// syntax, unknown keys, wrong types, missing fields, includes that do not
/// exist, and sections given twice.
pub fn load(reference: &BundleRef) -> Result<Bundle, Diagnostics> {
    load_from(reference, Files::Disk)
}

/// Reads, parses and merges one bundle from `files`: the disk, or files
/// held in memory (an import's draft, under `reference.dir`).
///
/// # Errors
///
/// As [`load`].
pub fn load_from(reference: &BundleRef, source: Files) -> Result<Bundle, Diagnostics> {
    let mut diagnostics = Vec::new();
    let dir = &reference.dir;
    let manifest_path = reference.manifest();
    let bundle_dir = source.canonical(dir, dir).unwrap_or_else(|| dir.clone());
    let read_file = |path: &Path, diagnostics: &mut Diagnostics| {
        let src = source.read(path, dir, &bundle_dir, &t!("load.what_toml"), diagnostics)?;
        parse_file(src, diagnostics)
    };
    let Some((manifest_src, manifest)) = read_file(&manifest_path, &mut diagnostics) else {
        return Err(diagnostics);
    };
    let Some(meta) = manifest.booklet.clone() else {
        diagnostics
            .push(Diagnostic::error(t!("load.manifest.no_booklet")).at(&manifest_src, 0..0).with_help(t!("load.manifest.no_booklet_help")));
        return Err(diagnostics);
    };

    let mut sources = vec![manifest_src.clone()];
    let mut files = vec![manifest];
    let mut seen = vec![source.canonical(&manifest_path, dir).unwrap_or_else(|| manifest_path.clone())];
    for (i, include) in meta.include.iter().enumerate() {
        let span = Locator::new(&manifest_src.text).span(&[Seg::Key("booklet"), Seg::Key("include"), Seg::Index(i)]).unwrap_or(0..0);
        let mut fail = |message: String, help: Option<&str>| {
            let mut d = Diagnostic::error(message).at(&manifest_src, span.clone());
            if let Some(help) = help {
                d = d.with_help(help);
            }
            diagnostics.push(d);
        };
        if include.trim().is_empty() {
            fail(t!("load.include.empty").into_owned(), None);
            continue;
        }
        let Some(path) = include_path(&reference.dir, include) else {
            fail(t!("load.include.leaves", include = format!("{include:?}")).into_owned(), None);
            continue;
        };
        if source.is_dir(&path, dir) {
            fail(t!("load.include.is_dir", path = path.display()).into_owned(), None);
            continue;
        }
        let Some(real) = source.canonical(&path, dir) else {
            fail(t!("load.include.missing", path = path.display()).into_owned(), Some(&*t!("load.include.missing_help")));
            continue;
        };
        if !real.starts_with(&bundle_dir) {
            fail(t!("load.include.link_out", include = format!("{include:?}")).into_owned(), None);
            continue;
        }
        if seen.contains(&real) {
            let message = if real == seen[0] {
                t!("load.include.manifest_again", include = format!("{include:?}"))
            } else {
                t!("load.include.twice", include = format!("{include:?}"), path = path.display())
            };
            fail(message.into_owned(), None);
            continue;
        }
        seen.push(real);
        if let Some((src, file)) = read_file(&path, &mut diagnostics) {
            for key in ["booklet", "numbering", "budget"] {
                let present = match key {
                    "booklet" => file.booklet.is_some(),
                    "budget" => file.budget.is_some(),
                    _ => file.numbering.is_some(),
                };
                if present {
                    let span = Locator::new(&src.text).key_span(&[Seg::Key(key)]).unwrap_or(0..0);
                    diagnostics.push(Diagnostic::error(t!("load.include.manifest_only", key = key, manifest = MANIFEST)).at(&src, span));
                }
            }
            sources.push(src);
            files.push(file);
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }

    let numbering = files[0].numbering.clone().unwrap_or_default();
    let budget_spec = files[0].budget.clone();
    let mut origins = Origins::default();
    let mut duties = None;
    let mut policy = None;
    let mut outcomes_heading = None;
    let mut tables = Vec::new();
    let mut parts = Vec::new();
    for (index, file) in files.into_iter().enumerate() {
        let src = &sources[index];
        let mut once = |key: &str, first: Option<usize>| {
            if let Some(first) = first {
                let span = Locator::new(&src.text).key_span(&[Seg::Key(key)]).unwrap_or(0..0);
                diagnostics.push(Diagnostic::error(t!("load.merge.twice", key = key, file = sources[first].name.display())).at(src, span));
            }
        };
        if let Some(d) = file.duties {
            once("duties", duties.as_ref().map(|_| origins.duties));
            origins.duties = index;
            duties = Some(d);
        }
        if let Some(p) = file.policy {
            once("policy", policy.as_ref().map(|_| origins.policy));
            origins.policy = index;
            policy = Some(p);
        }
        if let Some(o) = file.outcomes {
            if let Some(heading) = o.heading {
                if outcomes_heading.is_some() {
                    let span = Locator::new(&src.text).span(&[Seg::Key("outcomes"), Seg::Key("heading")]).unwrap_or(0..0);
                    diagnostics.push(
                        Diagnostic::error(t!("load.merge.heading_twice", file = sources[origins.outcomes].name.display())).at(src, span),
                    );
                }
                origins.outcomes = index;
                outcomes_heading = Some(heading);
            }
            for (i, table) in o.tables.into_iter().enumerate() {
                origins.tables.push((index, i));
                tables.push(table);
            }
        }
        for (i, part) in file.parts.into_iter().enumerate() {
            origins.parts.push((index, i));
            parts.push(part);
        }
    }
    if !diagnostics.is_empty() {
        return Err(diagnostics);
    }
    let outcomes = (outcomes_heading.is_some() || !tables.is_empty())
        .then(|| Outcomes { heading: outcomes_heading.unwrap_or_else(default_outcomes_heading), tables });
    let mut data = Vec::new();
    let budget = match budget_spec {
        Some(spec) => Some(read_budget(reference, source, &bundle_dir, &sources[0], spec, &mut data).map_err(|mut d| {
            diagnostics.append(&mut d);
            diagnostics
        })?),
        None => None,
    };
    Ok(Bundle {
        reference: reference.clone(),
        sources,
        data,
        booklet: Booklet { meta, numbering, duties, policy, outcomes, parts, budget },
        origins,
    })
}

/// Reads the budget data files that `[budget]` names, each inside the
/// bundle; their texts go to `data` (this year's first).
fn read_budget(
    reference: &BundleRef,
    files: Files,
    bundle_dir: &Path,
    manifest: &SourceText,
    spec: BudgetSpec,
    data: &mut Vec<SourceText>,
) -> Result<Budget, Diagnostics> {
    let mut diagnostics = Vec::new();
    let mut read = |key: &str, file: &str, diagnostics: &mut Diagnostics| {
        let span = Locator::new(&manifest.text).span(&[Seg::Key("budget"), Seg::Key(key)]).unwrap_or(0..0);
        let Some(path) = include_path(&reference.dir, file) else {
            diagnostics.push(Diagnostic::error(t!("load.budget.leaves", key = key, file = format!("{file:?}"))).at(manifest, span));
            return None;
        };
        if !files.is_file(&path, &reference.dir) {
            diagnostics.push(
                Diagnostic::error(t!("load.budget.missing", key = key, path = path.display()))
                    .at(manifest, span)
                    .with_help(t!("load.budget.missing_help")),
            );
            return None;
        }
        let src = files.read(&path, &reference.dir, bundle_dir, &t!("budget.read.what_csv"), diagnostics)?;
        match crate::budget::read(&src) {
            Ok(rows) => {
                data.push(src);
                Some(rows)
            }
            Err(mut d) => {
                diagnostics.append(&mut d);
                None
            }
        }
    };
    let current = read("current", &spec.current, &mut diagnostics);
    let previous = match &spec.previous {
        Some(file) => read("previous", file, &mut diagnostics),
        None => Some(Vec::new()),
    };
    let scope = match (&spec.agency, &spec.ministry) {
        (Some(a), None) => Some(Scope::Agency(a.clone())),
        (None, Some(m)) => Some(Scope::Ministry(m.clone())),
        _ => None,
    };
    match (current, previous) {
        (Some(current), Some(previous)) if diagnostics.is_empty() => Ok(Budget { spec, scope, current, previous }),
        _ => Err(diagnostics),
    }
}

/// Resolves an include against the bundle directory, refusing absolute paths
/// and paths that climb out of it.
fn include_path(dir: &Path, include: &str) -> Option<PathBuf> {
    let rel = Path::new(include);
    if include.is_empty() || rel.components().any(|c| !matches!(c, Component::Normal(_) | Component::CurDir)) {
        return None;
    }
    Some(dir.join(rel))
}

/// Parses one file of the bundle, read; pushes what is wrong.
fn parse_file(src: SourceText, diagnostics: &mut Diagnostics) -> Option<(SourceText, BundleFile)> {
    let text = &*src.text;
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::error(t!("load.file.empty")).at(&src, 0..0));
        return None;
    }
    match toml::from_str::<BundleFile>(text) {
        Ok(file) => Some((src, file)),
        Err(e) => {
            let span = e.span().unwrap_or(0..0);
            let mut d = Diagnostic::error(crate::lang::library::toml_message(e.message())).at(&src, span.clone());
            if let Some(help) = number_help(text, span.start) {
                d = d.with_help(help);
            }
            diagnostics.push(d);
            None
        }
    }
}

/// A text with its full-width digits (０–９) as ASCII digits.
pub fn half_width_digits(text: &str) -> String {
    text.chars().map(|c| if ('０'..='９').contains(&c) { char::from(b'0' + (c as u32 - '０' as u32) as u8) } else { c }).collect()
}

/// What to type for a number written as a clerk writes it: with thousands
/// separators (`3,412,876`) or in full-width digits (`３４１２`).
fn number_help(text: &str, at: usize) -> Option<String> {
    let at = at.min(text.len());
    let start = text[..text.floor_char_boundary(at)].rfind('\n').map_or(0, |i| i + 1);
    let line = text[start..].lines().next().unwrap_or("");
    let (key, value) = line.split_once('=')?;
    let value = value.split('#').next().unwrap_or("").trim();
    let full_width = |c: char| ('０'..='９').contains(&c);
    let ascii = half_width_digits(value);
    let plain: String = ascii.chars().filter(|&c| c != ',' && c != '，').collect();
    let is_number = |t: &str| !t.is_empty() && t.trim_start_matches('-').chars().all(|c| c.is_ascii_digit());
    if value.chars().any(full_width) && is_number(&plain) {
        Some(t!("load.number.full_width", key = key.trim(), value = plain).into_owned())
    } else if (value.contains(',') || value.contains('，')) && is_number(&plain) && !value.starts_with('[') {
        Some(t!("load.number.separators", key = key.trim(), value = plain).into_owned())
    } else {
        None
    }
}

/// One step of a path into a TOML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    Key(&'a str),
    Index(usize),
}

/// Finds the span of a value in a TOML text by its path, for diagnostics
/// about values that were valid TOML but wrong for a booklet.
pub struct Locator<'a> {
    root: Option<toml::Spanned<DeTable<'a>>>,
}

impl<'a> Locator<'a> {
    /// Parses the text for spans.
    pub fn new(text: &'a str) -> Self {
        Self { root: DeTable::parse(text).ok() }
    }

    /// The span of the value at `path`, or of the deepest part of it that exists.
    pub fn span(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.find(path, false)
    }

    /// The span of the key of the last step of `path` (a table header).
    pub fn key_span(&self, path: &[Seg]) -> Option<Range<usize>> {
        self.find(path, true)
    }

    fn find(&self, path: &[Seg], key: bool) -> Option<Range<usize>> {
        let root = self.root.as_ref()?;
        let mut table = root.get_ref();
        let mut value: Option<&toml::Spanned<DeValue>> = None;
        let mut best = None;
        for (i, seg) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            match seg {
                Seg::Key(k) => {
                    let current = match value {
                        None => table,
                        Some(v) => match v.get_ref() {
                            DeValue::Table(t) => t,
                            _ => return best,
                        },
                    };
                    let (found_key, found_value) = current.get_key_value(*k)?;
                    if last && key {
                        return Some(found_key.span());
                    }
                    best = Some(found_value.span());
                    value = Some(found_value);
                    table = current;
                }
                Seg::Index(n) => {
                    let Some(DeValue::Array(items)) = value.map(|v| v.get_ref()) else {
                        return best;
                    };
                    let Some(item) = items.get(*n) else {
                        return best;
                    };
                    best = Some(item.span());
                    value = Some(item);
                }
            }
        }
        best
    }

    /// Every string value in the document with its path and span.
    pub fn strings(&self) -> Vec<(String, Range<usize>, String)> {
        self.scalars()
            .into_iter()
            .filter_map(|(path, span, value)| match value {
                Scalar::String(s) => Some((path, span, s)),
                _ => None,
            })
            .collect()
    }

    /// Every scalar value in the document (string, number, boolean, date)
    /// with its path (`a.list[1].name`) and span.
    pub fn scalars(&self) -> Vec<(String, Range<usize>, Scalar)> {
        let mut out = Vec::new();
        if let Some(root) = &self.root {
            walk_table(root.get_ref(), "", &mut out);
        }
        out
    }
}

/// A scalar value of a TOML document: a string's value, or the other
/// kinds as written.
#[derive(Debug, Clone, PartialEq)]
pub enum Scalar {
    String(String),
    Integer(String),
    Float(String),
    Boolean(bool),
    Datetime(String),
}

fn walk_table(table: &DeTable, prefix: &str, out: &mut Vec<(String, Range<usize>, Scalar)>) {
    for (key, value) in table.iter() {
        let path = if prefix.is_empty() { key.get_ref().to_string() } else { format!("{prefix}.{}", key.get_ref()) };
        walk_value(value, &path, out);
    }
}

fn walk_value(value: &toml::Spanned<DeValue>, path: &str, out: &mut Vec<(String, Range<usize>, Scalar)>) {
    let scalar = match value.get_ref() {
        DeValue::String(s) => Scalar::String(s.to_string()),
        DeValue::Integer(i) => Scalar::Integer(i.as_str().to_string()),
        DeValue::Float(f) => Scalar::Float(f.as_str().to_string()),
        DeValue::Boolean(b) => Scalar::Boolean(*b),
        DeValue::Datetime(d) => Scalar::Datetime(d.to_string()),
        DeValue::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                walk_value(item, &format!("{path}[{i}]"), out);
            }
            return;
        }
        DeValue::Table(t) => return walk_table(t, path, out),
    };
    out.push((path.to_string(), value.span(), scalar));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locator_finds_nested_values() {
        let text = "[a]\nx = 1\n\n[[a.list]]\nname = \"one\"\n\n[[a.list]]\nname = \"two\"\n";
        let loc = Locator::new(text);
        let span = loc.span(&[Seg::Key("a"), Seg::Key("list"), Seg::Index(1), Seg::Key("name")]).unwrap();
        assert_eq!(&text[span], "\"two\"");
        let span = loc.span(&[Seg::Key("a"), Seg::Key("x")]).unwrap();
        assert_eq!(&text[span], "1");
    }

    #[test]
    fn includes_stay_inside_the_bundle() {
        let dir = Path::new("b");
        assert!(include_path(dir, "part.toml").is_some());
        assert!(include_path(dir, "sub/part.toml").is_some());
        assert!(include_path(dir, "../x.toml").is_none());
        assert!(include_path(dir, "/etc/passwd").is_none());
        assert!(include_path(dir, "").is_none());
    }
}
