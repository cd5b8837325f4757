"""The sourcing finders' speed code gives the plain rules' answers (speed itself: bench/toolkit.py;
whole outputs before and after a speed change: bench/sourcing_outputs.py)."""
import gc
import random
import re

import pytest

from medialit import speech_tags
from medialit.speed import gc_paused
from medialit.text import count_words, fewer_words

TEXTS = ["", "One.", "Syria’s army didn't stop: 2,031 violations.", '"We tried, we really did," she said.',
         "a b c d e", "a b c d", "U.S.-backed forces, 12.5 per cent, well-known"]


@pytest.mark.parametrize("text", TEXTS)
@pytest.mark.parametrize("n", [1, 4, 5, 6])
def test_fewer_words_is_a_word_count(text, n):
    assert fewer_words(text, n) == (count_words(text) < n)
    if len(text) > 4:  # a stretch of a longer text, without copying it out
        assert fewer_words(text, n, 2, len(text) - 2) == (count_words(text[2:-2]) < n)


def test_fewer_words_on_random_stretches():
    rng = random.Random(3)
    letters = "ab ,.'’-1\n"
    for _ in range(2000):
        text = "".join(rng.choice(letters) for _ in range(rng.randint(0, 40)))
        a = rng.randint(0, len(text))
        b = rng.randint(a, len(text))
        assert fewer_words(text, 5, a, b) == (count_words(text[a:b]) < 5), (text, a, b)


def test_gc_paused_restores_the_collector_even_on_error():
    assert gc.isenabled()
    with pytest.raises(ValueError):
        with gc_paused():
            assert not gc.isenabled()
            raise ValueError
    assert gc.isenabled()
    gc.disable()
    try:
        with gc_paused():
            pass
        assert not gc.isenabled()  # it was off before: left off
    finally:
        gc.enable()


def test_verb_scan_word_boundary_changes_no_match():
    """VERB's leading \\b is implied by its look-behind: the same matches without it."""
    plain = re.compile(speech_tags.VERB.pattern.replace(r"\b(?=", "(?=", 1))
    assert plain.pattern != speech_tags.VERB.pattern
    text = ("Officials said; 'he said', un-said, re-stated, he's said, 'Critics say', "
            "according to them, has also said, was quoted as saying, _said, 2said, ’said, "
            "-said ¡said ésaid Ñsaid") * 3
    assert [m.span() for m in speech_tags.VERB.finditer(text)] == [m.span() for m in plain.finditer(text)]
