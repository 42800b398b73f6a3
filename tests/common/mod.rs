//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::ops::RangeBounds;
use std::path::PathBuf;

use booklet::build::{Engine, Options, Paths, Typeset};
use booklet::load::BundleRef;
use unicode_normalization::UnicodeNormalization;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The bundles of the shapes corpus (tests/fixtures/shapes), in order.
pub fn shapes() -> Vec<PathBuf> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/fixtures/shapes"))
        .expect("the shapes corpus")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("booklet.toml").is_file())
        .collect();
    dirs.sort();
    dirs
}

/// mol-109 and the bundles of the shapes corpus: the booklets a round trip
/// is tried on.
pub fn corpus() -> Vec<PathBuf> {
    let mut dirs = vec![root().join("inputs/mol-109")];
    dirs.extend(shapes());
    dirs
}

/// A file of an npm package, installed (once) under `target/DIR`; `None`
/// where npm is missing or the install fails.
pub fn npm_file(dir: &str, package: &str, file: &str) -> Option<PathBuf> {
    let dir = root().join("target").join(dir);
    let path = dir.join("node_modules").join(file);
    if !path.exists() {
        std::fs::create_dir_all(&dir).ok()?;
        let status = std::process::Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", package])
            .current_dir(&dir)
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
    }
    path.exists().then_some(path)
}

/// Options that write into a temporary directory.
pub fn options(out: &std::path::Path) -> Options {
    Options {
        out_dir: out.to_path_buf(),
        keep_typst: false,
        deny_warnings: true,
        check_only: false,
        standard: Default::default(),
        html: true,
        ods: true,
    }
}

/// A bundle directory typeset in memory, warnings allowed; the errors
/// rendered as text.
pub fn typeset_dir(engine: &Engine, dir: &std::path::Path) -> Result<Typeset, String> {
    let out = tempfile::tempdir().unwrap();
    let bundle = BundleRef { dir: dir.to_path_buf(), name: dir.file_name().unwrap().into() };
    let options = Options { deny_warnings: false, ..options(out.path()) };
    engine.typeset(&bundle, &options).map_err(|d| d.iter().map(|d| d.render(false)).collect::<Vec<_>>().join("\n"))
}

/// The FY109 Ministry of Labor booklet, typeset in memory.
pub fn typeset_mol() -> Typeset {
    let engine = Engine::new(&Paths::under(&root())).expect("engine");
    let out = tempfile::tempdir().unwrap();
    let bundle = BundleRef { dir: root().join("inputs/mol-109"), name: "mol-109".into() };
    engine.typeset(&bundle, &options(out.path())).unwrap_or_else(|d| panic!("{d:#?}"))
}

/// The content lines of the source text (by 0-based line index range),
/// markers stripped, whitespace removed, empty lines dropped.
pub fn source_lines(range: impl RangeBounds<usize>) -> Vec<String> {
    let source = std::fs::read_to_string(root().join("tests/fixtures/mol-109-source.txt")).unwrap();
    let lines: Vec<&str> = source.lines().collect();
    let start = match range.start_bound() {
        std::ops::Bound::Included(&s) => s,
        _ => 0,
    };
    let end = match range.end_bound() {
        std::ops::Bound::Excluded(&e) => e,
        std::ops::Bound::Included(&e) => e + 1,
        std::ops::Bound::Unbounded => lines.len(),
    };
    lines[start..end].iter().map(|l| content(l)).filter(|l| !l.is_empty()).collect()
}

/// The index of the first source line that starts with `prefix`.
pub fn source_line_index(prefix: &str) -> usize {
    let source = std::fs::read_to_string(root().join("tests/fixtures/mol-109-source.txt")).unwrap();
    source.lines().position(|l| l.starts_with(prefix)).unwrap_or_else(|| panic!("no line starts with {prefix:?}"))
}

/// Copies a directory tree.
pub fn copy_tree(from: &std::path::Path, to: &std::path::Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Text without whitespace.
pub fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// A source line without its leading list marker and without whitespace.
pub fn content(line: &str) -> String {
    let mut t: String = line.nfc().collect::<String>().trim().to_string();
    loop {
        t = t.trim_start().to_string();
        let before = t.clone();
        for (open, close) in [("（", "）"), ("(", ")")] {
            if let Some(rest) = t.strip_prefix(open)
                && let Some(end) = rest.find(close)
                && end > 0
                && rest[..end].chars().all(|c| c.is_ascii_digit() || "一二三四五六七八九十".contains(c))
            {
                t = rest[end + close.len()..].to_string();
            }
        }
        let digits: String = t.chars().take_while(|c| c.is_ascii_digit() || "一二三四五六七八九十壹貳參".contains(*c)).collect();
        if !digits.is_empty() {
            let rest = &t[digits.len()..];
            if let Some(r) = rest
                .strip_prefix('、')
                .or_else(|| rest.strip_prefix('.').filter(|r| !r.starts_with(|c: char| c.is_ascii_digit() || c == '.')))
            {
                t = r.to_string();
            }
        }
        if t == before {
            return t.chars().filter(|c| !c.is_whitespace()).collect();
        }
    }
}

/// Compares a laid-out page with its reference image `tests/visual/NAME.png`
/// (rendered at 0.75 px per pt); with `BLESS` set, or when the reference is
/// missing outside CI, writes the reference instead.
///
/// # Errors
///
/// What differs: the size, or the share of pixels that differ (over 0.2%),
/// with the path of the page as rendered now.
pub fn looks_as_approved(name: &str, page: &typst_layout::Page) -> Result<(), String> {
    let dir = root().join("tests/visual");
    let options = typst_render::RenderOptions { pixel_per_pt: typst::utils::Scalar::new(0.75), ..Default::default() };
    let pixmap = typst_render::render(page, &options);
    let path: PathBuf = dir.join(format!("{name}.png"));
    if std::env::var_os("BLESS").is_some() || !path.exists() && std::env::var_os("CI").is_none() {
        std::fs::create_dir_all(&dir).unwrap();
        pixmap.save_png(&path).unwrap();
        return Ok(());
    }
    let reference = tiny_skia::Pixmap::load_png(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    if (reference.width(), reference.height()) != (pixmap.width(), pixmap.height()) {
        return Err(format!("{name}: size {}x{} differs from the reference", pixmap.width(), pixmap.height()));
    }
    let differing = pixmap
        .data()
        .chunks(4)
        .zip(reference.data().chunks(4))
        .filter(|(a, b)| a.iter().zip(b.iter()).any(|(x, y)| x.abs_diff(*y) > 48))
        .count();
    let share = differing as f64 / (pixmap.width() * pixmap.height()) as f64;
    if share > 0.002 {
        let actual = std::env::temp_dir().join(format!("booklet-{name}.png"));
        pixmap.save_png(&actual).unwrap();
        return Err(format!("{name}: {:.2}% of pixels differ (see {})", share * 100.0, actual.display()));
    }
    Ok(())
}

/// The Latin words of a Chinese message that a reader would have to read
/// as English: what is left after taking out what may be Latin in a
/// Chinese sentence, namely text between backticks, double or single quotes
/// and 「」 (keys, values quoted from the input), `%{…}` placeholders,
/// file names and paths, flags, keys (`fiscal_year`, `duties.main`), the
/// `booklet` command and its subcommands, and the names of file formats
/// ([`FORMAT_NAMES`]).
pub fn latin_words(text: &str) -> Vec<String> {
    let mut kept = String::with_capacity(text.len());
    let mut closing: Option<char> = None;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if let Some(end) = closing {
            if c == end {
                closing = None;
            }
            continue;
        }
        match c {
            '`' => closing = Some('`'),
            '"' => closing = Some('"'),
            '「' => closing = Some('」'),
            '『' => closing = Some('』'),
            '\'' => closing = Some('\''),
            // A TOML table header or key path: `[duties]`, `[policy.plans]`.
            '[' if chars.peek().is_some_and(|c| c.is_ascii_alphabetic()) => closing = Some(']'),
            '%' if chars.peek() == Some(&'{') => closing = Some('}'),
            _ => kept.push(c),
        }
    }
    // A key with the value to type: `amount = 3412876`.
    let kept = without_assignments(&kept);
    let mut words = Vec::new();
    for line in kept.lines() {
        // A line of the commands' list starts with the command's name.
        let mut previous = "booklet";
        for token in line.split(|c: char| !(c.is_ascii_alphanumeric() || "-_./\\:=[]<>~@+*,".contains(c))) {
            let bare = token.trim_matches(|c: char| "[]<>:.=*".contains(c));
            let is_word = bare.len() >= 2 && bare.chars().all(|c| c.is_ascii_alphabetic());
            let allowed = FORMAT_NAMES.contains(&bare) || bare == "booklet" || (previous == "booklet" && COMMANDS.contains(&bare));
            if is_word && !allowed {
                words.push(bare.to_string());
            }
            if !token.is_empty() {
                previous = bare;
            }
        }
    }
    words
}

/// A text without its `key = value` pairs (the key: ASCII letters, digits,
/// `_` and `.` before ` = `; the value: up to the next space or non-ASCII
/// character).
fn without_assignments(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" = ") {
        let head = &rest[..at];
        let key_len =
            head.chars().rev().take_while(|c| c.is_ascii_alphanumeric() || *c == '_' || *c == '.').map(char::len_utf8).sum::<usize>();
        out.push_str(&head[..head.len() - key_len]);
        let after = &rest[at + 3..];
        let value_len = after.find(|c: char| c.is_whitespace() || !c.is_ascii()).unwrap_or(after.len());
        rest = &after[value_len..];
    }
    out.push_str(rest);
    out
}

/// File formats named by their own (Latin) names in Chinese too.
pub const FORMAT_NAMES: &[&str] = &[
    "PDF",
    "Word",
    "ODF",
    "XML",
    "zip",
    "XLSX",
    "ODS",
    "HTML",
    "CSV",
    "TOML",
    "JSON",
    "UTF",
    "Typst",
    "SHA",
    "SHA256SUMS",
    "Unicode",
    "ASCII",
];

/// The subcommands of `booklet`.
pub const COMMANDS: &[&str] = &["build", "check", "new", "import", "compare", "schema", "watch", "help"];
