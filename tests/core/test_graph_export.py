"""ONNX and torch.export files of every model kind: what they take and give, that they
reproduce PyTorch at batch sizes they were not traced with, that they load without aegui,
the CLI's ``--what onnx | pt2``, and the code in docs/using-exported-models.md.

Models are random and narrow (1×28×28, width 4): an export takes seconds, so each kind
is exported once per module and the tests share the files.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
import torch

from aegui.cli import EXIT_BAD_INPUT, main
from aegui.core.checkpoint import Experiment, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.data import ImageDataset
from aegui.core.errors import AeguiError
from aegui.core.graph_export import ExportResult, graph_paths, removed_on_failure
from aegui.core.models import MODEL_KINDS, ModelSpec, build_model
from aegui.core.onnx_export import TOLERANCE as ONNX_TOLERANCE
from aegui.core.onnx_export import export_onnx
from aegui.core.pt2_export import TOLERANCE as PT2_TOLERANCE
from aegui.core.pt2_export import export_pt2

ort = pytest.importorskip("onnxruntime")
onnx = pytest.importorskip("onnx")

REPO = Path(__file__).resolve().parents[2]
GUIDE = REPO / "docs" / "using-exported-models.md"
LATENT = 3
CLASSES = 10
IMAGE_SHAPE = (1, 28, 28)
BATCHES = (1, 5)  # neither is the traced batch size (2), nor the export's own check (64)
# Any import of aegui fails: the files must need only numpy + onnxruntime, or torch.
NO_AEGUI = "import sys\nsys.modules['aegui'] = None\n"


def make_experiment(kind: str, dataset: str = "mnist-10k") -> Experiment:
    torch.manual_seed(MODEL_KINDS.index(kind))
    config = ExperimentConfig(dataset=dataset, model=kind, latent_dim=LATENT, hidden=4, depth=2, device="cpu")
    spec = ModelSpec(kind, *IMAGE_SHAPE, latent_dim=LATENT, hidden=4, depth=2,
                     num_classes=CLASSES if kind == "cvae" else 0)
    return Experiment(config, build_model(spec), class_names=tuple(str(d) for d in range(CLASSES)))


def run_isolated(code: str, cwd: Path) -> subprocess.CompletedProcess:
    """``code`` in a fresh interpreter (-I: no PYTHONPATH, no user site, not the repo on
    sys.path) that cannot import aegui."""
    return subprocess.run([sys.executable, "-I", "-c", NO_AEGUI + code], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


# -- shared: each kind exported once --------------------------------------------------------
@pytest.fixture(scope="module")
def digits(tiny_mnist) -> ImageDataset:
    return tiny_mnist


@pytest.fixture(scope="module")
def experiments() -> dict[str, Experiment]:
    return {kind: make_experiment(kind) for kind in MODEL_KINDS}


@pytest.fixture(scope="module")
def exported(tmp_path_factory, experiments, digits):
    """``exported(kind, "onnx" | "pt2")``: the result of exporting that kind, made once."""
    made: dict[tuple[str, str], ExportResult] = {}

    def get(kind: str, what: str) -> ExportResult:
        if (kind, what) not in made:
            folder = tmp_path_factory.mktemp(f"{kind}-{what}")
            run = export_onnx if what == "onnx" else export_pt2
            made[kind, what] = run(experiments[kind], folder / f"model.{what}", digits.images, digits.labels)
        return made[kind, what]

    return get


def reference(experiment: Experiment, images: torch.Tensor, labels: torch.Tensor | None):
    """PyTorch's encoder outputs (a tuple) and decoded images, for the same inputs."""
    model = experiment.model.eval()
    with torch.no_grad():
        z_mean, z_log_var = model.encode_distribution(images, labels)
        decoded = model.decode(z_mean, labels)
    return (z_mean,) if z_log_var is None else (z_mean, z_log_var), decoded


def batch(digits: ImageDataset, size: int, conditional: bool, start: int = 7):
    images = digits.images[start:start + size].float() / 255
    return images, digits.labels[start:start + size] if conditional else None


# -- ONNX -------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind", MODEL_KINDS)
def test_onnx_graphs_reproduce_pytorch_at_other_batch_sizes(kind, exported, experiments, digits):
    result = exported(kind, "onnx")
    experiment = experiments[kind]
    spec = experiment.spec
    assert [p.name for p in result.paths] == ["model.encoder.onnx", "model.decoder.onnx"]
    assert result.images == 64 and result.max_difference <= ONNX_TOLERANCE
    encoder = ort.InferenceSession(str(result.encoder), providers=["CPUExecutionProvider"])
    decoder = ort.InferenceSession(str(result.decoder), providers=["CPUExecutionProvider"])
    extra = ["label"] if spec.conditional else []
    assert [i.name for i in encoder.get_inputs()] == ["image", *extra]
    assert [i.name for i in decoder.get_inputs()] == ["z", *extra]
    assert [o.name for o in encoder.get_outputs()] == (["z_mean", "z_log_var"] if spec.variational else ["z"])
    assert [o.name for o in decoder.get_outputs()] == ["image"]
    assert encoder.get_inputs()[0].shape == ["batch", *IMAGE_SHAPE]
    assert decoder.get_inputs()[0].shape == ["batch", LATENT]
    if spec.conditional:
        assert encoder.get_inputs()[1].type == decoder.get_inputs()[1].type == "tensor(int64)"
        assert encoder.get_inputs()[1].shape == ["batch"]

    for size in BATCHES:
        images, labels = batch(digits, size, spec.conditional)
        codes, decoded = reference(experiment, images, labels)
        label = {} if labels is None else {"label": labels.numpy()}
        got = encoder.run(None, {"image": images.numpy(), **label})
        assert len(got) == len(codes)
        for ours, theirs in zip(got, codes):
            assert ours.shape == (size, LATENT)
            np.testing.assert_allclose(ours, theirs.numpy(), rtol=0, atol=ONNX_TOLERANCE)
        (image,) = decoder.run(None, {"z": codes[0].numpy(), **label})
        assert image.shape == (size, *IMAGE_SHAPE) and 0 <= image.min() and image.max() <= 1
        np.testing.assert_allclose(image, decoded.numpy(), rtol=0, atol=ONNX_TOLERANCE)


def test_onnx_files_describe_their_model(exported, experiments):
    result = exported("cvae", "onnx")
    for graph, path in zip(("encoder", "decoder"), result.paths):
        model = onnx.load(str(path))
        meta = {p.key: p.value for p in model.metadata_props}
        assert meta["graph"] == graph and meta["aegui_version"]
        assert json.loads(meta["model_spec"]) == experiments["cvae"].spec.to_dict()
        assert json.loads(meta["config"])["model"] == "cvae"
        assert json.loads(meta["class_names"]) == [str(d) for d in range(CLASSES)]
        assert model.opset_import[0].version == 18
        assert not path.with_name(path.name + ".data").exists()  # the weights are inside
    assert re.fullmatch(r"Wrote model\.encoder\.onnx and model\.decoder\.onnx in .+; onnxruntime matches "
                        r"PyTorch within \d\.\de-\d\d on 64 validation images\.", result.describe())


def test_onnx_export_without_onnxruntime_says_what_to_install(monkeypatch, experiments, digits, tmp_path):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # import onnxruntime now fails
    with pytest.raises(AeguiError, match=r"pip install 'aegui\[onnx\]'"):
        export_onnx(experiments["dense-ae"], tmp_path / "m.onnx", digits.images)
    assert not list(tmp_path.iterdir())


def test_a_conditional_export_needs_labels(experiments, digits, tmp_path):
    with pytest.raises(AeguiError, match="labelled"):
        export_pt2(experiments["cvae"], tmp_path / "m.pt2", digits.images, None)
    assert not list(tmp_path.iterdir())


# -- torch.export -----------------------------------------------------------------------------
@pytest.mark.parametrize("kind", ["conv-vae", "cvae"])
def test_pt2_programs_reproduce_pytorch_at_other_batch_sizes(kind, exported, experiments, digits):
    result = exported(kind, "pt2")
    experiment = experiments[kind]
    spec = experiment.spec
    assert [p.name for p in result.paths] == ["model.encoder.pt2", "model.decoder.pt2"]
    assert result.max_difference <= PT2_TOLERANCE
    extra = {"aegui.json": ""}
    encoder = torch.export.load(str(result.encoder), extra_files=extra).module()
    assert json.loads(extra["aegui.json"])["model_spec"] == spec.to_dict()
    decoder = torch.export.load(str(result.decoder)).module()
    for size in BATCHES:
        images, labels = batch(digits, size, spec.conditional)
        codes, decoded = reference(experiment, images, labels)
        args = () if labels is None else (labels,)
        with torch.no_grad():
            got = encoder(images, *args)
            image = decoder(codes[0], *args)
        assert isinstance(got, tuple) and len(got) == 2  # z_mean, z_log_var: no sample in the graph
        for ours, theirs in zip(got, codes):
            torch.testing.assert_close(ours, theirs, rtol=0, atol=PT2_TOLERANCE)
        torch.testing.assert_close(image, decoded, rtol=0, atol=PT2_TOLERANCE)


def test_a_failed_check_leaves_no_files(monkeypatch, experiments, digits, tmp_path):
    monkeypatch.setattr("aegui.core.pt2_export.TOLERANCE", -1.0)  # no difference is small enough
    with pytest.raises(AeguiError, match="nothing was written"):
        export_pt2(experiments["conv-vae"], tmp_path / "model.pt2", digits.images)
    assert not list(tmp_path.iterdir())


def test_removed_on_failure_removes_only_what_it_wrote(tmp_path):
    kept, written = tmp_path / "kept.onnx", tmp_path / "new.onnx"
    kept.write_text("someone else's")
    with pytest.raises(RuntimeError), removed_on_failure() as paths:
        written.write_text("half")
        paths.append(written)
        raise RuntimeError
    assert kept.exists() and not written.exists()


@pytest.mark.parametrize("out, names", [
    ("model.onnx", ("model.encoder.onnx", "model.decoder.onnx")),
    ("model", ("model.encoder.onnx", "model.decoder.onnx")),
    ("v2.encoder.onnx", ("v2.encoder.onnx", "v2.decoder.onnx")),
    ("a.b.ONNX", ("a.b.encoder.onnx", "a.b.decoder.onnx")),
])
def test_graph_file_names(tmp_path, out, names):
    assert tuple(p.name for p in graph_paths(tmp_path / out, ".onnx")) == names
    assert graph_paths(tmp_path, ".pt2")[0] == tmp_path / "model.encoder.pt2"  # a folder
    with pytest.raises(AeguiError, match=r"\.onnx"):
        graph_paths(tmp_path / "model.pt", ".onnx")


# -- the guide's code -------------------------------------------------------------------------
def guide_code(section: str) -> str:
    """The ```python blocks under the guide's heading that starts with ``section``, joined."""
    text = GUIDE.read_text(encoding="utf-8")
    part = text.split(f"\n## {section}", 1)[1].split("\n## ", 1)[0]
    blocks = re.findall(r"```python\n(.*?)```", part, flags=re.DOTALL)
    assert blocks, f"no Python code under '## {section}'"
    return "\n".join(blocks)


@pytest.mark.parametrize("section, what", [("With onnxruntime", "onnx"), ("With PyTorch", "pt2")])
def test_the_guide_runs_on_exported_files_without_aegui(section, what, exported, tmp_path):
    """The guide's code, as a user would run it: in an interpreter that cannot import aegui
    (the .pt2 files hold graphs, not aegui's classes), on a VAE and a conditional VAE."""
    folders = []
    for kind in ("conv-vae", "cvae"):
        folder = tmp_path / kind
        folder.mkdir()
        for path in exported(kind, what).paths:
            (folder / path.name).write_bytes(path.read_bytes())
        folders.append(str(folder))
    guide = guide_code(section) + "\nnp.save('images.npy', np.asarray(images))\n"
    code = f"import os\nfor folder in {folders!r}:\n    os.chdir(folder)\n    exec({guide!r})\n"
    if what == "onnx":
        code += "assert 'torch' not in sys.modules\n"  # numpy and onnxruntime only
    code += "assert not any(name.startswith('aegui.') for name in sys.modules)\n"
    result = run_isolated(code, tmp_path)
    assert result.returncode == 0, result.stderr
    for folder in folders:
        images = np.load(Path(folder) / "images.npy")
        assert images.shape[1:] == IMAGE_SHAPE and images.dtype == np.float32
        assert 0 <= images.min() and images.max() <= 1
        assert (Path(folder) / "sample.png").stat().st_size > 0


# -- the CLI ----------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def cvae_checkpoint(tmp_path_factory, digits) -> Path:
    folder = tmp_path_factory.mktemp("cli")
    data = folder / "digits.npz"
    np.savez(data, images=digits.images[:, 0].numpy(), labels=digits.labels.numpy())
    return save_experiment(make_experiment("cvae", f"npz:{data}"), folder / "experiment.pt")


@pytest.mark.parametrize("what", ["onnx", "pt2"])
def test_cli_exports_graphs_and_prints_their_paths(capsys, cvae_checkpoint, tmp_path, what):
    out = tmp_path / "sub" / f"digits.{what}"
    capsys.readouterr()
    assert main(["export", "--checkpoint", str(cvae_checkpoint), "--what", what, "--out", str(out)]) == 0
    lines = capsys.readouterr().out.strip().split("\n")
    encoder, decoder = tmp_path / "sub" / f"digits.encoder.{what}", tmp_path / "sub" / f"digits.decoder.{what}"
    assert lines[:2] == [f"Wrote {encoder}", f"Wrote {decoder}"] and len(lines) == 3
    assert re.fullmatch(r"(onnxruntime|torch\.export\.load) matches PyTorch within \S+ on 26 validation images\.",
                        lines[2])
    assert encoder.stat().st_size > 1000 and decoder.stat().st_size > 1000
    assert sorted(p.name for p in out.parent.iterdir()) == sorted([encoder.name, decoder.name])


@pytest.mark.parametrize("what, name", [("onnx", "model.pt"), ("pt2", "model.onnx"), ("onnx", "model")])
def test_cli_refuses_a_wrong_suffix_in_one_line(capsys, cvae_checkpoint, tmp_path, what, name):
    capsys.readouterr()
    code = main(["export", "--checkpoint", str(cvae_checkpoint), "--what", what, "--out", str(tmp_path / name)])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and "Traceback" not in err
    assert len(err.strip().split("\n")) == 1 and err.startswith("aegui: error:") and f".{what}" in err
    assert not list(tmp_path.iterdir())


def test_cli_refuses_a_place_it_cannot_write_before_any_work(capsys, cvae_checkpoint, tmp_path):
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    capsys.readouterr()
    code = main(["export", "--checkpoint", str(cvae_checkpoint), "--what", "onnx",
                 "--out", str(blocker / "model.onnx")])
    err = capsys.readouterr().err
    assert code == EXIT_BAD_INPUT and len(err.strip().split("\n")) == 1 and "is a file" in err
