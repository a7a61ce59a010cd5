# dpi-assess message catalogue: English, the reference language.
#
# Every sentence, heading, caption, column title and empty-state line of the reports, for the
# HTML and Markdown templates (`t(id="…")`) and the PDF, XLSX, CSV and chart code
# (`messages::t("…")`). One entry serves every format, so a heading cannot drift between them.
#
# Arguments: text arrives already formatted ("46.5", "72 %"); counts that choose a plural form
# arrive as numbers ($count, $systems, …) and select with CLDR categories:
#     { $count -> [one] … *[other] … }
# Markup never lives here: a bold label is its own message; a link is a slot ({ $link }) that
# the HTML template fills (see templates/README.md). To translate, copy this file to xx.ftl.

## Report: page furniture

report-kicker = Digital Public Infrastructure readiness assessment
report-skip = Skip to the executive summary
contents-heading = Contents
report-subtitle = { $country } · { $date } · { $framework } { $version }
report-footer = { $title }. Produced with dpi-assess { $tool_version } on the { $framework } ({ $framework_id } { $framework_version }); assessment date { $date }. The same inputs always give the same report.
produced-with = dpi-assess { $tool_version }

## Section headings (HTML h2, Markdown ##, PDF level 1)

cover-heading = About this assessment
summary-heading = Executive summary
maturity-heading = Maturity by layer, dimension and indicator
bb-heading = Building Block gap analysis
enabling-heading = Enabling-conditions gap analysis
caps-heading = Caps applied
services-heading = Prioritised services
architecture-heading = Draft national DPI architecture
roadmap-heading = Implementation roadmap
annex-method-heading = Annex A. Method
annex-quality-heading = Annex B. Data quality
annex-answers-heading = Annex C. All answers

## Common column titles

col-pillar = Pillar
col-score = Score
col-level = Level
col-coverage = Coverage
col-item = Item
col-level-now = Level now
col-target = Target
col-gap = Gap
col-rank = Rank
col-priority-rank = Priority rank
col-criticality = Criticality
col-dependents = Dependents
col-priority = Priority
col-level-target = Level → target
col-level-target-gap = Level → target (gap)
col-dimension = Dimension
col-indicator = Indicator
col-building-block = Building Block
col-systems = Systems
col-systems-owner = Systems (owner)
col-criterion = Criterion
col-value = Value
col-basis = Basis
col-system = System
col-owner = Owner
col-contributors = Contributing
col-status = Status
col-data-exchange = Data exchange
col-exchange = Exchange
col-institutions-using = Institutions using it
col-used-by = Used by
col-cap = Cap
col-cap-why = Why it exists
col-cap-effect = Effect in this assessment
col-service = Service
col-category = Category
col-digital-today = Digital today
col-readiness = Readiness
col-impact = Impact
col-quadrant = Quadrant
col-blocked-by = Blocked by
col-unblocked = Unblocked
col-phase = Phase
col-months = Months
col-actions = Actions
col-what-it-does = What it does
col-action = Action
col-raises = Raises
col-raises-level = Raises → level
col-start = Start
col-end = End
col-kpis = KPIs
col-standards = Standards to adopt
col-waits-for = Waits for
col-role = Role
col-institution = Institution
col-responsibilities = Responsibilities
col-at-once = At once
col-detail = Detail
col-id = Id
col-indicator-criterion = Indicator and criterion
col-table = Table
col-holds = Holds
col-read = Read
col-used = Used
col-ignored = Ignored
col-why-ignored = Why ignored
col-question = Question
col-respondent = Respondent
col-answer = Answer
col-evidence = Evidence
col-comment = Comment
col-flags = Flags
col-layer = Layer
col-box = Box
col-systems-detail = Systems or detail
col-level-reached = Level reached
col-warnings = Warnings

## Small words shared by every format

level-word = level
coverage-word = coverage
capped-by-word = capped by
capped-before = capped; { $uncapped } before caps
capped-before-sentence = Capped; { $uncapped } before caps.
overall-index = Overall index
overall = Overall
foundational = foundational
none-listed = None.
and-more = and { $count } more
gap-unknown = gap unknown
target-met = target met
gap-value = gap { $gap }
not-stated = not stated
none-cited = None cited
none-cited-inline = none cited
level-means = Level { $level } means: { $meaning }
level-means-inline = level { $level } means: { $meaning }
level-means-label = Level { $level } means:
no-level-because = No level: { $reason }.
more-in-answers-sheet = and { $count } more (every answer in report.xlsx, sheet answers)
more-in-bb-lists = and { $count } more (all in report.xlsx, sheet bb_lists)

## Numeric answers read against their thresholds: "72 % — at least 70 % → level 2"

reading-points = { $count ->
    [one] point
   *[other] points
}
reading-at-least = at least
reading-at-most = at most
reading-below = below
reading-above = above
reading = { $value }{ $unit } — { $bound } { $threshold }{ $threshold_unit } → level { $level }

## About this assessment

cover-country = Country
cover-date = Assessment date
cover-framework = Framework
cover-questionnaires = Questionnaires
cover-team = Assessment team
cover-produced-with = Produced with
cover-none-recorded = None recorded
cover-not-recorded = Not recorded
cover-method-heading = Method in brief
cover-notes-heading = Scope and notes
# $method and $quality are the annexes' names; the HTML makes them links.
cover-full-method = The full method is in { $method }; how complete and reliable the data are is in { $quality }.
annex-a = Annex A
annex-b = Annex B
cover-assessment-of = Assessment of { $date }
cover-validation = Validation
# The method in brief on the cover; $consolidation is one of the consolidation-* phrases.
cover-method-summary = { $respondents ->
    [one] One respondent
   *[other] { $respondents } respondents
} answered { $questionnaires ->
    [one] one questionnaire
   *[other] { $questionnaires } questionnaires
}; each indicator is rated 0 (Absent) to 4 (Advanced) and worth 25 points per level. Respondents are combined by { $consolidation }, scores roll up by weighted means to the { $pillars } pillars and the overall index, and the { $building_blocks } Building Blocks are rated from an inventory of { $systems } government systems on the four GovStack assessment questions.
consolidation-median = the median of their levels
consolidation-minimum = the lowest of their levels
consolidation-mean = the mean of their levels
consolidation-authoritative = the levels of the institutions competent for each question (their median, or everyone's where none of them answered)
# The mark on the cover and every page of a report nobody signed off.
review-draft-mark = Draft — not validated
review-signed-mark = Validated: signed off by { $by }, { $role }, on { $date }
pdf-page = page { $page } of { $total }
pdf-subject = { $framework } readiness assessment of { $country } ({ $iso3 }), { $date }, framework { $framework_id } { $framework_version }

## Executive summary

summary-out-of = / 100 overall index
summary-data-coverage = data coverage { $coverage }
summary-overall = Overall index: { $score } / 100
summary-overall-level-pdf = {" "}— level { $level } ({ $level_name }), coverage { $coverage }
summary-overall-no-level-pdf = {" "}— { $level_name }, coverage { $coverage }
summary-provisional = provisional (no level)
# $caps is the name of the section "Caps applied"; the HTML makes it a link.
summary-capped = A cap holds the overall index down: it would be { $uncapped } without it (see { $caps }).
key-messages-heading = Key messages
levels-legend-label = Maturity levels:
levels-legend-note = Each level is worth 25 points.
level-0 = Absent
level-1 = Initial
level-2 = Developing
level-3 = Established
level-4 = Advanced
pillars-caption = Score of each pillar
largest-gaps-heading = Five largest gaps
largest-gaps-caption = Largest distances between the level reached and the target level
largest-gaps-none = Every item with data meets its target.
top-priorities-heading = Five top priorities
top-priorities-caption = Highest priorities: the gap weighted by importance, criticality and what depends on the item
top-priorities-none = No gaps to prioritise.
confidence-heading = How far the numbers can be trusted
pillars-heading = Pillars

## Key messages: a bold label, then the finding

key-strongest-weakest-label = Strongest and weakest pillar.
key-strongest-weakest = { $strongest } leads at { $strongest_score }; { $weakest } trails at { $weakest_score }.
key-score-level = { $score } (level { $level }, { $level_name })
key-bb-fact = { $name } (level { $level }, score { $score })
key-foundations-missing-label = Foundations missing.
key-foundations-missing = { $building_blocks }: foundational { $count ->
    [one] Building Block
   *[other] Building Blocks
} at level 1 or below, on which the services that need them cannot yet be built.
key-weakest-bbs-label = Weakest Building Blocks.
key-weakest-bbs = { $building_blocks }; every foundational Building Block is at level 2 or above.
key-capped-overall-label = A cap holds the index down.
# $caps is the name of the section "Caps applied"; the HTML makes it a link.
key-capped-overall = The overall index is { $capped }; without the cap it would be { $uncapped } (see { $caps }).
key-silos-label = Capabilities outside shared platforms.
key-silos = { $systems } running { $systems ->
    [one] system
   *[other] systems
} in { $building_blocks } { $building_blocks ->
    [one] Building Block
   *[other] Building Blocks
} serve institutions that no shared platform serves: candidates for consolidation.
key-gap-fact = { $title } (level { $level } → { $target })
key-close-first-label = Close first.
key-close-first = { $gaps }: the highest priorities, weighing each gap by importance, criticality and what depends on it.
key-targets-met-label = Targets met.
key-targets-met = Every item with data meets its target level: set higher targets, or widen the assessment.
key-settle-label = Settle before relying on the numbers.
key-settle = The validation workshop should settle { $items }.
key-settle-disputed = { $count } disputed { $count ->
    [one] indicator
   *[other] indicators
}
key-settle-unverified = { $count } level 3–4 { $count ->
    [one] answer
   *[other] answers
} without evidence
key-settle-inconsistent = { $count } { $count ->
    [one] answer
   *[other] answers
} contradicting the inventory
key-complete-data-label = Complete the data.
key-complete-data = { $answered } of { $applicable } applicable indicators have a level ({ $coverage } coverage); the scores rest on what was answered.

## Maturity

maturity-intro = Each of the four enabling layers is broken down into dimensions and indicators. For every indicator the report gives the level reached and what it means, the target and what it would take, the gap between them, the evidence respondents cited and any warnings about the answers.
maturity-intro-pdf = Each layer of enabling conditions, then each of its dimensions with its indicators: the level reached, the score (25 points a level), the share of the data the indicator asks for, the target and the gap. Indicators below target follow each table with what the level reached and the target level mean.
scoreline-score = Score
scoreline-score-inline = score
scoreline-coverage = coverage { $coverage }
scoreline-target-level = target level { $target }
dimensions-caption = { $layer }: dimensions
target-with-level = Target (level { $target })
respondents-level = Each respondent’s level
capped-by = Capped by
target-means-md = What reaching the target means:
target-level-short = level { $target }
indicator-below-target = { $title } ({ $id }) — level { $level } → target { $target }
reached-label = Reached:
target-label = Target:
evidence-label = Evidence:
next-level-check-inline = What shows the next level:

## Building Blocks

bb-intro = Each GovStack Building Block is rated 0 to 4 on the four questions the GovStack playbook asks of a country's digital public infrastructure: { $criteria } The ratings come from the inventory of government systems and, for C3, from the linked policy and governance indicators.
bb-matrix-caption = Building Blocks by criterion (0–4), with score, level and gap to target
bb-matrix-heading = Building Blocks × criteria
bb-matrix-legend = values are levels 0–4; ★ marks a foundational Building Block
silos-heading = Capabilities held outside a shared platform
silos-intro = These running systems hold a Building Block's capability for institutions that its shared platform does not serve (or there is no shared platform at all). Each is a candidate for moving onto one shared platform; C4 is the share of using institutions the platform already serves.
silos-caption = Building Blocks held outside a shared platform
silos-none = Every running system of every Building Block is a shared platform or serves only institutions the platform serves.
bb-detail-heading = Each Building Block in detail
bb-criteria-caption = { $name }: criteria and how each was rated
bb-systems-caption = { $name }: systems in the inventory
bb-systems-more = { $count } systems implement this Building Block: the { $shown } used by the most institutions are shown, and every one is in systems.csv and report.xlsx.
bb-no-system = No system in the inventory implements this Building Block.
bb-outside-platform = Outside the shared platform:
bb-services-label = Services that need it
bb-services-label-count = Services that need it ({ $count })
bb-services-none = none listed in the services inventory.
bb-none = The framework defines no Building Blocks.
bb-systems-heading = Systems per Building Block
bb-systems-none = The inventory lists no system for any Building Block.
bb-systems-cut-label = Systems used by the most institutions only:
bb-systems-cut = { $list }. Every system is in systems.csv and report.xlsx.
bb-systems-cut-item = { $name } ({ $shown } of { $count })
bb-no-system-label = No system listed:

## Enabling conditions and caps

enabling-intro = Indicators of the four enabling layers that are below their target, highest priority first. The priority weighs the size of the gap by the indicator's share of the overall index, its criticality and the Building Blocks and services that depend on it (formula in { $annex }).
enabling-caption = { $layer }: indicators below target
enabling-none = Every indicator with data in this layer meets its target.
caps-intro = A cap stops strengths elsewhere from hiding a missing foundation: while a key indicator stays below a set level, the score it governs cannot rise above a ceiling.
caps-caption = Every cap and ceiling of the framework, and what it did in this assessment

## One cap's effect. $trigger is an indicator or criterion id; the HTML shows it as code.

cap-unchecked = Not checked: { $trigger } has no level.
cap-unchecked-bb = Not checked: { $trigger } has no level in any Building Block.
cap-not-fired = Checked, did not fire: { $trigger } is at level { $level }, not below { $below }.
cap-not-fired-bb = Checked, did not fire: every Building Block has { $trigger } at { $below } or above.
cap-fired = Fired: { $trigger } is at level { $level }, below { $below }; scores held at { $max } at most.
cap-fired-bb = Fired on { $count } Building Block(s) whose { $trigger } is below { $below }; scores held at { $max } at most.
cap-lowered = { $title }: lowered from { $before } to { $after }
cap-not-bound-bb = It did not bind on { $count } of them, already at or below the cap
cap-not-bound = Did not bind (already at or below the cap): { $items }
cap-not-bound-item = { $title } ({ $before })

## Prioritised services, architecture, roadmap

services-intro = Readiness is the score of the weakest Building Block a service needs; impact compares its yearly transactions and users with the largest service on a log scale. A service is blocked while a Building Block it needs is at level 1 or below.
services-caption = Services to build or revamp, in order
services-more = The { $listed } services of highest priority are listed; { $more } more are ranked in report.xlsx (sheet services).
quadrants-label = Quadrants:
quadrant-a = high impact and feasible now, build or revamp first;
quadrant-b = high impact, not yet feasible, strengthen its Building Blocks first;
quadrant-c = lower impact, feasible, quick gains;
quadrant-d = lower impact, not yet feasible, later.
architecture-md-note = The diagram is in the HTML and PDF reports; its content by layer follows.
architecture-channels = Channels
architecture-priority-services = Priority services
architecture-enabling-layers = Enabling layers
architecture-no-system = no system listed
phases-caption = Phases
phases-heading = Phases
actions-heading = Actions
actions-intro = Each action names its owner, its months, the level it brings an item to, the signs of success (KPIs) and the standards it adopts. An action waits for the actions listed next to it.
actions-caption = Roadmap actions in schedule order
governance-heading = Governance arrangements and responsibilities
governance-caption = Who owns the roadmap's actions
uncovered-heading = Gaps the roadmap does not close
no-data-heading = Below target but without a level
no-data-roadmap = No action was chosen for these, because their current level is unknown: { $items }. Answer their questions first.

## Annexes

priority-formula-label = Priority formula in force for this report:
quality-caption = Share of the data the framework asks for that the assessment holds, per pillar
disputed-heading = Disputed indicators
disputed-intro = Respondents two levels or more apart. The score stands (respondents are combined by the framework's rule), but a validation workshop should settle these.
unverified-heading = Unverified indicators
unverified-intro = Indicators at level 3 or 4 where no answer that gave the level cites evidence.
inconsistent-heading = Answers that contradict the inventory
inconsistent-intro = An indicator and a Building Block criterion that describe the same fact from two sides (the questionnaire and the systems inventory) and differ by more than the framework allows. Both are kept as given; the validation workshop should settle which is right.
provisional-heading = Provisional scores
provisional-intro = Scores resting on less than { $min } of the data they should (their coverage) are shown with their coverage but given no level, no gap and no rank.
no-data-annex-heading = No data
no-data-annex-intro = These indicators and Building Blocks have no level and are left out of the scores (they count against coverage):
no-data-annex-none = Every applicable indicator and Building Block has data.
ledger-heading = Input rows
ledger-intro = Every row of every input table is either used or set aside with a reason.
ledger-caption = Rows read, used and ignored per input table
answers-count = { $count ->
    [one] { $count } answer
   *[other] { $count } answers
}, in framework order
answers-listed = ; the first { $listed } are listed here and all { $count } are in report.xlsx (sheet answers) and results.json
# $na and $unknown are the words "na" and "unknown", shown in italics by the HTML.
answers-intro = “Level” is the level the answer gives the indicator, or { $na } (not applicable) or { $unknown } (don't know); for a number, a percentage or options ticked, it is the value, the threshold it reached and the level, with what that level means.
answers-caption = Every answer as given
answers-none = No answer was read.
answers-more-pdf = And { $more } more answers: all { $count } are in report.xlsx (sheet answers) and results.json.

## Comparison report

compare-kicker = Digital Public Infrastructure readiness · comparison
compare-subtitle = { $framework } · latest assessment { $date }
compare-inputs-heading = What is compared
compare-matrix-heading = Pillars and Building Blocks
compare-benchmarks-heading = Peer benchmarks
compare-ranks-heading = Ranks and their uncertainty
compare-progress-heading = Progress over time
compare-method-heading = Method
compare-not-shared-caption = Indicators left out of the comparison
compare-matrix-intro = Scores out of 100 with the maturity level (0 { level-0 } … 4 { level-4 }); countries in order of their nominal rank.
compare-pillar-caption = Pillar matrix
compare-bb-caption = Building Block matrix
compare-deep-heading = Dimensions and indicators
compare-deep-intro = Each layer's dimensions (recomputed like the pillars when an assessment's own weights are undone) and, under each, its indicators as scored. A provisional score is shown without a level.
compare-deep-summary = { $layer }: { $count } dimensions and their indicators
compare-quality-heading = Coverage and data quality
compare-quality-intro = How far each country's latest assessment rests on answered, agreed and evidenced data: the coverage of its overall index, the indicators whose respondents disagree, the high levels without supporting evidence, and the nodes too thinly answered to carry a level.
col-disputed = Disputed
col-unverified = Unverified
col-provisional = Provisional
col-dimension-indicator = Dimension / indicator
compare-ranks-intro = { $uncertainty } A rank is only as firm as the weights behind it: the band shows the ranks a country takes in 90 % of the draws.
compare-index-pillars = Index and pillars
compare-roadmap-actions = Roadmap actions
compare-none-cell = none
compare-footer = { $title }. Produced with dpi-assess { $tool_version } on { $framework }. The same inputs and seed always give the same report.
col-input = Input
col-country = Country
col-date = Date
col-framework-version = Framework version
col-present-in = Present in
col-column = Column
col-countries = Countries
col-mean = Mean
col-median = Median
col-range = Range
col-above-median = Above the median
col-below-median = Below the median
col-nominal-rank = Nominal rank
col-median-rank = Median rank
col-band = 5–95 % band
col-band-overlaps = Band overlaps with
col-node = Node
col-before = Before
col-now = Now
col-change = Change
col-to-level = To level

## Spreadsheets (XLSX summary sheets)

xlsx-report = Report
xlsx-tool = Tool
xlsx-summary = Summary
xlsx-method = Method
xlsx-sheets = Sheets
xlsx-list-too-long = { $count } items, too long to list in one cell
xlsx-overall = { $score } ({ $level_name }), coverage { $coverage }
xlsx-subject = DPI readiness assessment of { $country } ({ $iso3 }), framework { $framework_id } { $framework_version }
xlsx-comparison = Comparison
xlsx-scope = Scope
xlsx-indicators = Indicators
xlsx-rank-uncertainty = Rank uncertainty
xlsx-ranks = Ranks

## Charts: titles, text alternatives and the words drawn in them

chart-radar-title = Maturity by pillar (score out of 100)
chart-heatmap-title = { $title } by assessment criterion (0–4)
chart-gaps-title = { $count ->
    [0] Largest gaps
    [one] The largest gap: current level to target
   *[other] The { $count } largest gaps: current level to target
}
chart-coverage-title = Data coverage by pillar
chart-no-data = no data
chart-not-applicable = not applicable
chart-no-pillars = No pillars to show
chart-no-pillars-alt = No pillars to show.
chart-radar-alt = Pillar scores out of 100: { $items }.
chart-no-bbs = No Building Blocks to show
chart-no-bbs-alt = No Building Blocks to show.
chart-heatmap-alt = Building Blocks rated 0 to 4 on each assessment criterion. { $rows }
chart-no-gaps = No gaps: every target is met
chart-no-gaps-alt = No gaps: every rated indicator and Building Block meets its target.
chart-gap-item = { $title } from level { $level } to { $target } (gap { $gap }, priority #{ $rank })
chart-gaps-alt = The largest gaps between current and target level: { $items }.
chart-gaps-legend = Bars run from the current level (dark line) to the target level.
chart-coverage-alt = Share of the data the framework asks for that the inputs provide, per pillar: { $items }.
chart-coverage-legend = Share of the data the framework asks for that the inputs provide.
chart-gantt-title = Roadmap by phase, from { $start } ({ $months } months)
chart-gantt-empty-alt = The roadmap holds no actions.
chart-gantt-phase = { $title } { $span } ({ $count } action(s))
chart-gantt-alt = { $actions } actions on { $items } indicators and Building Blocks over { $months } months. Phases: { $phases }. The actions table lists every action with its months.
chart-gantt-empty = No actions: every item with a level meets its target
chart-year = Year { $year }
chart-year-short = Y{ $year }
chart-gantt-legend = number in a bar: the level the action reaches
chart-architecture-title = Draft national DPI architecture of { $country }
chart-architecture-alt = Building Blocks by component, with level and score. { $components }. Infrastructure and enabling layers: { $layers }.
chart-architecture-channels = Channels: how services reach people today
chart-architecture-services = Priority services (coloured by readiness)
chart-architecture-bbs = Building Blocks by DPI component (coloured by level)

## Sentences the report context writes (report.json carries them to every format)

report-default-title = { $country } DPI readiness assessment
level-provisional = Provisional: no level
level-not-applicable = Not applicable
level-insufficient-data = Insufficient data
bb-section-title = Building Blocks
headline = { $country } scores { $score } out of 100 on the { $framework } index: level { $level } ({ $level_name }), with { $coverage } of the data the framework asks for.
headline-provisional = { $country } scores { $score } out of 100 on the { $framework } index, but the score is provisional: it rests on { $coverage } of the data the framework asks for, below the { $floor } floor, so it is given no level and no rank.
headline-no-data = { $country } has too little data for an overall score.
flag-disputed = disputed (respondents { $spread } levels apart)
flag-unverified = unverified (no evidence cited)
flag-evidence-capped = capped at level { $level } until evidence is given
confidence-data = { $answered } of { $applicable } applicable indicators have a level ({ $coverage } overall coverage), from { $answers } answers by { $respondents } respondent(s); the inventory lists { $systems } systems and { $services } services.
confidence-signed = Signed off by { $by }, { $role }, on { $date }: { $validated } { $validated ->
    [one] indicator is
   *[other] indicators are
} validated, { $contested } contested and { $draft } still draft (open questions or no data).
confidence-unsigned = Nobody has signed this assessment off: it is a draft. { $validated } { $validated ->
    [one] indicator was
   *[other] indicators were
} agreed at a validation workshop and { $contested } contested; { $draft } stand as respondents gave them.
confidence-disputed = { $count } indicator(s) are disputed and not yet settled: respondents are two levels or more apart; a validation workshop should settle them.
confidence-unverified = { $count } indicator(s) at level 3 or 4 have no supporting evidence and are unverified.
confidence-evidence-weak = { $count } indicator(s) have an answer at level 3 or 4 whose evidence is missing, unregistered, of a type that cannot support that level, or out of date.
confidence-contested = { $count } indicator(s) remain contested: the validation workshop could not agree ({ $items }).
confidence-register = The evidence register lists { $count } document(s) ({ $types }); answers and workshop decisions cite { $cited } of them, and { $outdated } { $outdated ->
    [one] is
   *[other] are
} out of date.
confidence-no-register = The workspace keeps no evidence register: evidence is free text, not checked against documents.
evidence-type-count = { $type } { $count }
evidence-document = { $id }: { $title }
evidence-document-dated = { $id }: { $title } ({ $issuer }, { $date })
evidence-type-law = laws
evidence-type-regulation = regulations
evidence-type-strategy = strategies
evidence-type-official-statistic = official statistics
evidence-type-audit-evaluation = audits and evaluations
evidence-type-system-record = system records
evidence-type-meeting-record = meeting records
evidence-type-statement = statements
confidence-inconsistent = { $count } answer(s) contradict the systems inventory on the same fact (the data-quality annex names both sides); the validation workshop should settle which is right.
confidence-provisional = { $count } score(s) rest on less than { $floor } of the data they should and are provisional: shown, but given no level ({ $items }).
confidence-caps = { $count } cap(s) lowered a score ({ $caps }); the section on caps gives each score before and after.
confidence-ignored = { $count } input row(s) were not used; the data-quality annex lists why.
confidence-high = The assessment is signed off, coverage is high, and nothing is disputed, contested, unverified or resting on weak evidence: the scores can be read with confidence.
disputed-detail = respondents' levels: { $levels }
unverified-detail = level { $level } with no evidence cited
inconsistent-detail = answers { $answers } · inventory { $inventory } · { $spread } levels apart, { $allowed } allowed ({ $rule }). { $reason }

## Sentences of the plan (services, architecture, roadmap) the report context writes

phase-foundations = Inception and foundations
phase-foundations-purpose = governance, legal basis, core infrastructure and the foundational Building Blocks
phase-priority-services = Priority services
phase-priority-services-purpose = prototypes and the first high-value services on the shared Building Blocks
phase-transformation = Transformation
phase-transformation-purpose = registries, one front door, automation and laws brought in line
phase-scale = Scale
phase-scale-purpose = every Building Block in production, end-to-end services and data-driven government
# $month is 1 to 12; $year is the year as written.
month-short = { $month ->
    [1] Jan
    [2] Feb
    [3] Mar
    [4] Apr
    [5] May
    [6] Jun
    [7] Jul
    [8] Aug
    [9] Sep
    [10] Oct
    [11] Nov
   *[12] Dec
} { $year }
month-long = { $month ->
    [1] January
    [2] February
    [3] March
    [4] April
    [5] May
    [6] June
    [7] July
    [8] August
    [9] September
    [10] October
    [11] November
   *[12] December
} { $year }
plan-prerequisite = prerequisite
plan-year = Year { $year }
money-billion = { $currency } { $low }–{ $high } billion
money-million = { $currency } { $low }–{ $high } million
money-thousand = { $currency } { $low }–{ $high } thousand
money-units = { $currency } { $low }–{ $high }
costs-heading = Indicative costs
costs-summary-framework = Indicative cost of the { $count } priced actions: { $total }. Each action is priced by its cost class, a range for the whole action whoever pays it; the ranges are the framework's, in { $currency }, for a first budget envelope, not a procurement estimate. Years, phases and programmes add up the ranges, so the true cost of each may lie anywhere between their ends.
costs-summary-assessment = Indicative cost of the { $count } priced actions: { $total }. Each action is priced by its cost class, a range for the whole action whoever pays it; the ranges are this assessment's own, in { $currency }, for a first budget envelope, not a procurement estimate. Years, phases and programmes add up the ranges, so the true cost of each may lie anywhere between their ends.
costs-by-year-caption = Indicative cost by plan year (each action spread over its months)
costs-by-phase-caption = Indicative cost by phase
costs-by-programme-caption = Indicative cost by programme
costs-by-funding-caption = Indicative cost by expected source of funding
costs-by-role-caption = Indicative cost by accountable institution
costs-classes-caption = Cost classes
cost-class-detail = { $count ->
    [one] 1 action. { $description }
   *[other] { $count } actions. { $description }
}
cost-total = Total
peer-indicators = Peer indicators
peer-reference = { $source } { $id } ({ $title })
next-level-check-label = What shows the next level
next-level-check = Level { $level }: { $artefact } ({ $kind })
evidence-kind-law = a law
evidence-kind-regulation = a regulation
evidence-kind-strategy = a strategy
evidence-kind-official-statistic = an official statistic
evidence-kind-audit-evaluation = an audit or evaluation
evidence-kind-system-record = a system record
evidence-kind-meeting-record = meeting minutes
evidence-kind-statement = a statement
safeguards-heading = UN DPI safeguards
safeguards-intro = The principles of the UN Universal DPI Safeguards Framework, each judged from the findings of this assessment that evidence it: met when every linked finding is at level 3 or more, not met when every one is at level 1 or below, partly met otherwise, unknown without data. A risk is open while a principle guarding against it is not met. The roadmap's actions on the linked indicators are the ones that address a principle.
safeguards-summary = Of the { $principles } principles, { $met } met, { $partly } partly met, { $not_met } not met and { $unknown } unknown; { $open } of the { $risks } risks are open.
safeguards-source = Principles, risks and authorities: { $source }. Used under { $licence }.
safeguards-title = { $id } { $name }
safeguards-criterion = Building Block criterion “{ $title }” (mean over the Building Blocks)
safeguards-evidence = { $item }: level { $level }
safeguards-evidence-unknown = { $item }: no data
safeguards-met = Met
safeguards-partly = Partly met
safeguards-not-met = Not met
safeguards-unknown = Unknown
safeguards-risk-open = Open
safeguards-risk-partly = Partly addressed
safeguards-risk-addressed = Addressed
safeguards-no-action = none planned
safeguards-actions = { $count ->
    [one] 1 planned: { $titles }
   *[other] { $count } planned: { $titles }{ $more ->
        [0] {""}
        [one] {" "}and 1 more
       *[other] {" "}and { $more } more
    }
}
safeguards-risk-actions = { $count ->
    [0] no planned action
    [one] 1 planned action
   *[other] { $count } planned actions
}
safeguards-authority-part = owns { $owned } planned actions and contributes to { $contributed }
safeguards-authority-no-role = no role of the framework acts as it: civil society is not an owner of roadmap actions
safeguards-principles-caption = Safeguards principles: status, evidence and the actions that address them
safeguards-risks-caption = Safeguards risks
safeguards-authorities-caption = Responsible authorities and their part in the roadmap
col-principle = Principle
col-roadmap-actions = Roadmap actions
col-principles = Principles
col-authority = Authority
col-part = Part in the roadmap
interim-heading = Interim targets
interim-intro = The levels this assessment asks for along the way, and whether the plan reaches each in time if its actions are delivered as scheduled.
interim-caption = Interim targets against the plan
interim-due-phase = end of { $phase } ({ $date })
interim-phase-not-planned = no action planned in it
interim-due-year = end of { $year }
interim-met = met
interim-missed = missed: level { $level } by then
interim-missed-no-data = missed: no level known
col-due = Due
col-interim-target = Level asked
col-verdict = In the plan
cost-role-label = { $institution } (as { $role })
cost-no-programme = Outside every programme
cost-no-funding = Source not stated
col-indicative-cost = Indicative cost
col-period = Period
col-class = Class
col-milestone = Milestone
col-when = When
col-risk = Risk
col-mitigation = Mitigation
col-outcome = Outcome
col-baseline = Today
col-source = Source
col-year = Year
col-overall = Overall index
programmes-heading = Programmes, milestones and risks
programmes-intro = The actions are grouped into programmes, each steered and funded as one stream of work. A milestone is reached when the plan brings its item to the level named; the risks are the main ones such programmes run, with what usually reduces them.
programme-extent = { $count ->
    [one] 1 action
   *[other] { $count } actions
}, { $span }{ $beyond ->
    [0] {""}
    [one] ; 1 more beyond the horizon
   *[other] ; { $beyond } more beyond the horizon
}
programme-extent-none = { $beyond ->
    [one] 1 action, beyond the horizon
   *[other] { $beyond } actions, all beyond the horizon
}
milestones-caption = Milestones of { $programme }
risks-caption = Risks of { $programme }
milestone-planned = { $date } (month { $month })
milestone-reached = reached already
milestone-beyond = beyond the horizon
milestone-not-planned = not aimed at by this plan
outcomes-heading = Outcome indicators
outcomes-intro = National results that no single action delivers. The plan does not schedule them; it says where each stands today and what it should reach by the end of each phase if the actions on its indicator are delivered, using the thresholds of the indicator's levels.
outcomes-caption = Outcome indicators: today and by the end of each phase
outcome-title = { $title } ({ $unit })
outcome-target = { $better } { $value } { $unit } (level { $level })
outcome-target-level = level { $level }
outcome-at-least = at least
outcome-at-most = at most
trajectory-heading = The maturity the plan buys
trajectory-caption = Projected scores at the end of each plan year
trajectory-today = Today
trajectory-year = Year { $year } (to { $end })
trajectory-summary = If every planned action is delivered on time, the overall index moves from { $today } today to { $end } after { $years ->
    [one] 1 year
   *[other] { $years } years
}. Each action raises its item to its level when it ends; everything else stays as assessed, so the projection is what the { $count } planned actions buy, not a forecast.
trajectory-none = The plan has no year to project.
chart-trajectory-axis = Plan year (0 = today); scores 0–100
chart-trajectory-title = Projected overall index and pillar scores, year by year
chart-trajectory-alt = Projected overall index by plan year: { $points }.
plan-kpi = { $measure }: { $baseline } → { $target }
plan-kpi-outcome = { $measure }: { $baseline } → { $target } { $unit }
plan-baseline-figure-year = { $value } { $unit } in { $year } ({ $source })
plan-baseline-figure = { $value } { $unit } ({ $source })
plan-baseline-answers = { $value } { $unit } (median of { $count ->
    [one] 1 answer
   *[other] { $count } answers
})
plan-baseline-level = level { $level } today
plan-baseline-unknown = not known
plan-no-action = the action library has no action for it
plan-reaches = the action library reaches level { $level } at most
plan-uncovered = { $title } is at level { $level } against a target of { $target }: { $reach }; plan this step outside the roadmap.
plan-unblocked-month = { $date } (month { $month })
plan-not-within = not within this roadmap
plan-bb-name = { $name } Building Block
plan-not-assigned = not assigned
quadrant-a-label = build first
quadrant-b-label = strategic
quadrant-c-label = quick gain
quadrant-d-label = later
quadrant-a-meaning = high impact, feasible now: build or revamp first
quadrant-b-meaning = high impact, not yet feasible: strengthen its Building Blocks first
quadrant-c-meaning = lower impact, feasible: quick gains
quadrant-d-meaning = lower impact, not yet feasible: later
roadmap-summary-met = { $country } meets every target the framework sets, so the roadmap holds no actions.
roadmap-summary-no-action = { $count } item(s) are below target, but the action library holds no action that raises them; they are listed below for planning outside the tool.
roadmap-summary-phase = { $title } ({ $span }, { $count } action(s))
roadmap-summary = { $count } actions close the gaps to target over { $months } months (about { $years } years), starting { $start }: { $phases }. No action starts before the actions and levels it depends on are in place, and no institution runs more actions at once than its capacity allows; a longer plan usually means one institution owns many actions, and raising its capacity in assessment.yaml shortens it.
governance-holder-role = the { $role }
governance-holder = { $institution } (as { $role })
governance-lead = { $holder } owns { $owned } of the { $count } actions and should steer the roadmap: keep the action list, report progress on the KPIs below to the inter-ministerial coordination body every quarter, and settle hand-overs where one institution's action waits for another's.
governance-institutions = { $count } institution(s) own actions; each should name an accountable lead for its actions and budget them in its next planning cycle.
# `roles:` is a key of assessment.yaml: keep it as it is.
governance-unassigned = No institution is named for: { $roles }. Name one under `roles:` in assessment.yaml so that each action has an accountable owner.
services-summary-none = The services inventory lists no services, so none can be ranked; add them to services.csv.
services-summary = { $count } service(s) ranked by impact (yearly transactions and users) and feasibility (the readiness of the weakest Building Block each needs): { $a } to build or revamp first (A), { $b } strategic (B), { $c } quick gains (C), { $d } later (D).
services-summary-first = First: { $services }.
services-summary-blocked = { $count } service(s) need a Building Block at level 1 or below; the table says which, and the month the roadmap brings it to level 2.
channel-end-to-end = End to end online
channel-transactional = Online transactions
channel-interactive = Online forms
channel-informational = Information online
channel-offline = Counter and paper
channel-services = { $count } service(s)
architecture-service-priority = priority { $rank } · { $quadrant }
architecture-service-blocked = priority { $rank } · blocked
component-identity = Digital identity
component-payments = Payments
component-data-exchange = Data exchange
component-shared = Shared services and platforms
architecture-more-systems = +{ $count } more
architecture-level-score = level { $level } · { $score }
architecture-summary = The diagram draws the national DPI as layers: the channels through which the { $services } inventoried service(s) reach people and the highest-priority services on top; the { $count } Building Blocks in the middle, grouped by DPI component, each coloured by its level and naming the systems that implement it; and the infrastructure and enabling layers below.
architecture-summary-weakest = At level 1 or below, and so blocking the services that need them: { $items }.
architecture-summary-without = No system is listed for: { $items }.
architecture-infrastructure = Infrastructure

## Sentences of the comparison (src/report/compare)

compare-provisional-cell = provisional: coverage below the floor, no level
compare-points = { $delta } points
compare-no-change = no change measurable
compare-step-overall = Overall index { $from } → { $to } ({ $delta }), { $status }.
compare-step-no-overall = The overall index has no score at either date.
compare-step-counts = Indicators: { $i_improved } improved, { $i_regressed } regressed, { $i_unchanged } unchanged, { $i_new } newly answered, { $i_gone } no longer answered. Building Blocks: { $b_improved } improved, { $b_regressed } regressed, { $b_unchanged } unchanged, { $b_new } newly scored, { $b_gone } no longer scored.
compare-step-targets = Toward the targets set at { $date }: { $items } item(s) were below target then, { $baseline } level(s) short in all; { $remaining } level(s) remain, so { $share } % of the gap is closed and { $reached } item(s) reached their target.
compare-step-no-targets = No indicator or Building Block was below its target at the earlier assessment.
compare-step-roadmap = Roadmap planned from the { $date } assessment: { $completed } of { $planned } action(s) have reached their target level (the level was reached; the data cannot say the action caused it).
compare-step-no-roadmap = No roadmap: the earlier input is a results.json, so its roadmap cannot be re-planned. Give the workspace folder to see the actions completed.
compare-improved = Improved indicators
compare-regressed = Regressed indicators
compare-newly-answered = Indicators newly answered or no longer answered
compare-action-completed = completed
compare-action-not-yet = not yet
compare-method-scores = Scores are those of each country's own results (0–100, unrounded; shown to one decimal). Each country's latest assessment is compared with the others; earlier assessments appear only under progress.
compare-method-benchmarks = Peer benchmarks give the set's mean and median (the mean of the two middle values for an even count) per column; a country within 0.05 points of the median counts as at it.
compare-method-ranks = Rank uncertainty: { $draws } draws. In each draw every weight at every level of the framework (indicators in their dimension, dimensions in their pillar, criteria in their Building Block, Building Blocks in their pillar, pillars in the index; { $weights } weights in all) is multiplied by a factor drawn uniformly from [{ $low }, { $high }] (±{ $noise } %), the same factors for every country. Weighted means divide by the sum of the perturbed weights of the children that have a score, so weights are renormalised among them; minimum aggregators and the caps that fired are kept. Ranks: 1 is the highest overall index; indices within 1e-9 share the better rank. The median rank and the 5–95 % band are nearest-rank percentiles of each country's { $draws } ranks. Random numbers: { $generator } seeded with { $seed }, the same on every machine.
compare-method-band = The band says how much the order depends on the choice of weights, not on the answers: it does not capture measurement error in the answers, missing data or the framework's choice of indicators. Where two bands overlap, the report does not place one country ahead of the other.
compare-method-progress = Progress: a node improved or regressed when its maturity level (0–4) changed; the score change is shown beside it. Newly answered means a level now and none before. Progress toward target uses the targets of the earlier assessment: the share of the earlier gap (in levels) closed by now. Roadmap actions count as completed when the item they raise has reached the action's level; the roadmap is re-planned from the earlier workspace with the framework's action library.
compare-title-progress = { $country }: progress between DPI readiness assessments
compare-title = DPI readiness: country comparison
compare-title-both = DPI readiness: country comparison and progress
compare-scope = { $count } { $count ->
    [one] country
   *[other] countries
} compared ({ $countries }); { $inputs } input(s) in all.
compare-role-compared = compared
compare-role-earlier = earlier assessment
col-rules = Rules scored under
compare-rules-framework = The framework's rules.
compare-rules-weights-undone = Its own weights ({ $weights }), undone: compared under the framework's weights.
compare-rules-own = Its own rules, kept (row marked { $mark }): { $rules }.
compare-rules-targets = Its own targets ({ $targets }), which no compared score uses.
compare-rules-weight = { $node } { $assessment } (framework { $framework })
compare-rules-target = { $node } level { $assessment } (framework { $framework })
compare-rules-not-recorded = rules not recorded (a results.json written before results 2.2.0)
compare-rules-evidence-policy = evidence policy { $assessment } (framework { $framework })
compare-rules-consolidation = consolidation { $assessment } (framework { $framework })
compare-rules-questionnaires = questionnaires { $assessment } (first input { $reference })
compare-rules-framework-rule = the rule { $rule } differs from the first input's
compare-rules-mark = †
compare-rules-legend = { $mark } Compared as scored under its own rules (--allow-mixed-rules): its scores do not stand on the same rules as the others', so read its rank with care.
compare-not-ranked-provisional = not ranked (provisional)
compare-not-ranked = not ranked
compare-overlaps-many = { $count } countries, among them { $countries } … (all in comparison.json and the ranks CSV)
compare-uncertainty = { $draws } draws, weights perturbed by ±{ $noise } %, seed { $seed }.
compare-same-indicators = Every input has the same { $count } indicators.
compare-indicators-differ = The inputs use framework versions { $versions } whose indicators differ: countries are compared on the { $shared } indicators every input has (overall and pillar scores recomputed without the others); the { $left_out } below are left out of the comparison. Building Block scores are kept as scored: their governance criterion (C3) may still draw on a left-out indicator.
compare-chart-radar-top = Pillar scores of the { $count } highest-ranked countries (out of 100)
compare-chart-radar = Pillar scores by country (out of 100)
compare-chart-heatmap-top = Overall and pillar scores, the { $count } highest-ranked countries
compare-chart-heatmap = Overall and pillar scores by country
compare-chart-ranks-top = Median rank and 5–95 % band, the { $count } highest-ranked countries
compare-chart-ranks = Median rank and 5–95 % band under weight uncertainty
compare-chart-slope = { $country }: overall and pillar scores over time
compare-chart-radar-alt = One outline per country ({ $countries }) over the { $count } pillars, 0 at the centre and 100 at the rim; the values are those of the pillar matrix.
compare-chart-heatmap-row = { $country }: overall { $overall }; { $cells }.
compare-chart-rank-row = { $country }: median rank { $median }, band { $band }.
compare-chart-rank-provisional = { $country }: not ranked (overall index provisional: coverage below the floor).
compare-chart-rank-none = { $country }: not ranked (no overall index).
compare-chart-slope-overall = Overall index: { $values }.
compare-chart-rank-axis = rank (1 = highest overall index)
compare-chart-median-rank = median rank
compare-chart-nominal-rank = rank with the framework's weights
compare-chart-provisional = { $score } prov.
change-improved = improved
change-regressed = regressed
change-unchanged = unchanged
change-newly-answered = newly answered
change-no-longer-answered = no longer answered
compare-statement-too-few = With fewer than two ranked countries there is no order to be uncertain about.
compare-statement-overlap = { $a } (rank band { $a_band }) and { $b } (rank band { $b_band }) overlap: under other reasonable weights their order can swap, so do not read { $a } as ahead of { $b }.
compare-statement-ahead = { $a } (rank band { $a_band }) is ahead of { $b } (rank band { $b_band }) under weight uncertainty: their 5–95 % bands do not overlap.

## External anchor: the World Bank's GovTech Maturity Index (GTMI), beside the comparison
gtmi-name = GovTech Maturity Index (GTMI)
gtmi-heading = External anchor: GTMI (World Bank)
gtmi-intro = The World Bank's GovTech Maturity Index of each compared country with an ISO 3166-1 code, for reference beside this tool's results: the latest edition per country, then every edition. Countries are listed by name, not ranked; GTMI takes no part in this report's index, ranks, benchmarks or charts.
gtmi-caveat = GTMI measures something related but different. It rates the GovTech maturity of central government (core government systems, public service delivery, digital citizen engagement and GovTech enablers) from a mix of data governments report themselves and data the World Bank collects remotely. This tool scores readiness for Digital Public Infrastructure against the GovStack Building Blocks and four enabling layers, from the country's own evidence. The two overlap (interoperability, identity, strategy, data protection) but differ in scope, sources and method, so a GTMI group neither confirms nor contradicts a score here. The World Bank states that GTMI is not meant as a ranking, and this report does not rank, average or combine it with its own scores.
gtmi-scale = GTMI scores are shown as published, from 0 to 1 (this tool's scores are out of 100), to four decimals. The group is the World Bank's, set on the unrounded score: A 0.75 or more, B 0.50 to under 0.75, C 0.25 to under 0.50, D under 0.25. Editions are not strictly comparable: the indicators changed between 2020, 2022 and 2025.
gtmi-attribution = GovTech Maturity Index 2020, 2022 and 2025 data: World Bank, licensed under CC BY 4.0.
gtmi-source = Source: { $source }. Licence: { $licence } ({ $url }).
gtmi-missing = No GTMI for { $countries }: GTMI covers real countries only, so a user-assigned code (XAA–XZZ and the other private ranges, as fictional countries use) gets none, and an assigned code may be missing from GTMI.
gtmi-latest-caption = GTMI (World Bank), latest edition per country
gtmi-editions-caption = GTMI (World Bank), every edition
gtmi-col = GTMI (World Bank)
gtmi-col-assessed = Assessed (this tool)
gtmi-col-overall = Overall (this tool)
gtmi-col-edition = Edition
gtmi-col-economy = Economy as published
gtmi-col-group = Group
gtmi-col-score = GTMI (0–1)
gtmi-col-cgsi = Core government systems (CGSI)
gtmi-col-psdi = Public service delivery (PSDI)
gtmi-col-dcei = Digital citizen engagement (DCEI)
gtmi-col-gtei = GovTech enablers (GTEI)
# A country's latest GTMI in one cell: its group and the edition's year, "B (2025)".
gtmi-group-year = { $group } ({ $year })
gtmi-none-fictional = none: user-assigned code
gtmi-none-uncovered = none: not in GTMI
xlsx-gtmi = GTMI (World Bank)

## The validation workshop pack (dpi-assess workshop) and its annex
workshop-reason-disputed = respondents disagree
workshop-reason-unverified = level 3 or 4 without supporting evidence
workshop-reason-inconsistent = at odds with the systems inventory
workshop-reason-evidence-weak = an answer at level 3 or 4 rests on weak evidence
workshop-reason-decided = decided at an earlier session
workshop-respondent-line = { $respondent } ({ $institution }): { $level }
workshop-respondent-line-evidence = { $respondent } ({ $institution }): { $level } — { $evidence }
workshop-respondent-authoritative = { $line } [authoritative]
workshop-ladder-line = { $level } — { $descriptor }
workshop-authoritative-yes = yes
workshop-readme-title = Validation workshop: { $title }, assessed { $date }
workshop-readme-count = { $count ->
    [0] Nothing is open: no indicator is disputed, unverified, inconsistent with the inventory or resting on weak evidence.
    [one] One indicator is put to the workshop, on the sheet `adjudications`; the sheet `answers` lists every answer behind it.
   *[other] { $count } indicators are put to the workshop, on the sheet `adjudications`; the sheet `answers` lists every answer behind them.
}
workshop-readme-how = For each row, the workshop reads why it is listed, each respondent's answer and evidence, and the level ladder, then fills the shaded columns. Leave a row's agreed_level empty when the workshop did not take it up.
workshop-readme-agreed-level = agreed_level: the level agreed, 0 to 4, or `contested` when the participants could not agree. An agreed level replaces the level the answers gave; a contested indicator keeps it and is reported as contested.
workshop-readme-rationale = rationale: why the workshop agreed that level (required with a level): which document or figure settled it.
workshop-readme-evidence = evidence: the evidence register ids the decision rests on, separated by `;`.
workshop-readme-agreed-by = agreed_by and agreed_on: who agreed (a name, or the workshop's participants) and the date, YYYY-MM-DD.
workshop-readme-read-back = Then save the workbook in the workspace and list it in assessment.yaml under inputs, as `adjudications: <file name>`; the report will show each decision beside the answers' spread.
workshop-validation-title = Agreed level
workshop-validation-message = 0 to 4, or contested; empty when not decided
workshop-cli-summary = { $count ->
    [one] one indicator to settle
   *[other] { $count } indicators to settle
}, { $decided } already decided

## Review status and the workshop's decisions, per indicator
review-status-draft = draft
review-status-validated = validated
review-status-contested = contested
decision-unrecorded = who and when not recorded
decision-by-on = by { $by } on { $on }
decision-by = by { $by }, date not recorded
decision-on = on { $on }, by whom not recorded
decision-no-value = no level
decision-agreed = Agreed at level { $level } { $who }; the answers gave { $value } (respondents from { $low } to { $high })
decision-contested = Contested: the workshop could not agree ({ $who }); the answers' { $value } stands (respondents from { $low } to { $high })
col-review = Review
col-decision = Workshop decision
col-rationale = Rationale
authoritative-respondents = Decided by the authoritative respondents
decisions-md = The validation workshop decided:
annex-workshop-heading = Annex D. Validation workshop
annex-workshop-intro = { $count ->
    [0] No indicator needs the validation workshop: none is disputed, unverified, inconsistent with the inventory or resting on weak evidence.
    [one] One indicator needs the validation workshop ({ $decided } decided so far). `dpi-assess workshop` writes the same list as a workbook to fill in.
   *[other] { $count } indicators need the validation workshop ({ $decided } decided so far). `dpi-assess workshop` writes the same list as a workbook to fill in.
}
annex-workshop-caption = Indicators put to the validation workshop, with the answers behind them and what was decided
col-listed-because = Listed because
col-answers-value = Answers give
col-respondents-range = Respondents range
col-answers = Answers
workshop-authoritative-mark = (authoritative)
workshop-agreed-level = agreed level { $level }
workshop-open = not yet decided

## The planning horizon (roadmap)
beyond-heading = Beyond the { $months }-month horizon
beyond-intro = { $count ->
    [one] One action the gaps need cannot end within the plan's { $months } months. It is not scheduled and takes no capacity; raising its owner's capacity, extending horizon_months in assessment.yaml or lowering a target would bring it in.
   *[other] { $count } actions the gaps need cannot end within the plan's { $months } months. They are not scheduled and take no capacity; raising an owner's capacity, extending horizon_months in assessment.yaml or lowering a target would bring them in.
}
beyond-capacity = { $action } ({ $item } to level { $level }; { $owner }, { $months } months): its owner's capacity is taken by earlier actions; with capacity free it could end in month { $end }.
beyond-chain = { $action } ({ $item } to level { $level }; { $owner }, { $months } months): the actions it waits for end too late; the earliest it could end is month { $end }.
beyond-ambition = { $action } ({ $item } to level { $level }; { $owner }, { $months } months): the target asks for more than the horizon holds; climbing to this level ends in month { $end } at the earliest.
beyond-gate = { $action } ({ $item } to level { $level }; { $owner }, { $months } months): its phase starts only once enough of the previous phase has ended, too late for it to end in time.
beyond-waits = { $action } ({ $item } to level { $level }; { $owner }, { $months } months): it waits for "{ $blocker }", which is itself beyond the horizon or left out.
beyond-deferred = { $action } ({ $item } to level { $level }; { $owner }, { $months } months): the scenario defers it too far for it to end within the horizon.
beyond-dropped = { $action } ({ $item } to level { $level }; { $owner }, { $months } months): the scenario leaves it out.
plan-under-way-with = alongside (once started): { $actions }
plan-contributing = with { $contributors }
# A standard an action adopts: the library's spelling of a GovStack specification, and how the
# report names it with the version the framework refers to.
standard-govstack-spec = GovStack { $name } BB specification
standard-govstack-spec-version = GovStack { $name } BB specification { $version }
standard-version = { $name } ({ $version })
workshop-decision-rationale = { $outcome }: { $rationale }

## Target architecture: transition actions (roadmap) and the platform a decision names

arch-shared-platform = the shared { $bb } platform
arch-action-consolidate = Move { $count ->
        [one] one { $bb } system
       *[other] { $count } { $bb } systems
    } onto { $platform }
arch-action-consolidate-description = Migrate the data, users and integrations of { $systems } onto { $platform }, run both in parallel until the figures reconcile, and hand the service owners their instance on the shared platform.
arch-action-retire = Retire { $count ->
        [one] the { $bb } system
       *[other] the { $count } { $bb } systems
    } replaced by the shared platform
arch-action-retire-description = Switch off { $systems } once their capability runs on { $platform }: archive their records under the retention rules, end their licences and contracts, and redirect their users.
arch-action-connect = Connect { $count ->
        [one] one { $bb } system
       *[other] { $count } { $bb } systems
    } through the information mediator
arch-action-connect-description = Replace the file transfers and point-to-point links of { $systems } with services published and consumed through the information mediator, each with its access rights and message log.

## Target architecture: the report section

component-infrastructure = Infrastructure
target-heading = Target national DPI architecture
target-decisions-heading = Decisions per Building Block
target-moves-heading = Consolidations, retirements and connections
target-moves-intro = One row per system the target changes, for the IT heads of the institutions that own them: what happens to it, onto what, by which roadmap action and when.
target-moves-none = The target changes no system: every Building Block keeps its shared platform, and every production system already exchanges through the information mediator.
target-decisions-caption = The proposed platform of each Building Block, the systems it changes and the roadmap actions that carry it out
target-moves-caption = Systems the target changes, with their owners
target-country-label = Decided by the country
target-label-standards = Standards:
target-label-consolidate = Move onto it:
target-label-retire = Retired:
target-label-connect = To connect:
target-label-connected = Already connected:
target-label-kept = Stay beside it:
target-label-kept-separate = Kept separate:
target-label-beyond = Beyond the horizon:
target-no-system-change = no system changes
target-no-candidates = none listed
target-no-actions = no action
target-candidate-facts = { $kind }, { $licence }; source: { $source }
target-candidate-govstack = GovStack: { $note }
col-target-decision = Decision
col-specification = Specification and standards
col-systems-affected = Systems affected (owner)
col-candidates = Candidate products (options)
col-order = Order
col-unblocks = Services it unblocks
col-move = What happens
col-onto = Onto
target-summary = The target proposes a platform for each of the { $count } Building Blocks: { $new } to adopt or build where no shared system exists, { $consolidations } system(s) moving onto a shared platform, { $retirements } retired once they have moved, and { $connections } production system(s) to connect through the { $mediator } once it is in production. { $unchanged } Building Block(s) need no change.
target-caveat = Each decision is proposed by the rules in the method annex from the inventory and the scores, and the country may override it in architecture.yaml. Candidate products are options, listed with their source, not recommendations: the choice follows a market assessment and the procurement rules.
target-decision-extend = Extend { $platform }
target-decision-adopt = Adopt a shared platform
target-decision-adopt-product = Adopt { $product }
target-decision-build = Build a shared platform
target-rule-running = { $platform } is the shared platform with the most using institutions today.
target-rule-planned = { $platform } is planned as the shared platform; no shared platform runs yet.
target-rule-adopt = No shared platform exists; the framework lists { $count } open-source product(s) as options.
target-rule-build = No shared platform exists, and the framework lists no open-source product for it.
target-rule-country = Decided by the country: { $reason }
target-shape-single = One national instance serves every institution, so other copies move onto it and are retired.
target-shape-platform = One shared platform hosts each institution's own instance, so ministry-built copies move onto it and shared platforms already in place stay.
target-shape-federated = Institutions keep their line-of-business systems and connect them through the information mediator; new services use the shared platform.
target-shape-hosting = The hosting layer under every other Building Block: ministries' own hosting moves onto it.
target-facts = Level { $level } ({ $score }) against a target of { $target }; { $siloed } siloed copy(ies) run outside a shared platform.
target-facts-no-level = No level today (no system runs); target { $target }.
target-facts-coverage = The best system reaches { $coverage } % of its intended users.
target-beyond-horizon = beyond the horizon
target-nothing-planned = nothing to plan
target-change-consolidate = moves onto the platform
target-change-retire = retired
target-change-connect = connects through the mediator
target-box-adopt = Adopt (options: { $options })
target-box-build = New build
target-kind-dpg = digital public good
target-kind-open-source = open source
chart-target-title = National DPI architecture of { $country }: today and target
chart-target-alt = Today's Building Blocks and systems beside the target, in the same layers. Decisions: { $decisions }.
arch-kpi-consolidate = { $bb } systems still running outside { $platform }
arch-kpi-retire = { $bb } systems still running beside the shared platform
arch-kpi-connect = { $bb } systems exchanging through the information mediator
arch-systems-more = { $names } and { $count } more
target-list-more = … and { $count } more (the moves table in report.xlsx and architecture.csv lists every one)
target-moves-more = The first { $listed } changes are listed; { $more } more are in report.xlsx (sheet architecture-moves) and architecture.csv.
chart-target-today = Today
chart-target-target = Target
chart-target-legend-moves = moves onto the platform
chart-target-legend-retired = retired (struck through)
chart-target-legend-flow = flows through the information mediator
chart-target-legend-unchanged = unchanged by the target (drawn lighter)
target-services-more = { $count ->
        [one] … and one more service
       *[other] … and { $count } more services
    }
