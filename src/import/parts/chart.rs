//! The organisation chart as a tree of boxes, from the names a booklet
//! lists under 組織系統圖 (its boxes' text, read in order).

use rust_i18n::t;

use crate::model::{self, BoxKind};

use crate::import::parts::draft::{OrgD, UnitsD};
use crate::import::text::names::{CHART_GROUP_LABELS, CHART_TASK_FORCE_ENDINGS, is_staff};
use crate::import::text::notes::Notes;

/// The chart's boxes, when its names are not the default chart (the agency
/// above the units of 內部分層業務). The first name heads it. When the
/// others fit one level (24 boxes) they hang from it, deputies and the
/// head's staff beside the line; when not, the leading posts (titles in
/// 長: 副院長, 秘書長, 副秘書長) make a chain down from the head, the names
/// between them hang beside it as staff, and the units hang from its last
/// link. Then a group label (所屬機關) is a group that the names after it
/// hang from, a name that begins with an earlier box's name (範例署北區分署
/// after 範例署) hangs from that box, and a unit named …小組 or …會報 is a
/// task force. None, with a note, where the chart is too wide or a name too
/// long for a box.
pub(in crate::import) fn chart_boxes(org: &OrgD, units: Option<&UnitsD>, notes: &mut Notes) -> Vec<model::ChartBox> {
    let names: Vec<&str> = org.names.iter().map(|(n, _)| n.as_str()).collect();
    let unit_names: Vec<&str> = units.map(|u| u.list.iter().map(|u| u.name.as_str()).collect()).unwrap_or_default();
    if names.len() < 2 || names[1..] == unit_names[..] {
        return Vec::new();
    }
    // Each box's key: its id where its name repeats, else its name.
    let keys: Vec<String> = names
        .iter()
        .enumerate()
        .map(|(k, n)| if names.iter().filter(|m| *m == n).count() > 1 { format!("box-{}", k + 1) } else { n.to_string() })
        .collect();
    let post = |n: &str| n.ends_with('長') && !["處", "司", "室", "組", "會", "中心", "局", "署", "所"].iter().any(|u| n.ends_with(u));
    let last_post = (1..names.len()).filter(|&i| post(names[i])).max();
    // (parent index, staff) of each box after the head.
    let mut placed: Vec<(usize, bool)> = Vec::new();
    if names.len() - 1 <= model::CHART_MAX_WIDTH || last_post.is_none() {
        placed.extend((1..names.len()).map(|i| (0, is_staff(names[i]))));
    } else {
        let last_post = last_post.unwrap_or(0);
        let mut link = 0;
        for (i, name) in names.iter().enumerate().skip(1) {
            if post(name) {
                placed.push((link, false));
                link = i;
            } else {
                placed.push((link, i < last_post));
            }
        }
    }
    let mut kinds: Vec<BoxKind> = placed.iter().map(|&(_, staff)| if staff { BoxKind::Staff } else { BoxKind::Unit }).collect();
    let mut group: Option<usize> = None;
    for i in 1..names.len() {
        let k = i - 1;
        if kinds[k] == BoxKind::Staff {
            continue;
        }
        let within = (1..i).filter(|&j| names[i].starts_with(names[j]) && names[i] != names[j]).max_by_key(|&j| names[j].len());
        if CHART_GROUP_LABELS.contains(&names[i]) && i + 1 < names.len() {
            kinds[k] = BoxKind::Group;
            group = Some(i);
        } else if let Some(j) = within {
            placed[k].0 = j;
        } else if let Some(g) = group {
            placed[k].0 = g;
        }
        if kinds[k] == BoxKind::Unit && CHART_TASK_FORCE_ENDINGS.iter().any(|e| names[i].ends_with(e)) {
            kinds[k] = BoxKind::TaskForce;
        }
    }
    let widest = (0..names.len()).map(|p| placed.iter().filter(|(q, s)| *q == p && !s).count()).max().unwrap_or(0);
    if widest > model::CHART_MAX_WIDTH || names.iter().any(|n| n.chars().count() > model::CHART_MAX_NAME) {
        notes.add(org.names[0].1, t!("import.emit.chart_too_big", count = names.len(), names = names.join("、")));
        return Vec::new();
    }
    names
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let (parent, kind) = match k.checked_sub(1) {
                None => (None, BoxKind::Unit),
                Some(i) => (Some(keys[placed[i].0].clone()), kinds[i]),
            };
            model::ChartBox {
                name: name.to_string(),
                id: (keys[k] != *name).then(|| keys[k].clone()),
                parent,
                staff: kind == BoxKind::Staff,
                group: kind == BoxKind::Group,
                task_force: kind == BoxKind::TaskForce,
            }
        })
        .collect()
}
