//! The draft's files of the three customary parts: `duties.toml`,
//! `policy.toml` and one file per outcome table, each the model's own
//! [`model::BundleFile`] with the source line of each entry beside it.

use rust_i18n::t;

use crate::model;

use crate::import::emit::writer::written;

/// `duties.toml`: the duties part, each unit and staffing row with its
/// source line.
pub(in crate::import) fn emit_duties(duties: &model::Duties) -> String {
    // The source line of each entry, in the order the entries are written.
    let mut lines: Vec<Option<usize>> = duties.units.iter().flat_map(|u| &u.list).map(|unit| unit.source_line).collect();
    if let Some(staffing) = duties.organization.as_ref().and_then(|o| o.staffing.as_ref()) {
        lines.extend(staffing.rows.iter().map(|row| row.source_line));
    }
    let file = model::BundleFile { duties: Some(duties.clone()), ..model::BundleFile::default() };
    written(&file, &[t!("import.emit.duties_comment").as_ref()], &lines)
}

/// `policy.toml`: the policy part, each goal, work plan and item with its
/// source line.
pub(in crate::import) fn emit_policy(policy: &model::Policy) -> String {
    // The source line of each entry, in the order the entries are written.
    let mut lines: Vec<Option<usize>> = policy.goals.iter().flat_map(|g| &g.list).map(|g| g.source_line).collect();
    for wp in policy.plans.iter().flat_map(|plans| &plans.work_plans) {
        lines.push(wp.source_line);
        lines.extend(wp.items.iter().map(|i| i.source_line));
    }
    let file = model::BundleFile { policy: Some(policy.clone()), ..model::BundleFile::default() };
    written(&file, &[t!("import.emit.policy_comment").as_ref()], &lines)
}

/// An outcome table's file: the model's [`model::OutcomeTable`], the
/// table, each work plan, item and sub-item with its source line.
pub(in crate::import) fn emit_table(table: &model::OutcomeTable) -> String {
    let mut lines = vec![table.source_line];
    for wp in &table.work_plans {
        lines.push(wp.source_line);
        for item in &wp.items {
            lines.push(item.source_line);
            lines.extend(item.subitems.iter().map(|s| s.source_line));
        }
    }
    let comments = [t!("import.emit.outcomes_comment"), t!("import.emit.outcomes_check_comment")];
    let comments: Vec<&str> = comments.iter().map(AsRef::as_ref).collect();
    let file = model::BundleFile {
        outcomes: Some(model::OutcomesFile { heading: None, tables: vec![table.clone()] }),
        ..model::BundleFile::default()
    };
    written(&file, &comments, &lines)
}
