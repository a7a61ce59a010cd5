//! portfolio.sqlite (`compare --format sqlite`): every input's results as a SQLite database, for
//! SQL, pandas, R, DuckDB or a BI tool.
//!
//! In: the portfolio's entries ([`super::portfolio`]). Out: the database file's bytes. It is built
//! in memory in one transaction, with foreign keys enforced while rows go in, then serialised, so
//! that the run's writer places it with the other files or not at all. Texts are stored as they
//! are (no formula neutralisation: a database is not opened by a spreadsheet), numbers unrounded,
//! flags as 0/1, missing values as NULL. The tables ([`SCHEMA`]) are documented in
//! `docs/portfolio.md`; `PRAGMA user_version` is [`SCHEMA_VERSION`].

use rusqlite::{Connection, params};

use super::portfolio::{CODE_LISTS, Entry, criterion_node_id, nodes};
use crate::model::{Answered, PlannedAction};

/// `PRAGMA user_version` of the database: bumped on any incompatible change of [`SCHEMA`].
pub const SCHEMA_VERSION: u32 = 1;

/// The tables, as created.
pub const SCHEMA: &str = "
CREATE TABLE portfolio (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE codes (
  list    TEXT NOT NULL,
  code    TEXT NOT NULL,
  meaning TEXT NOT NULL,
  PRIMARY KEY (list, code)
);
CREATE TABLE countries (
  iso3        TEXT PRIMARY KEY,
  country     TEXT NOT NULL,
  assessments INTEGER NOT NULL,
  first_date  TEXT NOT NULL,
  latest_date TEXT NOT NULL
);
CREATE TABLE assessments (
  assessment_id         INTEGER PRIMARY KEY,
  iso3                  TEXT NOT NULL REFERENCES countries (iso3),
  assessment_date       TEXT NOT NULL,
  source                TEXT NOT NULL,
  title                 TEXT,
  framework_id          TEXT NOT NULL,
  framework_version     TEXT NOT NULL,
  framework_title       TEXT NOT NULL,
  results_schema        TEXT NOT NULL,
  tool_version          TEXT NOT NULL,
  latest                INTEGER NOT NULL CHECK (latest IN (0, 1)),
  overall_score         REAL,
  overall_level         INTEGER,
  overall_coverage      REAL NOT NULL,
  provisional           INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  nominal_rank          INTEGER,
  rank_median           INTEGER,
  rank_p05              INTEGER,
  rank_p95              INTEGER,
  signed_off_by         TEXT,
  signed_off_on         TEXT,
  answers               INTEGER NOT NULL,
  respondents           INTEGER NOT NULL,
  systems               INTEGER NOT NULL,
  services              INTEGER NOT NULL,
  indicators_answered   INTEGER NOT NULL,
  indicators_applicable INTEGER NOT NULL,
  has_roadmap           INTEGER NOT NULL CHECK (has_roadmap IN (0, 1)),
  currency              TEXT,
  UNIQUE (iso3, assessment_date)
);
CREATE TABLE nodes (
  node_key      INTEGER PRIMARY KEY,
  assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id),
  node_kind     TEXT NOT NULL,
  node_id       TEXT NOT NULL,
  parent_key    INTEGER REFERENCES nodes (node_key),
  parent_id     TEXT,
  pillar_id     TEXT,
  title         TEXT NOT NULL,
  weight        REAL,
  status        TEXT NOT NULL,
  score         REAL,
  level         INTEGER,
  level_name    TEXT,
  coverage      REAL,
  value         REAL,
  target        INTEGER,
  gap           INTEGER,
  provisional   INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  capped_by     TEXT,
  UNIQUE (assessment_id, node_kind, node_id)
);
CREATE TABLE indicators (
  assessment_id    INTEGER NOT NULL REFERENCES assessments (assessment_id),
  indicator_id     TEXT NOT NULL,
  node_key         INTEGER NOT NULL REFERENCES nodes (node_key),
  pillar_id        TEXT NOT NULL,
  dimension_id     TEXT NOT NULL,
  title            TEXT NOT NULL,
  weight           REAL NOT NULL,
  status           TEXT NOT NULL,
  score            REAL,
  level            INTEGER,
  answered         TEXT NOT NULL,
  value            REAL,
  respondents      INTEGER NOT NULL,
  spread           REAL NOT NULL,
  target           INTEGER NOT NULL,
  gap              INTEGER,
  criticality      TEXT NOT NULL,
  building_blocks  TEXT,
  disputed         INTEGER NOT NULL CHECK (disputed IN (0, 1)),
  unverified       INTEGER NOT NULL CHECK (unverified IN (0, 1)),
  evidence_capped  INTEGER NOT NULL CHECK (evidence_capped IN (0, 1)),
  evidence_weak    INTEGER NOT NULL CHECK (evidence_weak IN (0, 1)),
  inconsistent     INTEGER NOT NULL CHECK (inconsistent IN (0, 1)),
  review           TEXT NOT NULL,
  agreed_level     INTEGER,
  PRIMARY KEY (assessment_id, indicator_id)
);
CREATE TABLE bbs (
  assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id),
  bb_id         TEXT NOT NULL,
  node_key      INTEGER NOT NULL REFERENCES nodes (node_key),
  name          TEXT NOT NULL,
  weight        REAL NOT NULL,
  foundational  INTEGER NOT NULL CHECK (foundational IN (0, 1)),
  status        TEXT NOT NULL,
  score         REAL,
  level         INTEGER,
  coverage      REAL NOT NULL,
  provisional   INTEGER NOT NULL CHECK (provisional IN (0, 1)),
  target        INTEGER NOT NULL,
  gap           INTEGER,
  c1            REAL,
  c2            REAL,
  c3            REAL,
  c4            REAL,
  systems       INTEGER NOT NULL,
  siloed_copies INTEGER NOT NULL,
  inconsistent  INTEGER NOT NULL CHECK (inconsistent IN (0, 1)),
  depends_on    TEXT,
  PRIMARY KEY (assessment_id, bb_id)
);
CREATE TABLE bb_criteria (
  assessment_id  INTEGER NOT NULL,
  bb_id          TEXT NOT NULL,
  criterion_id   TEXT NOT NULL,
  node_key       INTEGER NOT NULL REFERENCES nodes (node_key),
  title          TEXT NOT NULL,
  weight         REAL NOT NULL,
  status         TEXT NOT NULL,
  value          REAL,
  basis          TEXT NOT NULL,
  PRIMARY KEY (assessment_id, bb_id, criterion_id),
  FOREIGN KEY (assessment_id, bb_id) REFERENCES bbs (assessment_id, bb_id)
);
CREATE TABLE gaps (
  assessment_id INTEGER NOT NULL REFERENCES assessments (assessment_id),
  priority_rank INTEGER NOT NULL,
  item_kind     TEXT NOT NULL,
  item_id       TEXT NOT NULL,
  title         TEXT NOT NULL,
  pillar_id     TEXT NOT NULL,
  level         INTEGER NOT NULL,
  target        INTEGER NOT NULL,
  gap           INTEGER NOT NULL,
  weight_share  REAL NOT NULL,
  criticality   TEXT NOT NULL,
  dependents    INTEGER NOT NULL,
  priority      REAL NOT NULL,
  PRIMARY KEY (assessment_id, item_kind, item_id)
);
CREATE TABLE roadmap_actions (
  assessment_id  INTEGER NOT NULL REFERENCES assessments (assessment_id),
  action_id      TEXT NOT NULL,
  title          TEXT NOT NULL,
  raises         TEXT NOT NULL,
  to_level       INTEGER NOT NULL,
  phase          TEXT NOT NULL,
  start_month    INTEGER NOT NULL,
  end_month      INTEGER NOT NULL,
  owner_role     TEXT NOT NULL,
  owner          TEXT NOT NULL,
  contributors   TEXT,
  waits_for      TEXT,
  priority_rank  INTEGER,
  programme      TEXT,
  funding        TEXT,
  cost_class     TEXT,
  cost_low       INTEGER,
  cost_high      INTEGER,
  standards      TEXT,
  PRIMARY KEY (assessment_id, action_id)
);
CREATE INDEX nodes_by_kind ON nodes (node_kind, node_id);
CREATE INDEX assessments_by_country ON assessments (iso3, assessment_date);
";

/// Why the database could not be built.
#[derive(Debug)]
pub struct Error(String);

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "SQLite: {}", self.0)
    }
}

impl std::error::Error for Error {}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error(err.to_string())
    }
}

fn answered_code(a: Answered) -> &'static str {
    match a {
        Answered::Levels => "levels",
        Answered::Unknown => "unknown",
        Answered::NotApplicable => "not_applicable",
        Answered::Missing => "missing",
    }
}

/// A list as one text, `; `-separated; none when empty.
fn list(items: &[impl AsRef<str>]) -> Option<String> {
    let joined: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    (!joined.is_empty()).then(|| joined.join("; "))
}

/// Builds the database and returns the file's bytes.
pub fn render(entries: &[Entry<'_>]) -> Result<Vec<u8>, Error> {
    let mut conn = Connection::open_in_memory()?;
    conn.execute_batch("PRAGMA foreign_keys = ON;")?;
    conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    let tx = conn.transaction()?;
    tx.execute_batch(SCHEMA)?;
    fill(&tx, entries)?;
    let violations: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |row| {
        row.get(0)
    })?;
    if violations > 0 {
        return Err(Error(format!("{violations} rows break a foreign key")));
    }
    tx.commit()?;
    let bytes = conn.serialize(rusqlite::MAIN_DB)?;
    Ok(bytes.to_vec())
}

fn fill(tx: &rusqlite::Transaction<'_>, entries: &[Entry<'_>]) -> Result<(), Error> {
    let first = entries.first().map(|e| e.results());
    let facts = [
        ("schema_version", SCHEMA_VERSION.to_string()),
        (
            "tool",
            first
                .map(|r| format!("{} {}", r.tool.name, r.tool.version))
                .unwrap_or_default(),
        ),
        (
            "framework_id",
            first.map(|r| r.framework.id.clone()).unwrap_or_default(),
        ),
        ("assessments", entries.len().to_string()),
    ];
    for (key, value) in facts {
        tx.execute("INSERT INTO portfolio VALUES (?1, ?2)", params![key, value])?;
    }
    for (list, code, meaning) in CODE_LISTS {
        tx.execute(
            "INSERT INTO codes VALUES (?1, ?2, ?3)",
            params![list, code, meaning],
        )?;
    }

    // Countries: their name at the latest assessment.
    let mut countries: Vec<(&str, &str, u32, &str, &str)> = Vec::new();
    for e in entries {
        let a = &e.results().assessment;
        match countries.iter_mut().find(|c| c.0 == a.iso3) {
            Some(c) => {
                c.2 += 1;
                if a.date.as_str() >= c.4 {
                    c.1 = &a.country;
                    c.4 = &a.date;
                }
                if a.date.as_str() < c.3 {
                    c.3 = &a.date;
                }
            }
            None => countries.push((&a.iso3, &a.country, 1, &a.date, &a.date)),
        }
    }
    for c in &countries {
        tx.execute(
            "INSERT INTO countries VALUES (?1, ?2, ?3, ?4, ?5)",
            params![c.0, c.1, c.2, c.3, c.4],
        )?;
    }

    for e in entries {
        assessment(tx, e)?;
    }
    Ok(())
}

fn assessment(tx: &rusqlite::Transaction<'_>, e: &Entry<'_>) -> Result<(), Error> {
    let r = e.results();
    let id = e.id;
    let rank = e.compared.and_then(|c| c.rank.as_ref());
    let sign_off = r.review.sign_off.as_ref();
    let roadmap = e.input.roadmap.as_ref();
    tx.execute(
        "INSERT INTO assessments VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
         ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29)",
        params![
            id,
            r.assessment.iso3,
            r.assessment.date,
            e.input.source,
            r.assessment.title,
            r.framework.id,
            r.framework.version,
            r.framework.title,
            r.schema_version,
            r.tool.version,
            e.latest(),
            r.overall.score,
            r.overall.level,
            r.overall.coverage,
            r.overall.provisional,
            e.compared.and_then(|c| c.nominal_rank),
            rank.map(|s| s.median),
            rank.map(|s| s.p05),
            rank.map(|s| s.p95),
            sign_off.map(|s| s.by.as_str()),
            sign_off.map(|s| s.date.as_str()),
            r.data.answers,
            r.data.respondents,
            r.data.systems,
            r.data.services,
            r.data.indicators_answered,
            r.data.indicators_applicable,
            roadmap.is_some(),
            roadmap
                .and_then(|m| m.costs.as_ref())
                .map(|c| c.currency.as_str()),
        ],
    )?;

    // Nodes, parents first: each row's parent is the latest row with its id before it.
    let mut keys: Vec<(String, i64)> = Vec::new();
    {
        let mut insert = tx.prepare(
            "INSERT INTO nodes (assessment_id, node_kind, node_id, parent_key, parent_id, pillar_id,
             title, weight, status, score, level, level_name, coverage, value, target, gap,
             provisional, capped_by)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)",
        )?;
        for n in nodes(r) {
            let parent_key = n
                .parent
                .as_ref()
                .and_then(|p| keys.iter().rev().find(|(id, _)| id == p).map(|(_, k)| *k));
            insert.execute(params![
                id,
                n.kind.code(),
                n.id,
                parent_key,
                n.parent,
                n.pillar,
                n.title,
                n.weight,
                n.status,
                n.score,
                n.level,
                n.level_name,
                n.coverage,
                n.value,
                n.target,
                n.gap,
                n.provisional,
                list(&n.capped_by),
            ])?;
            keys.push((n.id, tx.last_insert_rowid()));
        }
    }
    let key = |node_id: &str| keys.iter().find(|(k, _)| k == node_id).map(|(_, key)| *key);

    let mut indicator = tx.prepare(
        "INSERT INTO indicators VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13,
         ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25)",
    )?;
    let mut bb = tx.prepare(
        "INSERT INTO bbs VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,
         ?15, ?16, ?17, ?18, ?19, ?20, ?21)",
    )?;
    let mut criterion = tx.prepare("INSERT INTO bb_criteria VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
    for p in &r.pillars {
        for d in &p.dimensions {
            for i in &d.indicators {
                indicator.execute(params![
                    id,
                    i.id,
                    key(&i.id),
                    p.id,
                    d.id,
                    i.title,
                    i.weight,
                    i.node.status.code(),
                    i.node.score,
                    i.node.level,
                    answered_code(i.answered),
                    i.value,
                    i.respondent_values.len() as i64,
                    i.spread,
                    i.target,
                    i.gap,
                    i.criticality.code(),
                    list(&i.building_blocks),
                    i.disputed,
                    i.unverified,
                    i.evidence_capped,
                    i.evidence_weak,
                    i.inconsistent,
                    super::portfolio::review_code(i.review),
                    i.adjudication.as_ref().and_then(|a| a.agreed_level),
                ])?;
            }
        }
        for b in &p.building_blocks {
            let c = |n: &str| b.criteria.iter().find(|c| c.id == n).and_then(|c| c.value);
            bb.execute(params![
                id,
                b.id,
                key(&b.id),
                b.name,
                b.weight,
                b.foundational,
                b.node.status.code(),
                b.node.score,
                b.node.level,
                b.node.coverage,
                b.node.provisional,
                b.target,
                b.gap,
                c("c1"),
                c("c2"),
                c("c3"),
                c("c4"),
                b.systems.len() as i64,
                b.siloed_copies.len() as i64,
                b.inconsistent,
                list(&b.depends_on),
            ])?;
            for cr in &b.criteria {
                criterion.execute(params![
                    id,
                    b.id,
                    cr.id,
                    key(&criterion_node_id(&b.id, &cr.id)),
                    cr.title,
                    cr.weight,
                    super::portfolio::criterion_status(cr),
                    cr.value,
                    cr.basis,
                ])?;
            }
        }
    }

    let mut gap =
        tx.prepare("INSERT INTO gaps VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)")?;
    for g in &r.gaps {
        gap.execute(params![
            id,
            g.rank,
            g.kind.code(),
            g.id,
            g.title,
            g.pillar,
            g.level,
            g.target,
            g.gap,
            g.weight_share,
            g.criticality.code(),
            g.dependents,
            g.priority,
        ])?;
    }

    if let Some(plan) = roadmap {
        let mut action = tx.prepare(
            "INSERT INTO roadmap_actions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,
             ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19)",
        )?;
        for a in &plan.actions {
            let PlannedAction {
                id: action_id,
                title,
                raises,
                to_level,
                owner_role,
                owner,
                contributors,
                start_month,
                end_month,
                phase,
                waits_for,
                priority_rank,
                programme,
                cost,
                funding,
                standards,
                ..
            } = a;
            action.execute(params![
                id,
                action_id,
                title,
                raises,
                to_level,
                phase.code(),
                start_month,
                end_month,
                owner_role,
                owner,
                list(contributors),
                list(waits_for),
                priority_rank,
                programme,
                funding,
                cost.as_ref().map(|c| c.class.as_str()),
                cost.as_ref().and_then(|c| i64::try_from(c.range.low).ok()),
                cost.as_ref().and_then(|c| i64::try_from(c.range.high).ok()),
                list(standards),
            ])?;
        }
    }
    Ok(())
}
