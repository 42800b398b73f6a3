//! The 說明 column unwrapped, over every note of the FY109 proposal, and
//! 30 notes unwrapped by hand (by someone who had not read the code).

use booklet::budget::{read_file, unwrap_note};

const FY109: &str = "tests/fixtures/budget/central-fy109-proposed.csv";

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_note_of_fy109_unwraps_whole() {
    let (_, rows) = read_file(FY109.as_ref(), None).unwrap_or_else(|e| panic!("{}", e[0]));
    let notes: Vec<&str> = rows.iter().map(|r| r.note.as_str()).filter(|n| !n.trim().is_empty()).collect();
    assert_eq!(notes.len(), 953);
    // An item marker: `1.`, `(1)` or `<1>` at the line's start.
    let marker = |l: &str| {
        let l = l.trim_start();
        let (open, close) = match l.chars().next() {
            Some('(') => (1, ')'),
            Some('<') => (1, '>'),
            _ => (0, '.'),
        };
        let n = l[open..].bytes().take_while(u8::is_ascii_digit).count();
        n > 0 && l[open + n..].starts_with(close)
    };
    for note in notes {
        let lines = unwrap_note(note);
        // Nothing lost, nothing added.
        assert_eq!(squeeze(&lines.concat()), squeeze(note), "{note}");
        for line in &lines {
            // No wrap indentation left, no line break inside.
            assert!(!line.starts_with(' ') && !line.contains('\n'), "{line:?}");
        }
        // No number cut: no line ends in a digit and a comma, and no
        // line that ends in a digit is followed by one that starts with
        // a digit run continuing it (a list item starts with a marker).
        for pair in lines.windows(2) {
            let ends = pair[0].trim_end().ends_with(|c: char| c.is_ascii_digit() || c == ',');
            let next = pair[1].starts_with(|c: char| c.is_ascii_digit() || c == ',') && !marker(&pair[1]);
            assert!(!(ends && next), "a number cut: {pair:?}");
        }
        for line in &lines {
            assert!(!line.trim_end().ends_with(|c: char| c == ',') || !line.contains(char::is_numeric), "{line:?}");
        }
        // Every item of a numbered note is kept: as many item lines as the
        // source has lines starting with an item marker at an item's depth.
        let source_items = note.lines().filter(|l| marker(l) && l.len() - l.trim_start().len() <= 4).count();
        let items = lines.iter().filter(|l| marker(l)).count();
        assert_eq!(items, source_items, "{note}\n{lines:#?}");
    }
}

#[test]
fn thirty_notes_unwrap_as_by_hand() {
    let text = std::fs::read_to_string("tests/fixtures/budget/notes-golden.json").unwrap();
    let cases: Vec<serde_json::Value> = serde_json::from_str(&text).unwrap();
    assert_eq!(cases.len(), 30);
    let mut wrong = Vec::new();
    for case in &cases {
        let source = case["source"].as_str().unwrap();
        let expected: Vec<String> = case["lines"].as_array().unwrap().iter().map(|l| l.as_str().unwrap().to_string()).collect();
        let got = unwrap_note(source);
        if got != expected {
            wrong.push(format!("{}: expected {expected:#?}\ngot {got:#?}", case["ref"]));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}
