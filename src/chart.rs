//! The organization chart as a tree: the boxes of a bundle
//! ([`ChartBox`](crate::model::ChartBox)) resolved to parents, arranged in
//! levels and columns, and measured against what one page holds.
//!
//! Columns keep every box over the boxes below it: a box without boxes
//! below it (staff offices aside) takes one column, a box with boxes below
//! it the columns of its boxes, and its boxes stand side by side in bundle
//! order within them. A lone 分署 stands right under its 署; the agencies
//! under a 所屬機關 group stand under the group, not under the units.
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
    /// The first column of each box (a staff office: its parent's).
    pub left: Vec<usize>,
    /// How many columns each box spans: one, or its boxes' columns.
    pub span: Vec<usize>,
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
    /// it, a box of two kinds (staff, group, task force), a group with no
    /// box under it, an empty or too long name, and a chart deeper, wider
    /// (in columns) or larger than a page holds.
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
            if [b.staff, b.group, b.task_force].iter().filter(|&&k| k).count() > 1 {
                problem(i, if b.staff { "staff" } else { "group" }, t!("chart.two_kinds", name = format!("{:?}", b.name)).into_owned());
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
        }
        // The boxes below each box (staff offices aside), in bundle order.
        let mut below: Vec<Vec<usize>> = vec![Vec::new(); boxes.len()];
        for (j, p) in parents.iter().enumerate() {
            if let (Some(p), false) = (p, boxes[j].staff) {
                below[*p].push(j);
            }
        }
        for (i, b) in boxes.iter().enumerate() {
            if b.group && below[i].is_empty() {
                problem(i, "group", t!("chart.empty_group", name = format!("{:?}", b.name)).into_owned());
            }
        }
        // Columns: spans bottom-up (a parent is always an earlier box), then
        // each box's first column top-down.
        let mut span = vec![1usize; boxes.len()];
        for i in (0..boxes.len()).rev() {
            let inner: usize = below[i].iter().map(|&j| span[j]).sum();
            span[i] = inner.max(1);
        }
        let mut left = vec![0usize; boxes.len()];
        for row in &rows {
            for &p in row {
                let mut at = left[p];
                for &j in &below[p] {
                    left[j] = at;
                    at += span[j];
                }
            }
        }
        for (i, b) in boxes.iter().enumerate() {
            if let (true, Some(p)) = (b.staff, parents[i]) {
                (left[i], span[i]) = (left[p], span[p]);
            }
        }
        let columns = span.first().copied().unwrap_or(0);
        if columns > CHART_MAX_WIDTH {
            let at = (0..boxes.len()).filter(|&i| !boxes[i].staff && below[i].is_empty()).nth(CHART_MAX_WIDTH).unwrap_or(0);
            problem(at, "parent", t!("chart.too_wide", count = columns, max = CHART_MAX_WIDTH).into_owned());
        }
        if problems.is_empty() { Ok(Tree { parents, levels, rows, left, span }) } else { Err(problems) }
    }

    /// How many columns the chart spans: one per box without boxes below it.
    pub fn columns(&self) -> usize {
        self.span.first().copied().unwrap_or(0)
    }

    /// The staff offices beside the line below box `i`.
    pub fn staff_of(&self, boxes: &[ChartBox], i: usize) -> Vec<usize> {
        (0..boxes.len()).filter(|&j| self.parents[j] == Some(i) && boxes[j].staff).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BoxKind;

    fn b(name: &str, parent: Option<&str>) -> ChartBox {
        ChartBox { name: name.into(), id: None, parent: parent.map(String::from), staff: false, group: false, task_force: false }
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

    fn centre(tree: &Tree, i: usize) -> f64 {
        tree.left[i] as f64 + tree.span[i] as f64 / 2.0
    }

    #[test]
    fn boxes_stand_under_their_parent() {
        // 部長 → 3 units, a task force, a 所屬機關 group of 3 agencies, and a
        // 分署 under the first agency.
        let mut boxes = vec![b("部長", None), ChartBox { staff: true, ..b("次長", Some("部長")) }];
        boxes.extend(["甲司", "乙司", "丙司"].map(|n| b(n, Some("部長"))));
        boxes.push(ChartBox { task_force: true, ..b("推動小組", Some("部長")) });
        boxes.push(ChartBox { group: true, ..b("所屬機關", Some("部長")) });
        boxes.extend(["甲署", "乙署", "丙局"].map(|n| b(n, Some("所屬機關"))));
        boxes.push(b("甲署北區分署", Some("甲署")));
        let tree = Tree::resolve(&boxes).unwrap();
        assert_eq!(tree.columns(), 7, "3 units, a task force and 3 agencies");
        assert_eq!((tree.left[6], tree.span[6]), (4, 3), "the group spans its agencies' columns");
        for (i, p) in tree.parents.iter().enumerate() {
            let Some(p) = *p else { continue };
            assert!(
                tree.left[i] >= tree.left[p] && tree.left[i] + tree.span[i] <= tree.left[p] + tree.span[p],
                "{} stands within the columns of {}",
                boxes[i].name,
                boxes[p].name
            );
        }
        assert_eq!(centre(&tree, 10), centre(&tree, 7), "a lone 分署 stands right under its 署");
        assert_eq!((tree.left[1], tree.span[1]), (0, 7), "a staff office has its parent's columns");
        assert_eq!(boxes[5].kind(), BoxKind::TaskForce);
        assert_eq!(boxes[6].kind(), BoxKind::Group);
    }

    #[test]
    fn a_box_of_two_kinds_or_an_empty_group_is_refused() {
        let boxes = vec![
            b("部長", None),
            ChartBox { staff: true, task_force: true, ..b("小組", Some("部長")) },
            ChartBox { group: true, ..b("所屬機關", Some("部長")) },
        ];
        let problems = Tree::resolve(&boxes).unwrap_err();
        assert!(problems.iter().any(|p| p.index == 1 && p.message.contains("more than one")), "{problems:?}");
        assert!(problems.iter().any(|p| p.index == 2 && p.key == "group" && p.message.contains("no box under it")), "{problems:?}");
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
        // 20 units and 5 agencies under a group: no level holds more than 20
        // boxes, but the agencies stand under their group, beside the units.
        let mut wide: Vec<ChartBox> = std::iter::once(b("部長", None)).chain((0..20).map(|i| b(&format!("司{i}"), Some("部長")))).collect();
        wide.push(ChartBox { group: true, ..b("所屬機關", Some("部長")) });
        wide.extend((0..5).map(|i| b(&format!("署{i}"), Some("所屬機關"))));
        let problems = Tree::resolve(&wide).unwrap_err();
        assert!(problems[0].message.contains("25 boxes wide"), "{problems:?}");
        let deep: Vec<ChartBox> =
            std::iter::once(b("L0", None)).chain((1..10).map(|i| b(&format!("L{i}"), Some(&format!("L{}", i - 1))))).collect();
        assert!(Tree::resolve(&deep).unwrap_err()[0].message.contains("levels deep"));
    }
}
