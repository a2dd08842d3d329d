"""Anomaly scores: a digits model finds foreign images strange, the rankings and
thresholds mean what they say, and the loss score is the training loss per image."""

from __future__ import annotations

import csv

import numpy as np
import pytest
import torch

from aegui.core.analysis import (
    SCORE_KINDS,
    SCORE_TITLES,
    anomaly_scores,
    flagged,
    mean_auroc,
    per_class_auroc,
    separation,
    threshold_at_fpr,
    threshold_at_percentile,
    top_k,
    write_columns_csv,
    write_scores_csv,
)
from aegui.core.corruptions import corruption_for_task
from aegui.core.errors import AeguiError, Cancelled
from aegui.core.evaluation import evaluate
from aegui.core.models import ModelSpec, build_model


def garments(n: int, seed: int = 0) -> torch.Tensor:
    """Fashion-like silhouettes: large bright filled shapes, nothing like a pen stroke."""
    gen = torch.Generator().manual_seed(seed)
    out = torch.zeros(n, 1, 28, 28, dtype=torch.uint8)
    for i in range(n):
        w, h = torch.randint(16, 26, (2,), generator=gen).tolist()
        x0, y0 = (28 - w) // 2, (28 - h) // 2
        out[i, 0, y0 : y0 + h, x0 : x0 + w] = int(torch.randint(200, 256, (1,), generator=gen))
    return out


def pairwise_auroc(normal: np.ndarray, anomalous: np.ndarray) -> float:
    """AUROC by its definition: P(anomaly scores higher than a normal image), ties half."""
    diff = anomalous[:, None] - normal[None, :]
    return float(((diff > 0).sum() + 0.5 * (diff == 0).sum()) / diff.size)


def test_a_digits_model_scores_foreign_images_higher(digits_ae, tiny_split):
    model, _ = digits_ae
    val = tiny_split.val.images
    normal = anomaly_scores(model, val, None)
    assert normal.dtype == np.float64 and normal.shape == (len(val),)
    for foreign in (garments(64), 255 - val):
        scores = anomaly_scores(model, foreign, None)
        result = separation(normal, scores)
        assert result.auroc > 0.9
        assert result.auroc == pytest.approx(pairwise_auroc(normal, scores))
        assert result.average_precision > 0.85
        assert result.fpr[0] == 0 and result.tpr[-1] == 1 and result.recall[0] == 1


def test_an_untrained_model_does_not_find_them(tiny_split, digits_ae):
    # The control: the separation comes from training, not from the pixel values alone. Scrambled
    # digits have every image's own pixels (so an untrained model's error, which follows the
    # brightness, is the same), and a trained model finds them at once.
    torch.manual_seed(0)
    model = build_model(digits_ae[0].spec).eval()
    val = tiny_split.val.images
    scrambled = _scrambled(val)
    assert separation(anomaly_scores(model, val, None), anomaly_scores(model, scrambled, None)).auroc < 0.6
    trained = digits_ae[0]
    assert separation(anomaly_scores(trained, val, None), anomaly_scores(trained, scrambled, None)).auroc > 0.9


def _scrambled(images: torch.Tensor) -> torch.Tensor:
    """The same pixels of each image, in one fixed shuffled order."""
    order = torch.randperm(images[0].numel(), generator=torch.Generator().manual_seed(0))
    return images.flatten(1)[:, order].view_as(images)


def test_broken_images_planted_in_the_data_top_the_ranking(digits_ae, tiny_split):
    model, _ = digits_ae
    images = tiny_split.val.images.clone()
    planted = [5, 17, 40]
    images[planted] = garments(3, seed=4)
    scores = anomaly_scores(model, images, None)
    top = top_k(scores, 3)
    assert set(top.tolist()) == set(planted)
    ranked = scores[top_k(scores, len(scores))]
    assert np.all(np.diff(ranked) <= 0)


def test_mse_score_is_the_per_image_mse_and_loss_score_the_training_loss(digits_vae, tiny_split):
    model, config = digits_vae
    val = tiny_split.val
    identity = corruption_for_task("reconstruct")
    reference = evaluate(model, val.images, None, identity, loss_kind="bce", beta=1.0)
    mse_scores = anomaly_scores(model, val.images, None, kind="mse", batch_size=7)
    assert mse_scores.mean() == pytest.approx(reference.mse, rel=1e-5)
    loss = anomaly_scores(model, val.images, None, kind="loss", loss_kind="bce", beta=1.0, batch_size=7)
    assert loss.mean() == pytest.approx(reference.loss, rel=1e-5)  # the −ELBO in nats per image
    assert loss.min() > 20  # a sum over 784 pixels, not a mean
    heavier_kl = anomaly_scores(model, val.images, None, kind="loss", beta=4.0)
    assert heavier_kl.mean() == pytest.approx(reference.recon + 4.0 * reference.kl, rel=1e-5)
    # Deterministic (the mean code, not a sample) and independent of the batch size.
    np.testing.assert_allclose(loss, anomaly_scores(model, val.images, None, kind="loss", batch_size=500),
                               rtol=1e-5)
    assert model.training is False


def test_scores_report_progress_and_stop_when_asked(digits_ae, tiny_split):
    model, _ = digits_ae
    images = tiny_split.val.images
    seen = []
    anomaly_scores(model, images, None, batch_size=20, progress=lambda d, t: seen.append((d, t)))
    assert seen == [(20, 64), (40, 64), (60, 64), (64, 64)]
    calls = []
    with pytest.raises(Cancelled):
        anomaly_scores(model, images, None, batch_size=20, should_stop=lambda: calls.append(1) or len(calls) > 2)
    assert len(calls) == 3


def test_a_conditional_model_needs_the_labels(tiny_split):
    spec = ModelSpec("cvae", 1, 28, 28, latent_dim=2, hidden=4, num_classes=10)
    model = build_model(spec).eval()
    val = tiny_split.val
    with pytest.raises(AeguiError, match="label"):
        anomaly_scores(model, val.images, None)
    with pytest.raises(AeguiError, match="outside 0 to 9"):
        anomaly_scores(model, val.images, val.labels + 5)
    assert anomaly_scores(model, val.images, val.labels, kind="loss").shape == (len(val),)


def test_unknown_score_kind_is_refused(digits_ae, tiny_split):
    assert SCORE_KINDS == ("mse", "loss") and set(SCORE_TITLES) == set(SCORE_KINDS)
    with pytest.raises(AeguiError, match="mse or loss"):
        anomaly_scores(digits_ae[0], tiny_split.val.images, None, kind="ssim")


def test_top_k_is_sorted_by_score_with_ties_in_order():
    scores = np.array([0.5, 2.0, 0.1, 2.0, 3.0, 0.5])
    assert top_k(scores, 4).tolist() == [4, 1, 3, 0]
    assert top_k(scores, 100).tolist() == [4, 1, 3, 0, 5, 2]
    assert top_k(scores, 0).tolist() == []
    rng = np.random.default_rng(0)
    many = rng.normal(size=1000)
    top = top_k(many, 50)
    assert np.all(np.diff(many[top]) <= 0)
    assert many[top].min() >= np.sort(many)[-50]


@pytest.mark.parametrize("fpr", [0.0, 0.01, 0.05, 0.1, 0.333, 0.5, 1.0])
def test_threshold_at_fpr_gives_that_false_positive_rate(fpr):
    normal = np.random.default_rng(1).normal(size=999)
    t = threshold_at_fpr(normal, fpr)
    rate = flagged(normal, t).mean()
    assert rate <= fpr + 1e-12
    # and it is the tightest such threshold: the next lower score would flag too many
    below = normal[normal < t]
    if len(below):
        assert (normal > below.max()).mean() > fpr
    assert abs(rate - fpr) <= 1 / len(normal) + 1e-12


def test_threshold_at_percentile():
    scores = np.arange(101, dtype=float)
    assert threshold_at_percentile(scores, 95) == pytest.approx(95.0)
    assert flagged(scores, threshold_at_percentile(scores, 90)).sum() == 10


def test_per_class_auroc_compares_each_held_out_class_with_the_normal_ones():
    rng = np.random.default_rng(2)
    labels = np.repeat([0, 1, 2, 3], 200)
    scores = rng.normal(size=len(labels))
    scores[labels == 2] += 3.0  # clearly stranger
    scores[labels == 3] += 0.5  # a little
    table = per_class_auroc(scores, labels, normal_classes=(0, 1))
    assert set(table) == {2, 3}
    normal = scores[labels <= 1]
    assert table[2] == pytest.approx(pairwise_auroc(normal, scores[labels == 2]))
    assert table[3] == pytest.approx(pairwise_auroc(normal, scores[labels == 3]))
    assert table[2] > 0.97 and 0.55 < table[3] < 0.8
    assert mean_auroc(table) == pytest.approx((table[2] + table[3]) / 2)
    assert per_class_auroc(scores, labels, normal_classes=(7,)) == {}


def test_separation_needs_both_sides_and_finite_scores():
    with pytest.raises(AeguiError):
        separation(np.array([]), np.array([1.0]))
    with pytest.raises(AeguiError, match="finite"):
        separation(np.array([1.0, np.nan]), np.array([2.0]))


def test_scores_csv_has_row_label_score_flagged(tmp_path):
    rows = np.array([10, 3, 7])
    scores = np.array([0.5, 0.01, 0.2])
    path = write_scores_csv(tmp_path / "scores.csv", rows, np.array([1, 0, 2]), scores, threshold=0.2)
    with open(path, newline="") as handle:
        table = list(csv.reader(handle))
    assert table == [["row", "label", "score", "flagged"], ["10", "1", "0.5", "1"], ["3", "0", "0.01", "0"],
                     ["7", "2", "0.2", "0"]]
    unlabelled = write_scores_csv(tmp_path / "u.csv", rows, None, scores, 0.0)
    assert unlabelled.read_text().splitlines()[1] == "10,,0.5,1"
    assert [p.name for p in tmp_path.iterdir()] and not list(tmp_path.glob(".*.tmp"))


def test_curves_csv_pads_shorter_columns(tmp_path):
    path = write_columns_csv(tmp_path / "roc.csv", {"fpr": np.array([0.0, 0.5, 1.0]), "k": [1, 2]})
    assert path.read_text().splitlines() == ["fpr,k", "0,1", "0.5,2", "1,"]
