//! The message catalogues (`locales/`) are read at compile time by
//! rust-i18n's `i18n!` macro, which does not tell cargo so: a changed
//! catalogue recompiles the crate through this script.

fn main() {
    println!("cargo:rerun-if-changed=locales");
}
