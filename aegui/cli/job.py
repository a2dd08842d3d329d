"""``aegui job --config FILE --out DIR``: write a torchrun job folder for an experiment (the
same folder File › Export training job… writes)."""

from __future__ import annotations

import argparse

from aegui.cli.common import check_out_dir, load_data
from aegui.cli.experiment_file import read_config_file
from aegui.core.data import BUNDLED_NAME, parse_spec
from aegui.core.errors import AeguiError
from aegui.core.job_package import write_job


def run(args: argparse.Namespace) -> int:
    if args.copy_limit_mb < 0:
        raise AeguiError("--copy-limit-mb must be 0 (never copy the data) or more.")
    config = read_config_file(args.config)
    out = check_out_dir(args.out)
    if (out / "experiment.json").exists() and not args.force:
        raise AeguiError(f"{out} already holds a job; give another --out, or --force to replace it.")
    data = None
    if parse_spec(config.dataset).kind != BUNDLED_NAME and args.copy_limit_mb > 0:
        data = load_data(config, download=args.download)  # copied as it trains: loaded
    package = write_job(config, out, data, args.copy_limit_mb)
    print(f"Wrote the job {out}: {', '.join(package.files)}.")
    print(package.data_note)
    print(f"Run it with {out / 'run_local.sh'} here, or 'sbatch run_slurm.sbatch' on a Slurm cluster.")
    return 0
