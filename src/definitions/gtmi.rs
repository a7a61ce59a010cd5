//! GTMI: the World Bank's GovTech Maturity Index 2020, 2022 and 2025, embedded reference data.
//!
//! In: `data/gtmi/gtmi-groups.csv` (the processed copy of the World Bank's published groups and
//! scores; its source, licence and processing are in `data/gtmi/README.md`), embedded in the
//! binary with `include_str!`: nothing is read at run time. Out: one [`GtmiRow`] per economy and
//! edition, as published: the group A–D and the scores on the published 0–1 scale, unrounded.
//! Pure: parsed once, on first use.
//! Not here: which countries of a comparison get them (`compare::anchors`), words and display
//! (`report::compare`). The licence (CC BY 4.0) requires the attribution sentence wherever these
//! numbers are shown; it is a message (`gtmi-attribution` in `templates/messages/en.ftl`).
//!
//! The World Bank bands the unrounded score (A ≥ 0.75, B ≥ 0.50, C ≥ 0.25, else D); the group is
//! copied from the source, never recomputed, and a test checks that it agrees with that rule.

use std::sync::OnceLock;

use serde::Deserialize;

/// The processed CSV, as committed.
const CSV: &str = include_str!("../../data/gtmi/gtmi-groups.csv");

/// Where the processed copy lives in the repository.
pub const PATH: &str = "data/gtmi/gtmi-groups.csv";
/// Editions shipped, ascending.
pub const EDITIONS: [u16; 3] = [2020, 2022, 2025];
/// The publisher.
pub const PUBLISHER: &str = "World Bank";
/// Where the published workbook was copied from (repository, path, commit).
pub const SOURCE: &str =
    "https://github.com/WB-PIDA-Data-Science-Shop/gtmiR (raw-data/output/groups_data.xlsx, commit ebb90af)";
/// The licence.
pub const LICENCE: &str = "CC BY 4.0";
/// The licence's text.
pub const LICENCE_URL: &str = "https://creativecommons.org/licenses/by/4.0/";

/// One economy in one GTMI edition.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct GtmiRow {
    /// Edition.
    pub year: u16,
    /// ISO 3166-1 alpha-3 code (`XKX` for Kosovo).
    pub iso3: String,
    /// The economy's name as that edition publishes it.
    pub economy: String,
    /// Published group, `A` to `D`.
    pub group: String,
    /// GTMI score, 0–1.
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

/// The group the World Bank's thresholds give an unrounded score.
pub fn group_for(score: f64) -> &'static str {
    if score >= 0.75 {
        "A"
    } else if score >= 0.50 {
        "B"
    } else if score >= 0.25 {
        "C"
    } else {
        "D"
    }
}

/// Parses the CSV: header `year,iso3,economy,group,gtmi,cgsi,psdi,dcei,gtei`.
pub fn parse(text: &str) -> Result<Vec<GtmiRow>, String> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| e.to_string())?
        .iter()
        .map(String::from)
        .collect();
    let expected = [
        "year", "iso3", "economy", "group", "gtmi", "cgsi", "psdi", "dcei", "gtei",
    ];
    if header != expected {
        return Err(format!("unexpected header {header:?}"));
    }
    reader
        .deserialize()
        .map(|row| row.map_err(|e| e.to_string()))
        .collect()
}

/// Every row of the embedded data, sorted by ISO code then edition.
pub fn rows() -> &'static [GtmiRow] {
    static ROWS: OnceLock<Vec<GtmiRow>> = OnceLock::new();
    // The embedded file is checked by the tests below; a broken copy gives no anchors, not a
    // crash.
    ROWS.get_or_init(|| parse(CSV).unwrap_or_default())
}

/// The editions of one economy, ascending by year; none for a code GTMI does not cover.
pub fn editions(iso3: &str) -> Vec<&'static GtmiRow> {
    rows().iter().filter(|r| r.iso3 == iso3).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_copy_parses_with_every_edition() {
        let rows = rows();
        assert_eq!(rows.len(), 593);
        let count = |year: u16| rows.iter().filter(|r| r.year == year).count();
        assert_eq!((count(2020), count(2022), count(2025)), (198, 198, 197));
        assert!(rows.iter().all(|r| EDITIONS.contains(&r.year)));
        // A known row: Kenya 2022.
        let kenya: Vec<&GtmiRow> = editions("KEN");
        assert_eq!(kenya.iter().map(|r| r.year).collect::<Vec<_>>(), EDITIONS);
        let k = kenya[1];
        assert_eq!((k.economy.as_str(), k.group.as_str()), ("Kenya", "B"));
        assert_eq!(k.gtmi, 0.7450103662880123);
        assert_eq!(k.cgsi, 0.7599423868312757);
        assert_eq!(k.psdi, 0.8998563106796117);
        assert_eq!(k.dcei, 0.7243486238532111);
        assert_eq!(k.gtei, 0.5958941437879508);
        // A quoted name.
        assert!(
            rows.iter()
                .any(|r| r.economy == "Congo, Dem. Rep." && r.iso3 == "COD")
        );
        // Sorted by code then edition, one row per pair.
        assert!(
            rows.windows(2)
                .all(|w| (&w[0].iso3, w[0].year) < (&w[1].iso3, w[1].year))
        );
        assert!(editions("XKL").is_empty());
    }

    #[test]
    fn every_group_agrees_with_the_thresholds_on_the_unrounded_score() {
        for r in rows() {
            assert_eq!(r.group, group_for(r.gtmi), "{} {}: {}", r.iso3, r.year, r.gtmi);
            for v in [r.gtmi, r.cgsi, r.psdi, r.dcei, r.gtei] {
                assert!((0.0..=1.0).contains(&v), "{} {}: {v}", r.iso3, r.year);
            }
        }
        // The rounding pitfall: Albania 2020 is 0.7477…, group B, not A.
        let albania = editions("ALB");
        assert_eq!((albania[0].year, albania[0].group.as_str()), (2020, "B"));
        assert!((albania[0].gtmi - 0.7477).abs() < 0.0001);
        assert_eq!(group_for(0.75), "A");
        assert_eq!(group_for(0.749_999), "B");
        assert_eq!(group_for(0.25), "C");
        assert_eq!(group_for(0.0), "D");
    }

    #[test]
    fn a_wrong_header_is_refused() {
        assert!(parse("year,iso3\n2020,KEN\n").is_err());
        assert!(
            parse("year,iso3,economy,group,gtmi,cgsi,psdi,dcei,gtei\n2020,KEN,Kenya,B,x,0,0,0,0\n").is_err()
        );
    }
}
