//! Indicative costs: planned actions with their cost ranges → totals by year, phase, role,
//! programme and funding type.
//!
//! In: the framework's cost classes (or the assessment's restatement), roles, programmes and
//! funding types, and the planned actions. Out: a [`CostSummary`] of ranges, never point values.
//! Exact: amounts are whole currency units in integers; an action's range is spread over its plan
//! years in proportion to its months in each, rounding down in every year but its last, which takes
//! the remainder, so the years of one action add up to its range exactly.
//! Not here: choosing classes (the library does) or formatting amounts (reports do).

use crate::model::{
    CostClassUse, CostClasses, CostRange, CostSource, CostSummary, Framework, FundingCost, Phase, PhaseCost,
    PlannedAction, ProgrammeCost, RoleCost, YearCost,
};

use super::PlanInput;

/// Months in a plan year.
const YEAR_MONTHS: u32 = 12;

/// The cost summary of the planned actions; none when no cost classes are in force.
pub fn summarise(framework: &Framework, input: &PlanInput, actions: &[PlannedAction]) -> Option<CostSummary> {
    let (classes, source): (&CostClasses, CostSource) = match (&input.costs, &framework.costs) {
        (Some(own), _) => (own, CostSource::Assessment),
        (None, Some(framework)) => (framework, CostSource::Framework),
        (None, None) => return None,
    };
    let priced: Vec<(&PlannedAction, CostRange)> = actions
        .iter()
        .filter_map(|a| a.cost.as_ref().map(|c| (a, c.range)))
        .collect();
    let total = priced
        .iter()
        .fold(CostRange::default(), |sum, (_, range)| sum.plus(*range));

    let years = actions
        .iter()
        .map(|a| a.end_month.div_ceil(YEAR_MONTHS))
        .max()
        .unwrap_or(0);
    let mut by_year = vec![CostRange::default(); years as usize];
    for (action, range) in &priced {
        for (year, share) in spread(action.start_month, action.end_month, *range) {
            let slot = &mut by_year[(year - 1) as usize];
            *slot = slot.plus(share);
        }
    }

    let sum_where = |keep: &dyn Fn(&PlannedAction) -> bool| {
        priced
            .iter()
            .filter(|(a, _)| keep(a))
            .fold(CostRange::default(), |sum, (_, range)| sum.plus(*range))
    };
    let by_phase = Phase::ALL
        .iter()
        .filter(|&&p| priced.iter().any(|(a, _)| a.phase == p))
        .map(|&phase| PhaseCost {
            phase,
            range: sum_where(&|a| a.phase == phase),
        })
        .collect();
    let by_role = framework
        .roles
        .iter()
        .filter_map(|role| {
            let first = priced.iter().find(|(a, _)| a.owner_role == role.id)?;
            Some(RoleCost {
                role: role.id.clone(),
                owner: first.0.owner.clone(),
                range: sum_where(&|a| a.owner_role == role.id),
            })
        })
        .collect();
    let programme_ids = framework
        .programmes
        .iter()
        .map(|p| Some(p.id.clone()))
        .chain(std::iter::once(None));
    let by_programme = programme_ids
        .filter(|id| priced.iter().any(|(a, _)| &a.programme == id))
        .map(|id| ProgrammeCost {
            range: sum_where(&|a| a.programme == id),
            programme: id,
        })
        .collect();
    let funding_ids = framework
        .funding_types
        .iter()
        .map(|f| Some(f.id.clone()))
        .chain(std::iter::once(None));
    let by_funding = funding_ids
        .filter(|id| priced.iter().any(|(a, _)| &a.funding == id))
        .map(|id| FundingCost {
            range: sum_where(&|a| a.funding == id),
            funding: id,
        })
        .collect();
    Some(CostSummary {
        currency: classes.currency.clone(),
        source,
        classes: classes
            .classes
            .iter()
            .map(|class| CostClassUse {
                id: class.id.clone(),
                title: class.title.clone(),
                range: CostRange {
                    low: class.low,
                    high: class.high,
                },
                actions: priced
                    .iter()
                    .filter(|(a, _)| a.cost.as_ref().is_some_and(|c| c.class == class.id))
                    .count() as u32,
            })
            .collect(),
        total,
        by_year: by_year
            .into_iter()
            .enumerate()
            .map(|(i, range)| YearCost {
                year: i as u32 + 1,
                range,
            })
            .collect(),
        by_phase,
        by_role,
        by_programme,
        by_funding,
    })
}

/// An action's range spread over the plan years it runs in (months `start + 1 ..= end`), in
/// proportion to its months in each: floor in every year but the last, which takes the rest.
pub fn spread(start_month: u32, end_month: u32, range: CostRange) -> Vec<(u32, CostRange)> {
    let months = u64::from(end_month.saturating_sub(start_month).max(1));
    let first_year = start_month / YEAR_MONTHS + 1;
    let last_year = end_month.max(start_month + 1).div_ceil(YEAR_MONTHS);
    let mut out = Vec::new();
    let mut given = CostRange::default();
    for year in first_year..=last_year {
        let from = start_month.max((year - 1) * YEAR_MONTHS);
        let to = end_month.min(year * YEAR_MONTHS);
        let in_year = u64::from(to.saturating_sub(from));
        let share = if year == last_year {
            CostRange {
                low: range.low - given.low,
                high: range.high - given.high,
            }
        } else {
            CostRange {
                low: range.low * in_year / months,
                high: range.high * in_year / months,
            }
        };
        given = given.plus(share);
        out.push((year, share));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_range_spreads_over_its_years_by_months_and_adds_up_exactly() {
        // Months 7–24: 6 months in year 1, 12 in year 2; 100 over 18 months → 33 (floor of 33.3)
        // then the rest, 67.
        let range = CostRange { low: 100, high: 1000 };
        assert_eq!(
            spread(6, 24, range),
            vec![
                (1, CostRange { low: 33, high: 333 }),
                (2, CostRange { low: 67, high: 667 })
            ]
        );
        // Within one year: all of it.
        assert_eq!(spread(0, 12, range), vec![(1, range)]);
        // Starting in month 13: year 2.
        assert_eq!(spread(12, 18, range), vec![(2, range)]);
        // Three years: 1 + 12 + 1 months of 14.
        let spread3 = spread(11, 25, CostRange { low: 14, high: 28 });
        assert_eq!(
            spread3,
            vec![
                (1, CostRange { low: 1, high: 2 }),
                (2, CostRange { low: 12, high: 24 }),
                (3, CostRange { low: 1, high: 2 })
            ]
        );
    }

    #[test]
    fn the_years_of_any_action_add_up_to_its_range() {
        for start in 0..40 {
            for effort in 1..40 {
                let range = CostRange {
                    low: 1_000_003,
                    high: 7_777_777,
                };
                let parts = spread(start, start + effort, range);
                let sum = parts.iter().fold(CostRange::default(), |s, (_, r)| s.plus(*r));
                assert_eq!(sum, range, "start {start}, effort {effort}");
                assert!(parts.iter().all(|(_, r)| r.low <= r.high));
            }
        }
    }
}
