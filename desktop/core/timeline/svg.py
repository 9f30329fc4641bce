"""A small SVG writer for the timeline's "Current view as SVG drawing" (no Qt).

The timeline view measures what it draws (lane and era bands, markers, bars, headlines, the
year axis) in the chart's pixels and hands the shapes to an `SvgDrawing`; this module only
writes them out as SVG 1.1 that browsers, Inkscape, LibreOffice and Qt's own renderer read.
Every shape can carry a class and `data-*` attributes (`class="marker" data-event="…"`), so
the drawing stays editable and a test can check what is where. Text is escaped here: the
titles and headlines come from content and packs.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

SVG_NS = "http://www.w3.org/2000/svg"


def _num(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    text = f"{value:.2f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


def _attrs(values: dict[str, object]) -> str:
    parts = []
    for key, value in values.items():
        if value is None or value == "":
            continue
        if isinstance(value, float | int) and not isinstance(value, bool):
            value = _num(float(value))
        parts.append(f"{key}={quoteattr(str(value))}")
    return (" " + " ".join(parts)) if parts else ""


@dataclass
class SvgDrawing:
    """Shapes in pixel coordinates on a `width` x `height` page, written in order."""

    width: float
    height: float
    title: str = ""
    description: str = ""
    font_family: str = "sans-serif"
    background: str = "#ffffff"
    _body: list[str] = field(default_factory=list)
    _depth: int = 0

    def begin_group(self, cls: str = "", **data: object) -> None:
        """Open a `<g>` (close it with `end_group`); `data` become `data-*` attributes."""
        self._body.append(f"<g{_attrs({'class': cls, **_data(data)})}>")
        self._depth += 1

    def end_group(self) -> None:
        if self._depth == 0:
            raise ValueError("end_group without begin_group")
        self._depth -= 1
        self._body.append("</g>")

    def rect(self, x: float, y: float, w: float, h: float, fill: str = "none", *,
             opacity: float = 1.0, stroke: str = "", stroke_width: float = 1.0,
             stroke_opacity: float = 1.0, radius: float = 0.0, cls: str = "",
             **data: object) -> None:
        if w <= 0 or h <= 0:
            return
        self._body.append("<rect" + _attrs({
            "class": cls, "x": x, "y": y, "width": w, "height": h,
            "rx": radius or None, "ry": radius or None,
            "fill": fill, "fill-opacity": opacity if opacity < 1 else None,
            **_stroke(stroke, stroke_width, stroke_opacity), **_data(data)}) + "/>")

    def circle(self, cx: float, cy: float, r: float, fill: str = "none", *,
               opacity: float = 1.0, stroke: str = "", stroke_width: float = 1.0,
               stroke_opacity: float = 1.0, cls: str = "", **data: object) -> None:
        self._body.append("<circle" + _attrs({
            "class": cls, "cx": cx, "cy": cy, "r": r,
            "fill": fill, "fill-opacity": opacity if opacity < 1 else None,
            **_stroke(stroke, stroke_width, stroke_opacity), **_data(data)}) + "/>")

    def line(self, x1: float, y1: float, x2: float, y2: float, stroke: str, *,
             width: float = 1.0, opacity: float = 1.0, dash: str = "", cls: str = "",
             **data: object) -> None:
        self._body.append("<line" + _attrs({
            "class": cls, "x1": x1, "y1": y1, "x2": x2, "y2": y2,
            **_stroke(stroke, width, opacity), "stroke-dasharray": dash or None,
            **_data(data)}) + "/>")

    def text(self, x: float, y: float, text: str, *, size: float, fill: str,
             anchor: str = "start", bold: bool = False, opacity: float = 1.0,
             cls: str = "", tooltip: str = "", **data: object) -> None:
        """`text` with its baseline at `y`; `anchor` start, middle or end at `x`."""
        if anchor not in ("start", "middle", "end"):
            raise ValueError(f"text-anchor is start, middle or end, not {anchor!r}")
        title = f"<title>{escape(tooltip)}</title>" if tooltip else ""
        self._body.append("<text" + _attrs({
            "class": cls, "x": x, "y": y, "font-size": size, "fill": fill,
            "fill-opacity": opacity if opacity < 1 else None,
            "text-anchor": anchor if anchor != "start" else None,
            "font-weight": "bold" if bold else None, **_data(data)})
            + f">{escape(text)}{title}</text>")

    def to_string(self) -> str:
        """The SVG document."""
        if self._depth:
            raise ValueError(f"{self._depth} group(s) left open")
        head = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                f'<svg xmlns="{SVG_NS}" version="1.1"'
                + _attrs({"width": self.width, "height": self.height})
                + f' viewBox="0 0 {_num(self.width)} {_num(self.height)}"'
                + _attrs({"font-family": self.font_family}) + ">\n")
        meta = ""
        if self.title:
            meta += f"<title>{escape(self.title)}</title>\n"
        if self.description:
            meta += f"<desc>{escape(self.description)}</desc>\n"
        background = f'<rect class="background" width="100%" height="100%"' \
                     f'{_attrs({"fill": self.background})}/>\n'
        return head + meta + background + "\n".join(self._body) + "\n</svg>\n"


def _stroke(color: str, width: float, opacity: float) -> dict[str, object]:
    if not color:
        return {}
    return {"stroke": color, "stroke-width": width,
            "stroke-opacity": opacity if opacity < 1 else None}


def _data(values: dict[str, object]) -> dict[str, object]:
    return {f"data-{key.replace('_', '-')}": value for key, value in values.items()}


__all__ = ["SVG_NS", "SvgDrawing"]
