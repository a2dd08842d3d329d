"""Devices and the CPU thread budget."""

from __future__ import annotations

from aegui.core.device import automatic_threads, training_threads


def test_small_machines_train_on_every_core_large_ones_leave_one():
    assert [automatic_threads(c) for c in (1, 2, 4)] == [1, 2, 4]
    assert automatic_threads(8) == 7 and automatic_threads(64) == 63


def test_a_chosen_thread_count_is_kept_within_the_machine():
    assert training_threads(0, cores=2) == 2  # automatic
    assert training_threads(1, cores=8) == 1
    assert training_threads(12, cores=8) == 8
    assert training_threads(-3, cores=8) == 7


def test_automatic_counts_the_cores_this_process_may_use():
    from aegui.core.device import CLI_DEFAULT_THREADS, physical_cores, usable_cpus

    assert 1 <= physical_cores() <= min(CLI_DEFAULT_THREADS, usable_cpus())
    assert automatic_threads() <= physical_cores()


def test_releasing_a_compiled_run_forgets_its_compiled_graphs():
    """Each run compiles a new model; without a reset, torch.compile's caches keep them all."""
    import torch
    from torch._dynamo.eval_frame import _debug_get_cache_entry_list

    from aegui.core.device import release_run_memory

    def fn(x):
        return torch.relu(x) * 2

    torch.compile(fn, backend="eager")(torch.randn(4))
    assert len(_debug_get_cache_entry_list(fn.__code__)) == 1
    release_run_memory(compiled=False)
    assert len(_debug_get_cache_entry_list(fn.__code__)) == 1
    release_run_memory(compiled=True)
    assert _debug_get_cache_entry_list(fn.__code__) == []
