"""Hypothesis profiles for the loader fuzz tests.

``ci`` (the default) is derandomized and sized so the whole folder runs in about a
minute on two cores; ``AEGUI_FUZZ_PROFILE=fuzz`` (``make fuzz``) runs many more random
examples, ``AEGUI_FUZZ_EXAMPLES=N`` changes how many. Neither writes a .hypothesis folder."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile

from fuzz_support import TALLY
from hypothesis import settings
from hypothesis.configuration import set_hypothesis_home_dir

# Even without a database Hypothesis caches what it learns of the source in .hypothesis/;
# keep that out of the working tree (HYPOTHESIS_STORAGE_DIRECTORY still wins).
if not os.environ.get("HYPOTHESIS_STORAGE_DIRECTORY"):
    _home = tempfile.mkdtemp(prefix="aegui-hypothesis-")
    atexit.register(shutil.rmtree, _home, ignore_errors=True)
    set_hypothesis_home_dir(_home)

# No health check is suppressed: building files in the strategies stays within Hypothesis's
# time and size checks (add HealthCheck.too_slow here if a slower machine disagrees).
settings.register_profile(
    "ci", max_examples=900, derandomize=True, deadline=None, database=None, print_blob=True,
)
settings.register_profile(
    "fuzz", max_examples=int(os.environ.get("AEGUI_FUZZ_EXAMPLES", "20000")), derandomize=False,
    deadline=None, database=None, print_blob=True,
)
settings.load_profile(os.environ.get("AEGUI_FUZZ_PROFILE", "ci"))


def pytest_terminal_summary(terminalreporter) -> None:
    """How each test's examples ended (a long run's results table is read from this)."""
    if not TALLY:
        return
    terminalreporter.section("fuzz outcomes")
    for test in sorted({name for name, _ in TALLY}):
        counts = {outcome: n for (name, outcome), n in sorted(TALLY.items()) if name == test}
        words = {"loaded": "loaded", "error": "DataError", "other": "other exceptions"}
        parts = [f"{counts.get(o, 0)} {words[o]}" for o in ("loaded", "error") if o in counts or
                 not test.startswith("runs:")]
        parts += [f"{n} {o}" for o, n in counts.items() if o not in words]
        terminalreporter.write_line(f"{test}: {sum(counts.values())} cases, " + ", ".join(parts)
                                    + f", {counts.get('other', 0)} other exceptions")
    terminalreporter.write_line(f"peak RSS {peak_rss_mb():.0f} MB")


def peak_rss_mb() -> float:
    try:
        import resource
    except ImportError:  # Windows
        return float("nan")
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux
