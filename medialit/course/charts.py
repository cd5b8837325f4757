"""The charts a student drew: the PNG images stored in a submitted notebook's chart cells.

A chart question's cells run from its Markdown cell ("**Exercise 03.6.** ...") to its check cell
(`check("03.6", fig)`), the check cell included. Only real PNG images are kept: strict base64,
the PNG signature and header, at most MAX_BYTES each and MAX_IMAGES a question; they are
re-encoded from the checked bytes, so a page can embed them as data: URIs.

>>> cells = [{"cell_type": "markdown", "source": "**Exercise 03.6.** Draw it."},
...          {"cell_type": "code", "source": "fig", "outputs": [
...              {"output_type": "display_data", "data": {"image/png": "bm90IGEgcG5n"}}]}]
>>> chart_images(cells, ["03.6"])
{'03.6': []}
"""
from __future__ import annotations

import base64
import binascii
import re
import struct

SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_BYTES = 2 * 1024 * 1024   # one image
MAX_IMAGES = 4                # one question
MAX_SIDE = 10_000             # pixels


def png_bytes(data) -> bytes | None:
    """The bytes of a base64 PNG output (a str, or a list of str as nbformat allows); None when
    it is not a plausible PNG image of a sensible size."""
    if isinstance(data, list) and all(isinstance(part, str) for part in data):
        data = "".join(data)
    if not isinstance(data, str) or len(data) > MAX_BYTES * 4 // 3 + 1024:
        return None
    try:
        raw = base64.b64decode("".join(data.split()), validate=True)
    except (binascii.Error, ValueError):
        return None
    if len(raw) > MAX_BYTES or len(raw) < 33 or not raw.startswith(SIGNATURE) or raw[12:16] != b"IHDR":
        return None
    width, height = struct.unpack(">II", raw[16:24])
    return raw if 0 < width <= MAX_SIDE and 0 < height <= MAX_SIDE else None


def _is_question_cell(cell: dict, qid: str) -> bool:
    return (cell.get("cell_type") == "markdown"
            and re.search(rf"\bExercise\s+{re.escape(qid)}(?!\d)", str(cell.get("source", ""))) is not None)


def _is_check_of(cell: dict, qid: str) -> bool:
    source = str(cell.get("source", ""))
    return cell.get("cell_type") == "code" and re.search(
        rf"""\bcheck\(\s*["']{re.escape(qid)}["']""", source) is not None


def question_cells(cells: list[dict], qid: str) -> list[dict]:
    """The code cells of question `qid`: after its Markdown cell, up to its check cell included
    (without a check cell: up to the next Markdown cell that starts another exercise)."""
    start = next((i for i, c in enumerate(cells) if _is_question_cell(c, qid)), None)
    check = next((i for i, c in enumerate(cells) if _is_check_of(c, qid)
                  and (start is None or i > start)), None)
    if start is None and check is None:
        return []
    if start is None:  # the Markdown cell was edited away: back to the previous Markdown cell
        start = max((i for i in range(check) if cells[i].get("cell_type") == "markdown"), default=-1)
    if check is None:
        check = next((i for i in range(start + 1, len(cells)) if cells[i].get("cell_type") == "markdown"
                      and re.search(r"\bExercise\s+\d\d\.\d+", str(cells[i].get("source", "")))),
                     len(cells)) - 1
    return [c for c in cells[start + 1:check + 1] if c.get("cell_type") == "code"]


def images(cells: list[dict]) -> list[str]:
    """Base64 of the valid PNG outputs of `cells`, in order, at most MAX_IMAGES."""
    found = []
    for cell in cells:
        outputs = cell.get("outputs") if isinstance(cell.get("outputs"), list) else []
        for output in outputs:
            data = output.get("data") if isinstance(output, dict) else None
            raw = png_bytes(data.get("image/png")) if isinstance(data, dict) else None
            if raw is not None and len(found) < MAX_IMAGES:
                found.append(base64.b64encode(raw).decode("ascii"))
    return found


def chart_images(cells: list[dict], questions) -> dict[str, list[str]]:
    """{question: [base64 PNG]} for each chart question; never raises on a malformed notebook."""
    charts = {}
    for qid in questions:
        try:
            charts[qid] = images(question_cells(cells, qid))
        except Exception:  # a malformed cell: no images, the rest of the row is unaffected
            charts[qid] = []
    return charts
