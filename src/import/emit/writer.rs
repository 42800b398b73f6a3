//! The writer of the draft's TOML files: the model's own types through
//! `toml_edit` (one escaping path), laid out as the hand-made bundles are.

use rust_i18n::t;

/// Keys whose lists of strings or numbers stay on one line: a table's
/// column headings, the manifest's files and order. Other lists are
/// written one value a line.
const ONE_LINE: [&str; 3] = ["columns", "include", "order"];

/// Keys whose lists of tables stay inline tables, one a line: a further
/// table's columns and a chart's boxes. Other lists of tables become
/// `[[…]]` sections, each with its source line.
const INLINE_TABLES: [&str; 2] = ["columns", "boxes"];

/// A part of the model written as a bundle file through `toml_edit`, in
/// the layout of the hand-made bundles: its tables as `[table]` sections
/// (an `amount` column stays inline), a list of tables as `[[table]]`
/// sections, each with the next of `lines` (its source line, in the order
/// the sections are written) beside its header (but the lists of
/// [`INLINE_TABLES`]), a list of numbers or of [`ONE_LINE`] on one line,
/// any other list one value a line, and `comments` over the first section.
pub(in crate::import) fn written<T: serde::Serialize>(value: &T, comments: &[&str], lines: &[Option<usize>]) -> String {
    with_comments(&document(value, lines), comments)
}

/// The document [`written`] writes, for a caller to adjust first (the
/// manifest drops the numbering keys left at their defaults).
pub(in crate::import) fn document<T: serde::Serialize>(value: &T, lines: &[Option<usize>]) -> toml_edit::DocumentMut {
    // A part of strings, numbers and booleans always serialises.
    let mut doc = toml_edit::ser::to_document(value).unwrap_or_default();
    let mut lines = lines.iter();
    expand(doc.as_table_mut(), &mut lines);
    doc
}

/// A document's text under `comments`, one `# ` line each, a blank line
/// between them and the first section as in the hand-made bundles.
pub(in crate::import) fn with_comments(doc: &toml_edit::DocumentMut, comments: &[&str]) -> String {
    let head: String = comments.iter().map(|c| format!("# {c}\n")).collect();
    if head.is_empty() { doc.to_string() } else { format!("{head}\n{doc}") }
}

/// Turns a table's inline tables and lists of tables into sections, depth
/// first in the order they are written, noting each `[[…]]` section's
/// source line.
fn expand<'l>(table: &mut toml_edit::Table, lines: &mut impl Iterator<Item = &'l Option<usize>>) {
    let keys: Vec<String> = table.iter().map(|(k, _)| k.to_string()).collect();
    for key in keys {
        let Some(item) = table.get_mut(&key) else { continue };
        match item {
            toml_edit::Item::Value(toml_edit::Value::InlineTable(_)) if key != "amount" => {
                let inline = std::mem::take(item);
                if let Ok(mut section) = inline.into_table() {
                    section.set_implicit(true);
                    expand(&mut section, lines);
                    *item = toml_edit::Item::Table(section);
                }
            }
            toml_edit::Item::Value(toml_edit::Value::Array(array))
                if !array.is_empty() && array.iter().all(toml_edit::Value::is_inline_table) && INLINE_TABLES.contains(&key.as_str()) =>
            {
                one_a_line(array);
            }
            toml_edit::Item::Value(toml_edit::Value::Array(array))
                if !array.is_empty() && array.iter().all(toml_edit::Value::is_inline_table) =>
            {
                let inline = std::mem::take(item);
                if let Ok(mut sections) = inline.into_array_of_tables() {
                    for section in sections.iter_mut() {
                        if let Some(Some(line)) = lines.next() {
                            section.decor_mut().set_suffix(format!("  # {}", t!("import.emit.source_line", line = line)));
                        }
                        expand(section, lines);
                    }
                    *item = toml_edit::Item::ArrayOfTables(sections);
                }
            }
            // Column headings, file names and counts stay on one line.
            toml_edit::Item::Value(toml_edit::Value::Array(array))
                if ONE_LINE.contains(&key.as_str()) || array.iter().all(|v| v.is_integer() || v.is_float() || v.is_bool()) => {}
            toml_edit::Item::Value(toml_edit::Value::Array(array)) if !array.is_empty() => one_a_line(array),
            _ => {}
        }
    }
}

/// An array written one value a line, as a clerk lays out a list or a
/// table's rows.
fn one_a_line(array: &mut toml_edit::Array) {
    for value in array.iter_mut() {
        value.decor_mut().set_prefix("\n  ");
    }
    array.set_trailing("\n");
    array.set_trailing_comma(true);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_are_toml_literals_and_lists_laid_out_as_a_clerk_would() {
        #[derive(serde::Serialize)]
        struct Row {
            agency: String,
            counts: Vec<i64>,
        }
        #[derive(serde::Serialize)]
        struct Part {
            columns: Vec<String>,
            items: Vec<String>,
            rows: Vec<Row>,
        }
        #[derive(serde::Serialize)]
        struct File {
            part: Part,
        }
        let texts = ["勞動部", "a\"b\\c", "it's \"quoted\"", "line\nbreak"];
        let file = File {
            part: Part {
                columns: vec!["機關".into(), "職員".into()],
                items: texts.iter().map(|t| t.to_string()).collect(),
                rows: vec![Row { agency: "範例部".into(), counts: vec![1, 2] }, Row { agency: "範例署".into(), counts: vec![3, 4] }],
            },
        };
        let text = written(&file, &["a draft"], &[Some(7), Some(9)]);
        let parsed: toml::Table = toml::from_str(&text).expect("valid TOML");
        let items: Vec<&str> = parsed["part"]["items"].as_array().expect("items").iter().filter_map(|v| v.as_str()).collect();
        assert_eq!(items, texts);
        assert!(text.starts_with("# a draft\n\n[part]"), "{text}");
        assert!(text.contains("columns = [\"機關\", \"職員\"]"), "{text}");
        assert!(text.contains("items = [\n  \"勞動部\","), "{text}");
        assert!(text.contains("counts = [1, 2]"), "{text}");
        let sections: Vec<&str> = text.lines().filter(|l| l.starts_with("[[part.rows]]")).collect();
        assert_eq!(sections.len(), 2, "{text}");
        assert!(sections[0].ends_with('7') && sections[1].ends_with('9'), "{text}");
    }
}
