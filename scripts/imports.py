"""Count the package's modules, the import arrows between them and the circles.

Usage: python scripts/imports.py [PACKAGE_DIR] [--arrows] [--units N]

An arrow is one module importing another module of the package (any
`import`/`from` statement, at module level or inside a function); a circle is
a strongly connected set of more than one module. "Rooms" are the folders
holding modules. `--units N` lists the N longest functions and classes.
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path


def module_name(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def resolve(node: ast.ImportFrom, current: str, is_package: bool) -> str:
    if node.level == 0:
        return node.module or ""
    base = current.split(".")
    if not is_package:
        base = base[:-1]
    base = base[: len(base) - (node.level - 1)]
    return ".".join(base + ([node.module] if node.module else []))


def arrows(root: Path) -> dict[str, set[str]]:
    modules = {module_name(p, root): p for p in root.rglob("*.py")}
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for name, path in modules.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            targets: list[str] = []
            if isinstance(node, ast.Import):
                targets = [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = resolve(node, name, path.name == "__init__.py")
                targets = [f"{base}.{a.name}" for a in node.names] + [base]
            for target in targets:
                # The longest module name that the target starts with.
                while target and target not in modules:
                    target = target.rpartition(".")[0]
                if target and target != name:
                    graph[name].add(target)
    # `from . import x` also names the package itself: keep only the module.
    for name, targets in graph.items():
        subs = {t for t in targets if any(o.startswith(t + ".") for o in targets)}
        graph[name] = targets - subs if subs else targets
    return graph


def circles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on: set[str] = set()
    found: list[list[str]] = []
    sys.setrecursionlimit(10_000)

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return found


def units(root: Path) -> list[tuple[int, str, str]]:
    found = []
    for path in sorted(root.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                assert node.end_lineno is not None
                kind = "class" if isinstance(node, ast.ClassDef) else "def"
                size = node.end_lineno - node.lineno + 1
                found.append((size, kind, f"{path.relative_to(root.parent)}:{node.name}"))
    return sorted(found, reverse=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("package", nargs="?", default="briefing", type=Path)
    parser.add_argument("--arrows", action="store_true", help="list every arrow")
    parser.add_argument("--units", type=int, default=0, help="list the N longest units")
    args = parser.parse_args()
    root = args.package.resolve()
    graph = arrows(root)
    rooms = {p.parent for p in root.rglob("*.py")}
    modules = [m for m in graph if not m.endswith("__main__")]
    count = sum(len(t) for t in graph.values())
    print(f"modules {len(modules)}  rooms {len(rooms)}  import arrows {count}")
    for component in circles(graph):
        print("circle: " + " <-> ".join(component))
    if args.arrows:
        for name in sorted(graph):
            for target in sorted(graph[name]):
                print(f"  {name} -> {target}")
    if args.units:
        print(f"{'lines':>5}  kind   unit")
        for size, kind, where in units(root)[: args.units]:
            print(f"{size:>5}  {kind:<5}  {where}")


if __name__ == "__main__":
    main()
