"""The API is one package per domain over a shared base: a domain package has the same four
modules as every other and imports only the shared modules, never another domain's package;
the shared modules import no domain package."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

API = Path(__file__).resolve().parent.parent
DOMAINS = sorted(
    path.name for path in API.iterdir() if (path / "__init__.py").exists() and path.name != "tests"
)
ARCHITECTURE_DOMAINS = [
    *("accounts", "concerns", "exchange", "incidents"),
    *("obligations", "organisations", "programmes", "reports"),
]
MODULES = {"__init__.py", "views.py", "serializers.py", "urls.py"}


def imported_api_names(source: str, package: tuple[str, ...]) -> set[str]:
    """The first names under `phoihop.api` that `source` imports, relative or absolute;
    `package` is where the source lives below `phoihop.api` (() for a shared module)."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.ImportFrom) and node.level:
            base = package[: len(package) - node.level + 1]
            parts = [*base, *(node.module or "").split(".")]
            if parts[0]:
                names.add(parts[0])
            else:  # `from .. import x` names the subpackages themselves
                names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("phoihop.api."):
            names.add(node.module.split(".")[2])
        elif isinstance(node, ast.Import):
            names.update(
                alias.name.split(".")[2]
                for alias in node.names
                if alias.name.startswith("phoihop.api.")
            )
    return names


def api_names_imported_by(path: Path) -> set[str]:
    return imported_api_names(path.read_text(encoding="utf-8"), path.parent.relative_to(API).parts)


def test_the_domains_are_the_ones_the_architecture_names():
    assert DOMAINS == ARCHITECTURE_DOMAINS


@pytest.mark.parametrize("domain", DOMAINS)
def test_every_domain_package_has_views_serializers_and_urls(domain):
    present = {path.name for path in (API / domain).glob("*.py")}
    assert present >= MODULES


@pytest.mark.parametrize("domain", DOMAINS)
def test_a_domain_package_imports_no_other_domain(domain):
    for path in (API / domain).rglob("*.py"):
        others = api_names_imported_by(path) & (set(DOMAINS) - {domain})
        assert not others, f"{path.relative_to(API)} imports {sorted(others)}"


def test_the_shared_modules_import_no_domain():
    for path in API.glob("*.py"):
        if path.name == "urls.py":
            continue  # the one place that mounts every domain
        domains = api_names_imported_by(path) & set(DOMAINS)
        assert not domains, f"{path.name} imports {sorted(domains)}"


@pytest.mark.parametrize(
    ("source", "package", "names"),
    [
        ("from ..programmes.serializers import EnumField", ("exchange",), {"programmes"}),
        ("from .. import programmes", ("exchange",), {"programmes"}),
        ("from . import serializers as s", ("exchange",), {"exchange"}),
        ("from .fields import EnumField", (), {"fields"}),
        ("from phoihop.api.concerns import views", (), {"concerns"}),
        ("import phoihop.api.reports.views", (), {"reports"}),
        ("from phoihop.reports import services", ("reports",), set()),
    ],
)
def test_the_import_reader_sees_relative_and_absolute_imports(source, package, names):
    assert imported_api_names(source, package) == names
