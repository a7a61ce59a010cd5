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

fn roadmap_json(sample: &str, out: &std::path::Path) -> serde_json::Value {
    workspace_roadmap_json(&repo(&format!("sample-data/{sample}")), out)
}

/// The roadmap.json `roadmap` writes for a workspace into `out`, requiring success.
fn workspace_roadmap_json(workspace: &std::path::Path, out: &std::path::Path) -> serde_json::Value {
    crate::support::run(&[
        "roadmap",
        workspace.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ])
    .expect_code(0);
    serde_json::from_str(&std::fs::read_to_string(out.join("roadmap.json")).unwrap()).unwrap()
}

#[test]
fn the_roadmap_command_writes_its_tables_and_is_deterministic() {
    let dir = crate::support::scratch();
    let first = roadmap_json("nuvaria", &dir.path().join("a"));
    let second = roadmap_json("nuvaria", &dir.path().join("b"));
    assert_eq!(first, second);
    for file in ["roadmap.json", "roadmap.csv", "services.csv", "roadmap.xlsx"] {
        assert!(dir.path().join("a").join(file).is_file(), "{file}");
    }
    let csv = std::fs::read_to_string(dir.path().join("a/roadmap.csv")).unwrap();
    assert!(csv.starts_with(
        "start_month,end_month,phase,id,title,raises,to_level,owner,owner_role,contributors,contributor_roles,waits_for,under_way_with,programme,cost_class,cost_low,cost_high,funding,kpis,standards\n"
    ));
}

#[test]
fn a_workspace_with_errors_gets_no_roadmap_and_its_diagnostics_on_stderr() {
    let dir = crate::support::scratch();
    let out = dir.path().join("none");
    let run = crate::support::run(&[
        "roadmap",
        "tests/fixtures/ingest/bad-status",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.expect_code(1);
    assert!(run.stderr.contains("error[invalid-value]"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("tests/fixtures/ingest/bad-status: no roadmap (1 error, 1 warning)"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty(), "{}", run.stdout);
    assert!(!out.exists());
}

#[test]
fn the_nascent_roadmap_lays_foundations_before_what_needs_them() {
    let dir = crate::support::scratch();
    let roadmap = roadmap_json("nuvaria", dir.path());
    let actions = roadmap["roadmap"]["actions"].as_array().unwrap();
    let raising =
        |item: &str| -> Vec<&serde_json::Value> { actions.iter().filter(|a| a["raises"] == item).collect() };
    let end_of = |item: &str, level: u64| {
        raising(item)
            .iter()
            .filter(|a| a["to_level"].as_u64().unwrap() <= level)
            .map(|a| a["end_month"].as_u64().unwrap())
            .max()
            .unwrap_or(0)
    };
    // Identity, data-protection law and the data-exchange layer are all on the plan …
    for item in ["identity", "law-data-protection", "information-mediator"] {
        assert!(!raising(item).is_empty(), "nothing raises {item}");
    }
    // … and identity reaches production only after the law and the exchange layer are in place:
    // in a nascent country, enrolling most residents does not fit in five years after the pilot,
    // and the plan says so rather than stretching to year 7.
    let beyond = roadmap["roadmap"]["beyond_horizon"].as_array().unwrap();
    let production = beyond
        .iter()
        .find(|b| b["id"] == "identity-production-scale")
        .expect("identity production is beyond the horizon");
    assert_eq!(production["reason"], "target_ambition");
    assert!(production["earliest_end_month"].as_u64().unwrap() > 60);
    let pilot = raising("identity")
        .into_iter()
        .find(|a| a["to_level"] == 2)
        .expect("the identity pilot is planned");
    assert!(pilot["start_month"].as_u64().unwrap() >= end_of("law-data-protection", 1));
    assert!(pilot["start_month"].as_u64().unwrap() >= end_of("information-mediator", 0));
    // A blocked service is unblocked in the month its last blocking BB reaches level 2 (the
    // pilot's end for identity), or never within the plan when one of them does not get there.
    let reaches_2 = |bb: &str| raising(bb).iter().any(|a| a["to_level"].as_u64().unwrap() >= 2);
    let mut unblocked = 0;
    for service in roadmap["services"].as_array().unwrap() {
        let blocked: Vec<&str> = service["blocked_by"]
            .as_array()
            .unwrap()
            .iter()
            .map(|b| b.as_str().unwrap())
            .collect();
        if blocked.is_empty() {
            continue;
        }
        match service["unblocked_month"].as_u64() {
            Some(month) => {
                unblocked += 1;
                for bb in &blocked {
                    assert!(month >= end_of(bb, 2), "{}: {bb}", service["name"]);
                }
                if blocked.contains(&"identity") {
                    assert!(month >= end_of("identity", 2), "{}", service["name"]);
                }
            }
            None => assert!(
                blocked.iter().any(|bb| !reaches_2(bb)),
                "{}: every blocker reaches level 2, yet never unblocked",
                service["name"]
            ),
        }
    }
    assert!(unblocked > 0, "no service is unblocked within the plan");
}

#[test]
fn the_advanced_roadmap_holds_only_its_real_gaps() {
    let dir = crate::support::scratch();
    let roadmap = roadmap_json("estmar", dir.path());
    let (_, results) = scored("estmar");
    let mut gaps: Vec<&str> = results.gaps.iter().map(|g| g.id.as_str()).collect();
    gaps.sort();
    let mut raised: Vec<&str> = roadmap["roadmap"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        // The target architecture's transition actions raise no level.
        .filter(|a| a["transition"].is_null())
        .map(|a| a["raises"].as_str().unwrap())
        .collect();
    raised.sort();
    raised.dedup();
    assert_eq!(raised, gaps);
    // Two of the indicators new in framework 4.0.0 fall short of their target 3: base registries
    // (gov.20: four answers say 3, but the State Digital Agency, authoritative for it, says 2) and
    // AI governance (law.18: 2, 2, 2, 3, 3 → 2, the authoritative inspectorate also 2).
    assert_eq!(
        gaps,
        [
            "emarketplace",
            "gov-base-registries",
            "gov-procurement-capacity",
            "inf-disaster-recovery",
            "law-ai-governance",
            "law-digital-procurement",
            "ppl-accessibility",
            "ppl-civil-servant-skills",
            "ppl-grievance-redress",
            "ppl-languages"
        ]
    );
}

/// Issue 17: a plan fits its horizon, and what does not fit is listed with why.
#[test]
fn every_sample_plan_ends_within_its_horizon_and_lists_what_does_not_fit_with_why() {
    let dir = crate::support::scratch();
    for sample in ["nuvaria", "kalindra-2024", "kalindra-2026", "estmar"] {
        let json = roadmap_json(sample, &dir.path().join(sample));
        let roadmap = &json["roadmap"];
        let horizon = roadmap["horizon_months"].as_u64().unwrap();
        assert_eq!(horizon, 60, "{sample}: the default horizon");
        assert!(roadmap["months"].as_u64().unwrap() <= horizon, "{sample}");
        for action in roadmap["actions"].as_array().unwrap() {
            assert!(
                action["end_month"].as_u64().unwrap() <= horizon,
                "{sample}: {action}"
            );
        }
        for beyond in roadmap["beyond_horizon"].as_array().unwrap() {
            let reason = beyond["reason"].as_str().unwrap();
            assert!(
                [
                    "capacity",
                    "phase_gate",
                    "prerequisite_chain",
                    "target_ambition",
                    "waits_beyond"
                ]
                .contains(&reason),
                "{sample}: {beyond}"
            );
            if reason != "waits_beyond" {
                let earliest = beyond["earliest_end_month"].as_u64().unwrap();
                let fits_alone = ["capacity", "phase_gate"].contains(&reason);
                assert_eq!(earliest > horizon, !fits_alone, "{sample}: {beyond}");
            }
        }
        // The phases are a sequence: each starts no earlier than the one before, and a gated
        // phase no earlier than its gate.
        let phases = roadmap["phases"].as_array().unwrap();
        for pair in phases.windows(2) {
            assert!(
                pair[1]["start_month"].as_u64() >= pair[0]["start_month"].as_u64(),
                "{sample}: {pair:?}"
            );
            assert!(
                pair[1]["end_month"].as_u64() >= pair[0]["start_month"].as_u64(),
                "{sample}: {pair:?}"
            );
        }
        for phase in &phases[1..] {
            let gate = phase["gate_month"].as_u64().expect("later phases are gated");
            assert!(
                phase["start_month"].as_u64().unwrap() >= gate,
                "{sample}: {phase}"
            );
            assert!(gate > 0, "{sample}: {phase} starts with the first phase");
        }
    }
    // kalindra-2024: twenty-one actions cannot end within five years, even with the phases
    // following each other and the owners spread over the institutions accountable for them; four
    // are left out for capacity and one by a gate. Under framework 3.1.0 there were sixteen, two for
    // capacity: four of the five more raise indicators new in 4.0.0 (services online, local
    // government, birth registration, service design), and the fifth is the 30-month broadband
    // backbone, which no longer fits beside the Digital Services Agency's new data, registry,
    // service-design and openness actions. Opening identity verification to every institution runs
    // alongside the exchange layer's scale-up (a soft prerequisite) instead of after it, but the
    // scale-up itself needs the once-only law under way and ends after month 60.
    // The target architecture's transition (docs/method.md §11a) is planned after the gaps, so
    // it leaves this list as it was: beside it, beyond the horizon, are transition actions
    // (`arch-…`) and the two production actions only the transition needs (scheduler and
    // workflow, whose targets are lower).
    let json = roadmap_json("kalindra-2024", &dir.path().join("k"));
    let only_for_the_target = ["scheduler-service-production", "workflow-engine-production"];
    let all_beyond = json["roadmap"]["beyond_horizon"].as_array().unwrap();
    let beyond: Vec<&serde_json::Value> = all_beyond
        .iter()
        .filter(|b| {
            let id = b["id"].as_str().unwrap();
            !id.starts_with("arch-") && !only_for_the_target.contains(&id)
        })
        .collect();
    assert_eq!(beyond.len(), 21);
    assert!(
        only_for_the_target
            .iter()
            .all(|id| all_beyond.iter().any(|b| b["id"] == *id))
    );
    let reasons = |reason: &str| beyond.iter().filter(|b| b["reason"] == reason).count();
    assert_eq!(
        (reasons("capacity"), reasons("phase_gate")),
        (4, 1),
        "{beyond:#?}"
    );
    let federate = beyond
        .iter()
        .find(|b| b["id"] == "identity-federate-share")
        .expect("identity-federate-share is beyond the horizon");
    assert_eq!(federate["reason"], "waits_beyond");
    assert_eq!(federate["waits_for"], "information-mediator-all-ministries");
}

#[test]
fn a_longer_horizon_brings_the_actions_back_and_a_bad_one_is_refused_at_its_line() {
    let dir = crate::support::scratch();
    let ws = dir.path().join("ws");
    crate::support::copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    std::fs::write(ws.join("assessment.yaml"), format!("{yaml}horizon_months: 120\n")).unwrap();
    let json = workspace_roadmap_json(&ws, &dir.path().join("out"));
    assert_eq!(json["roadmap"]["horizon_months"], 120);
    // Every action the gaps need is planned: 84 within 60 months and 21 beyond it (framework
    // 4.0.0). Beside them, the target architecture's transition and the production actions only
    // it needs; what of those does not fit in ten years is all that stays beyond.
    let planned = json["roadmap"]["actions"].as_array().unwrap();
    let for_gaps = planned
        .iter()
        .filter(|a| a["transition"].is_null() && a["id"] != "scheduler-service-production")
        .count();
    assert_eq!(for_gaps, 105);
    for b in json["roadmap"]["beyond_horizon"].as_array().unwrap() {
        let id = b["id"].as_str().unwrap();
        assert!(
            id.starts_with("arch-") || id == "workflow-engine-production",
            "{id} is needed by a gap and beyond ten years"
        );
    }

    std::fs::write(ws.join("assessment.yaml"), format!("{yaml}horizon_months: 6\n")).unwrap();
    let run = crate::support::run(&["validate", ws.to_str().unwrap()]);
    run.expect_code(1);
    assert!(
        run.stderr
            .contains("error[invalid-value]: horizon_months is 6; a plan needs 12 to 240 months"),
        "{}",
        run.stderr
    );
    let line = yaml.lines().count() + 1;
    assert!(
        run.stderr.contains(&format!("ws/assessment.yaml:{line}:17")),
        "{}",
        run.stderr
    );
}

/// Issue 17 item 5: the actions belong to the institutions accountable for them, not all to the
/// lead digital agency, and each names its contributors as institutions.
#[test]
fn the_roadmap_spreads_actions_over_accountable_institutions_with_contributors() {
    let run = crate::support::run(&["roadmap", "sample-data/kalindra-2024", "--format", "json"]);
    run.expect_code(0);
    let json = run.json();
    let actions = json["roadmap"]["actions"].as_array().unwrap();
    let by_agency = actions
        .iter()
        .filter(|a| a["owner_role"] == "lead_digital_agency")
        .count();
    assert!(
        by_agency * 2 < actions.len(),
        "the lead digital agency owns {by_agency} of {} planned actions",
        actions.len()
    );
    // Laws are enacted by parliament, named as kalindra's assessment names it.
    assert!(
        actions
            .iter()
            .any(|a| a["owner_role"] == "parliament" && a["owner"] == "Parliament of Kalindra"),
        "no action owned by parliament"
    );
    for a in actions {
        assert!(!a["owner"].as_str().unwrap().is_empty(), "{a}");
        let roles = a["contributor_roles"].as_array().unwrap();
        let names = a["contributors"].as_array().unwrap();
        assert_eq!(roles.len(), names.len(), "{a}");
        assert!(!names.is_empty(), "{}: no contributors", a["id"]);
        assert!(!roles.contains(&a["owner_role"]), "{a}");
        for name in names {
            // An institution or a role's title, never a bare role id.
            let name = name.as_str().unwrap();
            assert!(!name.is_empty() && !name.contains('_'), "{}: {name}", a["id"]);
        }
    }
    // The contributors resolve through the assessment's roles: map.
    let gender = actions
        .iter()
        .find(|a| a["id"] == "ppl-vulnerable-group-inclusion-plan")
        .expect("planned");
    assert!(
        gender["contributors"]
            .as_array()
            .unwrap()
            .contains(&"Ministry of Social Protection".into()),
        "{gender}"
    );
}

/// Capacity per phase: nuvaria's Digital Agency runs four foundations actions at once with its
/// capacity of 6 (in months 0–9: architecture practice, data strategy, off-site backup and the
/// government network); limited to one in the foundations, it runs them one after another, and the
/// months it is busy with them never hold two.
#[test]
fn capacity_per_phase_limits_the_owner_in_that_phase_only() {
    let dir = crate::support::scratch();
    let ws = dir.path().join("ws");
    crate::support::copy_dir(&repo("sample-data/nuvaria"), &ws);
    let busiest = |json: &serde_json::Value, phase: &str| -> usize {
        let mut busy: std::collections::HashMap<u64, usize> = std::collections::HashMap::new();
        for a in json["roadmap"]["actions"].as_array().unwrap() {
            if a["owner_role"] == "lead_digital_agency" && a["phase"] == phase {
                for month in a["start_month"].as_u64().unwrap()..a["end_month"].as_u64().unwrap() {
                    *busy.entry(month).or_default() += 1;
                }
            }
        }
        busy.values().copied().max().unwrap_or(0)
    };
    let plan = |ws: &std::path::Path| workspace_roadmap_json(ws, &dir.path().join("out"));
    assert_eq!(busiest(&plan(&ws), "foundations"), 4);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    std::fs::write(
        ws.join("assessment.yaml"),
        format!("{yaml}capacity_by_phase:\n  lead_digital_agency: {{ foundations: 1 }}\n"),
    )
    .unwrap();
    assert_eq!(busiest(&plan(&ws), "foundations"), 1);

    // A role the framework does not have, and a capacity of 0, are refused at their place.
    std::fs::write(
        ws.join("assessment.yaml"),
        format!("{yaml}capacity_by_phase:\n  lead_digital_agncy: {{ foundations: 1 }}\n  justice_ministry: {{ scale: 0 }}\n"),
    )
    .unwrap();
    let run = crate::support::run(&["validate", ws.to_str().unwrap()]);
    run.expect_code(1);
    for message in [
        "error[unknown-reference]: capacity_by_phase for unknown role `lead_digital_agncy`",
        "error[invalid-value]: capacity of `justice_ministry` in scale is 0; a role must be able to run at least one action",
    ] {
        assert!(run.stderr.contains(message), "{}", run.stderr);
    }
}

/// Issue 17 item 4: a pilot runs while its law is being enacted, not before the bill is drafted.
/// Kalindra runs its identity system in production already (its 2024 plan needs no pilot), so the
/// pilot is planned for Kalindra without that system: its data-protection bill is drafted (level
/// 1) and the law still to be enacted.
#[test]
fn the_identity_pilot_runs_while_the_data_protection_law_is_enacted() {
    let dir = crate::support::scratch();
    let ws = dir.path().join("ws");
    crate::support::copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    let systems = std::fs::read_to_string(ws.join("systems.csv")).unwrap();
    let without_id: Vec<&str> = systems
        .lines()
        .filter(|l| !l.starts_with("National Identity Management System,"))
        .collect();
    assert_eq!(without_id.len() + 1, systems.lines().count());
    std::fs::write(ws.join("systems.csv"), without_id.join("\n") + "\n").unwrap();
    let json = workspace_roadmap_json(&ws, &dir.path().join("out"));
    let actions = json["roadmap"]["actions"].as_array().unwrap();
    let action = |id: &str| {
        actions
            .iter()
            .find(|a| a["id"] == id)
            .unwrap_or_else(|| panic!("{id} is planned"))
    };
    let (pilot, enact) = (
        action("identity-platform-pilot"),
        action("law-data-protection-enact"),
    );
    assert_eq!(
        pilot["under_way_with"],
        serde_json::json!(["law-data-protection-enact"])
    );
    let month = |a: &serde_json::Value, key: &str| a[key].as_u64().unwrap();
    // Under way together: the pilot starts once enactment has started and before it ends.
    assert!(month(pilot, "start_month") >= month(enact, "start_month"));
    assert!(
        month(pilot, "start_month") < month(enact, "end_month"),
        "{pilot}\n{enact}"
    );
    // The bill was drafted before the plan (level 1): no drafting action is planned.
    assert!(actions.iter().all(|a| a["id"] != "law-data-protection-draft"));

    // In nuvaria, where nothing is drafted, the pilot waits for the bill.
    let json = roadmap_json("nuvaria", &dir.path().join("nuvaria"));
    let actions = json["roadmap"]["actions"].as_array().unwrap();
    let find = |id: &str| actions.iter().find(|a| a["id"] == id).unwrap();
    let (pilot, draft) = (find("identity-platform-pilot"), find("law-data-protection-draft"));
    assert!(month(pilot, "start_month") >= month(draft, "end_month"));
    assert!(
        pilot["waits_for"]
            .as_array()
            .unwrap()
            .contains(&"law-data-protection-draft".into())
    );
}

/// Issue 17 item 5: in no sample does the lead digital agency own half the plan.
#[test]
fn the_lead_agency_owns_under_half_of_every_sample_plan() {
    let dir = crate::support::scratch();
    for sample in ["nuvaria", "kalindra-2024", "kalindra-2026", "estmar"] {
        let json = roadmap_json(sample, &dir.path().join(sample));
        let actions = json["roadmap"]["actions"].as_array().unwrap();
        let owned = actions
            .iter()
            .filter(|a| a["owner_role"] == "lead_digital_agency")
            .count();
        assert!(
            owned * 2 < actions.len(),
            "{sample}: {owned} of {}",
            actions.len()
        );
    }
}

/// Issue 17 items 3, 6, 7 and 9: every planned action has a cost class, a funding type, a
/// programme and KPIs each with a baseline and a target; the costs add up; milestones are dated
/// by the actions that reach them.
#[test]
fn every_planned_action_is_costed_with_kpis_and_the_totals_add_up() {
    let dir = crate::support::scratch();
    let json = roadmap_json("kalindra-2024", dir.path());
    let roadmap = &json["roadmap"];
    let actions = roadmap["actions"].as_array().unwrap();
    let mut low = 0;
    let mut high = 0;
    for a in actions {
        assert!(a["programme"].is_string() && a["funding"].is_string(), "{a}");
        let (l, h) = (
            a["cost"]["low"].as_u64().unwrap(),
            a["cost"]["high"].as_u64().unwrap(),
        );
        assert!(l < h, "{a}");
        low += l;
        high += h;
        let kpis = a["kpis"].as_array().unwrap();
        assert!(!kpis.is_empty(), "{}: no KPI", a["id"]);
        for kpi in kpis {
            match kpi["kind"].as_str().unwrap() {
                "measure" => {
                    for part in ["measure", "baseline", "target"] {
                        assert!(
                            !kpi[part].as_str().unwrap().trim().is_empty(),
                            "{}: {kpi}",
                            a["id"]
                        );
                    }
                }
                "outcome" => assert!(kpi["target"].is_number() && kpi["baseline"].is_object(), "{kpi}"),
                other => panic!("{other}"),
            }
        }
    }
    let costs = &roadmap["costs"];
    assert_eq!(costs["currency"], "USD");
    assert_eq!(
        (costs["total"]["low"].as_u64(), costs["total"]["high"].as_u64()),
        (Some(low), Some(high))
    );
    for breakdown in ["by_year", "by_phase", "by_role", "by_programme", "by_funding"] {
        let rows = costs[breakdown].as_array().unwrap();
        let sum = |end: &str| rows.iter().map(|r| r[end].as_u64().unwrap()).sum::<u64>();
        assert_eq!((sum("low"), sum("high")), (low, high), "{breakdown}");
    }
    assert_eq!(costs["by_year"].as_array().unwrap().len(), 5);
    // Milestones: a planned one is dated by the first planned action that brings its item there.
    let mut dated = 0;
    for programme in roadmap["programmes"].as_array().unwrap() {
        for m in programme["milestones"].as_array().unwrap() {
            if m["status"] == "planned" {
                dated += 1;
                let first = actions
                    .iter()
                    .filter(|a| a["raises"] == m["item"] && a["to_level"].as_u64() >= m["level"].as_u64())
                    .map(|a| a["end_month"].as_u64().unwrap())
                    .min();
                assert_eq!(m["month"].as_u64(), first, "{m}");
            }
        }
    }
    assert!(dated >= 9, "only {dated} milestones dated");
    // The projection starts at today's index and never falls as actions are delivered.
    let projection = roadmap["projection"].as_array().unwrap();
    assert_eq!(projection.len(), 6);
    let (_, results) = scored("kalindra-2024");
    assert_eq!(projection[0]["overall"]["score"].as_f64(), results.overall.score);
    for pair in projection.windows(2) {
        assert!(
            pair[1]["overall"]["score"].as_f64() >= pair[0]["overall"]["score"].as_f64(),
            "{pair:?}"
        );
    }
}

/// Issue 17 item 8: a scenario deferring a programme buys less maturity in the years it defers.
#[test]
fn a_scenario_deferring_a_programme_projects_a_lower_index_for_its_years() {
    let dir = crate::support::scratch();
    let out = dir.path().join("out");
    let run = crate::support::run(&[
        "roadmap",
        "sample-data/kalindra-2024",
        "--scenario",
        "sample-data/kalindra-2024/scenarios/laws-delayed.yaml",
        "--out",
        out.to_str().unwrap(),
    ]);
    run.expect_code(0);
    assert!(
        run.stdout
            .contains("Scenario: Legal programme after the 2026 elections; no e-marketplace pilot"),
        "{}",
        run.stdout
    );
    let scenario: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("scenario.json")).unwrap()).unwrap();
    let csv = std::fs::read_to_string(out.join("scenario.csv")).unwrap();
    assert!(
        csv.starts_with("year,end_month,base_index,scenario_index,difference\n0,0,44.7,44.7,0.0\n"),
        "{csv}"
    );
    assert!(out.join("scenario-roadmap.csv").is_file());
    let rows = scenario["comparison"].as_array().unwrap();
    assert_eq!(rows.len(), 6);
    assert_eq!(rows[0]["base"], rows[0]["scenario"]);
    for row in &rows[1..] {
        let (base, variant) = (row["base"].as_f64().unwrap(), row["scenario"].as_f64().unwrap());
        assert!(
            variant < base,
            "year {}: {variant} is not below {base}",
            row["year"]
        );
    }
    // The legal programme starts after month 24; the e-marketplace pilot is left out.
    let plan = &scenario["roadmap"];
    let legal: Vec<&serde_json::Value> = plan["actions"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["programme"] == "legal-foundations")
        .collect();
    assert!(!legal.is_empty());
    assert!(legal.iter().all(|a| a["start_month"].as_u64().unwrap() >= 24));
    let dropped = plan["beyond_horizon"]
        .as_array()
        .unwrap()
        .iter()
        .find(|b| b["id"] == "emarketplace-pilot")
        .expect("listed");
    assert_eq!(dropped["reason"], "dropped");
    // The base plan is written as without a scenario.
    let base: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("roadmap.json")).unwrap()).unwrap();
    assert_eq!(
        base["roadmap"],
        roadmap_json("kalindra-2024", &dir.path().join("plain"))["roadmap"]
    );
}

#[test]
fn a_scenario_naming_what_the_framework_lacks_is_refused_at_its_line() {
    let dir = crate::support::scratch();
    let file = dir.path().join("bad.yaml");
    std::fs::write(
        &file,
        "title: Bad\ndefer:\n  - programme: legal-foundation\n    start_after: 300\ndrop:\n  - action: no-such-action\ncapacity:\n  parliment: 2\n",
    )
    .unwrap();
    let out = dir.path().join("out");
    let run = crate::support::run(&[
        "roadmap",
        "sample-data/kalindra-2024",
        "--scenario",
        file.to_str().unwrap(),
        "--out",
        out.to_str().unwrap(),
    ]);
    run.expect_code(1);
    for expected in [
        "bad.yaml:3:16",
        "error[unknown-reference]: the scenario names the programme `legal-foundation`, which the framework does not have",
        "hint: did you mean `legal-foundations`?",
        "bad.yaml:4:18",
        "error[invalid-value]: start_after is 300",
        "error[unknown-reference]: the scenario names the action `no-such-action`, which the framework does not have",
        "error[unknown-reference]: the scenario names the role `parliment`, which the framework does not have",
        "hint: did you mean `parliament`?",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
    assert!(!out.exists(), "nothing is written when the scenario is refused");
}

/// Issue 17 item 6: an assessment restates the cost classes in its own currency (all of them,
/// since amounts are never converted), and gives outcome figures with their sources; mistakes are
/// refused at their line.
#[test]
fn costs_in_another_currency_restate_every_class_and_outcome_figures_name_their_source() {
    let dir = crate::support::scratch();
    let ws = dir.path().join("ws");
    crate::support::copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    let restated = "costs:\n  currency: XOF\n  classes:\n    xs: [15000000, 60000000]\n    s: [60000000, 300000000]\n    m: [300000000, 1500000000]\n    l: [1500000000, 6000000000]\n    xl: [6000000000, 30000000000]\n    xxl: [30000000000, 150000000000]\noutcomes:\n  internet-use: { value: 41.5, year: 2023, source: National household ICT survey 2023 }\n";
    std::fs::write(ws.join("assessment.yaml"), format!("{yaml}{restated}")).unwrap();
    let json = workspace_roadmap_json(&ws, &dir.path().join("out"));
    let costs = &json["roadmap"]["costs"];
    assert_eq!(
        (costs["currency"].as_str(), costs["source"].as_str()),
        (Some("XOF"), Some("assessment"))
    );
    let m = json["roadmap"]["actions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|a| a["cost"]["class"] == "m")
        .expect("a medium action");
    assert_eq!(
        (m["cost"]["low"].as_u64(), m["cost"]["high"].as_u64()),
        (Some(300_000_000), Some(1_500_000_000))
    );
    let internet = json["roadmap"]["outcomes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|o| o["id"] == "internet-use")
        .unwrap();
    assert_eq!(
        internet["baseline"],
        serde_json::json!({"level": 2, "value": 41.5, "year": 2023, "source": "National household ICT survey 2023"})
    );

    let wrong = "costs:\n  currency: XOF\n  classes:\n    m: [300000000, 1500000000]\n    huge: [1, 2]\n    s: [9, 1]\noutcomes:\n  internet-usage: { value: 41.5, source: Survey }\n";
    std::fs::write(ws.join("assessment.yaml"), format!("{yaml}{wrong}")).unwrap();
    let run = crate::support::run(&["validate", ws.to_str().unwrap()]);
    run.expect_code(1);
    for expected in [
        "error[unknown-reference]: costs.classes names `huge`, which is no cost class of the framework",
        "error[invalid-value]: cost class `s` runs from 9 down to 1",
        "error[missing-value]: costs are in XOF, not the framework's USD, but do not restate the classes xs, l, xl, xxl",
        "hint: in another currency every class needs its own [low, high]; amounts are never converted",
        "error[unknown-reference]: outcomes names `internet-usage`, which is no outcome of the framework",
        "hint: did you mean `internet-use`?",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
    let line = yaml.lines().count() + 5;
    assert!(
        run.stderr.contains(&format!("ws/assessment.yaml:{line}:")),
        "{}",
        run.stderr
    );
}

/// Issue 17 item 1: interim targets by phase or by year are checked against the plan's schedule;
/// kalindra-2024's identity at scale by the end of 2026 is not met (production ends in month 57),
/// the phase targets are. Bad ones are refused at their line.
#[test]
fn interim_targets_are_checked_against_the_schedule() {
    let dir = crate::support::scratch();
    let json = roadmap_json("kalindra-2024", &dir.path().join("k"));
    let checks = json["roadmap"]["interim_targets"].as_array().unwrap();
    let summary: Vec<(String, u64, bool)> = checks
        .iter()
        .map(|c| {
            (
                c["item"].as_str().unwrap().to_string(),
                c["due_month"].as_u64().unwrap(),
                c["met"].as_bool().unwrap(),
            )
        })
        .collect();
    // Priority services end in month 57; December 2026 is month 30 of a plan starting July 2024.
    assert_eq!(
        summary,
        [
            ("law-data-protection".to_string(), 57, true),
            ("information-mediator".to_string(), 57, true),
            ("identity".to_string(), 30, false)
        ]
    );
    assert_eq!(checks[2]["planned_level"], 2);

    let ws = dir.path().join("ws");
    crate::support::copy_dir(&repo("sample-data/kalindra-2024"), &ws);
    let yaml = std::fs::read_to_string(ws.join("assessment.yaml")).unwrap();
    let yaml = crate::support::replace_once(
        &yaml,
        "  2026: { identity: 3 }",
        "  2026: { identity: 5, identiy: 2 }\n  2019: { identity: 2 }\n  scale: { law-data-protection: 4 }",
    );
    std::fs::write(ws.join("assessment.yaml"), yaml).unwrap();
    let run = crate::support::run(&["validate", ws.to_str().unwrap()]);
    run.expect_code(1);
    for expected in [
        "error[level-out-of-range]: interim target of `identity` by 2026 is 5; it must be 1 to the final target, 4",
        "error[unknown-reference]: interim target for unknown indicator or Building Block `identiy`",
        "hint: did you mean `identity`?",
        "error[invalid-value]: interim_targets names `2019`, which is neither a roadmap phase nor a calendar year of the plan",
        "hint: key interim targets by a phase (priority_services, transformation, scale) or a year from 2024 to 2044",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing {expected:?} in\n{}",
            run.stderr
        );
    }
    // law-data-protection's final target is the framework's 4: an interim 4 by `scale` is allowed.
    assert!(
        !run.stderr.contains("`law-data-protection` by scale"),
        "{}",
        run.stderr
    );
}
