"""`python -m medialit handouts`: the printable classroom pack covers every paper activity of the
teaching guide, numbers every paragraph of the article, and keeps model answers off the students' sheets."""
import html
import re
from pathlib import Path

import pytest

import medialit as ml
from medialit.__main__ import main
from medialit.course.handouts import write_handouts
from medialit.course.printable import PAPERS, numbered_lines
from medialit.course.worksheets import WORKSHEETS, lesson_value
from test_pipeline import plain_key

ROOT = Path(__file__).resolve().parents[1]
GUIDE = (ROOT / "docs" / "teaching-guide.md").read_text(encoding="utf-8")
# Words that, in a lesson's "How to run it", ask students to do something on paper or before the code.
ACTIVITY = re.compile(r"on paper|by eye|highlighter|before any code|pair work|\bguess|\brank\b|\bpredict|"
                      r"have pairs|give pairs|write their first impressions", re.I)
LINE = re.compile(r'<div class="line (\w+)"><span class="ln">(\d+)</span><span class="pn">(?:¶(\d+))?</span>'
                  r'<span class="tx">(.*?)</span></div>')


@pytest.fixture(scope="module")
def pack(tmp_path_factory):
    out = tmp_path_factory.mktemp("handouts")
    write_handouts(out)
    return out


def plain(text: str) -> str:
    """Visible text of a page (or an answer), for comparing: tags, markdown and spacing removed."""
    text = html.unescape(re.sub(r"<[^>]+>", " ", text)).replace("*", "")
    return re.sub(r"\s+", " ", text.replace("’", "'").replace("‘", "'")).strip().casefold()


def lesson_sections() -> dict[str, str]:
    """Each lesson's "How to run it" text in the guide (a paragraph, or a list of bullets in 06)."""
    sections = {}
    for number, body in re.findall(r"^## (\d\d) · .*?\n(.*?)(?=^## |\Z)", GUIDE, re.S | re.M):
        how = re.search(r"\*\*How to run it\.\*\*(.*?)(?=\n\*\*[A-Z]|\Z)", body, re.S)
        sections[number] = re.sub(r"\s+", " ", how.group(1)) if how else ""
    return sections


def test_every_paper_activity_of_the_guide_has_a_worksheet():
    sections = lesson_sections()
    assert set(sections) >= {"00", "02", "04", "05"}
    asked = [(number, sentence) for number, text in sections.items()
             for sentence in re.split(r"(?<=[.:;])\s+", text) if ACTIVITY.search(sentence)]
    assert len(asked) >= 8  # highlighting (04), the Entman table (02), the headline rewrite (05), ...
    for number, sentence in asked:
        cues = [cue for w in WORKSHEETS if w.lesson == number for cue in w.cues]
        assert any(cue in sentence for cue in cues), f"lesson {number}: no worksheet for: {sentence}"


def test_every_worksheet_names_an_activity_the_guide_still_prescribes():
    sections = lesson_sections()
    for w in WORKSHEETS:
        assert all(cue in sections[w.lesson] for cue in w.cues), (w.slug, w.cues)


def test_each_paper_size_has_every_handout_and_its_page_size(pack):
    for paper, size in PAPERS.items():
        names = {p.stem for p in (pack / "students" / paper).glob("*.html")}
        assert names == {"article"} | {w.slug for w in WORKSHEETS}
        for page in [*(pack / "students" / paper).glob("*.html"), pack / "teacher" / paper / "answer-sheet.html"]:
            css = page.read_text(encoding="utf-8")
            assert f"@page {{ size: {size};" in css and "tr, .box, .keep { break-inside: avoid; }" in css, page


def article_lines(page: Path) -> list[tuple[str, int, int | None, str]]:
    return [(role, int(n), int(p) if p else None, plain(text))
            for role, n, p, text in LINE.findall(page.read_text(encoding="utf-8"))]


@pytest.mark.parametrize("seed", [None, "invented-local-council-bus-lanes"])
def test_the_article_handout_has_every_paragraph_with_its_number(tmp_path, seed):
    if seed:
        assert main(["handouts", "--out", str(tmp_path), "--seed", seed]) == 0
    else:
        write_handouts(tmp_path)
    art = ml.load_article(seed) if seed else ml.load_article()
    for paper in PAPERS:
        lines = article_lines(tmp_path / "students" / paper / "article.html")
        assert [n for _, n, _, _ in lines] == list(range(1, len(lines) + 1))  # lines numbered 1, 2, 3, ...
        numbers = [p for _, _, p, _ in lines if p is not None]
        assert numbers == list(art.paragraphs.n)  # each paragraph numbered once, as in the notebooks
        text: dict[int, list[str]] = {}
        current = None
        for _, _, p, words in lines:
            current = p or current
            text.setdefault(current, []).append(words.removesuffix(" (page menu)"))
        for row in art.paragraphs.itertuples():
            assert " ".join(text[row.n]) == plain(row.text), row.n


def test_line_references_point_at_the_words():
    art = ml.load_article()
    lines = numbered_lines(art)
    assert all(0 < line.end - line.start <= 68 for line in lines)
    squeeze = lambda text: re.sub(r"\s+", "", text)
    assert squeeze("".join(art.text[l.start:l.end] for l in lines)) == squeeze(art.text)  # all, once, in order


def model_answer_sentences():
    """Sentences of eight words or more of every written model answer, and every other answer
    long enough not to occur by chance, that are not words of the article itself."""
    article = plain(ml.load_article().text)
    for qid, entry in plain_key().items():
        answer = entry.get("answer")
        if not isinstance(answer, str) or (len(answer) < 12 and entry["type"] != "written"):
            continue
        pieces = re.split(r"(?<=[.?!:;])\s+|\(\d\)", plain(answer)) if entry["type"] == "written" else [plain(answer)]
        for piece in pieces:
            if (len(piece.split()) >= 8 or entry["type"] != "written") and piece not in article:
                yield qid, piece


def lesson_answers():
    """The lesson's own readings the answer sheet quotes: the Entman table (02) and the rewrite (05)."""
    entman = lesson_value("02", "entman")
    rewrite = lesson_value("05", "rewrite")
    assert entman and isinstance(rewrite, str)
    return [plain(reading) for _, reading, _ in entman] + [plain(p) for p in rewrite.split("\n\n")]


def test_no_model_answer_on_a_students_sheet(pack):
    answers = list(model_answer_sentences())
    assert len(answers) > 30
    students = plain(" ".join(p.read_text(encoding="utf-8") for p in (pack / "students").rglob("*.html")))
    leaked = [(qid, a) for qid, a in answers if a in students]
    assert not leaked
    assert not [a for a in lesson_answers() if a in students]


def test_the_answer_sheet_has_the_model_answers(pack):
    """The same sentences are on the teacher's sheet: the test above looks for text that can be there."""
    teacher = plain((pack / "teacher" / "a4" / "answer-sheet.html").read_text(encoding="utf-8"))
    assert "do not hand out" in teacher
    found = {qid for qid, a in model_answer_sentences() if a in teacher}
    assert {"00.1", "02.7", "03.7", "04.8"} <= found
    assert all(a in teacher for a in lesson_answers())


def test_another_article_gets_no_tass_model_answers(tmp_path):
    write_handouts(tmp_path, "invented-local-council-bus-lanes")
    teacher = plain((tmp_path / "teacher" / "a4" / "answer-sheet.html").read_text(encoding="utf-8"))
    assert "no model answers from the answer key here" in teacher
    assert not [qid for qid, a in model_answer_sentences() if a in teacher]


@pytest.mark.parametrize("args, says", [
    (["--out", "FILE"], "cannot write to the output folder"),
    (["--out", "FILE/sub"], "cannot write to the output folder"),
    (["--out", "DIR", "--seed", "no-such-article"], "no-such-article"),
])
def test_a_bad_out_path_or_seed_gives_one_line(tmp_path, capsys, args, says):
    (tmp_path / "FILE").write_text("mine")
    args = [a.replace("FILE", str(tmp_path / "FILE")).replace("DIR", str(tmp_path / "pack")) for a in args]
    assert main(["handouts", *args]) == 2
    err = capsys.readouterr().err
    assert err.startswith("handouts: error: ") and says in err and err.count("\n") == 1, err
    assert (tmp_path / "FILE").read_text() == "mine"  # nothing lost
    assert not (tmp_path / "pack").exists()  # nothing half-made
