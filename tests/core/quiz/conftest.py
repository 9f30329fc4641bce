"""Fixtures for the quiz engine tests."""

from __future__ import annotations

import pytest

from tests.core.quiz.factories import FakeClock


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()
