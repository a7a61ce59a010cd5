//! Reading the respondent roster (`inputs.roster`, docs/inputs.md "Roster").
//!
//! In: a [`Table`] with its [`Header`] (the columns of [`super::columns::ROSTER`]) and the
//! framework (its roles and sections). Out: one [`RosterEntry`] per usable row, in row order; one
//! ledger entry per row; located errors for a missing respondent or institution, a role that is
//! not a framework role, a kind that is not an institution kind or contradicts the list's, a
//! section that is not a layer or dimension id, a row naming neither a role, a kind nor sections,
//! a due date that is not a date, and a respondent listed twice for one institution. Not here: what the roster means for collection (`model::roster`).

use std::collections::HashMap;

use super::answers::describe_source;
use super::columns::Header;
use super::institutions::InstitutionIndex;
use super::inventory::{RowCursor, read_rows};
use super::table::Table;
use super::values::{self, Problem};
use crate::definitions::did_you_mean;
use crate::diagnostics::{Code, Diagnostic};
use crate::model::{
    Framework, InstitutionKind, RosterEntry, RowRef, TableLedger, institution_key, section_names,
};

/// Reads the roster's rows below the header into `entries`.
pub fn read_roster(
    table: &Table,
    header: &Header,
    framework: &Framework,
    institutions: Option<&InstitutionIndex>,
    entries: &mut Vec<RosterEntry>,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    let roles: Vec<&str> = framework.roles.iter().map(|r| r.id.as_str()).collect();
    let sections = section_names(framework);
    let mut seen: HashMap<(String, String), RowRef> = HashMap::new();
    read_rows(table, header, ledger, found, |cursor| {
        let Some(entry) = read_entry(cursor, &roles, &sections, institutions) else {
            return false;
        };
        let key = (
            institution_key(&entry.institution),
            institution_key(&entry.respondent),
        );
        if let Some(first) = seen.get(&key) {
            cursor.error(
                Code::DuplicateId,
                "respondent",
                Problem::new(
                    format!(
                        "`{}` of `{}` is listed twice (first at {})",
                        entry.respondent,
                        entry.institution,
                        describe_source(first)
                    ),
                    "give each respondent one row, listing all their sections separated by `;`",
                ),
            );
        } else {
            seen.insert(key, entry.source.clone());
        }
        // Only a row without errors gives an entry.
        if !cursor.has_error() {
            entries.push(entry);
        }
        true
    });
}

/// One roster row, or `None` when its respondent or institution cannot be read.
fn read_entry(
    row: &mut RowCursor<'_>,
    roles: &[&str],
    sections: &[&str],
    institutions: Option<&InstitutionIndex>,
) -> Option<RosterEntry> {
    let respondent = row.required_text("respondent", "respondent's name");
    // With a list of institutions, the roster names them as the answers do: canonically.
    let institution = row
        .institution("institution", "institution", institutions)
        .map(|name| name.to_string());
    let role = row.text("role").filter(|role| {
        let known = roles.contains(&role.as_str());
        if !known {
            let close = did_you_mean(role, roles.iter().copied())
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            row.error(
                Code::UnknownReference,
                "role",
                Problem::new(
                    format!("`{role}` is not a role of the framework"),
                    format!("{close}allowed: {}", roles.join(", ")),
                ),
            );
        }
        known
    });
    let mut named = Vec::new();
    if row.usable("sections") {
        let written: Vec<String> = values::code_list(row.cell("sections"))
            .into_iter()
            .map(|item| item.into_owned())
            .collect();
        for item in written {
            if sections.contains(&item.as_str()) {
                if !named.contains(&item) {
                    named.push(item);
                }
                continue;
            }
            let close = did_you_mean(&item, sections.iter().copied())
                .map(|c| format!("did you mean `{c}`? "))
                .unwrap_or_default();
            row.error(
                Code::UnknownReference,
                "sections",
                Problem::new(
                    format!("`{item}` is not a section of the questionnaire"),
                    format!(
                        "{close}name layers or dimensions separated by `;`; allowed: {}",
                        sections.join(", ")
                    ),
                ),
            );
        }
    }
    let kind = kind(row, institution.as_deref(), institutions);
    let role_written = !row.cell("role").is_empty();
    let sections_written = !row.cell("sections").is_empty();
    // `other` routes nothing (no embedded question suits it); a kind in error is reported already.
    let kind_known =
        kind.is_some_and(|k| k != InstitutionKind::Other) || (kind.is_none() && !row.cell("kind").is_empty());
    if !role_written && !sections_written && !kind_known {
        row.error(
            Code::MissingValue,
            "role",
            Problem::new(
                "the row names neither a role nor sections, so nothing is assigned",
                "give the framework role the institution plays or its kind (the questions that suit them are assigned), or list sections separated by `;`",
            ),
        );
    }
    let due = row.optional("due", Code::InvalidDate, values::date);
    let contact = row.text("contact");
    let (Some(respondent), Some(institution)) = (respondent, institution) else {
        return None;
    };
    Some(RosterEntry {
        respondent,
        institution,
        role,
        kind,
        contact,
        sections: named,
        due,
        source: row.source(),
    })
}

/// The institution's kind: the list's, when the workspace has a list that gives one (a `kind`
/// cell saying otherwise is an error); else the `kind` cell's.
fn kind(
    row: &mut RowCursor<'_>,
    institution: Option<&str>,
    institutions: Option<&InstitutionIndex>,
) -> Option<InstitutionKind> {
    let written = row.optional("kind", Code::InvalidValue, |c| {
        values::vocabulary(
            c,
            "institution kind",
            InstitutionKind::from_code,
            &[],
            InstitutionKind::allowed,
        )
    });
    // A list's `other` is also what an empty `kind` cell there reads as: the roster may say more.
    let listed = institutions
        .zip(institution)
        .and_then(|(list, name)| list.resolve(name).ok())
        .map(|i| (i.name.clone(), i.kind))
        .filter(|(_, k)| *k != InstitutionKind::Other);
    match (listed, written) {
        (Some((name, listed)), Some(written)) if listed != written => {
            row.error(
                Code::InvalidValue,
                "kind",
                Problem::new(
                    format!("`{name}` is of kind `{listed}` in the list of institutions, not `{written}`"),
                    "the list gives each institution its kind: leave `kind` empty here, or correct the list",
                ),
            );
            Some(listed)
        }
        (Some((_, listed)), _) => Some(listed),
        (None, written) => written,
    }
}
