"""What a chart shows, as plain data, so a student's chart can be checked without drawing it.

`describe(fig)` reads a matplotlib Figure: its title and axis labels, how many bars, points and
lines it draws, and whether the value axis starts at zero. `spec(description)` keeps the
structure only (no text, no value): the build stores it in the answer key from the solution's
chart. `compare(spec, description)` says, in a student's words, what the student's chart lacks;
it never tells a value, a label or a title.

>>> import matplotlib.pyplot as plt
>>> fig, ax = plt.subplots()
>>> _ = ax.bar(["a", "b"], [3, 5])
>>> compare(spec(describe(fig)), describe(fig))
[]
>>> _ = ax.set_ylim(2, 6)
>>> for problem in compare({"title": True, "n_bars": 3, "from_zero": True}, describe(fig)):
...     print(problem)
Your chart has no title.
The solution's chart has 3 bars; yours has 2.
The value axis does not start at zero: in this lesson that is the misleading version.
"""
from __future__ import annotations

COUNTS = {"n_bars": ("bar", "bars"), "n_points": ("point", "points"), "n_lines": ("line", "lines")}


def figure_of(value):
    """The matplotlib Figure of `value` (a Figure, or an Axes drawn on one); None otherwise."""
    if not type(value).__module__.startswith("matplotlib"):
        return None
    fig = value if hasattr(value, "get_axes") and hasattr(value, "savefig") else getattr(value, "figure", None)
    return fig if hasattr(fig, "get_axes") else None


def is_description(value) -> bool:
    """True for a dict made by describe() (as the grader receives a chart: plain JSON)."""
    return isinstance(value, dict) and {"n_axes", *COUNTS} <= set(value)


def describe(fig) -> dict:
    """The chart's title, labels, counts of bars/points/lines and zero baseline, as plain data
    (str, int, bool, None only: it can travel as JSON)."""
    axes = [ax for ax in fig.get_axes() if _has_data(ax)]
    counts = {key: 0 for key in COUNTS}
    horizontal, from_zero = False, None
    for ax in axes:
        bars = [c for c in ax.containers if type(c).__name__ == "BarContainer"]
        counts["n_bars"] += sum(len(c.patches) for c in bars)
        counts["n_points"] += sum(len(c.get_offsets()) for c in ax.collections
                                  if type(c).__name__ == "PathCollection")
        for line in _data_lines(ax):
            if line.get_linestyle() in ("None", "", " "):
                counts["n_points"] += len(line.get_xdata())
            else:
                counts["n_lines"] += 1
        flat = any(getattr(c, "orientation", "vertical") == "horizontal" for c in bars)
        horizontal = horizontal or flat
        low, high = sorted(ax.get_xlim() if flat else ax.get_ylim())
        starts = bool(low <= 1e-9 * (high - low))
        from_zero = starts if from_zero is None else (from_zero and starts)
    return {
        "title": _text(fig, "get_suptitle") or next((t for ax in axes for t in _titles(ax)), ""),
        "xlabel": _label(fig, axes, "get_xlabel", "get_supxlabel"),
        "ylabel": _label(fig, axes, "get_ylabel", "get_supylabel"),
        "n_axes": len(axes),
        **counts,
        "horizontal": horizontal,
        "from_zero": from_zero,
    }


def spec(description: dict) -> dict:
    """The structure of a described chart: what a student's chart is compared with.

    >>> spec({"title": "T", "xlabel": "", "ylabel": "n", "n_axes": 1, "n_bars": 2,
    ...       "n_points": 0, "n_lines": 0, "horizontal": False, "from_zero": True})
    {'title': True, 'xlabel': False, 'ylabel': True, 'n_bars': 2, 'n_points': 0, 'n_lines': 0, 'from_zero': True}
    """
    return {"title": bool(description.get("title")), "xlabel": bool(description.get("xlabel")),
            "ylabel": bool(description.get("ylabel")),
            **{key: int(description.get(key) or 0) for key in COUNTS},
            "from_zero": _bool_or_none(description.get("from_zero"))}


def compare(spec: dict, description: dict) -> list[str]:
    """What the described chart lacks compared with `spec`, one sentence each ([] when nothing).

    Only what the solution's chart has is asked for; a zero baseline only where the spec has one.
    """
    if not description.get("n_axes"):
        return ["Your chart is empty: draw on it (for example with ax.bar) before you check it."]
    problems = []
    if spec.get("title") and not description.get("title"):
        problems.append("Your chart has no title.")
    for axis in ("xlabel", "ylabel"):
        if spec.get(axis) and not description.get(axis):
            problems.append(f"Your chart's {axis[0]} axis has no label.")
    for key, (one, many) in COUNTS.items():
        want, got = int(spec.get(key) or 0), int(description.get(key) or 0)
        if want and want != got:
            problems.append(f"The solution's chart has {want} {one if want == 1 else many}; "
                            f"yours has {got}.")
    if spec.get("from_zero") and _bool_or_none(description.get("from_zero")) is False:
        problems.append("The value axis does not start at zero: in this lesson that is the "
                        "misleading version.")
    return problems


def _bool_or_none(value):
    return None if value is None else bool(value)


def _has_data(ax) -> bool:
    return bool(ax.containers or ax.collections or list(_data_lines(ax)) or ax.patches)


def _data_lines(ax):
    """Lines drawn in data coordinates (not axhline/axvline reference lines)."""
    for line in ax.get_lines():
        if line.get_visible() and line.get_transform().contains_branch(ax.transData) \
                and len(line.get_xdata()) > 0:
            yield line


def _titles(ax):
    return [t for t in (ax.get_title(loc) for loc in ("center", "left", "right")) if t.strip()]


def _text(fig, getter: str) -> str:
    get = getattr(fig, getter, None)
    return (get() or "").strip() if get else ""


def _label(fig, axes, getter: str, super_getter: str) -> str:
    """The axes' label, or the figure's shared one; "" when a chart with data lacks it."""
    shared = _text(fig, super_getter)
    if shared:
        return shared
    labels = [getattr(ax, getter)().strip() for ax in axes]
    return labels[0] if labels and all(labels) else ""
