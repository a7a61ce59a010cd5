//! dpi-assess: national Digital Public Infrastructure (DPI) readiness assessments aligned with
//! GovStack.
//!
//! The pipeline reads like the design (README, "Layout"), one module per stage:
//!
//! ```text
//! definitions (framework, questionnaires, assessment.yaml)
//!   → ingest (answers, systems, services)  → model::Assessment
//!   → score → roadmap / compare → report
//! ```
//!
//! [`model`] holds plain data and no I/O; [`messages`] is the one catalogue of the sentences the
//! reports and the comparison show, shared by every stage; [`definitions`] turns YAML into validated model values
//! and reports every problem with its position ([`diagnostics`]); [`cli`] is the command line.

pub mod cli;
pub mod compare;
pub mod definitions;
pub mod diagnostics;
pub mod ingest;
pub mod messages;
pub mod model;
pub mod parallel;
pub mod report;
pub mod roadmap;
pub mod score;
pub mod template;
