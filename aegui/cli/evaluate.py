"""``aegui eval``: the final metrics of a trained experiment, on its own validation split
or on another dataset."""

from __future__ import annotations

import argparse
from pathlib import Path

from aegui.cli.common import evaluation_split, print_metrics
from aegui.core.checkpoint import load_experiment
from aegui.core.runs import final_metrics


def run(args: argparse.Namespace) -> int:
    experiment = load_experiment(Path(args.checkpoint))
    split = evaluation_split(experiment, args.dataset, args.download)
    metrics = final_metrics(experiment.model, split, experiment.config)
    print_metrics(metrics, as_json=args.json)
    return 0


