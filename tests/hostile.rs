//! Hostile input, as the most suspicious user would try it: odd folder
//! names in a batch, a kill that leaves checksums stale, a FIFO or a link
//! out of the bundle, control characters in messages, overflowing amounts,
//! an import into a folder that holds files, a comparison of 20,000 entries.
//! Each is answered with a message (or done right), never a hang, a panic
//! or a file outside the bundle read.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use booklet::compare::compare;
use booklet::model::Booklet;
use common::{copy_tree, root};

fn booklet(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .output()
        .expect("run booklet")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A small bundle under `dir/name`, its title given.
fn small(dir: &Path, name: &str, title: &str) -> PathBuf {
    let bundle = dir.join(name);
    copy_tree(&root().join("tests/fixtures/small"), &bundle);
    let manifest = bundle.join("booklet.toml");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let text = text.replacen("[booklet]\n", &format!("[booklet]\ntitle = {title:?}\n"), 1);
    std::fs::write(&manifest, text).unwrap();
    bundle
}

#[test]
fn the_batch_index_links_every_folder_safely_and_the_sums_check() {
    let work = tempfile::tempdir().unwrap();
    let inputs = work.path().join("inputs");
    for name in ["javascript:alert(document.domain)", "a#b", "q?x=1", "line\nbreak", "back\\slash"] {
        small(&inputs, name, "&lt;script&gt;預算總說明");
    }
    let out = work.path().join("out");
    let built = booklet(&["build", "inputs", "--out", "out", "--no-ods"], work.path());
    assert!(built.status.success(), "{}", stderr(&built));
    // The template escapes `/` in attributes as `&#x2f;`, which a browser reads as `/`.
    let index = std::fs::read_to_string(out.join("index.html")).unwrap().replace("&#x2f;", "/");
    assert!(index.contains("href=\"./javascript%3Aalert%28document.domain%29.html\""), "{index}");
    assert!(index.contains("href=\"./a%23b.html\"") && index.contains("href=\"./q%3Fx%3D1.html\""), "{index}");
    assert!(!index.contains("href=\"javascript"), "{index}");
    // The title is escaped once: the text the bundle holds, as written.
    assert!(index.contains("&amp;lt;script&amp;gt;預算總說明"), "{index}");
    // sha256sum reads every name back, a newline and a backslash included.
    if Command::new("sha256sum").arg("--version").output().is_ok() {
        let check = Command::new("sha256sum").args(["-c", "--strict", "SHA256SUMS"]).current_dir(&out).output().unwrap();
        assert!(check.status.success(), "{}{}", String::from_utf8_lossy(&check.stdout), String::from_utf8_lossy(&check.stderr));
        // Five booklets' PDF, workbook and web edition, and the index.
        assert_eq!(String::from_utf8_lossy(&check.stdout).matches(": OK").count(), 16);
    }
}

#[test]
fn a_run_killed_before_its_sums_leaves_them_stale_only_until_the_next() {
    let work = tempfile::tempdir().unwrap();
    small(work.path(), "one", "預算總說明");
    let built = booklet(&["build", "one", "--out", "out"], work.path());
    assert!(built.status.success(), "{}", stderr(&built));
    let sums = work.path().join("out/SHA256SUMS");
    let good = std::fs::read_to_string(&sums).unwrap();
    // As a kill between the outputs and the sums leaves them: stale, and a
    // temporary file that was never renamed.
    std::fs::write(&sums, "0000  one.pdf\n").unwrap();
    std::fs::write(work.path().join("out/.booklet-x1.partial"), "half").unwrap();
    let again = booklet(&["build", "one", "--out", "out"], work.path());
    assert!(stderr(&again).contains("skipped"), "{}", stderr(&again));
    assert_eq!(std::fs::read_to_string(&sums).unwrap(), good);
    assert!(!work.path().join("out/.booklet-x1.partial").exists());
}

#[cfg(unix)]
#[test]
fn a_fifo_or_a_link_out_of_the_bundle_is_refused_by_its_path() {
    let work = tempfile::tempdir().unwrap();
    // An include that is a FIFO: refused at once, not read (which would hang).
    let bundle = small(work.path(), "fifo", "預算總說明");
    let fifo = bundle.join("more.toml");
    let path = std::ffi::CString::new(fifo.to_str().unwrap()).unwrap();
    assert_eq!(unsafe { libc::mkfifo(path.as_ptr(), 0o644) }, 0);
    let manifest = bundle.join("booklet.toml");
    let text = std::fs::read_to_string(&manifest).unwrap().replacen(
        "include = [\"outcomes.toml\"]",
        "include = [\"outcomes.toml\", \"more.toml\"]",
        1,
    );
    assert!(text.contains("more.toml"));
    std::fs::write(&manifest, text).unwrap();
    for args in [&["check", "fifo"][..], &["build", "fifo", "--out", "out"]] {
        let output = booklet(args, work.path());
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        assert!(stderr(&output).contains("not a regular file"), "{}", stderr(&output));
    }
    // A manifest that links to a file outside: its path named, nothing of it shown.
    let secret = work.path().join("secret.toml");
    std::fs::write(&secret, "[booklet]\nagency = \"機密內容\"\nfiscal_year = 109\n").unwrap();
    let linked = work.path().join("linked");
    std::fs::create_dir(&linked).unwrap();
    std::os::unix::fs::symlink(&secret, linked.join("booklet.toml")).unwrap();
    let output = booklet(&["check", "linked"], work.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("leads out of the bundle"), "{}", stderr(&output));
    assert!(!stderr(&output).contains("機密內容"), "{}", stderr(&output));
}

#[test]
fn control_characters_reach_the_terminal_as_escapes() {
    let work = tempfile::tempdir().unwrap();
    let bundle = work.path().join("ctl");
    std::fs::create_dir(&bundle).unwrap();
    std::fs::write(bundle.join("booklet.toml"), "[booklet]\nagency = \"\u{1b}[31m紅\u{202e}字\"\nfiscal_year = 0\n").unwrap();
    let output = booklet(&["check", "ctl"], work.path());
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1), "{err}");
    assert!(!err.contains('\u{1b}') && !err.contains('\u{202e}'), "{err:?}");
    assert!(err.contains("\\u{1b}[31m紅\\u{202e}字"), "{err}");
}

#[test]
fn new_refuses_an_agency_with_a_line_break_and_writes_a_manifest_that_loads() {
    let work = tempfile::tempdir().unwrap();
    let output = booklet(&["new", "x", "--agency", "勞動部\n[evil]", "--year", "110"], work.path());
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("line break"), "{}", stderr(&output));
    assert!(!work.path().join("x/booklet.toml").exists());
    let output = booklet(&["new", "y", "--agency", "勞動部 \"引號\" \\ 反斜線", "--year", "110"], work.path());
    assert!(output.status.success(), "{}", stderr(&output));
    let check = booklet(&["check", "y"], work.path());
    assert!(check.status.success(), "{}", stderr(&check));
}

#[test]
fn import_never_replaces_a_file_it_did_not_write() {
    let work = tempfile::tempdir().unwrap();
    let text = root().join("tests/fixtures/mol-109-source.txt");
    let out = work.path().join("draft");
    std::fs::create_dir(&out).unwrap();
    std::fs::write(out.join("policy.toml"), "# mine\n").unwrap();
    let output = booklet(&["import", text.to_str().unwrap(), "--out", "draft"], work.path());
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    assert!(stderr(&output).contains("--force"), "{}", stderr(&output));
    assert_eq!(std::fs::read_to_string(out.join("policy.toml")).unwrap(), "# mine\n");
    assert!(!out.join("booklet.toml").exists(), "nothing written");
    let forced = booklet(&["import", text.to_str().unwrap(), "--out", "draft", "--force"], work.path());
    assert!(forced.status.success(), "{}", stderr(&forced));
    assert_ne!(std::fs::read_to_string(out.join("policy.toml")).unwrap(), "# mine\n");
}

#[test]
fn an_imported_text_without_front_matter_gives_a_draft_that_builds() {
    let work = tempfile::tempdir().unwrap();
    let source = std::fs::read_to_string(root().join("tests/fixtures/mol-109-source.txt")).unwrap();
    // From the first part heading on: no agency, title or year before it.
    let first = source.lines().position(|l| l.contains("現行法定職掌")).expect("a first part");
    let body = source.lines().skip(first).collect::<Vec<_>>().join("\n");
    std::fs::write(work.path().join("body.txt"), body).unwrap();
    let output = booklet(&["import", "body.txt", "--out", "draft"], work.path());
    assert!(output.status.success(), "{}", stderr(&output));
    assert!(stderr(&output).contains("booklet.agency"), "{}", stderr(&output));
    let check = booklet(&["check", "draft"], work.path());
    assert!(check.status.success(), "{}", stderr(&check));
}

/// A booklet of one outcome table whose one sub-item holds `n` results.
fn many(n: usize, word: &str) -> Booklet {
    let work = tempfile::tempdir().unwrap();
    let results: Vec<String> = (0..n).map(|i| format!("\"{word}第{i}項成果：辦理說明會{}場次\"", i * 7 % 1000)).collect();
    let text = format!(
        "[booklet]\nagency = \"範例部\"\nfiscal_year = 110\n\n[[outcomes.tables]]\nheading = \"前年度實施成果\"\n\n[[outcomes.tables.work_plans]]\nname = \"範例業務\"\n\n[[outcomes.tables.work_plans.items]]\ntitle = \"範例項目\"\n\n[[outcomes.tables.work_plans.items.subitems]]\ntext = \"範例概況\"\nresults = [{}]\n",
        results.join(",\n")
    );
    std::fs::write(work.path().join("booklet.toml"), text).unwrap();
    let reference = booklet::load::BundleRef { name: "many".into(), dir: work.path().to_path_buf() };
    booklet::load::load(&reference).unwrap_or_else(|d| panic!("{d:#?}")).booklet
}

/// 20,000 results, every one reworded: matched by their rarer bigrams and
/// their neighbours, never pair by pair (`just bench` times it).
#[test]
fn twenty_thousand_reworded_entries_are_compared() {
    let (old, new) = (many(20_000, "舊"), many(20_000, "新"));
    let report = compare(&old, &new, "old", "new");
    let changed: usize = report.counts.iter().map(|c| c.changed).sum();
    assert!(changed >= 19_000, "{:?}", report.counts);
}

/// Runs `booklet watch` while `act` changes things, then stops it; gives
/// what it printed.
fn watching(dir: &Path, args: &[&str], act: impl FnOnce()) -> String {
    use std::io::Read;
    let mut child = Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("watch starts");
    std::thread::sleep(std::time::Duration::from_millis(1500));
    act();
    std::thread::sleep(std::time::Duration::from_millis(2500));
    let _ = child.kill();
    let _ = child.wait();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    err
}

/// Watching a bundle from inside it, with the outputs inside it: its own
/// outputs start no build; an edit starts one.
#[test]
fn watch_ignores_its_own_outputs_and_follows_a_bundle_made_again() {
    let work = tempfile::tempdir().unwrap();
    let bundle = small(work.path(), "one", "預算總說明");
    let manifest = bundle.join("booklet.toml");
    let err = watching(&bundle, &["watch", "."], || {
        let text = std::fs::read_to_string(&manifest).unwrap();
        std::fs::write(&manifest, text.replace("測試部", "測試部二")).unwrap();
    });
    assert_eq!(err.matches("built ").count(), 2, "one build at the start, one for the edit:\n{err}");

    // The bundle deleted and made again: watched again, built again.
    let saved = work.path().join("saved");
    copy_tree(&bundle, &saved);
    let err = watching(work.path(), &["watch", "one", "--out", "out"], || {
        std::fs::remove_dir_all(&bundle).unwrap();
        std::thread::sleep(std::time::Duration::from_millis(300));
        copy_tree(&saved, &bundle);
    });
    assert!(err.matches("built ").count() >= 2, "the bundle made again is built:\n{err}");
}

/// A bundle holding links out of it (to /proc/self, to /etc): the
/// fingerprint follows none of them, so a build neither hangs nor reads
/// them, and an unchanged bundle is skipped.
#[cfg(unix)]
#[test]
fn links_out_of_a_bundle_are_not_followed_by_the_fingerprint() {
    let work = tempfile::tempdir().unwrap();
    let bundle = small(work.path(), "linked", "預算總說明");
    std::os::unix::fs::symlink("/proc/self", bundle.join("proc")).unwrap();
    std::os::unix::fs::symlink("/etc", bundle.join("etc")).unwrap();
    let start = std::time::Instant::now();
    let first = booklet(&["build", "linked", "--out", "out"], work.path());
    assert!(first.status.success(), "{}", stderr(&first));
    let again = booklet(&["build", "linked", "--out", "out"], work.path());
    assert!(stderr(&again).contains("skipped"), "{}", stderr(&again));
    assert!(start.elapsed() < std::time::Duration::from_secs(20));
}

/// A placeholder left from `booklet new` is a warning, and an error with
/// `--deny-warnings`.
#[test]
fn placeholders_left_from_new_are_warned_about() {
    let work = tempfile::tempdir().unwrap();
    let made = booklet(&["new", "fresh", "--agency", "範例部", "--year", "110"], work.path());
    assert!(made.status.success(), "{}", stderr(&made));
    let check = booklet(&["check", "fresh"], work.path());
    assert!(check.status.success(), "{}", stderr(&check));
    assert!(stderr(&check).contains("still holds the placeholder （請填寫）"), "{}", stderr(&check));
    let strict = booklet(&["check", "fresh", "--deny-warnings"], work.path());
    assert_eq!(strict.status.code(), Some(1), "{}", stderr(&strict));
}
