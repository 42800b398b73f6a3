//! Rendering: the view through the MiniJinja templates into Typst source.
//!
//! The templates under `templates/` are loaded once into a [`Templates`]
//! environment that every bundle of a batch shares. Templates whose name ends
//! in `.typ.j2` are auto-escaped with the `typst` escape: every `{{ value }}`
//! is written as a Typst *value literal* (a string literal, a number, an
//! array or a dictionary), never as markup, so input text prints exactly as
//! written whatever characters it holds. This is the one path by which input
//! reaches Typst; [`typst_string`] is its core.

use rust_i18n::t;
use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use minijinja::value::ValueKind;
use minijinja::{AutoEscape, Environment, Error, ErrorKind, Output, State, UndefinedBehavior, Value};

use crate::diagnostic::{Diagnostic, SourceText};
use crate::view::View;

/// The template that renders a whole booklet.
pub const MAIN_TEMPLATE: &str = "booklet.typ.j2";
/// The template that renders the report of a comparison.
pub const COMPARE_TEMPLATE: &str = "compare.typ.j2";
/// The template that renders the report of a comparison of budget data.
pub const COMPARE_DATA_TEMPLATE: &str = "compare-data.typ.j2";
/// The template that renders a booklet's web edition.
pub const HTML_TEMPLATE: &str = "booklet.html.j2";

/// What the web edition's footer says after the booklet's title; the
/// importer knows it as the web edition's furniture, not content.
pub const WEB_COLOPHON: &str = "本網頁版與 PDF 版內容相同，由 booklet 自同一資料產生。";

/// The mark printed for a character no font can show.
pub const MISSING_GLYPH: char = '〓';

/// The context variable that holds the characters to print as
/// [`MISSING_GLYPH`] (one string of them): the Typst formatter reads it
/// from the render's own context, so that each render states its set.
const MISSING_KEY: &str = "missing_glyphs";

/// The name of the auto-escape mode for Typst templates.
const TYPST_ESCAPE: &str = "typst";

/// A loaded template environment, shared by all bundles of a run.
pub struct Templates {
    env: Environment<'static>,
    dir: PathBuf,
    sources: Vec<SourceText>,
}

impl Templates {
    /// Loads every `*.j2` file of a templates directory.
    ///
    /// # Errors
    ///
    /// A directory that cannot be read, or a template with a syntax error
    /// (pointing at its file and line).
    pub fn load(dir: &Path) -> Result<Self, Diagnostic> {
        let mut env = new_environment();
        let mut sources = Vec::new();
        let entries =
            fs::read_dir(dir).map_err(|e| Diagnostic::error(t!("render.templates_dir_unreadable", dir = dir.display(), error = e)))?;
        let mut paths: Vec<PathBuf> =
            entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|e| e == "j2")).collect();
        paths.sort();
        for path in paths {
            let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let text =
                fs::read_to_string(&path).map_err(|e| Diagnostic::error(t!("render.template_unreadable", error = e)).in_file(&path))?;
            let source = SourceText { name: path.clone(), text: text.as_str().into() };
            env.add_template_owned(name, text).map_err(|e| template_diagnostic(&e, &source))?;
            sources.push(source);
        }
        // A templates folder made before a template existed gets the
        // embedded one (the web edition, the comparison report).
        for (name, text) in crate::resources::TEMPLATES.iter().filter(|(n, _)| n.ends_with(".j2") && *n != MAIN_TEMPLATE) {
            if env.get_template(name).is_err() {
                let source = SourceText { name: PathBuf::from(t!("render.embedded_name", name = name).into_owned()), text: (*text).into() };
                env.add_template(name, text).map_err(|e| template_diagnostic(&e, &source))?;
                sources.push(source);
            }
        }
        if env.get_template(MAIN_TEMPLATE).is_err() {
            return Err(Diagnostic::error(t!("render.no_main_template", name = MAIN_TEMPLATE)).in_file(dir));
        }
        Ok(Self { env, dir: dir.to_path_buf(), sources })
    }

    /// The templates embedded in the binary (see [`crate::resources`]).
    ///
    /// # Errors
    ///
    /// None in a released binary; a template with a syntax error otherwise.
    pub fn embedded() -> Result<Self, Diagnostic> {
        let mut env = new_environment();
        let mut sources = Vec::new();
        for (name, text) in crate::resources::TEMPLATES.iter().filter(|(n, _)| n.ends_with(".j2")) {
            let source = SourceText { name: PathBuf::from(t!("render.embedded_name", name = name).into_owned()), text: (*text).into() };
            env.add_template(name, text).map_err(|e| template_diagnostic(&e, &source))?;
            sources.push(source);
        }
        Ok(Self { env, dir: PathBuf::from(crate::resources::TEMPLATES_DIR), sources })
    }

    /// The templates a build uses: the directory of `paths`, or the
    /// embedded ones.
    ///
    /// # Errors
    ///
    /// See [`Templates::load`].
    pub fn from_paths(paths: &crate::resources::Paths) -> Result<Self, Diagnostic> {
        match &paths.templates {
            Some(dir) => Self::load(dir),
            None => Self::embedded(),
        }
    }

    /// The directory the templates came from.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Renders a booklet's Typst source.
    ///
    /// # Errors
    ///
    /// A template that fails while rendering (an undefined value, a bad
    /// filter call), pointing at the template file and line.
    pub fn render(&self, view: &View, bundle_name: &str, missing: &BTreeSet<char>) -> Result<String, Diagnostic> {
        let template = self.env.get_template(MAIN_TEMPLATE).map_err(|e| Diagnostic::error(e.to_string()))?;
        let missing: String = missing.iter().collect();
        let ctx = minijinja::context! { meta => &view.meta, parts => &view.parts, budget => &view.budget, bundle => bundle_name, missing_glyphs => missing };
        template.render(ctx).map_err(|e| self.located(&e))
    }
}

impl Templates {
    /// Renders a booklet's web edition (`booklet.html.j2`) from the same
    /// view as its Typst source: one self-contained HTML page, every value
    /// HTML-escaped.
    ///
    /// # Errors
    ///
    /// A template error, pointing at the template's file and line.
    pub fn render_html(&self, view: &View) -> Result<String, Diagnostic> {
        let template = self.env.get_template(HTML_TEMPLATE).map_err(|e| Diagnostic::error(e.to_string()))?;
        template
            .render(minijinja::context! { meta => &view.meta, parts => &view.parts, budget => &view.budget, colophon => WEB_COLOPHON })
            .map_err(|e| self.located(&e))
    }

    /// A template error at its template's file and line.
    fn located(&self, e: &Error) -> Diagnostic {
        let source = e.name().and_then(|n| self.sources.iter().find(|s| s.name.file_name().is_some_and(|f| f == n)));
        match source {
            Some(source) => template_diagnostic(e, source),
            None => Diagnostic::error(t!("render.template_error", error = e)),
        }
    }

    /// Renders the index of a folder of booklets (`index.html.j2`).
    ///
    /// # Errors
    ///
    /// A template error, pointing at the template's file and line.
    pub fn render_index(&self, booklets: &[Value]) -> Result<String, Diagnostic> {
        let template = self.env.get_template("index.html.j2").map_err(|e| Diagnostic::error(e.to_string()))?;
        template.render(minijinja::context! { booklets => booklets }).map_err(|e| self.located(&e))
    }

    /// Renders one of the templates (a report: `compare.typ.j2`) with a
    /// context.
    ///
    /// # Errors
    ///
    /// A template error, pointing at the template's file and line.
    pub fn render_template(&self, name: &str, context: Value) -> Result<String, Diagnostic> {
        let template = self.env.get_template(name).map_err(|e| Diagnostic::error(e.to_string()))?;
        template.render(context).map_err(|e| self.located(&e))
    }
}

/// A MiniJinja environment with the Typst escape installed.
pub fn new_environment() -> Environment<'static> {
    let mut env = Environment::new();
    env.set_undefined_behavior(UndefinedBehavior::Strict);
    env.set_trim_blocks(true);
    env.set_lstrip_blocks(true);
    env.set_keep_trailing_newline(true);
    env.set_auto_escape_callback(|name| {
        if name.ends_with(".typ.j2") || name.ends_with(".typ") {
            AutoEscape::Custom(TYPST_ESCAPE)
        } else if name.ends_with(".html.j2") {
            AutoEscape::Html
        } else {
            AutoEscape::None
        }
    });
    env.set_formatter(typst_formatter);
    env
}

fn template_diagnostic(e: &Error, source: &SourceText) -> Diagnostic {
    let message = match e.detail() {
        Some(detail) => t!("render.template_error_detail", kind = e.kind(), detail = detail),
        None => t!("render.template_error", error = e.kind()),
    };
    let diagnostic = Diagnostic::error(message);
    match e.range() {
        Some(range) => diagnostic.at(source, range),
        None => match e.line() {
            Some(line) => {
                let start: usize = source.text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
                let len = source.text[start..].find('\n').unwrap_or(source.text.len() - start);
                diagnostic.at(source, start..start + len)
            }
            None => diagnostic.in_file(&source.name),
        },
    }
}

/// The formatter: in Typst templates, values become Typst literals.
fn typst_formatter(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    match state.auto_escape() {
        AutoEscape::Custom(TYPST_ESCAPE) => {
            if value.is_safe() {
                return out.write_str(value.as_str().unwrap_or_default()).map_err(Error::from);
            }
            let missing = state.lookup(MISSING_KEY);
            let missing = missing.as_ref().and_then(|m| m.as_str()).unwrap_or_default();
            let mut literal = String::new();
            write_typst_value(&mut literal, value, missing)?;
            out.write_str(&literal).map_err(Error::from)
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Writes a value as a Typst literal: strings as string literals, numbers,
/// booleans, `none`, arrays and dictionaries.
///
/// # Parameters
///
/// - `out`: where the literal goes;
/// - `value`: the value;
/// - `missing`: the characters to write as [`MISSING_GLYPH`] (no pinned font has them).
///
/// # Errors
///
/// An undefined value, or one that has no literal form (a function).
pub fn write_typst_value(out: &mut String, value: &Value, missing: &str) -> Result<(), Error> {
    match value.kind() {
        ValueKind::Undefined => {
            return Err(Error::new(ErrorKind::UndefinedError, t!("render.undefined_value").into_owned()));
        }
        ValueKind::None => out.push_str("none"),
        ValueKind::Bool => out.push_str(if value.is_true() { "true" } else { "false" }),
        ValueKind::Number => {
            if let Some(i) = value.as_i64() {
                let _ = write!(out, "{i}");
            } else {
                let f = f64::try_from(value.clone()).unwrap_or(f64::NAN);
                if f.is_finite() {
                    let _ = write!(out, "{f:?}");
                } else {
                    out.push_str("float.nan");
                }
            }
        }
        ValueKind::String | ValueKind::Bytes => typst_string_marking(out, value.as_str().unwrap_or_default(), missing),
        ValueKind::Seq | ValueKind::Iterable => {
            out.push('(');
            for item in value.try_iter()? {
                write_typst_value(out, &item, missing)?;
                out.push_str(", ");
            }
            out.push(')');
        }
        ValueKind::Map => {
            let mut empty = true;
            out.push('(');
            for key in value.try_iter()? {
                let item = value.get_item(&key)?;
                typst_string(out, &key.to_string());
                out.push_str(": ");
                write_typst_value(out, &item, missing)?;
                out.push_str(", ");
                empty = false;
            }
            if empty {
                out.push(':');
            }
            out.push(')');
        }
        _ => {
            return Err(Error::new(ErrorKind::InvalidOperation, t!("render.value_kind", kind = value.kind()).into_owned()));
        }
    }
    Ok(())
}

/// Writes text as a Typst string literal. Inside a string literal only the
/// backslash, the double quote and control characters need escapes; a string
/// placed in a document prints as plain text, never as markup or code.
///
/// # Examples
///
/// ```
/// let mut out = String::new();
/// booklet::render::typst_string(&mut out, "#set \"x\" \\ 一");
/// assert_eq!(out, r##""#set \"x\" \\ 一""##);
/// ```
pub fn typst_string(out: &mut String, text: &str) {
    typst_string_marking(out, text, "");
}

/// [`typst_string`], each character of `missing` written as [`MISSING_GLYPH`].
fn typst_string_marking(out: &mut String, text: &str, missing: &str) {
    out.reserve(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        push_escaped(out, if missing.contains(c) { MISSING_GLYPH } else { c });
    }
    out.push('"');
}

fn push_escaped(out: &mut String, c: char) {
    match c {
        '\\' => out.push_str("\\\\"),
        '"' => out.push_str("\\\""),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if c.is_control() => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
        c => out.push(c),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(template: &str, ctx: Value) -> String {
        let mut env = new_environment();
        env.add_template("t.typ.j2", template).unwrap();
        env.get_template("t.typ.j2").unwrap().render(ctx).unwrap()
    }

    #[test]
    fn strings_become_literals() {
        let out = render("#text({{ s }})", minijinja::context! { s => "*bold* _x_ $y$ #eval(\"1\") // c \\ `r`" });
        assert_eq!(out, r#"#text("*bold* _x_ $y$ #eval(\"1\") // c \\ `r`")"#);
    }

    #[test]
    fn control_characters_are_escaped() {
        let mut out = String::new();
        typst_string(&mut out, "a\nb\u{7}c\u{202e}");
        assert_eq!(out, "\"a\\nb\\u{7}c\u{202e}\"");
    }

    #[test]
    fn structures_become_arrays_and_dictionaries() {
        let ctx =
            minijinja::context! { v => minijinja::context! { n => 3, items => vec!["a", "b"], empty => Vec::<i32>::new(), none => () } };
        let out = render("{{ v }}", ctx);
        assert_eq!(out, r#"("n": 3, "items": ("a", "b", ), "empty": (), "none": none, )"#);
    }

    #[test]
    fn undefined_values_are_errors() {
        let mut env = new_environment();
        env.add_template("t.typ.j2", "{{ missing }}").unwrap();
        assert!(env.get_template("t.typ.j2").unwrap().render(minijinja::context! {}).is_err());
    }

    #[test]
    fn safe_values_pass_through() {
        let out = render("{{ s | safe }}", minijinja::context! { s => "#strong[x]" });
        assert_eq!(out, "#strong[x]");
    }
}
