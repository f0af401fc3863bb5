//! `handout` compiles Markdown handouts into print-ready PDF, EPUB 3 booklets and plain-text
//! leaflets, after checking that each one reads plainly and has what its kind requires.
//!
//! Start at [`pipeline::run`]: it loads a [`project::Project`], runs [`check::run`], and hands
//! the handouts to the renderers in [`render`], whose outputs [`output::write_all`] writes.

pub mod assets;
pub mod check;
pub mod config;
pub mod content;
pub mod diagnostic;
pub mod error;
pub mod fonts;
pub mod labels;
pub mod lang;
pub mod layouts;
pub mod lints;
pub mod output;
pub mod picture;
pub mod pipeline;
pub mod project;
pub mod raster;
pub mod render;
pub mod report;
pub mod scaffold;
pub mod source;
pub mod stats;
pub mod typeset;
pub mod yaml;
