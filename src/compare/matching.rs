//! Matching the entries of two years' sections, level by level: first the
//! same text (unchanged where it stands under the matched parent, moved
//! where it does not), then the most similar text (character bigrams,
//! Dice coefficient at least [`SIMILAR`]): changed, or moved and changed.
//! Candidates come from an inverted index of the texts' bigrams and the
//! neighbours in place, so that the work grows with the entries, not with
//! their pairs.
//! What is left was removed or added.

use std::collections::HashMap;

use crate::view::PrintedSection as Section;

/// The least similarity at which two texts count as one entry reworded.
pub const SIMILAR: f64 = 0.5;
/// A bigram shared by more of the new texts than this says too little to
/// name a candidate by (`計畫` in every plan).
const COMMON_BIGRAM: usize = 64;
/// The most candidates an entry is weighed against by shared bigrams.
const CANDIDATES: usize = 8;
/// The neighbours in place (under the same parent, before and after its
/// own place) an entry is weighed against as well.
const NEIGHBOURS: usize = 2;

/// How an entry of the old year relates to one of the new.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Added,
    Removed,
    Changed,
    Moved,
}

/// One outcome of the matching: indices into the old and new section.
#[derive(Debug, Clone, PartialEq)]
pub struct Pair {
    pub old: Option<usize>,
    pub new: Option<usize>,
    /// `None`: the same entry, unchanged.
    pub kind: Option<Kind>,
}

/// Matches two sections' entries; every entry of either ends in one pair.
pub fn pairs(old: &Section, new: &Section) -> Vec<Pair> {
    let mut out = Vec::new();
    let mut matched: HashMap<usize, usize> = HashMap::new();
    let depth = old.entries.iter().chain(&new.entries).map(|e| e.level + 1).max().unwrap_or(0);
    for level in 0..depth {
        let olds: Vec<usize> = (0..old.entries.len()).filter(|&i| old.entries[i].level == level).collect();
        let news: Vec<usize> = (0..new.entries.len()).filter(|&i| new.entries[i].level == level).collect();
        let same_place = |o: usize, n: usize, matched: &HashMap<usize, usize>| {
            old.entries[o].parent.map(|p| matched.get(&p).copied()) == new.entries[n].parent.map(Some)
        };
        let mut taken_new = vec![false; new.entries.len()];
        let mut taken_old = vec![false; old.entries.len()];
        // The same text: first one under the matched parent, else any; each
        // list read from a cursor past the entries taken, so that a text
        // repeated thousands of times costs no more than once each.
        type Place = Option<Option<usize>>;
        let mut by_place: HashMap<(&str, Place), (usize, Vec<usize>)> = HashMap::new();
        let mut by_text: HashMap<&str, (usize, Vec<usize>)> = HashMap::new();
        for &n in &news {
            let text = new.entries[n].text.as_str();
            by_place.entry((text, new.entries[n].parent.map(Some))).or_default().1.push(n);
            by_text.entry(text).or_default().1.push(n);
        }
        let next_free = |list: &mut (usize, Vec<usize>), taken: &[bool]| {
            while list.0 < list.1.len() && taken[list.1[list.0]] {
                list.0 += 1;
            }
            list.1.get(list.0).copied()
        };
        let mut level_pairs = Vec::new();
        for &o in &olds {
            let text = old.entries[o].text.as_str();
            let place: Place = old.entries[o].parent.map(|p| matched.get(&p).copied());
            let here = by_place.get_mut(&(text, place)).and_then(|list| next_free(list, &taken_new));
            let Some(n) = here.or_else(|| by_text.get_mut(text).and_then(|list| next_free(list, &taken_new))) else {
                continue;
            };
            taken_new[n] = true;
            taken_old[o] = true;
            let kind = if same_place(o, n, &matched) { None } else { Some(Kind::Moved) };
            level_pairs.push(Pair { old: Some(o), new: Some(n), kind });
        }
        // The most similar text among the rest: for each old entry, the
        // new ones that share its rarer bigrams (an inverted index) and its
        // neighbours in place; never every pair (near-linear, whatever
        // the number of entries).
        let rest_old: Vec<usize> = olds.iter().copied().filter(|&o| !taken_old[o]).collect();
        let rest_new: Vec<usize> = news.iter().copied().filter(|&n| !taken_new[n]).collect();
        let grams_new: Vec<Vec<(char, char)>> = rest_new.iter().map(|&n| bigrams(&new.entries[n].text)).collect();
        let mut index: HashMap<(char, char), Vec<usize>> = HashMap::new();
        for (k, grams) in grams_new.iter().enumerate() {
            let mut distinct = grams.clone();
            distinct.dedup();
            for g in distinct {
                index.entry(g).or_default().push(k);
            }
        }
        // Each rest entry's place among the rest under its parent, for the
        // neighbours in place.
        let mut siblings_new: HashMap<Option<usize>, Vec<usize>> = HashMap::new();
        for (k, &n) in rest_new.iter().enumerate() {
            siblings_new.entry(new.entries[n].parent).or_default().push(k);
        }
        let mut ordinal_old: HashMap<Option<usize>, usize> = HashMap::new();
        let mut candidates = Vec::new();
        for &o in &rest_old {
            let grams = bigrams(&old.entries[o].text);
            let mut shared: HashMap<usize, usize> = HashMap::new();
            let mut distinct = grams.clone();
            distinct.dedup();
            for g in &distinct {
                if let Some(list) = index.get(g).filter(|l| l.len() <= COMMON_BIGRAM) {
                    for &k in list {
                        *shared.entry(k).or_default() += 1;
                    }
                }
            }
            let mut best: Vec<(usize, usize)> = shared.into_iter().collect();
            best.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
            best.truncate(CANDIDATES);
            let mut ks: Vec<usize> = best.into_iter().map(|(k, _)| k).collect();
            let parent = old.entries[o].parent.and_then(|p| matched.get(&p).copied());
            let ordinal = ordinal_old.entry(old.entries[o].parent).or_default();
            if let Some(siblings) = siblings_new.get(&parent) {
                ks.extend(siblings.iter().skip(ordinal.saturating_sub(NEIGHBOURS)).take(2 * NEIGHBOURS + 1));
            }
            *ordinal += 1;
            ks.sort_unstable();
            ks.dedup();
            for k in ks {
                let n = rest_new[k];
                let score = dice(&grams, &grams_new[k]);
                if score >= SIMILAR {
                    candidates.push((same_place(o, n, &matched), score, o, n));
                }
            }
        }
        candidates.sort_by(|a, b| b.0.cmp(&a.0).then(b.1.total_cmp(&a.1)).then(a.2.cmp(&b.2)).then(a.3.cmp(&b.3)));
        for (same, _, o, n) in candidates {
            if taken_old[o] || taken_new[n] {
                continue;
            }
            taken_old[o] = true;
            taken_new[n] = true;
            level_pairs.push(Pair { old: Some(o), new: Some(n), kind: Some(if same { Kind::Changed } else { Kind::Moved }) });
        }
        for p in &level_pairs {
            if let (Some(o), Some(n)) = (p.old, p.new) {
                matched.insert(o, n);
            }
        }
        out.extend(level_pairs);
        out.extend(olds.iter().filter(|&&o| !taken_old[o]).map(|&o| Pair { old: Some(o), new: None, kind: Some(Kind::Removed) }));
        out.extend(news.iter().filter(|&&n| !taken_new[n]).map(|&n| Pair { old: None, new: Some(n), kind: Some(Kind::Added) }));
    }
    out
}

/// The character bigrams of a text, sorted (whitespace ignored).
fn bigrams(text: &str) -> Vec<(char, char)> {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let mut grams: Vec<(char, char)> = chars.windows(2).map(|w| (w[0], w[1])).collect();
    grams.sort_unstable();
    grams
}

/// The Dice coefficient of two sorted bigram lists (as multisets).
fn dice(a: &[(char, char)], b: &[(char, char)]) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    let (mut i, mut j, mut common) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                common += 1;
                i += 1;
                j += 1;
            }
        }
    }
    2.0 * common as f64 / (a.len() + b.len()) as f64
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::view::{PrintedEntry, PrintedSection as Section};

    fn section(entries: &[(usize, Option<usize>, &str)]) -> Section {
        Section {
            entries: entries
                .iter()
                .map(|&(level, parent, text)| PrintedEntry { level, what: "x", parent, text: text.into(), fields: Vec::new() })
                .collect(),
            ..Section::default()
        }
    }

    #[test]
    fn reworded_moved_added_removed() {
        let old = section(&[
            (0, None, "綜合規劃業務"),
            (0, None, "勞動關係業務"),
            (1, Some(0), "辦理勞動情勢分析會議4次"),
            (1, Some(0), "辦理國際交流活動"),
            (1, Some(1), "完成工會法修正草案"),
        ]);
        let new = section(&[
            (0, None, "綜合規劃業務"),
            (0, None, "勞動關係業務"),
            (1, Some(0), "辦理勞動情勢分析會議5次"),
            (1, Some(1), "辦理國際交流活動"),
            (1, Some(1), "推動團體協約簽訂"),
        ]);
        let kinds: Vec<(Option<usize>, Option<usize>, Option<Kind>)> =
            pairs(&old, &new).into_iter().map(|p| (p.old, p.new, p.kind)).collect();
        assert!(kinds.contains(&(Some(0), Some(0), None)));
        assert!(kinds.contains(&(Some(2), Some(2), Some(Kind::Changed))));
        assert!(kinds.contains(&(Some(3), Some(3), Some(Kind::Moved))));
        assert!(kinds.contains(&(Some(4), None, Some(Kind::Removed))));
        assert!(kinds.contains(&(None, Some(4), Some(Kind::Added))));
    }

    #[test]
    fn dice_of_texts() {
        assert_eq!(dice(&bigrams("甲乙丙"), &bigrams("甲乙丙")), 1.0);
        assert!(dice(&bigrams("辦理勞動情勢分析會議4次"), &bigrams("辦理勞動情勢分析會議5次")) > 0.8);
        assert!(dice(&bigrams("完成工會法修正草案"), &bigrams("推動團體協約簽訂")) < 0.2);
    }
}
