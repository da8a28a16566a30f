"""The optional compiled core (issue 16): the rules core compiled with mypyc, in place.

    python -m game.build_fast            # `make fast`: compile the core; a .so beside each .py compiled
    python -m game.build_fast --pure     # `make pure`: remove them, the pure-Python core again
    python -m game.build_fast --which    # which build of the core Python imports here
    python -m game.build_fast --suite -q # the test suite against a compiled copy of this tree

The modules compiled are those game/core/compiled_modules.py lists (COMPILED_MODULES), or, without
that list, every module of the core but its package file. An extension module imports before the
.py file beside it, so the compiled core keeps the same module names and removing the .so files
falls back to pure Python. Without a C compiler, Python's headers or mypyc (the `[fast]` extra
brings it), the build says so in one line and leaves the pure build as it is, with exit status 0.
A compiled module is stale once its .py file is newer than its .so: `--which` says so, and
tests/test_fast_build.py fails on it (run `make fast` or `make pure`).

`--suite` copies this tree (without .venv and .git) to a temporary folder, compiles there and runs
`python -m pytest` there with that folder first on PYTHONPATH, so the work tree stays pure.
"""

from __future__ import annotations

import importlib.util
import os
import runpy
import shutil
import subprocess
import sys
import sysconfig
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORE = ROOT / "game" / "core"
LIST = CORE / "compiled_modules.py"  # the core's own list, COMPILED_MODULES: paths from the repository root


def modules_listed() -> tuple[str, ...]:
    """The modules compiled, by name: the core's list, or else every module of the core but its package file."""
    if LIST.is_file():
        return tuple(Path(path).stem for path in runpy.run_path(str(LIST))["COMPILED_MODULES"])
    return tuple(sorted(path.stem for path in CORE.glob("*.py") if path.name != "__init__.py"))


COMPILED = modules_listed()
# mypyc puts the compiled code of all of them in one shared library, game/core/compiled__mypyc*.so,
# and a small extension module per module that loads it.
GROUP = "game.core.compiled"
SUFFIX = sysconfig.get_config_var("EXT_SUFFIX") or ".so"


def missing_tool() -> str | None:
    """Why a compiled build cannot be made here, or None if it can."""
    compiler = (os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc").split()[0]
    if shutil.which(compiler) is None:
        return f"no C compiler ({compiler})"
    if not (Path(sysconfig.get_paths()["include"]) / "Python.h").is_file():
        return f"no Python headers (Python.h in {sysconfig.get_paths()['include']})"
    if importlib.util.find_spec("mypyc") is None:
        return "no mypyc (pip install -e '.[fast]')"
    return None


def compiled_files(core: Path = CORE) -> list[Path]:
    """The compiled modules (and their shared library) present in `core`."""
    return sorted(path for path in core.glob("*.so") if path.name.split(".")[0] in COMPILED + ("compiled__mypyc",))


def stale(core: Path = CORE) -> list[str]:
    """The compiled modules older than their source: Python would run code that is not in the .py file."""
    return [path.name for path in core.glob("*.so")
            if path.name.split(".")[0] in COMPILED
            and (core / f"{path.name.split('.')[0]}.py").stat().st_mtime > path.stat().st_mtime]


def which() -> str:
    """'pure', 'compiled' or 'partly compiled (…)': the core that `import game.core` gives in this process."""
    files = [str(importlib.import_module(f"game.core.{name}").__file__) for name in COMPILED]
    count = sum(file.endswith(SUFFIX) for file in files)
    if count in (0, len(files)):
        return "compiled" if count else "pure"
    return f"partly compiled ({count} of {len(files)} modules)"


def pure(root: Path = ROOT) -> None:
    for path in compiled_files(root / "game" / "core"):
        path.unlink()


def build(root: Path = ROOT, modules: tuple[str, ...] = COMPILED) -> int:
    """Compile `modules` of the core in place under `root`; 0 also when no compiler is there (the pure build stays)."""
    reason = missing_tool()
    if reason:
        print(f"make fast: {reason}; the pure-Python core stays in use", flush=True)
        return 0
    pure(root)
    # Built in a folder of its own (setuptools there reads no pyproject.toml, mypy no settings), then moved in.
    code = (
        "import sys\n"
        "from setuptools import setup\n"
        "from mypyc.build import mypycify\n"
        "group, *paths = sys.argv[1:]\n"
        "setup(name='table-stakes-fast', script_args=['-q', 'build_ext', '--inplace', '--build-temp', 'temp'],\n"
        "      ext_modules=mypycify(paths, opt_level='3', group_name=group, target_dir='c'))\n"
    )
    with tempfile.TemporaryDirectory(prefix="table-stakes-fast-") as temp:
        paths = [str(root / "game" / "core" / f"{name}.py") for name in modules]
        (Path(temp) / "game" / "core").mkdir(parents=True)
        run = subprocess.run([sys.executable, "-c", code, GROUP, *paths], cwd=temp)
        if run.returncode == 0:
            for path in compiled_files(Path(temp) / "game" / "core"):
                shutil.move(path, root / "game" / "core" / path.name)
    if run.returncode != 0:
        pure(root)  # no half build: what compiled would shadow sources beside modules that did not
        print("make fast: the compiled build failed (above); the pure-Python core stays in use", file=sys.stderr)
        return run.returncode
    built = [path for path in compiled_files(root / "game" / "core") if path.name.split(".")[0] in modules]
    print(f"make fast: compiled {len(built)} modules of game/core with mypyc", flush=True)
    return 0


def copy_tree(copy: Path) -> Path:
    """A pure copy of this tree at `copy`, without .venv, .git, caches or compiled modules."""
    shutil.copytree(ROOT, copy, symlinks=True, ignore=shutil.ignore_patterns(
        ".venv", ".git", "__pycache__", "build", ".mypy_cache", "*.so"))
    return copy


def suite(pytest_args: list[str]) -> int:
    """The test suite against a compiled copy of this tree; the work tree is left as it is."""
    reason = missing_tool()
    if reason:
        print(f"compiled suite: not run, {reason}", flush=True)
        return 0
    with tempfile.TemporaryDirectory(prefix="table-stakes-compiled-") as temp:
        copy = copy_tree(Path(temp) / ROOT.name)
        status = build(copy)
        if status:
            return status
        # pytest's doctests import game/core/rules.py as game.core.rules and find a .so there: that is the point
        env = dict(os.environ, PY_IGNORE_IMPORTMISMATCH="1",
                   PYTHONPATH=os.pathsep.join(filter(None, [str(copy), os.environ.get("PYTHONPATH")])))
        check = subprocess.run([sys.executable, "-m", "game.build_fast", "--which"], cwd=copy, env=env,
                               capture_output=True, text=True)
        print(check.stdout.strip(), flush=True)
        if not check.stdout.startswith("compiled"):
            print("compiled suite: the copy does not import its compiled core", file=sys.stderr)
            return 1
        return subprocess.run([sys.executable, "-m", "pytest", *pytest_args], cwd=copy, env=env).returncode


def main(argv: list[str]) -> int:
    if argv[:1] == ["--pure"]:
        pure()
        print("make pure: the pure-Python core is in use", flush=True)
        return 0
    if argv[:1] == ["--which"]:
        import game.core.rules

        old = stale(Path(game.core.rules.__file__).parent)
        print(f"{which()} core: {game.core.rules.__file__}" + (f" (stale: {', '.join(old)} older than "
                                                                 "its .py; make fast or make pure)" if old else ""))
        return 0
    if argv[:1] == ["--suite"]:
        return suite(argv[1:])
    if argv:
        print(__doc__, file=sys.stderr)
        return 2
    return build()


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
