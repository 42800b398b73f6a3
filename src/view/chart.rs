//! The org chart's views: a tree chart's levels, and the chart as nested
//! boxes (the web edition's outline).

use super::{ChartNode, ChartView, TreeBoxView};
use crate::model::ChartBox;

/// A tree chart's levels (see [`crate::chart`]). Validation has resolved
/// the boxes; a chart that does not resolve shows its first box alone.
pub(super) fn tree_view(boxes: &[ChartBox]) -> Vec<Vec<TreeBoxView>> {
    let Ok(tree) = crate::chart::Tree::resolve(boxes) else {
        return vec![vec![TreeBoxView { name: boxes[0].name.clone(), parent: None, staff: Vec::new(), children: false }]];
    };
    tree.rows
        .iter()
        .enumerate()
        .map(|(level, row)| {
            row.iter()
                .map(|&i| TreeBoxView {
                    name: boxes[i].name.clone(),
                    parent: tree.parents[i].and_then(|p| level.checked_sub(1).and_then(|l| tree.rows[l].iter().position(|&x| x == p))),
                    staff: tree.staff_of(boxes, i).into_iter().map(|j| boxes[j].name.clone()).collect(),
                    children: tree.rows.get(level + 1).is_some_and(|next| next.iter().any(|&j| tree.parents[j] == Some(i))),
                })
                .collect()
        })
        .collect()
}

/// The chart as nested boxes: the tree's boxes under their parents, or the
/// flat keys as head → deputies, units, 所屬機關, 任務編組.
pub(super) fn chart_outline(view: &ChartView, boxes: &[ChartBox]) -> Vec<ChartNode> {
    let leaf = |name: &String, staff: bool| ChartNode { name: name.clone(), staff, children: Vec::new() };
    if !boxes.is_empty() {
        let Ok(tree) = crate::chart::Tree::resolve(boxes) else { return vec![leaf(&boxes[0].name, false)] };
        fn node(i: usize, boxes: &[ChartBox], parents: &[Option<usize>]) -> ChartNode {
            let children = (0..boxes.len()).filter(|&j| parents[j] == Some(i)).map(|j| node(j, boxes, parents)).collect();
            ChartNode { name: boxes[i].name.clone(), staff: boxes[i].staff, children }
        }
        return vec![node(0, boxes, &tree.parents)];
    }
    let mut children: Vec<ChartNode> = view.deputies.iter().map(|d| leaf(d, true)).collect();
    children.extend(view.units.iter().map(|u| leaf(u, false)));
    for (label, names) in [("所屬機關", &view.agencies), ("任務編組", &view.task_forces)] {
        if !names.is_empty() {
            children.push(ChartNode { name: label.into(), staff: true, children: names.iter().map(|n| leaf(n, false)).collect() });
        }
    }
    vec![ChartNode { name: view.head.clone(), staff: false, children }]
}
