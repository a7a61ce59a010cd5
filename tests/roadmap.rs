//! Roadmap and services on the samples.

use dpi_assess::ingest::load_assessment;
use dpi_assess::model::{Assessment, Quadrant, Results};
use dpi_assess::roadmap::{input_for, plan, services::prioritise};
use dpi_assess::score::score;

use crate::support::repo;

fn scored(sample: &str) -> (Assessment, Results) {
    let (assessment, found) = load_assessment(&repo(&format!("sample-data/{sample}")));
    let assessment = assessment.unwrap_or_else(|| panic!("{found:#?}"));
    let results = score(&assessment);
    (assessment, results)
}

#[test]
fn a_service_needing_a_bb_at_level_1_or_below_is_blocked_by_it() {
    let (assessment, results) = scored("kalindra-2024");
    let roadmap = plan(&assessment.framework, &input_for(&results, &assessment));
    let bbs: Vec<_> = results
        .pillars
        .iter()
        .flat_map(|p| p.building_blocks.clone())
        .collect();
    let services = prioritise(&assessment.services, &bbs, &roadmap);
    assert_eq!(services.len(), assessment.services.len());

    let level = |id: &str| bbs.iter().find(|b| b.id == id).and_then(|b| b.node.level);
    // Kalindra's information mediator is only planned (level 1): every service needing it is
    // blocked by it, and no service is blocked by a BB at level 2 or above.
    assert!(level("information-mediator").unwrap() <= 1);
    for (service, source) in services.iter().map(|s| {
        let source = assessment.services.iter().find(|x| x.name == s.name).unwrap();
        (s, source)
    }) {
        for bb in &source.required_bbs {
            let blocking = level(bb).is_none_or(|l| l <= 1);
            assert_eq!(
                service.blocked_by.contains(bb),
                blocking,
                "{} / {bb}",
                service.name
            );
        }
        if !service.blocked_by.is_empty() {
            assert!(
                matches!(service.quadrant, Quadrant::B | Quadrant::D),
                "{}: blocked yet feasible",
                service.name
            );
        }
    }
    assert!(
        services
            .iter()
            .any(|s| s.blocked_by.contains(&"information-mediator".to_string()))
    );
    // Ranked A, B, C, D, 1-based.
    assert!(services.windows(2).all(|w| w[0].quadrant <= w[1].quadrant));
    assert_eq!(services[0].rank, 1);
}
