"""Where `make` gets PyTorch from, said before the download starts.

On Linux, PyPI's torch is the CUDA build: with its NVIDIA libraries, gigabytes. On a machine
without an NVIDIA GPU the CPU-only build from PyTorch's own index does the same work for a
tenth of that. ``TORCH=cpu`` or ``TORCH=cuda`` decides; left unset, the CPU build is chosen
where there is no NVIDIA GPU and PyTorch's index answers.

    python scripts/torch_source.py   # prints pip's extra arguments; the explanation goes to stderr
"""

from __future__ import annotations

import importlib.util
import os
import platform
import shutil
import sys
import urllib.request
from pathlib import Path

CPU_INDEX = "https://download.pytorch.org/whl/cpu"


def has_nvidia_gpu() -> bool:
    return Path("/proc/driver/nvidia/version").exists() or shutil.which("nvidia-smi") is not None


def index_answers(url: str = CPU_INDEX, timeout_s: float = 4.0) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/torch/", timeout=timeout_s) as reply:
            return reply.status == 200
    except (OSError, ValueError):
        return False


def choose(choice: str, system: str, gpu: bool, reachable: bool) -> tuple[list[str], str]:
    """pip's extra arguments and the sentence that says what will be downloaded."""
    choice = choice.strip().lower()
    if choice not in ("", "cpu", "cuda"):
        return [], f"TORCH={choice} is not a choice (cpu or cuda); installing PyTorch from PyPI."
    if system != "Linux":
        return [], "Installing PyTorch from PyPI (on this system that is its CPU and Apple-GPU build)."
    if choice == "cpu" or (choice == "" and not gpu and reachable):
        why = "as asked (TORCH=cpu)" if choice == "cpu" else "because this machine has no NVIDIA GPU"
        return (["--extra-index-url", CPU_INDEX],
                f"Installing the CPU-only build of PyTorch (about 200 MB) from download.pytorch.org, "
                f"{why}. TORCH=cuda installs the CUDA build instead.")
    if choice == "cuda" or gpu:
        return [], ("Installing the CUDA build of PyTorch from PyPI (several GB with its NVIDIA "
                    "libraries). TORCH=cpu installs the 200 MB CPU-only build instead.")
    return [], ("Installing PyTorch from PyPI, which on Linux is the CUDA build (several GB with its "
                "NVIDIA libraries): this machine has no NVIDIA GPU, but download.pytorch.org, where "
                "the 200 MB CPU-only build is, did not answer. TORCH=cpu insists on it.")


def main() -> int:
    if importlib.util.find_spec("torch") is not None:
        return 0  # already installed: nothing is downloaded, and pip must not switch builds
    choice = os.environ.get("TORCH", "")
    gpu = has_nvidia_gpu()
    system = platform.system()
    wants_probe = system == "Linux" and choice.strip().lower() == "" and not gpu
    args, sentence = choose(choice, system, gpu, index_answers() if wants_probe else False)
    print(sentence, file=sys.stderr)
    print(" ".join(args))
    return 0


if __name__ == "__main__":
    sys.exit(main())
