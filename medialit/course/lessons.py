"""The lessons of the course, in order, and where their notebooks live.

>>> LESSONS["01"].stem
'01_anatomy_of_an_article'
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FOLDERS = {"lesson": "notebooks", "solution": "solutions", "exercise": "exercises"}


@dataclass(frozen=True)
class Lesson:
    number: str
    stem: str
    title: str

    def path(self, kind: str, root: Path = ROOT) -> Path:
        """notebooks/, solutions/ or exercises/ copy of this lesson."""
        return root / FOLDERS[kind] / f"{self.stem}.ipynb"


LESSONS = {lesson.number: lesson for lesson in (
    Lesson("00", "00_start_here", "Start here"),
    Lesson("01", "01_anatomy_of_an_article", "Anatomy of an article"),
    Lesson("02", "02_framing_words", "Framing words"),
    Lesson("03", "03_casualty_numbers", "The casualty numbers"),
    Lesson("04", "04_who_speaks", "Who speaks"),
    Lesson("05", "05_reframing_and_context", "Reframing and context"),
    Lesson("06", "06_capstone_any_article", "Capstone: any article"),
)}


def lesson_of(stem: str) -> Lesson:
    """The lesson whose stem is `stem` (a file name without .ipynb)."""
    for lesson in LESSONS.values():
        if lesson.stem == stem:
            return lesson
    raise KeyError(f"{stem!r} is not a lesson of this course; lessons: "
                   + ", ".join(le.stem for le in LESSONS.values()))
