//! The Typst world: fonts, files and the standard library, as the compiler
//! sees them.
//!
//! A [`Project`] is loaded once per process: the standard library, the font
//! book of the pinned fonts (under `fonts/` or embedded in the binary; faces
//! are parsed lazily, the first time a document uses them) and a cache of
//! file contents. Each booklet is
//! compiled in a [`BookletWorld`] that borrows the project and adds its
//! generated main source. Files are served only from the templates
//! (a directory, or those embedded in the binary), the fonts directory and
//! the bundle being built; packages are
//! refused, nothing is fetched, and no system font is consulted, so a
//! booklet typesets the same on every machine.

use rust_i18n::t;
use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex, OnceLock};

use typst::diag::{FileError, FileResult};
use typst::foundations::{Bytes, Datetime, Duration};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook, FontInfo};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};

use crate::diagnostic::Diagnostic;

/// One face of a font file, parsed on first use.
struct FontSlot {
    data: Bytes,
    index: u32,
    font: OnceLock<Option<Font>>,
}

/// The pinned fonts: a book of every face under a directory, and the faces
/// themselves, parsed lazily and shared by every document of the process.
pub struct FontSet {
    book: LazyHash<FontBook>,
    slots: Vec<FontSlot>,
    infos: Vec<FontInfo>,
}

/// The characters a font family can show, as a bitset over all code points
/// (a coverage lookup in the font itself is a linear scan of its ranges).
#[derive(Debug, Clone)]
pub struct CharSet(Vec<u64>);

impl CharSet {
    /// Whether the set holds `c`.
    pub fn contains(&self, c: char) -> bool {
        let c = c as usize;
        self.0.get(c / 64).is_some_and(|word| word & (1 << (c % 64)) != 0)
    }
}

impl FontSet {
    /// Scans a directory (recursively, in path order) for `.ttf`, `.otf`,
    /// `.ttc` and `.otc` files.
    ///
    /// # Errors
    ///
    /// A directory that cannot be read, or one with no usable font.
    pub fn load(dir: &Path) -> Result<Self, Diagnostic> {
        let mut book = FontBook::new();
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .map(|e| e.into_path())
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
            })
            .collect();
        files.sort();
        let mut set = Self { book: LazyHash::new(FontBook::new()), slots: Vec::new(), infos: Vec::new() };
        for path in files {
            let data = Bytes::new(fs::read(&path).map_err(|e| Diagnostic::error(t!("world.font_unreadable", error = e)).in_file(&path))?);
            set.push_file(&mut book, data);
        }
        set.book = LazyHash::new(book);
        if set.slots.is_empty() {
            return Err(Diagnostic::error(t!("world.no_font", dir = dir.display())));
        }
        Ok(set)
    }

    /// The fonts embedded in the binary (see [`crate::resources`]).
    ///
    /// # Errors
    ///
    /// None in a released binary: the embedded files hold the text face.
    pub fn embedded() -> Result<Self, Diagnostic> {
        let mut set = Self { book: LazyHash::new(FontBook::new()), slots: Vec::new(), infos: Vec::new() };
        let mut book = FontBook::new();
        for (_, bytes) in crate::resources::FONTS {
            set.push_file(&mut book, Bytes::new(*bytes));
        }
        set.book = LazyHash::new(book);
        if set.slots.is_empty() {
            return Err(Diagnostic::error(t!("world.binary_no_font")));
        }
        Ok(set)
    }

    /// Adds every face of a font file.
    fn push_file(&mut self, book: &mut FontBook, data: Bytes) {
        for (index, info) in FontInfo::iter(data.as_slice()).enumerate() {
            book.push(info.clone());
            self.infos.push(info);
            self.slots.push(FontSlot { data: data.clone(), index: index as u32, font: OnceLock::new() });
        }
    }

    /// The face at `index` of the book, parsed on first use.
    pub fn font(&self, index: usize) -> Option<Font> {
        let slot = self.slots.get(index)?;
        slot.font.get_or_init(|| Font::new(slot.data.clone(), slot.index)).clone()
    }

    /// The characters that some face of the family can show.
    pub fn coverage(&self, family: &str) -> CharSet {
        let mut bits = vec![0u64; 0x110000 / 64];
        for info in self.infos.iter().filter(|i| i.family.eq_ignore_ascii_case(family)) {
            for c in info.coverage.iter() {
                if let Some(word) = bits.get_mut(c as usize / 64) {
                    *word |= 1 << (c % 64);
                }
            }
        }
        CharSet(bits)
    }

    /// Whether the set holds the family.
    pub fn has_family(&self, family: &str) -> bool {
        self.infos.iter().any(|i| i.family.eq_ignore_ascii_case(family))
    }
}

/// What every booklet of a run shares: the directories, the standard
/// library, the fonts, and the cache of file contents.
pub struct Project {
    root: PathBuf,
    allowed: Vec<PathBuf>,
    /// Whether `/templates/…` is served from the binary.
    embedded_templates: bool,
    library: LazyHash<Library>,
    fonts: FontSet,
    files: Mutex<HashMap<PathBuf, FileResult<Bytes>>>,
    sources: Mutex<HashMap<FileId, Source>>,
}

impl Project {
    /// Sets up the project rooted at `root`, whose `templates/` and `fonts/`
    /// hold the look and the pinned fonts.
    ///
    /// # Errors
    ///
    /// When the fonts cannot be loaded.
    /// A directory given as `None` is the embedded one (see
    /// [`crate::resources`]).
    pub fn new(root: &Path, templates: Option<&Path>, fonts: Option<&Path>) -> Result<Self, Diagnostic> {
        let root = absolute(root);
        let allowed = templates.iter().chain(fonts.iter()).map(|d| absolute(d)).collect();
        Ok(Self {
            root,
            allowed,
            embedded_templates: templates.is_none(),
            library: LazyHash::new(Library::builder().build()),
            fonts: match fonts {
                Some(dir) => FontSet::load(dir)?,
                None => FontSet::embedded()?,
            },
            files: Mutex::new(HashMap::new()),
            sources: Mutex::new(HashMap::new()),
        })
    }

    /// The fonts.
    pub fn fonts(&self) -> &FontSet {
        &self.fonts
    }

    /// The project root: Typst's `/`.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Forgets cached file contents (after an edit in watch mode).
    pub fn reset_files(&self) {
        self.files.lock().unwrap_or_else(|e| e.into_inner()).clear();
        self.sources.lock().unwrap_or_else(|e| e.into_inner()).clear();
    }

    fn read(&self, path: &Path) -> FileResult<Bytes> {
        let mut files = self.files.lock().unwrap_or_else(|e| e.into_inner());
        files.entry(path.to_path_buf()).or_insert_with(|| fs::read(path).map(Bytes::new).map_err(|e| FileError::from_io(e, path))).clone()
    }
}

/// The world in which one booklet compiles. It can outlive one compilation:
/// kept alive with a new main source, Typst recompiles incrementally.
pub struct BookletWorld {
    project: Arc<Project>,
    main: Source,
    bundle_dir: Option<PathBuf>,
}

impl BookletWorld {
    /// A world whose main file is `text`, known to Typst as `main_path`
    /// (a path below the project root, e.g. `/out/mol-109.typ`).
    pub fn new(project: Arc<Project>, main_path: &str, text: String, bundle_dir: &Path) -> Self {
        let vpath = VirtualPath::new(main_path).unwrap_or_else(|_| VirtualPath::new("/main.typ").expect("valid path"));
        let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
        Self { project, main: Source::new(id, text), bundle_dir: Some(absolute(bundle_dir)) }
    }

    /// Replaces the main source, keeping its id, so that Typst's
    /// incremental compilation reuses what did not change.
    pub fn set_main(&mut self, text: &str) {
        self.main.replace(text);
    }

    /// The main source.
    pub fn main_source(&self) -> &Source {
        &self.main
    }

    /// The embedded template a file id names, when the templates are the
    /// embedded ones.
    fn embedded(&self, id: FileId) -> Option<&'static str> {
        let rooted = id.get();
        if !self.project.embedded_templates || !matches!(rooted.root(), VirtualRoot::Project) {
            return None;
        }
        crate::resources::embedded_template(&rooted.vpath().get_with_slash())
    }

    /// The real path of a file id, if it lies where this world may read.
    pub fn path_of(&self, id: FileId) -> FileResult<PathBuf> {
        let rooted = id.get();
        if !matches!(rooted.root(), VirtualRoot::Project) {
            return Err(FileError::Other(Some(t!("world.no_packages").into_owned().into())));
        }
        let path = rooted.vpath().realize(&self.project.root).map_err(FileError::Realize)?;
        let real = path.canonicalize().map_err(|e| FileError::from_io(e, &path))?;
        let inside = self.project.allowed.iter().chain(self.bundle_dir.iter()).any(|dir| real.starts_with(dir));
        if !inside {
            return Err(FileError::Other(Some(t!("world.access_denied", path = rooted.vpath().get_with_slash()).into_owned().into())));
        }
        Ok(real)
    }
}

impl World for BookletWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.project.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.project.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() {
            return Ok(self.main.clone());
        }
        if let Some(source) = self.project.sources.lock().unwrap_or_else(|e| e.into_inner()).get(&id) {
            return Ok(source.clone());
        }
        let source = match self.embedded(id) {
            Some(text) => Source::new(id, text.to_string()),
            None => {
                let path = self.path_of(id)?;
                let bytes = self.project.read(&path)?;
                let text = std::str::from_utf8(bytes.as_slice()).map_err(|_| FileError::InvalidUtf8)?;
                Source::new(id, text.to_string())
            }
        };
        self.project.sources.lock().unwrap_or_else(|e| e.into_inner()).insert(id, source.clone());
        Ok(source)
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            return Ok(Bytes::from_string(self.main.text().to_string()));
        }
        if let Some(text) = self.embedded(id) {
            return Ok(Bytes::new(text.as_bytes()));
        }
        let path = self.path_of(id)?;
        self.project.read(&path)
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.project.fonts.font(index)
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // Never the clock: the same inputs give the same document.
        None
    }
}

fn absolute(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| std::env::current_dir().map(|d| d.join(path)).unwrap_or_else(|_| path.to_path_buf()))
}
