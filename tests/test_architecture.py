"""The layout keeps the pipeline's promises: no import cycle between sskit's
modules, and loading a profile (and deriving its facts) imports no renderer."""
from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "sskit"


def _module_graph() -> dict[str, set[str]]:
    mods = {}
    for f in PACKAGE.rglob("*.py"):
        name = ".".join(f.relative_to(PACKAGE.parent).with_suffix("").parts)
        mods[name.removesuffix(".__init__")] = f
    graph: dict[str, set[str]] = {m: set() for m in mods}
    for m, f in mods.items():
        pkg = m if f.name == "__init__.py" else m.rsplit(".", 1)[0]
        for node in ast.walk(ast.parse(f.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    parts = pkg.split(".")
                    base = ".".join(parts[:len(parts) - node.level + 1] + ([base] if base else []))
                targets = [base] + [f"{base}.{a.name}" for a in node.names]
            else:
                continue
            graph[m].update(t for t in targets if t in mods and t != m)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components with more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                found.append(sorted(comp))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def test_no_import_cycle():
    graph = _module_graph()
    assert "sskit.pipeline" in graph and "sskit.facts.derive" in graph
    assert _cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle():
    assert _cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_loading_a_profile_and_its_facts_imports_no_renderer():
    code = ("import sys\n"
            "from sskit.profile import read_profile\n"
            "from sskit.standard import load_catalogue\n"
            "from sskit.facts import derive_facts\n"
            "facts = derive_facts(read_profile(sys.argv[1]), load_catalogue())\n"
            "assert facts.activities['satisfaction_survey'].owner\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markdown_it', 'docx')))\n")
    profile = PACKAGE.parent / "profiles" / "huaxia-appliance.yaml"
    done = subprocess.run([sys.executable, "-c", code, str(profile)], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"


def test_help_and_check_import_no_renderer():
    """`sskit --help` and `sskit check` load no template, Markdown or Word code."""
    profile = PACKAGE.parent / "tests" / "fixtures" / "minimal.yaml"
    code = ("import runpy, sys\n"
            "sys.argv = ['sskit'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('sskit', run_name='__main__')\n"
            "except SystemExit:\n    pass\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('jinja2', 'markdown_it', 'docx')\n"
            "                or m.startswith(('sskit.writers', 'sskit.render', 'sskit.markup', 'sskit.pipeline')))\n"
            "print('LOADED', loaded, file=sys.stderr)\n")
    for args in (["--help"], ["check", str(profile)]):
        done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True)
        assert "LOADED []" in done.stderr, (args, done.stderr[-500:])


def test_a_rebuild_with_nothing_to_do_imports_no_pydantic_and_no_pipeline(tmp_path):
    """The no-change answer reads raw bytes and the manifest's JSON: no profile model, no
    templates, no Markdown or Word code (each costs start-up time a no-change build must not pay)."""
    profile = PACKAGE.parent / "tests" / "fixtures" / "minimal.yaml"
    out = tmp_path / "out"
    first = subprocess.run([sys.executable, "-m", "sskit", "build", str(profile), "-o", str(out), "-q"],
                           capture_output=True, text=True)
    assert first.returncode == 0, first.stderr
    code = ("import runpy, sys\n"
            "sys.argv = ['sskit'] + sys.argv[1:]\n"
            "try:\n    runpy.run_module('sskit', run_name='__main__')\n"
            "except SystemExit as exit:\n    print('EXIT', exit.code, file=sys.stderr)\n"
            "loaded = sorted(m for m in sys.modules if m.split('.')[0] in ('pydantic', 'jinja2', 'markdown_it')\n"
            "                or m.startswith(('sskit.writers', 'sskit.render', 'sskit.markup', 'sskit.pipeline',\n"
            "                                 'sskit.profile.model', 'sskit.output.manifest_schema')))\n"
            "print('LOADED', loaded, file=sys.stderr)\n")
    again = subprocess.run([sys.executable, "-c", code, "build", str(profile), "-o", str(out)],
                           capture_output=True, text=True)
    assert "nothing to do" in again.stderr and "EXIT 0" in again.stderr, again.stderr[-800:]
    assert "LOADED []" in again.stderr, again.stderr[-800:]
