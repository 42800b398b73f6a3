//! Untrusted text: any string a clerk may type prints as written. A
//! property test puts arbitrary strings (Typst markup and code characters,
//! quotes, backslashes, CJK, Latin) into a bundle and reads them back from
//! the typeset document.

mod common;

use std::sync::OnceLock;

use booklet::build::{Engine, Paths};
use booklet::load::BundleRef;
use common::{options, root, squeeze};
use proptest::prelude::*;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::new(&Paths::under(&root())).expect("engine"))
}

/// Characters to build strings from: everything Typst gives a meaning to,
/// ASCII, and the CJK text and punctuation of the real booklet.
fn alphabet() -> Vec<char> {
    let mut chars: Vec<char> = (0x20u8..0x7f).map(char::from).collect();
    let source = std::fs::read_to_string(root().join("tests/fixtures/mol-109-source.txt")).unwrap();
    let mut cjk: Vec<char> = source.chars().filter(|c| !c.is_ascii() && !c.is_whitespace() && !c.is_control()).collect();
    cjk.sort();
    cjk.dedup();
    chars.extend(cjk.into_iter().step_by(7));
    chars.extend("#*_$@<>[]{}\\/`'\"=-+~:;.,！？「」（）、。　".chars());
    chars
}

fn text() -> impl Strategy<Value = String> {
    let alphabet = alphabet();
    proptest::collection::vec(proptest::sample::select(alphabet), 1..60).prop_map(|cs| cs.into_iter().collect())
}

fn typeset_paragraph(text: &str) -> Result<String, String> {
    let dir = tempfile::tempdir().unwrap();
    let manifest = format!(
        "[booklet]\nagency = \"某部\"\nfiscal_year = 109\ndate = \"2019-08-30\"\n\n[duties.main]\nparagraphs = [{}]\n",
        toml::Value::String(text.to_string())
    );
    std::fs::write(dir.path().join("booklet.toml"), manifest).unwrap();
    let out = tempfile::tempdir().unwrap();
    let bundle = BundleRef { dir: dir.path().to_path_buf(), name: "p".into() };
    match engine().typeset(&bundle, &options(out.path())) {
        Ok(t) => Ok(t.pages.iter().map(|p| p.text.as_str()).collect()),
        Err(d) => Err(d.iter().map(|d| d.render(false)).collect()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_prints_as_written(text in text()) {
        prop_assume!(!text.trim().is_empty());
        prop_assume!(booklet::validate::leading_marker(&text).is_none());
        let typeset = typeset_paragraph(&text);
        prop_assert!(typeset.is_ok(), "{:?} did not build: {}", text, typeset.unwrap_err());
        let printed = squeeze(&typeset.unwrap());
        prop_assert!(printed.contains(&squeeze(&text)), "{:?} was printed differently", text);
    }
}

#[test]
fn markup_lookalikes_print_as_written() {
    for text in [
        "#set page(paper: \"a5\")",
        "#import \"@preview/x:0.1.0\": *",
        "= 標題 == 二",
        "- 清單\n+ 編號",
        "$ a^2 $ @ref <label>",
        "``` raw ``` `x`",
        "/* 註解 */ // 註解",
        "\\#不是指令 \\\\",
        "#{ panic(\"x\") }",
        "=SUM(A1) +1 -1 @x",
    ] {
        let clean = text.replace('\n', " ");
        let printed = typeset_paragraph(&clean).unwrap_or_else(|e| panic!("{text:?}: {e}"));
        assert!(squeeze(&printed).contains(&squeeze(&clean)), "{clean:?}");
    }
}

#[test]
fn control_characters_are_refused_with_their_place() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("booklet.toml"),
        "[booklet]\nagency = \"某部\"\nfiscal_year = 109\n\n[duties.main]\nitems = [\"甲\\u0007乙\"]\n",
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let bundle = BundleRef { dir: dir.path().to_path_buf(), name: "c".into() };
    let err = engine().typeset(&bundle, &options(out.path())).err().expect("refused");
    let text: String = err.iter().map(|d| d.render(false)).collect();
    assert!(text.contains("booklet.toml:6:10"), "{text}");
    assert!(text.contains("U+0007"), "{text}");
}
