//! Authoring aids: a new bundle that builds at once (`booklet new`), and
//! the JSON Schema of the input format (`booklet schema`), generated from
//! the serde types so that it cannot drift from them. Editors that read
//! Taplo's `#:schema` directive complete keys and flag mistakes with it.

use std::fs;
use std::path::{Component, Path, PathBuf};

use rust_i18n::t;

use crate::budget::{Row, Scope, file_names, write_csv};
use crate::diagnostic::Diagnostic;
use crate::load::MANIFEST;
use crate::model::{BudgetSpec, BundleFile};

/// Where the schema lives in the project.
pub const SCHEMA_PATH: &str = "schema/booklet.schema.json";

/// The JSON Schema of a bundle file, pretty-printed.
pub fn schema_json() -> String {
    let schema = schemars::schema_for!(BundleFile);
    let mut json = serde_json::to_string_pretty(&schema).unwrap_or_default();
    json.push('\n');
    json
}

/// The manifest of a new bundle: every section present, each with a
/// comment saying what it holds and a placeholder entry. The comments
/// (`scaffold.manifest.*` in `locales/cli.toml`) are in the language of
/// the run; keys, values and the Chinese headings are the same in both.
pub fn new_manifest(agency: &str, fiscal_year: i64, schema: Option<&str>) -> String {
    let agency = toml::Value::String(agency.to_string());
    let placeholder = toml::Value::String(crate::model::PLACEHOLDER.to_string());
    let schema = schema.map(|s| format!("#:schema {s}\n")).unwrap_or_default();
    let prior = fiscal_year - 2;
    let current = fiscal_year - 1;
    let intro = t!("scaffold.manifest.intro", agency = agency, fiscal_year = fiscal_year, placeholder = crate::model::PLACEHOLDER);
    let date = t!("scaffold.manifest.date");
    let numbering = t!("scaffold.manifest.numbering");
    let duties_main = t!("scaffold.manifest.duties_main");
    let duties_units = t!("scaffold.manifest.duties_units");
    let chart = t!("scaffold.manifest.chart");
    let staffing_rows = t!("scaffold.manifest.staffing_rows");
    let plans = t!("scaffold.manifest.plans");
    let outcomes = t!("scaffold.manifest.outcomes");
    let subitems = t!("scaffold.manifest.subitems");
    let parts = t!("scaffold.manifest.parts");
    format!(
        r#"{schema}{intro}

[booklet]
agency = {agency}
title = "預算總說明"
fiscal_year = {fiscal_year}
{date}
# date = "{issue_year}-08-31"
include = []

{numbering}
[numbering]
part = "壹、"
chapter = "一、"
section = "（一）"
list = "1、"
sublist = "（1）"
result = "1."
work_plan = "一、"
plan_item = "一"

# 壹、現行法定職掌
[duties]
heading = "現行法定職掌"

{duties_main}
[duties.main]
heading = "機關主要職掌："
items = [{placeholder}]

{duties_units}
[duties.units]
heading = "內部分層業務："

[[duties.units.list]]
name = "（單位名稱）"
items = [{placeholder}]

# 三、組織系統圖及預算員額說明表
[duties.organization]
heading = "組織系統圖及預算員額說明表"

{chart}
# boxes = [
#   {{ name = "部長" }},
#   {{ name = "主任秘書", parent = "部長", staff = true }},
#   {{ name = "綜合規劃司", parent = "部長" }},
# ]
[duties.organization.chart]
heading = "組織系統圖"

[duties.organization.staffing]
heading = "預算員額說明表"
columns = ["職員", "工友", "技工", "駕駛", "聘用", "約僱"]

{staffing_rows}
[[duties.organization.staffing.rows]]
agency = {agency}
counts = [0, 0, 0, 0, 0, 0]

# 貳、施政目標與重點
[policy]
heading = "施政目標與重點"
vision = [{placeholder}]

[policy.goals]
heading = "年度施政目標"

[[policy.goals.list]]
title = {placeholder}
items = [{placeholder}]

{plans}
[policy.plans]
heading = "年度重要施政計畫"

[[policy.plans.work_plans]]
name = "（工作計畫名稱）"

[[policy.plans.work_plans.items]]
title = "（重要計畫項目）"
contents = [{placeholder}]

{outcomes}
[outcomes]
heading = "以前年度計畫實施成果概述"

[[outcomes.tables]]
heading = "前（{prior}）年度計畫實施成果概述"
sheet = "{prior}年度實施成果"
period = "{prior}年度"

[[outcomes.tables.work_plans]]
name = "（工作計畫）"

[[outcomes.tables.work_plans.items]]
title = "（計畫項目）"

{subitems}
[[outcomes.tables.work_plans.items.subitems]]
text = "（實施概況）"
results = ["（實施成果）"]

[[outcomes.tables]]
heading = "上年度已過期間（{current}年1月1日至6月30日止）計畫實施成果概述"
sheet = "{current}年1-6月實施成果"
period = "{current}年1月1日至6月30日"

[[outcomes.tables.work_plans]]
name = "（工作計畫）"

[[outcomes.tables.work_plans.items]]
title = "（計畫項目）"

[[outcomes.tables.work_plans.items.subitems]]
text = "（實施概況）"
results = ["（實施成果）"]

{parts}
# [[parts]]
# heading = "其他"
# paragraphs = [{placeholder}]
#
# [[parts.tables]]
# heading = "（表名）"
# columns = [{{ name = "科目" }}, {{ name = "預算數", type = "amount", unit = "千元", total = true }}]
# rows = [["（科目）", 0]]
"#,
        issue_year = fiscal_year + 1911 - 1,
    )
}

/// Writes a new bundle into `dir` (which must not hold a manifest yet).
///
/// # Parameters
///
/// - `dir`: the bundle directory to create.
/// - `agency`, `fiscal_year`: the booklet's identity.
/// - `project_root`: where `schema/booklet.schema.json` lies, for the
///   editor directive.
///
/// # Errors
///
/// A directory that already holds a bundle, or one that cannot be written.
pub fn new_bundle(dir: &Path, agency: &str, fiscal_year: i64, project_root: &Path) -> Result<PathBuf, Diagnostic> {
    write_new_bundle(dir, agency, fiscal_year, project_root, "")
}

/// Writes a new bundle's manifest, `budget` (a `[budget]` table, or
/// nothing) after its numbering, before the sections.
fn write_new_bundle(dir: &Path, agency: &str, fiscal_year: i64, project_root: &Path, budget: &str) -> Result<PathBuf, Diagnostic> {
    let manifest = dir.join(MANIFEST);
    if manifest.exists() {
        return Err(Diagnostic::error(t!("scaffold.exists", path = manifest.display())));
    }
    if agency.trim().is_empty() {
        return Err(Diagnostic::error(t!("scaffold.agency_empty")));
    }
    if agency.chars().any(char::is_control) {
        return Err(Diagnostic::error(t!("scaffold.agency_control", agency = crate::diagnostic::visible(&format!("{agency:?}")))));
    }
    if !(1..=200).contains(&fiscal_year) {
        return Err(Diagnostic::error(t!("scaffold.year_range", year = fiscal_year)));
    }
    fs::create_dir_all(dir).map_err(|e| Diagnostic::error(t!("scaffold.create_bundle", error = e)).in_file(dir))?;
    let schema = schema_directive(dir, project_root)?;
    let mut text = new_manifest(agency, fiscal_year, Some(&schema));
    if let Some(at) = text.find("\n# 壹、現行法定職掌") {
        text.insert_str(at, budget);
    }
    fs::write(&manifest, text).map_err(|e| Diagnostic::error(t!("scaffold.write_manifest", error = e)).in_file(&manifest))?;
    Ok(manifest)
}

/// The budget data a new bundle starts from: both years' rows of its
/// agency or 主管, copied into the bundle's `budget/` folder.
pub struct NewBudget<'a> {
    pub scope: &'a Scope,
    pub current: &'a [Row],
    pub previous: &'a [Row],
}

/// The manifest's `[budget]` table of [`BudgetSpec::for_files`], as text,
/// after a comment saying where the data came from.
fn manifest_table(folder: &str, fiscal_year: i64, scope: &Scope, comment: &str) -> String {
    let file = BundleFile { budget: Some(BudgetSpec::for_files(folder, fiscal_year, scope)), ..BundleFile::default() };
    // Strings and a boolean always serialise.
    format!("\n{comment}{}", toml::to_string(&file).unwrap_or_default())
}

/// The folder of a bundle's budget data files.
pub const BUDGET_DIR: &str = "budget";

/// Writes a new bundle with budget data: the manifest of [`new_bundle`]
/// with a `[budget]` table, and the rows of both years in `budget/`.
///
/// # Errors
/// As [`new_bundle`].
pub fn new_budget_bundle(dir: &Path, agency: &str, fiscal_year: i64, project_root: &Path, data: &NewBudget) -> Result<PathBuf, Diagnostic> {
    let comment = format!("{}\n", t!("scaffold.manifest.budget"));
    let table = manifest_table(BUDGET_DIR, fiscal_year, data.scope, &comment);
    let manifest = write_new_bundle(dir, agency, fiscal_year, project_root, &table)?;
    let folder = dir.join(BUDGET_DIR);
    fs::create_dir_all(&folder).map_err(|e| Diagnostic::error(t!("scaffold.create_budget_dir", error = e)).in_file(&folder))?;
    let (current, previous) = file_names(fiscal_year);
    for (name, rows) in [(current, data.current), (previous, data.previous)] {
        let path = folder.join(name);
        fs::write(&path, write_csv(rows)).map_err(|e| Diagnostic::error(t!("scaffold.write_budget", error = e)).in_file(&path))?;
    }
    Ok(manifest)
}

/// The path of `target` relative to the directory `from`, if both resolve.
/// The schema file `booklet new` writes beside a bundle made outside the
/// project.
pub const SCHEMA_BESIDE: &str = "booklet.schema.json";

/// The path an editor resolves the schema by, from a new bundle's
/// directory: the project's `schema/booklet.schema.json` (under
/// `project_root` or a folder above the bundle), or else the schema written
/// beside the bundle as [`SCHEMA_BESIDE`] (rewritten when it differs, so it
/// follows the tool's version).
///
/// # Errors
///
/// The schema cannot be written beside the bundle.
fn schema_directive(dir: &Path, project_root: &Path) -> Result<String, Diagnostic> {
    let above = dir.canonicalize().ok().into_iter().flat_map(|d| d.ancestors().map(Path::to_path_buf).collect::<Vec<_>>());
    let found = std::iter::once(project_root.to_path_buf()).chain(above).map(|r| r.join(SCHEMA_PATH)).find(|p| p.is_file());
    if let Some(path) = found.and_then(|p| relative_path(dir, &p)) {
        return Ok(path);
    }
    let folder = dir.canonicalize().ok().and_then(|d| d.parent().map(Path::to_path_buf)).unwrap_or_else(|| PathBuf::from("."));
    let beside = folder.join(SCHEMA_BESIDE);
    let json = schema_json();
    if fs::read_to_string(&beside).ok().as_deref() != Some(json.as_str()) {
        fs::write(&beside, &json).map_err(|e| Diagnostic::error(t!("scaffold.write_schema", error = e)).in_file(&beside))?;
    }
    Ok(format!("../{SCHEMA_BESIDE}"))
}

fn relative_path(from: &Path, target: &Path) -> Option<String> {
    let from = from.canonicalize().ok()?;
    let target = target.canonicalize().ok()?;
    let from: Vec<Component> = from.components().collect();
    let to: Vec<Component> = target.components().collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<String> = std::iter::repeat_n("..".to_string(), from.len() - common).collect();
    parts.extend(to[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()));
    Some(parts.join("/"))
}
