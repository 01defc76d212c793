from __future__ import annotations

import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

ROOT = Path(__file__).parent.parent
sys.path.insert(0, str(Path(__file__).parent))  # tests/gold.py, tests/texts.py

settings.register_profile("ci", max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("long", max_examples=5000, deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci")

SEED = ROOT / "reports" / "luzhou" / "2019.txt"
SAMPLE_2020 = ROOT / "reports" / "luzhou" / "2020.txt"
DATA = Path(__file__).parent / "data"


@pytest.fixture(scope="session")
def seed_report():
    import rolcompare as rc

    return rc.read(SEED)


@pytest.fixture(scope="session")
def sample_report():
    import rolcompare as rc

    return rc.read(SAMPLE_2020)


@pytest.fixture(scope="session")
def sample_diff(seed_report, sample_report):
    import rolcompare as rc

    return rc.compare(seed_report, sample_report)
