"""A training job to take elsewhere: a folder that trains one experiment with torchrun, on
this machine's GPUs or on a Slurm cluster, and writes an ordinary run folder.

    job/
      experiment.json      the settings (the one truth of the run)
      data/dataset.npz     the images as they were loaded, when under the size limit
      run_local.sh         torchrun on this machine
      run_slurm.sbatch     one task per node, srun torchrun with the rendezvous on the first node
      README.md            what to run, and where the results land (runs/)
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np

from aegui.core.checkpoint import atomic_write
from aegui.core.config import ExperimentConfig
from aegui.core.data import BUNDLED_NAME, ImageDataset, parse_spec
from aegui.core.text import plural

DEFAULT_COPY_LIMIT_MB = 512
DATA_FILE = "data/dataset.npz"
RUNS_FOLDER = "runs"
SCRIPT_NAMES = ("run_local.sh", "run_slurm.sbatch")


@dataclass(frozen=True)
class JobPackage:
    folder: Path
    config: ExperimentConfig  # as the job runs it (the dataset may point into the job)
    data_copied: bool
    data_note: str  # where the data comes from, for the README and the dialog
    files: tuple[str, ...]


def write_job(config: ExperimentConfig, folder: str | Path, data: ImageDataset | None = None,
              copy_limit_mb: float = DEFAULT_COPY_LIMIT_MB) -> JobPackage:
    """Write the job folder. ``data`` (the dataset loaded for ``config``) is copied into it
    as an npz when it is not the bundled digits and its images fit ``copy_limit_mb``;
    otherwise the job names the dataset spec, and the README says where it must be.
    Raises OSError when the folder cannot be written."""
    folder = Path(folder)
    spec = parse_spec(config.dataset)
    copied, note = False, ""
    if spec.kind == BUNDLED_NAME:
        note = "The bundled digits ship with aegui: nothing to copy."
    elif data is not None and data.images.numel() <= copy_limit_mb * 1024 * 1024:
        (folder / "data").mkdir(parents=True, exist_ok=True)
        _write_npz(folder / DATA_FILE, data)
        # The copy holds the images as loaded (resized, in their colour): load them as they are.
        config = config.with_changes(dataset=f"npz:{DATA_FILE}", image_size=None, color="auto")
        copied = True
        note = (f"The data ({plural(len(data), 'image')}, {data.images.numel() / 1e6:.1f} MB) is copied "
                f"into {DATA_FILE}.")
    else:
        size = f" ({data.images.numel() / 1e6:.0f} MB, over the {copy_limit_mb:g} MB limit)" if data else ""
        note = (f"The data is not copied{size}: the job reads {config.dataset} — make that path exist "
                "where the job runs (or edit the dataset in experiment.json).")
    # The job picks its device where it runs (the GPUs of a cluster, not this machine's choice).
    config = config.with_changes(device="auto")
    (folder / RUNS_FOLDER).mkdir(parents=True, exist_ok=True)  # Slurm opens its log there first
    _write_text(folder / "experiment.json", config.to_json() + "\n")
    _write_text(folder / "run_local.sh", LOCAL_SCRIPT, executable=True)
    _write_text(folder / "run_slurm.sbatch", SLURM_SCRIPT, executable=True)
    _write_text(folder / "README.md", _readme(config, note))
    files = ("experiment.json", *SCRIPT_NAMES, "README.md") + ((DATA_FILE,) if copied else ())
    return JobPackage(folder, config, copied, note, files)


def _write_npz(path: Path, data: ImageDataset) -> None:
    arrays = {"images": data.images.numpy()}
    if data.labels is not None:
        arrays["labels"] = data.labels.numpy()
        if data.class_names:
            arrays["class_names"] = np.array(data.class_names, dtype=str)

    def write(handle) -> None:
        np.savez_compressed(handle, **cast(dict[str, Any], arrays))

    atomic_write(path, write)


def _write_text(path: Path, text: str, executable: bool = False) -> None:
    atomic_write(path, lambda handle: handle.write(text.encode()))
    if executable:
        mode = os.stat(path).st_mode
        os.chmod(path, mode | stat.S_IXUSR | stat.S_IXGRP | stat.S_IXOTH)


LOCAL_SCRIPT = """#!/usr/bin/env bash
# Train this job on this machine: one process per GPU, or 2 on the CPU.
#   NPROC=4 ./run_local.sh            processes (default: the GPUs, else 2)
#   OUT=runs/first ./run_local.sh     the run folder (default: runs/<date-time>)
#   PYTHON=/path/to/python            the Python that has aegui installed
set -euo pipefail
cd "$(dirname "$0")"
PYTHON="${PYTHON:-python3}"
NPROC="${NPROC:-$("$PYTHON" -c 'import torch; print(torch.cuda.device_count() or 2)')}"
OUT="${OUT:-runs/$(date +%Y%m%d-%H%M%S)}"
if [ "$("$PYTHON" -c 'import torch; print(torch.cuda.is_available())')" = "False" ]; then
    export OMP_NUM_THREADS="${OMP_NUM_THREADS:-1}"  # CPU processes: one thread each
fi
exec "$PYTHON" -m torch.distributed.run --standalone --nproc-per-node "$NPROC" \\
    -m aegui train --config experiment.json --out "$OUT" "$@"
"""

SLURM_SCRIPT = """#!/usr/bin/env bash
# Train this job on a Slurm cluster: one task per node, each starting torchrun for the
# node's GPUs; the rendezvous is on the first node. Submit with: sbatch run_slurm.sbatch
#SBATCH --job-name=aegui
#SBATCH --nodes=2
#SBATCH --ntasks-per-node=1
#SBATCH --gpus-per-node=4
#SBATCH --cpus-per-task=16
#SBATCH --time=01:00:00
#SBATCH --output=runs/slurm-%j.out
set -euo pipefail
cd "${SLURM_SUBMIT_DIR:-$(dirname "$0")}"
if [ ! -f experiment.json ]; then
    echo "aegui: submit this script from its job folder (cd to it, then sbatch run_slurm.sbatch)." >&2
    exit 2
fi
mkdir -p runs
PYTHON="${PYTHON:-python3}"
HEAD_NODE="$(scontrol show hostnames "$SLURM_JOB_NODELIST" | head -n 1)"
GPUS="${SLURM_GPUS_ON_NODE:-4}"
srun "$PYTHON" -m torch.distributed.run \\
    --nnodes "$SLURM_NNODES" --nproc-per-node "$GPUS" \\
    --rdzv-id "$SLURM_JOB_ID" --rdzv-backend c10d --rdzv-endpoint "$HEAD_NODE:29500" \\
    -m aegui train --config experiment.json --out "runs/$SLURM_JOB_ID" "$@"
"""


def _readme(config: ExperimentConfig, data_note: str) -> str:
    return f"""# aegui training job

{config.model}, latent size {config.latent_dim}, {config.task}, {plural(config.epochs, 'epoch')},
global batch {config.batch_size}, on `{config.dataset}`.

{data_note}

## Run it

This machine, one process per GPU (or 2 on the CPU):

    ./run_local.sh

A Slurm cluster (edit the `#SBATCH` lines for your nodes and GPUs first):

    sbatch run_slurm.sbatch

Both need a Python with aegui installed (`PYTHON=/path/to/python` picks one). The batch
size is the global batch: 1 process or N train the same problem.

## Results

Each run writes an ordinary aegui run folder under `{RUNS_FOLDER}/`: `experiment.pt`,
`config.json`, `history.csv`, `metrics.json` and `status.json`, rank 0 alone writing.
In the app, add this folder in Runs › Folders to follow a run live and open it;
`aegui eval --checkpoint {RUNS_FOLDER}/NAME` measures it. A job that stopped continues with

    python3 -m torch.distributed.run --standalone --nproc-per-node N -m aegui train --resume {RUNS_FOLDER}/NAME
"""
