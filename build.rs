//! The message catalogues (`locales/`) are read at compile time by
//! rust-i18n's `i18n!` macro, which does not tell cargo so: a changed
//! catalogue recompiles the crate through this script.
//!
//! It also names the build's source: a hash of `src/` and `locales/`
//! (`BOOKLET_SOURCE`), which the incremental build puts in every
//! bundle's fingerprint, so that a booklet built by another build of the
//! same version is built again rather than skipped as unchanged.

use std::path::Path;

fn main() {
    println!("cargo:rerun-if-changed=locales");
    println!("cargo:rerun-if-changed=src");
    let mut hash = Fnv::default();
    for dir in ["src", "locales"] {
        hash_tree(&mut hash, Path::new(dir));
    }
    println!("cargo:rustc-env=BOOKLET_SOURCE={:016x}", hash.0);
}

/// FNV-1a, 64 bits: the same on every machine and compiler.
struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    fn update(&mut self, bytes: &[u8]) {
        for b in bytes {
            self.0 ^= u64::from(*b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// Every file below `dir`, in name order: its path (with `/`) and bytes.
fn hash_tree(hash: &mut Fnv, dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            hash_tree(hash, &path);
        } else if let Ok(bytes) = std::fs::read(&path) {
            let name: Vec<String> = path.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
            hash.update(name.join("/").as_bytes());
            hash.update(&[0]);
            hash.update(&bytes);
            hash.update(&[0]);
        }
    }
}
