"""Test set-up: headless Qt, user folders in a temporary directory, shared test data."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import urllib3.util.connection  # noqa: F401  (see below)
from hypothesis import HealthCheck, settings

# urllib3 (trafilatura imports it) binds a loopback IPv6 socket once, when first imported, to
# learn whether the machine has IPv6. Imported here, that probe runs before any test disables
# sockets (--disable-socket), so no test is reported as trying to use the network for it.

# The suite's fuzz tests run a bounded number of examples; the long fuzz run outside the suite is
#   scripts/fuzz.sh  (HYPOTHESIS_PROFILE=fuzz pytest -m fuzz; BRIEFING_FUZZ_EXAMPLES sets the count)
settings.register_profile("default", max_examples=100, deadline=None)
settings.register_profile(
    "fuzz",
    max_examples=int(os.environ.get("BRIEFING_FUZZ_EXAMPLES", "20000")),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(autouse=True)
def briefing_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point every user folder (data, config, state, cache) at a fresh temporary folder."""
    home = tmp_path_factory.mktemp("briefing-home")
    old = os.environ.get("BRIEFING_HOME")
    os.environ["BRIEFING_HOME"] = str(home)
    yield home
    if old is None:
        os.environ.pop("BRIEFING_HOME", None)
    else:
        os.environ["BRIEFING_HOME"] = old


@pytest.fixture
def shared_dir() -> Path:
    """``../shared`` beside the checkout; tests that need it skip where it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared (test data beside the checkout) is absent")
    return SHARED


@pytest.fixture
def sample_path(shared_dir: Path) -> Path:
    """The real browser paste ``../shared/samples/takaichi-trump-call.txt``."""
    path = shared_dir / "samples" / "takaichi-trump-call.txt"
    if not path.is_file():
        pytest.skip(f"{path} is absent")
    return path


@pytest.fixture
def fixtures_dir() -> Path:
    return FIXTURES


class TimeBoundExceeded(BaseException):
    """A call ran past the bound a test set for it (a hang or a super-linear blow-up).

    A ``BaseException``, so that code which turns every ``Exception`` into a one-line error
    (as the importer does) cannot swallow it; the bound reports it as a test failure.
    """


@pytest.fixture
def time_bound() -> Any:
    """``with time_bound(5, "what"):`` fails the test if the block runs longer than 5 s.

    A bound, not a benchmark: it catches a hang (a FIFO read) or a blow-up (a quadratic rule
    takes minutes) without waiting for it, far above what the work takes on a busy machine.
    Python checks for the alarm between bytecodes and inside the regex engine's loops.
    """
    import contextlib
    import signal
    import time

    @contextlib.contextmanager
    def bound(seconds: float, what: str = "the call") -> Iterator[None]:
        def expire(_signum: int, _frame: object) -> None:
            raise TimeBoundExceeded(f"{what} took longer than {seconds} s")

        previous = signal.signal(signal.SIGALRM, expire)
        started = time.monotonic()
        outer, _interval = signal.setitimer(signal.ITIMER_REAL, seconds)  # pytest-timeout's
        try:
            yield
        except TimeBoundExceeded as err:
            raise AssertionError(str(err)) from None
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)
            if outer:
                left = outer - (time.monotonic() - started)
                signal.setitimer(signal.ITIMER_REAL, max(left, 0.001))

    return bound
