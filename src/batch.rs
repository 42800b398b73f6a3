//! Batches: every bundle of a run, built in parallel, skipped when nothing
//! it depends on has changed, and summed up in `SHA256SUMS`.
//!
//! A bundle's fingerprint is the SHA-256 of the tool version, the build
//! options, every file of the bundle, the templates and the fonts (on disk
//! or embedded in the binary). After a
//! successful build it is stored in `<out>/.booklet/<name>.stamp`; the next
//! build skips the bundle when the fingerprint matches and its outputs are
//! still there (unless forced). After the batch, `<out>/SHA256SUMS` lists
//! every PDF and workbook under the output directory in the format that
//! `sha256sum -c` reads.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use sha2::{Digest, Sha256};

use crate::build::{Built, Engine, Options, Paths};
use crate::output::{output_path, write_atomic};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::BundleRef;

/// The file that lists the outputs' checksums.
pub const CHECKSUMS: &str = "SHA256SUMS";
/// The directory of build stamps, inside the output directory.
pub const STAMPS: &str = ".booklet";

/// What happened to one bundle.
#[derive(Debug)]
pub enum Outcome {
    Built(Built),
    /// Nothing changed since the last build.
    Skipped,
    Failed(Diagnostics),
}

/// One bundle's result, with its wall time.
#[derive(Debug)]
pub struct BundleResult {
    pub bundle: BundleRef,
    pub outcome: Outcome,
    pub time: Duration,
}

/// The result of a batch.
#[derive(Debug, Default)]
pub struct Summary {
    pub results: Vec<BundleResult>,
    pub time: Duration,
}

impl Summary {
    /// How many bundles were built, skipped and failed.
    pub fn counts(&self) -> (usize, usize, usize) {
        let mut counts = (0, 0, 0);
        for r in &self.results {
            match r.outcome {
                Outcome::Built(_) => counts.0 += 1,
                Outcome::Skipped => counts.1 += 1,
                Outcome::Failed(_) => counts.2 += 1,
            }
        }
        counts
    }
}

/// How a batch runs.
#[derive(Debug, Clone, Default)]
pub struct BatchOptions {
    /// Rebuild even when nothing changed.
    pub force: bool,
}

/// Builds every bundle in parallel across the cores, sharing one engine;
/// at most one bundle per core is in memory at a time.
/// `progress` is called as each bundle finishes (from any thread).
///
/// # Errors
///
/// Only for `SHA256SUMS` that cannot be written; a failed bundle is an
/// [`Outcome::Failed`] and does not stop the others.
pub fn run(
    engine: &Engine,
    paths: &Paths,
    bundles: &[BundleRef],
    options: &Options,
    batch: &BatchOptions,
    progress: &(dyn Fn(&BundleResult) + Sync),
) -> Result<Summary, Diagnostic> {
    let start = Instant::now();
    let shared = if options.check_only { None } else { Some(shared_fingerprint(paths, options)) };
    // One worker thread per core takes the next bundle when it is done with
    // one. Not rayon's par_iter: a rayon worker that waits inside a bundle
    // (Typst and the PDF/workbook join use rayon) would steal and start
    // other bundles on its stack, so that every bundle of the batch is in
    // memory at once. Within a bundle, rayon's pool does the parallel work.
    let workers = rayon::current_num_threads().clamp(1, bundles.len().max(1));
    let next = AtomicUsize::new(0);
    let slots: Mutex<Vec<Option<BundleResult>>> = Mutex::new((0..bundles.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(bundle) = bundles.get(i) else { break };
                    let begun = Instant::now();
                    let outcome = build_one(engine, bundle, options, batch, shared.as_deref());
                    // Typst memoises across compilations; drop what finished documents left.
                    comemo::evict(1);
                    let result = BundleResult { bundle: bundle.clone(), outcome, time: begun.elapsed() };
                    progress(&result);
                    slots.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                }
            });
        }
    });
    let results: Vec<BundleResult> =
        slots.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect();
    if !options.check_only && results.iter().any(|r| matches!(r.outcome, Outcome::Built(_))) {
        if options.html && bundles.len() > 1 {
            write_index(engine, &options.out_dir)?;
        }
        write_checksums(&options.out_dir)?;
    }
    Ok(Summary { results, time: start.elapsed() })
}

fn build_one(engine: &Engine, bundle: &BundleRef, options: &Options, batch: &BatchOptions, shared: Option<&[u8]>) -> Outcome {
    let Some(shared) = shared else {
        return match engine.build(bundle, options) {
            Ok(built) => Outcome::Built(built),
            Err(d) => Outcome::Failed(d),
        };
    };
    let fingerprint = bundle_fingerprint(shared, bundle);
    let stamp = output_path(&options.out_dir.join(STAMPS), &bundle.name, "stamp");
    let outputs_exist = options
        .outputs()
        .all(|ext| output_path(&options.out_dir, &bundle.name, ext).is_file())
        && (!options.keep_typst || output_path(&options.out_dir, &bundle.name, "typ").is_file());
    if !batch.force && outputs_exist && fs::read_to_string(&stamp).is_ok_and(|s| s.trim() == fingerprint) {
        return Outcome::Skipped;
    }
    match engine.build(bundle, options) {
        Ok(built) => match write_atomic(&stamp, fingerprint.as_bytes()) {
            Ok(()) => Outcome::Built(built),
            Err(d) => Outcome::Failed(vec![d]),
        },
        Err(d) => {
            let _ = fs::remove_file(&stamp);
            Outcome::Failed(d)
        }
    }
}

/// The part of every fingerprint that all bundles share: tool version,
/// options, templates and fonts.
fn shared_fingerprint(paths: &Paths, options: &Options) -> Vec<u8> {
    let mut hash = Sha256::new();
    hash.update(concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION"), "\n"));
    // Every option, as Debug spells it: an option added is in the
    // fingerprint without a line here.
    hash.update(format!("{options:?}\n"));
    hash.update(format!("SOURCE_DATE_EPOCH={:?}\n", std::env::var("SOURCE_DATE_EPOCH").ok()));
    match &paths.templates {
        Some(dir) => hash_tree(&mut hash, dir),
        None => {
            for (name, text) in crate::resources::TEMPLATES {
                hash.update(format!("embedded {name}\0"));
                hash.update(text.as_bytes());
                hash.update([0]);
            }
        }
    }
    match &paths.fonts {
        Some(dir) => hash_file_list(&mut hash, dir),
        None => hash_embedded_fonts(&mut hash),
    }
    hash.finalize().to_vec()
}

/// Hashes the embedded fonts by name, size, and their first and last
/// 64 KiB (where the tables' directory and the glyph data's end lie): a
/// different font changes them, at a fraction of hashing 17 MB.
fn hash_embedded_fonts(hash: &mut Sha256) {
    const SAMPLE: usize = 64 * 1024;
    for (name, bytes) in crate::resources::FONTS {
        hash.update(format!("embedded font {name}\0{}\0", bytes.len()));
        hash.update(&bytes[..bytes.len().min(SAMPLE)]);
        hash.update(&bytes[bytes.len().saturating_sub(SAMPLE)..]);
    }
}

fn bundle_fingerprint(shared: &[u8], bundle: &BundleRef) -> String {
    let mut hash = Sha256::new();
    hash.update(shared);
    hash.update(bundle.name.to_string_lossy().as_bytes());
    hash_tree(&mut hash, &bundle.dir);
    hex(&hash.finalize())
}

/// Hashes every file below a directory: relative path and contents, in
/// path order.
fn hash_tree(hash: &mut Sha256, dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().follow_links(true).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        hash.update(rel.to_string_lossy().as_bytes());
        hash.update([0]);
        if let Ok(mut file) = fs::File::open(entry.path()) {
            let mut buf = [0u8; 64 * 1024];
            while let Ok(n) = file.read(&mut buf) {
                if n == 0 {
                    break;
                }
                hash.update(&buf[..n]);
            }
        }
        hash.update([0]);
    }
}

/// Hashes the names, sizes and modification times of the files below a
/// directory: for the fonts, whose 17 MB would take longer to hash than a
/// booklet takes to build. A replaced font file changes at least its time.
fn hash_file_list(hash: &mut Sha256, dir: &Path) {
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().follow_links(true).into_iter().filter_map(Result::ok) {
        let Ok(meta) = entry.metadata() else { continue };
        if !meta.is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let modified = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok()).unwrap_or_default();
        hash.update(format!("{}\0{}\0{}\0", rel.to_string_lossy(), meta.len(), modified.as_nanos()));
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Writes `<out>/SHA256SUMS` for every PDF and XLSX below the directory.
///
/// # Errors
///
/// When a file cannot be read or the list cannot be written.
pub fn write_checksums(out_dir: &Path) -> Result<(), Diagnostic> {
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(out_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != STAMPS)
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.into_path())
        .filter(|p| p.extension().and_then(|e| e.to_str()).is_some_and(|e| crate::options::OUTPUTS.contains(&e)))
        .filter(|p| !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.')))
        .collect();
    files.sort();
    let mut list = String::new();
    for file in files {
        let bytes = fs::read(&file).map_err(|e| Diagnostic::error(format!("cannot read the output: {e}")).in_file(&file))?;
        let rel = file.strip_prefix(out_dir).unwrap_or(&file);
        list.push_str(&format!("{}  {}\n", hex(&Sha256::digest(&bytes)), rel.to_string_lossy().replace('\\', "/")));
    }
    write_atomic(&out_dir.join(CHECKSUMS), list.as_bytes())
}

/// Writes `<out>/index.html`: every web edition in the folder (by its
/// title), with links to it, its PDF and its workbook, and their SHA-256.
///
/// # Errors
///
/// An output that cannot be read, or the index that cannot be written.
pub fn write_index(engine: &Engine, out_dir: &Path) -> Result<(), Diagnostic> {
    let mut pages: Vec<PathBuf> = walkdir::WalkDir::new(out_dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| e.file_name() != STAMPS)
        .filter_map(Result::ok)
        .map(|e| e.into_path())
        .filter(|p| p.extension().is_some_and(|e| e == "html") && p.file_name().is_some_and(|n| n != INDEX))
        .collect();
    pages.sort();
    let mut booklets = Vec::new();
    for page in pages {
        let text = fs::read_to_string(&page).map_err(|e| Diagnostic::error(format!("cannot read the output: {e}")).in_file(&page))?;
        // Only booklet's own pages: their title, as the template writes it.
        if !text.contains("<meta name=\"generator\" content=\"booklet\">") {
            continue;
        }
        let title = text.split_once("<title>").and_then(|(_, t)| t.split_once("</title>")).map(|(t, _)| t).unwrap_or_default();
        let title = title.replace("&amp;", "&").replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&#x27;", "'").replace("&#x2f;", "/");
        let rel = |p: &Path| p.strip_prefix(out_dir).unwrap_or(p).to_string_lossy().replace('\\', "/");
        let mut files = Vec::new();
        for (ext, label) in [("html", "網頁版"), ("pdf", "PDF"), ("xlsx", "試算表 (XLSX)"), ("ods", "試算表 (ODS)")] {
            let path = page.with_extension(ext);
            if let Ok(bytes) = fs::read(&path) {
                files.push(minijinja::context! { name => rel(&path), label => label, sha256 => hex(&Sha256::digest(&bytes)) });
            }
        }
        booklets.push(minijinja::context! { title => title, html => rel(&page), files => files });
    }
    let index = engine.templates().render_index(&booklets)?;
    write_atomic(&out_dir.join(INDEX), index.as_bytes())
}

/// The index of a folder of booklets.
pub const INDEX: &str = "index.html";
