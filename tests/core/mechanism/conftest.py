"""Shared fixtures for the mechanism core tests: the bundled content and its diagram."""

from __future__ import annotations

import pytest

from desktop.core.mechanism.diagram import load_diagram


@pytest.fixture(scope="module")
def content(bundled_atlas):
    return bundled_atlas.content


@pytest.fixture(scope="module")
def diagram(content):
    return load_diagram(content)


