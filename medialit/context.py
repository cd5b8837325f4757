"""The verified context of the TASS article: a dated table, each entry with its source.

The facts come from the kit's teaching notes; `status` says whether an entry is verified
or only a party's claim.

>>> context().columns.tolist()
['date', 'when', 'precision', 'status', 'event', 'source']
"""
from __future__ import annotations

from pathlib import Path

import pandas as pd

CONTEXT = Path(__file__).resolve().parent / "data" / "context.csv"


FORMATS = {"day": "%d %b %Y", "month": "%b %Y", "year": "%Y"}


def context() -> pd.DataFrame:
    """The timeline as a DataFrame in date order; `when` writes each date only as precisely
    as it is known (a year, a month or a day)."""
    df = pd.read_csv(CONTEXT, parse_dates=["date"])
    df.insert(1, "when", [d.strftime(FORMATS[p]) for d, p in zip(df.date, df.precision)])
    return df.sort_values("date", kind="stable").reset_index(drop=True)
