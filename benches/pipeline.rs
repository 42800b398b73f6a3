//! `just bench`: how fast booklet is, measured honestly on this machine.
//!
//! Reports median, min and max of:
//! - each stage of one booklet in-process (load + validate, render Typst
//!   source, layout, PDF export, workbook) with Typst's caches emptied
//!   before each run;
//! - one booklet cold: a new `booklet build` process with all its outputs
//!   (PDF, XLSX, ODS, web edition), and with the PDF and XLSX only;
//! - the stock typst-cli 0.15.1 on the emitted `.typ` (whole process
//!   against whole process, installed by `just typst-cli` into .cache/),
//!   the ratio of the times and of the peak memory;
//! - a batch of 20 bundles in one call versus 20 separate calls;
//! - a warm rebuild (watch mode) after a one-line edit, to the PDF on disk,
//!   in-process, and `booklet watch` in its own process from the file write
//!   to the new PDF on disk (debounce included);
//! - importing the booklet's PDF back into a draft bundle;
//! - the peak resident memory of one booklet and of the batch.
//!
//! `BENCH_RUNS` sets the number of runs (11 by default).

use std::fs;
use std::path::PathBuf;
use std::process::Command;
use std::time::{Duration, Instant};

use booklet::build::{Engine, Options, Paths};
use booklet::load::BundleRef;
use booklet::world::BookletWorld;

#[path = "../tests/common/mod.rs"]
mod common;

use common::{copy_tree, root};

fn binary() -> PathBuf {
    // The release binary beside this bench's own executable.
    let exe = std::env::current_exe().unwrap();
    let dir = exe.parent().unwrap().parent().unwrap();
    dir.join("booklet")
}

struct Stats {
    median: f64,
    min: f64,
    max: f64,
}

fn stats(samples: &[Duration]) -> Stats {
    let mut ms: Vec<f64> = samples.iter().map(|d| d.as_secs_f64() * 1000.0).collect();
    ms.sort_by(|a, b| a.total_cmp(b));
    let median = if ms.len() % 2 == 1 { ms[ms.len() / 2] } else { (ms[ms.len() / 2 - 1] + ms[ms.len() / 2]) / 2.0 };
    Stats { median, min: ms[0], max: ms[ms.len() - 1] }
}

fn row(name: &str, samples: &[Duration]) -> Stats {
    let s = stats(samples);
    println!("| {name:<44} | {:>9.1} | {:>9.1} | {:>9.1} |", s.median, s.min, s.max);
    s
}

/// Runs a command and returns its wall time and peak resident memory (KiB).
///
/// The memory is read by GNU time (`/usr/bin/time`, Debian's `time`), which
/// forks the command from its own small process: the kernel keeps a
/// process's peak across `exec`, so a command spawned straight from this
/// (large) process would report this process's size as its own.
fn run_measured(cmd: &mut Command) -> (Duration, i64) {
    let report = tempfile::NamedTempFile::new().unwrap();
    let mut timed = Command::new("/usr/bin/time");
    timed.args(["-f", "%M", "-o"]).arg(report.path()).arg(cmd.get_program()).args(cmd.get_args());
    if let Some(dir) = cmd.get_current_dir() {
        timed.current_dir(dir);
    }
    let start = Instant::now();
    let status = timed.stdout(std::process::Stdio::null()).stderr(std::process::Stdio::null()).status().expect("/usr/bin/time runs");
    let time = start.elapsed();
    assert!(status.success(), "{cmd:?} failed");
    let kib = fs::read_to_string(report.path()).unwrap().lines().last().and_then(|l| l.trim().parse().ok()).unwrap_or(0);
    (time, kib)
}

fn main() {
    let runs: usize = std::env::var("BENCH_RUNS").ok().and_then(|r| r.parse().ok()).unwrap_or(11);
    let tmp = tempfile::tempdir().unwrap();
    // Inside the project root, so that the stock compiler (whose root is the
    // project) can compile the emitted source.
    let out = root().join("out/bench");
    let mol = root().join("inputs/mol-109");
    let bundle = BundleRef { dir: mol.clone(), name: "mol-109".into() };
    let options = Options {
        out_dir: out.clone(),
        keep_typst: false,
        deny_warnings: false,
        check_only: false,
        standard: Default::default(),
        html: true,
        ods: true,
    };
    println!("booklet benchmark: {runs} runs each, {} cores", std::thread::available_parallelism().map_or(1, |n| n.get()));
    println!();
    println!("| {:<44} | {:>9} | {:>9} | {:>9} |", "what (ms)", "median", "min", "max");
    println!("|{:-<46}|{:->11}|{:->11}|{:->11}|", "", "", "", "");

    // Stages, in-process, Typst caches emptied before each run.
    let start = Instant::now();
    let engine = Engine::new(&Paths::under(&root())).unwrap();
    let engine_load = start.elapsed();
    let mut stages: [Vec<Duration>; 7] = Default::default();
    for _ in 0..runs {
        comemo::evict(0);
        let start = Instant::now();
        let t = engine.typeset(&bundle, &options).unwrap();
        let total = start.elapsed();
        for (i, d) in [t.timings.load, t.timings.render, t.timings.layout, t.timings.pdf, t.timings.workbook, total, t.timings.proof]
            .into_iter()
            .enumerate()
        {
            stages[i].push(d);
        }
    }
    row("engine start (fonts, library, templates)", &[engine_load]);
    row("stage: load + validate", &stages[0]);
    row("stage: render Typst source", &stages[1]);
    row("stage: layout", &stages[2]);
    row("stage: page texts + no-text-lost proof", &stages[6]);
    row("stage: PDF export (parallel with workbook)", &stages[3]);
    row("stage: workbooks (XLSX + ODS)", &stages[4]);
    row("in-process total (no file writes)", &stages[5]);

    // One booklet, cold: a new process each time, with all its outputs
    // (PDF, XLSX, ODS, web edition) and, in alternate runs, with the PDF
    // and the XLSX only.
    let mut cold = Vec::new();
    let mut cold_two = Vec::new();
    let mut cold_rss = 0;
    let two_out = tmp.path().join("two-out");
    for _ in 0..runs {
        let (time, rss) = run_measured(
            Command::new(binary())
                .args(["build", mol.to_str().unwrap(), "--force", "--keep-typst", "--out", out.to_str().unwrap()])
                .current_dir(root()),
        );
        cold.push(time);
        cold_rss = cold_rss.max(rss);
        let (time, _) = run_measured(
            Command::new(binary())
                .args(["build", mol.to_str().unwrap(), "--force", "--no-html", "--no-ods", "--out", two_out.to_str().unwrap()])
                .current_dir(root()),
        );
        cold_two.push(time);
    }
    let cold_stats = row("one booklet, cold process (all outputs)", &cold);
    let two_stats = row("one booklet, cold process (PDF + XLSX only)", &cold_two);

    // The stock compiler, typst-cli 0.15.1 (`just typst-cli` installs it
    // into .cache/), on the emitted source: whole process against whole
    // process, the same fonts, PDF/A-2b, interleaved with booklet's runs.
    let typ = out.join("mol-109.typ");
    let cli = root().join(".cache/typst-cli/bin/typst");
    let mut stock = Vec::new();
    let mut again = Vec::new();
    let mut stock_rss = 0;
    if cli.is_file() {
        for _ in 0..runs {
            let (time, rss) = run_measured(
                Command::new(&cli)
                    .args(["compile", "--root", root().to_str().unwrap(), "--font-path", root().join("fonts").to_str().unwrap()])
                    .args(["--ignore-system-fonts", "--pdf-standard", "a-2b", typ.to_str().unwrap()])
                    .arg(tmp.path().join("stock.pdf"))
                    .current_dir(root()),
            );
            stock.push(time);
            stock_rss = stock_rss.max(rss);
            let (time, _) = run_measured(
                Command::new(binary())
                    .args(["build", mol.to_str().unwrap(), "--force", "--keep-typst", "--out", out.to_str().unwrap()])
                    .current_dir(root()),
            );
            again.push(time);
        }
    } else {
        println!("|   typst-cli 0.15.1 is not in .cache/: run `just typst-cli` |           |           |           |");
    }
    let stock_stats = (!stock.is_empty()).then(|| row("stock typst-cli 0.15.1, whole process (PDF)", &stock));
    let again_stats = (!again.is_empty()).then(|| row("  booklet, all outputs, runs interleaved", &again));
    if stock_stats.is_some() {
        let same = fs::read(tmp.path().join("stock.pdf")).ok() == fs::read(out.join("mol-109.pdf")).ok();
        println!("|   stock PDF byte-identical to booklet's: {same:<5} |           |           |           |");
    }

    // Batch: 20 bundles in one call, and in 20 calls.
    // Twenty different bundles: each copy has one common word replaced by a
    // word of its own, so that Typst's memoisation cannot reuse one
    // booklet's layout for the next (as it could for identical copies).
    let inputs = tmp.path().join("batch");
    let words = [
        "甲乙", "丙丁", "戊己", "庚辛", "壬癸", "子丑", "寅卯", "辰巳", "午未", "申酉", "戌亥", "東西", "南北", "春夏", "秋冬", "金木",
        "水火", "土石", "山川", "日月",
    ];
    for (i, word) in words.iter().enumerate() {
        let dir = inputs.join(format!("mol-{i:02}"));
        copy_tree(&mol, &dir);
        // The TOML files and the budget data alike (the agency's name is in both).
        let data = fs::read_dir(dir.join("budget")).into_iter().flatten();
        for entry in fs::read_dir(&dir).unwrap().chain(data) {
            let path = entry.unwrap().path();
            if !path.is_file() {
                continue;
            }
            let text = fs::read_to_string(&path).unwrap().replace("勞動", word).replace("辦理", &word.chars().rev().collect::<String>());
            fs::write(&path, text).unwrap();
        }
    }
    let batch_out = tmp.path().join("batch-out");
    let mut one_call = Vec::new();
    let mut batch_rss = 0;
    let batch_runs = runs.div_ceil(3).max(3);
    for _ in 0..batch_runs {
        let (time, rss) = run_measured(
            Command::new(binary())
                .args(["build", inputs.to_str().unwrap(), "--force", "--out", batch_out.to_str().unwrap()])
                .current_dir(root()),
        );
        one_call.push(time);
        batch_rss = batch_rss.max(rss);
    }
    let mut separate = Vec::new();
    for _ in 0..batch_runs {
        let start = Instant::now();
        for i in 0..20 {
            run_measured(
                Command::new(binary())
                    .args(["build", inputs.join(format!("mol-{i:02}")).to_str().unwrap(), "--force", "--out", batch_out.to_str().unwrap()])
                    .current_dir(root()),
            );
        }
        separate.push(start.elapsed());
    }
    let one = row("batch: 20 bundles in one call", &one_call);
    let many = row("batch: 20 separate calls", &separate);

    // A no-change rebuild of the batch (everything skipped).
    let mut nochange = Vec::new();
    for _ in 0..batch_runs {
        nochange.push(
            run_measured(
                Command::new(binary()).args(["build", inputs.to_str().unwrap(), "--out", batch_out.to_str().unwrap()]).current_dir(root()),
            )
            .0,
        );
    }
    let skip = row("batch: no-change rebuild (20 skipped)", &nochange);

    // Every agency of FY109 from the budget data: `new --all`, then one
    // build of the 233 bundles (all outputs), forced each run.
    let agencies = tmp.path().join("agencies");
    let status = Command::new(binary())
        .args(["new", agencies.to_str().unwrap(), "--all", "--budget", "tests/fixtures/budget/central-fy109-proposed.csv"])
        .args(["--previous-budget", "tests/fixtures/budget/central-fy108-enacted.csv"])
        .current_dir(root())
        .stderr(std::process::Stdio::null())
        .status()
        .unwrap();
    assert!(status.success(), "booklet new --all");
    let agencies_out = tmp.path().join("agencies-out");
    let mut all = Vec::new();
    let mut all_rss = 0;
    for _ in 0..batch_runs {
        let (time, rss) = run_measured(
            Command::new(binary())
                .args(["build", agencies.to_str().unwrap(), "--force", "--out", agencies_out.to_str().unwrap()])
                .current_dir(root()),
        );
        all.push(time);
        all_rss = all_rss.max(rss);
    }
    let all_stats = row("batch: every agency of FY109 (233 bundles, one call)", &all);

    // Warm rebuild: the world kept alive, one result line edited.
    let warm_dir = tmp.path().join("warm/mol-109");
    copy_tree(&mol, &warm_dir);
    let warm_bundle = BundleRef { dir: warm_dir.clone(), name: "warm".into() };
    let mut world: Option<BookletWorld> = None;
    engine.build_in(&warm_bundle, &options, &mut world).unwrap();
    let file = warm_dir.join("outcomes-108.toml");
    let original = fs::read_to_string(&file).unwrap();
    let mut warm = Vec::new();
    let mut warm_stages: [Vec<Duration>; 4] = Default::default();
    for i in 0..runs {
        let edited = original.replace("審結案件計2,018件", &format!("審結案件計2,{:03}件", 18 + i));
        fs::write(&file, edited).unwrap();
        let start = Instant::now();
        let built = engine.build_in(&warm_bundle, &options, &mut world).unwrap();
        warm.push(start.elapsed());
        let t = built.timings;
        for (k, d) in [t.load + t.render, t.layout, t.pdf.max(t.workbook), t.write].into_iter().enumerate() {
            warm_stages[k].push(d);
        }
    }
    let warm_stats = row("warm rebuild after a one-line edit (to disk)", &warm);
    row("  warm: load + validate + render", &warm_stages[0]);
    row("  warm: layout (incremental)", &warm_stages[1]);
    row("  warm: PDF export and workbook", &warm_stages[2]);
    row("  warm: write the files", &warm_stages[3]);

    // Watch mode, from the file write to the new PDF on disk: `booklet
    // watch` in its own process, one result edited per run; the time runs
    // from just before the write until watch reports the build (it reports
    // after the files are written), debounce included.
    let watch_dir = tmp.path().join("watched/mol-109");
    copy_tree(&mol, &watch_dir);
    let watch_out = tmp.path().join("watch-out");
    let mut child = Command::new(binary())
        .args(["watch", watch_dir.to_str().unwrap(), "--out", watch_out.to_str().unwrap()])
        .current_dir(root())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("booklet watch");
    let (tx, rx) = std::sync::mpsc::channel();
    let stderr = child.stderr.take().unwrap();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stderr).lines().map_while(Result::ok) {
            if line.starts_with("built ") && tx.send(Instant::now()).is_err() {
                break;
            }
        }
    });
    let mut watch_latency = Vec::new();
    if rx.recv_timeout(Duration::from_secs(30)).is_ok() {
        let file = watch_dir.join("outcomes-108.toml");
        let original = fs::read_to_string(&file).unwrap();
        for i in 0..runs {
            std::thread::sleep(Duration::from_millis(300));
            let edited = original.replace("審結案件計2,018件", &format!("審結案件計2,{:03}件", 40 + i));
            let start = Instant::now();
            fs::write(&file, edited).unwrap();
            match rx.recv_timeout(Duration::from_secs(10)) {
                Ok(done) => watch_latency.push(done - start),
                Err(_) => break,
            }
        }
    }
    let _ = child.kill();
    let _ = child.wait();
    let watch_stats = (!watch_latency.is_empty()).then(|| row("watch: file write to new PDF on disk", &watch_latency));

    // Import: last year's booklet from its PDF (the mol-109 PDF just
    // built), in-process: read, lay out, draft, check.
    let pdf_bytes = fs::read(out.join("mol-109.pdf")).unwrap();
    let mut import = Vec::new();
    for _ in 0..runs {
        let start = Instant::now();
        let draft = booklet::import::import_file(&pdf_bytes).unwrap();
        import.push(start.elapsed());
        assert!(draft.files.len() > 1);
    }
    let import_stats = row("import the booklet's PDF (in-process)", &import);

    // Compare: the booklet with an edited copy, a new process each time.
    let edited = root().join("tests/fixtures/compare/mol-109-edited");
    let mut compare = Vec::new();
    for _ in 0..runs {
        let (time, _) = run_measured(
            Command::new(binary())
                .args(["compare", mol.to_str().unwrap(), edited.to_str().unwrap(), "--out", out.to_str().unwrap()])
                .current_dir(root()),
        );
        compare.push(time);
    }
    let compare_stats = row("compare with an edited copy, cold process", &compare);

    println!();
    println!("compare median: {:.0} ms (target < 500 ms)", compare_stats.median);
    println!("PDF import median: {:.0} ms (target < 500 ms)", import_stats.median);
    println!(
        "peak resident memory: one booklet {:.0} MB, batch of 20 {:.0} MB (target <= 300 MB)",
        cold_rss as f64 / 1024.0,
        batch_rss as f64 / 1024.0
    );
    if let (Some(stock), Some(again)) = (stock_stats, again_stats) {
        println!("cold booklet (all outputs) / stock typst-cli (PDF): {:.2} (target <= 1.0)", again.median / stock.median);
        println!(
            "peak memory, booklet / stock typst-cli: {:.0} / {:.0} MB = {:.2} (target <= 1.1)",
            cold_rss as f64 / 1024.0,
            stock_rss as f64 / 1024.0,
            cold_rss as f64 / stock_rss as f64
        );
    }
    if let Some(w) = watch_stats {
        println!("watch, file write to new PDF: {:.0} ms (target <= 40 ms)", w.median);
    }
    println!("cold booklet median: {:.0} ms (target < 350 ms)", cold_stats.median);
    println!("all outputs / PDF + XLSX only: {:.3} (target <= 1.15)", cold_stats.median / two_stats.median);
    println!("batch speed-up, one call over 20 calls: {:.2}x (target >= 1.8x)", many.median / one.median);
    println!("no-change rebuild / full batch: {:.3}", skip.median / one.median);
    println!("warm rebuild median: {:.0} ms (target <= 50 ms)", warm_stats.median);
    println!(
        "every agency of FY109 (233 bundles): {:.1} s, peak {:.0} MB (targets < 30 s, < 300 MB)",
        all_stats.median / 1000.0,
        all_rss as f64 / 1024.0
    );
}

/// The same allocator as the `booklet` binary, so that in-process figures match it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
