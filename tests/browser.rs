//! The web editions in a real browser: headless Chromium (Debian's
//! `chromium`) runs axe-core (npm) with the WCAG 2.1 A/AA rules on the web
//! edition of mol-109 and of every bundle of the shapes corpus, and
//! measures the page at 390 px: zero violations, no page errors, no sideways scroll,
//! no table caption past the screen's edge (extra-part has a long one)
//! (scripts/web-check.py). Where Chromium is not installed the test says so
//! and checks nothing; `.ci/run` installs it.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::root;

fn axe() -> Option<PathBuf> {
    common::npm_file("web-check", "axe-core@4", "axe-core/axe.min.js")
}

#[test]
fn web_editions_pass_axe_and_fit_a_phone() {
    if Command::new("chromium").arg("--version").output().is_err() {
        eprintln!("web check skipped: no chromium on this machine (apt-get install chromium)");
        return;
    }
    let axe = axe().expect("axe-core from npm");
    let out = tempfile::tempdir().unwrap();
    let built = Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(["build", "inputs", "tests/fixtures/shapes", "--out", out.path().to_str().unwrap()])
        .current_dir(root())
        .output()
        .unwrap();
    assert!(built.status.success(), "{}", String::from_utf8_lossy(&built.stderr));
    let mut pages: Vec<PathBuf> = std::fs::read_dir(out.path())
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    pages.sort();
    assert!(pages.len() >= 8, "{pages:?}");
    let check = Command::new("python3").arg(root().join("scripts/web-check.py")).arg(&axe).args(&pages).output().unwrap();
    let report = String::from_utf8_lossy(&check.stdout);
    eprintln!("{report}");
    assert_eq!(check.status.code(), Some(0), "{report}{}", String::from_utf8_lossy(&check.stderr));
    assert_eq!(report.matches(": 0 violations, 0 page errors, sideways scroll: False").count(), pages.len(), "{report}");
    assert_eq!(report.matches("captions cut: 0").count(), pages.len(), "{report}");
}
