"""The slow tier that `make test` leaves out (tests/conftest.py) names tests that exist: a
renamed test must not fall out of the list, and into the quick tier, unnoticed."""

from __future__ import annotations

import re
from pathlib import Path

from tests.conftest import SLOW_MODULES, SLOW_TESTS

TESTS = Path(__file__).parent


def test_the_slow_tier_names_modules_and_tests_that_exist() -> None:
    missing = [module for module in SLOW_MODULES if not (TESTS / module).is_file()]
    for module, names in sorted(SLOW_TESTS.items()):
        defined = set(re.findall(r"^def (test_\w+)\(", (TESTS / module).read_text("utf-8"), re.M))
        missing += [f"{module}::{name}" for name in sorted(names - defined)]
    assert missing == []
