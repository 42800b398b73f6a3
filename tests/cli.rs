//! The `booklet` binary, run as a user would: output names, skipping
//! unchanged bundles, checksums, reproducible bytes, failures that do not
//! stop the other bundles, and interrupted batches.

mod common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{copy_tree, root};
use sha2::{Digest, Sha256};

fn booklet(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .arg("--root")
        .arg(root())
        .current_dir(cwd)
        .env_remove("SOURCE_DATE_EPOCH")
        .output()
        .expect("run booklet")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

fn mol() -> PathBuf {
    root().join("inputs/mol-109")
}

#[test]
fn a_bundle_path_is_named_after_its_directory() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let result = booklet(&["build", mol().to_str().unwrap(), "--out", out.to_str().unwrap()], tmp.path());
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(out.join("mol-109.pdf").is_file());
    assert!(out.join("mol-109.xlsx").is_file());
    let pdf = fs::read(out.join("mol-109.pdf")).unwrap();
    assert!(pdf.starts_with(b"%PDF-") && pdf.ends_with(b"%%EOF\n") || pdf.ends_with(b"%%EOF"));
}

#[test]
fn a_tree_keeps_its_relative_paths() {
    let tmp = tempfile::tempdir().unwrap();
    let tree = tmp.path().join("tree");
    copy_tree(&mol(), &tree.join("labor/mol-109"));
    copy_tree(&root().join("tests/fixtures/small"), &tree.join("small"));
    let out = tmp.path().join("out");
    let result = booklet(&["build", tree.to_str().unwrap(), "--out", out.to_str().unwrap(), "--keep-typst"], tmp.path());
    assert!(result.status.success(), "{}", stderr(&result));
    for file in [
        "labor/mol-109.pdf",
        "labor/mol-109.xlsx",
        "labor/mol-109.ods",
        "labor/mol-109.html",
        "labor/mol-109.typ",
        "small.pdf",
        "small.xlsx",
        "small.ods",
        "small.html",
        "index.html",
    ] {
        assert!(out.join(file).is_file(), "{file} missing; {}", stderr(&result));
    }
    // SHA256SUMS lists every output (PDF, workbooks, web edition, the
    // index), in the format sha256sum -c reads.
    let sums = fs::read_to_string(out.join("SHA256SUMS")).unwrap();
    let mut listed = 0;
    for line in sums.lines() {
        let (hash, file) = line.split_once("  ").expect("hash, two spaces, file");
        let bytes = fs::read(out.join(file)).unwrap();
        assert_eq!(hash, format!("{:x}", Sha256::digest(&bytes)), "{file}");
        listed += 1;
    }
    assert_eq!(listed, 9, "{sums}");
}

#[test]
fn unchanged_bundles_are_skipped_and_forced_builds_are_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let bundle = tmp.path().join("inputs/mol-109");
    copy_tree(&mol(), &bundle);
    let out = tmp.path().join("out");
    let args = ["build", "inputs", "--out", out.to_str().unwrap()];
    let first = booklet(&args, tmp.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let pdf = fs::read(out.join("mol-109.pdf")).unwrap();
    let xlsx = fs::read(out.join("mol-109.xlsx")).unwrap();
    let ods = fs::read(out.join("mol-109.ods")).unwrap();
    let modified = fs::metadata(out.join("mol-109.pdf")).unwrap().modified().unwrap();

    let second = booklet(&args, tmp.path());
    assert!(second.status.success());
    assert!(stderr(&second).contains("0 built, 1 skipped"), "{}", stderr(&second));
    assert_eq!(fs::metadata(out.join("mol-109.pdf")).unwrap().modified().unwrap(), modified, "nothing rewritten");

    let forced = booklet(&[&args[..], &["--force"]].concat(), tmp.path());
    assert!(stderr(&forced).contains("1 built"), "{}", stderr(&forced));
    assert_eq!(fs::read(out.join("mol-109.pdf")).unwrap(), pdf, "the same PDF bytes");
    assert_eq!(fs::read(out.join("mol-109.xlsx")).unwrap(), xlsx, "the same workbook bytes");
    assert_eq!(fs::read(out.join("mol-109.ods")).unwrap(), ods, "the same OpenDocument bytes");

    // Without the .ods, the build is not the same: it runs again and
    // writes none.
    fs::remove_file(out.join("mol-109.ods")).unwrap();
    let no_ods = booklet(&[&args[..], &["--no-ods"]].concat(), tmp.path());
    assert!(stderr(&no_ods).contains("1 built"), "{}", stderr(&no_ods));
    assert!(!out.join("mol-109.ods").exists(), "--no-ods wrote the .ods");
    // And a build with it, missing its .ods, builds again.
    let again = booklet(&args, tmp.path());
    assert!(stderr(&again).contains("1 built"), "{}", stderr(&again));
    assert_eq!(fs::read(out.join("mol-109.ods")).unwrap(), ods);

    // An edit to the bundle makes it build again.
    let policy = bundle.join("policy.toml");
    let text = fs::read_to_string(&policy).unwrap().replace("提升本部各年度資本門預算之執行效率", "提升本部各年度資本門預算之執行效能");
    fs::write(&policy, text).unwrap();
    let edited = booklet(&args, tmp.path());
    assert!(stderr(&edited).contains("1 built"), "{}", stderr(&edited));
    assert_ne!(fs::read(out.join("mol-109.pdf")).unwrap(), pdf);
}

#[test]
fn broken_bundles_fail_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("inputs");
    copy_tree(&mol(), &inputs.join("mol-109"));
    // Three broken bundles: a wrong total, TOML syntax, a missing include.
    copy_tree(&root().join("tests/fixtures/small"), &inputs.join("bad-total"));
    let manifest = inputs.join("bad-total/booklet.toml");
    fs::write(&manifest, fs::read_to_string(&manifest).unwrap().replace("total = 15", "total = 16")).unwrap();
    fs::create_dir_all(inputs.join("bad-syntax")).unwrap();
    fs::write(inputs.join("bad-syntax/booklet.toml"), "[booklet]\nagency = \"某部\nfiscal_year = 109\n").unwrap();
    fs::create_dir_all(inputs.join("bad-include")).unwrap();
    fs::write(inputs.join("bad-include/booklet.toml"), "[booklet]\nagency = \"某部\"\nfiscal_year = 109\ninclude = [\"missing.toml\"]\n")
        .unwrap();

    let out = tmp.path().join("out");
    let result = booklet(&["build", "inputs", "--out", out.to_str().unwrap()], tmp.path());
    let err = stderr(&result);
    assert_eq!(result.status.code(), Some(1), "{err}");
    assert!(err.contains("inputs/bad-total/booklet.toml:"), "{err}");
    assert!(err.contains("not the sum of the counts"), "{err}");
    assert!(err.contains("inputs/bad-syntax/booklet.toml:2:"), "{err}");
    assert!(err.contains("inputs/bad-include/booklet.toml:4:"), "{err}");
    assert!(err.contains("1 built, 0 skipped (unchanged), 3 failed"), "{err}");
    assert!(out.join("mol-109.pdf").is_file() && out.join("mol-109.xlsx").is_file());
    for bad in ["bad-total", "bad-syntax", "bad-include"] {
        assert!(!out.join(format!("{bad}.pdf")).exists() && !out.join(format!("{bad}.xlsx")).exists());
    }
}

#[test]
fn usage_errors_exit_2() {
    let tmp = tempfile::tempdir().unwrap();
    let result = booklet(&["build", "no-such-dir"], tmp.path());
    assert_eq!(result.status.code(), Some(2), "{}", stderr(&result));
    let result = booklet(&["frobnicate"], tmp.path());
    assert_eq!(result.status.code(), Some(2));
}

#[test]
fn check_writes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    let result = booklet(&["check", mol().to_str().unwrap()], tmp.path());
    assert!(result.status.success(), "{}", stderr(&result));
    assert!(fs::read_dir(tmp.path()).unwrap().next().is_none(), "check wrote a file");
}

#[test]
fn an_interrupted_batch_leaves_earlier_outputs_whole() {
    let tmp = tempfile::tempdir().unwrap();
    let inputs = tmp.path().join("inputs");
    for i in 0..12 {
        copy_tree(&mol(), &inputs.join(format!("mol-{i:02}")));
    }
    let out = tmp.path().join("out");
    // A first, complete build of one bundle: its outputs must survive.
    let first = booklet(&["build", inputs.join("mol-00").to_str().unwrap(), "--out", out.to_str().unwrap()], tmp.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let good = fs::read(out.join("mol-00.pdf")).unwrap();

    let mut child = Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(["build", "inputs", "--force", "--out", out.to_str().unwrap(), "--root", root().to_str().unwrap()])
        .current_dir(tmp.path())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    // Kill it part-way: once a few booklets are out, or after a while.
    let started = std::time::Instant::now();
    while started.elapsed() < std::time::Duration::from_secs(20) {
        let done = fs::read_dir(&out)
            .map(|d| d.filter(|e| e.as_ref().is_ok_and(|e| e.path().extension().is_some_and(|x| x == "xlsx"))).count())
            .unwrap_or(0);
        if done >= 4 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.kill().unwrap();
    child.wait().unwrap();

    assert_eq!(fs::read(out.join("mol-00.pdf")).unwrap(), good, "the earlier output is intact");
    for entry in fs::read_dir(&out).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".pdf") {
            let bytes = fs::read(&path).unwrap();
            assert_eq!(bytes, good, "{name} is a whole booklet");
        }
        if name.ends_with(".xlsx") {
            let bytes = fs::read(&path).unwrap();
            assert!(
                bytes.starts_with(b"PK") && calamine::open_workbook_from_rs::<calamine::Xlsx<_>, _>(std::io::Cursor::new(bytes)).is_ok(),
                "{name} is a whole workbook"
            );
        }
    }
}
