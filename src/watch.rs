//! Watch mode: rebuild one bundle on every change of its files or of the
//! templates, keeping the Typst world alive between builds so that Typst
//! recompiles only what an edit touched.

use rust_i18n::t;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use notify::{RecursiveMode, Watcher};

use crate::build::{Built, Engine, Options, Paths};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::BundleRef;
use crate::world::BookletWorld;

/// How long to wait for more events after one, so that an editor's burst of
/// writes makes one rebuild.
const SETTLE: Duration = Duration::from_millis(5);

/// Builds the bundle, then rebuilds it after every change until the event
/// channel closes. `report` is told each build's result and wall time.
///
/// # Errors
///
/// When the files cannot be watched.
pub fn watch(
    engine: &mut Engine,
    paths: &Paths,
    bundle: &BundleRef,
    options: &Options,
    report: &dyn Fn(&Result<Built, Diagnostics>, Duration),
) -> Result<(), Diagnostic> {
    let (tx, rx) = mpsc::channel();
    let mut watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        if let Ok(event) = event
            && !matches!(event.kind, notify::EventKind::Access(_))
        {
            let _ = tx.send(event.paths);
        }
    })
    .map_err(|e| Diagnostic::error(t!("watch.changes_unwatchable", error = e)))?;
    for dir in std::iter::once(&bundle.dir).chain(paths.templates.iter()) {
        watcher
            .watch(dir, RecursiveMode::Recursive)
            .map_err(|e| Diagnostic::error(t!("watch.dir_unwatchable", dir = dir.display(), error = e)))?;
    }
    // The folder that holds the bundle, so that a bundle deleted and made
    // again is seen and watched again.
    let parent = bundle.dir.canonicalize().ok().and_then(|d| d.parent().map(Path::to_path_buf));
    if let Some(parent) = &parent {
        let _ = watcher.watch(parent, RecursiveMode::NonRecursive);
    }
    let bundle_dir = bundle.dir.canonicalize().unwrap_or_else(|_| bundle.dir.clone());

    let mut world: Option<BookletWorld> = None;
    let start = Instant::now();
    report(&engine.build_in(bundle, options, &mut world), start.elapsed());
    let templates = paths.templates.as_ref().map(|t| t.canonicalize().unwrap_or_else(|_| t.clone()));
    while let Ok(mut changed) = rx.recv() {
        while let Ok(more) = rx.recv_timeout(SETTLE) {
            changed.extend(more);
        }
        let in_templates = |p: &PathBuf| templates.as_ref().is_some_and(|t| p.canonicalize().unwrap_or_else(|_| p.clone()).starts_with(t));
        // The bundle made again: watch it again.
        let remade = changed.iter().any(|p| p == &bundle_dir || p == &bundle.dir) && bundle.dir.is_dir();
        if remade {
            let _ = watcher.watch(&bundle.dir, RecursiveMode::Recursive);
        }
        // What counts: the bundle's TOML files (its inputs; not the outputs
        // a build writes inside it, nor an editor's hidden files) and the
        // templates.
        let input = |p: &PathBuf| {
            !p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
                && (in_templates(p)
                    || (p.starts_with(&bundle_dir) || p.starts_with(&bundle.dir))
                        && p.extension().is_some_and(|e| crate::batch::INPUT_EXTENSIONS.iter().any(|x| e == *x)))
        };
        changed.retain(|p| input(p));
        if changed.is_empty() && !remade {
            continue;
        }
        let start = Instant::now();
        if changed.iter().any(in_templates) {
            if let Err(d) = engine.reload_templates(paths) {
                report(&Err(vec![d]), start.elapsed());
                continue;
            }
            world = None;
        }
        report(&engine.build_in(bundle, options, &mut world), start.elapsed());
        // Forget what the last ten rebuilds did not use, as typst-cli's
        // watch does, so that the memo cache does not grow with every edit.
        comemo::evict(10);
    }
    Ok(())
}
