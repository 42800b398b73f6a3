//! The command line's own words in the interface's language: the help of
//! every command and argument (from `cli.help.*` of `locales/cli.toml`),
//! the headings and the usage line clap would print in English, and
//! clap's errors (`locales/clap.toml`).

use booklet::lang::Lang;
use clap::builder::StyledStr;
use clap::error::{ContextKind, ContextValue, ErrorFormatter, ErrorKind};
use clap::{Arg, ArgAction, Command};
use rust_i18n::t;

/// A catalogue message in the current language, if the catalogues hold it.
fn message(id: &str) -> Option<String> {
    booklet::lang::message(id, Lang::current()).map(|m| m.into_owned())
}

/// The command tree with every help text, heading and value name in the
/// current language, and help and version flags that say so.
pub fn localize(cmd: Command) -> Command {
    let mut cmd = localize_one(cmd, None);
    // The usage lines need the whole tree built (the binary's name before
    // each subcommand's); `[OPTIONS]` is clap's own word in them.
    cmd.build();
    let usage = usage_line(&mut cmd);
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    let mut cmd = cmd.override_usage(usage);
    for name in names {
        cmd = cmd.mut_subcommand(&name, |mut sub| {
            let usage = usage_line(&mut sub);
            let sub = sub.override_usage(usage);
            if sub.get_name() == "help" { sub.about(t!("cli.help.help_command")) } else { sub }
        });
    }
    cmd
}

/// A command's usage as clap writes it, in the current language's words.
fn usage_line(cmd: &mut Command) -> String {
    let usage = cmd.render_usage().to_string();
    let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u).trim().to_string();
    usage
        .replace("[OPTIONS]", &format!("[{}]", t!("cli.help.options_usage")))
        .replace("<COMMAND>", &format!("<{}>", t!("cli.help.command_value")))
}

fn localize_one(cmd: Command, parent: Option<&str>) -> Command {
    let name = cmd.get_name().to_string();
    let key = match parent {
        None => "cli.help".to_string(),
        Some(_) => format!("cli.help.{name}"),
    };
    let mut cmd = cmd
        .disable_help_flag(true)
        .disable_version_flag(true)
        .help_template(format!("{{about-with-newline}}\n{}{{usage}}\n\n{{all-args}}{{after-help}}", t!("cli.help.usage_heading")))
        .subcommand_help_heading(t!("cli.help.commands_heading").into_owned())
        .subcommand_value_name(t!("cli.help.command_value").into_owned());
    if let Some(about) = message(&format!("{key}.about")) {
        cmd = cmd.about(about);
    }
    if let Some(long) = message(&format!("{key}.long_about")) {
        cmd = cmd.long_about(long);
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let help = if id == "lang" { message("cli.help.lang") } else { message(&format!("{key}.args.{id}")) };
        let value = message(&format!("cli.value.{id}"));
        cmd = cmd.mut_arg(&id, |arg| {
            let heading = if arg.is_positional() { t!("cli.help.arguments_heading") } else { t!("cli.help.options_heading") };
            let mut arg = arg.help_heading(heading.into_owned());
            if let Some(help) = help {
                arg = arg.help(help);
            }
            // clap's `[default: …]` and `[possible values: …]`, in words of
            // the current language.
            // Values are code: in backticks among Chinese words.
            let code = |v: &str| {
                if Lang::current() == Lang::ZhTw { format!("`{v}`") } else { v.to_string() }
            };
            let defaults: Vec<String> = arg.get_default_values().iter().map(|v| code(&v.to_string_lossy())).collect();
            let possible: Vec<String> = arg.get_possible_values().iter().map(|v| code(v.get_name())).collect();
            let mut extra = String::new();
            if !possible.is_empty() && arg.get_action().takes_values() {
                extra.push_str(&t!("cli.help.possible", values = possible.join(booklet::lang::list_separator())));
            }
            if !defaults.is_empty() && arg.get_action().takes_values() {
                extra.push_str(&t!("cli.help.default", value = defaults.join(", ")));
            }
            if !extra.is_empty() {
                let text = arg.get_help().map(|h| h.to_string()).unwrap_or_default();
                arg = arg.help(format!("{text}{extra}")).hide_default_value(true).hide_possible_values(true);
            }
            if let Some(value) = value
                && arg.get_action().takes_values()
            {
                arg = arg.value_name(value);
            }
            arg
        });
    }
    // clap's own help and version flags, with the catalogue's words.
    let flag = |id: &'static str, short: char, action: ArgAction, help: &str| {
        Arg::new(id).short(short).long(id).action(action).help(help.to_string()).help_heading(t!("cli.help.options_heading").into_owned())
    };
    cmd = cmd.arg(flag("help", 'h', ArgAction::Help, &t!("cli.help.flag_help")));
    if parent.is_none() {
        cmd = cmd.arg(flag("version", 'V', ArgAction::Version, &t!("cli.help.flag_version")));
    }
    let subs: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_string()).collect();
    for sub in subs {
        cmd = cmd.mut_subcommand(&sub, |s| localize_one(s, Some(&name)));
    }
    cmd
}

/// clap's errors in the current language: what is wrong, a suggestion, the
/// usage, and where to read more.
pub struct Formatter;

impl ErrorFormatter for Formatter {
    fn format_error(error: &clap::error::Error<Self>) -> StyledStr {
        let get = |kind: ContextKind| -> String {
            match error.get(kind) {
                Some(ContextValue::String(s)) => s.clone(),
                Some(ContextValue::Strings(v)) => v.join(booklet::lang::list_separator()),
                Some(ContextValue::StyledStr(s)) => s.to_string(),
                Some(ContextValue::Number(n)) => n.to_string(),
                Some(other) => other.to_string(),
                None => String::new(),
            }
        };
        let arg = get(ContextKind::InvalidArg);
        let value = get(ContextKind::InvalidValue);
        let what = match error.kind() {
            ErrorKind::InvalidValue if value.is_empty() => t!("cli.clap.value_missing", arg = arg),
            ErrorKind::InvalidValue => t!("cli.clap.invalid_value", arg = arg, value = value, valid = get(ContextKind::ValidValue)),
            ErrorKind::UnknownArgument => t!("cli.clap.unknown_argument", arg = arg),
            ErrorKind::InvalidSubcommand => {
                t!("cli.clap.unknown_command", command = get(ContextKind::InvalidSubcommand))
            }
            ErrorKind::NoEquals => t!("cli.clap.no_equals", arg = arg),
            ErrorKind::ValueValidation => {
                let reason = std::error::Error::source(error).map(|e| e.to_string()).unwrap_or_default();
                t!("cli.clap.value_validation", arg = arg, value = value, reason = reason)
            }
            ErrorKind::TooManyValues => t!("cli.clap.too_many_values", arg = arg, value = value),
            ErrorKind::TooFewValues | ErrorKind::WrongNumberOfValues => t!(
                "cli.clap.wrong_number",
                arg = arg,
                expected = get(ContextKind::ExpectedNumValues),
                actual = get(ContextKind::ActualNumValues)
            ),
            ErrorKind::ArgumentConflict => t!("cli.clap.conflict", arg = arg, prior = get(ContextKind::PriorArg)),
            ErrorKind::MissingRequiredArgument => t!("cli.clap.missing_argument", arg = arg),
            ErrorKind::MissingSubcommand => t!("cli.clap.missing_command"),
            ErrorKind::InvalidUtf8 => t!("cli.clap.invalid_utf8"),
            _ => t!("cli.clap.other", reason = error.kind().as_str().unwrap_or("")),
        };
        let mut out = format!("{}\n", t!("diagnostic.unlocated", kind = t!("diagnostic.error"), message = what));
        for (kind, id) in [
            (ContextKind::SuggestedSubcommand, "cli.clap.did_you_mean_command"),
            (ContextKind::SuggestedArg, "cli.clap.did_you_mean_argument"),
            (ContextKind::SuggestedValue, "cli.clap.did_you_mean_value"),
        ] {
            let suggestion = get(kind);
            if !suggestion.is_empty() {
                out.push_str(&format!("\n  {}\n", t!(id, suggestion = suggestion)));
            }
        }
        let usage = get(ContextKind::Usage);
        if !usage.is_empty() {
            let usage = usage.split_once(": ").map_or(usage.as_str(), |(_, u)| u).trim();
            out.push_str(&format!("\n{}{usage}\n", t!("cli.help.usage_heading")));
        }
        out.push_str(&format!("\n{}\n", t!("cli.clap.more")));
        StyledStr::from(out)
    }
}

/// The language asked for on the command line (`--lang X` or `--lang=X`),
/// read before clap so that clap's own help is in it.
pub fn lang_argument(args: &[std::ffi::OsString]) -> Option<String> {
    let mut it = args.iter().skip(1).map(|a| a.to_string_lossy().into_owned());
    while let Some(a) = it.next() {
        if a == "--" {
            break;
        }
        if a == "--lang" {
            return it.next();
        }
        if let Some(v) = a.strip_prefix("--lang=") {
            return Some(v.to_string());
        }
    }
    None
}
