"""`python -m medialit report`: a self-contained annotated HTML page of any article."""
import base64
import contextlib
import io
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

import medialit as ml
from medialit.__main__ import main
from medialit.report import CATEGORIES

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
TASS = "tass-2016-10-07-syria-commitments"
BUS = "invented-local-council-bus-lanes"
INVENTED = sorted(p.stem for p in SEEDS.glob("*.json")
                  if json.loads(p.read_text(encoding="utf-8")).get("invented") is True and p.with_suffix(".txt").exists())
CODES = {"scare quote": "SQ", "loaded term": "LT", "passive": "PA", "quotation": "QU",
         "attribution": "AT", "number": "NU"}


def run(*args, cwd=ROOT):
    return subprocess.run([sys.executable, "-m", "medialit", "report", *map(str, args)],
                          capture_output=True, text=True, cwd=cwd, timeout=120)


def run_in_process(*args) -> tuple[int, str, str]:
    """`python -m medialit report ...` in this process: (exit status, stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(["report", *map(str, args)])
        except SystemExit as exit_:
            code = exit_.code
    return code, out.getvalue(), err.getvalue()


@pytest.fixture(scope="module")
def pages(tmp_path_factory):
    """The report of each seed, written by the command's entry point (the real process is
    tested once below, and must write the same bytes)."""
    out = tmp_path_factory.mktemp("reports")
    written = {}
    for seed in [TASS, *INVENTED]:
        code, stdout, stderr = run_in_process(seed, "--out", out / f"{seed}.html")
        assert code == 0 and not stderr, stderr
        assert stdout.startswith("wrote ") and "Open it in a browser" in stdout
        written[seed] = (out / f"{seed}.html").read_text(encoding="utf-8")
    return written


def test_the_invented_local_news_seed_is_there():
    assert BUS in INVENTED


@pytest.mark.parametrize("seed", [TASS, *INVENTED])
def test_every_category_with_the_finders_counts(pages, seed):
    page, art = pages[seed], ml.load_article(seed)
    for label, finder, heading, *_ in CATEGORIES:
        n = len(finder(art))
        assert n > 0, f"{seed}: no {label} (the sample articles have every kind)"
        code = CODES[label]
        row = re.search(rf'<tr data-category="{label}">.*?<td class="count">(\d+)</td>', page)
        assert row and int(row.group(1)) == n, label
        assert page.count(f">[{code}]</sup>") == n, label  # each mark in the text carries its code
        assert f"[{code}]</b> — " in page and f"{n} span" in page  # the legend
        assert f"<h3>{heading} " in page  # the table of the finder's rows
    assert "Key to the marks" in page and "Text version" in page
    assert ml.load_article(seed).headline.replace("’", "&#x27;") in page or ml.load_article(seed).headline in page


@pytest.mark.parametrize("seed", [TASS, *INVENTED])
def test_self_contained_with_a_figure(pages, seed):
    page = pages[seed]
    assert page.startswith("<!DOCTYPE html>") and '<meta charset="utf-8">' in page
    assert "<script" not in page.lower() and "<link" not in page.lower()
    assert not re.search(r'(?:src|href)="(?!data:|#)', page)  # nothing fetched from anywhere
    images = re.findall(r'<img alt="([^"]+)" src="data:image/png;base64,([^"]+)"', page)
    assert len(images) == 1 and "hatched" in images[0][0]
    assert base64.b64decode(images[0][1])[:8] == b"\x89PNG\r\n\x1a\n"
    assert "/work/" not in page and str(ROOT) not in page  # no absolute paths


def test_metadata_and_the_invented_banner(pages):
    tass = pages[TASS]
    assert "INVENTED FOR TEACHING" not in tass
    assert "<dd>TASS</dd>" in tass and "7 October 2016" in tass and f"{TASS}.txt" in tass
    for seed in INVENTED:
        assert 'class="banner"' in pages[seed] and "INVENTED FOR TEACHING" in pages[seed]
    bus = pages[BUS]
    assert "Invented for teaching (media-literacy course kit)" in bus and "14 March 2024" in bus


def test_same_bytes_twice(pages, tmp_path):
    assert main(["report", BUS, "--out", str(tmp_path / "again.html")]) == 0
    assert (tmp_path / "again.html").read_text(encoding="utf-8") == pages[BUS]  # written in the fixture


def test_any_txt_article_works_without_metadata(tmp_path, capsys):
    text = ("Storm closes coastal road\n\n"
            "Residents were told to stay home after waves damaged the sea wall.\n\n"
            "HARBOURTON, Jan. 5 (Reuters) - About 200 homes were evacuated on Friday, the county said. "
            "“We have never seen water this high,” said harbour master Ann Reyes. "
            "Engineers called the wall ‘temporary’ and said repairs would take 3 weeks.\n")
    article = tmp_path / "storm.txt"
    article.write_text(text, encoding="utf-8")
    assert main(["report", str(article), "--out", str(tmp_path / "storm.html")]) == 0
    page = (tmp_path / "storm.html").read_text(encoding="utf-8")
    assert "Storm closes coastal road" in page and "storm.txt" in page and "INVENTED" not in page
    assert "wrote " in capsys.readouterr().out


BAD = {
    "missing": (None, "No article found"),
    "empty": (b"", "is empty"),
    "blank": (b"  \n\n \n", "is empty"),
    "binary": (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary"),
    "latin1": ("Caf\xe9 owners protest new parking rules in the old town centre\n".encode("latin-1"), "not UTF-8"),
    "three words": (b"Hello there world\n", "only 3 words"),
    "csv": (b"sentence,span,label\n4,the militants,name calling\n5,,none\n", "looks like a table"),
    "json": (json.dumps({"outlet": "TASS", "date": "2016-10-07", "notes": ["a"] * 30}).encode(), "JSON data"),
    "html": (b"<!DOCTYPE html><html><body><p>" + b"word " * 40 + b"</p></body></html>", "web page"),
}


@pytest.mark.parametrize("case", list(BAD))
def test_bad_input_one_clear_line(tmp_path, capsys, case):
    data, message = BAD[case]
    path = tmp_path / f"{case.replace(' ', '_')}.txt"
    if data is not None:
        path.write_bytes(data)
    code = main(["report", str(path), "--out", str(tmp_path / "r.html")])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("report: error: ") and message in err and err.count("\n") == 1, err
    assert "Traceback" not in err and not (tmp_path / "r.html").exists()


@pytest.mark.parametrize("where", ["a folder", "under a file"])
def test_unwritable_out(tmp_path, capsys, where):
    blocker = tmp_path / "file.txt"
    blocker.write_text("x")
    out = tmp_path if where == "a folder" else blocker / "report.html"
    assert main(["report", BUS, "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("report: error: cannot write the report to ") and err.count("\n") == 1
    assert "Give --out a file" in err


def test_the_real_process_writes_the_same_page_and_exits_without_traceback(pages, tmp_path):
    done = run(BUS, "--out", tmp_path / "r.html")
    assert done.returncode == 0 and not done.stderr and done.stdout.startswith("wrote ")
    assert (tmp_path / "r.html").read_text(encoding="utf-8") == pages[BUS]
    code, _, err = run_in_process("no-such-seed")
    assert code == 2 and "No article found" in err and "Traceback" not in err


def test_a_too_short_text_is_a_one_line_error(tmp_path):
    (tmp_path / "short.txt").write_text("Just three words", encoding="utf-8")
    code, _, stderr = run_in_process(tmp_path / "short.txt", "--out", tmp_path / "r.html")
    assert code == 2 and "Traceback" not in stderr and stderr.count("\n") == 1
    assert stderr.strip().startswith("report: error:") and "too short" in stderr


def test_help_lists_report(capsys):
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0 and "report" in capsys.readouterr().out


def test_a_text_without_blank_lines_gets_a_note(tmp_path, capsys):
    article = tmp_path / "pasted.txt"
    article.write_text("Council backs bus lanes\n" + "The council voted for the scheme on Wednesday, the mayor said. " * 4,
                       encoding="utf-8")
    assert main(["report", str(article), "--out", str(tmp_path / "p.html")]) == 0
    err = capsys.readouterr().err
    assert err.startswith("report: note: the text has no blank line between paragraphs") and err.count("\n") == 1
    assert "Note: the text has no blank line" in (tmp_path / "p.html").read_text(encoding="utf-8")


def test_a_long_article_draws_runs_of_paragraphs(tmp_path):
    """300 paragraphs: the voice figure has at most MOST_BARS bars (runs of paragraphs, every
    word still counted), so its height stays that of a 40-paragraph article."""
    from medialit.report import MOST_BARS, voice_bars

    paragraph = "“We will build it,” the mayor said. She said the lanes would open in May. The council voted."
    article = tmp_path / "long.txt"
    article.write_text("A long article\n\n" + "\n\n".join([paragraph] * 300) + "\n", encoding="utf-8")
    shares = ml.voice_share(ml.load_article(article))
    bars = voice_bars(shares)
    assert len(shares) == 300 and len(bars) <= MOST_BARS
    first, last = shares.paragraph.iloc[0], shares.paragraph.iloc[-1]
    assert bars.label.iloc[0].startswith(f"{first}–") and bars.label.iloc[-1].endswith(f"–{last}")
    assert bars.paragraphs.sum() == 300 and bars.paragraphs.max() - bars.paragraphs.min() <= 1
    for voice in ("quoted", "paraphrase", "outlet"):  # every word counted, averaged over its run
        assert shares[voice].sum() > 0
        assert (bars[voice] * bars.paragraphs).sum() == pytest.approx(shares[voice].sum())
        assert bars[voice].max() == pytest.approx(bars[voice].min())  # the same paragraph 300 times
    assert voice_bars(shares.head(MOST_BARS)).label.tolist() == shares.paragraph.head(MOST_BARS).astype(str).tolist()

    assert main(["report", str(article), "--out", str(tmp_path / "long.html")]) == 0
    page = (tmp_path / "long.html").read_text(encoding="utf-8")
    assert f"averaged over {MOST_BARS} runs of paragraphs" in page  # the figure's text alternative says so
    png = base64.b64decode(re.search(r'src="data:image/png;base64,([^"]+)"', page).group(1))
    height = int.from_bytes(png[20:24], "big")  # the PNG header's height field
    assert height < 100 * (0.32 * MOST_BARS + 3), height
