"""Shared test configuration: offline by default, cassettes replayed from the repo's cassettes/.

Tests that need a server start it themselves on 127.0.0.1 (allowed by --allowed-hosts);
everything else is blocked. Cassettes are recorded by scripts/record-cassettes.sh against a real
llama-cpp-python server; with --record-mode=none (the default here) a missing interaction fails
the test instead of calling out.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
CASSETTES = ROOT / "cassettes"

# Headers that may carry credentials: never written to a cassette.
SECRET_HEADERS = [
    "authorization", "api-key", "x-api-key", "openai-organization", "openai-project",
    "cookie", "set-cookie", "proxy-authorization",
]  # fmt: skip


_CACHE_DIR = pytest.StashKey[str]()


def pytest_configure(config: pytest.Config) -> None:
    # The compiled-pattern cache (summarizer/rxcache.py) goes to a folder of this run, never the
    # user's ~/.cache; subprocesses the tests start inherit it.
    os.environ["XDG_CACHE_HOME"] = tempfile.mkdtemp(prefix="summarizer-test-cache-")
    config.stash[_CACHE_DIR] = os.environ["XDG_CACHE_HOME"]
    if not config.getoption("--allowed-hosts", default=None):
        config.option.allowed_hosts = "127.0.0.1,localhost,::1"


def pytest_unconfigure(config: pytest.Config) -> None:
    shutil.rmtree(config.stash.get(_CACHE_DIR, ""), ignore_errors=True)


@pytest.fixture(scope="module")
def vcr_config() -> dict[str, object]:
    return {
        "filter_headers": [(h, None) for h in SECRET_HEADERS],
        "filter_query_parameters": ["api_key", "key"],
        "match_on": ["method", "scheme", "host", "port", "path", "query", "body"],
        "decode_compressed_response": True,
    }


@pytest.fixture(scope="module")
def vcr_cassette_dir(request: pytest.FixtureRequest) -> str:
    return str(CASSETTES / request.module.__name__.rsplit(".", 1)[-1])


@pytest.fixture
def seed_paths() -> list[Path]:
    return sorted(SEEDS.glob("*.txt"))
