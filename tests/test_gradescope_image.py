"""The Gradescope zip on Gradescope's Ubuntu 22.04 image, and what results.json shows at once.

The image's python3 is 3.10; the zip's setup.sh installs python3.11 for the course's pins, and
the grader's own code must still parse and import on 3.10 (no unguarded 3.11-only feature), so
that a wrong interpreter fails in setup.sh with a sentence, not with an ImportError mid-grading.
"""

from __future__ import annotations

import ast
import glob
import shutil
import subprocess
import zipfile

import pytest

from autograder.assignments import ROOT
from autograder.export import gradescope
from autograder.kit.results import CheckResult, SubmissionResult
from conftest import ASSIGNMENTS

SOURCES = sorted((ROOT / "autograder").rglob("*.py"))
# Standard-library names that appeared in Python 3.11 (module, or module.name).
NEW_IN_311 = {"tomllib", "wsgiref.types", "typing.Self", "typing.LiteralString", "typing.Never",
              "typing.assert_never", "typing.assert_type", "typing.reveal_type",
              "typing.Required", "typing.NotRequired", "typing.TypeVarTuple", "typing.Unpack",
              "typing.dataclass_transform", "typing.get_overloads", "enum.StrEnum",
              "enum.ReprEnum", "enum.verify", "datetime.UTC", "hashlib.file_digest",
              "contextlib.chdir", "asyncio.TaskGroup", "asyncio.timeout", "operator.call",
              "math.cbrt", "math.exp2"}
NEW_BUILTINS = {"ExceptionGroup", "BaseExceptionGroup"}


def _guarded(tree: ast.AST) -> set[int]:
    """Lines of imports inside `try: ... except ImportError/ModuleNotFoundError:`."""
    lines = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Try) and any(
                isinstance(h.type, ast.Name) and h.type.id in ("ImportError", "ModuleNotFoundError")
                for h in node.handlers):
            lines |= {n.lineno for stmt in node.body for n in ast.walk(stmt)
                      if isinstance(n, (ast.Import, ast.ImportFrom))}
    return lines


def _uses_311(path) -> list[str]:
    tree = ast.parse(path.read_text(), str(path), feature_version=(3, 10))   # no `except*` etc.
    guarded, found = _guarded(tree), []
    for node in ast.walk(tree):
        names = []
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names = [node.module, *(f"{node.module}.{a.name}" for a in node.names)]
        elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
            names = [f"{node.value.id}.{node.attr}"]
        elif isinstance(node, ast.Name) and node.id in NEW_BUILTINS:
            names = [node.id]
        elif isinstance(node, ast.Attribute) and node.attr == "add_note":
            names = ["BaseException.add_note"]
        hits = [n for n in names if n in NEW_IN_311 | NEW_BUILTINS | {"BaseException.add_note"}]
        if hits and getattr(node, "lineno", 0) not in guarded:
            found += [f"{path.name}:{node.lineno}: {h}" for h in hits]
    return found


def test_grader_parses_as_python_310_with_no_unguarded_311_feature():
    assert len(SOURCES) > 20
    assert [hit for path in SOURCES for hit in _uses_311(path)] == []


def test_the_audit_catches_an_unguarded_311_feature(tmp_path):
    bad = tmp_path / "bad.py"
    bad.write_text("import tomllib\nfrom typing import Self\nnow = datetime.UTC\n")
    assert [h.split(": ")[1] for h in _uses_311(bad)] == ["tomllib", "typing.Self", "datetime.UTC"]
    bad.write_text("try:\n    import tomllib\nexcept ModuleNotFoundError:\n    import tomli\n")
    assert _uses_311(bad) == []
    bad.write_text("try:\n    pass\nexcept* ValueError:\n    pass\n")
    with pytest.raises(SyntaxError):
        _uses_311(bad)


def _python310() -> str | None:
    """A working Python 3.10 (on PATH, or a pyenv version; a pyenv shim may not run)."""
    for found in [shutil.which("python3.10"), *sorted(glob.glob(
            "/root/.pyenv/versions/3.10*/bin/python3.10"))]:
        if found and subprocess.run([found, "-V"], capture_output=True).returncode == 0:
            return found
    return None


@pytest.mark.skipif(_python310() is None, reason="no Python 3.10 interpreter on this machine")
def test_a_real_python_310_compiles_every_grader_module():
    code = ("import sys\nfor f in sys.argv[1:]:\n    compile(open(f, encoding='utf-8').read(), f, "
            "'exec')\nprint('ok', sys.version_info[:2])")
    proc = subprocess.run([_python310(), "-c", code, *map(str, SOURCES)], capture_output=True,
                          text=True)
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "ok (3, 10)" in proc.stdout


def test_setup_names_the_image_and_brings_a_python_the_pins_support(tmp_path):
    path = gradescope.build_zip(ASSIGNMENTS[0], tmp_path)
    with zipfile.ZipFile(path) as zf:
        setup = zf.read("setup.sh").decode()
        requirements = zf.read("requirements.txt").decode()
    assert "Ubuntu 22.04" in setup and "apt-get install -y -qq python3.11 python3.11-venv" in setup
    assert '"$PY" -m venv /autograder/venv' in setup
    assert 'tomli>=2; python_version < "3.11"' in requirements
    (tmp_path / "setup.sh").write_text(setup)
    assert subprocess.run(["bash", "-n", str(tmp_path / "setup.sh")]).returncode == 0


def test_results_json_top_level_output_hides_the_hidden_checks_points():
    """Gradescope shows `output` at once; hidden tests are `after_published`."""
    a = ASSIGNMENTS[0]
    checks = list(a.registry.checks.values())
    public = [c for c in checks if not c.hidden][:2]
    hidden = [c for c in checks if c.hidden][:3]
    sub = SubmissionResult("s", "s.ipynb", "", 1, "graded")
    sub.results = ([CheckResult(c.id, c.question, 1, 1, "passed", "", False) for c in public] +
                   [CheckResult(c.id, c.question, 4, 4, "passed", "", True) for c in hidden])
    results = gradescope.results_json(sub, a)
    assert results["score"] == 14                               # the grade itself is complete
    assert "2 / 2 points from public checks" in results["output"]
    assert "14" not in results["output"] and "/ 14" not in results["output"]
    assert "3 hidden checks: results and points are shown once your instructor publishes" \
        in results["output"]
    assert {t["visibility"] for t in results["tests"] if "(hidden)" in t["name"]} == \
        {"after_published"}
