//! The language of the interface: Traditional Chinese (zh-TW, the
//! government's terms) or English.
//!
//! Every message the tool prints lives in the catalogues of `locales/`
//! (one TOML file per area, each message with its `en` and its `zh-TW`
//! text, placeholders written `%{name}`), read at compile time by
//! rust-i18n and looked up with its `t!` macro. The language is chosen once
//! per run: `--lang zh-TW|en`, else the locale (`LC_ALL`, `LC_MESSAGES`,
//! `LANG`, the first one set: `zh_TW` or `zh_Hant` is Chinese), else
//! English.

pub mod library;

use std::borrow::Cow;

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English.
    En,
    /// Traditional Chinese as written in Taiwan.
    ZhTw,
}

impl Lang {
    /// Every language, in the order the catalogues list them.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::ZhTw];

    /// The catalogues' name of the language (`en`, `zh-TW`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::ZhTw => "zh-TW",
        }
    }

    /// The language a `--lang` value names: `zh-TW` (or `zh_TW`, `zh-Hant`,
    /// `zh`), or `en`.
    ///
    /// # Errors
    ///
    /// A value that names neither, in the words of the current language.
    pub fn parse(value: &str) -> Result<Lang, String> {
        let v = value.trim().to_ascii_lowercase().replace('_', "-");
        match v.as_str() {
            "en" | "en-us" | "en-gb" | "english" => Ok(Lang::En),
            "zh-tw" | "zh-hant" | "zh-hant-tw" | "zh" => Ok(Lang::ZhTw),
            _ => Err(rust_i18n::t!("lang.unknown", value = value).into_owned()),
        }
    }

    /// The language of a POSIX locale value (`zh_TW.UTF-8`, `zh_Hant`,
    /// `en_US.UTF-8`, `C`): Chinese for zh_TW and zh_Hant, English for any
    /// other.
    pub fn of_locale(value: &str) -> Lang {
        let name = value.split(['.', '@']).next().unwrap_or("").replace('-', "_").to_ascii_lowercase();
        if name == "zh_tw" || name.starts_with("zh_hant") { Lang::ZhTw } else { Lang::En }
    }

    /// The language the environment asks for: the first of `LC_ALL`,
    /// `LC_MESSAGES` and `LANG` that is set and not empty decides.
    pub fn from_env() -> Lang {
        ["LC_ALL", "LC_MESSAGES", "LANG"]
            .iter()
            .filter_map(|k| std::env::var(k).ok())
            .find(|v| !v.is_empty())
            .map_or(Lang::En, |v| Lang::of_locale(&v))
    }

    /// The language messages are printed in now.
    pub fn current() -> Lang {
        if &*rust_i18n::locale() == Lang::ZhTw.code() { Lang::ZhTw } else { Lang::En }
    }
}

/// The separator of a list in a message of the current language: `、` in
/// Chinese, `, ` in English.
pub fn list_separator() -> &'static str {
    if Lang::current() == Lang::ZhTw { "、" } else { ", " }
}

/// Prints every later message in `lang`.
pub fn set(lang: Lang) {
    rust_i18n::set_locale(lang.code());
}

/// A message of the catalogues in a given language, if the catalogues
/// hold it (tests and the catalogue check; the tool itself uses `t!`).
pub fn message(id: &str, lang: Lang) -> Option<Cow<'static, str>> {
    crate::_rust_i18n_try_translate(lang.code(), id)
}

#[cfg(test)]
mod tests {
    use super::Lang;

    #[test]
    fn locales_choose_the_language() {
        assert_eq!(Lang::of_locale("zh_TW.UTF-8"), Lang::ZhTw);
        assert_eq!(Lang::of_locale("zh_Hant_TW"), Lang::ZhTw);
        assert_eq!(Lang::of_locale("zh_Hant"), Lang::ZhTw);
        assert_eq!(Lang::of_locale("en_US.UTF-8"), Lang::En);
        assert_eq!(Lang::of_locale("zh_CN.UTF-8"), Lang::En);
        assert_eq!(Lang::of_locale("C"), Lang::En);
        assert_eq!(Lang::parse("zh-TW"), Ok(Lang::ZhTw));
        assert_eq!(Lang::parse("en"), Ok(Lang::En));
        assert!(Lang::parse("fr").is_err());
    }
}
