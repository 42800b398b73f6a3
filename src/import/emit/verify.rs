//! The last step of an import: the draft checked as a bundle, in memory, so that it always
//! builds. The draft's files are loaded and validated as `booklet build`
//! would; the block of TOML that holds each error (a `[[table]]` entry and
//! the entries nested under it) is turned into comments where it stands,
//! with a note, and the draft is checked again. Nothing is dropped: what
//! could not be placed stays in the file, commented, at the place it most
//! likely belongs, and the note says where.

use rust_i18n::t;

use crate::import::emit::Draft;
use crate::import::text::notes::Note;
use crate::load::{self, BundleRef, Files};

/// How many rounds of commenting out the check allows: each round
/// comments out at least one block (a parse error stops a file's loading,
/// so a round may find one error only), and a draft has fewer blocks.
const ROUNDS: usize = 100_000;

/// Comments out what keeps the draft from building; returns the draft that
/// builds.
pub fn ensure_builds(mut draft: Draft) -> Draft {
    for _ in 0..ROUNDS {
        let errors = errors_of(&draft.files);
        if errors.is_empty() {
            return draft;
        }
        let mut changed = false;
        for (file, line, message) in errors {
            let Some((_, text)) = draft.files.iter_mut().find(|(n, _)| *n == file) else {
                continue;
            };
            if let Some((start, block)) = comment_out(text, line) {
                draft.notes.push(Note {
                    line: 0,
                    page: None,
                    message: t!("import.check.commented", file = file, start = start, message = message, block = block).into_owned(),
                });
                changed = true;
            }
        }
        if !changed {
            return draft;
        }
    }
    draft
}

/// The errors of a draft's files, loaded and validated in memory as
/// `booklet build` would load them from disk: file name (relative to the
/// bundle), 1-based line, message.
fn errors_of(files: &[(String, String)]) -> Vec<(String, usize, String)> {
    let reference = BundleRef { dir: "draft".into(), name: "draft".into() };
    let diagnostics = match load::load_from(&reference, Files::Memory(files)) {
        Ok(bundle) => crate::validate::validate(&bundle, &|_: char| true),
        Err(d) => d,
    };
    diagnostics
        .iter()
        .filter(|d| d.is_error())
        .filter_map(|d| {
            let file = d.file.as_ref()?.strip_prefix(&reference.dir).ok()?.to_string_lossy().into_owned();
            let line = d.line_col().map_or(1, |(line, _)| line);
            Some((file, line, d.message.clone()))
        })
        .collect()
}

/// Comments out the `[[table]]` (or `[table]`) entry holding `line` and the
/// entries nested under it; returns the header's line and a short account.
fn comment_out(text: &mut String, line: usize) -> Option<(usize, String)> {
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let header_name = |l: &str| -> Option<String> {
        let t = l.trim();
        let inner =
            t.strip_prefix("[[").and_then(|r| r.split("]]").next()).or_else(|| t.strip_prefix('[').and_then(|r| r.split(']').next()))?;
        (!t.starts_with('#')).then(|| inner.trim().to_string())
    };
    let start = (0..line.min(lines.len())).rev().find(|&i| header_name(&lines[i]).is_some())?;
    let name = header_name(&lines[start])?;
    // A header of the manifest's own table is never commented out; a key
    // of it other than the agency and year may be, alone.
    if name == "booklet" {
        let key = lines.get(line.checked_sub(1)?)?.split_once('=')?.0.trim().to_string();
        if line - 1 == start || key.starts_with('#') || ["agency", "fiscal_year"].contains(&key.as_str()) {
            return None;
        }
        let account = format!("{key} = {}", lines[line - 1].split_once('=').map_or("", |(_, v)| v.trim()));
        lines[line - 1] = format!("# {}", lines[line - 1]);
        *text = lines.join("\n") + "\n";
        return Some((line, account));
    }
    let mut end = start + 1;
    while end < lines.len() {
        if let Some(next) = header_name(&lines[end])
            && !next.starts_with(&format!("{name}."))
        {
            break;
        }
        end += 1;
    }
    let first_text = lines[start..end].iter().find_map(|l| l.split_once('=').map(|(_, v)| v.trim().chars().take(30).collect::<String>()));
    for l in &mut lines[start..end] {
        if !l.trim().is_empty() {
            *l = format!("# {l}");
        }
    }
    *text = lines.join("\n") + "\n";
    Some((start + 1, format!("[[{name}]] {}", first_text.unwrap_or_default())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_and_its_nested_entries_become_comments() {
        let mut text = String::from(
            "[[outcomes.tables.work_plans.items]]\ntitle = \"甲\"\nsubitems = []\n\n[[outcomes.tables.work_plans.items]]\ntitle = \"乙\"\n\n[[outcomes.tables.work_plans.items.subitems]]\ntext = \"丙\"\n\n[[outcomes.tables.work_plans]]\nname = \"丁\"\n",
        );
        let (start, _) = comment_out(&mut text, 3).unwrap();
        assert_eq!(start, 1);
        assert!(
            text.starts_with(
                "# [[outcomes.tables.work_plans.items]]\n# title = \"甲\"\n# subitems = []\n\n[[outcomes.tables.work_plans.items]]"
            ),
            "{text}"
        );
        let (start, _) = comment_out(&mut text, 6).unwrap();
        assert_eq!(start, 5);
        assert!(text.contains("# text = \"丙\""), "nested entries go with their parent: {text}");
        assert!(text.contains("\n[[outcomes.tables.work_plans]]\nname = \"丁\""), "the next sibling stays: {text}");
    }

    #[test]
    fn a_draft_that_would_not_build_is_commented_until_it_does() {
        let draft = Draft {
            files: vec![
                ("booklet.toml".into(), "[booklet]\nagency = \"範例部\"\nfiscal_year = 113\ninclude = [\"outcomes-1.toml\"]\n".into()),
                (
                    "outcomes-1.toml".into(),
                    "[[outcomes.tables]]\nheading = \"成果\"\n\n[[outcomes.tables.work_plans]]\nname = \"甲\"\n\n[[outcomes.tables.work_plans.items]]\ntitle = \"乙\"\nsubitems = []\n\n[[outcomes.tables.work_plans.items]]\ntitle = \"丙\"\n\n[[outcomes.tables.work_plans.items.subitems]]\ntext = \"丁\"\n".into(),
                ),
            ],
            notes: Vec::new(),
        };
        let checked = ensure_builds(draft);
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in &checked.files {
            std::fs::write(dir.path().join(name), text).unwrap();
        }
        let reference = BundleRef { dir: dir.path().to_path_buf(), name: "draft".into() };
        let on_disk = load::load(&reference).expect("the draft loads from disk");
        assert!(crate::validate::validate(&on_disk, &|_: char| true).iter().all(|d| !d.is_error()), "{:#?}", checked.files);
        assert!(errors_of(&checked.files).is_empty(), "{:#?}", checked.files);
        assert!(checked.files[1].1.contains("# title = \"乙\""));
        assert!(checked.files[1].1.contains("\ntext = \"丁\""), "the valid item stays");
        assert_eq!(checked.notes.len(), 1, "{:?}", checked.notes);
    }

    #[test]
    fn a_manifest_key_that_would_not_build_is_commented_alone() {
        let draft = Draft {
            files: vec![
                ("booklet.toml".into(), "[booklet]\nagency = \"範例部\"\nfiscal_year = 113\norder = [\"duties\", \"policy\"]\n".into()),
                ("policy.toml".into(), "[policy]\nvision = [\"甲。\"]\n".into()),
            ],
            notes: Vec::new(),
        };
        let checked = ensure_builds(draft);
        assert!(checked.files[0].1.contains("# order = "), "{}", checked.files[0].1);
        assert!(checked.files[0].1.contains("\nagency = "), "the manifest stays");
        assert_eq!(checked.notes.len(), 1, "{:?}", checked.notes);
    }
}
