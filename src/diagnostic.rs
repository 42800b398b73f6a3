//! Diagnostics: what went wrong, where, and what was expected.
//!
//! Every problem the tool reports about a bundle is a [`Diagnostic`]: a
//! severity, a message, the file and byte span it points at (when it points
//! at one), and an optional hint. The span is resolved to `line:column` for
//! the one-line summary, and rendered with the offending line and a caret by
//! miette's graphical handler for people.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rust_i18n::t;

use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteDiagnostic, MietteError, MietteSpanContents, SourceCode, SourceSpan,
    SpanContents,
};

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build goes on (unless warnings are denied).
    Warning,
    /// The bundle is not built.
    Error,
}

/// A file's text, shared by the diagnostics that point into it.
#[derive(Debug, Clone)]
pub struct SourceText {
    /// The path shown to the user (relative where possible).
    pub name: PathBuf,
    /// The text the spans index into.
    pub text: Arc<str>,
}

/// One problem, with the place it was found.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    pub severity: Severity,
    pub message: String,
    /// The file the problem is in, if any.
    pub file: Option<PathBuf>,
    /// The text of that file, for the snippet, if it could be read.
    pub source: Option<SourceText>,
    /// The byte range the problem points at.
    pub span: Option<Range<usize>>,
    /// What would fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error with no place.
    pub fn error(message: impl Into<String>) -> Self {
        Self { severity: Severity::Error, message: message.into(), file: None, source: None, span: None, help: None }
    }

    /// A warning with no place.
    pub fn warning(message: impl Into<String>) -> Self {
        Self { severity: Severity::Warning, ..Self::error(message) }
    }

    /// Points the diagnostic at a whole file.
    pub fn in_file(mut self, file: impl AsRef<Path>) -> Self {
        self.file = Some(file.as_ref().to_path_buf());
        self
    }

    /// Points the diagnostic at a span of a file's text.
    pub fn at(mut self, source: &SourceText, span: Range<usize>) -> Self {
        self.file = Some(source.name.clone());
        self.span = Some(span);
        self.source = Some(source.clone());
        self
    }

    /// Adds a hint.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this is an error.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The 1-based line and column (in characters) where the span starts.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (source, span) = (self.source.as_ref()?, self.span.as_ref()?);
        Some(line_col(&source.text, span.start))
    }

    /// `file:line:column` (or just the file), for one-line summaries.
    pub fn location(&self) -> Option<String> {
        let file = self.file.as_ref()?.display().to_string();
        Some(match self.line_col() {
            Some((line, col)) => format!("{file}:{line}:{col}"),
            None => file,
        })
    }

    /// The full report: the summary line, then the offending line with a
    /// caret under the span, then the hint.
    pub fn render(&self, color: bool) -> String {
        let kind = match self.severity {
            Severity::Error => t!("diagnostic.error"),
            Severity::Warning => t!("diagnostic.warning"),
        };
        // Input text reaches the terminal with its control and bidi
        // characters written as escapes, never acted on.
        let message = visible(&self.message);
        let mut out = match self.location() {
            Some(loc) => format!("{}\n", t!("diagnostic.located", kind = kind, location = visible(&loc), message = message)),
            None => format!("{}\n", t!("diagnostic.unlocated", kind = kind, message = message)),
        };
        if let (Some(source), Some(span)) = (&self.source, &self.span) {
            let (text, span) = visible_source(&source.text, span.clone());
            // The message is said once, on the summary line: the snippet
            // only points at the place (no `×` line, no label).
            let mut diag = MietteDiagnostic::new(message.clone()).with_label(LabeledSpan::underline(span));
            diag.severity = Some(match self.severity {
                Severity::Error => miette::Severity::Error,
                Severity::Warning => miette::Severity::Warning,
            });
            let report = miette::Report::new(diag)
                .with_source_code(CharColumns { name: visible(&source.name.display().to_string()), text: text.into() });
            let theme = if color { GraphicalTheme::unicode() } else { GraphicalTheme::unicode_nocolor() };
            let handler = GraphicalReportHandler::new_themed(theme).with_context_lines(1);
            let mut snippet = String::new();
            if handler.render_report(&mut snippet, report.as_ref()).is_ok() {
                let header = snippet.lines().position(|l| l.trim_start().starts_with(['×', '⚠', '!', 'x'])).filter(|&i| i < 2);
                for (i, line) in snippet.lines().enumerate() {
                    if Some(i) != header {
                        out.push_str(line);
                        out.push('\n');
                    }
                }
            }
        }
        // The hint in the interface's words (miette would say `help:`).
        if let Some(help) = &self.help {
            out.push_str(&t!("diagnostic.help", help = visible(help)));
            out.push('\n');
        }
        out
    }
}

/// Whether a character acts on a terminal rather than shows: a control
/// character (but the line break and the tab) or a bidirectional control.
fn acts(c: char) -> bool {
    (c.is_control() && c != '\n' && c != '\t')
        || matches!(c, '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A text with the characters that act on a terminal written as escapes
/// (`\u{1b}`).
pub fn visible(text: &str) -> String {
    if !text.chars().any(acts) {
        return text.to_string();
    }
    text.chars().map(|c| if acts(c) { format!("\\u{{{:x}}}", c as u32) } else { c.to_string() }).collect()
}

/// [`visible`] for a source, with a span into it moved to match.
fn visible_source(text: &str, span: Range<usize>) -> (String, Range<usize>) {
    if !text.chars().any(acts) {
        return (text.to_string(), span);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let (mut start, mut end) = (span.start, span.end);
    for (at, c) in text.char_indices() {
        if at == span.start {
            start = out.len();
        }
        if at == span.end {
            end = out.len();
        }
        if acts(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    if span.start >= text.len() {
        start = out.len();
    }
    if span.end >= text.len() {
        end = out.len();
    }
    (out, start..end.max(start))
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.location() {
            Some(loc) => write!(f, "{loc}: {}", self.message),
            None => write!(f, "{}", self.message),
        }
    }
}

/// A named source whose snippet header counts columns in characters, as the
/// summary line does (miette counts bytes, which for CJK text is three
/// times as far).
struct CharColumns {
    name: String,
    text: Arc<str>,
}

impl SourceCode for CharColumns {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self.text.as_ref().read_span(span, context_lines_before, context_lines_after)?;
        let column = if context_lines_before == 0 { line_col(&self.text, span.offset()).1 - 1 } else { 0 };
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line(),
            column,
            inner.line_count(),
        )))
    }
}

/// The 1-based line and column (counted in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let col = text[line_start..offset].chars().count() + 1;
    (line, col)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while i > 0 && !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The diagnostics of one bundle.
pub type Diagnostics = Vec<Diagnostic>;

/// Whether any of the diagnostics stops the build.
pub fn has_errors(diagnostics: &[Diagnostic], deny_warnings: bool) -> bool {
    diagnostics.iter().any(|d| d.is_error() || deny_warnings)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters() {
        let text = "a = 1\n名稱 = \"x\"\n";
        assert_eq!(line_col(text, 0), (1, 1));
        let at = text.find('=').unwrap();
        assert_eq!(line_col(text, at), (1, 3));
        let at = text.rfind('=').unwrap();
        assert_eq!(line_col(text, at), (2, 4));
    }

    #[test]
    fn render_shows_the_line_and_location() {
        let source = SourceText { name: "b/booklet.toml".into(), text: "x = 1\nfiscal_year = -3\n".into() };
        let d =
            Diagnostic::error("fiscal year out of range; expected 1 to 200").at(&source, 20..22).with_help("write the ROC year, e.g. 109");
        let out = d.render(false);
        assert!(out.starts_with("error: b/booklet.toml:2:15: fiscal year out of range"), "{out}");
        assert!(out.contains("fiscal_year = -3"), "{out}");
        assert!(out.contains("write the ROC year"), "{out}");
    }

    #[test]
    fn snippet_columns_count_characters() {
        let source = SourceText { name: "b.toml".into(), text: "agency = \"勞動部\nx = 1\n".into() };
        let at = source.text.find('\n').unwrap();
        let d = Diagnostic::error("invalid basic string").at(&source, at..at + 1);
        let out = d.render(false);
        assert!(out.starts_with("error: b.toml:1:14:"), "{out}");
        assert!(out.contains("[b.toml:1:14]"), "{out}");
    }
}
