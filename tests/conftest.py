"""Shared fixtures."""

from __future__ import annotations

import pytest

from knowledge.engine import Engine
from knowledge.loader import load_pack


@pytest.fixture(scope="session")
def engine() -> Engine:
    """The engine on the shipped pack, built once (tests only read from it)."""
    return Engine(load_pack())
