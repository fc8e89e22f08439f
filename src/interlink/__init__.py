"""Interlink: cross-border cooperation against trafficking networks."""

__version__ = "0.1.0"


def _load_ftm_model_with_libyaml() -> None:
    """FollowTheMoney reads its ~70 schema files with PyYAML's pure-Python `safe_load` when it
    is first imported: a third of a second of every `interlink` command's start-up, paid eight
    times by an eight-file ingest. LibYAML's safe loader (same YAML, same Python objects; see
    tests/test_startup.py) does it several times faster, so FtM is imported here once with it,
    and `yaml.safe_load` is given back untouched for everyone else."""
    import yaml

    if not getattr(yaml, "__with_libyaml__", False):
        return
    original = yaml.safe_load

    def fast(stream):  # type: ignore[no-untyped-def]
        return yaml.load(stream, Loader=yaml.CSafeLoader)  # noqa: S506 (a safe loader)

    yaml.safe_load = fast
    try:
        import followthemoney  # noqa: F401
    finally:
        yaml.safe_load = original


_load_ftm_model_with_libyaml()
