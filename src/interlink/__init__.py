"""Interlink: cross-border cooperation against trafficking networks."""

from __future__ import annotations

import sys
from typing import Any

__version__ = "0.1.0"


class _FtmModelWithLibYAML:
    """FollowTheMoney reads its ~70 schema files with PyYAML's pure-Python `safe_load` when it
    is first imported: a third of a second of every start-up that imports it, paid eight
    times by an eight-file ingest. LibYAML's safe loader (same YAML, same Python objects; see
    tests/test_startup.py) does it several times faster, so FtM's package is executed with
    it, and `yaml.safe_load` is given back untouched for everyone else.

    Done when FtM is first imported, not here: a command that never needs FtM (a re-ingest
    whose every line the store already holds, `ingest.lines`) does not pay for importing it
    (half a second, its `dataset` package and pydantic included). A finder on
    `sys.meta_path` that steps aside after that one import."""

    def find_spec(self, name: str, path: Any = None, target: Any = None) -> Any:
        if name != "followthemoney":
            return None
        from importlib.util import find_spec

        sys.meta_path.remove(self)  # once: the spec below is found by the other finders
        spec = find_spec(name)
        loader = getattr(spec, "loader", None)
        if loader is not None and hasattr(loader, "exec_module"):
            loader.exec_module = _with_libyaml(loader.exec_module)
        return spec


def _with_libyaml(exec_module: Any) -> Any:
    def run(module: Any) -> None:
        import yaml

        if not getattr(yaml, "__with_libyaml__", False):
            exec_module(module)
            return
        original = yaml.safe_load

        def fast(stream):  # type: ignore[no-untyped-def]
            return yaml.load(stream, Loader=yaml.CSafeLoader)  # noqa: S506 (a safe loader)

        yaml.safe_load = fast
        try:
            exec_module(module)
        finally:
            yaml.safe_load = original

    return run


if "followthemoney" not in sys.modules and not any(
        isinstance(f, _FtmModelWithLibYAML) for f in sys.meta_path):
    sys.meta_path.insert(0, _FtmModelWithLibYAML())
