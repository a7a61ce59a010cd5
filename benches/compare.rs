//! Benchmark of `compare` at donor scale: 200 synthetic countries × 1 000 Monte Carlo draws of the
//! weights (the figure), and the same comparison written out as every format but the PDF.
//!
//! Run with `cargo bench --bench compare`. The countries are copies of the scored Kalindra 2024
//! sample with indicator and BB criterion values shifted per country by a fixed pattern (no
//! randomness), built once outside the timed part.
//!
//! Figures at the time of the issue (release build, 2 cores shared with two other builds, so
//! noisy): compare 200 countries × 1 000 draws, median 177.5 ms (fastest 167.9 ms); rendering
//! JSON, CSV, XLSX, HTML and Markdown of that comparison, median 114.5 ms.

use std::path::Path;
use std::sync::OnceLock;

use divan::Bencher;
use dpi_assess::compare::{CompareInput, Settings, compare};
use dpi_assess::ingest::load_assessment;
use dpi_assess::score::score;

/// Countries compared.
const COUNTRIES: usize = 200;
/// Monte Carlo draws.
const DRAWS: u32 = 1000;

fn main() {
    divan::main();
}

fn inputs() -> &'static [CompareInput] {
    static INPUTS: OnceLock<Vec<CompareInput>> = OnceLock::new();
    INPUTS.get_or_init(|| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("sample-data/kalindra-2024");
        let (assessment, found) = load_assessment(&path);
        let base = score(&assessment.unwrap_or_else(|| panic!("the sample does not load: {found:#?}")));
        (0..COUNTRIES)
            .map(|n| {
                let mut r = base.clone();
                r.assessment.iso3 = format!("X{:02}", n % 100);
                r.assessment.country = format!("Country {n:03}");
                r.assessment.iso3 = format!("{}{n:03}", r.assessment.iso3);
                let mut k = 0usize;
                for pillar in &mut r.pillars {
                    for indicator in pillar.dimensions.iter_mut().flat_map(|d| &mut d.indicators) {
                        if let Some(s) = indicator.node.score.as_mut() {
                            *s = (*s + ((n * 7 + k * 13) % 41) as f64 - 20.0).clamp(0.0, 100.0);
                        }
                        k += 1;
                    }
                    for bb in &mut pillar.building_blocks {
                        for c in &mut bb.criteria {
                            if let Some(v) = c.value.as_mut() {
                                *v = (*v + ((n * 3 + k) % 5) as f64 * 0.25 - 0.5).clamp(0.0, 4.0);
                            }
                            k += 1;
                        }
                    }
                }
                CompareInput {
                    source: format!("country-{n:03}.json"),
                    results: r,
                    roadmap: None,
                }
            })
            .collect()
    })
}

fn settings() -> Settings {
    Settings {
        draws: DRAWS,
        noise: 0.25,
        seed: 20_240_601,
    }
}

#[divan::bench(sample_count = 10, sample_size = 1)]
fn compare_200_countries_1000_draws(bencher: Bencher) {
    let inputs = inputs();
    bencher.bench(|| compare(divan::black_box(inputs), settings()).unwrap());
}

#[divan::bench(sample_count = 5, sample_size = 1)]
fn render_200_countries_json_csv_xlsx_html_md(bencher: Bencher) {
    use dpi_assess::report::compare as render;
    let c = compare(inputs(), settings()).unwrap();
    bencher.bench(|| {
        let charts = render::charts::svg_images(&c).unwrap();
        (
            render::json(&c).len(),
            render::csv::matrix(&c).csv().len() + render::csv::ranks(&c).csv().len(),
            render::xlsx::render(&c).unwrap().len(),
            render::html(&c, &charts, None).unwrap().len(),
            render::markdown(&c, &charts, None).unwrap().len(),
        )
    });
}
