"""`make` says which PyTorch build it downloads, and picks the CPU-only one where there is no
NVIDIA GPU and PyTorch's index answers (scripts/torch_source.py)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

SCRIPTS = Path(__file__).resolve().parent.parent / "scripts"
sys.path.insert(0, str(SCRIPTS))
from torch_source import CPU_INDEX, choose  # noqa: E402


def test_no_gpu_and_a_reachable_index_gets_the_cpu_build():
    args, sentence = choose("", "Linux", gpu=False, reachable=True)
    assert args == ["--extra-index-url", CPU_INDEX]
    assert "CPU-only build" in sentence and "no NVIDIA GPU" in sentence and "TORCH=cuda" in sentence


def test_a_gpu_or_an_unreachable_index_gets_pypi_and_says_what_that_costs():
    for gpu, reachable in ((True, True), (False, False)):
        args, sentence = choose("", "Linux", gpu=gpu, reachable=reachable)
        assert args == [] and "CUDA build" in sentence and "TORCH=cpu" in sentence
    assert "did not answer" in choose("", "Linux", gpu=False, reachable=False)[1]


def test_the_users_choice_wins_and_other_systems_use_pypi():
    assert choose("cpu", "Linux", gpu=True, reachable=False)[0] == ["--extra-index-url", CPU_INDEX]
    assert choose("CUDA", "Linux", gpu=False, reachable=True)[0] == []
    assert choose("", "Darwin", gpu=False, reachable=True)[0] == []
    assert "not a choice" in choose("rocm", "Linux", gpu=False, reachable=True)[1]


def test_an_installed_torch_downloads_nothing_and_keeps_its_build():
    done = subprocess.run([sys.executable, str(SCRIPTS / "torch_source.py")], env={"TORCH": "cpu", "PATH": ""},
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout.strip() == "" and done.stderr == ""
