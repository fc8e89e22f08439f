"""Start-up: FtM's model is loaded through LibYAML (interlink/__init__.py) and must be exactly
the model PyYAML's own loader gives; the resolve engine is not imported by the command line."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import followthemoney
import yaml


def test_libyaml_reads_every_ftm_schema_file_as_pyyaml_does() -> None:
    root = Path(followthemoney.__file__).parent / "schema"
    files = sorted(root.rglob("*.y*ml"))
    assert len(files) > 50
    for path in files:
        text = path.read_text("utf-8")
        assert yaml.load(text, Loader=yaml.CSafeLoader) == yaml.load(text, Loader=yaml.SafeLoader)


def test_yaml_safe_load_is_given_back_untouched() -> None:
    import interlink  # noqa: F401

    assert yaml.safe_load.__module__ == "yaml"


def test_the_command_line_does_not_import_the_resolve_engine() -> None:
    code = ("import sys, interlink.cli.main; "
            "print(any(m.startswith('interlink.resolve.engine') for m in sys.modules))")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.strip()
    assert out == "False"
