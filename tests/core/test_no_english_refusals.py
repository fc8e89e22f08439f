"""No refusal in English words only (issue 15): every domain error carries a message code.

A domain error built from an English sentence (`raise InvalidInput("bad date ...")`) reaches an
Arabic or French reader in English, because `render_error` can only fall back on the words the
service wrote. So this scans every module under `src/interlink` with `ast` and fails, one module
at a time, where:

- a domain error (`DomainError`, `InvalidInput`, `NotFound`, `Forbidden`, `Conflict`, or any class
  of the project that subclasses them, found by the scan) is built from a string written in the
  source (a literal, an f-string, a concatenation or `%`/`.format` of one, or a local name
  assigned one) without a `code=` naming a code of `MESSAGES`;
- a function of the project that builds such an error from one of its parameters is called with
  such a string (a helper `_bad("...")` hides the sentence one call away);
- a domain error is rebuilt from another one's words (`InvalidInput(exc.message, "field")`,
  `InvalidInput(str(exc))`) without passing on its `code=` and parameters;
- a literal code given to `invalid(...)`, `error(cls, ...)` or `code=` is not a key of
  `MESSAGES` (it would render as the code itself).

`NotFound()` with no argument, or with a name (the module's constant of the generic text), is
allowed: a record the viewer may not see reads like an absent one, in the generic words that
`render_error` translates.

That every code of `MESSAGES` has an Arabic and a French translation is asserted by
`tests/web/test_i18n_messages.py` (`test_every_message_and_label_is_translated`,
`test_every_message_code_renders`), not repeated here.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

from interlink.core.messages import MESSAGES

SRC = Path(__file__).resolve().parents[2] / "src" / "interlink"
MODULES = sorted(SRC.rglob("*.py"))
BASES = {"DomainError", "InvalidInput", "NotFound", "Forbidden", "Conflict"}


def _parse(path: Path) -> ast.Module:
    return ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def _name(node: ast.expr) -> str | None:
    """The called name: `X(...)` and `module.X(...)` alike."""
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    return None


def _domain_classes() -> frozenset[str]:
    """The domain error classes: the five of `core.errors` and every project class deriving
    from one of them, to any depth (found by the scan, so a new subclass is covered too)."""
    found = set(BASES)
    edges: list[tuple[str, set[str]]] = []
    for path in MODULES:
        for node in ast.walk(_parse(path)):
            if isinstance(node, ast.ClassDef):
                edges.append((node.name, {n for b in node.bases if (n := _name(b))}))
    return _closure(found, edges)


def _closure(seed: set[str], edges: list[tuple[str, set[str]]]) -> frozenset[str]:
    """`seed` and every class deriving from one of them, to any depth."""
    found = set(seed)
    grew = True
    while grew:
        grew = False
        for cls, bases in edges:
            if cls not in found and bases & found:
                found.add(cls)
                grew = True
    return frozenset(found)


CLASSES = _domain_classes()


def _coded_classes() -> frozenset[str]:
    """Domain error classes whose first argument is the message code itself (their `__init__`
    takes `code` first, e.g. a request's `TransitionRefused`), and their subclasses."""
    coded: set[str] = set()
    edges: list[tuple[str, set[str]]] = []
    for path in MODULES:
        for node in ast.walk(_parse(path)):
            if isinstance(node, ast.ClassDef) and node.name in CLASSES:
                edges.append((node.name, {n for b in node.bases if (n := _name(b))}))
                for item in node.body:
                    if (isinstance(item, ast.FunctionDef) and item.name == "__init__"
                            and len(item.args.args) > 1 and item.args.args[1].arg == "code"):
                        coded.add(node.name)
    return _closure(coded, edges)


CODED = _coded_classes()


def _is_text(node: ast.expr | None, assigned: dict[str, ast.expr], depth: int = 0) -> bool:
    """Whether an expression is a sentence written in the source: a string literal, an
    f-string, a `+` or `%` of one, `"...".format(...)`, or a local name assigned one."""
    if node is None or depth > 5:
        return False
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add | ast.Mod):
        return _is_text(node.left, assigned, depth + 1) or (
            isinstance(node.op, ast.Add) and _is_text(node.right, assigned, depth + 1))
    if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
        return node.func.attr == "format" and _is_text(node.func.value, assigned, depth + 1)
    if isinstance(node, ast.IfExp):
        return (_is_text(node.body, assigned, depth + 1)
                or _is_text(node.orelse, assigned, depth + 1))
    if isinstance(node, ast.Name) and node.id in assigned:
        return _is_text(assigned[node.id], assigned, depth + 1)
    return False


def _is_rewrap(node: ast.expr | None) -> bool:
    """`X(exc.message, ...)` or `X(str(exc), ...)`: another error's words, re-aimed. Without
    `code=exc.code, **exc.params` the reader gets them in English."""
    if isinstance(node, ast.Attribute):
        return node.attr == "message"
    return (isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
            and node.func.id == "str" and len(node.args) == 1
            and isinstance(node.args[0], ast.Name))


def _scopes(tree: ast.Module) -> Iterator[tuple[ast.AST, dict[str, ast.expr]]]:
    """Each function (and the module) with the names it assigns a single value to."""
    functions = [n for n in ast.walk(tree) if isinstance(n, ast.FunctionDef | ast.AsyncFunctionDef)]
    for scope in [*reversed(functions), tree]:  # innermost first: a call is judged in its own
        assigned: dict[str, ast.expr] = {}
        for node in ast.walk(scope):
            if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(
                    node.targets[0], ast.Name):
                assigned[node.targets[0].id] = node.value
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name) and (
                    node.value is not None):
                assigned[node.target.id] = node.value
        yield scope, assigned


def _keyword(call: ast.Call, name: str) -> ast.expr | None:
    return next((k.value for k in call.keywords if k.arg == name), None)


def _has_code(call: ast.Call) -> bool:
    code = _keyword(call, "code")
    return isinstance(code, ast.Constant) and code.value in MESSAGES


def _factories() -> dict[str, int]:
    """Functions that build a domain error from one of their parameters: name -> the index of
    that parameter, so a call `_bad("English ...")` is caught like the error itself."""
    found: dict[str, int] = {}
    for path in MODULES:
        for fn in ast.walk(_parse(path)):
            if not isinstance(fn, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
            if params and params[0] in ("self", "cls"):
                params = params[1:]
            for node in ast.walk(fn):
                if (isinstance(node, ast.Call) and _name(node.func) in CLASSES and node.args
                        and isinstance(node.args[0], ast.Name) and node.args[0].id in params
                        and not _has_code(node)):
                    found[fn.name] = params.index(node.args[0].id)
    return found


FACTORIES = _factories()


def _where(path: Path, node: ast.AST) -> str:
    shown = path.relative_to(SRC.parent) if path.is_relative_to(SRC.parent) else path.name
    return f"{shown}:{getattr(node, 'lineno', '?')}"


def problems(path: Path) -> list[str]:
    """What a module does wrong: each an English refusal or an unknown code, with its line."""
    tree = _parse(path)
    out: list[str] = []
    seen: set[int] = set()
    for _scope, assigned in _scopes(tree):
        for node in ast.walk(_scope):
            if not isinstance(node, ast.Call) or id(node) in seen:
                continue
            name = _name(node.func)
            first = node.args[0] if node.args else _keyword(node, "message")
            if name in CODED:
                if not (isinstance(first, ast.Constant) and first.value in MESSAGES):
                    out.append(f"{_where(path, node)}: {name} needs a known message code first")
                    seen.add(id(node))
            elif name in CLASSES:
                constant = name == "NotFound" and isinstance(first, ast.Name)  # generic text
                if not constant and _is_text(first, assigned) and not _has_code(node):
                    out.append(f"{_where(path, node)}: {name} built from English words, "
                               "without a message code")
                    seen.add(id(node))
                code = _keyword(node, "code")
                if _is_rewrap(first) and code is None:
                    out.append(f"{_where(path, node)}: {name} rebuilt from another error's words "
                               "without its code and parameters")
                    seen.add(id(node))
                if isinstance(code, ast.Constant) and code.value not in MESSAGES:
                    out.append(f"{_where(path, node)}: unknown code {code.value!r}")
                    seen.add(id(node))
            elif name in FACTORIES and name not in ("invalid", "error"):
                index = FACTORIES[name]
                arg = node.args[index] if len(node.args) > index else None
                if _is_text(arg, assigned):
                    out.append(f"{_where(path, node)}: {name}() builds a domain error from "
                               "English words")
                    seen.add(id(node))
            if name in ("invalid", "error"):
                index = 0 if name == "invalid" else 1
                arg = node.args[index] if len(node.args) > index else _keyword(node, "code")
                if isinstance(arg, ast.Constant) and isinstance(arg.value, str) and (
                        arg.value not in MESSAGES):
                    out.append(f"{_where(path, node)}: unknown code {arg.value!r}")
                    seen.add(id(node))
    return sorted(set(out), key=lambda s: (s.split(":")[0], int(s.split(":")[1])))


def test_the_scan_finds_the_domain_errors() -> None:
    """The scan sees the classes and a subclass of the project (else it would pass vacuously)."""
    assert BASES <= CLASSES
    assert "TransitionRefused" in CLASSES or len(CLASSES) > len(BASES)
    # a request's refusals take their code first: checked as codes, not as English words
    assert {"TransitionRefused", "WrongState", "WrongSide"} <= CODED


def test_the_scan_catches_each_way_of_writing_an_english_refusal(tmp_path: Path) -> None:
    """A literal, an f-string, a concatenation, a name assigned a sentence and a helper are each
    caught; a code, `NotFound()` and `NotFound(CONSTANT)` are not."""
    sample = tmp_path / "sample.py"
    sample.write_text(
        "NOT_FOUND = 'no such record'\n"
        "def f(x):\n"
        "    raise InvalidInput('bad')\n"                          # 3
        "def g(x):\n"
        "    raise Conflict(f'bad {x}', 'field')\n"               # 5
        "def h(x):\n"
        "    msg = 'bad ' + x\n"
        "    raise Forbidden(msg)\n"                               # 8
        "def ok(x):\n"
        "    raise InvalidInput('bad', code='invalid_input')\n"
        "def ok2():\n"
        "    raise NotFound()\n"
        "def ok3():\n"
        "    raise NotFound(NOT_FOUND, 'id')\n"
        "def ok4():\n"
        "    raise invalid('request.not_bound', type='eio')\n"
        "def bad_code():\n"
        "    raise invalid('no.such.code')\n"                      # 18
        "def bad_error():\n"
        "    raise error(Conflict, 'no.such.code')\n"              # 20
        "def bad_kw():\n"
        "    raise NotFound('x', code='no.such.code')\n"           # 22
        "def bad_nf():\n"
        "    raise NotFound('no peer ' + 'x')\n"                   # 24
        "def rewrap(exc):\n"
        "    raise InvalidInput(exc.message, 'gender')\n"          # 26
        "def rewrap_ok(exc):\n"
        "    raise InvalidInput(exc.message, 'gender', code=exc.code, **exc.params)\n",
        encoding="utf-8")
    found = problems(sample)
    lines = sorted({int(p.split(":")[1]) for p in found})
    assert lines == [3, 5, 8, 18, 20, 22, 24, 26], found


@pytest.mark.parametrize("path", MODULES, ids=[str(p.relative_to(SRC)) for p in MODULES])
def test_no_english_refusal(path: Path) -> None:
    found = problems(path)
    assert not found, "\n".join(found)


def test_a_refusal_keeps_its_english_words_and_reads_in_arabic_and_french() -> None:
    """The English text is the one the service wrote before it had a code (scripts match on
    it); Arabic and French readers get their own words, the typed value as given."""
    from interlink.core.envelope import parse_date
    from interlink.core.errors import InvalidInput
    from interlink.core.messages import render_error

    with pytest.raises(InvalidInput) as bad:
        parse_date("2026-13-01", "review_by")
    assert str(bad.value) == ("invalid date '2026-13-01' (use ISO 8601, YYYY-MM-DD, years 1 to "
                              "9999)")
    assert bad.value.code == "date.invalid" and bad.value.field == "review_by"
    french = render_error(bad.value, "fr")
    assert french.startswith("date non valide '2026-13-01'"), french
    arabic = render_error(bad.value, "ar")
    assert "تاريخ غير صالح" in arabic and "'2026-13-01'" in arabic


def test_a_segment_refusal_inside_a_file_refusal_reads_in_the_readers_language(
        tmp_path: Path) -> None:
    """A manifest's refusal names the file (never the server's path) and the segment, and the
    segment's reason is translated inside the file's message."""
    from interlink.core.errors import InvalidInput
    from interlink.core.messages import render_error
    from interlink.ingest.paxlst import read_paxlst

    manifest = tmp_path / "bad.edi"
    manifest.write_text("UNH+1+CUSRES:D:02B:UN:IATA'UNT+2+1'", encoding="utf-8")
    with pytest.raises(InvalidInput) as bad:
        read_paxlst(manifest)
    assert str(bad.value) == ("bad.edi: segment 1 (UNH): wrong message type 'CUSRES', "
                              "expected PAXLST")
    assert str(tmp_path) not in str(bad.value)
    french = render_error(bad.value, "fr")
    assert french == ("bad.edi : segment 1 (UNH) : type de message erroné 'CUSRES', "
                      "attendu : PAXLST"), french
    assert "نوع رسالة خاطئ" in render_error(bad.value, "ar")
