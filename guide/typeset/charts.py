"""The bar chart of a `chart` block: a ReportLab drawing in the theme's greys, its values printed."""
from __future__ import annotations

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.pdfbase.pdfmetrics import stringWidth

from ..theme import Theme
from .fonts import font_for
from .styles import color


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if float(v).is_integer() else f"{v:,.1f}"


def bar_chart(data: list[tuple[str, float, float | None]], theme: Theme, width: float) -> Drawing:
    """A horizontal bar chart in greys. With totals: each bar shows a share ("13 of 15"); without: values."""
    sans = font_for(theme, theme.heading_family)
    sans_bold = font_for(theme, theme.heading_family, "bold")
    fs = theme.size(0.85)
    row = fs * 2.3
    bar_h = fs * 1.25
    label_w = min(max(stringWidth(lbl, sans, fs) for lbl, _, _ in data) + fs, width * 0.42)
    ratios = all(total for _, _, total in data)
    value_texts = [f"{_fmt(v)} of {_fmt(t)}" if ratios else _fmt(v) for _, v, t in data]
    value_w = max(stringWidth(s, sans_bold, fs) for s in value_texts) + fs * 0.8
    bar_w = width - label_w - value_w
    top_pad = fs * 0.6
    height = row * len(data) + top_pad * 2
    d = Drawing(width, height, initialFontName=sans, initialFontSize=fs)
    peak = max((v for _, v, _ in data), default=1) or 1
    for i, ((label, value, total), vt) in enumerate(zip(data, value_texts)):
        y = height - top_pad - (i + 1) * row + (row - bar_h) / 2
        lines = [label]
        if stringWidth(label, sans, fs) > label_w - fs * 0.6:   # too long for its column: two lines at most
            from reportlab.lib.utils import simpleSplit

            from .flowables import fit_words
            lines = simpleSplit(label, sans, fs, label_w - fs * 0.6) or [label]
            if len(lines) > 2:
                lines = [lines[0], fit_words(" ".join(lines[1:]), lambda t: stringWidth(t, sans, fs),
                                             label_w - fs * 0.6)]
        for k, line in enumerate(lines):
            shift = (len(lines) - 1) * fs * 0.55 - k * fs * 1.1
            d.add(String(label_w - fs * 0.6, y + bar_h * 0.28 + shift, line, fontName=sans, fontSize=fs,
                         textAnchor="end", fillColor=color(theme.ink)))
        if ratios:
            share = value / total
            d.add(Rect(label_w, y, bar_w, bar_h, fillColor=color("#d9d9d9"), strokeColor=None))
            d.add(Rect(label_w, y, bar_w * share, bar_h, fillColor=color("#3a3a3a"), strokeColor=None))
            pct = f"{share:.0%}"
            if bar_w * share > stringWidth(pct, sans_bold, fs) + fs and not theme.min_text_size:
                # (white on the bar: not in large print, where all text is near-black; the value says it)
                d.add(String(label_w + fs * 0.4, y + bar_h * 0.28, pct, fontName=sans_bold, fontSize=fs,
                             fillColor=color("#ffffff")))
        else:
            d.add(Rect(label_w, y, max(bar_w * value / peak, 0.75), bar_h, fillColor=color("#3a3a3a"),
                       strokeColor=None))
        d.add(String(width - value_w + fs * 0.6, y + bar_h * 0.28, vt, fontName=sans_bold, fontSize=fs,
                     fillColor=color(theme.ink)))
    d.add(Line(label_w, height - top_pad, label_w, height - top_pad - row * len(data),
               strokeColor=color(theme.ink), strokeWidth=0.6))
    return d
