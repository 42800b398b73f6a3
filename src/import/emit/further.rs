//! The further parts (肆、其他 …) of a draft, as the model's own types.

use crate::model::{self, ColumnKind};

/// The further parts (`[[parts]]`) as the model's own
/// [`model::ExtraPart`]s, written with the manifest.
/// Their tables are typed: a column of numbers is an integer one, an
/// amount one where its header names a unit or its figures have
/// thousands separators, a percent one where every cell ends in `%`;
/// totalled where the booklet printed a totals row.
pub(in crate::import) fn further_parts(parts: &[crate::import::layout::ExtraPart]) -> Vec<model::ExtraPart> {
    parts
        .iter()
        .map(|part| model::ExtraPart {
            heading: part.heading.clone(),
            paragraphs: part.paragraphs.clone(),
            items: part.items.clone(),
            tables: part.tables.iter().map(generic_table).collect(),
        })
        .collect()
}

/// A further part's table, read, as the model's table with typed columns.
fn generic_table(table: &crate::import::layout::ExtraTable) -> model::GenericTable {
    let numeric = |k: usize| {
        !table.rows.is_empty()
            && table.rows.iter().all(|r| r.get(k).is_some_and(|c| !c.trim().is_empty() && c.replace(',', "").parse::<i64>().is_ok()))
    };
    let percent = |k: usize| !table.rows.is_empty() && table.rows.iter().all(|r| r.get(k).and_then(|c| percent_value(c)).is_some());
    let columns: Vec<model::GenericColumn> = table
        .header
        .iter()
        .enumerate()
        .map(|(k, name)| {
            let (name, unit) = match name.split_once(['（', '(']) {
                Some((n, u)) => (n.trim().to_string(), Some(u.trim_end_matches(['）', ')']).to_string())),
                None => (name.trim().to_string(), None),
            };
            let kind = if percent(k) {
                ColumnKind::Percent
            } else if !numeric(k) {
                ColumnKind::Text
            } else if unit.is_some() || table.rows.iter().any(|r| r[k].contains(',')) {
                ColumnKind::Amount
            } else {
                ColumnKind::Integer
            };
            let total = matches!(kind, ColumnKind::Integer | ColumnKind::Amount)
                && table.totals.as_ref().is_some_and(|t| t.get(k).is_some_and(|c| !c.trim().is_empty()));
            model::GenericColumn {
                name,
                kind,
                total,
                unit: unit.filter(|_| kind == ColumnKind::Amount),
                group: table.groups.get(k).cloned().flatten(),
            }
        })
        .collect();
    let rows = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(k, c)| match columns.get(k).map(|c| c.kind) {
                    Some(ColumnKind::Percent) => match percent_value(c).unwrap_or_default() {
                        x if x.fract() == 0.0 && x.abs() < 1e15 => model::CellValue::Integer(x as i64),
                        x => model::CellValue::Float(x),
                    },
                    Some(ColumnKind::Integer | ColumnKind::Amount) => {
                        model::CellValue::Integer(c.replace(',', "").parse().unwrap_or_default())
                    }
                    Some(ColumnKind::Text) | None => model::CellValue::Text(c.trim().to_string()),
                })
                .collect()
        })
        .collect();
    let total_label = table.totals.as_ref().and_then(|t| t.first()).map(|l| l.trim()).filter(|l| !l.is_empty()).unwrap_or("合計");
    model::GenericTable {
        heading: table.heading.clone(),
        sheet: None,
        unit_caption: table.unit_caption.clone(),
        columns,
        rows,
        total_label: total_label.to_string(),
        notes: table.notes.clone(),
        landscape: table.landscape,
    }
}

/// The number of a percentage as printed (`95.2%`, `100％`).
fn percent_value(cell: &str) -> Option<f64> {
    let number = cell.trim().strip_suffix(['%', '％'])?;
    number.trim().parse::<f64>().ok().filter(|x| x.is_finite())
}
