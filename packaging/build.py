"""Build aegui's wheel, its PyInstaller bundle and this platform's installers.

    python packaging/build.py [STEP ...]

Steps, in the order `all` (the default) runs them for the platform at hand:

    wheel     dist/aegui-VERSION-py3-none-any.whl        (pip wheel, no dependencies)
    venv      build/package-venv with the pinned dependencies of packaging/constraints.txt,
              the CPU-only PyTorch, PyInstaller, and the wheel just built
    bundle    dist/aegui/ (the onedir bundle; on macOS also dist/aegui.app)
    deb       dist/aegui_VERSION_amd64.deb                (Linux, dpkg-deb)
    tarball   dist/aegui-VERSION-linux-x86_64.tar.xz      (Linux, install.sh / uninstall.sh)
    setup     dist/aegui-VERSION-windows-setup.exe        (Windows, Inno Setup's iscc)
    dmg       dist/aegui-VERSION-macos.dmg                (macOS, dmgbuild)

It needs only the standard library; every tool it runs lives in build/package-venv or is the
platform's own (dpkg-deb, tar and xz; iscc). `make package` runs it on Linux, and the
installers workflow runs it on all three platforms.
"""

from __future__ import annotations

import argparse
import hashlib
import os
import re
import shutil
import stat
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGING = ROOT / "packaging"
RESOURCES = ROOT / "resources"
BUILD = ROOT / "build"
DIST = ROOT / "dist"
VENV = BUILD / "package-venv"
BUNDLE = DIST / "aegui"
CONSTRAINTS = PACKAGING / "constraints.txt"

LINUX, WINDOWS, MACOS = sys.platform.startswith("linux"), sys.platform == "win32", sys.platform == "darwin"
STEPS = {
    "linux": ("wheel", "venv", "bundle", "deb", "tarball"),
    "win32": ("wheel", "venv", "bundle", "setup"),
    "darwin": ("wheel", "venv", "bundle", "dmg"),
}

# The system packages that the bundled Qt (its xcb platform plugin above all) and PyTorch load
# from the system on Debian and Ubuntu. `deb` adds the ones it finds the bundle linking to.
DEB_DEPENDS = (
    "libc6 (>= 2.28)", "libstdc++6", "libgcc-s1", "zlib1g",
    "libglib2.0-0", "libdbus-1-3", "libfontconfig1", "libfreetype6", "libx11-6", "libx11-xcb1",
    "libxcb1", "libxcb-cursor0", "libxcb-icccm4", "libxcb-image0", "libxcb-keysyms1",
    "libxcb-randr0", "libxcb-render-util0", "libxcb-render0", "libxcb-shape0", "libxcb-shm0",
    "libxcb-sync1", "libxcb-xfixes0", "libxcb-xinerama0", "libxcb-xkb1", "libxkbcommon0",
    "libxkbcommon-x11-0", "libegl1", "libgl1", "libopengl0",
)
DEB_RECOMMENDS = ("libwayland-client0", "libwayland-cursor0", "libwayland-egl1")


def version() -> str:
    text = (ROOT / "aegui" / "__init__.py").read_text(encoding="utf-8")
    return re.search(r'__version__ = "([^"]+)"', text).group(1)


def run(*cmd, **kw) -> None:
    print("+", " ".join(str(c) for c in cmd), flush=True)
    subprocess.run([str(c) for c in cmd], check=True, **kw)


def venv_python() -> Path:
    return VENV / ("Scripts/python.exe" if WINDOWS else "bin/python")


def wheel_path() -> Path:
    return DIST / f"aegui-{version()}-py3-none-any.whl"


def step_wheel() -> None:
    # setuptools stages the wheel in build/lib; a stale copy there would put deleted modules
    # into the wheel.
    for stale in (BUILD / "lib", *BUILD.glob("bdist.*")):
        shutil.rmtree(stale, ignore_errors=True)
    wheel_path().unlink(missing_ok=True)
    run(sys.executable, "-m", "pip", "wheel", "--no-deps", "-w", DIST, ROOT)
    import zipfile

    names = set(zipfile.ZipFile(wheel_path()).namelist())
    sys.path.insert(0, str(PACKAGING))
    from bundle_contents import REQUIRED_DATA

    missing = [p for p in REQUIRED_DATA if p not in names]
    if missing:
        raise SystemExit(f"the wheel lacks {missing}")
    print(f"wheel: {wheel_path().relative_to(ROOT)} holds the bundled data, demo model and icon")


def torch_requirement() -> list[str]:
    """The CPU-only PyTorch: PyPI's Windows and macOS wheels are CPU builds; on Linux the CPU
    build carries a +cpu tag (from PyTorch's CPU index, or a wheel in pip's find-links)."""
    pinned = next(line for line in CONSTRAINTS.read_text().splitlines() if line.startswith("torch=="))
    return [f"{pinned}+cpu"] if LINUX else [pinned]


def step_venv() -> None:
    """The build environment, separate from the development .venv; rebuilt when the pins change."""
    stamp = VENV / ".installed"
    key = hashlib.sha256(CONSTRAINTS.read_bytes() + (ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if not (stamp.exists() and stamp.read_text() == key):
        if not venv_python().exists():
            venv.EnvBuilder(with_pip=True).create(VENV)
        pip = [venv_python(), "-m", "pip", "install", "-c", CONSTRAINTS]
        run(*pip, *torch_requirement(), f"{wheel_path()}[packaging,onnx,tsne]")
        stamp.write_text(key)
    # The wheel just built, always: the bundle is made from exactly this source.
    run(venv_python(), "-m", "pip", "install", "--no-deps", "--force-reinstall", wheel_path())
    check = ("import torch, PySide6; print('torch', torch.__version__, 'CUDA', torch.version.cuda, "
             "'| PySide6', PySide6.__version__)")
    run(venv_python(), "-c", check)


def step_bundle() -> None:
    run(venv_python(), "-m", "PyInstaller", "--noconfirm", "--clean", "--log-level", "WARN",
        "--distpath", DIST, "--workpath", BUILD / "pyinstaller", PACKAGING / "aegui.spec")
    if LINUX and shutil.which("strip"):
        # PyTorch's Linux libraries and Python's own keep their symbol tables (about 105 MB);
        # the dynamic symbols that loading needs stay. Only these: strip can break the libraries
        # that auditwheel's patchelf edited (numpy.libs, scipy.libs...).
        internal = BUNDLE / "_internal"
        for lib in sorted([*(internal / "torch" / "lib").glob("*.so*"), *internal.glob("libpython3*.so*")]):
            if not lib.is_symlink():
                run("strip", "--strip-unneeded", lib)
    print(f"bundle: {BUNDLE.relative_to(ROOT)} ({tree_size(BUNDLE) / 2**20:.0f} MiB)")


def tree_size(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file() and not p.is_symlink())


def _copy_share(share: Path) -> None:
    """The freedesktop files: the menu entry, the hicolor icons and the AppStream metainfo."""
    (share / "applications").mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "aegui.desktop", share / "applications" / "aegui.desktop")
    (share / "mime" / "packages").mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "aegui-mime.xml", share / "mime" / "packages" / "aegui.xml")
    (share / "metainfo").mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "io.github.aegui.metainfo.xml", share / "metainfo")
    for png in (RESOURCES / "icons" / "hicolor").glob("*/apps/aegui.png"):
        target = share / "icons" / "hicolor" / png.relative_to(RESOURCES / "icons" / "hicolor")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(png, target)
    scalable = share / "icons" / "hicolor" / "scalable" / "apps"
    scalable.mkdir(parents=True, exist_ok=True)
    shutil.copy2(RESOURCES / "icons" / "aegui.svg", scalable / "aegui.svg")


def _system_packages() -> set[str]:
    """The Debian packages holding the libraries that the bundle's ELF files link to directly
    (their NEEDED entries, as dpkg-shlibdeps reads them) and that the bundle does not carry."""
    bundled = {p.name for p in BUNDLE.rglob("*.so*")}
    paths = set()
    for elf in BUNDLE.rglob("*"):
        if not (elf.is_file() and (".so" in elf.name or elf.name == "aegui")) or elf.is_symlink():
            continue
        dynamic = subprocess.run(["readelf", "-d", str(elf)], capture_output=True, text=True).stdout
        needed = set(re.findall(r"\(NEEDED\)\s+Shared library: \[([^\]]+)\]", dynamic)) - bundled
        if not needed:
            continue
        resolved = subprocess.run(["ldd", str(elf)], capture_output=True, text=True).stdout
        for name, path in re.findall(r"^\s*(\S+) => (/\S+)", resolved, re.M):
            if name in needed:
                paths.add(path)
    packages = set()
    for path in sorted(paths):
        for candidate in (os.path.realpath(path), path):
            out = subprocess.run(["dpkg", "-S", candidate], capture_output=True, text=True)
            if out.returncode == 0:
                packages.update(line.split(":")[0] for line in out.stdout.splitlines() if line)
                break
    return packages


def step_deb() -> None:
    ver = version()
    stage = BUILD / "deb" / f"aegui_{ver}_amd64"
    shutil.rmtree(stage, ignore_errors=True)
    shutil.copytree(BUNDLE, stage / "opt" / "aegui", symlinks=True)
    (stage / "usr" / "bin").mkdir(parents=True)
    (stage / "usr" / "bin" / "aegui").symlink_to("/opt/aegui/aegui")
    _copy_share(stage / "usr" / "share")
    doc = stage / "usr" / "share" / "doc" / "aegui"
    doc.mkdir(parents=True)
    shutil.copy2(PACKAGING / "linux" / "copyright", doc / "copyright")
    # Depends: the libraries the bundle links to, found on this system, and the ones Qt's xcb
    # plugin loads at run time (DEB_DEPENDS), which no ELF header names.
    depends = list(DEB_DEPENDS)
    declared = {re.split(r"[ (]", d)[0] for d in DEB_DEPENDS + DEB_RECOMMENDS}
    if shutil.which("dpkg") and shutil.which("readelf"):
        found = sorted({p.split(":")[0] for p in _system_packages()} - declared)
        print(f"deb: the bundle also links to libraries from {found}")
        depends += found
    installed_kib = tree_size(stage) // 1024
    control = stage / "DEBIAN"
    control.mkdir()
    (control / "control").write_text(
        f"Package: aegui\nVersion: {ver}\nArchitecture: amd64\nSection: science\nPriority: optional\n"
        f"Maintainer: The aegui developers <aegui@users.noreply.github.com>\n"
        f"Installed-Size: {installed_kib}\nDepends: {', '.join(depends)}\n"
        f"Recommends: {', '.join(DEB_RECOMMENDS)}\nHomepage: https://github.com/aegui/aegui\n"
        "Description: desktop workbench for autoencoders\n"
        " Load images (bundled MNIST digits, torchvision datasets, your own folders),\n"
        " pick a dense, convolutional or variational autoencoder and the job it learns,\n"
        " train it while watching live loss curves, explore the latent space and export\n"
        " the model. The package bundles its own Python, Qt and CPU-only PyTorch in\n"
        " /opt/aegui.\n", encoding="utf-8")
    prerm = control / "prerm"
    prerm.write_text("#!/bin/sh\nset -e\n# Byte-code caches Python may have written next to the bundled sources.\n"
                     "find /opt/aegui -name __pycache__ -type d -prune -exec rm -rf {} + 2>/dev/null || true\n")
    prerm.chmod(0o755)
    for path in stage.rglob("*"):  # dpkg-deb wants sane modes: no group/world write anywhere
        if not path.is_symlink():
            path.chmod(path.stat().st_mode & ~(stat.S_IWGRP | stat.S_IWOTH))
    deb = DIST / f"aegui_{ver}_amd64.deb"
    run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", stage, deb)
    print(f"deb: {deb.relative_to(ROOT)} ({deb.stat().st_size / 2**20:.0f} MiB)")


def step_tarball() -> None:
    ver = version()
    name = f"aegui-{ver}-linux-x86_64"
    stage = BUILD / "tar" / name
    shutil.rmtree(stage.parent, ignore_errors=True)
    shutil.copytree(BUNDLE, stage / "aegui", symlinks=True)
    _copy_share(stage / "share")
    for script in ("install.sh", "uninstall.sh"):
        shutil.copy2(PACKAGING / "linux" / script, stage / script)
        (stage / script).chmod(0o755)
    (stage / "README.txt").write_text(
        f"aegui {ver} for Linux (x86-64)\n\nRun ./install.sh to install it for your user into ~/.local, with\n"
        "a menu entry; ~/.local/lib/aegui/uninstall.sh removes it again. Or run aegui/aegui from\n"
        "this folder without installing anything.\n", encoding="utf-8")
    tarball = DIST / f"{name}.tar.xz"
    env = dict(os.environ, XZ_OPT=os.environ.get("XZ_OPT", "-6 -T2"))
    run("tar", "-C", stage.parent, "--owner=0", "--group=0", "-cJf", tarball, name, env=env)
    print(f"tarball: {tarball.relative_to(ROOT)} ({tarball.stat().st_size / 2**20:.0f} MiB)")


def _iscc() -> str:
    found = shutil.which("iscc") or shutil.which("ISCC")
    for guess in (r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe", r"C:\Program Files\Inno Setup 6\ISCC.exe"):
        if not found and Path(guess).exists():
            found = guess
    if not found:
        raise SystemExit("setup: Inno Setup's iscc was not found (choco install innosetup)")
    return found


def step_setup() -> None:
    run(_iscc(), f"/DAppVersion={version()}", PACKAGING / "windows" / "aegui.iss")


def step_dmg() -> None:
    dmg = DIST / f"aegui-{version()}-macos.dmg"
    dmg.unlink(missing_ok=True)
    run(VENV / "bin" / "dmgbuild", "-s", PACKAGING / "macos" / "dmg_settings.py",
        "-D", f"app={DIST / 'aegui.app'}", "aegui", dmg)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    names = ["all", "wheel", "venv", "bundle", "deb", "tarball", "setup", "dmg"]
    parser.add_argument("steps", nargs="*", metavar="STEP", help=f"one of {', '.join(names)} (default: all)")
    args = parser.parse_args(argv)
    unknown = [step for step in args.steps if step not in names]
    if unknown:
        parser.error(f"unknown step {unknown[0]!r}: choose from {', '.join(names)}")
    steps = [s for step in args.steps or ["all"] for s in (STEPS[sys.platform if not LINUX else "linux"]
                                                 if step == "all" else (step,))]
    for step in steps:
        print(f"== {step}", flush=True)
        globals()[f"step_{step}"]()
    return 0


if __name__ == "__main__":
    sys.exit(main())
