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

use rust_i18n::t;
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use sha2::{Digest, Sha256};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::build::{Built, Engine, Options, Paths};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::BundleRef;
use crate::output::{output_path, write_atomic};

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
    if !options.check_only {
        remove_partials(&options.out_dir);
    }
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
    let results: Vec<BundleResult> = slots.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect();
    // The index and the sums are written after every batch, whatever it
    // built: a run killed between a bundle's stamp and the sums leaves them
    // stale only until the next run.
    if !options.check_only && options.out_dir.is_dir() {
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
    let outputs_exist = options.outputs().all(|ext| output_path(&options.out_dir, &bundle.name, ext).is_file())
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

/// The part of every fingerprint that all bundles share: tool version and
/// source, options, templates and fonts.
fn shared_fingerprint(paths: &Paths, options: &Options) -> Vec<u8> {
    let mut hash = Sha256::new();
    // (The build's source too: another build of the same version may
    // print otherwise.)
    hash.update(concat!(env!("CARGO_PKG_NAME"), " ", env!("CARGO_PKG_VERSION"), " ", env!("BOOKLET_SOURCE"), "\n"));
    // Every option, as Debug spells it: an option added is in the
    // fingerprint without a line here.
    hash.update(format!("{options:?}\n"));
    hash.update(format!("SOURCE_DATE_EPOCH={:?}\n", std::env::var("SOURCE_DATE_EPOCH").ok()));
    match &paths.templates {
        Some(dir) => hash_tree(&mut hash, dir, None),
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

/// The extensions of a bundle's input files: its TOML files and its budget
/// data (CSV).
pub const INPUT_EXTENSIONS: &[&str] = &["toml", "csv"];

fn bundle_fingerprint(shared: &[u8], bundle: &BundleRef) -> String {
    let mut hash = Sha256::new();
    hash.update(shared);
    hash.update(bundle.name.to_string_lossy().as_bytes());
    hash_tree(&mut hash, &bundle.dir, Some(INPUT_EXTENSIONS));
    hex(&hash.finalize())
}

/// Hashes every regular file below a directory (with the extension, where
/// one is given: a bundle's inputs are its TOML and CSV files, so that outputs
/// written inside it change nothing): relative path and contents, in path
/// order. Links are followed only to regular files inside the directory;
/// a link out of it (to /etc, to /proc/self), a FIFO or a device is passed
/// over, never read.
fn hash_tree(hash: &mut Sha256, dir: &Path, extensions: Option<&[&str]>) {
    let inside = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    for entry in walkdir::WalkDir::new(dir).sort_by_file_name().follow_links(false).into_iter().filter_map(Result::ok) {
        let regular = entry.file_type().is_file()
            || entry.file_type().is_symlink() && entry.path().canonicalize().is_ok_and(|real| real.starts_with(&inside) && real.is_file());
        if !regular || extensions.is_some_and(|exts| entry.path().extension().is_none_or(|e| !exts.iter().any(|x| e == *x))) {
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
        let bytes = fs::read(&file).map_err(|e| Diagnostic::error(t!("batch.read_output", error = e)).in_file(&file))?;
        list.push_str(&checksum_line(&hex(&Sha256::digest(&bytes)), &relative(out_dir, &file)));
    }
    write_atomic(&out_dir.join(CHECKSUMS), list.as_bytes())
}

/// A path below the output folder, its components joined by `/`.
fn relative(out_dir: &Path, file: &Path) -> String {
    let rel = file.strip_prefix(out_dir).unwrap_or(file);
    rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/")
}

/// One line of `SHA256SUMS` as GNU `sha256sum` writes it: a name holding a
/// backslash, a newline or a carriage return is escaped (`\\`, `\n`,
/// `\r`) and its line starts with a backslash, so that no name can forge
/// a line and `sha256sum -c` reads every name back.
fn checksum_line(hash: &str, name: &str) -> String {
    if name.contains(['\\', '\n', '\r']) {
        let escaped = name.replace('\\', "\\\\").replace('\n', "\\n").replace('\r', "\\r");
        format!("\\{hash}  {escaped}\n")
    } else {
        format!("{hash}  {name}\n")
    }
}

/// Removes the temporary files (`.booklet-*.partial`) that a write killed
/// before its rename left in the output folder: a batch owns its folder.
fn remove_partials(out_dir: &Path) {
    for entry in walkdir::WalkDir::new(out_dir).into_iter().filter_map(Result::ok) {
        let name = entry.file_name().to_string_lossy();
        if entry.file_type().is_file() && name.starts_with(".booklet-") && name.ends_with(".partial") {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Percent-encodes a path below the output folder for an `href`, segment
/// by segment (every byte but RFC 3986's unreserved characters), after
/// `./`, so that no folder name acts as a scheme (`javascript:`), a
/// fragment (`#`) or a query (`?`).
fn href(rel: &str) -> String {
    let mut out = String::from("./");
    for (i, segment) in rel.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        for b in segment.bytes() {
            if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
                out.push(b as char);
            } else {
                out.push_str(&format!("%{b:02X}"));
            }
        }
    }
    out
}

/// The text of an HTML title as the template escaped it, unescaped once.
fn unescape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let entity = ["&amp;", "&lt;", "&gt;", "&quot;", "&#x27;", "&#x2f;", "&#39;"].into_iter().find(|e| rest.starts_with(e));
        match entity {
            Some(e) => {
                out.push(match e {
                    "&amp;" => '&',
                    "&lt;" => '<',
                    "&gt;" => '>',
                    "&quot;" => '"',
                    "&#x2f;" => '/',
                    _ => '\'',
                });
                rest = &rest[e.len()..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
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
        let text = fs::read_to_string(&page).map_err(|e| Diagnostic::error(t!("batch.read_output", error = e)).in_file(&page))?;
        // Only booklet's own pages: their title, as the template writes it.
        if !text.contains("<meta name=\"generator\" content=\"booklet\">") {
            continue;
        }
        let title = text.split_once("<title>").and_then(|(_, t)| t.split_once("</title>")).map(|(t, _)| t).unwrap_or_default();
        let title = unescape_html(title);
        let mut files = Vec::new();
        for (ext, label) in [("html", "網頁版"), ("pdf", "PDF"), ("xlsx", "試算表 (XLSX)"), ("ods", "試算表 (ODS)")] {
            let path = page.with_extension(ext);
            if let Ok(bytes) = fs::read(&path) {
                files.push(
                    minijinja::context! { name => href(&relative(out_dir, &path)), label => label, sha256 => hex(&Sha256::digest(&bytes)) },
                );
            }
        }
        booklets.push(minijinja::context! { title => title, html => href(&relative(out_dir, &page)), files => files });
    }
    let index = engine.templates().render_index(&booklets)?;
    write_atomic(&out_dir.join(INDEX), index.as_bytes())
}

/// The index of a folder of booklets.
pub const INDEX: &str = "index.html";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn checksum_lines_escape_as_gnu_does() {
        assert_eq!(checksum_line("ab", "a/b.pdf"), "ab  a/b.pdf\n");
        assert_eq!(checksum_line("ab", "x\ny.pdf"), "\\ab  x\\ny.pdf\n");
        assert_eq!(checksum_line("ab", "back\\slash.pdf"), "\\ab  back\\\\slash.pdf\n");
    }

    #[test]
    fn hrefs_are_relative_and_percent_encoded() {
        assert_eq!(href("javascript:alert(1)/x.html"), "./javascript%3Aalert%281%29/x.html");
        assert_eq!(href("a#b/q?x=1.pdf"), "./a%23b/q%3Fx%3D1.pdf");
        assert_eq!(href("勞動部.html"), "./%E5%8B%9E%E5%8B%95%E9%83%A8.html");
    }

    #[test]
    fn titles_are_unescaped_once() {
        assert_eq!(unescape_html("&amp;lt;script&amp;gt; &lt;b&gt; &amp; &#x27;"), "&lt;script&gt; <b> & '");
    }
}
