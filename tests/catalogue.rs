//! The message catalogues (`locales/*.toml`): every message in both
//! languages with the same placeholders, each Chinese message a
//! translation (not the English again, no Latin word a reader must read
//! as English), and every message id the code names present.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{latin_words, root};

/// Every message of the catalogues: id → (language → text).
fn catalogue() -> BTreeMap<String, BTreeMap<String, String>> {
    fn walk(prefix: &str, table: &toml::Table, out: &mut BTreeMap<String, BTreeMap<String, String>>, file: &Path) {
        let leaves: BTreeMap<String, String> = table.iter().filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string()))).collect();
        if !leaves.is_empty() && !prefix.is_empty() {
            assert!(!out.contains_key(prefix), "{}: message {prefix} is given twice", file.display());
            out.insert(prefix.to_string(), leaves);
        }
        for (k, v) in table {
            if let Some(t) = v.as_table() {
                let id = if prefix.is_empty() { k.clone() } else { format!("{prefix}.{k}") };
                walk(&id, t, out, file);
            }
        }
    }
    let mut out = BTreeMap::new();
    for entry in fs::read_dir(root().join("locales")).expect("locales/") {
        let path = entry.expect("an entry").path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = fs::read_to_string(&path).expect("read a catalogue");
            let table: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            assert_eq!(table.get("_version").and_then(|v| v.as_integer()), Some(2), "{}: _version = 2", path.display());
            walk("", &table, &mut out, &path);
        }
    }
    out
}

fn placeholders(text: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(at) = rest.find("%{") {
        let Some(end) = rest[at..].find('}') else {
            break;
        };
        out.insert(rest[at + 2..at + end].to_string());
        rest = &rest[at + end..];
    }
    out
}

#[test]
fn every_message_has_both_languages_and_the_same_placeholders() {
    let messages = catalogue();
    assert!(messages.len() > 300, "only {} messages", messages.len());
    let mut problems = Vec::new();
    for (id, texts) in &messages {
        let langs: BTreeSet<&str> = texts.keys().map(String::as_str).collect();
        if langs != BTreeSet::from(["en", "zh-TW"]) {
            problems.push(format!("{id}: languages {langs:?}; expected en and zh-TW"));
            continue;
        }
        let (en, zh) = (&texts["en"], &texts["zh-TW"]);
        if en.trim().is_empty() || zh.trim().is_empty() {
            problems.push(format!("{id}: an empty text"));
        }
        if placeholders(en) != placeholders(zh) {
            problems.push(format!("{id}: placeholders {:?} in en, {:?} in zh-TW", placeholders(en), placeholders(zh)));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_chinese_message_is_a_translation() {
    let mut problems = Vec::new();
    for (id, texts) in &catalogue() {
        let (Some(en), Some(zh)) = (texts.get("en"), texts.get("zh-TW")) else {
            continue;
        };
        // A text of placeholders and punctuation only has nothing to
        // translate; any other must differ from the English.
        let has_words = latin_words(en).iter().any(|w| w.len() > 1);
        if has_words && en == zh {
            problems.push(format!("{id}: the Chinese is the English: {zh}"));
        }
        let latin = latin_words(zh);
        if !latin.is_empty() {
            problems.push(format!("{id}: Latin words {latin:?} in {zh}"));
        }
    }
    assert!(problems.is_empty(), "{} messages:\n{}", problems.len(), problems.join("\n"));
}

/// The ids of every `t!("…")` in the sources.
fn ids_in_code() -> BTreeSet<(String, String)> {
    let mut out = BTreeSet::new();
    for entry in walkdir::WalkDir::new(root().join("src")) {
        let entry = entry.expect("walk src");
        if entry.path().extension().is_none_or(|e| e != "rs") {
            continue;
        }
        let text = fs::read_to_string(entry.path()).expect("read a source");
        let mut rest = text.as_str();
        while let Some(at) = rest.find("t!(") {
            let before = rest[..at].chars().next_back();
            rest = &rest[at + 3..];
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let call = rest.trim_start();
            if let Some(lit) = call.strip_prefix('"') {
                if let Some(end) = lit.find('"') {
                    out.insert((lit[..end].to_string(), entry.path().display().to_string()));
                }
            }
        }
    }
    out
}

#[test]
fn every_id_the_code_names_is_in_the_catalogues() {
    let messages = catalogue();
    let ids = ids_in_code();
    assert!(ids.len() > 300, "only {} ids found in src/", ids.len());
    let missing: Vec<String> = ids.iter().filter(|(id, _)| !messages.contains_key(id)).map(|(id, file)| format!("{id} ({file})")).collect();
    assert!(missing.is_empty(), "ids with no message:\n{}", missing.join("\n"));
}
