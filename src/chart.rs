//! The organization chart as a tree: the boxes of a bundle
//! ([`ChartBox`](crate::model::ChartBox)) resolved to parents, arranged in
//! levels, and measured against what one page holds.
//!
//! Validation reports the problems ([`Tree::resolve`] gives them with the
//! index of the box at fault); the view draws the levels.

use rust_i18n::t;

use crate::model::{CHART_MAX_BOXES, CHART_MAX_DEPTH, CHART_MAX_NAME, CHART_MAX_WIDTH, ChartBox};

/// A chart resolved to a tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Tree {
    /// The parent of each box (by index); `None` for the root.
    pub parents: Vec<Option<usize>>,
    /// The level of each box: 0 for the root. A staff office has its
    /// parent's level: it is drawn beside the line below it.
    pub levels: Vec<usize>,
    /// The boxes of each level (staff offices aside), in bundle order,
    /// grouped by parent in the order the parents stand on their level.
    pub rows: Vec<Vec<usize>>,
}

/// A problem with a chart, and the box at fault (by index).
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    pub index: usize,
    /// Which key of the box is at fault: `name`, `parent` or `staff`.
    pub key: &'static str,
    pub message: String,
}

impl Tree {
    /// Resolves the boxes: each `parent` names the nearest earlier box of
    /// that `id` or `name`.
    ///
    /// # Errors
    ///
    /// Every problem found: a first box with a parent, a later one without,
    /// a parent that names no earlier box, a staff office with boxes below
    /// it, an empty or too long name, and a chart deeper, wider or larger
    /// than a page holds.
    pub fn resolve(boxes: &[ChartBox]) -> Result<Tree, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut problem = |index: usize, key: &'static str, message: String| problems.push(Problem { index, key, message });
        let mut parents = Vec::with_capacity(boxes.len());
        let mut levels: Vec<usize> = Vec::with_capacity(boxes.len());
        if boxes.len() > CHART_MAX_BOXES {
            problem(CHART_MAX_BOXES, "name", t!("chart.too_many", boxes = boxes.len(), max = CHART_MAX_BOXES).into_owned());
        }
        for (i, b) in boxes.iter().enumerate() {
            let chars = b.name.chars().count();
            if b.name.trim().is_empty() {
                problem(i, "name", t!("chart.name_empty").into_owned());
            } else if chars > CHART_MAX_NAME {
                problem(i, "name", t!("chart.name_long", name = format!("{:?}", b.name), chars = chars, max = CHART_MAX_NAME).into_owned());
            }
            let parent = match (&b.parent, i) {
                (None, 0) => None,
                (Some(_), 0) => {
                    problem(i, "parent", t!("chart.first_parent").into_owned());
                    None
                }
                (None, _) => {
                    problem(i, "parent", t!("chart.no_parent", name = format!("{:?}", b.name)).into_owned());
                    None
                }
                (Some(p), _) => {
                    let found = (0..i).rev().find(|&j| boxes[j].id.as_deref() == Some(p.as_str()) || boxes[j].name == *p);
                    if found.is_none() {
                        problem(i, "parent", t!("chart.unknown_parent", parent = format!("{p:?}")).into_owned());
                    }
                    found
                }
            };
            if let Some(p) = parent
                && boxes[p].staff
            {
                problem(
                    i,
                    "parent",
                    t!("chart.under_staff", name = format!("{:?}", b.name), staff = format!("{:?}", boxes[p].name)).into_owned(),
                );
            }
            if b.staff && i == 0 {
                problem(i, "staff", t!("chart.top_staff").into_owned());
            }
            let level = match parent {
                Some(p) if b.staff => levels[p],
                Some(p) => levels[p] + 1,
                None => 0,
            };
            parents.push(parent);
            levels.push(level);
        }
        let depth = levels.iter().copied().max().map_or(0, |l| l + 1);
        if depth > CHART_MAX_DEPTH {
            let deepest = levels.iter().position(|&l| l == depth - 1).unwrap_or(0);
            problem(deepest, "parent", t!("chart.too_deep", depth = depth, max = CHART_MAX_DEPTH).into_owned());
        }
        // Levels in drawing order: the children of each box in the order
        // their parents stand on the level above.
        let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
        if !boxes.is_empty() {
            rows[0].push(0);
        }
        for level in 1..depth {
            let above = rows[level - 1].clone();
            for p in above {
                rows[level].extend((0..boxes.len()).filter(|&i| parents[i] == Some(p) && !boxes[i].staff));
            }
            if rows[level].len() > CHART_MAX_WIDTH {
                let at = rows[level][CHART_MAX_WIDTH];
                problem(
                    at,
                    "parent",
                    t!("chart.too_wide", level = level + 1, count = rows[level].len(), max = CHART_MAX_WIDTH).into_owned(),
                );
            }
        }
        if problems.is_empty() { Ok(Tree { parents, levels, rows }) } else { Err(problems) }
    }

    /// The staff offices beside the line below box `i`.
    pub fn staff_of(&self, boxes: &[ChartBox], i: usize) -> Vec<usize> {
        (0..boxes.len()).filter(|&j| self.parents[j] == Some(i) && boxes[j].staff).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(name: &str, parent: Option<&str>) -> ChartBox {
        ChartBox { name: name.into(), id: None, parent: parent.map(String::from), staff: false }
    }

    #[test]
    fn a_chain_above_groups() {
        let mut boxes = vec![b("院長", None), b("副院長", Some("院長")), b("秘書長", Some("副院長"))];
        boxes.push(ChartBox { staff: true, ..b("發言人室", Some("秘書長")) });
        boxes.extend((1..=7).map(|i| b(&format!("第{i}組"), Some("秘書長"))));
        let tree = Tree::resolve(&boxes).unwrap();
        assert_eq!(tree.rows.len(), 4);
        assert_eq!(tree.rows[3].len(), 7);
        assert_eq!(tree.staff_of(&boxes, 2), vec![3]);
        assert_eq!(tree.levels[3], 2, "a staff office stands on its parent's level");
    }

    #[test]
    fn repeated_names_resolve_to_the_nearest_or_by_id() {
        let boxes = vec![
            b("部長", None),
            ChartBox { id: Some("v1".into()), ..b("政務次長", Some("部長")) },
            ChartBox { id: Some("v2".into()), ..b("政務次長", Some("部長")) },
            b("甲司", Some("v1")),
            b("乙司", Some("政務次長")),
        ];
        let tree = Tree::resolve(&boxes).unwrap();
        assert_eq!(tree.parents[3], Some(1));
        assert_eq!(tree.parents[4], Some(2));
    }

    #[test]
    fn problems_name_the_box() {
        let boxes = vec![b("部長", None), b("次長", Some("院長")), b("", Some("部長")), b("甲", None)];
        let problems = Tree::resolve(&boxes).unwrap_err();
        assert!(problems.iter().any(|p| p.index == 1 && p.key == "parent"));
        assert!(problems.iter().any(|p| p.index == 2 && p.key == "name"));
        assert!(problems.iter().any(|p| p.index == 3 && p.key == "parent"));
        let wide: Vec<ChartBox> = std::iter::once(b("部長", None)).chain((0..25).map(|i| b(&format!("司{i}"), Some("部長")))).collect();
        assert!(Tree::resolve(&wide).unwrap_err()[0].message.contains("at most 24"));
        let deep: Vec<ChartBox> =
            std::iter::once(b("L0", None)).chain((1..10).map(|i| b(&format!("L{i}"), Some(&format!("L{}", i - 1))))).collect();
        assert!(Tree::resolve(&deep).unwrap_err()[0].message.contains("levels deep"));
    }
}
