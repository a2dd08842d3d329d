"""The argument parser of ``aegui``'s commands: every option, its type and its help."""

from __future__ import annotations

import argparse
import math
from collections.abc import Sequence

from aegui import __version__
from aegui.core.choices import (
    AMP_DTYPES,
    BLOCKS,
    CORRUPTIONS,
    DEFAULT_CHECKPOINT_MINUTES,
    MODEL_KINDS,
    NORMS,
    RECON_LOSSES,
    TASKS,
)

EXIT_BAD_INPUT = 2
EXIT_RUN_FAILED = 3
EXIT_INTERRUPTED = 130


def finite_float(text: str) -> float:
    """An argparse type: a number, and never inf or nan (a run could not use them)."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a number") from None
    if not math.isfinite(value):
        raise argparse.ArgumentTypeError(f"{text!r} is not a finite number")
    return value


class _Parser(argparse.ArgumentParser):
    """argparse, but errors are one plain line (no usage dump) and exit code 2."""

    def error(self, message: str) -> None:  # type: ignore[override]
        hint = " ".join(part for part in ("aegui", self._sub(), "--help") if part)
        self.exit(EXIT_BAD_INPUT, f"aegui: error: {message} (see '{hint}')\n")

    def _sub(self) -> str:
        return self.prog.split(" ", 1)[1] if " " in self.prog else ""


def _add_training_options(p: argparse.ArgumentParser, *, epochs_default: int | None, epochs_help: str,
                          latent: bool = True) -> None:
    """The data, model and optimisation options of a run: ``train`` and ``sweep`` share them."""
    p.add_argument("--dataset", default="mnist-10k", metavar="SPEC",
                   help="mnist-10k (default), torchvision:NAME[@ROOT], idx:PATH, folder:PATH, "
                        "npz:PATH, npy:PATH")
    p.add_argument("--model", choices=MODEL_KINDS, default="conv-vae")
    p.add_argument("--task", choices=tuple(TASKS), default="reconstruct")
    p.add_argument("--noise", type=finite_float, default=None,
                   help="corruption level: σ, p, mask fraction, blur σ or scale factor")
    p.add_argument("--corruption", choices=CORRUPTIONS, default=None,
                   help="override the task's corruption, e.g. salt-pepper for denoise")
    if latent:
        p.add_argument("--latent-dim", type=int, default=2)
    p.add_argument("--hidden", type=int, default=32, help="base width of the network")
    p.add_argument("--depth", type=int, default=None,
                   help="conv stages (default: halve the image down to 8×8 or less) or dense layers (default 2)")
    p.add_argument("--block", choices=BLOCKS, default="residual",
                   help="conv layout: residual blocks (default) or the plain first layout")
    p.add_argument("--norm", choices=NORMS, default="group", help="conv normalisation: group (default) or batch")
    p.add_argument("--widths", default=None, metavar="LIST",
                   help="channels of each conv stage, e.g. 32,64,128 (default: --hidden doubled per stage)")
    p.add_argument("--epochs", type=int, default=epochs_default, metavar="N", help=epochs_help)
    p.add_argument("--batch-size", type=int, default=128)
    p.add_argument("--lr", type=finite_float, default=1e-3)
    p.add_argument("--optimizer", choices=("adam", "sgd"), default="adam")
    p.add_argument("--beta", type=finite_float, default=1.0, help="KL weight of VAEs")
    p.add_argument("--kl-warmup", type=int, default=0, metavar="EPOCHS",
                   help="ramp β up from 0 over this many epochs")
    p.add_argument("--loss", choices=RECON_LOSSES, default="bce")
    p.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"), default="auto")
    speed = p.add_argument_group("speed (each is saved with the experiment)")
    speed.add_argument("--amp", action=argparse.BooleanOptionalAction, default=False,
                       help="mixed precision on CUDA")
    speed.add_argument("--amp-dtype", choices=AMP_DTYPES, default="auto",
                       help="auto: bfloat16 where the GPU has it, else float16 with loss scaling")
    speed.add_argument("--channels-last", action=argparse.BooleanOptionalAction, default=True,
                       help="channels_last memory format for the conv models (default: on)")
    speed.add_argument("--fused-optimizer", action=argparse.BooleanOptionalAction, default=True,
                       help="fused Adam/SGD kernels on CUDA (default: on)")
    speed.add_argument("--compile", action=argparse.BooleanOptionalAction, default=False,
                       help="torch.compile the training step (a compile first, then faster steps)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--val-fraction", type=finite_float, default=0.1)
    p.add_argument("--split-seed", type=int, default=0,
                   help="seed of the train/validation split (apart from --seed, so "
                        "runs with other seeds are measured on the same images)")
    p.add_argument("--classes", default=None, metavar="LIST",
                   help="train on these classes only, e.g. 0,3 (one-class training for anomaly "
                        "detection; the others are held out)")
    p.add_argument("--image-size", type=int, default=None, help="folder sources: resize to N×N")
    p.add_argument("--color", choices=("auto", "gray", "rgb"), default="auto",
                   help="folder sources: colour mode")
    p.add_argument("--download", action="store_true", help="allow torchvision downloads")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="aegui", description="A workbench for autoencoders.",
                     epilog="Run 'aegui' with no command to open the window ('aegui --selftest' "
                            "checks it headless). 'aegui COMMAND --help' explains each command.")
    parser.add_argument("--version", action="version", version=f"aegui {__version__}")
    sub = parser.add_subparsers(dest="command", parser_class=_Parser, metavar="COMMAND")

    train = sub.add_parser("train", help="train a model and write an experiment folder")
    _add_training_options(train, epochs_default=None,
                          epochs_help="epochs to train (default 10); with --resume, N more epochs "
                                      "(default: the rest of the run's planned total)")
    train.add_argument("--resume", metavar="PATH", default=None,
                       help="continue an experiment (its settings are kept; --epochs N trains N more), "
                            "in its own folder unless --out says otherwise; a mid-epoch checkpoint "
                            "there is picked up where it stopped")
    train.add_argument("--config", metavar="FILE", default=None,
                       help="train the experiment a file describes (experiment.json, a run's config.json "
                            "or folder, an experiment.pt); options given here replace its fields. Under "
                            "'torchrun --nproc-per-node N -m aegui train …' N processes train it together, "
                            "--batch-size being the global batch")
    train.add_argument("--checkpoint-minutes", type=finite_float, default=DEFAULT_CHECKPOINT_MINUTES,
                       metavar="N", help="also save inside an epoch every N minutes, so a crash in "
                                         "a long epoch costs at most N minutes (0: only at epoch ends; "
                                         "default %(default)g)")
    train.add_argument("--tensorboard", action="store_true",
                       help="also write TensorBoard logs in the run folder's tb/ (losses, learning rate, "
                            "speed, reconstructions each epoch; the codes for the Embedding Projector at "
                            "the end); needs pip install 'aegui[tensorboard]'")
    train.add_argument("--quiet", action="store_true",
                       help="no progress bar or epoch lines (the final metrics are still printed)")
    train.add_argument("--out", metavar="DIR", default=None,
                       help="experiment folder to write (with --resume: the resumed run's folder)")
    train.add_argument("--force", action="store_true",
                       help="replace the experiment already in --out")

    sw = sub.add_parser("sweep", help="train one short run per latent size and plot validation MSE "
                                      "against PCA's")
    sw.add_argument("--latent-dims", default="2,4,8,16,32,64", metavar="LIST",
                    help="the latent sizes to try, separated by commas (default %(default)s); each run "
                         "shares the data, split and seed")
    _add_training_options(sw, epochs_default=5, latent=False,
                          epochs_help="epochs of each run (default %(default)s: short runs, enough to "
                                      "compare the sizes)")
    sw.add_argument("--quiet", action="store_true", help="no progress bar")
    sw.add_argument("--out", required=True, metavar="DIR",
                    help="the sweep folder: a run folder per size (latent-004, …), sweep.json and sweep.svg")
    sw.add_argument("--force", action="store_true", help="replace the sweep already in --out")

    jb = sub.add_parser("job", help="write a torchrun job folder for an experiment (local and Slurm scripts)")
    jb.add_argument("--config", required=True, metavar="FILE",
                    help="the experiment: experiment.json, a run's config.json or folder, an experiment.pt")
    jb.add_argument("--out", required=True, metavar="DIR", help="the job folder to write")
    jb.add_argument("--copy-limit-mb", type=finite_float, default=512, metavar="MB",
                    help="copy the dataset into the job when its images take at most this many MB "
                         "(default %(default)g; 0: never)")
    jb.add_argument("--download", action="store_true", help="allow torchvision downloads")
    jb.add_argument("--force", action="store_true", help="replace the job already in --out")

    ev = sub.add_parser("eval", help="print the metrics of a trained experiment")
    ev.add_argument("--checkpoint", required=True, metavar="PATH")
    ev.add_argument("--dataset", default=None, metavar="SPEC",
                    help="evaluate on another dataset (default: the experiment's validation split)")
    ev.add_argument("--download", action="store_true")
    ev.add_argument("--json", action="store_true", help="print JSON only")

    ex = sub.add_parser("export", help="export a model (weights, ONNX, torch.export), embeddings, "
                                       "reconstructions or history")
    ex.add_argument("--checkpoint", required=True, metavar="PATH")
    ex.add_argument("--what", choices=("model", "onnx", "pt2", "embeddings", "projector", "reconstructions",
                                       "history"),
                    required=True,
                    help="onnx and pt2 write the encoder and decoder as two files, checked against "
                         "PyTorch on the validation images; projector writes a folder for TensorBoard's "
                         "Embedding Projector (codes, class names and a sprite of the images)")
    ex.add_argument("--dataset", default=None, metavar="SPEC",
                    help="data to embed, reconstruct or check the onnx/pt2 graphs on "
                         "(default: the experiment's validation split)")
    ex.add_argument("--count", type=int, default=16, help="reconstructions: how many images")
    ex.add_argument("--out", required=True, metavar="FILE",
                    help="model: .safetensors or .pt; onnx: NAME.onnx, which writes NAME.encoder.onnx "
                         "and NAME.decoder.onnx; pt2: NAME.pt2, which writes NAME.encoder.pt2 and "
                         "NAME.decoder.pt2; embeddings: .npz, .npy or .csv; reconstructions: .png; "
                         "history: .csv")

    rp = sub.add_parser("report", help="write a one-page HTML report of a run")
    rp.add_argument("--checkpoint", required=True, metavar="PATH", help="the run folder or its experiment.pt")
    rp.add_argument("--out", required=True, metavar="FILE", help="the .html file to write")
    rp.add_argument("--dataset", default=None, metavar="SPEC",
                    help="draw the figures from another dataset (default: the experiment's validation split)")
    rp.add_argument("--title", default=None, help="the report's title (default: the run folder's name)")
    rp.add_argument("--download", action="store_true")

    an = sub.add_parser("analyze", help="anomaly scores, a linear probe, or the comparison with PCA")
    an.add_argument("what", choices=("anomaly", "probe", "pca"),
                    help="anomaly: score images by reconstruction error; probe: classify the codes; "
                         "pca: compare with PCA of the same size")
    an.add_argument("--checkpoint", required=True, metavar="PATH")
    an.add_argument("--dataset", default=None, metavar="SPEC",
                    help="analyze another dataset (default: the experiment's validation split); "
                         "anomaly scores all of it, probe and pca split it like the experiment's data")
    an.add_argument("--against", default=None, metavar="SPEC",
                    help="anomaly: a second dataset of suspected anomalies, for AUROC and average precision")
    an.add_argument("--score", choices=("mse", "loss"), default="mse",
                    help="anomaly: per-image MSE (default) or the training loss (−ELBO for a VAE)")
    an.add_argument("--percentile", type=finite_float, default=95.0, help="anomaly: threshold percentile")
    an.add_argument("--fpr", type=finite_float, default=0.05,
                    help="anomaly: false-positive rate for the threshold against anomalies")
    an.add_argument("--csv", default=None, metavar="FILE",
                    help="anomaly: write row,label,score,flagged for every scored image")
    an.add_argument("--device", choices=("auto", "cpu", "cuda", "mps"), default="auto")
    an.add_argument("--download", action="store_true")
    an.add_argument("--json", action="store_true", help="print JSON only")
    return parser


def explicit_options(argv: Sequence[str] | None, command: str) -> set[str]:
    """The options of ``command`` the user typed (argparse fills in the rest with defaults,
    which must not replace the fields of a --config file)."""
    parser = build_parser()
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for action in sub.choices[command]._actions:
        action.default = argparse.SUPPRESS
    return set(vars(parser.parse_args(argv))) - {"command"}
