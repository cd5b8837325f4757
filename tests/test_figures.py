"""The chart self-check: describe() reads structure as plain data; compare() says what is missing."""
import json

import pytest

plt = pytest.importorskip("matplotlib.pyplot")

from medialit.figures import compare, describe, figure_of, is_description, spec  # noqa: E402


@pytest.fixture(autouse=True)
def close_figures():
    yield
    plt.close("all")


def bars(values, labelled=True, bottom=None):
    fig, ax = plt.subplots()
    ax.bar([str(i) for i in range(len(values))], values)
    if labelled:
        ax.set(title="Casualty figures", xlabel="source", ylabel="people killed")
    if bottom is not None:
        ax.set_ylim(bottom, max(values) + 1)
    return fig


def test_bars_are_counted_and_the_baseline_read():
    d = describe(bars([3, 5, 4]))
    assert (d["n_bars"], d["n_points"], d["n_lines"], d["n_axes"]) == (3, 0, 0, 1)
    assert d["from_zero"] is True and d["horizontal"] is False
    assert d["title"] == "Casualty figures" and d["ylabel"] == "people killed"
    assert describe(bars([3, 5, 4], bottom=2.5))["from_zero"] is False


def test_horizontal_bars_read_the_x_axis():
    fig, ax = plt.subplots()
    ax.barh(["a", "b"], [10, 12])
    ax.set_xlim(8, 13)
    d = describe(fig)
    assert d["horizontal"] is True and d["n_bars"] == 2 and d["from_zero"] is False


def test_points_and_lines_but_not_reference_lines():
    fig, ax = plt.subplots()
    ax.plot([1, 2, 3], [1, 4, 9])          # a line
    ax.plot([1, 2], [2, 3], "o")            # two points drawn as markers
    ax.scatter([1, 2, 3], [3, 2, 1])        # three points
    ax.axhline(2)                           # a reference line: not data
    d = describe(fig)
    assert (d["n_lines"], d["n_points"]) == (1, 5)


def test_pandas_plots_are_described():
    pd = pytest.importorskip("pandas")
    ax = pd.Series({"a": 1, "b": 2}).plot.bar(title="t")
    assert describe(ax.figure)["n_bars"] == 2 and describe(ax.figure)["title"] == "t"


def test_a_figure_title_or_shared_labels_count():
    fig, (a, b) = plt.subplots(1, 2)
    a.bar(["x"], [1])
    b.bar(["y"], [2])
    fig.suptitle("Two panels")
    fig.supxlabel("group")
    a.set_ylabel("n")
    d = describe(fig)
    assert d["title"] == "Two panels" and d["xlabel"] == "group"
    assert d["ylabel"] == ""  # one panel of two has no y label
    assert d["n_bars"] == 2 and d["n_axes"] == 2


def test_description_is_plain_json_and_the_spec_holds_no_text():
    d = describe(bars([3, 5]))
    assert json.loads(json.dumps(d)) == d
    assert all(type(v) in (str, int, bool, type(None)) for v in d.values())
    s = spec(d)
    assert not any(isinstance(v, str) for v in s.values())
    assert "Casualty" not in json.dumps(s) and "people" not in json.dumps(s)
    assert is_description(d) and not is_description({"a": 1})


def test_compare_names_what_is_missing_and_nothing_of_the_solution():
    solution = spec(describe(bars([3, 5])))
    assert compare(solution, describe(bars([9, 1]))) == []
    problems = compare(solution, describe(bars([1, 2, 3], labelled=False, bottom=0.5)))
    assert problems == [
        "Your chart has no title.",
        "Your chart's x axis has no label.",
        "Your chart's y axis has no label.",
        "The solution's chart has 2 bars; yours has 3.",
        "The value axis does not start at zero: in this lesson that is the misleading version.",
    ]
    text = " ".join(problems)
    assert "Casualty" not in text and "source" not in text and "5" not in text


def test_only_what_the_solution_has_is_asked_for():
    fig, ax = plt.subplots()
    ax.plot([1, 2], [5, 6])
    ax.set_ylim(4, 7)  # a line chart that does not start at zero, as the solution's
    solution = spec(describe(fig))
    assert solution["from_zero"] is False and solution["title"] is False
    mine, ax2 = plt.subplots()
    ax2.plot([1, 2], [5, 9])
    assert compare(solution, describe(mine)) == []


def test_an_empty_figure_is_explained():
    fig = plt.figure()
    assert compare(spec(describe(bars([1]))), describe(fig)) == [
        "Your chart is empty: draw on it (for example with ax.bar) before you check it."]


def test_figure_of():
    fig = bars([1])
    assert figure_of(fig) is fig and figure_of(fig.axes[0]) is fig
    assert figure_of("fig") is None and figure_of(None) is None
