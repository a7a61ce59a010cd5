//! An institution of the workspace's list (`inputs.institutions`): what `ingest::institutions`
//! reads and what answers and inventories are matched against. Pure data.

use std::sync::Arc;

#[cfg(test)]
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::RowRef;

vocabulary! {
    /// What kind of body an institution is.
    InstitutionKind {
        /// A ministry or department of central government.
        Ministry => "ministry",
        /// An executive agency, authority or bureau of central government.
        Agency => "agency",
        /// An independent regulator or supervisory authority.
        Regulator => "regulator",
        /// The central bank.
        CentralBank => "central_bank",
        /// The office of the president or prime minister, or the cabinet office.
        CentreOfGovernment => "centre_of_government",
        /// Parliament or one of its bodies.
        Legislature => "legislature",
        /// A court or tribunal.
        Judiciary => "judiciary",
        /// A region, province, district or municipality.
        LocalGovernment => "local_government",
        /// A state-owned enterprise or public corporation.
        StateEnterprise => "state_enterprise",
        /// A private company or industry body.
        Private => "private",
        /// A development partner or donor.
        DevelopmentPartner => "development_partner",
        /// A civil-society organisation, academia or a user group.
        CivilSociety => "civil_society",
        /// Anything else.
        Other => "other",
    }
}

/// One institution of the list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Institution {
    /// Short id (a code), e.g. `moh`.
    pub id: String,
    /// The canonical name every report uses.
    pub name: Arc<str>,
    /// Other names and abbreviations it goes by.
    pub aliases: Vec<String>,
    /// What kind of body it is.
    pub kind: InstitutionKind,
    /// Framework role ids it plays.
    pub roles: Vec<String>,
    /// Where it is listed.
    pub source: RowRef,
}
