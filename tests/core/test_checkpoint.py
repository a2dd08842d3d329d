import ast
import inspect
import re

import pytest
import torch

from aegui.core import checkpoint
from aegui.core.checkpoint import FORMAT_VERSION, Experiment, load_experiment, save_experiment
from aegui.core.config import ExperimentConfig
from aegui.core.errors import CheckpointError
from aegui.core.training import Trainer


@pytest.fixture(scope="module")
def trained(tiny_split):
    config = ExperimentConfig(model="conv-vae", hidden=8, epochs=1, batch_size=32, device="cpu")
    trainer = Trainer(config, tiny_split)
    list(trainer.fit())
    return trainer


def test_round_trip(tmp_path, trained, tiny_split):
    exp = Experiment(trained.config, trained.model, trained.history, 1,
                     trained.optimizer.state_dict(), ("a", "b"), {"val_mse": 0.1})
    path = save_experiment(exp, tmp_path)
    assert path.name == "experiment.pt" and not list(tmp_path.glob("*.tmp"))
    loaded = load_experiment(tmp_path)
    assert loaded.config == trained.config and loaded.history == trained.history
    assert loaded.class_names == ("a", "b") and loaded.metrics == {"val_mse": 0.1}
    x = tiny_split.val.images[:4].float() / 255
    trained.model.eval()
    assert torch.allclose(loaded.model.encode(x), trained.model.encode(x))
    # Training goes on from the loaded state exactly as an uninterrupted run would.
    two_epochs = trained.config.with_changes(epochs=2)
    resumed = Trainer(two_epochs, tiny_split, model=loaded.model,
                      optimizer_state=loaded.optimizer_state, history=loaded.history, epochs_done=1)
    list(resumed.fit())
    straight = Trainer(two_epochs, tiny_split)
    list(straight.fit())
    assert resumed.epochs_done == 2 and len(resumed.history) == 2
    assert resumed.history[0] == trained.history[0]
    assert resumed.history[1]["val_loss"] == pytest.approx(straight.history[1]["val_loss"], rel=1e-4)


class _Exploit:
    def __init__(self, marker):
        self.marker = marker

    def __reduce__(self):
        return (exec, (f"open({str(self.marker)!r}, 'w').write('pwned')",))


def test_planted_pickle_is_refused_and_never_runs(tmp_path):
    marker = tmp_path / "pwned.txt"
    evil = tmp_path / "experiment.pt"
    torch.save({"format": "aegui-experiment", "format_version": FORMAT_VERSION,
                "payload": _Exploit(marker)}, evil)
    with pytest.raises(CheckpointError, match="could run code"):
        load_experiment(evil)
    assert not marker.exists()
    # The payload is real: plain pickle loading would have run it.
    torch.load(evil, weights_only=False)
    assert marker.read_text() == "pwned"


def test_corrupt_and_foreign_files_are_refused(tmp_path, trained):
    path = save_experiment(Experiment(trained.config, trained.model), tmp_path / "good.pt")
    data = path.read_bytes()
    (tmp_path / "cut.pt").write_bytes(data[: len(data) // 2])
    with pytest.raises(CheckpointError, match="corrupt"):
        load_experiment(tmp_path / "cut.pt")
    torch.save({"state_dict": {}}, tmp_path / "other.pt")
    with pytest.raises(CheckpointError, match="not an aegui experiment"):
        load_experiment(tmp_path / "other.pt")
    payload = torch.load(path, weights_only=True)
    payload["format_version"] = FORMAT_VERSION + 1
    torch.save(payload, tmp_path / "future.pt")
    future = rf"format {FORMAT_VERSION + 1}, but .* reads formats 1 to {FORMAT_VERSION}\."
    with pytest.raises(CheckpointError, match=future):
        load_experiment(tmp_path / "future.pt")
    payload["format_version"] = FORMAT_VERSION
    payload["model_spec"]["latent_dim"] = 7
    torch.save(payload, tmp_path / "mismatch.pt")
    with pytest.raises(CheckpointError, match="damaged"):
        load_experiment(tmp_path / "mismatch.pt")
    with pytest.raises(CheckpointError, match="No experiment file"):
        load_experiment(tmp_path / "missing.pt")


def test_a_failed_write_keeps_the_old_file(tmp_path, trained, monkeypatch):
    path = save_experiment(Experiment(trained.config, trained.model), tmp_path / "e.pt")
    before = path.read_bytes()

    def explode(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(torch, "save", explode)
    with pytest.raises(OSError):
        save_experiment(Experiment(trained.config, trained.model), path)
    assert path.read_bytes() == before and not list(tmp_path.glob("*.tmp"))


def _calls(tree: ast.AST) -> list[tuple[str, ast.Call]]:
    """Every call in ``tree``, named as written: ``torch.load``, ``pickle.loads``, ``load``..."""
    named = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name):
                named.append((f"{func.value.id}.{func.attr}", node))
            elif isinstance(func, ast.Name):
                named.append((func.id, node))
    return named


def _weights_only(call: ast.Call) -> bool:
    return any(k.arg == "weights_only" and isinstance(k.value, ast.Constant) and k.value.value is True
               for k in call.keywords)


def test_checkpoints_are_read_with_weights_only_never_plain_pickle():
    tree = ast.parse(inspect.getsource(checkpoint))
    calls = _calls(tree)
    unpicklers = [name for name, _ in calls
                  if re.fullmatch(r"(pickle|cPickle|dill|joblib)\.(load|loads|Unpickler)", name)]
    assert not unpicklers
    loads = [call for name, call in calls if name == "torch.load"]
    assert loads and all(_weights_only(call) for call in loads)
    imported = {alias.name for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)
                for alias in node.names}
    assert not imported & {"load", "loads", "Unpickler"}  # no `from pickle import load` either


@pytest.mark.parametrize("content", [b"my notes about the run\n", b"cos\nsystem\n", b"",
                                     b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4],
                         ids=["text", "text-like-a-pickle-global", "empty", "png"])
def test_a_file_that_is_no_experiment_says_so(tmp_path, content):
    path = tmp_path / "notes.txt"
    path.write_bytes(content)
    with pytest.raises(CheckpointError) as info:
        load_experiment(path)
    message = str(info.value)
    assert message.startswith("notes.txt is not an aegui experiment file.")
    assert "experiment.pt" in message  # what to open instead
    assert not any(word in message for word in ("corrupt", "truncated", "could run code"))


def test_a_truncated_experiment_is_still_called_truncated_or_corrupt(tmp_path, trained):
    path = save_experiment(Experiment(trained.config, trained.model), tmp_path / "good.pt")
    data = path.read_bytes()
    (tmp_path / "cut.pt").write_bytes(data[: len(data) // 3])
    with pytest.raises(CheckpointError, match="truncated or corrupt") as info:
        load_experiment(tmp_path / "cut.pt")
    assert "not an aegui experiment" not in str(info.value)


def test_saved_files_follow_the_users_umask(tmp_path):
    from aegui.core.checkpoint import _UMASK, atomic_write

    path = tmp_path / "file.bin"
    atomic_write(path, lambda handle: handle.write(b"x"))
    assert path.stat().st_mode & 0o777 == 0o666 & ~_UMASK
    if not _UMASK & 0o044:  # e.g. umask 022: others may read it, as they may read the user's files
        assert path.stat().st_mode & 0o044


def _saved_payload(tmp_path) -> dict:
    from aegui.core.checkpoint import Experiment, save_experiment
    from aegui.core.config import ExperimentConfig
    from aegui.core.models import ModelSpec, build_model

    spec = ModelSpec(kind="dense-ae", channels=1, height=8, width=8, latent_dim=2, hidden=4, depth=1)
    config = ExperimentConfig(model="dense-ae", latent_dim=2, hidden=4, depth=1)
    path = save_experiment(Experiment(config, build_model(spec)), tmp_path / "good.pt")
    return torch.load(path, weights_only=True)


@pytest.mark.parametrize("field,value,words", [
    ("history", [1, 2], "history"), ("epochs_done", "two", "epoch count"),
    ("epochs_done", float("nan"), "epoch count"), ("class_names", 7, "class names"),
    ("metrics", [1, 2], "metrics"), ("optimizer_state", {}, "optimizer state"),
    ("format_version", "1", "format number"),
])
def test_malformed_fields_are_one_clear_refusal(tmp_path, field, value, words):
    from aegui.core.checkpoint import load_experiment
    from aegui.core.errors import CheckpointError

    payload = _saved_payload(tmp_path)
    payload[field] = value
    torch.save(payload, tmp_path / "bad.pt")
    with pytest.raises(CheckpointError, match=words) as refused:
        load_experiment(tmp_path / "bad.pt")
    assert "\n" not in str(refused.value)


def test_nan_weights_and_mismatched_weights_are_refused(tmp_path):
    from aegui.core.checkpoint import load_experiment
    from aegui.core.errors import CheckpointError

    payload = _saved_payload(tmp_path)
    name = next(iter(payload["model_state"]))
    payload["model_state"][name] = torch.full_like(payload["model_state"][name], float("nan"))
    torch.save(payload, tmp_path / "nan.pt")
    with pytest.raises(CheckpointError, match="not finite"):
        load_experiment(tmp_path / "nan.pt")
    payload = _saved_payload(tmp_path)
    payload["model_state"][name] = torch.zeros(3, 3)
    torch.save(payload, tmp_path / "shape.pt")
    with pytest.raises(CheckpointError, match="do not fit") as refused:
        load_experiment(tmp_path / "shape.pt")
    assert "\n" not in str(refused.value)


def test_a_flipped_byte_in_a_weight_is_caught_by_the_archive_checksum(tmp_path):
    _saved_payload(tmp_path)
    path = tmp_path / "good.pt"
    data = bytearray(path.read_bytes())
    weights = load_experiment(path).model.state_dict()
    name = max(weights, key=lambda k: weights[k].numel())  # the largest tensor: the likeliest hit
    raw = weights[name].numpy().tobytes()
    at = bytes(data).index(raw[:64]) + 8
    data[at] ^= 0x01  # one bit of one weight: the file still unpickles
    path.write_bytes(bytes(data))
    with pytest.raises(CheckpointError, match="does not match its checksum"):
        load_experiment(path)


def test_a_small_file_describing_a_huge_model_is_refused_without_building_it(tmp_path, monkeypatch):
    payload = _saved_payload(tmp_path)
    payload["model_spec"] = {**payload["model_spec"], "height": 4096, "width": 4096, "hidden": 1024}
    torch.save(payload, tmp_path / "huge.pt")
    assert (tmp_path / "huge.pt").stat().st_size < 100_000
    built = []
    monkeypatch.setattr(checkpoint, "build_model", lambda spec: built.append(spec))
    with pytest.raises(CheckpointError, match="do not fit"):
        load_experiment(tmp_path / "huge.pt")
    assert built == []  # refused before a single weight of 275 billion was allocated


@pytest.mark.parametrize("setting,value,words", [
    ("dataset", 5, "'dataset' must be text"), ("seed", 10**20, "at most"),
    ("epochs", "two", "whole number"), ("amp", "yes", "true or false"),
])
def test_config_fields_of_the_wrong_type_are_refused(tmp_path, setting, value, words):
    import json

    payload = _saved_payload(tmp_path)
    payload["config"] = json.dumps({**json.loads(payload["config"]), setting: value})
    torch.save(payload, tmp_path / "bad.pt")
    with pytest.raises(CheckpointError, match=words) as refused:
        load_experiment(tmp_path / "bad.pt")
    assert "\n" not in str(refused.value)


def test_an_epoch_count_that_disagrees_with_the_history_is_refused(tmp_path):
    payload = _saved_payload(tmp_path)
    payload["epochs_done"] = 5  # the history holds no epoch at all
    torch.save(payload, tmp_path / "bad.pt")
    with pytest.raises(CheckpointError, match="history has 0 epochs but it says 5"):
        load_experiment(tmp_path / "bad.pt")


def test_a_zip_bomb_posing_as_an_experiment_is_refused_before_unpacking(tmp_path):
    import zipfile

    bomb = tmp_path / "bomb.pt"
    with zipfile.ZipFile(bomb, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("archive/data.pkl", b"\x80\x02}q\x00.")
        archive.writestr("archive/data/0", b"\0" * (200 * 2**20))  # 200 MB of zeros in ~200 KB
    assert bomb.stat().st_size < 2**20
    with pytest.raises(CheckpointError, match="would unpack to 200 MB"):
        load_experiment(bomb)
