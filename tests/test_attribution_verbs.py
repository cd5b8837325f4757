"""Lessons 04 and 05 treat *stressed* as emphasis, never as a verb that presents a claim as fact."""
import ast
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = [f"{folder}/{stem}.ipynb" for folder in ("notebooks", "solutions")
             for stem in ("04_who_speaks", "05_reframing_and_context")]
PRESUPPOSING_NAMES = {"PRESUPPOSE", "VOUCH", "ESTABLISHED"}


def presupposing_sets(path):
    """Every set literal a notebook assigns to a name that means 'presents as established'."""
    cells = json.loads((ROOT / path).read_text(encoding="utf-8"))["cells"]
    for cell in cells:
        if cell["cell_type"] != "code":
            continue
        for node in ast.walk(ast.parse("".join(cell["source"]))):
            if (isinstance(node, ast.Assign) and isinstance(node.value, ast.Set)
                    and any(getattr(t, "id", "") in PRESUPPOSING_NAMES for t in node.targets)):
                yield {elt.value for elt in node.value.elts}


@pytest.mark.parametrize("path", NOTEBOOKS)
def test_stressed_is_not_a_presupposing_verb(path):
    found = list(presupposing_sets(path))
    for verbs in found:
        assert "stressed" not in verbs, f"{path}: 'stressed' reports emphasis, not truth"
        assert {"noted", "reminded"} <= verbs
    if path.startswith("notebooks/"):
        assert found, f"{path} should define which verbs presuppose the truth of what follows"


def test_the_verb_classification_is_a_written_answer_not_a_hash():
    cells = json.loads((ROOT / "solutions/04_who_speaks.ipynb").read_text(encoding="utf-8"))["cells"]
    meta = [c["metadata"].get("medialit", {}) for c in cells if "written-answer" in
            c["metadata"].get("tags", [])]
    assert any(m.get("question") == "04.4" and m.get("rubric") for m in meta)
