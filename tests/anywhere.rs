//! The binary works in any folder: its templates and fonts are embedded, a
//! `templates/` or `fonts/` folder (or `--root`) overrides them, a booklet
//! built elsewhere is byte-identical to one built with the project's own
//! files, and the skip-unchanged fingerprint covers the resources used.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use common::{copy_tree, root};

fn booklet(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("the binary runs")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// An agency's folder: one bundle, nothing else.
fn agency_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_tree(&root().join("inputs/mol-109"), &dir.path().join("mol-109"));
    dir
}

#[test]
fn a_folder_of_bundles_builds_with_the_embedded_look_byte_for_byte() {
    let agency = agency_folder();
    let built = booklet(agency.path(), &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    assert!(stderr(&built).contains("1 built"), "{}", stderr(&built));

    // The same bundle with the project's own templates and fonts.
    let project = agency_folder();
    let root = root();
    let reference = booklet(project.path(), &["build", "--root", root.to_str().unwrap()]);
    assert!(reference.status.success(), "{}", stderr(&reference));
    for ext in ["pdf", "xlsx"] {
        let a = std::fs::read(agency.path().join(format!("out/mol-109.{ext}"))).unwrap();
        let b = std::fs::read(project.path().join(format!("out/mol-109.{ext}"))).unwrap();
        assert!(a == b, "the {ext} built with the embedded resources differs from the project's");
    }

    // Unchanged: skipped.
    let again = booklet(agency.path(), &["build"]);
    assert!(stderr(&again).contains("1 skipped"), "{}", stderr(&again));
}

#[test]
fn a_templates_folder_overrides_the_embedded_look_and_the_fingerprint_sees_it() {
    let agency = agency_folder();
    let first = booklet(agency.path(), &["build"]);
    assert!(first.status.success(), "{}", stderr(&first));
    let embedded = std::fs::read(agency.path().join("out/mol-109.pdf")).unwrap();

    // The agency's own look: a larger body size.
    copy_tree(&root().join("templates"), &agency.path().join("templates"));
    let look = agency.path().join("templates/booklet.typ");
    let text = std::fs::read_to_string(&look).unwrap();
    assert!(text.contains("#let body-size = 13pt"));
    std::fs::write(&look, text.replace("#let body-size = 13pt", "#let body-size = 14pt")).unwrap();

    let second = booklet(agency.path(), &["build"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(stderr(&second).contains("1 built"), "the changed look is not skipped: {}", stderr(&second));
    let overridden = std::fs::read(agency.path().join("out/mol-109.pdf")).unwrap();
    assert!(overridden != embedded, "the templates folder was not used");
}

#[test]
fn an_empty_fonts_folder_is_an_error_not_a_fallback() {
    let agency = agency_folder();
    std::fs::create_dir(agency.path().join("fonts")).unwrap();
    let output = booklet(agency.path(), &["build"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(stderr(&output).contains("no font found in"), "{}", stderr(&output));
}

#[test]
fn a_bundle_made_outside_the_project_gets_a_schema_the_editor_finds() {
    let folder = tempfile::tempdir().unwrap();
    let made = booklet(folder.path(), &["new", "moi-110", "--agency", "內政部", "--year", "110"]);
    assert!(made.status.success(), "{}", stderr(&made));
    let manifest = std::fs::read_to_string(folder.path().join("moi-110/booklet.toml")).unwrap();
    let first = manifest.lines().next().unwrap();
    assert_eq!(first, "#:schema ../booklet.schema.json");
    // The file it names is there, and is the schema of this binary.
    let written = std::fs::read_to_string(folder.path().join("booklet.schema.json")).unwrap();
    let printed = booklet(folder.path(), &["schema"]);
    assert_eq!(written.trim(), String::from_utf8_lossy(&printed.stdout).trim());
    // A second bundle beside it shares it.
    let second = booklet(folder.path(), &["new", "moe-110", "--agency", "教育部", "--year", "110"]);
    assert!(second.status.success(), "{}", stderr(&second));
    assert!(std::fs::read_to_string(folder.path().join("moe-110/booklet.toml")).unwrap().starts_with("#:schema ../booklet.schema.json\n"));
}
