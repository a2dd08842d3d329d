"""``aegui report``: the one-page HTML report of a run, as File › Save report… writes it."""

from __future__ import annotations

import argparse
from pathlib import Path

from aegui.cli.common import check_out_file, evaluation_split
from aegui.core.checkpoint import load_experiment
from aegui.core.errors import AeguiError
from aegui.core.report import REPORT_SUFFIXES, write_report


def run(args: argparse.Namespace) -> int:
    out = check_out_file(args.out)
    if out.suffix.lower() not in REPORT_SUFFIXES:
        raise AeguiError("Save the report as an .html file, such as report.html.")
    source = Path(args.checkpoint).expanduser()
    experiment = load_experiment(source)
    split = evaluation_split(experiment, args.dataset, download=args.download)
    title = args.title or _run_name(source)
    write_report(experiment, split.val, out, title)
    print(f"Wrote {out}")
    return 0


def _run_name(source: Path) -> str:
    folder = source if source.is_dir() else source.parent
    return folder.resolve().name or "aegui run"
