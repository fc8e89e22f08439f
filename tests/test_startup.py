"""Start-up: FtM's model is loaded through LibYAML (interlink/__init__.py) when FtM is first
imported, and must be exactly the model PyYAML's own loader gives; the resolve engine is not
imported by the command line."""

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


def test_ftm_is_imported_when_first_needed_and_its_model_read_through_libyaml() -> None:
    """`import interlink` imports no FtM (a re-ingest of unchanged lines never needs it); the
    first import of FtM, whenever it comes, still reads every schema file through LibYAML,
    and gives `yaml.safe_load` back."""
    code = ("import sys, yaml, interlink\n"
            "assert 'followthemoney' not in sys.modules\n"
            "used = []\n"
            "load = yaml.load\n"
            "def spy(stream, Loader): used.append(Loader); return load(stream, Loader=Loader)\n"
            "yaml.load = spy\n"
            "from interlink.core.model import model\n"
            "fast = sum(l is yaml.CSafeLoader for l in used)\n"
            "print(fast, yaml.safe_load.__module__, model.get('Seizure') is not None)")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[1] / "src")}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         env=env, check=True).stdout.split(maxsplit=1)
    assert int(out[0]) > 50
    # (Interlink's own two schema files, read after FtM's by `core.model`, are PyYAML's)
    assert out[1].strip() == "yaml True"
