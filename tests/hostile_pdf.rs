//! Hostile PDFs of a few kilobytes, each made here: `booklet import` ends
//! every one with exit status 1 and a message, within 20 seconds and under
//! 1 GB of peak resident memory (the children's peak, measured here), by
//! the reader's own bounds (`booklet::import::pdf::limits`), not by a cap
//! put around the process. And a proptest target: mutated copies of a real
//! booklet PDF never panic the reader or hang it.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use lopdf::{Document, Object, Stream, dictionary};

/// A one-page PDF whose page holds `content` (Helvetica as /F1), with
/// `extra` run on the document before it is saved.
fn pdf(content: Vec<u8>, extra: impl FnOnce(&mut Document, lopdf::ObjectId, lopdf::ObjectId)) -> Vec<u8> {
    let mut doc = Document::with_version("1.7");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica" });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let content_id = doc.add_object(Stream::new(dictionary! {}, content));
    let page = doc.add_object(dictionary! {
        "Type" => "Page", "Parent" => pages_id, "Contents" => content_id, "Resources" => resources,
        "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
    });
    doc.objects.insert(pages_id, Object::Dictionary(dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 }));
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    extra(&mut doc, catalog, page);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

fn text(ops: &str) -> Vec<u8> {
    ops.as_bytes().to_vec()
}

fn deflate(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap()
}

/// The largest resident set of the children so far, in bytes.
fn children_peak() -> u64 {
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) };
    usage.ru_maxrss as u64 * 1024
}

/// Imports `bytes` with the binary; checks exit 1, a message, the time.
fn refused(name: &str, bytes: &[u8], dir: &Path) -> String {
    let file = dir.join(format!("{name}.pdf"));
    std::fs::write(&file, bytes).unwrap();
    let start = Instant::now();
    let output = Command::new(env!("CARGO_BIN_EXE_booklet"))
        // English messages, whatever the locale of the machine running the tests.
        .env("LC_ALL", "C.UTF-8")
        .args(["import", file.to_str().unwrap(), "--out", dir.join(name).to_str().unwrap()])
        .output()
        .unwrap();
    let took = start.elapsed();
    let err = String::from_utf8_lossy(&output.stderr).into_owned();
    assert_eq!(output.status.code(), Some(1), "{name}: {err}");
    assert!(err.starts_with("error:"), "{name}: {err}");
    assert!(took < Duration::from_secs(20), "{name} took {took:?}");
    assert!(children_peak() < 1 << 30, "{name}: a child's peak memory is {} bytes", children_peak());
    assert!(!dir.join(name).join("booklet.toml").exists(), "{name}: something was written");
    err
}

#[test]
fn hostile_pdfs_end_with_a_message_in_bounded_time_and_memory() {
    let dir = tempfile::tempdir().unwrap();
    let hello = || text("BT /F1 12 Tf 72 720 Td (Hello) Tj ET");

    // A structure element that lists itself, twice.
    let looping = pdf(hello(), |doc, catalog, _| {
        let elem = doc.new_object_id();
        doc.objects.insert(elem, Object::Dictionary(dictionary! { "S" => "P", "K" => vec![elem.into(), elem.into()] }));
        let root = doc.add_object(dictionary! { "Type" => "StructTreeRoot", "K" => elem });
        doc.get_object_mut(catalog).unwrap().as_dict_mut().unwrap().set("StructTreeRoot", root);
    });
    refused("looping-tree", &looping, dir.path());

    // 100,000 nested arrays (and dictionaries).
    for open in ["[", "<<"] {
        let mut deep = b"%PDF-1.7\n1 0 obj\n".to_vec();
        deep.extend(open.repeat(100_000).as_bytes());
        deep.extend(b"\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
        let err = refused(&format!("nested-{}", open.len()), &deep, dir.path());
        assert!(err.contains("nested deeper"), "{err}");
    }

    // Text scaled by 1e8, and placed at 1e9.
    let err = refused("scaled", &pdf(text("100000000 0 0 100000000 0 0 cm BT /F1 12 Tf 1 1 Td (Hello) Tj ET"), |_, _, _| {}), dir.path());
    assert!(err.contains("further than"), "{err}");
    refused("far", &pdf(text("BT /F1 12 Tf 1000000000 50000000000 Td (Hello) Tj ET"), |_, _, _| {}), dir.path());

    // A ToUnicode range of 65,536 codes to 400 KB of text, and 50,000
    // ranges in a few kilobytes.
    for (name, cmap) in [
        (
            "wide-range",
            format!(
                "begincodespacerange <0000> <FFFF> endcodespacerange 1 beginbfrange <0000> <FFFF> <{}> endbfrange",
                "0041".repeat(100_000)
            ),
        ),
        (
            "many-ranges",
            format!(
                "begincodespacerange <0000> <FFFF> endcodespacerange 50000 beginbfrange {} endbfrange",
                "<0000> <FFFF> <0041> ".repeat(50_000)
            ),
        ),
    ] {
        let bytes = pdf(text("BT /F1 12 Tf 72 720 Td <00410042> Tj ET"), |doc, _, page| {
            let map = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(cmap.as_bytes())));
            let font = doc.add_object(dictionary! { "Type" => "Font", "Subtype" => "Type0", "BaseFont" => "X", "ToUnicode" => map });
            let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
            doc.get_object_mut(page).unwrap().as_dict_mut().unwrap().set("Resources", resources);
        });
        assert!(bytes.len() < 64 << 10, "{name} is {} bytes", bytes.len());
        refused(name, &bytes, dir.path());
    }

    // A flate bomb: a few kilobytes that inflate to 256 MB.
    let bomb = pdf(hello(), |doc, _, _| {
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        let zeros = vec![0u8; 1 << 20];
        for _ in 0..256 {
            encoder.write_all(&zeros).unwrap();
        }
        let data = encoder.finish().unwrap();
        doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, data));
    });
    let err = refused("bomb", &bomb, dir.path());
    assert!(err.contains("inflates"), "{err}");

    // One stream of 1 MB listed 10,000 times as the page's content.
    let listed = pdf(hello(), |doc, _, page| {
        let mut ops = "BT /F1 12 Tf 72 720 Td (Hello) Tj ET\n".repeat(1 << 15).into_bytes();
        ops.truncate(1 << 20);
        let stream = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(&ops)));
        let contents: Vec<Object> = (0..10_000).map(|_| stream.into()).collect();
        doc.get_object_mut(page).unwrap().as_dict_mut().unwrap().set("Contents", contents);
    });
    let err = refused("listed", &listed, dir.path());
    assert!(err.contains("bytes of content"), "{err}");

    // A content stream of 10 million operators, compressed.
    let operators = pdf(hello(), |doc, _, page| {
        let stream = doc.add_object(Stream::new(dictionary! { "Filter" => "FlateDecode" }, deflate(&b"q Q ".repeat(10_000_000 / 2))));
        doc.get_object_mut(page).unwrap().as_dict_mut().unwrap().set("Contents", stream);
    });
    let err = refused("operators", &operators, dir.path());
    assert!(err.contains("bytes of content"), "{err}");

    // Object and cross-reference amplification: a trailer that declares a
    // billion objects, an object stream that holds a hundred million.
    let mut sized = hello_pdf_raw();
    sized.extend(b"trailer << /Size 1000000000 /Root 1 0 R >>\n%%EOF\n");
    let err = refused("xref-size", &sized, dir.path());
    assert!(err.contains("declares"), "{err}");
    let mut objstm = hello_pdf_raw();
    objstm.extend(b"2 0 obj\n<< /Type /ObjStm /N 100000000 /First 4 /Length 4 >>\nstream\n1 0 \nendstream\nendobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    let err = refused("object-stream", &objstm, dir.path());
    assert!(err.contains("declares"), "{err}");
}

/// A raw PDF head without a trailer.
fn hello_pdf_raw() -> Vec<u8> {
    b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog >>\nendobj\n".to_vec()
}

/// Mutated copies of a booklet's PDF (bytes flipped, cut, repeated) never
/// panic the reader and end in bounded time: the proptest target that
/// cargo-fuzz would be, on the stable toolchain.
#[test]
fn mutated_pdfs_never_panic_the_reader() {
    use proptest::prelude::*;
    use proptest::test_runner::{Config, RngAlgorithm, TestRng, TestRunner};
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let engine = booklet::build::Engine::new(&booklet::build::Paths::under(root)).unwrap();
    let out = tempfile::tempdir().unwrap();
    let reference = booklet::load::BundleRef { name: "small".into(), dir: root.join("tests/fixtures/small") };
    let mut options = booklet::build::Options::new(out.path().to_path_buf(), Default::default());
    options.html = false;
    options.ods = false;
    let original = engine.typeset(&reference, &options).unwrap().pdf;
    let config = Config { cases: 200, failure_persistence: None, ..Config::default() };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let edits = prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..4), 1..16);
    runner
        .run(&edits, |edits| {
            let mut bytes = original.clone();
            for (at, byte, kind) in edits {
                let i = at.index(bytes.len().max(1));
                match kind {
                    0 => bytes[i] = byte,
                    1 => bytes.truncate(i.max(1)),
                    2 => {
                        let piece: Vec<u8> = bytes[i..bytes.len().min(i + 64)].to_vec();
                        bytes.splice(i..i, piece.iter().copied().cycle().take(piece.len() * (byte as usize % 8)));
                    }
                    _ => bytes.insert(i, b'['),
                }
            }
            let start = Instant::now();
            let _ = booklet::import::import_file(&bytes);
            prop_assert!(start.elapsed() < Duration::from_secs(20));
            Ok(())
        })
        .unwrap();
}
