"""Agreement between two annotators: Cohen's kappa, and the sentences where they disagree.

The span-annotation exercise (lesson 06): two people read the same sentences of an article, each on
their own, and label the persuasion techniques they see. Each fills in a CSV file of their own
(one file per annotator, UTF-8, any spreadsheet can write it):

    sentence,span,label
    4,meeting our partners halfway,loaded language
    5,opposition controlled by the United States,name calling
    5,only for regrouping,exaggeration
    10,,none

- `sentence`: the number `n` of the sentence in `art.sentences()` (1 = the headline's sentence;
  page chrome such as "All news" is not counted).
- `span`: the words that carry the technique, copied from that sentence (case, spacing and curly
  or straight quotation marks do not matter). Leave it empty when the label is `none`.
- `label`: one technique of SemEval-2020 Task 11 (Da San Martino et al., 2020), by the short name
  of TECHNIQUES below (the task's own names, e.g. `Name_Calling,Labeling`, work too: put them in
  double quotes in the CSV, because of the comma), or `none`.

One row per technique seen, the sentence's **main** technique first; a sentence with no technique
gets one row with the label `none`. Every sentence of the exercise appears in both files.
`load_annotations(path, article)` reads a file and stops at the first problem with a message that
names the row (the header is row 1) and says what to fix.

Agreement is measured sentence by sentence on the main label (the first row of each sentence):
`compare_annotations(a, b)` puts the two annotators side by side, `disagreements(a, b)` keeps the
sentences whose main labels differ, and `cohen_kappa(labels_a, labels_b)` corrects the share of
agreement for the agreement expected by chance:

    kappa = (p_o - p_e) / (1 - p_e)

where p_o is the share of items with the same label and p_e = sum over labels of
(share of items A gave that label) x (share of items B gave that label). 1 is perfect agreement,
0 is what chance alone would give. Example files over ten sentences of the TASS article ship in
medialit/data/annotations/ (`example_annotations()`).

>>> round(cohen_kappa(["doubt", "none", "none", "doubt"], ["doubt", "none", "doubt", "doubt"]), 2)
0.5
"""
from __future__ import annotations

import csv
import difflib
import io
import re
import unicodedata
from collections import Counter
from pathlib import Path

import pandas as pd

ANNOTATIONS = Path(__file__).resolve().parent / "data" / "annotations"
COLUMNS = ["sentence", "span", "label"]

# Short name -> the technique's name in SemEval-2020 Task 11 (the PTC corpus).
TECHNIQUES = {
    "loaded language": "Loaded_Language",
    "name calling": "Name_Calling,Labeling",
    "repetition": "Repetition",
    "exaggeration": "Exaggeration,Minimisation",
    "doubt": "Doubt",
    "appeal to fear": "Appeal_to_fear-prejudice",
    "flag-waving": "Flag-Waving",
    "causal oversimplification": "Causal_Oversimplification",
    "slogans": "Slogans",
    "appeal to authority": "Appeal_to_Authority",
    "black-and-white fallacy": "Black-and-White_Fallacy",
    "thought-terminating cliché": "Thought-terminating_Cliches",
    "whataboutism": "Whataboutism,Straw_Men,Red_Herring",
    "bandwagon": "Bandwagon,Reductio_ad_hitlerum",
}
NONE = "none"
LABELS = (*TECHNIQUES, NONE)
_ALIASES = {
    "labeling": "name calling", "labelling": "name calling", "name calling labeling": "name calling",
    "name calling labelling": "name calling", "minimisation": "exaggeration",
    "minimization": "exaggeration", "exaggeration minimization": "exaggeration",
    "appeal to prejudice": "appeal to fear", "appeal to fear prejudice": "appeal to fear",
    "slogan": "slogans", "thought terminating cliche": "thought-terminating cliché",
    "thought terminating cliches": "thought-terminating cliché", "cliche": "thought-terminating cliché",
    "straw man": "whataboutism", "straw men": "whataboutism", "red herring": "whataboutism",
    "reductio ad hitlerum": "bandwagon", "black and white": "black-and-white fallacy",
    "no technique": NONE, "": None,
}


class AnnotationError(ValueError):
    """An annotation file that cannot be used, with a message that names the row and the fix."""


def _key(text: str) -> str:
    text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    return re.sub(r"[\s_\-/,]+", " ", text.casefold()).strip()


_LOOKUP = {_key(name): name for name in LABELS}
_LOOKUP |= {_key(full): name for name, full in TECHNIQUES.items()}
_LOOKUP |= {_key(alias): name for alias, name in _ALIASES.items() if name}


def normalise_label(label) -> str | None:
    """The short name of a technique label as a student may write it, or None if unknown.

    >>> normalise_label("Name_Calling,Labeling"), normalise_label("Flag waving"), normalise_label("?")
    ('name calling', 'flag-waving', None)
    """
    return _LOOKUP.get(_key(label)) if str(label).strip() else None


def _plain(text: str) -> str:
    """Text for comparing spans: case, spacing and the kind of quotation mark ignored."""
    text = re.sub("[‘’‚`´]", "'", re.sub("[“”„]", '"', str(text)))
    return re.sub(r"\s+", " ", text.casefold()).strip(" '\".,;:")


# --- loading ------------------------------------------------------------------------------
def example_annotations() -> dict[str, Path]:
    """The two example files shipped with the kit: {"A": path, "B": path} (TASS article)."""
    return {"A": ANNOTATIONS / "annotator_a.csv", "B": ANNOTATIONS / "annotator_b.csv"}


def _read_text(source) -> tuple[str, str]:
    """(text, name) of a path or of CSV text given as a StringIO."""
    if isinstance(source, io.StringIO):
        return source.getvalue(), "<annotations>"
    path = Path(source)
    if not path.is_file():
        raise AnnotationError(f"No annotation file at {str(source)!r}: give the path to a .csv file "
                              "(columns sentence, span, label).")
    data = path.read_bytes()
    if b"\x00" in data[:8192]:
        raise AnnotationError(f"{path.name} is not a text file. Save your annotations as CSV (UTF-8).")
    try:
        return data.decode("utf-8-sig"), path.name
    except UnicodeDecodeError:
        raise AnnotationError(f"{path.name} is not UTF-8 text. In your spreadsheet, save as "
                              "'CSV UTF-8 (comma delimited)'.") from None


def load_annotations(source, article=None) -> pd.DataFrame:
    """One annotator's CSV file as a table: sentence, span, label, row (its row in the file).

    `source` is a path (or CSV text in an io.StringIO). With `article` (an Article), sentence
    numbers are checked against `article.sentences()` and each span against its sentence.
    Raises AnnotationError, naming the row, for missing columns, an unknown label, a sentence
    number that is not a whole number or not in the article, a technique with no span, or a span
    that is not in its sentence.
    """
    text, name = _read_text(source)
    reader = csv.DictReader(io.StringIO(text.replace("\r\n", "\n").replace("\r", "\n")))
    header = [_key(h) for h in (reader.fieldnames or [])]
    if not header:
        raise AnnotationError(f"{name} is empty: it needs a header row 'sentence,span,label' and one row per label.")
    missing = [c for c in COLUMNS if c not in header]
    if missing:
        raise AnnotationError(f"{name}: the header row lacks the column{'s' if len(missing) > 1 else ''} "
                              f"{', '.join(missing)}; it must read 'sentence,span,label' "
                              f"(found: {','.join(reader.fieldnames)!s}).")
    reader.fieldnames = header
    sents = article.sentences().set_index("n").text if article is not None else None
    rows = []
    for raw in reader:
        row_no = reader.line_num  # the line in the file (blank lines count, as in an editor)
        if raw.get(None) or any(v is None for v in raw.values()):
            raise AnnotationError(f"{name}, row {row_no}: expected 3 values (sentence, span, label); "
                                  "a span that contains a comma must be in double quotes.")
        if not any((v or "").strip() for v in raw.values()):
            continue  # a blank line
        sentence, span, label = ((raw[c] or "").strip() for c in COLUMNS)
        if not re.fullmatch(r"\d+", sentence) or int(sentence) < 1:
            raise AnnotationError(f"{name}, row {row_no}: sentence {sentence!r} is not a sentence number "
                                  "(a whole number from 1, as in art.sentences().n).")
        n = int(sentence)
        if sents is not None and n not in sents.index:
            raise AnnotationError(f"{name}, row {row_no}: sentence {n} is not in the article, which has "
                                  f"sentences 1 to {len(sents)}.")
        canonical = normalise_label(label)
        if canonical is None:
            close = difflib.get_close_matches(_key(label), list(_LOOKUP), n=1, cutoff=0.6)
            guess = f" Did you mean '{_LOOKUP[close[0]]}'?" if close else ""
            raise AnnotationError(f"{name}, row {row_no}: label {label!r} is not a technique label.{guess} "
                                  f"Use one of: {', '.join(LABELS)}.")
        if canonical != NONE and not span:
            raise AnnotationError(f"{name}, row {row_no}: the label '{canonical}' needs a span: copy the "
                                  f"words of sentence {n} that carry it.")
        if sents is not None and span and _plain(span) not in _plain(sents[n]):
            raise AnnotationError(f"{name}, row {row_no}: the span {span!r} is not in sentence {n}; copy "
                                  "the words from the sentence as they are written.")
        rows.append((n, span, canonical, row_no))
    if not rows:
        raise AnnotationError(f"{name} has a header but no rows: add one row per label.")
    return pd.DataFrame(rows, columns=[*COLUMNS, "row"])


def _table(annotations, article=None) -> pd.DataFrame:
    if isinstance(annotations, pd.DataFrame):
        return annotations
    return load_annotations(annotations, article)


# --- comparing ------------------------------------------------------------------------------
def compare_annotations(annotations_a, annotations_b, article=None) -> pd.DataFrame:
    """The two annotators side by side, one row per sentence (in order): sentence, label_a,
    span_a, label_b, span_b, agree (the main labels are the same), also_a, also_b (their other
    labels, joined with "; "). Each argument is a table from `load_annotations` or a path.

    Raises AnnotationError when a sentence is labelled in one file and not in the other.
    """
    a, b = _table(annotations_a, article), _table(annotations_b, article)
    only_a = sorted(set(a.sentence) - set(b.sentence))
    only_b = sorted(set(b.sentence) - set(a.sentence))
    if only_a or only_b:
        parts = [f"sentence{'s' if len(s) > 1 else ''} {', '.join(map(str, s))} only in {who}'s file"
                 for s, who in ((only_a, "A"), (only_b, "B")) if s]
        raise AnnotationError("The two files must label the same sentences: " + "; ".join(parts) + ".")
    rows = []
    for n in sorted(set(a.sentence)):
        ra, rb = a[a.sentence == n], b[b.sentence == n]
        rows.append((int(n), ra.label.iloc[0], ra.span.iloc[0], rb.label.iloc[0], rb.span.iloc[0],
                     ra.label.iloc[0] == rb.label.iloc[0],
                     "; ".join(ra.label.iloc[1:]), "; ".join(rb.label.iloc[1:])))
    return pd.DataFrame(rows, columns=["sentence", "label_a", "span_a", "label_b", "span_b", "agree",
                                       "also_a", "also_b"])


def disagreements(annotations_a, annotations_b, article=None) -> pd.DataFrame:
    """The sentences whose main labels differ: the rows of `compare_annotations` with agree False."""
    both = compare_annotations(annotations_a, annotations_b, article)
    return both[~both.agree].drop(columns="agree").reset_index(drop=True)


def _labels(seq, name: str) -> list:
    labels = list(seq)
    for i, lab in enumerate(labels):
        if lab is None or (isinstance(lab, float) and lab != lab):
            raise ValueError(f"cohen_kappa: {name} has no label at position {i}: give every item a label "
                             "(use 'none' for no technique).")
    return labels


def cohen_kappa(a, b) -> float:
    """Cohen's kappa of two annotators' labels for the same items, in the same order.

    kappa = (p_o - p_e) / (1 - p_e): p_o is the observed share of agreement, p_e the agreement
    expected by chance from each annotator's label frequencies. When p_e is 1 (both annotators
    gave every item one and the same label) kappa is 0/0; we return 1.0, since they agree on
    every item, and a reader should note that such data cannot show chance-corrected agreement.
    Raises ValueError for sequences of different lengths, empty ones, or a missing label.
    """
    a, b = _labels(a, "the first sequence"), _labels(b, "the second sequence")
    if len(a) != len(b):
        raise ValueError(f"cohen_kappa: the two sequences must have the same length (got {len(a)} and "
                         f"{len(b)}): one label per item from each annotator, in the same order.")
    if not a:
        raise ValueError("cohen_kappa: the sequences are empty: there is nothing to agree on.")
    n = len(a)
    p_o = sum(x == y for x, y in zip(a, b)) / n
    count_a, count_b = Counter(a), Counter(b)
    chance = sum(count_a[label] * count_b[label] for label in count_a)
    if chance == n * n:  # p_e == 1: one and the same label everywhere
        return 1.0
    p_e = chance / (n * n)
    return (p_o - p_e) / (1 - p_e)
