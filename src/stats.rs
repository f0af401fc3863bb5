//! `handout stats FILE`: the readability of one handout, per section, or its words and their
//! syllables, for authors tuning a text (no project needed).

use std::path::Path;

use crate::check::readability;
use crate::content::{Handout, Rejected};
use crate::error::Error;
use crate::lang::Profile;

/// What to report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The readability table, per section and for the whole handout.
    Table,
    /// Each distinct word and its syllables, `word<TAB>count` a line.
    Words,
    /// The readability figures as JSON.
    Json,
}

/// The report on the handout at `path`, or why it could not be read as a handout.
pub fn report(path: &Path, view: View) -> Result<Result<String, Box<Rejected>>, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::read(path, e))?;
    let handout = match Handout::parse(path, &bytes, "en") {
        Ok((handout, _)) => handout,
        Err(rejected) => return Ok(Err(rejected)),
    };
    Ok(Ok(match view {
        // Syllables are counted by English rules: another language's words get none.
        View::Words => {
            let english = handout.lang.profile() == Profile::English;
            readability::word_list(&handout)
                .iter()
                .map(|(word, syllables)| {
                    if english {
                        format!("{word}\t{syllables}\n")
                    } else {
                        format!("{word}\t-\n")
                    }
                })
                .collect()
        }
        View::Json => {
            let figures = readability::measure(&handout);
            let json = serde_json::to_string_pretty(&figures)
                .map_err(|e| Error::Internal(format!("could not write the figures: {e}")))?;
            json + "\n"
        }
        View::Table => crate::report::table::render(&readability::measure(&handout)),
    }))
}
