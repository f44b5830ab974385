"""The layers: the core is a kernel that depends on no domain app, and the site app is the top
layer that nothing else depends on.

Read from the source with `ast`, so an import inside a function (the usual way round an import
circle) counts as much as one at the top of a module; only imports under `if TYPE_CHECKING:` are
left out, since they never run. A dotted path written as a string in the core ("phoihop.reports.
tasks.remind") is a dependency too: that is how a central list of every app's jobs used to hide.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "phoihop"
CORE = PACKAGE / "core"
SITE = PACKAGE / "site"
DOMAIN_APPS = (
    "accounts",
    "organisations",
    "programmes",
    "exchange",
    "incidents",
    "concerns",
    "reports",
    "documents",
    "notifications",
    "obligations",
    "api",
    "site",
)
DOMAIN = re.compile(rf"phoihop\.({'|'.join(DOMAIN_APPS)})(\.|$)")
DOTTED_PATH = re.compile(r"phoihop(\.\w+)+")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _absolute(node: ast.ImportFrom, module: str, is_package: bool) -> str:
    if not node.level:
        return node.module or ""
    base = module.split(".")
    base = base[: len(base) - node.level + (1 if is_package else 0)]
    return ".".join([*base, node.module] if node.module else base)


def imported_modules(source: str, module: str, is_package: bool = False) -> list[str]:
    """Every module `source` imports when it runs, as absolute names (`from x import y` gives
    both `x` and `x.y`, since `y` may be a submodule)."""
    found: list[str] = []

    def visit(node: ast.AST) -> None:
        if isinstance(node, ast.If) and _is_type_checking(node):
            for child in node.orelse:
                visit(child)
            return
        if isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            base = _absolute(node, module, is_package)
            found.append(base)
            found.extend(f"{base}.{alias.name}" for alias in node.names)
        for child in ast.iter_child_nodes(node):
            visit(child)

    visit(ast.parse(source))
    return found


def dotted_strings(source: str) -> list[str]:
    """String constants that are nothing but a dotted path into the project."""
    return [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and DOTTED_PATH.fullmatch(node.value)
    ]


def python_files(folder: Path, *, skip: tuple[Path, ...] = ()) -> list[Path]:
    return sorted(
        path for path in folder.rglob("*.py") if not any(path.is_relative_to(s) for s in skip)
    )


def domain_dependencies(path: Path) -> list[str]:
    source = path.read_text(encoding="utf-8")
    names = imported_modules(source, module_name(path), path.name == "__init__.py")
    return sorted({name for name in [*names, *dotted_strings(source)] if DOMAIN.match(name)})


# The core's own tests use the shared world, which is made of domain records.
KERNEL_FILES = python_files(CORE, skip=(CORE / "tests",))
OUTSIDE_SITE = [
    *python_files(PACKAGE, skip=(SITE,)),
    *python_files(ROOT / "e2e"),
    *python_files(ROOT / "bench"),
    *sorted(ROOT.glob("*.py")),
]


@pytest.mark.parametrize("path", KERNEL_FILES, ids=lambda p: str(p.relative_to(ROOT)))
def test_the_core_depends_on_no_domain_app(path):
    assert domain_dependencies(path) == []


@pytest.mark.parametrize("path", OUTSIDE_SITE, ids=lambda p: str(p.relative_to(ROOT)))
def test_nothing_outside_the_site_app_imports_it(path):
    source = path.read_text(encoding="utf-8")
    names = imported_modules(source, module_name(path), path.name == "__init__.py")
    assert [name for name in names if name.startswith("phoihop.site")] == []


def test_the_check_finds_every_kind_of_import_and_skips_type_checking_only_ones():
    source = """
from typing import TYPE_CHECKING
from phoihop.accounts.selectors import build_actor
from ..programmes import models
from . import http
if TYPE_CHECKING:
    from phoihop.reports.models import Report
else:
    import phoihop.concerns
def later():
    import phoihop.exchange.tasks
JOB = "phoihop.incidents.tasks.check_incident_clocks"
"""
    names = imported_modules(source, "phoihop.core.example")
    assert "phoihop.accounts.selectors" in names
    assert "phoihop.programmes.models" in names
    assert "phoihop.core.http" in names
    assert "phoihop.concerns" in names
    assert "phoihop.exchange.tasks" in names
    assert not any(name.startswith("phoihop.reports") for name in names)
    assert dotted_strings(source) == ["phoihop.incidents.tasks.check_incident_clocks"]
    assert imported_modules("from . import tasks", "phoihop.core", is_package=True) == [
        "phoihop.core",
        "phoihop.core.tasks",
    ]


def test_the_walks_cover_the_whole_core_and_the_code_around_the_site():
    assert CORE / "jobs.py" in KERNEL_FILES
    assert CORE / "management" / "commands" / "run_scheduler.py" in KERNEL_FILES
    assert PACKAGE / "urls.py" in OUTSIDE_SITE
    assert not any(path.is_relative_to(SITE) for path in OUTSIDE_SITE)
