"""medialit.text: words, and the pattern helpers the finders are built on."""
import random
import re

import pytest

import medialit as ml
from medialit.text import any_of, lower_same_offsets


def test_words_keep_apostrophes_hyphens_and_numbers_whole():
    assert ml.words("Syria’s US-controlled rebels: 2,031 violations, 3.5%.") == \
        ["Syria’s", "US-controlled", "rebels", "2,031", "violations", "3.5"]


@pytest.mark.parametrize("seed", range(20))
def test_any_of_matches_what_the_longest_first_alternation_matches(seed):
    rng = random.Random(seed)
    vocabulary = ["".join(rng.choice("abt ") for _ in range(rng.randint(1, 5))).strip() or "a"
                  for _ in range(rng.randint(1, 12))]
    plain = re.compile("|".join(re.escape(w) for w in sorted(set(vocabulary), key=len, reverse=True)))
    tree = re.compile(any_of(vocabulary))
    text = "".join(rng.choice("abt .") for _ in range(400))
    for pos in range(len(text)):
        a, b = plain.match(text, pos), tree.match(text, pos)
        assert (a and a.group()) == (b and b.group()), (vocabulary, text[pos:pos + 6])
    for word in vocabulary:
        assert tree.fullmatch(word)


def test_lower_same_offsets_refuses_letters_that_fold_differently():
    assert lower_same_offsets("The REGIME") == "the regime"
    for odd in ("İstanbul", "ſix", "\u212aelvin", "ı"):
        assert lower_same_offsets("a " + odd) is None
