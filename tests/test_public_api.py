"""The public surface: every name exported, sorted, and documented."""

import importlib
import inspect
import pkgutil
import subprocess
import sys

import govbudget


def _public_modules() -> list[str]:
    return [
        m.name
        for m in pkgutil.walk_packages(govbudget.__path__, "govbudget.")
        if not any(part.startswith("_") for part in m.name.split("."))
    ]


def _isort_key(name: str) -> tuple[int, str]:
    """The order ruff keeps __all__ in: CONSTANTS, then Classes, then functions."""
    if name.isupper() or (name.upper() == name and "_" in name):
        return (0, name)
    return (1 if name[:1].isupper() else 2, name)


def test_all_is_sorted_and_complete() -> None:
    """__all__ of every public module is sorted and names only what exists."""
    for name in ["govbudget", *_public_modules()]:
        module = importlib.import_module(name)
        exported = list(module.__all__)

        assert exported == sorted(exported, key=_isort_key), name
        for attr in exported:
            assert hasattr(module, attr), f"{name}.{attr}"


def test_package_reexports_every_public_name() -> None:
    """Every public name of the core modules is importable from govbudget itself."""
    core = ["amount", "codes", "errors", "location", "disclosure", "report"]
    for name in [f"govbudget.{m}" for m in core]:
        module = importlib.import_module(name)
        missing = set(module.__all__) - set(govbudget.__all__)

        assert not missing, f"{name}: {sorted(missing)}"


def test_every_public_name_has_a_docstring() -> None:
    """Every exported class, function, method and property says what it does."""
    undocumented = []
    for name in ["govbudget", *_public_modules()]:
        module = importlib.import_module(name)
        assert inspect.getdoc(module), name
        for attr in module.__all__:
            obj = getattr(module, attr)
            if not (inspect.isclass(obj) or inspect.isfunction(obj)):
                continue
            if not inspect.getdoc(obj):
                undocumented.append(f"{name}.{attr}")
            if inspect.isclass(obj):
                for member_name, member in vars(obj).items():
                    if member_name.startswith("_"):
                        continue
                    target = member.fget if isinstance(member, property) else member
                    if isinstance(target, classmethod | staticmethod):
                        target = target.__func__
                    if inspect.isfunction(target) and not inspect.getdoc(target):
                        undocumented.append(f"{name}.{attr}.{member_name}")

    assert undocumented == []


def test_import_is_light() -> None:
    """Importing govbudget loads no optional dependency."""
    code = (
        "import sys, govbudget; "
        "heavy = {'hypothesis', 'pandas', 'pdfplumber', 'openpyxl', 'rich'} & set(sys.modules); "
        "print(sorted(heavy))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)

    assert out.stdout.strip() == "[]"
