//! The transcription is complete: every content line of the source text
//! (tests/fixtures/mol-109-source.txt, the plain-text extraction of the
//! printed booklet) stands in the typeset booklet's text.

mod common;

use common::{content, source_lines, typeset_mol};

#[test]
fn every_source_line_is_in_the_pdf() {
    let typeset = typeset_mol();
    let lines = source_lines(..);
    assert!(lines.len() > 800, "the source has {} content lines", lines.len());
    // A line is found whole, or (a table cell that a page break splits) as
    // consecutive pieces on consecutive pages.
    let missing: Vec<&String> = lines.iter().filter(|l| !booklet::proof::stands_in(l, &typeset.pages)).collect();
    assert!(
        missing.is_empty(),
        "{} of {} source lines are not in the PDF, e.g. {:#?}",
        missing.len(),
        lines.len(),
        &missing[..missing.len().min(10)]
    );
}

#[test]
fn markers_are_stripped_but_content_kept() {
    assert_eq!(content("1、 現行法定職掌"), "現行法定職掌");
    assert_eq!(content("（1） 機關主要職掌："), "機關主要職掌：");
    assert_eq!(content("\t一、綜合規劃業務"), "綜合規劃業務");
    assert_eq!(content("2. 107年7月16日核定"), "107年7月16日核定");
    assert_eq!(content("\t286"), "286");
    assert_eq!(content("\t機  關"), "機關");
}
