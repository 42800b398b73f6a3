//! An agency's or a 主管's rows of two years matched into one table: 款,
//! then each agency (項) with its work plans (目) and their 節, each with
//! this year's and last year's amount.

use std::collections::{HashMap, HashSet};

use super::{NO_SECTION, Row};

/// Whose table a booklet prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Scope {
    /// One agency (項), by its name in this year's data (`depname`).
    Agency(String),
    /// A ministry volume: every agency of a 主管 (款), by its `topname`.
    Ministry(String),
}

/// The table of a booklet: the 款 and its agencies.
#[derive(Debug, Clone, PartialEq)]
pub struct BudgetTable {
    /// The 款's name (the 主管).
    pub topname: String,
    /// The 款's number this year.
    pub kuan: Option<u32>,
    pub agencies: Vec<AgencyTable>,
}

/// One agency (項): its work plans of both years.
#[derive(Debug, Clone, PartialEq)]
pub struct AgencyTable {
    /// This year's name (last year's, for an agency that has ended).
    pub name: String,
    /// The agency's key (digits 3–6 of its codes).
    pub key: String,
    /// The 項's number this year.
    pub xiang: Option<u32>,
    pub items: Vec<Item>,
}

/// One work plan (目), matched across years by its code.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    pub code: String,
    /// This year's name (last year's for an ended 目).
    pub name: String,
    /// The 目's number this year.
    pub mu: Option<u32>,
    /// The amounts in 元: the row's own, or the sum of its 節; `None` in a
    /// year that has no row for it.
    pub current: Option<i64>,
    pub previous: Option<i64>,
    /// This year's 說明 of a 目 without 節 (as published, hard-wrapped).
    pub note: String,
    /// The 節, when the data gives the 目 by its 節.
    pub sections: Vec<Section>,
}

/// One 節 of a 目.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    pub name: String,
    /// This year's number.
    pub number: Option<u32>,
    pub current: Option<i64>,
    pub previous: Option<i64>,
    pub note: String,
}

impl AgencyTable {
    /// This year's total in 元, or `None` when no row is of this year.
    pub fn current(&self) -> Option<i64> {
        sum(self.items.iter().map(|i| i.current))
    }

    /// Last year's total (ended rows included).
    pub fn previous(&self) -> Option<i64> {
        sum(self.items.iter().map(|i| i.previous))
    }
}

impl BudgetTable {
    pub fn current(&self) -> Option<i64> {
        sum(self.agencies.iter().map(AgencyTable::current))
    }

    pub fn previous(&self) -> Option<i64> {
        sum(self.agencies.iter().map(AgencyTable::previous))
    }

    /// Every agency's this-year rows (for a bundle's copy of the data).
    pub fn is_empty(&self) -> bool {
        self.agencies.is_empty()
    }
}

/// The sum of the amounts a year has, `None` when it has none.
pub fn sum(amounts: impl Iterator<Item = Option<i64>>) -> Option<i64> {
    amounts.flatten().fold(None, |a: Option<i64>, n| Some(a.unwrap_or(0).saturating_add(n)))
}

/// Matches this year's and last year's rows of a scope into its table.
///
/// The agencies are this year's of the scope, in the file's order; last
/// year's rows of an agency are those whose codes share its key, whatever
/// the agency was called. Within an agency, a 目 is matched by its code, a
/// 節 by its name, else its number. A 目 of last year only stands after the
/// 目 it followed last year. For a 主管, an agency of last year's 主管 of
/// that name whose key has no row this year is kept, with last year's
/// amounts only.
///
/// # Parameters
/// - `current`, `previous`: this year's and last year's rows (checked);
/// - `scope`: the agency or 主管, present in `current` (checked).
pub fn table(current: &[Row], previous: &[Row], scope: &Scope) -> BudgetTable {
    let in_scope = |r: &&Row| match scope {
        Scope::Agency(name) => &r.depname == name,
        Scope::Ministry(name) => &r.topname == name,
    };
    let mine: Vec<&Row> = current.iter().filter(in_scope).collect();
    let mut order: Vec<String> = Vec::new();
    let mut keys_of: HashMap<String, HashSet<&str>> = HashMap::new();
    for r in &mine {
        if !keys_of.contains_key(&r.depname) {
            order.push(r.depname.clone());
        }
        keys_of.entry(r.depname.clone()).or_default().insert(r.agency_key());
    }
    let mut agencies: Vec<AgencyTable> = order
        .iter()
        .map(|name| {
            let keys = &keys_of[name];
            let now: Vec<&Row> = mine.iter().copied().filter(|r| &r.depname == name).collect();
            let before: Vec<&Row> = previous.iter().filter(|r| keys.contains(r.agency_key())).collect();
            AgencyTable {
                name: name.clone(),
                key: now[0].agency_key().to_string(),
                xiang: Some(now[0].reference.xiang),
                items: items(&now, &before),
            }
        })
        .collect();
    if let Scope::Ministry(name) = scope {
        let known: HashSet<&str> = keys_of.values().flatten().copied().collect();
        let mut ended: Vec<String> = Vec::new();
        let mut rows_of: HashMap<String, Vec<&Row>> = HashMap::new();
        for r in previous.iter().filter(|r| &r.topname == name && !known.contains(r.agency_key())) {
            if !rows_of.contains_key(r.agency_key()) {
                ended.push(r.agency_key().to_string());
            }
            rows_of.entry(r.agency_key().to_string()).or_default().push(r);
        }
        for key in ended {
            let before = &rows_of[&key];
            agencies.push(AgencyTable { name: before[0].depname.clone(), key, xiang: None, items: items(&[], before) });
        }
    }
    BudgetTable {
        topname: mine.first().map(|r| r.topname.clone()).unwrap_or_default(),
        kuan: mine.first().map(|r| r.reference.kuan),
        agencies,
    }
}

/// One agency's 目 of both years, this year's order, last year's ended 目
/// after the 目 they followed.
fn items(now: &[&Row], before: &[&Row]) -> Vec<Item> {
    let mut items: Vec<Item> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for r in now {
        let i = *index.entry(r.code.clone()).or_insert_with(|| {
            items.push(Item {
                code: r.code.clone(),
                name: r.depcat.clone(),
                mu: Some(r.reference.mu),
                current: None,
                previous: None,
                note: String::new(),
                sections: Vec::new(),
            });
            items.len() - 1
        });
        let item = &mut items[i];
        match r.section() {
            None => {
                item.current = Some(r.amount);
                item.note = r.note.clone();
            }
            Some(number) => {
                item.current = Some(item.current.unwrap_or(0).saturating_add(r.amount));
                item.sections.push(Section {
                    name: r.name.clone(),
                    number: Some(number),
                    current: Some(r.amount),
                    previous: None,
                    note: r.note.clone(),
                });
            }
        }
    }
    let mut after: Option<usize> = None;
    for r in before {
        let i = match index.get(&r.code) {
            Some(&i) => i,
            None => {
                let at = after.map_or(0, |a| a + 1);
                items.insert(
                    at,
                    Item {
                        code: r.code.clone(),
                        name: r.depcat.clone(),
                        mu: None,
                        current: None,
                        previous: None,
                        note: String::new(),
                        sections: Vec::new(),
                    },
                );
                for v in index.values_mut() {
                    if *v >= at {
                        *v += 1;
                    }
                }
                index.insert(r.code.clone(), at);
                at
            }
        };
        after = Some(i);
        let item = &mut items[i];
        item.previous = Some(item.previous.unwrap_or(0).saturating_add(r.amount));
        if let Some(number) = r.section() {
            let found =
                item.sections.iter().position(|s| s.name == r.name && s.previous.is_none()).or_else(|| {
                    item.sections.iter().position(|s| s.number == Some(number) && s.previous.is_none() && s.name != NO_SECTION)
                });
            match found {
                Some(s) => item.sections[s].previous = Some(r.amount),
                None => item.sections.push(Section {
                    name: r.name.clone(),
                    number: None,
                    current: None,
                    previous: Some(r.amount),
                    note: String::new(),
                }),
            }
        }
    }
    items
}

/// The rows a bundle of a scope needs, of each year: this year's rows of
/// the agency (or the 主管), and last year's rows of the same agencies (by
/// key) and, for a 主管, of last year's 主管 of that name.
pub fn rows_of(current: &[Row], previous: &[Row], scope: &Scope) -> (Vec<Row>, Vec<Row>) {
    let now: Vec<Row> = current
        .iter()
        .filter(|r| match scope {
            Scope::Agency(name) => &r.depname == name,
            Scope::Ministry(name) => &r.topname == name,
        })
        .cloned()
        .collect();
    let keys: HashSet<&str> = now.iter().map(Row::agency_key).collect();
    let before = previous
        .iter()
        .filter(|r| keys.contains(r.agency_key()) || matches!(scope, Scope::Ministry(name) if &r.topname == name))
        .cloned()
        .collect();
    (now, before)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::budget::Reference;

    fn row(year: i32, code: &str, amount: i64, agency: &str, work_plan: &str, mu: u32, section: Option<(u32, &str)>) -> Row {
        Row {
            year,
            code: code.into(),
            amount,
            name: section.map_or(NO_SECTION.to_string(), |(_, n)| n.to_string()),
            topname: "交通部主管".into(),
            depname: agency.into(),
            depcat: work_plan.into(),
            cat: String::new(),
            reference: Reference { kuan: 17, xiang: 1, mu, section: section.map(|(s, _)| s) },
            note: String::new(),
            at: 0,
        }
    }

    #[test]
    fn a_renamed_agency_and_an_ended_work_plan_are_matched_by_code() {
        // 飛航安全調查委員會 (FY108) is 國家運輸安全調查委員會 (FY109): digits 3-6 stay.
        let current = [
            row(2020, "3203910100", 1_000, "國家運輸安全調查委員會", "一般行政", 1, None),
            row(2020, "3203919000", 300, "國家運輸安全調查委員會", "一般建築及設備", 2, Some((1, "交通及運輸設備"))),
        ];
        let previous = [
            row(2019, "3203910100", 900, "飛航安全調查委員會", "一般行政", 1, None),
            row(2019, "3203911000", 50, "飛航安全調查委員會", "飛安調查業務", 2, None),
            row(2019, "3203919800", 20, "飛航安全調查委員會", "第一預備金", 3, None),
        ];
        let t = table(&current, &previous, &Scope::Agency("國家運輸安全調查委員會".into()));
        let a = &t.agencies[0];
        assert_eq!(a.name, "國家運輸安全調查委員會");
        let names: Vec<(&str, Option<i64>, Option<i64>)> = a.items.iter().map(|i| (i.name.as_str(), i.current, i.previous)).collect();
        assert_eq!(
            names,
            [
                ("一般行政", Some(1_000), Some(900)),
                ("飛安調查業務", None, Some(50)),
                ("第一預備金", None, Some(20)),
                ("一般建築及設備", Some(300), None)
            ]
        );
        // Last year's ended rows count in last year's total.
        assert_eq!((a.current(), a.previous()), (Some(1_300), Some(970)));
        assert_eq!(a.items[3].sections[0].name, "交通及運輸設備");
    }
}
