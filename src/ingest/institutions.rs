//! The workspace's list of institutions (`inputs.institutions`, docs/inputs.md) and matching the
//! names that answers and inventories write against it.
//!
//! In: a [`Table`] with its [`Header`] (the columns of [`super::columns::INSTITUTIONS`]) and the
//! framework's role ids. Out: one [`Institution`] per usable row and one ledger entry per row,
//! with located errors for a missing id or name, an unknown kind or role (did-you-mean), and an
//! id, name or alias that two rows claim; then an [`InstitutionIndex`] that turns a written name
//! ("MoH", "ministry of health") into the list's canonical name, or into a problem naming the
//! closest institutions; [`match_institution`] gives the answers readers (long form and form
//! exports) a cell's canonical name or the located error. Not here: where the names are written
//! (the answers and inventory readers look them up at their own cells) or any scoring.
//!
//! Names are compared as codes (case, spaces, hyphens and underscores do not count), so "Ministry
//! of Health", "ministry-of-health" and "MINISTRY OF HEALTH" are one name; anything else must be
//! listed as an alias. Nothing is matched by resemblance alone: a near miss is an error with a
//! did-you-mean, since "Ministry of Heath" may be a typo or a different body.

use std::collections::HashMap;
use std::sync::Arc;

use indexmap::IndexMap;

use super::answers::describe_source;
use super::columns::Header;
use super::inventory::{RowCursor, read_rows};
use super::table::Table;
use super::values::{self, Problem, normalise_code};
use crate::definitions::{did_you_mean, edit_distance};
use crate::diagnostics::{Code, Diagnostic, Location, visible};
use crate::model::{Institution, InstitutionKind, RowRef, TableLedger};

/// Reads the list's rows below the header into `institutions`. A row is used when it gives an
/// institution and has no error; a row with an id and a name but a wrong kind or role is still
/// listed (as `other`, without that role) so that the names it gives resolve, while its errors
/// stop scoring. An id, name or alias already claimed by an earlier row (as a code) is an error at
/// the later cell.
pub fn read_institutions(
    table: &Table,
    header: &Header,
    role_ids: &[&str],
    workspace_roles: &IndexMap<String, String>,
    institutions: &mut Vec<Institution>,
    ledger: &mut TableLedger,
    found: &mut Vec<Diagnostic>,
) {
    // Every id, name and alias as a code → the row that claimed it and what it is there.
    let mut claimed: HashMap<String, (RowRef, &'static str)> = HashMap::new();
    read_rows(table, header, ledger, found, |cursor| {
        let Some(institution) = read_institution(cursor, role_ids) else {
            return false;
        };
        check_roles_agree(cursor, &institution, workspace_roles);
        check_claims(cursor, &institution, &mut claimed);
        // A row whose id and name read is matched against even when its kind or a role is wrong:
        // its own errors already stop scoring, and refusing every answer that names it would
        // bury them under hundreds of consequential ones.
        institutions.push(institution);
        true
    });
}

/// An id, name or alias of the row's institution that an earlier row claimed (as a code) is an
/// error at the row's cell; the others are claimed for this row.
fn check_claims(
    row: &mut RowCursor<'_>,
    institution: &Institution,
    claimed: &mut HashMap<String, (RowRef, &'static str)>,
) {
    let mut keys = vec![
        ("id", "id", institution.id.clone()),
        ("name", "name", institution.name.to_string()),
    ];
    keys.extend(
        institution
            .aliases
            .iter()
            .map(|a| ("aliases", "alias", a.clone())),
    );
    for (column, what, written) in keys {
        let code = normalise_code(&written);
        match claimed.get(&code) {
            Some((first, theirs)) if first.row != institution.source.row || *theirs != what => {
                if first.row == institution.source.row {
                    // The row names itself twice (a name repeated as an alias): harmless.
                    continue;
                }
                row.error(
                    Code::DuplicateId,
                    column,
                    Problem::new(
                        format!(
                            "{what} `{written}` is already the {theirs} of the institution at {}",
                            describe_source(first)
                        ),
                        "each id, name and alias names one institution; if both rows are one body, merge them and keep the other name as an alias",
                    ),
                );
            }
            Some(_) => {}
            None => {
                claimed.insert(code, (institution.source.clone(), what));
            }
        }
    }
}

/// A role the row gives its institution that assessment.yaml's `roles` gives another is an error
/// at the row's `roles` cell: the two files must agree on who plays it.
fn check_roles_agree(
    row: &mut RowCursor<'_>,
    institution: &Institution,
    workspace_roles: &IndexMap<String, String>,
) {
    let own: Vec<String> = [institution.id.as_str(), &institution.name]
        .into_iter()
        .chain(institution.aliases.iter().map(String::as_str))
        .map(normalise_code)
        .collect();
    for role in &institution.roles {
        let Some(named) = workspace_roles.get(role) else {
            continue;
        };
        if !own.contains(&normalise_code(named)) {
            row.error(
                Code::InvalidValue,
                "roles",
                Problem::new(
                    format!(
                        "role `{role}` is given here to `{}`, but assessment.yaml gives it to `{named}`",
                        institution.name
                    ),
                    "one institution plays each role: correct the list's `roles` or the role in assessment.yaml",
                ),
            );
        }
    }
}

/// The workspace's role → institution map with the list's canonical names, plus the roles the
/// list gives one institution that assessment.yaml does not name. A name in `roles` that is not on the list is an
/// error at assessment.yaml (`file`), naming the role.
pub fn canonical_roles(
    roles: &IndexMap<String, String>,
    list: &InstitutionIndex,
    file: &str,
    found: &mut Vec<Diagnostic>,
) -> IndexMap<String, String> {
    let mut canonical = IndexMap::new();
    for (role, named) in roles {
        match list.canonical(named) {
            Ok(name) => {
                canonical.insert(role.clone(), name.to_string());
            }
            Err(problem) => found.push(
                Diagnostic::error(
                    Code::UnknownReference,
                    Location::file(file),
                    format!("role `{role}`: {}", problem.message),
                )
                .with_hint(problem.hint),
            ),
        }
    }
    // A role the list gives one institution is mapped to it; a role several play (sector
    // ministries, say) names no single institution, so it stays unmapped unless assessment.yaml
    // names one.
    let mut players: IndexMap<&str, Vec<&str>> = IndexMap::new();
    for institution in list.institutions() {
        for role in &institution.roles {
            players.entry(role).or_default().push(&institution.name);
        }
    }
    for (role, names) in players {
        if let [only] = names.as_slice() {
            canonical
                .entry(role.to_string())
                .or_insert_with(|| only.to_string());
        }
    }
    canonical
}

/// One row as an institution, or `None` when its id or name cannot be read; an unreadable kind
/// reads as `other` and an unknown role is left out, each with its error.
fn read_institution(row: &mut RowCursor<'_>, role_ids: &[&str]) -> Option<Institution> {
    let id = row.required_text("id", "institution id").filter(|id| {
        let code = id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'));
        if !code {
            row.error(
                Code::InvalidValue,
                "id",
                Problem::new(
                    format!("`{id}` is not an institution id"),
                    "an id is a short code of letters, digits, `-`, `_` and `.`, e.g. moh or kdsa",
                ),
            );
        }
        code
    });
    let name = row.required_text("name", "institution name");
    let kind = if row.cell("kind").is_empty() {
        Some(InstitutionKind::Other)
    } else {
        row.optional("kind", Code::InvalidValue, |c| {
            values::vocabulary(
                c,
                "institution kind",
                InstitutionKind::from_code,
                &[],
                InstitutionKind::allowed,
            )
        })
    };
    let aliases = values::list(row.cell("aliases"));
    let mut roles = Vec::new();
    for written in values::code_list(row.cell("roles")) {
        let role = normalise_code(&written);
        if role_ids.contains(&role.as_str()) {
            if !roles.contains(&role) {
                roles.push(role);
            }
            continue;
        }
        let close = did_you_mean(&role, role_ids.iter().copied())
            .map(|r| format!("did you mean `{r}`? "))
            .unwrap_or_default();
        row.error(
            Code::UnknownReference,
            "roles",
            Problem::new(
                format!("`{written}` is not a role of the framework"),
                format!("{close}the framework's roles: {}", role_ids.join(", ")),
            ),
        );
    }
    let (Some(id), Some(name)) = (id, name) else {
        return None;
    };
    let kind = kind.unwrap_or(InstitutionKind::Other);
    Some(Institution {
        id,
        name: Arc::from(name.as_str()),
        aliases,
        kind,
        roles,
        source: row.source(),
    })
}

/// Written names → the list's institutions.
#[derive(Debug, Clone, Default)]
pub struct InstitutionIndex {
    institutions: Vec<Institution>,
    /// Every id, name and alias as a code → index into `institutions`.
    by_code: HashMap<String, usize>,
}

/// How many of the closest institutions an unknown name lists.
const CLOSEST_SHOWN: usize = 3;

impl InstitutionIndex {
    /// Indexes a list (ids, names and aliases, as codes; the first claim wins, the reader has
    /// already reported any other).
    pub fn new(institutions: Vec<Institution>) -> InstitutionIndex {
        let mut by_code = HashMap::new();
        for (i, institution) in institutions.iter().enumerate() {
            let names = [institution.id.as_str(), &institution.name]
                .into_iter()
                .chain(institution.aliases.iter().map(String::as_str));
            for name in names {
                by_code.entry(normalise_code(name)).or_insert(i);
            }
        }
        InstitutionIndex {
            institutions,
            by_code,
        }
    }

    /// The institutions, in list order.
    pub fn institutions(&self) -> &[Institution] {
        &self.institutions
    }

    /// The institution a written id, name or alias names, or the problem to report at its cell:
    /// a near miss with a did-you-mean, anything else with the closest names of the list.
    pub fn resolve(&self, written: &str) -> Result<&Institution, Problem> {
        let code = normalise_code(written);
        if let Some(&i) = self.by_code.get(&code) {
            return Ok(&self.institutions[i]);
        }
        let shown = visible(written.trim());
        let list_hint =
            "add it to the institutions list, or add the name as an alias of the institution it is";
        // Institution names are long and share their first words ("ministry of …"), so a near
        // miss is two edits, or one in eight characters, not the third of a word that ids allow.
        let limit = (code.chars().count() / 8).max(2);
        let near = self
            .by_code
            .iter()
            .map(|(name, &i)| (edit_distance(&code, name), name.as_str(), i))
            .filter(|(distance, _, _)| *distance <= limit)
            .min();
        if let Some((_, _, i)) = near {
            let institution = &self.institutions[i];
            return Err(Problem::new(
                format!("`{shown}` is not in the institutions list"),
                format!("did you mean `{}`? If not, {list_hint}", institution.name),
            ));
        }
        let mut ranked: Vec<(usize, &str)> = self
            .institutions
            .iter()
            .map(|institution| {
                let distance = [institution.id.as_str(), &institution.name]
                    .into_iter()
                    .chain(institution.aliases.iter().map(String::as_str))
                    .map(|name| edit_distance(&code, &normalise_code(name)))
                    .min()
                    .unwrap_or(usize::MAX);
                (distance, &*institution.name)
            })
            .collect();
        ranked.sort();
        let closest: Vec<&str> = ranked.iter().take(CLOSEST_SHOWN).map(|(_, n)| *n).collect();
        let hint = if closest.is_empty() {
            format!("the institutions list is empty; {list_hint}")
        } else {
            format!("closest in the list: {}; {list_hint}", closest.join(", "))
        };
        Err(Problem::new(
            format!("`{shown}` is not in the institutions list"),
            hint,
        ))
    }

    /// The canonical name for a written one, or the problem (see [`Self::resolve`]).
    pub fn canonical(&self, written: &str) -> Result<Arc<str>, Problem> {
        self.resolve(written).map(|i| Arc::clone(&i.name))
    }
}

/// The institution a cell writes, as the answers record it: with a list, the list's canonical
/// name, or the located error (at `at()`) for a name not on it; without a list, or when the cell
/// is empty, the text as written.
pub fn match_institution(
    written: Option<String>,
    list: Option<&InstitutionIndex>,
    at: impl FnOnce() -> Location,
) -> Result<Option<String>, Diagnostic> {
    match (written, list) {
        (Some(written), Some(list)) => match list.canonical(&written) {
            Ok(name) => Ok(Some(name.to_string())),
            Err(problem) => {
                Err(Diagnostic::error(Code::UnknownReference, at(), problem.message).with_hint(problem.hint))
            }
        },
        (written, _) => Ok(written),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn institution(id: &str, name: &str, aliases: &[&str]) -> Institution {
        Institution {
            id: id.to_string(),
            name: Arc::from(name),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
            kind: InstitutionKind::Ministry,
            roles: Vec::new(),
            source: RowRef {
                file: Arc::from("institutions.csv"),
                sheet: None,
                row: 2,
            },
        }
    }

    fn index() -> InstitutionIndex {
        InstitutionIndex::new(vec![
            institution("moh", "Ministry of Health", &["MoH", "Min. of Health"]),
            institution("mof", "Ministry of Finance", &["MoF"]),
            institution("nia", "National Identity Authority", &["NIA"]),
            institution("kdsa", "Kalindra Digital Services Agency", &["KDSA"]),
        ])
    }

    #[test]
    fn ids_names_and_aliases_resolve_to_the_canonical_name() {
        let index = index();
        for written in [
            "MoH",
            "moh",
            "Ministry of Health",
            "ministry-of-health",
            "Min. of Health",
            " MINISTRY OF HEALTH ",
        ] {
            assert_eq!(
                &*index.canonical(written).unwrap(),
                "Ministry of Health",
                "{written}"
            );
        }
    }

    #[test]
    fn a_near_miss_is_refused_with_a_did_you_mean() {
        let problem = index().canonical("Ministry of Heath").unwrap_err();
        assert_eq!(
            problem.message,
            "`Ministry of Heath` is not in the institutions list"
        );
        assert!(
            problem
                .hint
                .starts_with("did you mean `Ministry of Health`? If not, add it"),
            "{}",
            problem.hint
        );
    }

    #[test]
    fn a_written_institution_is_matched_only_against_a_list() {
        let at = || Location::file("answers.csv");
        assert_eq!(
            match_institution(Some("moh".into()), None, at)
                .unwrap()
                .as_deref(),
            Some("moh")
        );
        let index = index();
        assert_eq!(match_institution(None, Some(&index), at).unwrap(), None);
        assert_eq!(
            match_institution(Some("MoH".into()), Some(&index), at)
                .unwrap()
                .as_deref(),
            Some("Ministry of Health")
        );
        let refused = match_institution(Some("Ministry of Heath".into()), Some(&index), at).unwrap_err();
        assert_eq!(refused.code, Code::UnknownReference);
        assert_eq!(
            refused.message,
            "`Ministry of Heath` is not in the institutions list"
        );
    }

    #[test]
    fn an_unknown_name_lists_the_closest_institutions() {
        let problem = index().canonical("Ministry of Education").unwrap_err();
        assert_eq!(
            problem.message,
            "`Ministry of Education` is not in the institutions list"
        );
        assert!(
            problem.hint.starts_with(
                "closest in the list: Ministry of Finance, Ministry of Health, National Identity Authority; "
            ),
            "{}",
            problem.hint
        );
    }
}
