//! The org chart's views: a tree chart's levels, and the chart as nested
//! boxes (the web edition's outline).

use super::{ChartNode, ChartView, TreeBoxView, TreeView};
use crate::model::{BoxKind, ChartBox};

/// A tree chart's levels and columns (see [`crate::chart`]). Validation has
/// resolved the boxes; a chart that does not resolve shows its first box
/// alone.
pub(super) fn tree_view(boxes: &[ChartBox]) -> TreeView {
    let Ok(tree) = crate::chart::Tree::resolve(boxes) else {
        let alone = TreeBoxView {
            name: boxes[0].name.clone(),
            parent: None,
            staff: Vec::new(),
            children: false,
            kind: BoxKind::Unit,
            left: 0,
            span: 1,
        };
        return TreeView { columns: 1, levels: vec![vec![alone]] };
    };
    let levels = tree
        .rows
        .iter()
        .enumerate()
        .map(|(level, row)| {
            row.iter()
                .map(|&i| TreeBoxView {
                    name: boxes[i].name.clone(),
                    parent: tree.parents[i].and_then(|p| level.checked_sub(1).and_then(|l| tree.rows[l].iter().position(|&x| x == p))),
                    staff: tree.staff_of(boxes, i).into_iter().map(|j| boxes[j].name.clone()).collect(),
                    children: tree.rows.get(level + 1).is_some_and(|next| next.iter().any(|&j| tree.parents[j] == Some(i))),
                    kind: boxes[i].kind(),
                    left: tree.left[i],
                    span: tree.span[i],
                })
                .collect()
        })
        .collect();
    TreeView { columns: tree.columns(), levels }
}

/// The chart as nested boxes: the tree's boxes under their parents, or the
/// flat keys as head → deputies, units, 所屬機關, 任務編組.
pub(super) fn chart_outline(view: &ChartView, boxes: &[ChartBox]) -> Vec<ChartNode> {
    let leaf = |name: &String, kind: BoxKind| ChartNode { name: name.clone(), kind, children: Vec::new() };
    if !boxes.is_empty() {
        let Ok(tree) = crate::chart::Tree::resolve(boxes) else {
            return vec![leaf(&boxes[0].name, BoxKind::Unit)];
        };
        fn node(i: usize, boxes: &[ChartBox], parents: &[Option<usize>]) -> ChartNode {
            let children = (0..boxes.len()).filter(|&j| parents[j] == Some(i)).map(|j| node(j, boxes, parents)).collect();
            ChartNode { name: boxes[i].name.clone(), kind: boxes[i].kind(), children }
        }
        return vec![node(0, boxes, &tree.parents)];
    }
    let mut children: Vec<ChartNode> = view.deputies.iter().map(|d| leaf(d, BoxKind::Staff)).collect();
    children.extend(view.units.iter().map(|u| leaf(u, BoxKind::Unit)));
    for (label, names, kind) in [("所屬機關", &view.agencies, BoxKind::Unit), ("任務編組", &view.task_forces, BoxKind::TaskForce)] {
        if !names.is_empty() {
            children.push(ChartNode { name: label.into(), kind: BoxKind::Group, children: names.iter().map(|n| leaf(n, kind)).collect() });
        }
    }
    vec![ChartNode { name: view.head.clone(), kind: BoxKind::Unit, children }]
}
