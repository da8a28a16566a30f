"""The optional compiled core (issue 16, game/build_fast.py): `make fast` compiles game/core in place,
`make pure` or no compiler leaves the pure-Python core, and both builds play the same games."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from game import build_fast

ROOT = Path(__file__).resolve().parents[1]

COMPILED_HERE = bool(build_fast.compiled_files())
NO_TOOL = build_fast.missing_tool()


def small_copy(tmp_path: Path) -> Path:
    """The game package (build script included), pure (no compiled modules), in a folder of its own."""
    copy = tmp_path / "tree"
    shutil.copytree(ROOT / "game", copy / "game", ignore=shutil.ignore_patterns("__pycache__", "*.so"))
    return copy


def run(copy: Path, *args: str, **env: str) -> subprocess.CompletedProcess:
    environment = dict(os.environ, PYTHONPATH=str(copy), **env)
    return subprocess.run([sys.executable, "-m", "game.build_fast", *args], cwd=copy, env=environment,
                          capture_output=True, text=True, timeout=600)


def test_the_core_imported_is_the_build_the_files_say_and_not_stale():
    import game.core.rules

    assert build_fast.which() == ("compiled" if COMPILED_HERE else "pure"), game.core.rules.__file__
    assert build_fast.stale() == [], "compiled modules older than their source: run `make fast` again or `make pure`"


def test_without_a_compiler_make_fast_says_so_in_one_line_and_the_core_stays_pure(tmp_path):
    copy = small_copy(tmp_path)
    built = run(copy, CC=str(tmp_path / "no-such-cc"))
    assert built.returncode == 0, built.stderr
    assert built.stdout.splitlines() == [
        f"make fast: no C compiler ({tmp_path / 'no-such-cc'}); the pure-Python core stays in use"]
    assert build_fast.compiled_files(copy / "game" / "core") == []
    assert run(copy, "--which").stdout.startswith("pure core: ")


@pytest.mark.skipif(bool(NO_TOOL), reason=f"no compiled build can be made here: {NO_TOOL}")
def test_make_fast_compiles_in_place_and_make_pure_falls_back(tmp_path):
    copy = small_copy(tmp_path)
    # one small module, so that this stays quick: the compiled suite (make test-compiled) builds them all
    code = f"import game.build_fast as b, pathlib; raise SystemExit(b.build(pathlib.Path({str(copy)!r}), ('pots',)))"
    built = subprocess.run([sys.executable, "-c", code], cwd=copy, env=dict(os.environ, PYTHONPATH=str(copy)),
                           capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stdout + built.stderr
    names = [path.name.split(".")[0] for path in build_fast.compiled_files(copy / "game" / "core")]
    assert names == ["compiled__mypyc", "pots"]  # the shared library of the compiled code, and pots' module
    check = ("import game.core.pots as m; print(m.__file__); "
             "print(m.side_pots([1000, 400, 1000, 700], [0, 1, 2], 6000, 2000))")
    compiled = subprocess.run([sys.executable, "-c", check], cwd=copy, capture_output=True, text=True, check=True)
    assert compiled.stdout.splitlines()[0].endswith(build_fast.SUFFIX)
    assert run(copy, "--which").stdout.startswith("partly compiled (1 of ")
    assert run(copy, "--pure").returncode == 0
    assert build_fast.compiled_files(copy / "game" / "core") == []
    pure = subprocess.run([sys.executable, "-c", check], cwd=copy, capture_output=True, text=True, check=True)
    assert pure.stdout.splitlines()[0].endswith("pots.py")
    assert pure.stdout.splitlines()[1:] == compiled.stdout.splitlines()[1:]


@pytest.mark.skipif(not COMPILED_HERE, reason="the core here is pure: `make test-compiled` (which CI runs) runs this "
                    "test against the compiled core" if not NO_TOOL else f"no compiled build: {NO_TOOL}")
def test_pure_and_compiled_builds_play_the_same_games(tmp_path):
    pure = build_fast.copy_tree(tmp_path / "pure")
    prints = {}
    for label, tree in (("compiled", ROOT), ("pure", pure)):
        run = subprocess.run([sys.executable, "bench/rules_fingerprint.py"], cwd=tree, capture_output=True, text=True,
                             env=dict(os.environ, PYTHONPATH=str(tree)), timeout=900)
        assert run.returncode == 0, run.stderr
        prints[label] = run.stdout.strip()
    assert prints["compiled"] == prints["pure"]
