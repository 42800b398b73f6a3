//! Proof: after layout, everything the booklet prints stands on a page of
//! the laid-out booklet, inside that page's text area.
//!
//! This is the guarantee that no content is dropped silently. What the
//! booklet prints is read from the view ([`crate::view::printed`]: every
//! entry, heading, figure and cell, computed sums included), and each text
//! is looked up in the text of the pages' bodies ([`PageText::body`]),
//! whitespace ignored. An entry that a page break splits (a table cell
//! continued on the next page) is found as consecutive pieces on
//! consecutive pages. A text that is not found is an error pointing at the
//! file and line of the bundle's string that holds it (or naming its place
//! in the booklet, for a computed one); when its text lies outside a
//! page's text area (a row taller than a page runs off its foot) the error
//! says so and names the page.

use rust_i18n::t;
use std::collections::{BTreeSet, HashMap, HashSet};

use memchr::memmem;

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::{Bundle, Locator};
use crate::render::MISSING_GLYPH;
use crate::typeset::PageText;
use crate::view::Printed;

fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The printed texts of a booklet, whitespace removed, with their places:
/// what [`check`] looks for on the pages (and what an import's round trip
/// counts).
pub fn printed_entries(printed: &Printed) -> Vec<(String, String)> {
    printed.texts().into_iter().map(|(place, text)| (place, squeezed(text))).filter(|(_, t)| !t.is_empty()).collect()
}

/// Checks that every text the booklet prints is on the pages.
///
/// # Parameters
///
/// - `printed`: what the booklet prints, from its view;
/// - `bundle`: the loaded bundle, whose files locate a lost text;
/// - `pages`: the text of the laid-out pages;
/// - `missing`: the characters printed as 〓 (no pinned font has them).
///
/// # Errors
///
/// One error per text that is not found, at the file and line of the
/// bundle's string that holds it.
pub fn check(printed: &Printed, bundle: &Bundle, pages: &[PageText], missing: &BTreeSet<char>) -> Result<(), Diagnostics> {
    let all: String = pages.iter().map(|p| p.body.as_str()).collect();
    let mut seen = HashSet::new();
    let mut lost = Vec::new();
    for (place, text) in printed.texts() {
        let entry: String = squeezed(text).chars().map(|c| if missing.contains(&c) { MISSING_GLYPH } else { c }).collect();
        if entry.is_empty() || !seen.insert(entry.clone()) {
            continue;
        }
        if memmem::find(all.as_bytes(), entry.as_bytes()).is_none() && !split_over_pages(&entry, pages) {
            lost.push((place, squeezed(text), entry));
        }
    }
    if lost.is_empty() {
        return Ok(());
    }
    // Where each lost text is written in the bundle: its string, by text.
    let mut strings: HashMap<String, (usize, String, std::ops::Range<usize>)> = HashMap::new();
    for (n, source) in bundle.sources.iter().enumerate() {
        for (path, span, text) in Locator::new(&source.text).strings() {
            strings.entry(squeezed(&text)).or_insert((n, path, span));
        }
    }
    let problems = lost
        .into_iter()
        .map(|(place, text, entry)| {
            let at = strings.get(&text);
            let name = at.map_or(place, |(_, path, _)| path.clone());
            let message = match pages.iter().find(|p| !p.outside.is_empty() && overlaps(&entry, &p.outside)) {
                Some(page) => t!("proof.lost_outside", name = name, page = page.number, index = page.index),
                None => t!("proof.lost", name = name),
            };
            let diagnostic = Diagnostic::error(message);
            let diagnostic = match (at, bundle.sources.first()) {
                (Some((n, _, span)), _) => diagnostic.at(&bundle.sources[*n], span.clone()),
                (None, Some(manifest)) => diagnostic.in_file(&manifest.name),
                (None, None) => diagnostic,
            };
            diagnostic.with_help(t!("proof.lost_help"))
        })
        .collect();
    Err(problems)
}

/// Whether a text (whitespace removed) stands in the pages' bodies: whole,
/// or as consecutive pieces on consecutive pages (a table cell that a page
/// break splits). For one text; [`check`] looks up a whole bundle.
pub fn stands_in(entry: &str, pages: &[PageText]) -> bool {
    let all: String = pages.iter().map(|p| p.body.as_str()).collect();
    memmem::find(all.as_bytes(), entry.as_bytes()).is_some() || split_over_pages(entry, pages)
}

/// Whether some of the entry's text (its first few characters, or any
/// longer stretch) is among the text outside a page's area.
fn overlaps(entry: &str, outside: &str) -> bool {
    let head: String = entry.chars().take(8).collect();
    memmem::find(outside.as_bytes(), head.as_bytes()).is_some()
        || entry.chars().count() > 16 && {
            let tail: String = entry.chars().rev().take(8).collect::<Vec<_>>().into_iter().rev().collect();
            memmem::find(outside.as_bytes(), tail.as_bytes()).is_some()
        }
}

/// Whether the entry stands as consecutive pieces on consecutive pages: a
/// first piece (ending where the page's text of it ends) on one page, the
/// rest continuing on the next pages.
fn split_over_pages(entry: &str, pages: &[PageText]) -> bool {
    let boundaries: Vec<usize> = entry.char_indices().map(|(i, _)| i).skip(1).collect();
    (0..pages.len()).any(|p| {
        let longest = longest_prefix(entry, &boundaries, &pages[p].body);
        // Try the longest first piece, then a few shorter ones (the longest
        // may run on by chance into text that follows on the page).
        (0..4)
            .filter_map(|back| longest.checked_sub(back))
            .filter(|&k| k > 0)
            .any(|k| rest_follows(&entry[boundaries[k - 1]..], pages, p + 1))
    })
}

/// The number of leading characters of `entry` (as indices into its char
/// boundaries; 0 = none) found on the page, by binary search: a found
/// prefix implies every shorter one is found.
fn longest_prefix(entry: &str, boundaries: &[usize], page: &str) -> usize {
    let (mut lo, mut hi) = (0, boundaries.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if memmem::find(page.as_bytes(), &entry.as_bytes()[..boundaries[mid - 1]]).is_some() {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    lo
}

/// Whether `rest` stands whole on page `p`, or starts there and goes on
/// onto the pages after it. Pages without body text (blank versos) are
/// passed over.
fn rest_follows(rest: &str, pages: &[PageText], mut p: usize) -> bool {
    while p < pages.len() && pages[p].body.is_empty() {
        p += 1;
    }
    let Some(page) = pages.get(p) else {
        return false;
    };
    if memmem::find(page.body.as_bytes(), rest.as_bytes()).is_some() {
        return true;
    }
    let boundaries: Vec<usize> = rest.char_indices().map(|(i, _)| i).skip(1).collect();
    let k = longest_prefix(rest, &boundaries, &page.body);
    k > 0 && rest_follows(&rest[boundaries[k - 1]..], pages, p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(body: &str) -> PageText {
        PageText { index: 1, number: 1, text: String::new(), body: body.into(), outside: String::new(), fill: 0.0 }
    }

    #[test]
    fn entries_split_over_pages_are_found() {
        let pages = [page("表頭甲乙丙丁戊己"), page("表頭庚辛壬癸其他"), page("表頭子丑寅")];
        assert!(split_over_pages("丙丁戊己庚辛", &pages));
        assert!(split_over_pages("戊己庚辛壬癸其他子丑", &pages));
        assert!(!split_over_pages("丙丁戊己子丑", &pages), "a piece must continue on the next page");
        assert!(!split_over_pages("丙丁戊己庚午", &pages), "every piece must be there");
    }

    #[test]
    fn longest_prefix_by_characters() {
        let entry = "甲乙丙丁";
        let b: Vec<usize> = entry.char_indices().map(|(i, _)| i).skip(1).collect();
        assert_eq!(longest_prefix(entry, &b, "xx甲乙丙yy"), 3);
        assert_eq!(longest_prefix(entry, &b, "丁"), 0);
    }
}
