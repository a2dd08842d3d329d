"""Attack aegui as a tester would, and count what held.

    .venv/bin/python bench/robustness.py [--quick] [--seed N]

Four campaigns, each printed as a row of one table (and written to
``bench/results/robustness.json`` through ``results_file.write_results``, one row each,
with the target of no failure and no crash):

* **CLI**: bad invocations of every command. Clean: exit 2 or 3 with one ``aegui:`` line
  (or argparse's usage error). Anything else (a traceback, exit 1) is a failure.
* **Checkpoints**: a real experiment file with bits flipped, cut short, overwritten with
  junk, fields replaced by hostile values, or a planted pickle. Clean: a ``CheckpointError``.
  A file that still loads must hold exactly the original weights and history; one that
  loads changed is a silent corruption, counted as a failure.
* **Kills**: ``aegui train`` killed with SIGKILL at random moments (mid-batch, mid-write),
  then checked: the folder opens, ``history.csv`` agrees with the checkpoint, and
  ``--resume`` ends with the losses of an uninterrupted run, leaving no temporary file.
* **Full disk**: training into a small tmpfs (needs root; skipped otherwise). Clean: exit 3,
  one sentence, and the last checkpoint still opens.

The dataset loaders are fuzzed by ``tests/fuzz`` (``make fuzz`` for a long run) and the
window by ``bench/gui_soak.py``.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import random
import resource
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import numpy as np
import torch

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from results_file import Row, load_average, write_results

from aegui.cli import main as cli_main
from aegui.core.checkpoint import load_experiment
from aegui.core.data import load_dataset
from aegui.core.errors import CheckpointError

FAST = ["--model", "dense-ae", "--hidden", "8", "--latent-dim", "4", "--batch-size", "32",
        "--device", "cpu", "--quiet"]


@dataclass
class Campaign:
    name: str
    tried: int = 0
    clean: int = 0  # refused with the one clear message
    intact: int = 0  # accepted, and provably unchanged (a flipped bit in unused zip metadata)
    failures: int = 0  # tracebacks, silent changes, lost epochs, leftovers
    crashes: int = 0  # the process died (signal) where it should have refused
    peak_rss_mb: float = 0.0
    notes: list[str] = field(default_factory=list)

    def fail(self, note: str) -> None:
        self.failures += 1
        if len(self.notes) < 12:
            self.notes.append(note)


def peak_rss_mb(children: bool = False) -> float:
    who = resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


# -- data and a trained experiment to attack ----------------------------------------------
def make_dataset(folder: Path, count: int = 256) -> str:
    data = load_dataset("mnist-10k")
    index = torch.arange(0, len(data), len(data) // count)[:count]
    path = folder / f"digits-{count}.npz"
    np.savez(path, images=data.images[index, 0].numpy(), labels=data.labels[index].numpy())
    return f"npz:{path}"


def run_cli(args: list[str]) -> tuple[int, str]:
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = cli_main([str(a) for a in args])
        except SystemExit as exc:
            code = exc.code if isinstance(exc.code, int) else 1
    return code, err.getvalue()


def is_clean(code: int, err: str) -> bool:
    lines = [line for line in err.strip().splitlines() if line.strip()]
    if "Traceback" in err or code not in (2, 3) or not lines:
        return False
    if lines[0].startswith("usage:"):  # argparse: usage, then "aegui ...: error: ..."
        return "error:" in lines[-1]
    return len(lines) == 1 and lines[0].startswith("aegui:")


# -- CLI ------------------------------------------------------------------------------------
def cli_cases(work: Path, spec: str, run: Path) -> list[list[str]]:
    afile = work / "a-file"
    afile.write_text("not a folder")
    junk = work / "junk.pt"
    junk.write_bytes(os.urandom(2000))
    folder_csv = work / "x.csv"
    folder_csv.mkdir(exist_ok=True)
    folder_st = work / "x.safetensors"
    folder_st.mkdir(exist_ok=True)
    text_npz = work / "text.npz"
    text_npz.write_text("hello")
    train = ["train", "--dataset", spec, "--epochs", "1", *FAST]
    out = ["--out", str(work / "o")]
    cases: list[list[str]] = [
        ["frobnicate"], ["train"], ["train", "--frob"], ["eval"], ["export"], ["analyze"],
        [*train], [*train, "--out", ""], [*train, "--out", str(afile)], [*train, "--out", str(afile / "sub")],
        [*train, *out, "--seed", "100000000000000000000"], [*train, *out, "--seed", "4611686018427387904"],
        [*train, *out, "--seed", "-1"], [*train, *out, "--seed", "1.5"], [*train, *out, "--lr", "inf"],
        [*train, *out, "--lr", "nan"], [*train, *out, "--lr", "-1"], [*train, *out, "--lr", "0"],
        [*train, *out, "--beta", "inf"], [*train, *out, "--beta", "-2"], [*train, *out, "--noise", "nan"],
        [*train, *out, "--task", "denoise", "--noise", "5"],
        [*train, *out, "--val-fraction", "1"], [*train, *out, "--val-fraction", "0"],
        [*train, *out, "--latent-dim", "0"], [*train, *out, "--latent-dim", "100000"],
        [*train, *out, "--hidden", "0"], [*train, *out, "--depth", "0"], [*train, *out, "--depth", "99"],
        [*train, *out, "--batch-size", "0"], [*train, *out, "--epochs", "0"], [*train, *out, "--epochs", "-3"],
        [*train, *out, "--model", "conv-ae", "--depth", "5", "--batch-size", "1"],
        [*train, *out, "--model", "cvae", "--dataset", f"npz:{work / 'unlabelled.npz'}"],
        [*train, *out, "--task", "colorize"], [*train, *out, "--task", "nope"], [*train, *out, "--model", "nope"],
        [*train, *out, "--corruption", "nope"], [*train, *out, "--classes", "a,b"], [*train, *out, "--classes", "99"],
        [*train, *out, "--classes", "-1"], [*train, *out, "--image-size", "3"], [*train, *out, "--device", "cuda"],
        [*train, *out, "--dataset", "npz:/nonexistent.npz"], [*train, *out, "--dataset", f"npz:{text_npz}"],
        [*train, *out, "--dataset", f"folder:{work}"], [*train, *out, "--dataset", "idx:/nonexistent"],
        [*train, *out, "--dataset", "cifar10"], [*train, *out, "--dataset", "nonsense:thing"],
        [*train, *out, "--dataset", "fashion-mnist", "--download"],
        [*train, *out, "--checkpoint-minutes", "-1"], [*train, *out, "--checkpoint-minutes", "inf"],
        ["train", "--resume", str(junk)], ["train", "--resume", str(work / "missing")],
        ["train", "--resume", str(run), "--epochs", "0"], ["train", "--resume", str(run / "experiment.pt"),
                                                           "--out", str(afile)],
        [*train, "--out", str(run)],
        ["eval", "--checkpoint", str(junk)], ["eval", "--checkpoint", str(work / "missing.pt")],
        ["eval", "--checkpoint", str(afile)], ["eval", "--checkpoint", str(run), "--dataset", "npz:/nope.npz"],
        ["eval", "--checkpoint", str(run), "--dataset", "cifar10"],
        ["export", "--checkpoint", str(run), "--what", "model", "--out", str(work / "m.onnx.txt")],
        ["export", "--checkpoint", str(run), "--what", "model", "--out", str(folder_st)],
        ["export", "--checkpoint", str(run), "--what", "history", "--out", str(folder_csv)],
        ["export", "--checkpoint", str(run), "--what", "history", "--out", str(afile / "h.csv")],
        ["export", "--checkpoint", str(run), "--what", "history", "--out", ""],
        ["export", "--checkpoint", str(run), "--what", "embeddings", "--out", str(work / "e.txt")],
        ["export", "--checkpoint", str(run), "--what", "reconstructions", "--out", str(work / "r.jpg")],
        ["export", "--checkpoint", str(run), "--what", "everything", "--out", str(work / "r.png")],
        ["export", "--checkpoint", str(junk), "--what", "model", "--out", str(work / "m.pt")],
        ["analyze", "--checkpoint", str(run), "--task", "nope"],
        ["analyze", "--checkpoint", str(run), "--task", "anomaly", "--percentile", "nan"],
        ["analyze", "--checkpoint", str(run), "--task", "anomaly", "--percentile", "200"],
        ["analyze", "--checkpoint", str(run), "--task", "anomaly", "--fpr", "-1"],
        ["analyze", "--checkpoint", str(run), "--task", "anomaly", "--against", "npz:/nope.npz"],
        ["analyze", "--checkpoint", str(run), "--task", "anomaly", "--csv", str(afile / "x.csv")],
        ["analyze", "--checkpoint", str(junk), "--task", "pca"],
    ]
    np.savez(work / "unlabelled.npz", images=np.zeros((40, 28, 28), np.uint8))
    return cases


def attack_cli(work: Path, spec: str, run: Path) -> Campaign:
    result = Campaign("CLI invocations")
    for args in cli_cases(work, spec, run):
        result.tried += 1
        try:
            code, err = run_cli(args)
        except Exception as exc:  # any escape is what is counted
            result.fail(f"{' '.join(args[:3])}…: {type(exc).__name__}: {exc}")
            continue
        if is_clean(code, err):
            result.clean += 1
        else:
            shown = " ".join(map(str, args)).replace(str(work), "…").replace(" ".join(FAST), "")
            result.fail(f"aegui {shown} → exit {code}: {err.strip()[-160:]}")
        shutil.rmtree(work / "o", ignore_errors=True)
    result.peak_rss_mb = peak_rss_mb()
    return result


# -- checkpoints ----------------------------------------------------------------------------
class _Planted:
    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran"))


HOSTILE_VALUES = [None, 5, -1, 10**20, float("nan"), "x", "1", [], [1, 2], {}, {"a": 1}, True,
                  torch.zeros(3), b"bytes"]
FIELDS = ["format", "format_version", "config", "model_spec", "model_state", "optimizer_state",
          "history", "epochs_done", "class_names", "metrics"]
SPEC_FIELDS = ["kind", "channels", "height", "width", "latent_dim", "hidden", "depth", "num_classes"]


def _same(loaded, original) -> bool:
    a, b = loaded.model.state_dict(), original.model.state_dict()
    return a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a) \
        and loaded.history == original.history and loaded.epochs_done == original.epochs_done \
        and loaded.config == original.config


def _judge(result: Campaign, path: Path, original, what: str) -> None:
    result.tried += 1
    try:
        loaded = load_experiment(path)
    except CheckpointError as exc:
        if "\n" in str(exc):
            result.fail(f"{what}: a message of several lines")
        else:
            result.clean += 1
        return
    except Exception as exc:
        result.fail(f"{what}: {type(exc).__name__}: {str(exc)[:120]}")
        return
    if _same(loaded, original):
        result.intact += 1
    else:
        result.fail(f"{what}: loaded with changed contents")


def attack_checkpoints(work: Path, run: Path, rng: random.Random, scale: int) -> Campaign:
    result = Campaign("Checkpoints")
    base_path = run / "experiment.pt"
    original = load_experiment(base_path)
    data = base_path.read_bytes()
    target = work / "victim.pt"
    for _ in range(60 * scale):  # one flipped bit anywhere
        blob = bytearray(data)
        at = rng.randrange(len(blob))
        blob[at] ^= 1 << rng.randrange(8)
        target.write_bytes(bytes(blob))
        _judge(result, target, original, f"bit flip at {at}")
    for _ in range(30 * scale):  # cut short
        cut = rng.randrange(len(data))
        target.write_bytes(data[:cut])
        _judge(result, target, original, f"truncated to {cut}")
    for _ in range(20 * scale):  # a run of junk bytes
        blob = bytearray(data)
        at, length = rng.randrange(len(blob)), rng.randrange(1, 512)
        blob[at:at + length] = os.urandom(min(length, len(blob) - at))
        target.write_bytes(bytes(blob))
        _judge(result, target, original, f"junk at {at}+{length}")
    payload = torch.load(base_path, weights_only=True)
    for _ in range(30 * scale):  # a field replaced by a hostile value
        bad = dict(payload)
        name, value = rng.choice(FIELDS), rng.choice(HOSTILE_VALUES)
        if name == "model_spec" and rng.random() < 0.6:
            value = {**payload["model_spec"], rng.choice(SPEC_FIELDS): rng.choice([0, -5, 10**6, 10**12, "3", None])}
        elif name == "config" and rng.random() < 0.6:
            config = json.loads(payload["config"])
            config[rng.choice(list(config))] = rng.choice([5, "x", None, -1, 10**20, [1], 1e308, True])
            value = json.dumps(config)
        bad[name] = value
        torch.save(bad, target)
        _judge(result, target, original, f"{name} = {str(value)[:40]}")
    marker = work / "pickle-ran"
    for i in range(5):  # pickles that would run code
        torch.save({**payload, "metrics": _Planted(marker)} if i % 2 else _Planted(marker), target)
        _judge(result, target, original, "planted pickle")
        if marker.exists():
            result.crashes += 1
            result.fail("a planted pickle ran")
            marker.unlink()
    result.peak_rss_mb = peak_rss_mb()
    return result


# -- kills ----------------------------------------------------------------------------------
def _train_cmd(spec: str, out: Path, epochs: int, *extra: str) -> list[str]:
    return [sys.executable, "-m", "aegui", "train", "--dataset", spec, "--out", str(out),
            "--epochs", str(epochs), *FAST, *extra]


def _losses(path: Path) -> list[tuple]:
    return [(r["epoch"], r["train_loss"], r["val_loss"]) for r in load_experiment(path).history]


def attack_kills(work: Path, spec: str, rng: random.Random, kills: int) -> Campaign:
    result = Campaign("kill -9 during training")
    epochs = 4
    spec = make_dataset(work, 4096)  # epochs of about a second: kills land in every phase
    reference = work / "reference"
    env = {**os.environ, "AEGUI_HOME": str(work / "home")}
    started = time.monotonic()
    subprocess.run(_train_cmd(spec, reference, epochs), check=True, env=env, capture_output=True)
    lasted = time.monotonic() - started  # kills land anywhere from start-up to the last save
    expected = _losses(reference)
    for i in range(kills):
        out = work / f"killed-{i}"
        # Checkpoints every ~50 ms, so a kill lands inside writes as often as between them.
        proc = subprocess.Popen(_train_cmd(spec, out, epochs, "--checkpoint-minutes", "0.001"), env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(min(3.0, lasted / 2), lasted))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        result.tried += 1
        if not out.exists():  # killed before its first checkpoint: nothing to lose or resume
            result.clean += 1
            continue
        problems = _check_killed_folder(out)
        resumed = subprocess.run([sys.executable, "-m", "aegui", "train", "--resume", str(out),
                                  "--device", "cpu", "--quiet"], env=env, capture_output=True, text=True)
        if proc.returncode != -signal.SIGKILL:
            result.notes.append(f"kill {i}: the run had ended before the kill")
        finished = "has finished" in resumed.stderr and bool(load_experiment(out).metrics)
        if resumed.returncode != 0 and not finished:  # a finished run is rightly not trained more
            problems.append(f"--resume failed: {resumed.stderr.strip()[-160:]}")
        elif _losses(out) != expected:
            problems.append("the resumed history differs from an uninterrupted run")
        leftovers = list(out.glob(".*.tmp"))
        if leftovers:
            problems.append(f"{len(leftovers)} temporary file(s) left after resuming")
        if problems:
            result.fail(f"kill {i}: " + "; ".join(problems))
        else:
            result.clean += 1
    result.peak_rss_mb = peak_rss_mb(children=True)
    return result


def _check_killed_folder(out: Path) -> list[str]:
    if not (out / "experiment.pt").exists():
        return []  # killed in the first epoch: at most a mid-epoch checkpoint
    try:
        experiment = load_experiment(out)
    except CheckpointError as exc:
        return [f"the checkpoint does not open: {exc}"]
    rows = (out / "history.csv").read_text().splitlines()[1:] if (out / "history.csv").exists() else []
    if len(rows) > experiment.epochs_done:
        return [f"history.csv has {len(rows)} rows for {experiment.epochs_done} epochs"]
    return []


# -- a full disk ------------------------------------------------------------------------------
def attack_full_disk(work: Path, spec: str) -> Campaign:
    result = Campaign("Full disk")
    mount = work / "small-disk"
    mount.mkdir()
    # A conv model's checkpoint is ~0.5 MB: the second epoch's save cannot fit in 1 MB.
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        result.notes.append("skipped: mounting a small tmpfs needs root")
        return result
    try:
        for model in ("conv-ae", "conv-vae"):
            out = mount / model
            done = subprocess.run([sys.executable, "-m", "aegui", "train", "--dataset", spec, "--out", str(out),
                                   "--epochs", "6", "--model", model, "--hidden", "16", "--device", "cpu",
                                   "--quiet"], capture_output=True, text=True,
                                  env={**os.environ, "AEGUI_HOME": str(work / "home")})
            result.tried += 1
            lines = done.stderr.strip().splitlines()
            opens = True
            if (out / "experiment.pt").exists():
                try:
                    load_experiment(out)
                except CheckpointError:
                    opens = False
            if done.returncode == 3 and len(lines) == 1 and "Traceback" not in done.stderr and opens:
                result.clean += 1
            else:
                result.fail(f"{model}: exit {done.returncode}, {len(lines)} lines, checkpoint opens: {opens}")
            shutil.rmtree(out, ignore_errors=True)
    finally:
        subprocess.run(["umount", str(mount)], capture_output=True)
    result.peak_rss_mb = peak_rss_mb(children=True)
    return result


def print_table(campaigns: list[Campaign]) -> None:
    print("\n| Campaign | Tried | Clean refusals | Accepted intact | Failures | Crashes | Peak RSS (MB) |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for c in campaigns:
        print(f"| {c.name} | {c.tried} | {c.clean} | {c.intact} | {c.failures} | {c.crashes} | {c.peak_rss_mb:,.0f} |")
    for c in campaigns:
        for note in c.notes:
            print(f"- {c.name}: {note}")


def result_row(c: Campaign) -> Row:
    if not c.tried:  # skipped (the full disk needs root)
        return Row(c.name, "; ".join(c.notes) or "nothing tried")
    held = c.clean + c.intact
    return Row(c.name, f"{held} of {c.tried} held ({c.clean} clean, {c.intact} accepted intact); "
               f"{c.failures} failures, {c.crashes} crashes", "no failure or crash", held / c.tried,
               c.failures == 0 and c.crashes == 0)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer cases (about a minute)")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    started_load = load_average()
    rng = random.Random(args.seed)
    torch.manual_seed(args.seed)
    scale, kills = (1, 3) if args.quick else (4, 12)
    with tempfile.TemporaryDirectory(prefix="aegui-attack-") as tmp:
        work = Path(tmp)
        os.environ["AEGUI_HOME"] = str(work / "home")
        spec = make_dataset(work)
        run = work / "run"
        code, err = run_cli(["train", "--dataset", spec, "--out", str(run), "--epochs", "1", *FAST])
        assert code == 0, err
        campaigns = [attack_cli(work, spec, run), attack_checkpoints(work, run, rng, scale),
                     attack_kills(work, spec, rng, kills), attack_full_disk(work, spec)]
    print_table(campaigns)
    write_results("robustness", rows=[result_row(c) for c in campaigns],
                  details={"quick": args.quick, "seed": args.seed, "campaigns": [asdict(c) for c in campaigns]},
                  started_load=started_load)
    return 1 if any(c.failures or c.crashes for c in campaigns) else 0


if __name__ == "__main__":
    raise SystemExit(main())
