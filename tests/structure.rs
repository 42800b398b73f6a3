//! The import's folders follow its stages, and its code keeps to them: a
//! stage names only the stages below it (`text` and `heuristics` at the
//! bottom, then `layout`, then the readers in `read` and the parts stage
//! in `parts`, which never name each other, then `emit`, then the module
//! that runs them), and no module takes another's names with a glob. Read
//! from the source, as a reviewer would.

use std::path::{Path, PathBuf};

/// Each stage's rank: a stage may name the stages of a lower rank and its
/// own folder.
const STAGES: [(&str, u8); 6] = [("heuristics", 0), ("text", 0), ("layout", 1), ("read", 2), ("parts", 2), ("emit", 3)];

fn sources(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// A file's code without its tests and its comments.
fn code(path: &Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let text = text.split("#[cfg(test)]").next().unwrap_or_default();
    text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n")
}

/// What in the import under `root` runs against its stages: a name of a
/// stage of the same or a higher rank (its own folder apart), a glob.
fn violations(root: &Path) -> Vec<String> {
    let mut files = Vec::new();
    sources(root, &mut files);
    files.sort();
    let rank = |stage: &str| STAGES.iter().find(|(s, _)| *s == stage).map(|(_, r)| *r);
    let mut wrong = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
        let own = rel.split('/').next().unwrap().trim_end_matches(".rs").to_string();
        let code = code(file);
        if code.contains("use super::*") {
            wrong.push(format!("{rel} takes its parent's names with a glob"));
        }
        let Some(own_rank) = rank(&own) else { continue };
        for (at, _) in code.match_indices("crate::import::") {
            let named: String = code[at + "crate::import::".len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
            match rank(&named) {
                _ if named == own => {}
                Some(r) if r < own_rank => {}
                _ => wrong.push(format!("{rel} names crate::import::{named}")),
            }
        }
    }
    wrong
}

#[test]
fn each_stage_of_the_import_names_only_the_stages_below_it() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src/import");
    let mut files = Vec::new();
    sources(&root, &mut files);
    assert!(files.len() > 30, "the import's files: {files:?}");
    let wrong = violations(&root);
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

/// The check can fail: in a tree of its own, a layout file that names the
/// parts stage, a reader that names the parts, a helper that names the
/// layout and a glob are each caught; a name of a lower stage, of the
/// file's own folder, or in a test or a comment is not.
#[test]
fn the_stage_check_finds_what_runs_back_up() {
    let root = tempfile::tempdir().unwrap();
    for (file, text) in [
        ("layout/mod.rs", "use crate::import::parts::draft::Read;\nuse crate::import::text::lines::squeeze;\n"),
        ("read/pdf/mod.rs", "fn f() { crate::import::parts::markers::x(); crate::import::read::word::y(); }\n"),
        ("text/lines.rs", "// crate::import::emit is named in a comment\nuse crate::import::layout::Lines;\n"),
        ("parts/duties.rs", "use super::*;\n#[cfg(test)]\nmod tests { use crate::import::emit::Draft; }\n"),
        ("emit/mod.rs", "use crate::import::parts::draft::Read;\nuse crate::import::heuristics::X;\n"),
    ] {
        let path = root.path().join(file);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }
    assert_eq!(
        violations(root.path()),
        [
            "layout/mod.rs names crate::import::parts",
            "parts/duties.rs takes its parent's names with a glob",
            "read/pdf/mod.rs names crate::import::parts",
            "text/lines.rs names crate::import::layout",
        ]
    );
}
