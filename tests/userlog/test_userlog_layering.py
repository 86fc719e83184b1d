"""userlog is a base-level app: it imports no domain app (tests/test_architecture.py)."""

import ast

from tests.test_architecture import DOMAIN_APPS, MODULES, ROOT, _parse, imported_names


def test_userlog_imports_no_domain_app():
    found = set()
    for name, path in MODULES.items():
        if name.split(".")[0] != "userlog":
            continue
        for node in ast.walk(_parse(name)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for imported in imported_names(name, node):
                    if imported.split(".")[0] in DOMAIN_APPS:
                        found.add((path.relative_to(ROOT).as_posix(), imported))
    assert any(name.startswith("userlog.") for name in MODULES)
    assert not found, f"userlog must not import the domain apps: {sorted(found)}"
