//! External anchors: the World Bank's GovTech Maturity Index (GTMI) beside each real country of a
//! comparison, kept apart from this tool's scores.
//!
//! In: the compared countries (their ISO codes) and the embedded GTMI editions
//! (`definitions::gtmi`). Out: each country's GTMI editions, as published, and once per
//! comparison what GTMI is, where the data come from, its licence and attribution, and the caveat
//! that it measures something related but different. Pure: no I/O.
//! Not here: the data and its parsing (`definitions::gtmi`), display and files
//! (`report::compare`).
//!
//! Rules:
//! - Only an officially assigned ISO 3166-1 code gets anchors. A user-assigned code (XAA–XZZ and
//!   the other private ranges), such as the samples' fictional XKL, names something GTMI cannot
//!   know, so it gets none, even where GTMI itself uses one (XKX for Kosovo).
//! - Scores stay on the published 0–1 scale, unrounded, and the group is the published one.
//! - Nothing here ranks, averages, benchmarks or charts GTMI with the tool's scores; the
//!   comparison's ranks, benchmarks and charts never read these fields.

#[cfg(test)]
use schemars::JsonSchema;
use serde::Serialize;

use super::CountryRow;
use crate::definitions::{gtmi, is_assigned_alpha3};
use crate::messages::t;

/// One GTMI edition of a country, as the World Bank published it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct GtmiEdition {
    /// Edition (2020, 2022 or 2025).
    pub year: u16,
    /// The economy's name in that edition.
    pub economy: String,
    /// Published group: A (0.75 or more), B (0.50 to under 0.75), C (0.25 to under 0.50), D.
    pub group: String,
    /// GTMI score, 0–1 as published (not out of 100), unrounded.
    pub gtmi: f64,
    /// Core Government Systems Index, 0–1.
    pub cgsi: f64,
    /// Public Service Delivery Index, 0–1.
    pub psdi: f64,
    /// Digital Citizen Engagement Index, 0–1.
    pub dcei: f64,
    /// GovTech Enablers Index, 0–1.
    pub gtei: f64,
}

/// What GTMI is and where it comes from: once per comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(test, derive(JsonSchema))]
pub struct GtmiSource {
    /// The index's name.
    pub name: String,
    /// Its publisher.
    pub publisher: String,
    /// Editions shipped with the tool.
    pub editions: Vec<u16>,
    /// Where the published data were copied from.
    pub source: String,
    /// Licence.
    pub licence: String,
    /// Licence text.
    pub licence_url: String,
    /// The attribution the licence asks for, to show wherever the numbers are shown.
    pub attribution: String,
    /// The scale and the groups in words.
    pub scale: String,
    /// What GTMI measures and why it is related to, but different from, this tool's index.
    pub caveat: String,
    /// Compared countries that have at least one GTMI edition.
    pub countries_with_data: u32,
}

/// A country's GTMI editions, ascending by year; none for a user-assigned or uncovered code.
pub fn editions(iso3: &str) -> Vec<GtmiEdition> {
    if !is_assigned_alpha3(iso3) {
        return Vec::new();
    }
    gtmi::editions(iso3)
        .into_iter()
        .map(|r| GtmiEdition {
            year: r.year,
            economy: r.economy.clone(),
            group: r.group.clone(),
            gtmi: r.gtmi,
            cgsi: r.cgsi,
            psdi: r.psdi,
            dcei: r.dcei,
            gtei: r.gtei,
        })
        .collect()
}

/// Attaches its GTMI editions to every compared country and says once what they are.
pub fn attach(rows: &mut [CountryRow]) -> GtmiSource {
    for row in rows.iter_mut() {
        row.gtmi = editions(&row.iso3);
    }
    GtmiSource {
        name: t("gtmi-name"),
        publisher: gtmi::PUBLISHER.to_string(),
        editions: gtmi::EDITIONS.to_vec(),
        source: gtmi::SOURCE.to_string(),
        licence: gtmi::LICENCE.to_string(),
        licence_url: gtmi::LICENCE_URL.to_string(),
        attribution: t("gtmi-attribution"),
        scale: t("gtmi-scale"),
        caveat: t("gtmi-caveat"),
        countries_with_data: rows.iter().filter(|r| !r.gtmi.is_empty()).count() as u32,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn real_codes_get_every_edition_and_user_assigned_ones_none() {
        let kenya = editions("KEN");
        assert_eq!(
            kenya.iter().map(|e| e.year).collect::<Vec<_>>(),
            [2020, 2022, 2025]
        );
        assert_eq!(kenya[2].group, "A");
        let albania = editions("ALB");
        assert_eq!((albania[0].year, albania[0].group.as_str()), (2020, "B"));
        assert!(albania[0].gtmi < 0.75 && albania[0].gtmi > 0.7477);
        // Nicaragua has no 2025 edition.
        assert_eq!(editions("NIC").last().map(|e| e.year), Some(2022));
        // Fictional, user-assigned, or assigned but not covered.
        for code in ["XKL", "XNV", "XES", "XKX", "ATA", "ken", ""] {
            assert!(editions(code).is_empty(), "{code}");
        }
    }
}
