"""Where the installed front-end packages are: `node_modules` of the checkout (from `npm ci`),
or the directory named by INTERLINK_WEB_ASSETS. Missing assets are reported when the server
starts, not discovered by a user as a broken chart."""

from __future__ import annotations

from pathlib import Path

from interlink import settings

STATIC = Path(__file__).parent / "static"
#: npm package -> the directory of it that is served.
VENDOR = {"cytoscape": "cytoscape/dist"}


def node_modules() -> Path | None:
    if settings.WEB_ASSETS:
        return Path(settings.WEB_ASSETS)
    for base in (Path(__file__).resolve().parents[3], Path.cwd()):
        candidate = base / "node_modules"
        if (candidate / "cytoscape").is_dir():
            return candidate
    return None
