//! The names of an organisation chart: what a box's name looks like, and
//! which names are a unit's, a group's, a task force's or a staff post's.

/// A box of an organisation chart: a short name without sentence
/// punctuation (`勞動部`, `綜合規劃司`, `政務次長`).
pub(in crate::import) fn is_box_name(text: &str) -> bool {
    let n = text.chars().count();
    (2..=16).contains(&n) && !text.contains(['，', '。', '、', '：', '；', ',', ':', '（', '('])
}

/// Chart names that label a group of the boxes after them (a group box).
pub(in crate::import) const CHART_GROUP_LABELS: &[&str] = &["所屬機關", "所屬機構", "附屬機關"];

/// How a task force's name (任務編組) ends in a chart.
pub(in crate::import) const CHART_TASK_FORCE_ENDINGS: &[&str] = &["小組", "會報"];

/// How an internal unit's name ends (作物組, 秘書室, 綜合規劃司).
const UNIT_ENDINGS: &[&str] = &["司", "處", "室", "組", "科", "中心", "委員會", "隊", "課", "股", "所", "館", "站"];

/// An internal unit's name alone on its line, without a label (a word
/// processor's numbering lost on the way): a box name ending as a unit's.
pub(in crate::import) fn is_unit_name(text: &str) -> bool {
    is_box_name(text) && UNIT_ENDINGS.iter().any(|e| text.ends_with(e))
}

/// Whether a box is a staff post beside the line it hangs from: deputies
/// and the head's staff (`副…`, `…次長`, `秘書長`, `主任秘書`, `參事`).
pub(in crate::import) fn is_staff(name: &str) -> bool {
    name.starts_with('副') || name.ends_with("次長") || ["秘書長", "主任秘書", "參事", "顧問"].iter().any(|t| name.ends_with(t))
}
