//! The readability formulas, each a pure function of the counts it needs.

use std::ops::AddAssign;

use serde::Serialize;

/// What the formulas are computed from.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    /// Sentences (each list item and table cell counts as one).
    pub sentences: usize,
    /// Words and numbers.
    pub words: usize,
    /// Syllables of all words.
    pub syllables: usize,
    /// Words of three or more syllables.
    pub polysyllables: usize,
    /// Letters and digits.
    pub letters: usize,
}

impl AddAssign for Counts {
    fn add_assign(&mut self, other: Counts) {
        self.sentences += other.sentences;
        self.words += other.words;
        self.syllables += other.syllables;
        self.polysyllables += other.polysyllables;
        self.letters += other.letters;
    }
}

/// SMOG is only calibrated on samples of 30 sentences or more.
pub const SMOG_MIN_SENTENCES: usize = 30;

/// The scores of one stretch of text.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    /// Flesch Reading Ease: higher is easier; 60–70 is plain English.
    pub flesch_reading_ease: f64,
    /// Flesch-Kincaid Grade Level.
    pub flesch_kincaid_grade: f64,
    /// SMOG grade (McLaughlin 1969).
    pub smog: f64,
    /// Gunning Fog index (complex words: three syllables or more).
    pub gunning_fog: f64,
    /// Coleman-Liau index.
    pub coleman_liau: f64,
    /// Automated Readability Index (characters: letters and digits only).
    pub ari: f64,
}

impl Scores {
    /// Every formula over `c`, or `None` when there are no words to measure.
    pub fn of(c: &Counts) -> Option<Scores> {
        if c.words == 0 || c.sentences == 0 {
            return None;
        }
        Some(Scores {
            flesch_reading_ease: flesch_reading_ease(c),
            flesch_kincaid_grade: flesch_kincaid_grade(c),
            smog: smog(c),
            gunning_fog: gunning_fog(c),
            coleman_liau: coleman_liau(c),
            ari: ari(c),
        })
    }

    /// The score of one grade metric.
    pub fn get(&self, metric: Metric) -> f64 {
        match metric {
            Metric::Smog => self.smog,
            Metric::FleschKincaid => self.flesch_kincaid_grade,
            Metric::GunningFog => self.gunning_fog,
            Metric::ColemanLiau => self.coleman_liau,
            Metric::Ari => self.ari,
        }
    }
}

/// A metric that reads as a school grade, for `reading-grade`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Metric {
    /// SMOG, the health-literacy standard.
    Smog,
    /// Flesch-Kincaid Grade Level.
    FleschKincaid,
    /// Gunning Fog.
    GunningFog,
    /// Coleman-Liau.
    ColemanLiau,
    /// Automated Readability Index.
    Ari,
}

impl Metric {
    /// Every metric with its configuration name.
    pub const ALL: [(&'static str, Metric); 5] = [
        ("smog", Metric::Smog),
        ("flesch-kincaid", Metric::FleschKincaid),
        ("gunning-fog", Metric::GunningFog),
        ("coleman-liau", Metric::ColemanLiau),
        ("ari", Metric::Ari),
    ];

    /// The metric named `name` in `handout.yaml`.
    pub fn from_name(name: &str) -> Option<Metric> {
        Metric::ALL
            .iter()
            .find(|(n, _)| *n == name)
            .map(|&(_, m)| m)
    }

    /// The name people read: "SMOG", "Flesch-Kincaid grade".
    pub fn label(self) -> &'static str {
        match self {
            Metric::Smog => "SMOG grade",
            Metric::FleschKincaid => "Flesch-Kincaid grade",
            Metric::GunningFog => "Gunning Fog index",
            Metric::ColemanLiau => "Coleman-Liau index",
            Metric::Ari => "ARI",
        }
    }
}

fn words_per_sentence(c: &Counts) -> f64 {
    c.words as f64 / c.sentences as f64
}

fn syllables_per_word(c: &Counts) -> f64 {
    c.syllables as f64 / c.words as f64
}

/// 206.835 − 1.015·(words/sentences) − 84.6·(syllables/words)
pub fn flesch_reading_ease(c: &Counts) -> f64 {
    206.835 - 1.015 * words_per_sentence(c) - 84.6 * syllables_per_word(c)
}

/// 0.39·(words/sentences) + 11.8·(syllables/words) − 15.59
pub fn flesch_kincaid_grade(c: &Counts) -> f64 {
    0.39 * words_per_sentence(c) + 11.8 * syllables_per_word(c) - 15.59
}

/// 1.0430·√(polysyllables·30/sentences) + 3.1291
pub fn smog(c: &Counts) -> f64 {
    1.0430 * (c.polysyllables as f64 * 30.0 / c.sentences as f64).sqrt() + 3.1291
}

/// 0.4·(words/sentences + 100·complex/words), complex words having three syllables or more.
pub fn gunning_fog(c: &Counts) -> f64 {
    0.4 * (words_per_sentence(c) + 100.0 * c.polysyllables as f64 / c.words as f64)
}

/// 0.0588·L − 0.296·S − 15.8, with L letters and S sentences per 100 words.
pub fn coleman_liau(c: &Counts) -> f64 {
    let per_100 = 100.0 / c.words as f64;
    0.0588 * (c.letters as f64 * per_100) - 0.296 * (c.sentences as f64 * per_100) - 15.8
}

/// 4.71·(characters/words) + 0.5·(words/sentences) − 21.43
pub fn ari(c: &Counts) -> f64 {
    4.71 * (c.letters as f64 / c.words as f64) + 0.5 * words_per_sentence(c) - 21.43
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_metrics_are_the_ones_handout_yaml_may_name() {
        let names: Vec<&str> = Metric::ALL.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, crate::lints::METRICS);
    }

    fn close(a: f64, b: f64, tolerance: f64) -> bool {
        (a - b).abs() <= tolerance
    }

    /// "The cat sat on the mat. It was a very comfortable afternoon."
    /// 2 sentences, 12 words, 17 syllables (com-fort-a-ble 4, af-ter-noon 3, ve-ry 2),
    /// 2 polysyllables, 45 letters.
    const HAND: Counts = Counts {
        sentences: 2,
        words: 12,
        syllables: 17,
        polysyllables: 2,
        letters: 45,
    };

    #[test]
    fn formulas_match_hand_worked_values() {
        // 206.835 − 1.015·6 − 84.6·17/12 = 206.835 − 6.09 − 119.85 = 80.895
        assert!(close(flesch_reading_ease(&HAND), 80.895, 1e-9));
        // 0.39·6 + 11.8·17/12 − 15.59 = 2.34 + 16.7167 − 15.59 = 3.4667
        assert!(close(flesch_kincaid_grade(&HAND), 3.466_667, 1e-6));
        // 1.043·√(2·30/2) + 3.1291 = 1.043·5.477226 + 3.1291 = 8.841846
        assert!(close(smog(&HAND), 8.841_846, 1e-6));
        // 0.4·(6 + 100·2/12) = 0.4·22.6667 = 9.0667
        assert!(close(gunning_fog(&HAND), 9.066_667, 1e-6));
        // L = 375, S = 16.6667: 0.0588·375 − 0.296·16.6667 − 15.8 = 22.05 − 4.9333 − 15.8
        assert!(close(coleman_liau(&HAND), 1.316_667, 1e-6));
        // 4.71·3.75 + 0.5·6 − 21.43 = 17.6625 + 3 − 21.43 = −0.7675
        assert!(close(ari(&HAND), -0.7675, 1e-9));
    }

    /// Expected figures from textstat 0.7.13 on "Relational therapy looks at how people connect
    /// with others. It may help survivors notice patterns in their relationships. Sessions
    /// often move at a gentle pace. Some people find this approach useful when trust feels
    /// hard.", printed with its counts by `python3 tools/textstat-figures.py "<that text>"`.
    #[test]
    fn formulas_agree_with_textstat_on_the_same_counts() {
        let c = Counts {
            sentences: 4,
            words: 35,
            syllables: 56,
            polysyllables: 4,
            letters: 182,
        };
        assert!(close(flesch_reading_ease(&c), 62.593_750_000_000_03, 1e-9));
        assert!(close(flesch_kincaid_grade(&c), 6.702_500_000_000_004, 1e-9));
        assert!(close(smog(&c), 8.841_846_274_778_883, 1e-9));
        // textstat's Fog counts "difficult words" (3+ syllables and not on its easy-word
        // list): 4 here, the same words as the polysyllables.
        assert!(close(gunning_fog(&c), 8.071_428_571_428_573, 1e-9));
        // textstat's Coleman-Liau uses 0.058 where the published formula has 0.0588:
        // the published figure is textstat's plus 0.0008·L (L = 182·100/35 = 520).
        assert!(close(
            coleman_liau(&c),
            10.977_142_857_142_855 + 0.0008 * 520.0,
            1e-9
        ));
        // textstat's ARI counts every non-space character (186: letters plus 4 periods).
        let with_punctuation = Counts { letters: 186, ..c };
        assert!(close(ari(&with_punctuation), 7.975_285_714_285_714_5, 1e-9));
    }

    #[test]
    fn nothing_to_measure_gives_no_scores() {
        assert_eq!(Scores::of(&Counts::default()), None);
        assert_eq!(
            Metric::from_name("flesch-kincaid"),
            Some(Metric::FleschKincaid)
        );
        assert_eq!(Metric::from_name("fk"), None);
    }
}
