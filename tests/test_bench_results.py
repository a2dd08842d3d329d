"""bench/run_all.py's RESULTS.md and README table (no benchmark is run)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"

sys.path.insert(0, str(BENCH))
import run_all  # noqa: E402
from results_file import Row, write_results  # noqa: E402


@pytest.fixture
def results(tmp_path) -> Path:
    """Two benchmarks' JSON: one that ran (through the real writer), one that failed."""
    write_results("alpha", rows=[
        Row("grid vs bare", "215 ms vs 696 ms (0.31×)", "≤ 1.1×", 0.31, True),
        Row("lateness p99", "64 ms | busy", "≤ 50 ms", None, False),
        Row("single decode", "1.2 ms"),
    ], details={"raw": [1, 2]}, path=tmp_path / "alpha.json")
    failed = run_all.Outcome("beta", "failed", 12.3, 1, ["python", "bench/beta.py", "--quick"],
                             ["Traceback (most recent call last):", "ValueError: boom"])
    run_all.record_outcome(failed, tmp_path)
    return tmp_path


def outcomes() -> list:
    return [run_all.Outcome("alpha", "ok", 41.0, 0, ["python", "bench/alpha.py"]),
            run_all.Outcome("beta", "failed", 12.3, 1, ["python", "bench/beta.py", "--quick"],
                            ["Traceback (most recent call last):", "ValueError: boom"]),
            run_all.Outcome("gamma", "missing")]


def info() -> run_all.RunInfo:
    env = {"machine": "Test CPU, 2 usable CPUs, Linux x86_64", "device": "CPU", "torch_threads": 2,
           "versions": {"python": "3.11.7", "torch": "2.0"}}
    return run_all.RunInfo("2025-01-02 03:04 UTC", env, [0.1, 0.2, 0.3], [1.5, 0.9, 0.4], 53.3,
                           left_out=["slow_one (about 6 min)"])


def test_results_md_has_the_header_and_one_table(results):
    text = run_all.render_results(outcomes(), info(), results)
    lines = text.splitlines()
    assert "- Date: 2025-01-02 03:04 UTC" in lines
    assert "- Machine: Test CPU, 2 usable CPUs, Linux x86_64" in lines
    assert "- Device: CPU, 2 torch threads" in lines
    assert "- Versions: python 3.11.7, torch 2.0" in lines
    assert "- Load average (1, 5, 15 min): 0.10, 0.20, 0.30 at the start, 1.50, 0.90, 0.40 at the end" in lines
    assert "- Wall time: 53 s in all (alpha 41 s, beta 12 s, gamma missing)" in lines
    assert "- Not in the default run: slow_one (about 6 min); run `make bench-all`" in lines

    table = lines[lines.index(run_all.TABLE_HEADER):]
    assert table[1] == "|---|---|---|---|---|"
    assert table[2:] == [
        "| `alpha` | grid vs bare | 215 ms vs 696 ms (0.31×) | ≤ 1.1× | yes |",
        "| `alpha` | lateness p99 | 64 ms \\| busy | ≤ 50 ms | **no** |",
        "| `alpha` | single decode | 1.2 ms |  |  |",
        "| `beta` | — | failed (exit 1) after 12 s: ValueError: boom | | **failed** |",
        "| `gamma` | — | missing: bench/gamma.py is not there | | missing |",
    ]


def test_a_failed_benchmark_keeps_its_stderr_in_its_json(results):
    payload = json.loads((results / "beta.json").read_text())
    assert payload["rows"] == []
    assert payload["run"]["status"] == "failed"
    assert payload["run"]["returncode"] == 1
    assert payload["run"]["stderr_tail"][-1] == "ValueError: boom"
    assert payload["run"]["command"] == ["beta.py", "--quick"]


def test_the_runner_adds_its_run_to_a_benchmarks_own_json(results):
    run_all.record_outcome(outcomes()[0], results)
    payload = json.loads((results / "alpha.json").read_text())
    assert payload["details"] == {"raw": [1, 2]}
    assert payload["rows"][1]["met"] is False
    assert payload["run"] == {"status": "ok", "seconds": 41.0, "returncode": 0, "command": ["alpha.py"],
                              "stderr_tail": []}


def test_a_failing_script_is_reported_and_a_missing_one_is_not_run(tmp_path, monkeypatch):
    (tmp_path / "broken.py").write_text("import sys\nprint('working')\nsys.exit('it broke')\n")
    monkeypatch.setattr(run_all, "BENCH_DIR", tmp_path)
    broken = run_all.run_benchmark(run_all.Benchmark("broken"), cuda=False, results_dir=tmp_path / "r")
    assert (broken.status, broken.returncode, broken.stderr_tail) == ("failed", 1, ["it broke"])
    assert "working" in (tmp_path / "r" / "broken.log").read_text()
    assert run_all.run_benchmark(run_all.Benchmark("absent"), cuda=False).status == "missing"


def test_the_readme_block_is_the_table_and_where_it_was_measured(results):
    text = run_all.render_results(outcomes(), info(), results)
    block = run_all.readme_block(text).splitlines()
    assert block[0] == ("Measured on Test CPU, 2 usable CPUs, Linux x86_64 (CPU, 2 torch threads) on 2025-01-02, "
                        "load average 0.10, 0.20, 0.30 at the start, 1.50, 0.90, 0.40 at the end; "
                        "see bench/RESULTS.md.")
    assert block[2] == run_all.TABLE_HEADER
    assert block[-1].startswith("| `gamma` |")
    readme = f"intro\n{run_all.START_MARKER}\nold table\n{run_all.END_MARKER}\nafter\n"
    updated = run_all.replace_between_markers(readme, run_all.readme_block(text))
    assert updated.startswith(f"intro\n{run_all.START_MARKER}\nMeasured on")
    assert updated.endswith(f"| missing |\n{run_all.END_MARKER}\nafter\n")
    assert run_all.readme_table_between_markers(updated) == run_all.readme_block(text)


def test_the_readme_table_is_generated_from_the_committed_results():
    """A hand edit of the README's table (or a RESULTS.md not carried into it) fails here."""
    expected = run_all.readme_block((BENCH / "RESULTS.md").read_text())
    actual = run_all.readme_table_between_markers((ROOT / "README.md").read_text())
    assert actual == expected, "regenerate it: .venv/bin/python bench/run_all.py --readme"


def test_every_benchmark_in_the_list_is_a_script_or_an_expected_newcomer():
    names = {b.name for b in run_all.BENCHMARKS}
    scripts = {p.stem for p in BENCH.glob("*.py")} - run_all.HELPER_MODULES
    assert scripts <= names, f"not run by make bench: {sorted(scripts - names)}"


def test_the_gpu_check_keeps_its_own_section_of_the_results():
    first = run_all.with_gpu_section("# Results\n\n| a | b |\n", "| gpu | 1 |")
    assert first.startswith("# Results") and "| gpu | 1 |" in first
    again = run_all.with_gpu_section(first + "\ntrailing text\n", "| gpu | 2 |")
    assert "| gpu | 1 |" not in again and "| gpu | 2 |" in again and again.count(run_all.GPU_START) == 1
    assert "trailing text" in again and again.startswith("# Results")
