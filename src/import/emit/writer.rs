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
