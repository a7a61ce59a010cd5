//! The workspace's list of institutions (`inputs.institutions`): every institution answers and
//! inventories name is matched to it, scores count each institution once whatever name it is
//! written under, and a name not on the list is refused at its cell.

use std::path::{Path, PathBuf};

use crate::support::*;

/// A copy of kalindra-2026 (which has a list) in `dir`, without its outputs.
fn kalindra_2026(dir: &Path) -> PathBuf {
    let workspace = dir.join("kalindra-2026");
    copy_dir(&repo("sample-data/kalindra-2026"), &workspace);
    let _ = std::fs::remove_dir_all(workspace.join("output"));
    workspace
}

fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    std::fs::write(path, replace_once(&text, from, to)).unwrap();
}

/// The Building Blocks' scores and the overall index of a scored workspace.
fn scores(workspace: &Path) -> (Vec<(String, f64)>, f64) {
    run(&["score", workspace.to_str().unwrap()]).expect_code(0);
    let text = std::fs::read_to_string(workspace.join("output/results.json")).unwrap();
    let results: serde_json::Value = serde_json::from_str(&text).unwrap();
    let pillar = results["pillars"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "building-blocks")
        .unwrap();
    let bbs = pillar["building_blocks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["id"].as_str().unwrap().to_string(),
                b["score"].as_f64().unwrap(),
            )
        })
        .collect();
    (bbs, results["overall"]["score"].as_f64().unwrap())
}

/// The shared social and farmer registry is written as used by "MSP;MoA;MoF" and the health
/// registry as owned by "MoH": with the list, every score is the sample's own; without it, the
/// registry's users are counted under two names each and Digital Registries scores otherwise
/// (so the list, not chance, makes the scores equal).
#[test]
fn abbreviations_on_the_list_score_as_their_canonical_names() {
    let dir = scratch();
    let canonical = kalindra_2026(&dir.path().join("canonical"));
    let (expected, overall) = scores(&canonical);

    let abbreviated = kalindra_2026(&dir.path().join("abbreviated"));
    let systems = abbreviated.join("systems.csv");
    edit(
        &systems,
        "no,Ministry of Social Protection;Ministry of Agriculture;Ministry of Finance,yes",
        "no,MSP;MoA;MoF,yes",
    );
    edit(
        &systems,
        "Client and Health Facility Registry,Ministry of Health,",
        "Client and Health Facility Registry,MoH,",
    );
    let (bbs, index) = scores(&abbreviated);
    assert_eq!(bbs, expected);
    assert_eq!(index, overall);
    // Reports name institutions as the list does.
    let results = std::fs::read_to_string(abbreviated.join("output/results.json")).unwrap();
    assert!(
        !results.contains("\"MoH\""),
        "results name an institution by its alias"
    );

    let unlisted = dir.path().join("unlisted");
    copy_dir(&abbreviated, &unlisted);
    let _ = std::fs::remove_dir_all(unlisted.join("output"));
    edit(
        &unlisted.join("assessment.yaml"),
        "  institutions: institutions.csv\n",
        "",
    );
    let (bbs, _) = scores(&unlisted);
    let registries = |bbs: &[(String, f64)]| {
        bbs.iter()
            .find(|(id, _)| id == "digital-registries")
            .map(|(_, score)| *score)
            .unwrap()
    };
    assert_ne!(registries(&bbs), registries(&expected));
}

/// A near miss gets a did-you-mean, an unknown name the closest names of the list; both at their
/// cells, both at once, and nothing is scored.
#[test]
fn a_name_not_on_the_list_is_refused_at_its_cell() {
    let dir = scratch();
    let workspace = kalindra_2026(dir.path());
    edit(
        &workspace.join("systems.csv"),
        "Health SMS Gateway,Ministry of Health,",
        "Health SMS Gateway,Ministry of Heath,",
    );
    edit(
        &workspace.join("answers/ministry-of-health.csv"),
        ",Ministry of Health,",
        ",Ministry of Tourism,",
    );
    let run = run(&["validate", workspace.to_str().unwrap()]);
    run.expect_code(1);
    let expected = [
        "error[unknown-reference]: `Ministry of Heath` is not in the institutions list\n  --> systems.csv › B19 (row 19, column \"owner\")\n  = hint: did you mean `Ministry of Health`? If not, add it to the institutions list, or add the name as an alias of the institution it is\n",
        "error[unknown-reference]: `Ministry of Tourism` is not in the institutions list\n  --> answers/ministry-of-health.csv › D2 (row 2, column \"institution\")\n  = hint: closest in the list: Ministry of Justice, Ministry of Lands and Urban Development, Ministry of Education; add it to the institutions list, or add the name as an alias of the institution it is\n",
    ];
    for message in expected {
        assert!(
            run.stderr.contains(message),
            "missing\n{message}\nin\n{}",
            run.stderr
        );
    }
}

/// The list itself is checked: an unknown kind or role, and a name two rows claim.
#[test]
fn the_list_refuses_unknown_kinds_and_roles_and_names_claimed_twice() {
    let dir = scratch();
    let workspace = kalindra_2026(dir.path());
    let list = workspace.join("institutions.csv");
    edit(
        &list,
        "nia,National Identity Authority,NIA,agency,id_authority,",
        "nia,National Identity Authority,NIA,agncy,id_authorty,",
    );
    edit(
        &list,
        "kra,Kalindra Revenue Authority,KRA,agency,,",
        "kra,Kalindra Revenue Authority,KRA;MoF,agency,,",
    );
    let run = run(&["validate", workspace.to_str().unwrap()]);
    run.expect_code(1);
    // The row with the wrong kind and role still names its institution: no answer or inventory
    // row naming the National Identity Authority is refused because of it.
    assert!(
        !run.stderr.contains("`National Identity Authority` is not"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains(": 3 errors, 0 warnings"), "{}", run.stdout);
    for message in [
        "error[invalid-value]: `agncy` is not a known institution kind",
        "  --> institutions.csv › D3 (row 3, column \"kind\")",
        "error[unknown-reference]: `id_authorty` is not a role of the framework\n  --> institutions.csv › E3 (row 3, column \"roles\")\n  = hint: did you mean `id_authority`?",
        "error[duplicate-id]: alias `MoF` is already the id of the institution at institutions.csv row 5\n  --> institutions.csv › C19 (row 19, column \"aliases\")",
    ] {
        assert!(
            run.stderr.contains(message),
            "missing\n{message}\nin\n{}",
            run.stderr
        );
    }
}

/// The roster and `template --for` go through the list too: a roster that writes the central bank
/// and the regulator by their abbreviations reports exactly as the one with full names, `--for`
/// takes an alias, and a misspelt roster institution is refused at its cell.
#[test]
fn the_roster_and_template_for_use_the_list() {
    let dir = scratch();
    let full_names = run(&["status", "tests/fixtures/roster", "--today", "2026-05-10"]);
    full_names.expect_code(0);

    let workspace = dir.path().join("roster");
    copy_dir(&repo("tests/fixtures/roster"), &workspace);
    std::fs::write(
        workspace.join("institutions.csv"),
        "id,name,aliases,kind,roles\n\
         cra,Communications Regulatory Authority,CRA,regulator,ict_regulator\n\
         cb,Central Bank,CB;BCT,central_bank,central_bank\n\
         dpc,Data Protection Commission,DPC,regulator,data_protection_authority\n\
         moh,Ministry of Health,MoH,ministry,sector_ministries\n",
    )
    .unwrap();
    edit(
        &workspace.join("assessment.yaml"),
        "  roster: roster.csv\n",
        "  roster: roster.csv\n  institutions: institutions.csv\n",
    );
    let roster = workspace.join("roster.csv");
    edit(&roster, ",Central Bank,", ",CB,");
    edit(&roster, ",Communications Regulatory Authority,", ",cra,");
    let aliases = run(&["status", workspace.to_str().unwrap(), "--today", "2026-05-10"]);
    aliases.expect_code(0);
    assert_eq!(aliases.stdout, full_names.stdout, "stderr:\n{}", aliases.stderr);

    let form = dir.path().join("central-bank.xlsx");
    run(&[
        "template",
        workspace.to_str().unwrap(),
        "--for",
        "BCT",
        "--format",
        "xlsform",
        "--out",
        form.to_str().unwrap(),
    ])
    .expect_code(0);
    assert!(form.is_file());

    edit(&roster, ",CB,", ",Centrl Bank,");
    let misspelt = run(&["status", workspace.to_str().unwrap(), "--today", "2026-05-10"]);
    misspelt.expect_code(1);
    assert!(
        misspelt.stderr.contains(
            "error[unknown-reference]: `Centrl Bank` is not in the institutions list\n  --> roster.csv › B3 (row 3, column \"institution\")\n  = hint: did you mean `Central Bank`?"
        ),
        "{}",
        misspelt.stderr
    );
}
