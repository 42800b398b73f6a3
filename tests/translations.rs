//! The Chinese docs are kept in step with the English ones: README.zh-TW.md
//! with README.md and docs/inputs.zh-TW.md with docs/inputs.md have the
//! same sections (level and number, in order) and the same number of code
//! blocks, and each English document links to its translation.

mod common;

use common::root;

/// A document's headings outside code blocks, as (level, section number).
fn sections(text: &str) -> Vec<(usize, Option<String>)> {
    let mut out = Vec::new();
    let mut code = false;
    for line in text.lines() {
        if line.starts_with("```") {
            code = !code;
            continue;
        }
        if code {
            continue;
        }
        let level = line.chars().take_while(|&c| c == '#').count();
        if (1..=6).contains(&level) && line[level..].starts_with(' ') {
            let number: String = line[level + 1..].chars().take_while(|c| c.is_ascii_digit() || *c == '.').collect();
            let number = number.trim_end_matches('.').to_string();
            out.push((level, (!number.is_empty()).then_some(number)));
        }
    }
    out
}

fn code_blocks(text: &str) -> usize {
    text.lines().filter(|l| l.starts_with("```")).count() / 2
}

fn check(english: &str, chinese: &str) {
    let en = std::fs::read_to_string(root().join(english)).expect("the English document");
    let zh = std::fs::read_to_string(root().join(chinese)).expect("the Chinese document");
    let (a, b) = (sections(&en), sections(&zh));
    assert!(a.len() >= 5, "{english}: only {} sections", a.len());
    assert_eq!(a, b, "{chinese} must have the sections of {english}, in order");
    assert_eq!(code_blocks(&en), code_blocks(&zh), "{chinese} must have the code blocks of {english}");
    let name = std::path::Path::new(chinese).file_name().and_then(|n| n.to_str()).expect("a file name");
    assert!(en.contains(name), "{english} does not link to {name}");
    let han = zh.chars().filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c)).count();
    assert!(han * 4 > zh.chars().filter(|c| c.is_alphabetic()).count(), "{chinese} is mostly not Chinese");
}

#[test]
fn the_chinese_readme_has_the_sections_of_the_english_one() {
    check("README.md", "README.zh-TW.md");
}

#[test]
fn the_chinese_input_guide_has_the_sections_of_the_english_one() {
    check("docs/inputs.md", "docs/inputs.zh-TW.md");
}
