//! The writer of the draft's TOML files, in the layout of the hand-made
//! bundles: every string a TOML literal (one escaping path).

use std::fmt::Write as _;

use rust_i18n::t;

/// A TOML document written in the layout of the hand-made bundles.
#[derive(Default)]
pub(in crate::import) struct Toml(pub(in crate::import) String);

/// A TOML string literal, escaped.
pub(in crate::import) fn lit(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Toml {
    pub(in crate::import) fn gap(&mut self) {
        if !self.0.is_empty() && !self.0.ends_with("\n\n") {
            self.0.push('\n');
        }
    }

    pub(in crate::import) fn comment(&mut self, text: &str) {
        let _ = writeln!(self.0, "# {text}");
    }

    pub(in crate::import) fn table(&mut self, name: &str) {
        self.gap();
        let _ = writeln!(self.0, "[{name}]");
    }

    /// An array-of-tables header, with the source line it came from.
    pub(in crate::import) fn entry(&mut self, name: &str, line: usize) {
        self.gap();
        let _ = writeln!(self.0, "[[{name}]]  # {}", t!("import.emit.source_line", line = line));
    }

    pub(in crate::import) fn string(&mut self, key: &str, value: &str) {
        let _ = writeln!(self.0, "{key} = {}", lit(value));
    }

    pub(in crate::import) fn opt_string(&mut self, key: &str, value: Option<&String>) {
        if let Some(value) = value {
            self.string(key, value);
        }
    }

    /// A list of strings, one per line; written even when empty if `always`.
    pub(in crate::import) fn strings(&mut self, key: &str, values: &[String], always: bool) {
        if values.is_empty() {
            if always {
                let _ = writeln!(self.0, "{key} = []");
            }
            return;
        }
        let _ = writeln!(self.0, "{key} = [");
        for v in values {
            let _ = writeln!(self.0, "  {},", lit(v));
        }
        self.0.push_str("]\n");
    }

    pub(in crate::import) fn inline_strings(&mut self, key: &str, values: &[String]) {
        let list: Vec<String> = values.iter().map(|v| lit(v)).collect();
        let _ = writeln!(self.0, "{key} = [{}]", list.join(", "));
    }

    pub(in crate::import) fn empty_list(&mut self, key: &str, empty: bool) {
        if empty {
            let _ = writeln!(self.0, "{key} = []");
        }
    }
}

/// A part of the model written as a bundle file through `toml_edit`, in
/// the layout of the hand-made bundles: its tables as `[table]` sections
/// (an `amount` column stays inline), a list of tables as `[[table]]`
/// sections, each with the next of `lines` (its source line, in the order
/// the sections are written) beside its header, any other list one value
/// a line (the three `columns` of a plans or outcome table on one; a
/// further table's `columns` stay inline tables, one a line), and
/// `comments` over the first section.
pub(in crate::import) fn written<T: serde::Serialize>(value: &T, comments: &[&str], lines: &[usize]) -> String {
    // A part of strings, numbers and booleans always serialises.
    let Ok(mut doc) = toml_edit::ser::to_document(value) else { return String::new() };
    let mut lines = lines.iter();
    expand(doc.as_table_mut(), &mut lines);
    let head: String = comments.iter().map(|c| format!("# {c}\n")).collect();
    format!("{head}{doc}")
}

/// Turns a table's inline tables and lists of tables into sections, depth
/// first in the order they are written, noting each `[[…]]` section's
/// source line.
fn expand<'l>(table: &mut toml_edit::Table, lines: &mut impl Iterator<Item = &'l usize>) {
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
            // A plans or outcome table's three column headings stay on one line.
            toml_edit::Item::Value(toml_edit::Value::Array(array))
                if key == "columns" && !array.iter().all(toml_edit::Value::is_inline_table) => {}
            toml_edit::Item::Value(toml_edit::Value::Array(array))
                if key != "columns" && !array.is_empty() && array.iter().all(toml_edit::Value::is_inline_table) =>
            {
                let inline = std::mem::take(item);
                if let Ok(mut sections) = inline.into_array_of_tables() {
                    for section in sections.iter_mut() {
                        if let Some(line) = lines.next() {
                            section.decor_mut().set_suffix(format!("  # {}", t!("import.emit.source_line", line = line)));
                        }
                        expand(section, lines);
                    }
                    *item = toml_edit::Item::ArrayOfTables(sections);
                }
            }
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
    fn strings_are_toml_literals() {
        for text in ["勞動部", "a\"b\\c", "it's \"quoted\"", "line\nbreak"] {
            let parsed: toml::Table = toml::from_str(&format!("x = {}", lit(text))).expect("a TOML literal");
            assert_eq!(parsed["x"].as_str(), Some(text));
        }
        let mut toml = Toml::default();
        toml.table("booklet");
        toml.string("agency", "範例部");
        let value: toml::Table = toml::from_str(&toml.0).expect("valid TOML");
        assert_eq!(value["booklet"]["agency"].as_str(), Some("範例部"));
    }
}
