"""medialit — the package behind the media-literacy course kit.

>>> import medialit as ml
>>> art = ml.load_article()
>>> art.dateline.outlet
'TASS'
"""
from .article import Article, ArticleError, ArticleNotFoundError, Dateline, available_seeds, load_article, split_sentences
from .checks import check
from .context import context
from .display import COLOURS, figure, show_article, show_table, use_style
from .text import stopwords, words

__all__ = [
    "Article", "ArticleError", "ArticleNotFoundError", "Dateline", "available_seeds", "load_article", "split_sentences",
    "check", "context", "COLOURS", "figure", "show_article", "show_table", "use_style", "stopwords", "words",
]

# Lesson modules add their public names below, one block each.
# framing (lesson 02)
from .display import highlight  # noqa: E402
from .framing import loaded_terms, passives, scare_quotes  # noqa: E402

__all__ += ["highlight", "loaded_terms", "passives", "scare_quotes"]
# numbers (lesson 03)
from .numbers import numbers  # noqa: E402

__all__ += ["numbers"]
# sourcing (lesson 04)
from .sourcing import attributions, quotations, voice_share, voice_totals, voice_words  # noqa: E402

__all__ += ["quotations", "attributions", "voice_share", "voice_totals", "voice_words"]
# agreement and the report (lesson 06)
from .agreement import (  # noqa: E402
    cohen_kappa, compare_annotations, disagreements, example_annotations, load_annotations,
)

__all__ += ["cohen_kappa", "compare_annotations", "disagreements", "example_annotations", "load_annotations"]
# diagrams (lessons 04 and 05)
from .diagrams import mention_links, speaks_about, timeline  # noqa: E402

__all__ += ["mention_links", "speaks_about", "timeline"]
