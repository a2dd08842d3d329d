"""The training loop, as a generator that knows nothing about threads or Qt.

    trainer = Trainer(config, split)
    for report in trainer.fit(should_stop):
        ...  # StepReport, EpochReport, then one RunFinished

The CLI drives it with a progress bar, the GUI worker on a QThread. Datasets stay
on the device as uint8 tensors and batches are index slices: no per-sample Python.
"""

from __future__ import annotations

import copy
import math
import time
from collections.abc import Callable, Iterator

import numpy as np
import torch

from aegui.core.config import ExperimentConfig
from aegui.core.data import DataSplit
from aegui.core.device import cpu_copy, resolve_device
from aegui.core.distributed import DistContext, data_parallel, shard_bounds
from aegui.core.errors import ConfigError, TrainingError
from aegui.core.evaluation import EvalResult, evaluate, evaluation_sums, result_from_sums, sample_preview
from aegui.core.fast_path import (
    compile_error,
    compiled,
    fast_path_for,
    is_compile_failure,
    make_optimizer,
    prepare_model,
)
from aegui.core.latent import encode
from aegui.core.losses import kl_weight, loss_terms
from aegui.core.models import Autoencoder, ModelSpec, build_model
from aegui.core.models.base import DENSE_DEPTH, DENSE_KINDS, auto_depth
from aegui.core.models.budget import batch_slice, check_trainable, needs_pairs, steps_per_epoch
from aegui.core.partial_epoch import PartialEpoch
from aegui.core.reports import EpochReport, MidEpoch, RunFinished, SamplePreview, StepReport
from aegui.core.words import say

Report = StepReport | EpochReport | MidEpoch | RunFinished
REPORT_INTERVAL_S = 0.1  # how often step reports are yielded (and losses synced)
DIST_REPORT_EVERY = 20  # under torchrun: batches between reports, where the ranks share their losses
RANK_SEED_STRIDE = 7919  # offsets each rank's random stream (a VAE's sampling) from the others'
# A run has diverged once its loss is this many times its loss at the start. Normal runs
# never pass their first batch's loss (MSE, BCE, AE, VAE, with or without β warm-up);
# a diverging one passes it a million-fold within an epoch.
DIVERGENCE_FACTOR = 100.0
# The reference never drops below this loss per value of an image, so the noise of a
# near-perfect model that is continued cannot look like an explosion.
MIN_REFERENCE_PER_VALUE = 0.01


def model_spec_for(config: ExperimentConfig, split: DataSplit) -> ModelSpec:
    data = split.train
    if config.model == "cvae" and not data.has_labels:
        raise ConfigError(say("A conditional VAE needs labelled data, but this dataset has no labels. Use a dataset "
                              "with classes, or pick another model."))
    dense = config.model in DENSE_KINDS
    if dense:
        depth = config.depth or DENSE_DEPTH
    else:
        depth = config.depth or (len(config.widths) if config.widths else auto_depth(data.height, data.width))
    return ModelSpec(
        kind=config.model, channels=data.channels, height=data.height, width=data.width,
        latent_dim=config.latent_dim, hidden=config.hidden, depth=depth,
        num_classes=data.num_classes if config.model == "cvae" else 0,
        # Dense models have no stages: they keep the fields' defaults, as they always had.
        block="plain" if dense else config.block, norm="batch" if dense else config.norm,
        widths=() if dense or config.widths is None else config.widths,
    )


SPEC_NAMES = {"kind": say("model"), "channels": say("channels"), "height": say("image height"),
              "width": say("image width"), "latent_dim": say("latent size"), "hidden": say("width"),
              "depth": say("depth"), "num_classes": say("classes"), "block": say("block"), "norm": say("norm"),
              "widths": say("stage widths")}


def spec_differences(have: ModelSpec, want: ModelSpec) -> str:
    """"width 32, not 64; depth 2, not 3": what differs between two architectures."""
    parts = [say("{setting} {have}, not {want}", setting=SPEC_NAMES.get(name, name), have=getattr(have, name),
                 want=getattr(want, name))
             for name in SPEC_NAMES if getattr(have, name) != getattr(want, name)]
    if not parts:
        return say("the architecture differs")
    text = parts[0]
    for part in parts[1:]:  # each difference translated, joined as a list
        text = say("{differences}; {difference}", differences=text, difference=part)
    return text


def restore_optimizer(optimizer: torch.optim.Optimizer, state: dict, config: ExperimentConfig) -> str:
    """Continue with the saved optimizer state (Adam's moments, SGD's momentum) when it is
    the same kind of optimizer, but with the config's settings: a run continued with a new
    learning rate uses it. Another optimizer, or a damaged state, starts afresh; the sentence
    returned says so ("" when the state was restored)."""
    fresh = set(optimizer.param_groups[0]) - {"params"}
    groups = state.get("param_groups") if isinstance(state, dict) else None
    if not isinstance(groups, list) or not groups or not all(isinstance(g, dict) for g in groups):
        return say("The saved optimizer state is damaged (it has no parameter groups); the optimizer starts fresh "
                   "(the weights are kept).")
    if set(groups[0]) - {"params"} != fresh:
        return say("The saved optimizer state is of another optimizer than {optimizer}: {optimizer} starts fresh.",
                   optimizer=config.optimizer)
    settings = {name: group[name] for group in optimizer.param_groups[:1] for name in fresh}
    before = copy.deepcopy(optimizer.state_dict())
    try:
        optimizer.load_state_dict(state)
        _check_moments(optimizer)
    except (ValueError, KeyError, TypeError, RuntimeError) as exc:
        optimizer.load_state_dict(before)
        return say("The saved optimizer state does not fit this model ({reason}); the optimizer starts fresh (the "
                   "weights are kept).", reason=_short(exc))
    for group in optimizer.param_groups:
        group.update(settings)
    return ""



def _check_moments(optimizer: torch.optim.Optimizer) -> None:
    """A moment tensor that does not match its parameter would fail at the first step."""
    for group in optimizer.param_groups:
        for param in group["params"]:
            for name, value in optimizer.state.get(param, {}).items():
                if isinstance(value, torch.Tensor) and value.ndim and value.shape != param.shape:
                    raise ValueError(f"{name} is {tuple(value.shape)} for a parameter of {tuple(param.shape)}")
                if isinstance(value, torch.Tensor) and value.is_floating_point() and not torch.isfinite(value).all():
                    raise ValueError(f"{name} holds values that are not finite")


def _short(exc: Exception) -> str:
    return " ".join(str(exc).split())[:160] or type(exc).__name__


def snapshot_model(model: Autoencoder) -> Autoencoder:
    """An eval-mode CPU copy that shares no memory with the live model."""
    clone = build_model(model.spec)
    clone.load_state_dict({k: v.detach().cpu().clone() for k, v in model.state_dict().items()})
    return clone.eval()


def _is_out_of_memory(exc: BaseException) -> bool:
    oom_type = getattr(torch, "OutOfMemoryError", None) or torch.cuda.OutOfMemoryError
    return isinstance(exc, oom_type) or "out of memory" in str(exc).lower()


class Trainer:
    """Owns the model, optimizer and device-resident data of one experiment."""

    def __init__(
        self,
        config: ExperimentConfig,
        split: DataSplit,
        *,
        model: Autoencoder | None = None,
        optimizer_state: dict | None = None,
        history: list[dict[str, float]] | None = None,
        epochs_done: int = 0,
        track_latent: int = 0,
        partial: PartialEpoch | None = None,
        checkpoint_every_s: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        dist: DistContext | None = None,
    ):
        self.config = config
        self.track_latent = track_latent  # encode this many validation images each epoch
        self.dist = dist  # under torchrun: this rank's place; None for one process
        self.device = dist.device if dist is not None else resolve_device(config.device)
        self.corruption = config.corruption_spec()
        self.corruption.check_channels(split.train.channels)
        spec = model_spec_for(config, split)
        if model is not None and model.spec != spec:
            raise ConfigError(say(
                "The model to continue does not fit these settings: {differences}. Continue with the model's own "
                "settings, or train a new model from scratch.", differences=spec_differences(model.spec, spec)))
        # What goes to the device with the model: a mapped training set stays on disk.
        data_bytes = (0 if split.train.mapped else split.train.images.numel()) + split.val.images.numel()
        check_trainable(spec, config.batch_size, len(split.train), config.optimizer, self.device,
                        data_bytes)
        torch.manual_seed(config.seed)
        self.fast = fast_path_for(config, self.device)
        self.model = prepare_model((model or build_model(spec)).to(self.device), self.fast)
        if dist is not None:
            if checkpoint_every_s is not None:
                raise ConfigError(say("Checkpoints inside an epoch are not kept under torchrun (each rank's random "
                                      "state would be needed); use --checkpoint-minutes 0."))
            if config.batch_size < 2 * dist.world_size:
                raise ConfigError(say("The batch size ({batch_size}) is the global batch, shared by {processes} "
                                      "processes: make it at least {least}.", batch_size=config.batch_size,
                                      processes=dist.world_size, least=2 * dist.world_size))
        self._step_model = compiled(data_parallel(self.model, dist), self.fast)
        self.optimizer = make_optimizer(config, self.model, self.fast)
        self.optimizer_note = ""  # said when a saved optimizer state could not be used
        if optimizer_state is not None:
            self.optimizer_note = restore_optimizer(self.optimizer, optimizer_state, config)
        self.split = split
        # A dataset mapped from the data cache stays on disk: batches are read from it.
        self._mapped_train = split.train.mapped
        self.train_images = split.train.images if self._mapped_train else split.train.images.to(self.device)
        self.train_labels = self._labels(split.train.labels)
        self.val_images = split.val.images.to(self.device)
        self.val_labels = self._labels(split.val.labels)
        self.history: list[dict[str, float]] = list(history or [])
        self.epochs_done = epochs_done
        self.scaler = torch.amp.GradScaler("cuda", enabled=self.fast.grad_scaler)
        self._good_state = self._capture_state()  # whole epochs only, never a partial one
        self.final_validation: EvalResult | None = None  # the last epoch's, with SSIM
        self._reference_loss = self._history_reference(split)
        self._reference_taken = False
        # Checkpoints inside an epoch: how often, and the epoch to pick up part-way.
        self.checkpoint_every_s = checkpoint_every_s
        self._clock = clock
        self._partial: PartialEpoch | None = None
        self._epoch_state: tuple[int, int, torch.Tensor, torch.Generator] | None = None
        if partial is not None and not self.pick_up(partial):
            raise ConfigError(say("The mid-epoch checkpoint is of another point of this run; continue from its "
                                  "last whole epoch instead."))

    def pick_up(self, partial: PartialEpoch) -> bool:
        """Continue part-way through the next epoch, from a mid-epoch checkpoint of this
        run; False (and nothing changed) when it is of another epoch or another data size."""
        if partial.epochs_done != self.epochs_done or partial.steps != self.steps_per_epoch():
            return False
        try:
            self.model.load_state_dict(partial.model_state)
            self.optimizer.load_state_dict(partial.optimizer_state)
        except (RuntimeError, ValueError, KeyError):
            self.restore_last_good()
            return False
        self._partial = partial
        return True

    def _history_reference(self, split: DataSplit) -> float:
        """The loss floor divergence is measured against, before this run's first batch."""
        values_per_image = split.train.channels * split.train.height * split.train.width
        floor = MIN_REFERENCE_PER_VALUE * values_per_image
        # A continued run measures against the first epoch of the whole experiment.
        try:
            first = float(self.history[0]["train_loss"]) if self.history else math.nan
        except (KeyError, TypeError, ValueError):
            first = math.nan
        return max(floor, first) if math.isfinite(first) else floor

    def _labels(self, labels: torch.Tensor | None) -> torch.Tensor | None:
        return labels.to(self.device) if labels is not None and self.model.conditional else None

    # -- state kept for recovery -------------------------------------------------------
    def _capture_state(self) -> tuple[dict, dict]:
        return (
            {k: v.detach().clone() for k, v in self.model.state_dict().items()},
            copy.deepcopy(self.optimizer.state_dict()),
        )

    def restore_last_good(self) -> None:
        """Put back the weights and optimizer state of the last completed epoch (or the start)."""
        model_state, optimizer_state = self._good_state
        self.model.load_state_dict(model_state)
        self.optimizer.load_state_dict(optimizer_state)

    def snapshot(self) -> Autoencoder:
        return snapshot_model(self.model)

    def steps_per_epoch(self) -> int:
        min_batch = 2 if needs_pairs(self.model.spec) else 1
        if self.dist is not None:  # every rank's share of a short last batch must be trainable too
            min_batch *= self.dist.world_size
        return steps_per_epoch(len(self.train_images), self.config.batch_size, min_batch)

    # -- the loop --------------------------------------------------------------------------
    def fit(self, should_stop: Callable[[], bool] | None = None) -> Iterator[Report]:
        """Train until ``config.epochs`` epochs are done or ``should_stop()`` returns True."""
        try:
            yield from self._fit(should_stop or (lambda: False))
        except TrainingError:
            raise
        except Exception as exc:
            if is_compile_failure(exc):
                self.restore_last_good()
                raise compile_error(exc) from exc
            if not isinstance(exc, RuntimeError):
                raise
            if not _is_out_of_memory(exc):
                raise
            self.restore_last_good()
            if self.device.type == "cuda":
                torch.cuda.empty_cache()
            raise TrainingError(say(
                "The {device} device ran out of memory at batch size {batch_size}. Try a smaller batch size (for "
                "example {smaller}) or a smaller model.", device=self.device.type.upper(),
                batch_size=self.config.batch_size, smaller=max(1, self.config.batch_size // 2))) from exc

    def _fit(self, should_stop: Callable[[], bool]) -> Iterator[Report]:
        cfg = self.config
        n = len(self.train_images)
        bs = min(cfg.batch_size, n)
        steps = self.steps_per_epoch()
        total_epochs = cfg.epochs
        run_start = time.perf_counter()
        images_this_run = 0
        global_step = self.epochs_done * steps
        self.model.train()
        while self.epochs_done < total_epochs:
            epoch = self.epochs_done
            # Seeds per epoch, so a resumed run replays exactly what a continuous one does.
            # (A VAE's sampling differs per rank; rank 0 draws what one process would.)
            torch.manual_seed(cfg.seed * 100_003 + epoch + RANK_SEED_STRIDE * self._rank)
            order = torch.randperm(n, generator=torch.Generator().manual_seed(cfg.seed + epoch))
            order = order.to(self.device)
            noise_gen = torch.Generator(device=self.device).manual_seed(cfg.seed * 7 + epoch + 1)
            epoch_sums = torch.zeros(3, device=self.device)
            first_step = self._resume_epoch(epoch, epoch_sums, noise_gen)
            global_step += first_step
            epoch_start = time.perf_counter()
            last_report = epoch_start
            last_checkpoint = self._clock()
            window_sums = torch.zeros(3, device=self.device)
            window_batches: int | torch.Tensor = 0
            for step in range(first_step, steps):
                if should_stop():
                    self.restore_last_good()
                    yield RunFinished(False, self.epochs_done, say("Stopped during epoch {epoch}.", epoch=epoch + 1))
                    return
                index = order[batch_slice(step, steps, bs, n)]
                clean = self._batch_images(index).float().div_(255.0)
                labels = self.train_labels[index] if self.train_labels is not None else None
                # The whole global batch is corrupted on every rank, then each keeps its rows:
                # the same noise per image as one process draws.
                noisy = self.corruption(clean, noise_gen)
                global_rows = len(index)
                lo, hi = shard_bounds(self.dist, global_rows)
                if self.dist is not None:
                    clean, noisy = clean[lo:hi], noisy[lo:hi]
                    labels = labels[lo:hi] if labels is not None else None
                weight = kl_weight(cfg.beta, epoch, step / steps, cfg.kl_warmup_epochs)
                with self.fast.autocast():
                    out = self._step_model(self.fast.batch(noisy), labels)
                    terms = loss_terms(out, clean, cfg.loss, weight)
                if not self._reference_taken:
                    self._take_reference(terms.total)
                self.optimizer.zero_grad(set_to_none=True)
                # DDP averages the ranks' gradients; weighting each rank's mean by its share
                # of the global batch makes that the gradient of the global batch's mean.
                share = (hi - lo) * (self.dist.world_size if self.dist else 1) / global_rows
                self.scaler.scale(terms.total * share if self.dist else terms.total).backward()
                self.scaler.step(self.optimizer)
                self.scaler.update()
                values = torch.stack([terms.total, terms.recon, terms.kl]).detach().float()
                epoch_sums += values * (hi - lo)
                window_sums += values * (hi - lo)
                window_batches += hi - lo
                images_this_run += global_rows
                global_step += 1
                now = time.perf_counter()
                if self._report_due(now - last_report, step, steps):
                    if self.dist is not None:  # every rank sees the same losses, so all decide alike
                        window = torch.cat([window_sums, torch.tensor([float(window_batches)], device=self.device)])
                        self.dist.all_reduce_sum(window)
                        window_sums, window_batches = window[:3], window[3]
                    loss, recon, kl = (window_sums / window_batches).tolist()  # one sync
                    self._check_finite(loss, epoch, step)
                    self._check_growth(loss, epoch, step)
                    rate = images_this_run / max(now - run_start, 1e-9)
                    remaining = (total_epochs - epoch) * n - (step + 1) * bs
                    yield StepReport(epoch, total_epochs, step + 1, steps, global_step,
                                     loss, recon, kl, rate, max(0.0, remaining) / rate)
                    window_sums = torch.zeros(3, device=self.device)
                    window_batches = 0
                    last_report = now
                if self.checkpoint_every_s is not None and step < steps - 1 \
                        and self._clock() - last_checkpoint >= self.checkpoint_every_s:
                    self._epoch_state = (epoch, step + 1, epoch_sums, noise_gen)
                    yield MidEpoch(epoch, step + 1)
                    self._epoch_state = None
                    last_checkpoint = self._clock()
            if self.dist is not None:
                self.dist.all_reduce_sum(epoch_sums)
            epoch_seconds = time.perf_counter() - epoch_start
            train = (epoch_sums / n).tolist()
            self._check_finite(train[0], epoch, steps - 1)
            yield self._end_epoch(epoch, train, weight, global_step, epoch_seconds, run_start,
                                  images_this_run, n)
        yield RunFinished(True, self.epochs_done, say("Finished 1 epoch.") if self.epochs_done == 1
                          else say("Finished {count:,} epochs.", count=self.epochs_done))

    def _resume_epoch(self, epoch: int, epoch_sums: torch.Tensor, noise_gen: torch.Generator) -> int:
        """The batch epoch ``epoch`` starts at: 0, or where a mid-epoch checkpoint left it,
        with the loss sums and random generators as they were there."""
        partial, self._partial = self._partial, None
        if partial is None or partial.epochs_done != epoch:
            return 0
        epoch_sums.copy_(torch.tensor(partial.epoch_sums, device=self.device))
        torch.set_rng_state(partial.rng_state)
        noise_gen.set_state(partial.noise_state)
        if self.device.type == "cuda" and partial.device_rng_state is not None:
            torch.cuda.set_rng_state(partial.device_rng_state, self.device)
        return partial.step

    def partial_epoch(self) -> PartialEpoch:
        """The state at the :class:`MidEpoch` just yielded, on the CPU, to be saved."""
        if self._epoch_state is None:
            raise RuntimeError("partial_epoch() is only meaningful at a MidEpoch report")
        epoch, step, sums, noise_gen = self._epoch_state
        return PartialEpoch(
            config_json=self.config.to_json(), epochs_done=epoch, step=step,
            steps=self.steps_per_epoch(), epoch_sums=[float(v) for v in sums.tolist()],
            model_state={k: v.detach().cpu().clone() for k, v in self.model.state_dict().items()},
            optimizer_state=cpu_copy(self.optimizer.state_dict()),
            rng_state=torch.get_rng_state(), noise_state=noise_gen.get_state().cpu(),
            device_rng_state=torch.cuda.get_rng_state(self.device) if self.device.type == "cuda" else None,
        )

    def _end_epoch(self, epoch, train, weight, global_step, epoch_seconds, run_start,
                   images_this_run, n) -> EpochReport:
        cfg = self.config
        # The last epoch's validation is the run's final measurement too (with SSIM, at the
        # full β): final_metrics takes it instead of running the validation images again.
        last = epoch + 1 == cfg.epochs and weight == cfg.beta
        result = self._validate(weight, with_ssim=last)
        if not math.isfinite(result.loss):
            self._check_finite(result.loss, epoch, None)
        good_state = self._capture_state()
        elapsed = time.perf_counter() - run_start
        rate = images_this_run / max(elapsed, 1e-9)
        done = epoch + 1
        report = EpochReport(
            epoch=done, epochs=cfg.epochs, global_step=global_step,
            train_loss=train[0], train_recon=train[1], train_kl=train[2],
            val_loss=result.loss, val_recon=result.recon, val_kl=result.kl,
            val_mse=result.mse, val_psnr=result.psnr, kl_weight=weight,
            images_per_s=n / max(epoch_seconds, 1e-9), epoch_seconds=epoch_seconds,
            eta_s=(cfg.epochs - done) * n / rate,
            preview=self.preview() if self._rank == 0 else None,  # only rank 0 shows anything
            latent=self.encode_tracked() if self.track_latent else None,
        )
        # The epoch becomes whole here, all at once: an interrupt before these lines finds the
        # previous epoch's state everywhere, never a mix of the two.
        row = report.history_row()
        self.history.append(row)
        self.epochs_done, self._good_state = done, good_state
        self.final_validation = result if last else None
        return report

    def _batch_images(self, index: torch.Tensor) -> torch.Tensor:
        if self._mapped_train is None:
            return self.train_images[index]
        return self._mapped_train.gather(index.cpu().numpy()).to(self.device, non_blocking=True)

    def _validate(self, weight: float, with_ssim: bool = False):
        """The validation losses at the end of an epoch; under torchrun each rank measures
        its share of the batches and the sums are added, so every rank has the totals."""
        cfg = self.config
        if self.dist is None:
            result = evaluate(self.model, self.val_images, self.val_labels, self.corruption,
                              loss_kind=cfg.loss, beta=weight, seed=cfg.seed, with_ssim=with_ssim)
            self.split.val.release_pages()
            return result
        sums = evaluation_sums(self.model, self.val_images, self.val_labels, self.corruption,
                               loss_kind=cfg.loss, beta=weight, seed=cfg.seed, with_ssim=with_ssim,
                               shard=(self.dist.rank, self.dist.world_size))
        self.dist.all_reduce_sum(sums)
        return result_from_sums(sums, len(self.val_images), corrupted=not self.corruption.is_identity,
                                with_ssim=with_ssim)

    def preview(self) -> SamplePreview:
        """The validation images every epoch shows; an opened experiment shows the same."""
        return sample_preview(self.model, self.val_images, self.val_labels, self.corruption,
                              self.config.seed)

    def encode_tracked(self) -> np.ndarray:
        """``z_mean`` of the first ``track_latent`` validation images (a fixed subset)."""
        count = min(self.track_latent, len(self.val_images))
        labels = None if self.val_labels is None else self.val_labels[:count]
        was_training = self.model.training
        self.model.eval()
        try:
            codes = encode(self.model, self.val_images[:count], labels, batch_size=500)
        finally:
            self.model.train(was_training)
        return codes.copy()  # owns its memory: it crosses threads in an EpochReport

    def _take_reference(self, loss: torch.Tensor) -> None:
        """Remember the loss of this run's first batch (one sync per run, before any update)."""
        self._reference_taken = True
        loss = loss.detach().float().reshape(1)
        if self.dist is not None:  # the first global batch's mean, the same on every rank
            loss = self.dist.all_reduce_sum(loss.clone()) / self.dist.world_size
        first = float(loss)
        if math.isfinite(first):
            self._reference_loss = max(self._reference_loss, first)

    @property
    def _rank(self) -> int:
        return self.dist.rank if self.dist is not None else 0

    def _report_due(self, since_report: float, step: int, steps: int) -> bool:
        """One process reports by the clock; ranks by the step count, since they must all
        meet at the same batches to share their losses."""
        if step == steps - 1:
            return True
        if self.dist is not None:
            return (step + 1) % DIST_REPORT_EVERY == 0
        return since_report >= REPORT_INTERVAL_S

    def _check_finite(self, loss: float, epoch: int, step: int | None) -> None:
        if math.isfinite(loss):
            return
        self._stop(say("The loss became {loss} at {where}", loss=loss, where=_where(epoch, step)))

    def _check_growth(self, loss: float, epoch: int, step: int | None) -> None:
        """Stop a run whose loss explodes (it may never become NaN, just absurd)."""
        reference = self._reference_loss
        if loss <= DIVERGENCE_FACTOR * reference:
            return
        self._stop(say("The loss grew to {loss:.3g} at {where}, more than {factor:g} times what it was at the start "
                       "({reference:.3g})", loss=loss, where=_where(epoch, step), factor=DIVERGENCE_FACTOR,
                       reference=reference))

    def _stop(self, what: str) -> None:
        """Put back the last good weights and raise the one message of a diverged run."""
        self.restore_last_good()
        if self.epochs_done:
            kept = say("The weights of the last good epoch ({epoch}) are kept.", epoch=self.epochs_done)
        else:
            kept = say("No epoch completed, so nothing was kept.")
        if self.config.loss == "bce":
            message = say("{what}, so training stopped. {kept} Try a lower learning rate (now {lr:g}), or the MSE "
                          "loss.", what=what, kept=kept, lr=self.config.lr)
        else:
            message = say("{what}, so training stopped. {kept} Try a lower learning rate (now {lr:g}).", what=what,
                          kept=kept, lr=self.config.lr)
        error = TrainingError(message)
        error.all_ranks = self.dist is not None  # decided on shared losses: every rank says the same
        raise error


def _where(epoch: int, step: int | None) -> str:
    if step is None:
        return say("epoch {epoch}", epoch=epoch + 1)
    return say("epoch {epoch}, batch {batch}", epoch=epoch + 1, batch=step + 1)


def fit(
    config: ExperimentConfig,
    split: DataSplit,
    should_stop: Callable[[], bool] | None = None,
) -> Iterator[Report]:
    """Train a fresh model on ``split``; see :class:`Trainer` to keep hold of the model."""
    return Trainer(config, split).fit(should_stop)
