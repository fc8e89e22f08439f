"""Data in from the web: a file uploaded and ingested through the pipeline `interlink ingest`
runs (`ingest.pipeline.ingest`: the same readers, dialect detection, staging, checks and audit).

CSV/XLSX need a mapping (which columns are which FtM properties): chosen from the page's
examples, pasted, or built on the page from the file's own header, which the page reads and
shows (with the encoding and separator it found, so a file is never silently misread: a
dialect it cannot tell is refused, and the reader names it). FtM JSON, Interpol notices and
PAXLST manifests need none (a manifest is known by its content). The file stays in the
agency's upload directory until ingested, so a mapping can be built without uploading it again;
the rows refused go to a quarantine report the page offers to download.
"""

from __future__ import annotations

import re
import secrets
import shutil
from pathlib import Path
from typing import Any

import yaml
from fastapi import APIRouter, Depends, Request
from fastapi.responses import FileResponse, Response
from starlette.datastructures import UploadFile

from interlink import settings
from interlink.core.codes import TLP, HandlingCode, Purpose
from interlink.core.envelope import Envelope
from interlink.core.errors import InvalidInput
from interlink.core.limits import file_name
from interlink.core.messages import invalid
from interlink.ingest.formats import FORMATS, reader_for
from interlink.ingest.pipeline import ingest, load_mapping
from interlink.ingest.records_csv import is_records_csv
from interlink.ingest.textfile import detect_delimiter, detect_encoding
from interlink.store import SQLStore
from interlink.web.common import REFUSALS, Typed, get_store, posted, refusal_status, signed_in
from interlink.web.render import page
from interlink.web.session import WebSession

router = APIRouter()
MAX_UPLOAD = 50 * 1024 * 1024
TOKEN = re.compile(r"^[0-9a-f]{32}$")
ENCODINGS = ("utf-8", "utf-16", "windows-1252", "iso-8859-1")
DELIMITERS = ("comma", "semicolon", "tab", "pipe")
#: header words that say which property a column holds (the mapping built from a header)
GUESSES = (("birthDate", ("birth", "dob", "naissance", "nacimiento", "ميلاد")),
           ("nationality", ("nationalit", "جنسية")),
           ("passportNumber", ("passport", "passeport", "pasaporte", "جواز")),
           ("alias", ("alias", "aka", "surnom", "كنية")),
           ("gender", ("gender", "sex", "sexe", "جنس")),
           ("name", ("name", "nom", "nombre", "اسم")))


def _uploads(agency: str) -> Path:
    """The agency's upload directory (beside the store's other state, never in the web root)."""
    return Path(settings.STATE_DIR) / "uploads" / re.sub(r"[^A-Za-z0-9_-]", "_", agency)


def _upload_dir(agency: str, token: str) -> Path:
    if not TOKEN.match(token):
        raise invalid("upload.gone", "file")
    found = _uploads(agency) / token
    if not found.is_dir():
        raise invalid("upload.gone", "file")
    return found


def _uploaded(folder: Path) -> Path:
    files = [p for p in folder.iterdir() if p.is_file() and p.name != "quarantine.csv"
             and not p.name.startswith(".")]
    if len(files) != 1:
        raise invalid("upload.gone", "file")
    return files[0]


def sniff(path: Path, encoding: str | None, delimiter: str | None) -> dict[str, Any]:
    """What the page shows of a CSV before ingesting it: the encoding and the separator (the
    ones chosen, else detected by the pipeline's own detection) and the header's columns."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True)
        try:
            row = next(book.worksheets[0].iter_rows(max_row=1, values_only=True), ())
        finally:
            book.close()
        return {"encoding": "", "delimiter": "", "columns": [str(c) for c in row if c]}
    codec = detect_encoding(path, encoding)
    with path.open(encoding=codec, newline="") as fh:
        lines = [line for _, line in zip(range(20), fh, strict=False)]
    sep = detect_delimiter(path.name, lines, delimiter)
    import csv

    header = next(csv.reader(lines[:1], delimiter=sep), [])
    return {"encoding": codec, "delimiter": sep, "columns": [c.strip() for c in header]}


def mapping_for(columns: list[str]) -> str:
    """A mapping to start from: one Person keyed on the first column, each column whose
    header says what it holds mapped to that property; the reader edits the rest."""
    properties: dict[str, dict[str, str]] = {}
    for column in columns:
        low = column.lower()
        prop = next((p for p, words in GUESSES if any(w in low for w in words)), None)
        if prop and prop not in properties:
            properties[prop] = {"column": column}
    if "name" not in properties and len(columns) > 1:
        properties["name"] = {"column": columns[1]}
    mapping = {"entities": {"person": {"schema": "Person", "keys": columns[:1],
                                       "properties": properties}}}
    return yaml.safe_dump(mapping, allow_unicode=True, sort_keys=False)


def _page(request: Request, session: WebSession, **extra: Any) -> Response:
    status_code = extra.pop("status_code", 200)
    return page(request, "data.html", session, status_code=status_code, formats=FORMATS,
                encodings=ENCODINGS, delimiters=DELIMITERS, tlps=[t.value for t in TLP],
                handlings=[h.value for h in HandlingCode],
                **{"error": "", "typed": Typed(), "report": None, "sniffed": None,
                   "token": "", "filename": "", **extra})


@router.get("/data")
def data_page(request: Request, session: WebSession = Depends(signed_in)) -> Response:
    return _page(request, session)


async def _keep(form: Any, agency: str) -> tuple[str, Path]:
    """The file of this form: uploaded now (kept under a new token), or kept from before."""
    upload = form.get("file")
    if isinstance(upload, UploadFile) and upload.filename:
        name = file_name(Path(upload.filename).name)
        data = await upload.read(MAX_UPLOAD + 1)
        if len(data) > MAX_UPLOAD:
            raise invalid("form.too_large", "file", size=MAX_UPLOAD // 2**20)
        if not data:
            raise invalid("upload.empty", "file", file=name)
        token = secrets.token_hex(16)
        folder = _uploads(agency) / token
        folder.mkdir(parents=True, exist_ok=True)
        (folder / name).write_bytes(data)
        return token, folder / name
    token = str(form.get("token", ""))
    if not token:
        raise invalid("upload.choose", "file")
    return token, _uploaded(_upload_dir(agency, token))


@router.post("/data")
async def upload(request: Request, session: WebSession = Depends(posted),
                 store: SQLStore = Depends(get_store)) -> Response:
    form = await request.form()
    typed = Typed(form, 100_000)
    agency = session.user.agency
    token, path = "", None
    try:
        token, path = await _keep(form, agency)
        fmt = typed.get("format") or None
        encoding = typed.get("encoding") or None
        delimiter = typed.get("delimiter") or None
        mapping_text = typed.get("mapping", "").strip()
        has_mapping = bool(mapping_text)
        # which reader: as the command line chooses, a spreadsheet counted as mapped (the
        # page builds its mapping when none is given), an Interlink export never
        kind, _reader = reader_for(path, has_mapping or not is_records_csv(path), fmt)
        sniffed = None
        if kind == "tabular":
            sniffed = sniff(path, encoding, delimiter)
            if not has_mapping or form.get("build"):
                # a mapping built from the file's header, to check and send again
                typed["mapping"] = mapping_for(sniffed["columns"])
                return _page(request, session, typed=typed, sniffed=sniffed, token=token,
                             filename=path.name)
        mapping = None
        if has_mapping:
            mapping = path.parent / ".mapping.yml"
            mapping.write_text(mapping_text, encoding="utf-8")
            try:  # the pipeline's own check of a mapping, its complaint beside the mapping
                load_mapping(mapping)
            except InvalidInput as exc:
                # the same refusal (code and parameters), beside the mapping field
                raise InvalidInput(exc.message, "mapping", code=exc.code,
                                   **exc.params) from exc
        envelope = Envelope.from_dict({
            "owner": agency, "tlp": typed.get("tlp") or "AMBER",
            "handling": typed.get("handling") or "H0", "conditions": typed.get("conditions", ""),
            "purposes": typed.all("purposes") or [(session.purpose or Purpose.OTHER).value],
            "review_by": typed.get("review_by") or None})
        report = ingest(store, [path], envelope, session.actor, mapping=mapping,
                        strict=bool(form.get("strict")),
                        quarantine=path.parent / "quarantine.csv", source_ref=path.name,
                        fmt=fmt if fmt else ("tabular" if kind == "tabular" else None),
                        encoding=encoding, delimiter=delimiter)
    except REFUSALS as exc:  # the form again as filled, the file kept, the error beside it
        return _page(request, session, error=exc, typed=typed, token=token,
                     filename=path.name if path else "", status_code=refusal_status(exc))
    quarantined = bool(report.errors)
    # the file itself is no longer needed; the quarantine report stays for its download
    path.unlink(missing_ok=True)
    if not quarantined:
        shutil.rmtree(path.parent, ignore_errors=True)
    return _page(request, session, report=report, kind=kind, sniffed=sniffed,
                 token=token if quarantined else "", filename=path.name)


@router.get("/data/{token}/quarantine.csv")
def quarantine(request: Request, token: str, session: WebSession = Depends(signed_in)
               ) -> Response:
    """The rows an upload refused, for its agency only (another agency's token: not found)."""
    try:
        found = _upload_dir(session.user.agency, token) / "quarantine.csv"
    except InvalidInput:
        found = None
    if found is None or not found.is_file():
        return page(request, "error.html", session, status_code=404, message_key="not_found")
    return FileResponse(found, media_type="text/csv", filename="quarantine.csv")

