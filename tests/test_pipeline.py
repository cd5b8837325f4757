"""The notebook pipeline: solutions are the source of exercises and of the answer key."""
import json
import re
import shutil
import sys
from pathlib import Path

import nbformat
import pytest

from medialit.checks import MIME
from medialit.course.build import build
from medialit.course.lessons import LESSONS
from medialit.course.build_steps import BEGIN, END, BuildError, Context, EXERCISE_STEPS, check_call, run_steps

ROOT = Path(__file__).resolve().parents[1]
STEMS = {kind: sorted(p.stem for p in (ROOT / kind).glob("*.ipynb"))
         for kind in ("notebooks", "solutions", "exercises")}
SOLUTIONS = sorted((ROOT / "solutions").glob("*.ipynb"))
EXERCISES = sorted((ROOT / "exercises").glob("*.ipynb"))


def records(path):
    """(question, record) for every self-check cell of a stored notebook."""
    nb = nbformat.read(path, as_version=4)
    for cell in nb.cells:
        if cell.cell_type == "code" and (call := check_call(cell.source)):
            outs = [o["data"][MIME] for o in cell.outputs if MIME in o.get("data", {})]
            yield call[0], (outs[0] if outs else None)


def copy_kit(tmp_path):
    for folder in ("notebooks", "solutions", "exercises"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    (tmp_path / "medialit" / "data").mkdir(parents=True)
    shutil.copy(ROOT / "medialit/data/answer_key.json", tmp_path / "medialit/data/answer_key.json")
    (tmp_path / "docs").mkdir()
    shutil.copy(ROOT / "docs/rubrics.md", tmp_path / "docs/rubrics.md")
    return tmp_path


def test_the_three_folders_hold_the_same_lessons():
    assert STEMS["notebooks"] == STEMS["solutions"] == STEMS["exercises"]
    assert set(STEMS["notebooks"]) <= {lesson.stem for lesson in LESSONS.values()}
    assert {"00_start_here", "01_anatomy_of_an_article"} <= set(STEMS["notebooks"])


# The house rules (line length, answer-region size) fail the build: the sync tests build strictly.
DRAFT = False


def test_exercises_and_keys_are_in_sync_with_solutions():
    assert build(check=True, strict=not DRAFT, log=lambda message: None) == []


def test_cli_build_check_exits_zero(capsys, monkeypatch):
    """`python -m medialit build --check` on the kit itself (run in this process)."""
    from medialit.__main__ import main

    monkeypatch.chdir(ROOT)
    code = main(["build", "--check", *(["--draft"] * DRAFT)])
    said = capsys.readouterr()
    assert code == 0, said.out + said.err


def test_a_drifted_exercise_is_caught(tmp_path):
    root = copy_kit(tmp_path)
    path = root / "exercises" / "01_anatomy_of_an_article.ipynb"
    nb = nbformat.read(path, as_version=4)
    nb.cells[3].source += "\n# edited by hand"
    nbformat.write(nb, path)
    assert build(root=root, check=True, strict=False, log=print) == ["exercises/01_anatomy_of_an_article.ipynb"]


def test_a_changed_solution_answer_changes_the_key(tmp_path):
    root = copy_kit(tmp_path)
    path = root / "solutions" / "01_anatomy_of_an_article.ipynb"
    nb = nbformat.read(path, as_version=4)
    cell = next(c for c in nb.cells if check_call(c.source) and check_call(c.source)[0] == "01.1")
    cell.outputs[0]["data"][MIME]["answer"] += 1
    nbformat.write(nb, path)
    stale = build(root=root, check=True, strict=False, log=print)
    assert "medialit/data/answer_key.json" in stale and "solutions/answer_key.json" in stale


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_check_in_every_solution_passes(path):
    found = list(records(path))
    assert found, f"{path.name} has no self-check"
    for question, record in found:
        assert record and record["status"] == "correct", f"{path.name}: {question} is {record}"


@pytest.mark.parametrize("path", EXERCISES, ids=lambda p: p.stem)
def test_blank_exercises_say_not_answered_yet(path):
    found = list(records(path))
    assert found and all(r["status"] == "unanswered" for _, r in found)
    nb = nbformat.read(path, as_version=4)
    source = "\n".join(c.source for c in nb.cells)
    assert BEGIN not in source and END not in source and "raise NotImplementedError" not in source
    for cell in nb.cells:
        if cell.cell_type == "code" and not check_call(cell.source):
            assert cell.outputs == [] and cell.execution_count is None


@pytest.mark.parametrize("stem", STEMS["solutions"])
def test_exercise_has_the_same_non_answer_cells_as_its_solution(stem):
    sol = nbformat.read(ROOT / "solutions" / f"{stem}.ipynb", as_version=4)
    ex = nbformat.read(ROOT / "exercises" / f"{stem}.ipynb", as_version=4)
    keep = [c for c in sol.cells if "instructor" not in c.metadata.get("tags", [])]
    assert [c.id for c in keep] == [c.id for c in ex.cells]
    for s, e in zip(keep, ex.cells):
        if "nav" in s.metadata.get("tags", []):
            assert e.source.startswith("[← Exercise") or e.source.startswith("[Course map]")
        elif BEGIN not in s.source and "written-answer" not in s.metadata.get("tags", []):
            assert s.source == e.source, f"{stem}: cell {s.id} differs"
    assert ex.metadata["medialit"] == {"lesson": stem[:2], "kind": "exercise"}


def plain_key():
    return json.loads((ROOT / "solutions" / "answer_key.json").read_text(encoding="utf-8"))


def plain_answers():
    """(question, answer) for every whole text or written answer long enough not to occur by
    chance. Items of a set or dict answer are not whole answers (a question may name the items
    to sort); they are checked against the hashed key below."""
    for qid, entry in plain_key().items():
        answer = entry.get("answer")  # a chart has a spec, no answer
        if isinstance(answer, str) and (len(answer) >= 12 or entry["type"] == "written"):
            yield qid, answer.strip()


def test_the_hashed_key_names_no_answer_item():
    hashed = (ROOT / "medialit/data/answer_key.json").read_text(encoding="utf-8").casefold()
    for qid, entry in plain_key().items():
        answers = [entry.get("answer"), *(m["answer"] for m in entry.get("mistakes", []))]
        items = [item for answer in answers for item in
                 (answer if isinstance(answer, list) else [*answer.items()] if isinstance(answer, dict) else [answer])]
        for item in items:
            text = json.dumps(item, ensure_ascii=False).casefold()
            assert len(text) < 6 or text not in hashed, f"{qid}: {text} in the hashed key"


@pytest.mark.parametrize("stem", STEMS["solutions"])
def test_no_solution_code_reaches_the_exercise(stem):
    sol = (ROOT / "solutions" / f"{stem}.ipynb").read_text(encoding="utf-8")
    ex = nbformat.read(ROOT / "exercises" / f"{stem}.ipynb", as_version=4)
    exercise_code = "\n".join(c.source for c in ex.cells if c.cell_type == "code")
    regions = re.findall(re.escape(BEGIN) + r"(.*?)" + re.escape(END),
                         "\n".join(c.source for c in nbformat.reads(sol, as_version=4).cells), re.S)
    assert regions
    for region in regions:
        for line in region.splitlines():
            if len(line.strip()) > 20 and not line.lstrip().startswith("#"):  # comments instruct
                assert line.strip() not in exercise_code, f"{stem}: solution line in the exercise"


def student_text(files=None):
    files = files or [*EXERCISES, *(ROOT / "medialit").rglob("*.py"), *(ROOT / "medialit" / "data").glob("*")]
    return "\n".join(p.read_text(encoding="utf-8").casefold() for p in files if p.is_file())


def test_no_answer_in_plain_text_in_student_files():
    """No answer in exercises/ or medialit/. An answer that is a phrase of the article itself
    (a name, a subheading) may appear in the package's data and examples, not in exercises/."""
    from medialit import load_article
    article = load_article().text.casefold().replace("’", "'")
    everywhere, exercises = student_text(), student_text(EXERCISES)
    answers = list(plain_answers())
    assert answers, "the instructor key lists answers to look for"
    leaked = [(qid, a) for qid, a in answers
              if a.casefold() in (exercises if a.casefold() in article else everywhere)]
    assert not leaked


def test_the_leak_test_would_catch_a_leak():
    qid, answer = next(plain_answers())
    assert answer.casefold() not in student_text()
    assert answer.casefold() in (student_text() + answer).casefold()


def _solution(cells):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_code_cell(c) for c in cells]
    return nb


@pytest.mark.parametrize("cells, message", [
    ([f"{BEGIN}\nx = 1\n{BEGIN}\n{END}"], "inside another"),
    ([f"{BEGIN}\nx = 1"], "never closed"),
    ([f"x = 1\n{END}"], "without"),
    ([f"{BEGIN}\nx = 1\n{END}", 'check("01.1", x + 1)'], "cell of its own"),
])
def test_bad_markup_fails_loudly(cells, message):
    ctx = Context(LESSONS["01"], "exercise", "solutions/test.ipynb", ROOT)
    with pytest.raises(BuildError, match=message):
        run_steps(_solution(cells), EXERCISE_STEPS, ctx)


def test_solution_region_becomes_a_placeholder():
    ctx = Context(LESSONS["01"], "exercise", "solutions/test.ipynb", ROOT)
    nb = run_steps(_solution([f"setup = 1\n{BEGIN}\nhelper = 2\nanswer = helper * 3\n{END}\nanswer",
                              'check("01.1", answer)', f"{BEGIN}\nplot()\n{END}"]), EXERCISE_STEPS, ctx)
    sources = [c.source for c in nb.cells if c.cell_type == "code"]
    assert sources == ["setup = 1\nanswer = ...  # your answer\nanswer", 'check("01.1", answer)',
                       "# Your code here"]


# Figures from the verified context that notebooks may state in prose (teaching notes, with sources).
CONTEXT_FIGURES = {"191,369", "16,913", "1,048", "2268", "1093", "2014", "2011"}


def test_every_figure_in_prose_is_the_articles_or_a_sourced_context_figure():
    """A figure typed in Markdown must be quoted from a seed text or from the verified context;
    derived figures belong in code cells, where they are computed."""
    article = " ".join(p.read_text(encoding="utf-8") for p in sorted((ROOT / "seeds").glob("*.txt")))
    article += " " + article.replace(",", "")  # 12,800 may be written 12800 (any seed: a text students read)
    allowed = set(CONTEXT_FIGURES) | set(re.findall(r"\d[\d,]*", (ROOT / "medialit/data/context.csv").read_text()))
    typed = []
    for folder in ("notebooks", "solutions"):
        for path in sorted((ROOT / folder).glob("*.ipynb")):
            nb = nbformat.read(path, as_version=4)
            for cell in nb.cells:
                if cell.cell_type != "markdown" or "written-answer" in cell.metadata.get("tags", []):
                    continue
                prose = re.sub(r"`[^`]*`", "", cell.source)  # inline code is code, not a claim
                for figure in re.findall(r"(?<![\w.])\d{1,3}(?:,\d{3})+(?![\d,])|(?<![\w.,])\d{3,}(?![\w,])", prose):
                    is_year = re.fullmatch(r"(19|20)\d\d", figure)
                    if figure not in article and figure not in allowed and not is_year:
                        typed.append(f"{path.parent.name}/{path.name}: {figure}")
    assert not typed


# --- the keys: stretch items, rubrics, common mistakes, charts ---------------------------------

from medialit.answers import verdict  # noqa: E402
from medialit.checks import _record  # noqa: E402
from medialit.course.build import harvest  # noqa: E402
from medialit.course.build_steps import (SOURCE_STEPS, ValidateKeyMetadata, ValidateShape,  # noqa: E402
                                         region_lengths, shape_problems)


def check_cell(qid, name, value, decimals=None, tags=(), **medialit):
    source = f'check("{qid}", {name}' + (f", decimals={decimals})" if decimals else ")")
    cell = nbformat.v4.new_code_cell(source, metadata={"tags": list(tags)})
    if medialit:
        cell.metadata["medialit"] = medialit
    cell.outputs = [nbformat.v4.new_output("display_data", data={"text/plain": "", MIME: _record(value, decimals)})]
    return cell


def written_cell(qid, text, tags=(), **medialit):
    return nbformat.v4.new_markdown_cell(text, metadata={"tags": ["written-answer", *tags],
                                                         "medialit": {"question": qid, **medialit}})


RUBRIC = [{"criterion": "names who speaks and who does not", "points": 1},
          {"criterion": "quotes the article", "points": 1}]
MISTAKE = {"answer": 8.12, "message": "You used the rounded figures; which figures does the question ask for?"}


def key_notebook(figure=None):
    nb = nbformat.v4.new_notebook()
    nb.cells = [nbformat.v4.new_markdown_cell("**Exercise 01.1.** Compute it. Hint: divide."),
                nbformat.v4.new_code_cell(f"{BEGIN}\nratio = 8.0468\n{END}"),
                check_cell("01.1", "ratio", 8.0468, decimals=2, mistakes=[MISTAKE]),
                nbformat.v4.new_markdown_cell("**Exercise 01.2.** Who speaks?"),
                written_cell("01.2", "Only Antonov speaks.", rubric=RUBRIC, points=2),
                nbformat.v4.new_markdown_cell("**Stretch 01.3.** Name them all."),
                check_cell("01.3", "names", ["a", "b"], tags=["stretch"])]
    if figure is not None:
        nb.cells.append(check_cell("01.4", "fig", figure, rubric=RUBRIC[:1]))
    return nb


def test_the_keys_carry_mistakes_rubrics_stretch_and_charts():
    plt = pytest.importorskip("matplotlib.pyplot")
    fig, ax = plt.subplots()
    ax.bar(["a", "b"], [1, 2])
    ax.set_title("t")
    hashed, plain = harvest({"01": key_notebook(fig)})
    plt.close(fig)
    q = hashed["questions"]
    assert q["01.1"]["points"] == 1 and len(q["01.1"]["mistakes"]) == 1
    assert q["01.1"]["mistakes"][0]["message"] == MISTAKE["message"]
    assert verdict("01.1", 8.12, q["01.1"]).feedback == MISTAKE["message"]
    assert verdict("01.1", 8.05, q["01.1"]).correct
    assert plain["01.1"]["mistakes"] == [MISTAKE] and plain["01.1"]["answer"] == 8.05
    assert q["01.2"]["type"] == "written" and "rubric" not in q["01.2"] and q["01.2"]["points"] == 0
    assert plain["01.2"]["rubric"] == RUBRIC and plain["01.2"]["points"] == 2
    assert q["01.3"]["stretch"] is True and q["01.3"]["points"] == 0 and plain["01.3"]["stretch"] is True
    assert q["01.4"]["type"] == "figure" and q["01.4"]["points"] == 0
    assert q["01.4"]["spec"]["n_bars"] == 2 and q["01.4"]["spec"]["title"] is True
    assert plain["01.4"]["rubric"] == RUBRIC[:1] and plain["01.4"]["points"] == 1
    student_key = json.dumps(hashed)
    assert "8.12" not in student_key and "names who speaks" not in student_key and "Antonov" not in student_key


@pytest.mark.parametrize("mistake, message", [
    ({"answer": 8.0501, "message": "close"}, r"would be accepted as correct: it is within the tolerance \(±0.01\)"),
    ({"answer": "eight", "message": "words"}, "not an answer of this question's type"),
    ({"answer": 8.12}, '"mistakes" must be a list'),
    ({"answer": 8.12, "message": "  "}, '"mistakes" must be a list'),
])
def test_bad_mistakes_fail_the_build(mistake, message):
    nb = key_notebook()
    nb.cells[2] = check_cell("01.1", "ratio", 8.0468, decimals=2, mistakes=[mistake])
    with pytest.raises(BuildError, match=message):
        harvest({"01": nb})


@pytest.mark.parametrize("medialit, message", [
    ({"rubric": [{"criterion": "x", "points": 0}]}, '"rubric" must be a list'),
    ({"rubric": [{"points": 1}]}, '"rubric" must be a list'),
    ({"rubric": "be fair"}, '"rubric" must be a list'),
    ({"rubric": RUBRIC, "points": 3}, "add up to 2"),
])
def test_bad_rubrics_fail_the_build(medialit, message):
    nb = key_notebook()
    nb.cells[4] = written_cell("01.2", "Only Antonov speaks.", **medialit)
    ctx = Context(LESSONS["01"], "solution", "solutions/test.ipynb", ROOT)
    with pytest.raises(BuildError, match=message):
        ValidateKeyMetadata()(nb, ctx)
    with pytest.raises(BuildError, match=message):
        harvest({"01": nb})


def test_a_written_answer_without_rubric_is_a_warning():
    nb = key_notebook()
    nb.cells[4] = written_cell("01.2", "Only Antonov speaks.")
    ctx = Context(LESSONS["01"], "solution", "solutions/test.ipynb", ROOT)
    ValidateKeyMetadata()(nb, ctx)
    assert len(ctx.warnings) == 1 and "cell 5: the written answer has no rubric" in ctx.warnings[0]


def test_the_exercise_keeps_stretch_cells_and_no_key_metadata():
    ctx = Context(LESSONS["01"], "exercise", "solutions/test.ipynb", ROOT)
    ex = run_steps(key_notebook(), EXERCISE_STEPS, ctx)
    text = json.dumps(ex)
    assert "mistakes" not in text and "8.12" not in text and "rubric" not in text and "names who speaks" not in text
    written = next(c for c in ex.cells if "written-answer" in c.metadata.get("tags", []))
    assert written.metadata["medialit"] == {"question": "01.2"}
    assert any("stretch" in c.metadata.get("tags", []) for c in ex.cells)


def test_a_stretch_answer_and_its_check_are_tagged_together():
    nb = _solution([f"{BEGIN}\nnames = 1\n{END}", 'check("01.3", names)'])
    nb.cells[0].metadata["tags"] = ["stretch"]
    ctx = Context(LESSONS["01"], "solution", "solutions/test.ipynb", ROOT)
    with pytest.raises(BuildError, match="cell 2: the self-check of 01.3 and its answer cell"):
        run_steps(nb, SOURCE_STEPS, ctx)
    nb.cells[1].metadata["tags"] = ["stretch"]
    run_steps(nb, SOURCE_STEPS, ctx)


# --- house rules ------------------------------------------------------------------------------

def test_region_lengths_count_code_lines():
    assert region_lengths(f"a = 1\n{BEGIN}\n# a comment\n\nx = 2\ny = 3\n{END}\n{BEGIN}\nz = 1\n{END}") == [2, 1]


def test_long_regions_and_lines_are_house_rule_breaks():
    long_region = f"{BEGIN}\na = 1\nb = 2\nc = a + b\n{END}"
    nb = _solution([long_region, "x = '" + "y" * 90 + "'"])
    ctx = Context(LESSONS["01"], "solution", "solutions/test.ipynb", ROOT)
    ValidateShape()(nb, ctx)
    assert len(ctx.breaks) == 2
    assert "cell 1: the solution region has 3 code lines" in ctx.breaks[0]
    assert "cell 2, line 1: 96 characters" in ctx.breaks[1]
    nb.cells[0].metadata["tags"] = ["stretch"]
    nb.cells[1].metadata["tags"] = ["instructor"]
    assert shape_problems(nb, "solutions/test.ipynb", "solution") == []
    assert shape_problems(_solution([long_region]), "notebooks/x.ipynb", "lesson") == []


def test_house_rule_breaks_fail_the_build_together_unless_draft(tmp_path):
    root = copy_kit(tmp_path)
    for stem in ("01_anatomy_of_an_article", "02_framing_words"):
        path = root / "solutions" / f"{stem}.ipynb"
        nb = nbformat.read(path, as_version=4)
        nb.cells.append(nbformat.v4.new_code_cell("x = '" + "y" * 250 + "'"))
        nbformat.write(nb, path)
    with pytest.raises(BuildError) as err:
        build(root=root, check=True, log=lambda message: None)
    message = str(err.value)
    assert "01_anatomy_of_an_article.ipynb" in message and "02_framing_words.ipynb" in message
    assert "--draft" in message
    said = []
    build(root=root, check=True, strict=False, log=said.append)
    assert sum("256 characters" in line for line in said) == 2


def _stored(kind):
    folder = {"lesson": "notebooks", "solution": "solutions"}[kind]
    return [(p, kind) for p in sorted((ROOT / folder).glob("*.ipynb"))]


@pytest.mark.parametrize("path, kind", _stored("lesson") + _stored("solution"), ids=lambda v: getattr(v, "stem", v))
def test_house_rules_hold_in_every_lesson_and_solution(path, kind):
    nb = nbformat.read(path, as_version=4)
    assert shape_problems(nb, f"{path.parent.name}/{path.name}", kind) == []


@pytest.mark.parametrize("path", SOLUTIONS, ids=lambda p: p.stem)
def test_every_written_answer_has_a_rubric(path):
    nb = nbformat.read(path, as_version=4)
    ctx = Context(LESSONS[path.stem[:2]], "solution", path.name, ROOT)
    ValidateKeyMetadata()(nb, ctx)
    assert ctx.warnings == []


def test_a_computed_mistake_follows_the_data(monkeypatch):
    """A common mistake given as an expression is evaluated after its check cell, in the
    solution's own namespace, and its answer updated; the probe cell leaves no trace."""
    import IPython.display

    from medialit.course import build as build_mod

    check = nbformat.v4.new_code_cell('check("06.2", outlet_share)', execution_count=2)
    check.metadata["medialit"] = {"mistakes": [
        {"answer": 59, "computed": "round(outlet_share * 100)", "message": "a percentage"},
        {"answer": 7, "message": "typed, not computed"}]}
    nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("outlet_share = 0.53", execution_count=1),
                                         check, nbformat.v4.new_code_cell("x = 1", execution_count=4)])
    probes = build_mod._add_probes(nb)
    assert [c.source for c in nb.cells].index(probes[0][0].source) == 2
    shown = []
    monkeypatch.setattr(IPython.display, "display", lambda data, raw=False: shown.append(data))
    namespace = {"outlet_share": 0.53}
    exec(probes[0][0].source, namespace)  # what the kernel runs after the check cell
    probes[0][0].outputs = [nbformat.v4.new_output("display_data", data=shown[0])]
    build_mod._read_probe(*probes[0])
    assert [m["answer"] for m in check.metadata["medialit"]["mistakes"]] == [53, 7]
    assert set(namespace) == {"outlet_share", "__builtins__"}  # the probe's names are gone again
    nb.cells = [c for c in nb.cells if c is not probes[0][0]]
    build_mod._renumber(nb)
    assert [c.execution_count for c in nb.cells] == [1, 2, 3]


def test_a_computed_mistake_that_fails_is_a_clear_build_error():
    from medialit.course import build as build_mod

    check = nbformat.v4.new_code_cell('check("06.2", outlet_share)')
    check.metadata["medialit"] = {"mistakes": [{"answer": 1, "computed": "nope * 100", "message": "m"}]}
    probe = nbformat.v4.new_code_cell("")
    probe.outputs = [nbformat.v4.new_output("display_data", data={
        build_mod.PROBE: [{"error": "NameError: name 'nope' is not defined"}]})]
    with pytest.raises(BuildError, match="'nope \\* 100'.*could not be computed: NameError"):
        build_mod._read_probe(probe, check)
