"""Bar charts drawn in HTML, for the grader's summary page: text a screen reader reads and a
printer prints (each bar has a black border, so it shows without background colours), no image.

    >>> page = bar_chart("Scores", "Mean 4.5 of 6.", "score", [("5", 3, "3"), ("6", 1, "1")], 4)
    >>> page.count('class="bar '), "Mean 4.5 of 6." in page
    (2, True)
"""
from __future__ import annotations

import html

STYLE = """<style>
.chart{margin:1rem 0 1.5rem;max-width:44rem}.chart figcaption{margin-bottom:.4rem}
.chart .takeaway{display:block;color:#333}
.chart table{border-collapse:collapse;width:100%}.chart td,.chart th{border:0;padding:.15rem .4rem}
.chart th{font-weight:normal;text-align:right;white-space:nowrap;width:1%}
.chart .head th,.chart .head td{border-bottom:1px solid #999;color:#444;font-size:.9em}
.chart .value{width:1%;white-space:nowrap;font-variant-numeric:tabular-nums}
.chart .bar{display:block;height:1.1rem;border:1px solid #000;box-sizing:border-box;
-webkit-print-color-adjust:exact;print-color-adjust:exact}
.chart .zero{border-left:2px solid #000;height:1.1rem}
.chart .blue{background:#56B4E9}
.chart .orange{background:repeating-linear-gradient(45deg,#E69F00 0 4px,#f5d38a 4px 7px)}
</style>"""


def bar_chart(title: str, takeaway: str, label_heading: str, bars: list[tuple[str, float, str]],
              maximum: float, value_heading: str = "", colour: str = "blue") -> str:
    """One chart: a row per (label, value, shown value), bars scaled to `maximum`; the title and
    the takeaway sentence in its caption, as in the kit's figures."""
    rows = [f'<tr class="head"><th scope="col">{html.escape(label_heading)}</th><td></td>'
            f'<td class="value">{html.escape(value_heading)}</td></tr>']
    for label, value, shown in bars:
        width = 0.0 if maximum <= 0 else max(0.0, min(100.0, 100 * value / maximum))
        bar = (f'<span class="bar {colour}" style="width:{width:.1f}%"></span>' if width else
               '<span class="zero"></span>')
        rows.append(f'<tr><th scope="row">{html.escape(label)}</th><td>{bar}</td>'
                    f'<td class="value">{html.escape(shown)}</td></tr>')
    return (f'<figure class="chart"><figcaption><strong>{html.escape(title)}</strong>'
            f'<span class="takeaway">{html.escape(takeaway)}</span></figcaption>'
            f'<table>{"".join(rows)}</table></figure>')
