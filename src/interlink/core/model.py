"""The FollowTheMoney model with Interlink's Seizure and Arrest schemata loaded into it.

FtM resolves schemata through its singleton (`Model.instance()`, used by `EntityProxy.from_dict`
and by pickling), so a separate model object would not be seen by FtM's own code. Loading our
YAML into the singleton and re-running FtM's `generate()` keeps one model that both FtM and
Interlink use. `generate()` only fills sets and dicts, so running it again is harmless.
"""

from __future__ import annotations

from pathlib import Path

from followthemoney import model as _ftm_model
from followthemoney.model import Model

SCHEMA_DIR = Path(__file__).parent / "schema"
EXTRA_SCHEMATA = ("Seizure", "Arrest")


def _extend(ftm: Model) -> Model:
    if all(name in ftm.schemata for name in EXTRA_SCHEMATA):
        return ftm
    for path in sorted(SCHEMA_DIR.glob("*.yaml")):
        ftm._load(str(path))
    ftm.generate()
    return ftm


model: Model = _extend(_ftm_model)
assert Model.instance() is model
