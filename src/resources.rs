//! Resources: the look (templates) and the pinned fonts a booklet is built
//! with, and where they come from.
//!
//! booklet carries its templates and fonts inside the binary, so that an
//! installed `booklet` builds bundles in any folder. A `templates/` or
//! `fonts/` directory in the working folder overrides the embedded ones
//! (each on its own), as does `--root DIR` (both, from `DIR`). The embedded
//! files are the same bytes as the repository's `templates/` and `fonts/`,
//! so a booklet built anywhere is byte-identical to one built in the
//! project.

use rust_i18n::t;
use std::path::{Path, PathBuf};

/// The templates embedded in the binary: name in `templates/`, text.
pub const TEMPLATES: &[(&str, &str)] = &[
    ("booklet.typ", include_str!("../templates/booklet.typ")),
    ("booklet.typ.j2", include_str!("../templates/booklet.typ.j2")),
    ("booklet.html.j2", include_str!("../templates/booklet.html.j2")),
    ("compare.typ.j2", include_str!("../templates/compare.typ.j2")),
    ("compare-data.typ.j2", include_str!("../templates/compare-data.typ.j2")),
    ("index.html.j2", include_str!("../templates/index.html.j2")),
];

/// The font files embedded in the binary: path in `fonts/`, bytes.
pub const FONTS: &[(&str, &[u8])] = &[("ukai/ukai.ttc", include_bytes!("../fonts/ukai/ukai.ttc"))];

/// The directory Typst knows the templates by, below its project root.
pub const TEMPLATES_DIR: &str = "templates";

/// An embedded template by its path as Typst sees it (`/templates/NAME`).
pub fn embedded_template(vpath: &str) -> Option<&'static str> {
    let name = vpath.strip_prefix('/').unwrap_or(vpath).strip_prefix(TEMPLATES_DIR)?.strip_prefix('/')?;
    TEMPLATES.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// Where the templates, the fonts and Typst's project root are.
#[derive(Debug, Clone)]
pub struct Paths {
    /// Typst's project root (`/`): the generated source lies below it.
    pub root: PathBuf,
    /// The templates directory, or `None` for the embedded templates.
    pub templates: Option<PathBuf>,
    /// The fonts directory, or `None` for the embedded fonts.
    pub fonts: Option<PathBuf>,
}

impl Paths {
    /// `templates/` and `fonts/` under a root, as they are on disk.
    pub fn under(root: &Path) -> Self {
        Self { root: root.to_path_buf(), templates: Some(root.join("templates")), fonts: Some(root.join("fonts")) }
    }

    /// The embedded templates and fonts, with Typst's root at `root`.
    pub fn embedded(root: &Path) -> Self {
        Self { root: root.to_path_buf(), templates: None, fonts: None }
    }

    /// What a command uses. With `--root DIR`: `DIR/templates` and
    /// `DIR/fonts`. Without it: the working folder is the root, and its
    /// `templates/` (when it holds `booklet.typ.j2`) and `fonts/` (when it
    /// exists) override the embedded ones, each on its own.
    ///
    /// # Examples
    ///
    /// ```
    /// use booklet::resources::Paths;
    /// let dir = tempfile::tempdir().unwrap();
    /// let paths = Paths::find(None, dir.path());
    /// assert!(paths.templates.is_none() && paths.fonts.is_none());
    /// ```
    pub fn find(root: Option<&Path>, working: &Path) -> Self {
        if let Some(root) = root {
            return Self::under(root);
        }
        let templates = working.join("templates");
        let fonts = working.join("fonts");
        Self {
            root: working.to_path_buf(),
            templates: templates.join("booklet.typ.j2").is_file().then_some(templates),
            fonts: fonts.is_dir().then_some(fonts),
        }
    }

    /// The templates' place, for messages.
    pub fn templates_name(&self) -> String {
        self.templates.as_ref().map_or_else(|| t!("resources.embedded_templates").into_owned(), |d| d.display().to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_templates_by_typst_path() {
        assert!(embedded_template("/templates/booklet.typ").is_some_and(|t| t.contains("#let booklet(")));
        assert!(embedded_template("/templates/none.typ").is_none());
        assert!(embedded_template("/fonts/booklet.typ").is_none());
    }

    #[test]
    fn the_working_folder_overrides_each_on_its_own() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("fonts")).unwrap();
        let paths = Paths::find(None, dir.path());
        assert!(paths.templates.is_none());
        assert_eq!(paths.fonts, Some(dir.path().join("fonts")));
        let paths = Paths::find(Some(Path::new("/x")), dir.path());
        assert_eq!(paths.templates, Some(PathBuf::from("/x/templates")));
    }
}
