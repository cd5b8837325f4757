"""The course article is kept byte for byte, with its metadata."""
import hashlib
import json
from pathlib import Path

import medialit as ml

SEEDS = Path(__file__).resolve().parents[1] / "seeds"
TASS = SEEDS / "tass-2016-10-07-syria-commitments.txt"


def test_article_is_byte_for_byte_the_shared_seed():
    digest = hashlib.sha256(TASS.read_bytes()).hexdigest()
    assert digest == "f09037d46f18a88bccf15512763f94480db2bfeb61e84a5f0cd7fdbc81da3845"


def test_metadata_describes_the_article():
    meta = json.loads(TASS.with_suffix(".json").read_text(encoding="utf-8"))
    assert meta["outlet"] == "TASS" and meta["date"] == "2016-10-07" and meta["language"] == "en"
    assert "tass.com/politics/904964" in meta["url"]
    notes = " ".join(meta["notes"])
    assert "All news" in notes and "servicement" in notes and "no-break space" in notes


def test_every_seed_loads():
    for seed in ml.available_seeds():
        art = ml.load_article(seed)
        assert art.headline and len(art.paragraphs) >= 2, seed
