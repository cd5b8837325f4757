"""The charts a student drew are read from the chart question's cells, and only real PNGs."""
import base64
import io
import struct
import zlib

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import pytest  # noqa: E402

from medialit.course import charts  # noqa: E402


def png() -> str:
    fig, ax = plt.subplots(figsize=(2, 1.5))
    ax.bar(["a", "b"], [1, 2])
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")
    plt.close(fig)
    return base64.b64encode(buffer.getvalue()).decode("ascii")


def fake_png(width: int, height: int) -> str:
    header = struct.pack(">II", width, height) + b"\x08\x02\x00\x00\x00"
    chunk = b"IHDR" + header
    data = b"\x89PNG\r\n\x1a\n" + struct.pack(">I", len(header)) + chunk + struct.pack(">I", zlib.crc32(chunk))
    return base64.b64encode(data).decode("ascii")


def md(text):
    return {"cell_type": "markdown", "metadata": {}, "source": text}


def code(source, *images):
    outputs = [{"output_type": "display_data", "data": {"image/png": data, "text/plain": "<Figure>"}}
               for data in images]
    return {"cell_type": "code", "metadata": {}, "source": source, "outputs": outputs}


def test_the_images_between_the_question_and_its_check_cell_are_kept():
    picture, other = png(), png()
    cells = [md("**Exercise 03.5.** Round it."), code("x = 1", other),
             md("**Exercise 03.6.** Draw a bar chart."), code("fig, ax = plt.subplots()", picture),
             code('check("03.6", fig)', picture), md("**Exercise 03.7.** Why?"), code("y", other)]
    assert charts.chart_images(cells, ["03.6"]) == {"03.6": [picture, picture]}


def test_without_a_check_cell_the_question_ends_at_the_next_exercise():
    picture = png()
    cells = [md("**Exercise 03.6.** Draw."), code("fig", picture), md("Some notes of mine."),
             code("fig2", picture), md("**Exercise 03.7.** Why?"), code("z", png())]
    assert charts.chart_images(cells, ["03.6"]) == {"03.6": [picture, picture]}


def test_a_question_number_is_not_a_prefix_of_another():
    cells = [md("**Exercise 03.60.** Not this one."), code("fig", png())]
    assert charts.chart_images(cells, ["03.6"]) == {"03.6": []}


@pytest.mark.parametrize("data", [
    "not base64 at all!", base64.b64encode(b"GIF89a" + b"\0" * 40).decode(),
    base64.b64encode(b"\x89PNG\r\n\x1a\n" + b"\0" * 30).decode(),   # no IHDR header
    fake_png(0, 10), fake_png(20_000, 10), 42, None, ["bad", 1],
    "A" * (charts.MAX_BYTES * 2),
])
def test_anything_that_is_not_a_sensible_png_is_left_out(data):
    assert charts.png_bytes(data) is None


def test_a_png_split_in_lines_as_nbformat_allows_is_read_and_re_encoded():
    picture = png()
    lines = [picture[i:i + 76] + "\n" for i in range(0, len(picture), 76)]
    assert base64.b64encode(charts.png_bytes(lines)).decode() == picture


def test_at_most_max_images_per_question_and_a_malformed_notebook_never_raises():
    cells = [md("**Exercise 03.6.** Draw."), code("many", *[png()] * (charts.MAX_IMAGES + 3))]
    assert len(charts.chart_images(cells, ["03.6"])["03.6"]) == charts.MAX_IMAGES
    broken = [md("**Exercise 03.6.** Draw."), {"cell_type": "code", "outputs": "nonsense"},
              {"cell_type": "code", "outputs": [{"data": ["x"]}, 3]}]
    assert charts.chart_images(broken, ["03.6"]) == {"03.6": []}
