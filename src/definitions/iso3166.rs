//! ISO 3166-1 alpha-3 country codes (the 249 officially assigned ones).
//!
//! Generated once from the ISO 3166-1 list; the user-assigned ranges (AAA-AAZ, QMA-QZZ, XAA-XZZ,
//! ZZA-ZZZ) are accepted separately for fictional, regional or sub-national assessments.

/// Officially assigned alpha-3 codes, sorted (binary search).
pub const ASSIGNED: &[&str] = &[
    "ABW", "AFG", "AGO", "AIA", "ALA", "ALB", "AND", "ARE", "ARG", "ARM", "ASM", "ATA", "ATF", "ATG", "AUS",
    "AUT", "AZE", "BDI", "BEL", "BEN", "BES", "BFA", "BGD", "BGR", "BHR", "BHS", "BIH", "BLM", "BLR", "BLZ",
    "BMU", "BOL", "BRA", "BRB", "BRN", "BTN", "BVT", "BWA", "CAF", "CAN", "CCK", "CHE", "CHL", "CHN", "CIV",
    "CMR", "COD", "COG", "COK", "COL", "COM", "CPV", "CRI", "CUB", "CUW", "CXR", "CYM", "CYP", "CZE", "DEU",
    "DJI", "DMA", "DNK", "DOM", "DZA", "ECU", "EGY", "ERI", "ESH", "ESP", "EST", "ETH", "FIN", "FJI", "FLK",
    "FRA", "FRO", "FSM", "GAB", "GBR", "GEO", "GGY", "GHA", "GIB", "GIN", "GLP", "GMB", "GNB", "GNQ", "GRC",
    "GRD", "GRL", "GTM", "GUF", "GUM", "GUY", "HKG", "HMD", "HND", "HRV", "HTI", "HUN", "IDN", "IMN", "IND",
    "IOT", "IRL", "IRN", "IRQ", "ISL", "ISR", "ITA", "JAM", "JEY", "JOR", "JPN", "KAZ", "KEN", "KGZ", "KHM",
    "KIR", "KNA", "KOR", "KWT", "LAO", "LBN", "LBR", "LBY", "LCA", "LIE", "LKA", "LSO", "LTU", "LUX", "LVA",
    "MAC", "MAF", "MAR", "MCO", "MDA", "MDG", "MDV", "MEX", "MHL", "MKD", "MLI", "MLT", "MMR", "MNE", "MNG",
    "MNP", "MOZ", "MRT", "MSR", "MTQ", "MUS", "MWI", "MYS", "MYT", "NAM", "NCL", "NER", "NFK", "NGA", "NIC",
    "NIU", "NLD", "NOR", "NPL", "NRU", "NZL", "OMN", "PAK", "PAN", "PCN", "PER", "PHL", "PLW", "PNG", "POL",
    "PRI", "PRK", "PRT", "PRY", "PSE", "PYF", "QAT", "REU", "ROU", "RUS", "RWA", "SAU", "SDN", "SEN", "SGP",
    "SGS", "SHN", "SJM", "SLB", "SLE", "SLV", "SMR", "SOM", "SPM", "SRB", "SSD", "STP", "SUR", "SVK", "SVN",
    "SWE", "SWZ", "SXM", "SYC", "SYR", "TCA", "TCD", "TGO", "THA", "TJK", "TKL", "TKM", "TLS", "TON", "TTO",
    "TUN", "TUR", "TUV", "TWN", "TZA", "UGA", "UKR", "UMI", "URY", "USA", "UZB", "VAT", "VCT", "VEN", "VGB",
    "VIR", "VNM", "VUT", "WLF", "WSM", "YEM", "ZAF", "ZMB", "ZWE",
];

/// Whether `code` is an officially assigned ISO 3166-1 alpha-3 code (a real country or territory;
/// the user-assigned ranges, such as the samples' fictional XKL, are not).
pub fn is_assigned_alpha3(code: &str) -> bool {
    ASSIGNED.binary_search(&code).is_ok()
}

/// Whether `code` is an assigned or user-assigned ISO 3166-1 alpha-3 code.
pub fn is_valid_alpha3(code: &str) -> bool {
    if code.len() != 3 || !code.bytes().all(|b| b.is_ascii_uppercase()) {
        return false;
    }
    let b = code.as_bytes();
    let user_assigned = (b[0] == b'A' && b[1] == b'A')
        || (b[0] == b'Q' && b[1] >= b'M')
        || b[0] == b'X'
        || (b[0] == b'Z' && b[1] == b'Z');
    user_assigned || ASSIGNED.binary_search(&code).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes() {
        assert_eq!(ASSIGNED.len(), 249);
        assert!(ASSIGNED.windows(2).all(|w| w[0] < w[1]));
        assert!(is_valid_alpha3("KEN"));
        assert!(is_valid_alpha3("XKL"));
        assert!(!is_valid_alpha3("KEY"));
        assert!(!is_valid_alpha3("ken"));
        assert!(!is_valid_alpha3("KE"));
        assert!(is_assigned_alpha3("KEN") && is_assigned_alpha3("ALB"));
        assert!(!is_assigned_alpha3("XKL") && !is_assigned_alpha3("XKX") && !is_assigned_alpha3("ken"));
    }
}
