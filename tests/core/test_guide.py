"""The guide covers every view, for students and teachers, and names only keys the app has."""

from __future__ import annotations

import re
from html.parser import HTMLParser

from desktop.core.guide import SECTIONS, guide_html, section
from desktop.core.shortcuts import SHORTCUTS

VIEWS = {"home", "library", "timeline", "quiz", "mechanism", "glossary"}


class _Text(HTMLParser):
    def __init__(self):
        super().__init__()
        self.parts: list[str] = []

    def handle_data(self, data):
        self.parts.append(data)


def test_every_view_has_a_section_for_students_and_teachers():
    assert {s.view for s in SECTIONS} >= VIEWS
    for part in SECTIONS:
        assert part.purpose and part.student and part.teacher, part.key
        assert part.keys(), f"{part.key} lists no keys"


def test_the_keys_in_the_guide_are_the_tables_keys():
    timeline = section("timeline").keys()
    assert {row.id for row in timeline} >= {"timeline.step", "story.next"}
    every_key = {key for row in SHORTCUTS for key in row.keys}
    html = guide_html()
    named = set(re.findall(r"<td><b>([^<]+)</b></td>", html))
    assert named
    for text in named:
        assert all(k in every_key for k in text.split(" or ")), text


def test_the_guide_is_well_formed_html_with_a_contents_list():
    html = guide_html()
    parser = _Text()
    parser.feed(html)
    text = " ".join(parser.parts)
    for part in SECTIONS:
        assert f'href="#{part.key}"' in html and f'name="{part.key}"' in html
        assert part.title in text
    assert "Studying:" in text and "Teaching:" in text
