"""PyInstaller runtime hook: let torchvision import when its compiled ops cannot load.

The bundle ships the CPU build of PyTorch. Where the matching CPU build of torchvision is not
installable (PyPI's Linux torchvision wheels link against CUDA PyTorch), torchvision's compiled
ops (``torchvision/_C``) fail to load, and ``import torchvision`` then stops at registering fake
kernels for ``torchvision::nms`` and ``torchvision::qnms``, which no longer exist. aegui uses
torchvision only for its datasets, which are plain Python; so, if and only if the compiled ops
did not load, this hook declares those two operators (calling them raises) before torchvision's
registrations run. With a matching torchvision it does nothing.
"""

import importlib.abc
import sys

_SCHEMAS = (
    "nms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
    "qnms(Tensor dets, Tensor scores, float iou_threshold) -> Tensor",
)
_LIBRARIES = []  # the fragments must outlive the hook, or torch drops the definitions


class _DeclareMissingOps(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name != "torchvision._meta_registrations":
            return None
        sys.meta_path.remove(self)
        import torch
        import torchvision.extension

        if not torchvision.extension._has_ops():
            library = torch.library.Library("torchvision", "FRAGMENT")
            for schema in _SCHEMAS:
                library.define(schema)
            _LIBRARIES.append(library)
        return None  # the normal finders load the module


sys.meta_path.insert(0, _DeclareMissingOps())
