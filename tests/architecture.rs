//! The target architecture (docs/method.md §11a) on the samples: the decisions the rules propose
//! from kalindra-2024's inventory, the roadmap actions that carry them out, a country's override in
//! `architecture.yaml` followed by the roadmap, and the errors a bad architecture file gets.

use serde_json::Value;

use crate::support::{copy_dir, repo, report_into, run, scratch};

/// roadmap.json's `roadmap` for a workspace.
fn roadmap_of(workspace: &std::path::Path) -> Value {
    let out = scratch();
    run(&[
        "roadmap",
        workspace.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ])
    .expect_code(0);
    let text = std::fs::read_to_string(out.path().join("roadmap.json")).unwrap();
    let mut json: Value = serde_json::from_str(&text).unwrap();
    json["roadmap"].take()
}

fn decision<'a>(roadmap: &'a Value, bb: &str) -> &'a Value {
    roadmap["architecture"]["decisions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["bb"] == bb)
        .unwrap_or_else(|| panic!("no decision for {bb}"))
}

fn names(list: &Value) -> Vec<&str> {
    list.as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect()
}

/// The planned or beyond-horizon action with this id.
fn action<'a>(roadmap: &'a Value, id: &str) -> Option<&'a Value> {
    roadmap["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["id"] == id)
}

fn beyond(roadmap: &Value, id: &str) -> bool {
    roadmap["beyond_horizon"]
        .as_array()
        .unwrap()
        .iter()
        .any(|a| a["id"] == id)
}

#[test]
fn kalindra_consolidates_its_registries_and_gateways_and_connects_through_the_mediator() {
    let roadmap = roadmap_of(&repo("sample-data/kalindra-2024"));

    // Four ministry registries, none a shared platform: a registry platform is adopted (the
    // candidates are options) and all four move onto it, then are retired.
    let registries = decision(&roadmap, "digital-registries");
    assert_eq!(registries["choice"], "adopt");
    assert_eq!(registries["rule"], "adopt_candidate");
    assert!(!registries["candidates"].as_array().unwrap().is_empty());
    let mut moved = names(&registries["consolidate"]);
    moved.sort();
    let mut registries_today = crate::support::KALINDRA_REGISTRIES.to_vec();
    registries_today.sort();
    assert_eq!(moved, registries_today);
    assert_eq!(names(&registries["retire"]).len(), 4);

    // Three SMS gateways onto one messaging platform.
    let messaging = decision(&roadmap, "messaging");
    let mut gateways = names(&messaging["consolidate"]);
    gateways.sort();
    let mut gateways_today = crate::support::KALINDRA_SMS_GATEWAYS.to_vec();
    gateways_today.sort();
    assert_eq!(gateways, gateways_today);

    // The planned data exchange platform is the mediator to extend; production systems connect.
    let mediator = decision(&roadmap, "information-mediator");
    assert_eq!(mediator["choice"], "extend");
    assert_eq!(mediator["rule"], "planned_platform");
    assert_eq!(mediator["platform"]["name"], "Kalindra Data Exchange Platform");
    let registration = decision(&roadmap, "registration");
    assert_eq!(registration["shape"], "federated");
    assert!(names(&registration["connect"]).contains(&"Integrated Tax Administration System"));
    assert!(names(&registration["consolidate"]).is_empty());

    // Each decision that changes something lists the roadmap actions carrying it out, planned or
    // beyond the horizon; each transition action of a decision is one of them.
    for d in roadmap["architecture"]["decisions"].as_array().unwrap() {
        let listed: Vec<&str> = d["actions"]
            .as_array()
            .unwrap()
            .iter()
            .chain(d["beyond_horizon"].as_array().into_iter().flatten())
            .map(|a| a.as_str().unwrap())
            .collect();
        for (kind, list) in [
            ("consolidate", "consolidate"),
            ("retire", "retire"),
            ("connect", "connect"),
        ] {
            let id = format!("arch-{}-{kind}", d["bb"].as_str().unwrap());
            let expected = !d[list].as_array().unwrap().is_empty();
            assert_eq!(listed.contains(&id.as_str()), expected, "{id} in {listed:?}");
            assert_eq!(
                action(&roadmap, &id).is_some() || beyond(&roadmap, &id),
                expected,
                "{id}"
            );
        }
    }

    // A connection starts only once the mediator is in production; a retirement only after its
    // consolidation.
    let im_production = action(&roadmap, "information-mediator-production").expect("IM production planned");
    let connect =
        action(&roadmap, "arch-registration-connect").expect("registration connects within the horizon");
    assert!(connect["start_month"].as_u64() >= im_production["end_month"].as_u64());
    assert!(
        connect["waits_for"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w == "information-mediator-production")
    );
    assert_eq!(connect["transition"], "connect");
    let consolidate = beyond(&roadmap, "arch-messaging-consolidate")
        || action(&roadmap, "arch-messaging-consolidate").is_some();
    assert!(consolidate);
    if let Some(retire) = action(&roadmap, "arch-messaging-retire") {
        let before = action(&roadmap, "arch-messaging-consolidate").unwrap();
        assert!(retire["start_month"].as_u64() >= before["end_month"].as_u64());
    }
}

#[test]
fn the_country_keeps_a_registry_separate_and_the_roadmap_follows() {
    let dir = scratch();
    let workspace = dir.path().join("kalindra");
    copy_dir(&repo("sample-data/kalindra-2024"), &workspace);
    std::fs::copy(
        repo("tests/fixtures/architecture/architecture.yaml"),
        workspace.join("architecture.yaml"),
    )
    .unwrap();
    let roadmap = roadmap_of(&workspace);
    let registries = decision(&roadmap, "digital-registries");
    assert_eq!(
        registries["rule"], "adopt_candidate",
        "the platform choice is still the rule's"
    );
    assert!(
        registries["country_reason"]
            .as_str()
            .unwrap()
            .starts_with("The steering committee")
    );
    assert!(!names(&registries["consolidate"]).contains(&"Farmer Registry"));
    assert_eq!(names(&registries["consolidate"]).len(), 3);
    assert!(!names(&registries["retire"]).contains(&"Farmer Registry"));
    let kept = &registries["kept_separate"][0];
    assert_eq!(kept["name"], "Farmer Registry");
    assert_eq!(kept["owner"], "Ministry of Agriculture");
    assert!(
        kept["reason"]
            .as_str()
            .unwrap()
            .contains("agricultural transformation project")
    );
    // Kept in production, it connects through the mediator instead.
    assert!(names(&registries["connect"]).contains(&"Farmer Registry"));
    // The consolidation action now moves three systems.
    let all: Vec<&Value> = roadmap["actions"]
        .as_array()
        .unwrap()
        .iter()
        .chain(roadmap["beyond_horizon"].as_array().unwrap())
        .collect();
    let consolidate = all
        .iter()
        .find(|a| a["id"] == "arch-digital-registries-consolidate")
        .unwrap();
    assert!(
        consolidate["title"]
            .as_str()
            .unwrap()
            .contains("3 Digital Registries systems"),
        "{}",
        consolidate["title"]
    );

    // The report follows: the decision says who decided and why, and the moves table connects
    // the Farmer Registry instead of moving and retiring it.
    let out = report_into(&workspace, &dir.path().join("out"), "md,csv,html");
    // The diagram too: the Farmer Registry stays in the target (▪, once there and once today),
    // neither moving (→) nor retired (✕).
    let svg = std::fs::read_to_string(out.join("architecture.svg")).unwrap();
    assert_eq!(svg.matches("▪ Farmer Registry").count(), 2, "today and target");
    assert!(!svg.contains("→ Farmer Registry") && !svg.contains("✕ Farmer Registry"));
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains("Farmer Registry (Ministry of Agriculture): The Farmer Registry is being rebuilt"));
    assert!(md.contains("The steering committee agreed the registry platform without the farmer registry."));
    let moves = std::fs::read_to_string(out.join("architecture.csv")).unwrap();
    let farmer: Vec<&str> = moves
        .lines()
        .filter(|l| l.starts_with("Farmer Registry,"))
        .collect();
    assert_eq!(farmer.len(), 1, "{moves}");
    assert!(farmer[0].contains(",connect,"), "{}", farmer[0]);
    assert_eq!(
        moves
            .lines()
            .filter(|l| l.contains(",Digital Registries,consolidate,"))
            .count(),
        3
    );
}

#[test]
fn a_bad_architecture_file_is_refused_with_every_problem_located() {
    let dir = scratch();
    let workspace = dir.path().join("kalindra");
    copy_dir(&repo("sample-data/kalindra-2024"), &workspace);
    std::fs::copy(
        repo("tests/fixtures/architecture/bad-architecture.yaml"),
        workspace.join("architecture.yaml"),
    )
    .unwrap();
    let verdict = run(&["validate", workspace.to_str().unwrap()]);
    assert_ne!(verdict.code, 0);
    let err = &verdict.stderr;
    for expected in [
        "architecture.yaml:2:9",
        "the architecture file decides for `digital-registry`, which is no Building Block",
        "did you mean `digital-registries`?",
        "architecture.yaml:4:5",
        "the decision for `messaging` extends a system but names none",
        "architecture.yaml:9:17",
        "the architecture file names the system `Health Case Managment Platform`, which the inventory does not list under `workflow`",
        "did you mean `Health Case Management Platform`?",
        "the decision for `workflow` has no reason",
        "platform is `procure`",
        "one of extend, adopt, build",
    ] {
        assert!(err.contains(expected), "missing {expected:?} in:\n{err}");
    }
    // Nothing is scored or written while the file is wrong.
    let out = scratch();
    let report = run(&[
        "report",
        workspace.to_str().unwrap(),
        "--out",
        out.path().to_str().unwrap(),
    ]);
    assert_ne!(report.code, 0);
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 0);
}

#[test]
fn estmar_changes_little_and_nuvaria_a_lot() {
    let estmar = roadmap_of(&repo("sample-data/estmar"));
    let nuvaria = roadmap_of(&repo("sample-data/nuvaria"));
    let moves = |r: &Value| {
        let c = &r["architecture"]["changes"];
        ["new_platforms", "consolidations", "retirements", "connections"]
            .iter()
            .map(|k| c[*k].as_u64().unwrap())
            .sum::<u64>()
    };
    let unchanged = |r: &Value| r["architecture"]["changes"]["unchanged"].as_u64().unwrap();
    assert!(
        moves(&estmar) * 3 <= moves(&nuvaria),
        "{} vs {}",
        moves(&estmar),
        moves(&nuvaria)
    );
    assert!(unchanged(&estmar) > unchanged(&nuvaria));
    // Estmar's national platforms are extended as they are.
    for bb in ["identity", "payments", "information-mediator", "messaging"] {
        assert_eq!(decision(&estmar, bb)["choice"], "extend", "{bb}");
    }
}
