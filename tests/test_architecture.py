"""The layering rules, read from the source (no Django needed).

- `cms` is what every app shares: it imports none of the domain apps (services, policies,
  translations, search, content), neither at module level nor inside a function. What it must
  know of them is registered from their `AppConfig.ready` (cms.group_sync) or named by a
  label in settings.
- `frontend` reads and writes data only through the GraphQL API (frontend/api.py): it
  imports none of the domain apps, from cms only `cms.api.views` (execute_in_process, the
  in-process transport) and `cms.cache_generation` (cache keys), and nothing that reads the database itself (the ORM, Wagtail,
  models, the GraphQL schema); its templates load no Wagtail tag library.
- `userlog` (the user log) is a base-level app like cms: cms may name it (its daily job runs
  `purge_user_log` by name) and the domain apps call its recording API, but it imports no
  domain app itself (tests/userlog/test_userlog_layering.py), so every app can log reads
  without an import circle.
- No import circle between the first-party packages' modules at import time.
"""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIRST_PARTY = (
    "cms",
    "services",
    "policies",
    "translations",
    "search",
    "content",
    "privacy",
    "userlog",
    "frontend",
)
DOMAIN_APPS = ("services", "policies", "translations", "search", "content", "privacy")
# What the frontend must not import: the domain apps and whatever reads the database or
# the schema instead of sending a document.
FRONTEND_FORBIDDEN_APPS = (*DOMAIN_APPS, "userlog")
# cms.cache_generation: the publication generation in the shared cache (no database), part
# of the keys of the frontend's cached vocabularies and menu (docs/operations.md, "Caching").
FRONTEND_ALLOWED_CMS = ("cms.api.views", "cms.cache_generation")
FRONTEND_FORBIDDEN_LIBRARIES = (
    "django.db",
    "wagtail",
    "wagtail_localize",
    "wagtail_headless_preview",
    "modelcluster",
    "taggit",
    "graphene",
    "graphene_django",
)


def modules():
    """{dotted module name: path} of every first-party module (migrations included)."""
    found = {}
    for package in FIRST_PARTY:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = list(path.relative_to(ROOT).with_suffix("").parts)
            if parts[-1] == "__init__":
                parts.pop()
            found[".".join(parts)] = path
    return found


MODULES = modules()


def _is_package(name: str) -> bool:
    return MODULES[name].name == "__init__.py"


def _absolute(module: str, node: ast.ImportFrom) -> str:
    """The absolute module an ImportFrom names (resolving relative imports)."""
    if node.level == 0:
        return node.module or ""
    package = module if _is_package(module) else module.rpartition(".")[0]
    for _ in range(node.level - 1):
        package = package.rpartition(".")[0]
    return f"{package}.{node.module}" if node.module else package


def imported_names(module: str, node) -> list[str]:
    """The modules an import statement loads (for `from x import y`, x.y when y is a module)."""
    if isinstance(node, ast.Import):
        return [alias.name for alias in node.names]
    base = _absolute(module, node)
    names = [base]
    for alias in node.names:
        if f"{base}.{alias.name}" in MODULES:
            names.append(f"{base}.{alias.name}")
    return names


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def module_level_imports(tree: ast.Module):
    """Import statements executed when the module is imported: at module level, in class
    bodies and in if/try/with blocks, not in functions or `if TYPE_CHECKING:`."""
    stack = list(tree.body)
    while stack:
        node = stack.pop()
        if isinstance(node, ast.Import | ast.ImportFrom):
            yield node
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda):
            continue
        elif isinstance(node, ast.If) and _is_type_checking(node):
            stack.extend(node.orelse)
        else:
            stack.extend(
                child for child in ast.iter_child_nodes(node) if isinstance(child, ast.stmt)
            )


def _parse(name: str) -> ast.Module:
    return ast.parse(MODULES[name].read_text(encoding="utf-8"), filename=str(MODULES[name]))


def _ancestors(name: str) -> list[str]:
    parts = name.split(".")
    return [".".join(parts[:i]) for i in range(1, len(parts))]


def import_graph() -> dict[str, set[str]]:
    """Module → first-party modules its import executes. Importing `a.b.c` also runs the
    packages `a` and `a.b` first, unless the importer sits inside them (then they are
    already being imported)."""
    graph = {}
    for name in MODULES:
        targets = set()
        for node in module_level_imports(_parse(name)):
            for imported in imported_names(name, node):
                for target in [*_ancestors(imported), imported]:
                    if target in MODULES and target != name and target not in _ancestors(name):
                        targets.add(target)
        graph[name] = targets
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan)."""
    index, low, on_stack, stack, found = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def cms_domain_imports() -> set[tuple[str, str]]:
    """Every import of a domain app anywhere in a cms module (functions included)."""
    found = set()
    for name, path in MODULES.items():
        if name.split(".")[0] != "cms":
            continue
        for node in ast.walk(_parse(name)):
            if not isinstance(node, ast.Import | ast.ImportFrom):
                continue
            for imported in imported_names(name, node):
                if imported.split(".")[0] in DOMAIN_APPS:
                    found.add((path.relative_to(ROOT).as_posix(), imported))
    return found


def test_cms_imports_no_domain_app():
    unexpected = cms_domain_imports()
    assert not unexpected, (
        "cms must not import the domain apps (register from their AppConfig.ready instead; "
        f"the root GraphQL schema finds each app's api/schema.py): {sorted(unexpected)}"
    )


def all_imports(module: str):
    """(imported module, names) of every import statement of a module, functions included."""
    for node in ast.walk(_parse(module)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name, ()
        elif isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            for imported in imported_names(module, node):
                yield imported, names


def frontend_violations() -> set[tuple[str, str]]:
    """Every import of a frontend module that reaches data other than through the API."""
    found = set()
    for name, path in MODULES.items():
        if name.split(".")[0] != "frontend":
            continue
        where = path.relative_to(ROOT).as_posix() if path.is_relative_to(ROOT) else str(path)
        for imported, names in all_imports(name):
            top = imported.split(".")[0]
            if top in FRONTEND_FORBIDDEN_APPS:
                found.add((where, imported))
            elif top == "cms" and imported not in FRONTEND_ALLOWED_CMS:
                # `from cms.api import views` names cms.api too; `from cms import roles`
                # names cms and cms.roles (caught).
                if imported not in _packages_of(FRONTEND_ALLOWED_CMS):
                    found.add((where, imported))
            elif any(
                imported == library or imported.startswith(f"{library}.")
                for library in FRONTEND_FORBIDDEN_LIBRARIES
            ):
                found.add((where, imported))
            elif imported.endswith(".models") or ".models." in imported:
                found.add((where, imported))
            elif "get_user_model" in names:
                found.add((where, f"{imported}.get_user_model"))
    return found


def _packages_of(modules) -> set[str]:
    """The packages an import of these modules also names (`cms`, `cms.api`)."""
    return {ancestor for module in modules for ancestor in _ancestors(module)}


# A template library that reads the database (wagtailcore_tags' richtext and pageurl,
# wagtailimages_tags, wagtailsettings_tags, ...).
TEMPLATE_LOAD = re.compile(r"{%\s*load\s+([^%]*?)\s*%}")


def frontend_template_violations() -> set[tuple[str, str]]:
    found = set()
    for path in sorted((ROOT / "frontend" / "templates").rglob("*.html")):
        for match in TEMPLATE_LOAD.finditer(path.read_text(encoding="utf-8")):
            for library in match.group(1).split():
                if library.startswith("wagtail"):
                    found.add((path.relative_to(ROOT).as_posix(), library))
    return found


def test_the_frontend_reads_data_only_through_the_api():
    unexpected = frontend_violations()
    assert not unexpected, (
        "frontend/ reads and writes data only through the GraphQL API (frontend.api.query with "
        "a document of graphql/queries/): no domain app, no cms module but cms.api.views, no "
        f"ORM, Wagtail or models. Extend the API instead (docs/frontend.md): {sorted(unexpected)}"
    )


def test_the_frontend_templates_load_no_wagtail_tags():
    unexpected = frontend_template_violations()
    assert not unexpected, (
        f"frontend templates must not load Wagtail's tag libraries (they read the database): "
        f"{sorted(unexpected)}"
    )


def test_the_frontend_rule_catches_what_it_claims(tmp_path, monkeypatch):
    """The checker on a made-up frontend module: each kind of import is caught or allowed."""
    source = (
        "from cms.api.views import execute_in_process\n"
        "from cms.api import views\n"
        "import json\n"
        "from django.conf import settings\n"
        "from django.utils.translation import gettext as _\n"
        "def f():\n"
        "    from services.models import ServicePage\n"
        "    import search.engine\n"
        "    from cms import roles\n"
        "    from cms.api.schema import schema\n"
        "    from wagtail.models import Page\n"
        "    from django.db.models import Q\n"
        "    from django.contrib.auth.models import Group\n"
        "    from django.contrib.auth import get_user_model\n"
        "    import content.models\n"
    )
    path = tmp_path / "frontend_probe.py"
    path.write_text(source, encoding="utf-8")
    monkeypatch.setitem(MODULES, "frontend.probe", path)
    found = {imported for where, imported in frontend_violations() if where == str(path)}
    assert found == {
        "services.models",
        "search.engine",
        "cms.roles",
        "cms.api.schema",
        "wagtail.models",
        "django.db.models",
        "django.contrib.auth.models",
        "django.contrib.auth.get_user_model",
        "content.models",
    }


# The GraphQL layer of an app (its api/ package) reads the models and the domain rules,
# never the admin: no viewsets, hooks, admin views, panels or choosers.
ADMIN_MODULES = ("viewsets", "wagtail_hooks", "views", "panels", "choosers", "buttons")


def test_the_api_does_not_reach_into_the_admin():
    found = set()
    for name, path in MODULES.items():
        if not name.startswith(("cms.api", "services.api", "policies.api")):
            continue
        for node in ast.walk(_parse(name)):
            if isinstance(node, ast.Import | ast.ImportFrom):
                for imported in imported_names(name, node):
                    parts = imported.split(".")
                    if parts[0] in FIRST_PARTY and parts[-1] in ADMIN_MODULES:
                        found.add((path.relative_to(ROOT).as_posix(), imported))
    assert not found, f"The API imports admin modules: {sorted(found)}"


def test_no_import_cycle_between_first_party_modules():
    assert cycles(import_graph()) == []


# --- The checker checks what it claims ----------------------------------------------------------
def test_cycle_detection_finds_a_circle_and_ignores_a_chain():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
    assert cycles({"a": {"b"}, "b": {"c"}, "c": set()}) == []


def test_imports_in_functions_and_type_checking_are_not_module_level():
    tree = ast.parse(
        "import os\n"
        "from typing import TYPE_CHECKING\n"
        "if TYPE_CHECKING:\n    import json\n"
        "try:\n    import csv\nexcept ImportError:\n    pass\n"
        "class A:\n    import re\n"
        "def f():\n    import sys\n"
    )
    names = {alias.name for node in module_level_imports(tree) for alias in node.names}
    assert names == {"os", "TYPE_CHECKING", "csv", "re"}


def test_the_graph_knows_the_apps():
    graph = import_graph()
    assert "services.models.pages" in graph
    assert "cms.roles" in graph["services.models.pages"]
    # a package's own submodules do not point back to it (it is being imported already)
    assert "services.models" not in graph["services.models.workflows"]
