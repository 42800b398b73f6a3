//! The Typst world is a sandbox: it serves the templates, the fonts and the
//! bundle, and nothing else; no package is fetched. Template and Typst
//! errors point at the template file and line.

mod common;

use std::fs;
use std::path::Path;

use booklet::build::{Engine, Paths};
use booklet::load::BundleRef;
use common::{options, root};

/// A project root with the real templates, the look edited by `edit`.
fn project(edit: impl FnOnce(&Path)) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    let templates = tmp.path().join("templates");
    fs::create_dir_all(&templates).unwrap();
    for entry in fs::read_dir(root().join("templates")).unwrap() {
        let entry = entry.unwrap();
        fs::copy(entry.path(), templates.join(entry.file_name())).unwrap();
    }
    fs::write(tmp.path().join("secret.txt"), "not for Typst").unwrap();
    edit(&templates);
    tmp
}

fn append(path: &Path, text: &str) {
    let mut content = fs::read_to_string(path).unwrap();
    content.push_str(text);
    fs::write(path, content).unwrap();
}

/// Builds the small fixture bundle in a project; returns the rendered errors.
fn errors(project: &Path) -> String {
    let paths = Paths { root: project.to_path_buf(), templates: Some(project.join("templates")), fonts: Some(root().join("fonts")) };
    let engine = match Engine::new(&paths) {
        Ok(engine) => engine,
        Err(d) => return d.render(false),
    };
    let bundle = BundleRef { dir: root().join("tests/fixtures/small"), name: "small".into() };
    let out = tempfile::tempdir().unwrap();
    match engine.typeset(&bundle, &options(out.path())) {
        Ok(_) => String::new(),
        Err(diagnostics) => diagnostics.iter().map(|d| d.render(false)).collect(),
    }
}

#[test]
fn the_unedited_templates_build() {
    let tmp = project(|_| {});
    assert_eq!(errors(tmp.path()), "");
}

#[test]
fn files_outside_the_sandbox_are_refused() {
    let tmp = project(|t| append(&t.join("booklet.typ.j2"), "\n#read(\"/secret.txt\")\n"));
    let err = errors(tmp.path());
    assert!(err.contains("access denied"), "{err}");
    assert!(err.contains("/secret.txt"), "{err}");

    let tmp = project(|t| append(&t.join("booklet.typ.j2"), "\n#read(\"../../../../../../etc/passwd\")\n"));
    let err = errors(tmp.path());
    assert!(!err.is_empty() && !err.contains("root:"), "{err}");
}

#[cfg(unix)]
#[test]
fn links_out_of_the_sandbox_are_refused() {
    let tmp = project(|t| {
        std::os::unix::fs::symlink("../secret.txt", t.join("link.txt")).unwrap();
        append(&t.join("booklet.typ.j2"), "\n#read(\"/templates/link.txt\")\n");
    });
    let err = errors(tmp.path());
    assert!(err.contains("access denied"), "{err}");
}

#[test]
fn packages_are_refused() {
    let tmp = project(|t| append(&t.join("booklet.typ.j2"), "\n#import \"@preview/cetz:0.3.4\": canvas\n"));
    let err = errors(tmp.path());
    assert!(err.contains("packages are not available"), "{err}");
}

#[test]
fn typst_errors_point_at_the_template() {
    let tmp = project(|t| append(&t.join("booklet.typ"), "\n#let broken(x) = x +\n"));
    let err = errors(tmp.path());
    assert!(err.contains("templates/booklet.typ:"), "{err}");
    assert!(err.contains("typst:"), "{err}");
}

#[test]
fn template_errors_point_at_the_template_line() {
    let tmp = project(|t| append(&t.join("booklet.typ.j2"), "\n{{ no_such_value }}\n"));
    let err = errors(tmp.path());
    assert!(err.contains("template error"), "{err}");
    assert!(err.contains("booklet.typ.j2:"), "{err}");

    let tmp = project(|t| append(&t.join("booklet.typ.j2"), "\n{% if %}\n"));
    let err = errors(tmp.path());
    assert!(err.contains("booklet.typ.j2:"), "{err}");
}
