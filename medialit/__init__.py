"""medialit — the package behind the media-literacy course kit.

>>> import medialit as ml
>>> art = ml.load_article()
>>> art.dateline.outlet
'TASS'

Each name is imported when it is first used (`ml.numbers` loads medialit/numbers.py then), so
`python -m medialit grade ...` and `--help` start without loading pandas and matplotlib.
"""
from __future__ import annotations

import importlib
import importlib.util
import sys
import types

# Where each public name lives: the course's helpers, then the lessons' finders, lesson by lesson.
_HOME = {
    "Article": "article", "ArticleError": "article", "ArticleNotFoundError": "article",
    "Dateline": "article", "available_seeds": "article", "load_article": "article",
    "split_sentences": "article", "check": "checks", "context": "context", "COLOURS": "display",
    "figure": "display", "show_article": "display", "show_table": "display", "use_style": "display",
    "stopwords": "text", "words": "text",
    # framing (lesson 02)
    "highlight": "display", "loaded_terms": "framing", "passives": "framing", "scare_quotes": "framing",
    # numbers (lesson 03)
    "numbers": "numbers",
    # sourcing (lesson 04)
    "quotations": "sourcing", "attributions": "sourcing", "voice_share": "sourcing",
    "voice_totals": "sourcing", "voice_words": "sourcing",
    # agreement and the report (lesson 06)
    "cohen_kappa": "agreement", "compare_annotations": "agreement", "disagreements": "agreement",
    "example_annotations": "agreement", "load_annotations": "agreement",
    # diagrams (lessons 04 and 05)
    "mention_links": "diagrams", "speaks_about": "diagrams", "timeline": "diagrams",
}
__all__ = list(_HOME)


def __getattr__(name: str):
    """Import the module that holds `name` (once) and hand back the name; `ml.display` and the
    like are the modules themselves."""
    if name in _HOME:
        value = getattr(importlib.import_module(f"{__name__}.{_HOME[name]}"), name)
    elif not name.startswith("_") and importlib.util.find_spec(f"{__name__}.{name}") is not None:
        value = importlib.import_module(f"{__name__}.{name}")
    else:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_HOME))


class _Kit(types.ModuleType):
    """`ml.numbers` and `ml.context` are functions named like the modules that hold them. When
    Python imports such a module it sets the package's attribute to the module: here it keeps
    the function (as `from .numbers import numbers` did when this file imported everything)."""

    def __setattr__(self, name: str, value) -> None:
        if isinstance(value, types.ModuleType) and _HOME.get(name) == name:
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Kit
