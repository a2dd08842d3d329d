"""aegui.core and the CLI must work with Qt unavailable."""

import subprocess
import sys

SCRIPT = r"""
import importlib, pkgutil, sys
sys.modules['PySide6'] = None  # any import of PySide6 now raises ImportError
sys.modules['pyqtgraph'] = None
sys.modules['superqt'] = None
import aegui.cli
import aegui.core
names = [m.name for m in pkgutil.walk_packages(aegui.core.__path__, 'aegui.core.')]
commands = [m.name for m in pkgutil.walk_packages(aegui.cli.__path__, 'aegui.cli.')]
assert len(commands) >= 9, commands
for name in names + commands:
    importlib.import_module(name)
assert not any(k.startswith('PySide6.') for k in sys.modules)
print(len(names))
"""


def test_core_and_cli_import_without_qt():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert int(result.stdout.strip()) >= 15  # every submodule was really imported
