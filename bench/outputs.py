"""How long the grader's outputs take for a class: tables, marks, feedback pages, exports.

    python bench/outputs.py [N]      # N submissions of lesson 01 (default 200)

Rows are made here (no notebook is run: bench/grade.py measures that), each with two written
answers and a chart of ~20 kB; the outputs are written twice, as a teacher does: once for the
template, once after typing a mark for every answer. Prints seconds and the size of the pages.
"""
from __future__ import annotations

import base64
import io
import sys
import tempfile
import time
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402

from medialit.answers import Verdict, answer_key  # noqa: E402
from medialit.course import marks, outputs  # noqa: E402
from medialit.course.grade import Row  # noqa: E402


def chart() -> str:
    fig, ax = plt.subplots(figsize=(5, 3))
    ax.bar(["servicemen", "civilians"], [8949, 25642], hatch="//")
    ax.set_title("Wounded, according to the Defence Ministry")
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def main(n: int) -> None:
    key = dict(answer_key()["questions"])
    key["01.7"] = {"lesson": "01", "type": "figure", "spec": {}, "points": 1}
    plain = {"01.7": {"rubric": [{"criterion": "title says whose figures", "points": 1}]},
             "01.8": {"answer": "*Model answer.* ...", "points": 2,
                      "rubric": [{"criterion": "names who", "points": 1}, {"criterion": "compares", "points": 1}]}}
    picture = chart()
    computed = [q for q, e in key.items() if e.get("lesson") == "01" and e["type"] not in ("written", "figure")]
    rows = [Row(f"student{i:03d}", "01", f"student{i:03d}/01_anatomy_of_an_article.ipynb", "graded",
                score=i % 7, possible=7,
                verdicts={q: Verdict("correct" if (i + j) % 3 else "incorrect") for j, q in enumerate(computed)},
                written={"01.8": f"Answer {i}: only Antonov speaks. " * 5, "01.9": f"Reader {i} misses the body."},
                charts={"01.7": [picture]})
            for i in range(n)]
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        start = time.perf_counter()
        outputs.write(rows, key, out, plain)
        first = time.perf_counter() - start
        table = marks.read(out / marks.FILE)
        for mark in table:
            mark["points"] = "1"
        marks.write(out / marks.FILE, table)
        start = time.perf_counter()
        outputs.write(rows, key, out, plain, exports=("canvas", "moodle", "csv"), with_model_answers=True)
        second = time.perf_counter() - start
        pages = sorted((out / "feedback").glob("*.html"))
        size = sum(p.stat().st_size for p in pages) / len(pages) / 1024
        written = (out / "written_answers.html").stat().st_size / 1024
    print(f"{n} submissions (lesson 01, 2 written answers and 1 chart each)")
    print(f"  first run (template, pages, tables): {first:.2f} s")
    print(f"  second run (marks merged, pages, 3 exports): {second:.2f} s ({1000 * second / n:.1f} ms a submission)")
    print(f"  a feedback page: {size:.0f} kB on average; written_answers.html: {written:.0f} kB")


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
