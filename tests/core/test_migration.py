"""Experiments saved by earlier versions still open, and still measure the same images.

``fixtures/experiment-format-1.pt`` was written by ``aegui train`` at format 1 (conv-ae on
the bundled digits, denoise σ=0.3, seed 3, 20 % validation); its ``metrics`` are what that
version's ``aegui eval`` printed.
"""

from pathlib import Path

import pytest

from aegui.core.checkpoint import FORMAT_VERSION, load_experiment
from aegui.core.runs import final_metrics, load_for_config, split_for_config
from aegui.core.training import model_spec_for

FIXTURE = Path(__file__).parent.parent / "fixtures" / "experiment-format-1.pt"


def test_format_1_opens_with_the_split_it_was_measured_on():
    assert FORMAT_VERSION > 1
    experiment = load_experiment(FIXTURE)
    config = experiment.config
    # Format 1 split with the training seed; the migration keeps that split.
    assert config.seed == 3 and config.split_seed == 3
    assert config.task == "denoise" and config.corruption_spec().level == pytest.approx(0.3)
    split = split_for_config(load_for_config(config), config)
    metrics = final_metrics(experiment.model, split, config, with_pca=False)
    assert metrics["val_mse"] == pytest.approx(experiment.metrics["val_mse"], abs=1e-6)
    assert metrics["input_psnr"] == pytest.approx(experiment.metrics["input_psnr"], abs=1e-4)


def test_an_experiment_from_before_the_layouts_keeps_its_first_layout_and_continues():
    experiment = load_experiment(FIXTURE)
    config = experiment.config
    assert (config.block, config.norm) == ("plain", "batch")
    assert (experiment.spec.block, experiment.spec.norm) == ("plain", "batch")
    split = split_for_config(load_for_config(config), config)
    # Continuing builds the model from the config: the same architecture as the weights.
    assert model_spec_for(config, split) == experiment.spec
