//! The 壹 part (現行法定職掌): main duties, the units' duties, the
//! organisation chart's unit names and the staffing table.

use rust_i18n::t;

use crate::import::parts::cell_lines::{Cell, split_header};
use crate::import::parts::chart::chart_boxes;
use crate::import::parts::draft::{BlockD, DutiesD, OrgD, StaffingD, Typed, UnitsD, note_typed, or_default, typed_kind};
use crate::import::text::lines::{Line, join, quote};
use crate::import::text::markers::{DSec, duties_section};
use crate::import::text::markers::{Kind, entry, heading_like, is_digit, number, split_marker};
use crate::import::text::names::{is_box_name, is_unit_name};
use crate::import::text::notes::Notes;
use crate::model;

pub(in crate::import) fn duties_line(d: &mut DutiesD, line: &Line, blank: bool, typed: &mut Typed, notes: &mut Notes) {
    // A run-in heading (`（一）機關主要職掌：本局掌理…`): the heading before
    // the colon, the text after it the section's first paragraph.
    let run_in = split_marker(&line.text)
        .and_then(|(_, rest)| rest.split_once('：'))
        .filter(|(head, text)| duties_section(head).is_some() && !text.trim().is_empty());
    // (A section heading by its label as typed: `（一）`, where the layout
    // may have written it in a list's style.)
    if let Some((_, rest)) = split_marker(&line.text)
        && typed_kind(line).is_some_and(|kind| matches!(kind, Kind::Paren | Kind::CjkParen | Kind::Cjk))
        && let rest = run_in.map_or(rest, |(head, _)| head)
        && heading_like(rest, 30)
        && let Some(sec) = duties_section(rest)
        && sec > d.sec
    {
        d.sec = sec;
        note_typed(&mut typed.chapter, line);
        let heading = rest.to_string();
        if let Some((_, text)) = run_in
            && sec == DSec::Main
        {
            let mut main = BlockD { heading: Some(heading), ..Default::default() };
            let body = Line { no: line.no, cell: false, text: text.trim().to_string(), typed: None };
            block_line(&mut main, &body, true, typed, notes);
            d.main = Some(main);
            return;
        }
        match sec {
            DSec::Main => d.main = Some(BlockD { heading: Some(heading), ..Default::default() }),
            DSec::Units => d.units = Some(UnitsD { heading, list: Vec::new(), last_para: false, kind: None }),
            DSec::Org => d.org = Some(OrgD { heading: Some(heading), ..Default::default() }),
            DSec::None => {}
        }
        return;
    }
    match d.sec {
        DSec::None => {
            notes.add(line.no, t!("import.duties.before_section"));
            d.sec = DSec::Main;
            block_line(d.main.get_or_insert_with(Default::default), line, blank, typed, notes);
        }
        DSec::Main => block_line(d.main.get_or_insert_with(Default::default), line, blank, typed, notes),
        DSec::Units => {
            let units =
                d.units
                    .get_or_insert_with(|| UnitsD { heading: "內部分層業務".into(), list: Vec::new(), last_para: false, kind: None });
            units_line(units, line, blank, typed, notes);
        }
        DSec::Org => org_line(d.org.get_or_insert_with(Default::default), line, typed, notes),
    }
}

/// 機關主要職掌: a list, or paragraphs.
pub(in crate::import) fn block_line(b: &mut BlockD, line: &Line, blank: bool, typed: &mut Typed, notes: &mut Notes) {
    match split_marker(&line.text) {
        Some((m, rest)) => {
            note_typed(&mut typed.list, line);
            let kind = typed_kind(line).unwrap_or(m.kind);
            if *b.kind.get_or_insert(kind) != kind {
                notes.add(line.no, t!("import.duties.numbered_unlike", text = quote(&line.text)));
            }
            b.items.push(entry(rest, line.no, notes));
            b.last_para = false;
        }
        None => {
            let text = line.text.as_str();
            if b.last_para
                && !blank
                && let Some(p) = b.paragraphs.last_mut()
            {
                join(p, text);
            } else if !b.last_para
                && let Some(item) = b.items.last_mut()
            {
                if blank {
                    notes.add(line.no, t!("import.duties.after_blank", text = quote(text)));
                }
                join(item, text);
            } else {
                b.paragraphs.push(text.to_string());
                b.last_para = true;
            }
        }
    }
}

/// 內部分層業務: `1、綜合規劃司：` starts a unit, `（1）…` lists its duties.
pub(in crate::import) fn units_line(units: &mut UnitsD, line: &Line, blank: bool, typed: &mut Typed, notes: &mut Notes) {
    let text = line.text.as_str();
    // (Units and their duties told apart by their labels as typed.)
    let kind = typed_kind(line);
    match split_marker(text) {
        Some((m, rest)) if *units.kind.get_or_insert(kind.unwrap_or(m.kind)) == kind.unwrap_or(m.kind) => {
            note_typed(&mut typed.unit, line);
            let (name, paragraph) = match rest.char_indices().find(|(_, c)| matches!(c, '：' | ':')) {
                Some((at, c)) => (rest[..at].trim(), rest[at + c.len_utf8()..].trim()),
                None => {
                    if rest.chars().count() > 20 {
                        notes.add(line.no, t!("import.duties.no_colon", text = quote(rest)));
                    }
                    (rest, "")
                }
            };
            if name.is_empty() {
                notes.add(line.no, t!("import.duties.unit_without_name"));
            }
            units.list.push(model::Unit {
                name: name.to_string(),
                paragraphs: if paragraph.is_empty() { Vec::new() } else { vec![paragraph.to_string()] },
                items: Vec::new(),
                source_line: Some(line.no),
            });
            units.last_para = !paragraph.is_empty();
        }
        Some((_, rest)) => {
            let Some(unit) = units.list.last_mut() else {
                notes.left_out(line, |text| t!("import.duties.left_out_units", text = text));
                return;
            };
            note_typed(&mut typed.unit_item, line);
            unit.items.push(entry(rest, line.no, notes));
            units.last_para = false;
        }
        // A unit without a label, run in (`人事室：掌理本所人事事項。`,
        // its numbering lost in a conversion): its name before the colon.
        None if let Some((name, duty)) = text.split_once(['：', ':'])
            && is_unit_name(name.trim())
            && !duty.trim().is_empty() =>
        {
            units.list.push(model::Unit {
                name: name.trim().to_string(),
                paragraphs: vec![duty.trim().to_string()],
                items: Vec::new(),
                source_line: Some(line.no),
            });
            units.last_para = true;
        }
        // Units without labels (their numbering lost): a unit's name alone
        // on its line starts one, where no labelled unit was seen.
        None if units.kind.is_none() && is_unit_name(text.trim()) => {
            units.list.push(model::Unit {
                name: text.trim().to_string(),
                paragraphs: Vec::new(),
                items: Vec::new(),
                source_line: Some(line.no),
            });
            units.last_para = false;
        }
        None => {
            let Some(unit) = units.list.last_mut() else {
                notes.left_out(line, |text| t!("import.duties.left_out_units", text = text));
                return;
            };
            if units.last_para
                && let Some(p) = unit.paragraphs.last_mut()
            {
                join(p, text);
            } else if let Some(item) = unit.items.last_mut() {
                if blank {
                    notes.add(line.no, t!("import.duties.after_blank", text = quote(text)));
                }
                join(item, text);
            } else {
                unit.paragraphs.push(text.to_string());
                units.last_para = true;
            }
        }
    }
}

/// 組織系統圖及預算員額說明表: the chart's and the staffing table's headings.
pub(in crate::import) fn org_line(org: &mut OrgD, line: &Line, typed: &mut Typed, notes: &mut Notes) {
    let rest = split_marker(&line.text).map_or(line.text.as_str(), |(_, r)| r);
    // A note under the staffing table (註：…), and a wrapped note's next
    // line.
    if let Some(staffing) = org.staffing.as_mut() {
        if let Some(note) = crate::import::text::markers::note_text(&line.text) {
            staffing.notes.push(note.to_string());
            return;
        }
        if let Some(last) = staffing.notes.last_mut().filter(|n| !n.ends_with('。') && split_marker(&line.text).is_none()) {
            crate::import::text::lines::join(last, &line.text);
            return;
        }
    }
    if rest.contains("系統圖") && org.chart.is_none() {
        note_typed(&mut typed.section, line);
        org.chart = Some(rest.to_string());
    } else if (rest.contains("員額") || rest.ends_with('表')) && org.staffing_heading.is_none() {
        note_typed(&mut typed.section, line);
        org.staffing_heading = Some(rest.to_string());
    } else if org.chart.is_some() && org.staffing_heading.is_none() && is_box_name(rest) {
        org.names.push((rest.to_string(), line.no));
    } else {
        notes.left_out(line, |text| t!("import.duties.left_out_org", text = text));
    }
}

/// 預算員額說明表: a header row (agency, categories, 合計) and one row per agency.
pub(in crate::import) fn staffing_table(org: &mut OrgD, cells: &[Cell], line: usize, notes: &mut Notes) {
    let (header, data) = split_header(cells);
    if header.len() < 2 {
        notes.add(line, t!("import.duties.not_staffing", cells = cells.len(), header = header.len()));
        return;
    }
    let names: Vec<String> = header.iter().map(Cell::joined).collect();
    // A total column, however its heading is spaced (`合　計`).
    let squeezed = |h: &String| h.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let total = names.iter().rposition(|h| matches!(squeezed(h).as_str(), "合計" | "總計" | "小計")).filter(|&i| i > 0);
    let columns: Vec<String> = names.iter().enumerate().skip(1).filter(|(i, _)| Some(*i) != total).map(|(_, h)| h.clone()).collect();
    if let Some(existing) = &org.staffing {
        if existing.columns != columns {
            notes.add(line, t!("import.duties.second_staffing_other"));
            return;
        }
        notes.add(line, t!("import.duties.second_staffing"));
    }
    let staffing = org.staffing.get_or_insert_with(|| StaffingD {
        agency_column: names[0].clone(),
        columns,
        total_column: total.map(|i| names[i].clone()),
        rows: Vec::new(),
        notes: Vec::new(),
    });
    for chunk in data.chunks(names.len()) {
        if chunk.iter().all(Cell::is_empty) {
            continue;
        }
        if chunk.len() < names.len() {
            notes.add(chunk[0].line, t!("import.duties.short_row", cells = chunk.len(), columns = names.len()));
        }
        let mut row = model::StaffingRow { agency: chunk[0].joined(), counts: Vec::new(), total: None, source_line: Some(chunk[0].line) };
        if row.agency.is_empty() {
            notes.add(chunk[0].line, t!("import.duties.row_without_agency"));
        }
        for (i, cell) in chunk.iter().enumerate().skip(1) {
            let value = count(cell, notes);
            if Some(i) == total {
                row.total = Some(value);
            } else {
                row.counts.push(value);
            }
        }
        staffing.rows.push(row);
    }
}

/// A staff count: digits, with thousands separators; a dash is 0.
pub(in crate::import) fn count(cell: &Cell, notes: &mut Notes) -> i64 {
    let text: String = cell.joined().chars().filter(|c| !matches!(c, ',' | '，' | ' ')).collect();
    if matches!(text.as_str(), "" | "-" | "－" | "—" | "–") {
        return 0;
    }
    if text.chars().all(is_digit) && text.chars().count() <= 9 {
        return i64::from(number(&text));
    }
    notes.add(cell.line, t!("import.duties.not_a_count", text = quote(&text)));
    0
}

/// The duties part as the model's [`model::Duties`]: the customary
/// headings where the booklet gave none, the chart's names as boxes, and
/// an empty staffing table (with a note) where its heading stood without
/// one.
pub(in crate::import) fn finish(d: &DutiesD, notes: &mut Notes) -> model::Duties {
    let organization = d.org.as_ref().map(|org| model::Organization {
        heading: or_default(org.heading.as_ref(), model::default_organization_heading),
        chart: org.chart.as_ref().map(|heading| model::OrgChart {
            heading: heading.clone(),
            head: None,
            deputies: Vec::new(),
            units: None,
            agencies: Vec::new(),
            task_forces: Vec::new(),
            boxes: chart_boxes(org, d.units.as_ref(), notes),
        }),
        staffing: (org.staffing.is_some() || org.staffing_heading.is_some()).then(|| {
            let heading = or_default(org.staffing_heading.as_ref(), model::default_staffing_heading);
            match &org.staffing {
                None => {
                    notes.add(1, t!("import.emit.no_staffing"));
                    model::Staffing {
                        heading,
                        agency_column: model::default_agency_column(),
                        columns: model::default_staff_columns(),
                        total_column: model::default_total_column(),
                        rows: Vec::new(),
                        notes: Vec::new(),
                    }
                }
                Some(s) => model::Staffing {
                    heading,
                    agency_column: s.agency_column.clone(),
                    columns: s.columns.clone(),
                    total_column: or_default(s.total_column.as_ref(), model::default_total_column),
                    rows: s.rows.clone(),
                    notes: s.notes.clone(),
                },
            }
        }),
    });
    model::Duties {
        heading: or_default(Some(&d.heading), model::default_duties_heading),
        main: d.main.as_ref().map(|main| model::Block {
            heading: main.heading.clone(),
            paragraphs: main.paragraphs.clone(),
            items: main.items.clone(),
        }),
        units: d.units.as_ref().map(|units| model::Units {
            heading: or_default(Some(&units.heading), model::default_units_heading),
            list: units.list.clone(),
        }),
        organization,
    }
}
