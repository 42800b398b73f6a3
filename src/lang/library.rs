//! The words the libraries print, in the language of the interface.
//!
//! The TOML parser and serde describe a mistake in English sentences of a
//! few fixed forms (`invalid basic string, expected `"``, `invalid type:
//! string "109", expected i64`, ``unknown field `x`, expected one of …``).
//! [`toml_message`] reads those forms and says them again with the
//! catalogues' words (`locales/library.toml`): the sentence forms under
//! `library.serde.*`, the parser's descriptions under `library.toml.*`,
//! the kinds of value under `library.value.*`. A description the catalogue
//! does not hold is kept as the library wrote it.

use rust_i18n::t;

use super::Lang;

/// A TOML or serde error message, in the words a clerk can act on, in the
/// current language.
///
/// # Parameters
///
/// - `message`: the library's message (`toml::de::Error::message`).
///
/// # Examples
///
/// ```
/// booklet::lang::set(booklet::lang::Lang::En);
/// let m = booklet::lang::library::toml_message("missing field `agency`");
/// assert_eq!(m, "missing key `agency`");
/// ```
pub fn toml_message(message: &str) -> String {
    let message = message.trim().replace('\n', "; ");
    if let Some(rest) = message.strip_prefix("unknown field ") {
        let (field, expected) = split_expected(rest);
        return match expected {
            None => t!("library.serde.unknown_key", key = field).into_owned(),
            Some(list) if list.starts_with("there are no") => t!("library.serde.unknown_key_none", key = field).into_owned(),
            Some(list) => t!("library.serde.unknown_key_expected", key = field, expected = one_of(list)).into_owned(),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant ") {
        let (value, expected) = split_expected(rest);
        return match expected {
            Some(list) if !list.starts_with("there are no") => {
                t!("library.serde.unknown_variant", value = value, expected = one_of(list)).into_owned()
            }
            _ => t!("library.serde.unknown_variant_none", value = value).into_owned(),
        };
    }
    if let Some(field) = message.strip_prefix("missing field ") {
        return t!("library.serde.missing_key", key = field).into_owned();
    }
    if let Some(field) = message.strip_prefix("duplicate field ") {
        return t!("library.serde.duplicate_key", key = field).into_owned();
    }
    if let Some(rest) = message.strip_prefix("invalid type: ") {
        let (found, expected) = split_expected(rest);
        let expected = expected.map_or_else(String::new, expectation);
        return t!("library.serde.wrong_type", found = unexpected(found), expected = expected).into_owned();
    }
    if let Some(rest) = message.strip_prefix("invalid value: ") {
        let (found, expected) = split_expected(rest);
        let expected = expected.map_or_else(String::new, expectation);
        return t!("library.serde.wrong_value", found = unexpected(found), expected = expected).into_owned();
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let (length, expected) = split_expected(rest);
        let expected = expected.map_or_else(String::new, expectation);
        return t!("library.serde.wrong_length", length = length, expected = expected).into_owned();
    }
    if Lang::current() == Lang::En {
        return message;
    }
    // The parser's form: `description, expected a, b`.
    let (description, expected) = split_expected(&message);
    let description = phrase("library.toml", description);
    match expected {
        Some(list) => {
            let list: Vec<String> = list.split(", ").map(|e| phrase("library.expected", e)).collect();
            t!("library.toml_expected", description = description, expected = list.join(super::list_separator())).into_owned()
        }
        None => description,
    }
}

/// `x, expected y` as (`x`, `y`); the first `, expected ` or `, there are`
/// splits.
fn split_expected(text: &str) -> (&str, Option<&str>) {
    if let Some((a, b)) = text.split_once(", expected ") {
        return (a, Some(b));
    }
    if let Some(at) = text.find(", there are ") {
        return (&text[..at], Some(&text[at + 2..]));
    }
    (text, None)
}

/// serde's `one of `a`, `b`` or `` `a` or `b` `` as a list in the current
/// language.
fn one_of(list: &str) -> String {
    let list = list.strip_prefix("one of ").unwrap_or(list);
    let items: Vec<&str> = list.split(", ").flat_map(|s| s.split(" or ")).collect();
    items.join(super::list_separator())
}

/// A catalogue phrase `prefix.text`, or the text itself when the catalogue
/// has none.
fn phrase(prefix: &str, text: &str) -> String {
    let id = format!("{prefix}.{text}");
    match super::message(&id, Lang::current()) {
        Some(m) => m.into_owned(),
        None => text.to_string(),
    }
}

/// serde's description of what was found (`string "109"`, `floating point
/// `1.5``, `sequence`).
fn unexpected(found: &str) -> String {
    if let Some(value) = found.strip_prefix("string ") {
        return t!("library.value.string_of", value = value).into_owned();
    }
    for kind in ["floating point", "integer", "boolean", "character"] {
        if let Some(value) = found.strip_prefix(kind).and_then(|r| r.strip_prefix(' ')) {
            let kind = phrase("library.value", kind);
            return t!("library.value.kind_of", kind = kind, value = value).into_owned();
        }
    }
    phrase("library.value", found)
}

/// What serde expected (`i64`, `a sequence`, `an array of length 3`).
fn expectation(expected: &str) -> String {
    if let Some(n) = expected.strip_prefix("an array of length ") {
        return t!("library.value.array_of_length", length = n).into_owned();
    }
    if expected.starts_with("struct ") {
        return t!("library.value.struct").into_owned();
    }
    phrase("library.value", expected)
}
