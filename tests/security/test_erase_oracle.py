"""No oracle on the write paths that take a record id from a user: erasing a record, granting
and re-granting it, asking its owner for information, centring a chart on it, targeting it in
(or sharing it into) an operation, issuing a notice on it. For an id that does not exist and
one that exists but is hidden from the user, the API (status and body), the web page and the
command line (exit code and message) answer the same, the id aside, and never name the owner,
TLP or handling code.

Found: `interlink record erase fr-red --agency ES-DAVA` answered "record fr-red is held by
FR-OFAST; only it may erase" where an absent id read "no record no-such to erase"; a grant of a
hidden record from the sharing page fell out of the form to the generic error page.
"""

from __future__ import annotations

import re
from typing import Any

import pytest

from interlink.cooperation import operations as ops
from interlink.store import Actor
from tests.cli.test_commands import run as run_cli
from tests.security.conftest import DT, World

HIDDEN, ABSENT = "fr-red", "no-such"
TELLS = ("FR-OFAST", "RED", "H2", "AMBER")


def _alike(hidden: str, absent: str) -> None:
    """Two answers read the same once the id asked about is blanked."""
    assert hidden.replace(HIDDEN, "ID") == absent.replace(ABSENT, "ID"), (hidden, absent)


def _same(hidden: Any, absent: Any) -> None:
    """Two HTTP answers: same status (a refusal), same body, no owner or marking told."""
    assert hidden.status_code == absent.status_code, (hidden.text, absent.text)
    assert hidden.status_code >= 400, hidden.text
    _alike(hidden.text, absent.text)
    if hidden.headers["content-type"].startswith("application/json"):  # a page names agencies
        for tell in TELLS:                                                # in its own menus
            assert tell not in hidden.text, hidden.text


def _web(world: World, login: str, path: str, form: dict[str, Any], page: str = "/") -> Any:
    return world.browser(login).post(path, data={**form, "csrf": world.csrf(login, page)},
                                     follow_redirects=False)


@pytest.fixture
def cli(world: World, store_url: str, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]):  # type: ignore[no-untyped-def]
    """The command line on the world's store: (exit code, stdout, stderr)."""
    def run(*args: str) -> tuple[int, str, str]:
        return run_cli(monkeypatch, capsys, store_url, *args)

    return run


def _cli_same(hidden: tuple[int, str, str], absent: tuple[int, str, str]) -> None:
    assert hidden[0] == absent[0] == 1, (hidden, absent)
    _alike(hidden[2], absent[2])
    for tell in TELLS:
        assert tell not in hidden[2], hidden[2]


def test_erasing_another_agencys_record_from_the_command_line(world: World, cli) -> None:  # type: ignore[no-untyped-def]
    erase = lambda rid: cli("record", "erase", rid, "--reason", "court order",  # noqa: E731
                            "--agency", "ES-DAVA")
    _cli_same(erase(HIDDEN), erase(ABSENT))
    assert world.store.get(HIDDEN) is not None  # nothing erased
    # the owner still erases its own record
    code, out, err = cli("record", "erase", HIDDEN, "--reason", "court order",
                         "--agency", "FR-OFAST")
    assert code == 0 and f"erased {HIDDEN}" in out, err
    assert world.store.get(HIDDEN) is None


def test_the_store_itself_erases_alike_for_hidden_and_absent(world: World) -> None:
    """The store's own answer (what any future caller of `erase` passes on) names no owner."""
    from interlink.core.errors import InvalidInput

    actor = Actor("someone", "ES-DAVA")
    answers = []
    for rid in (HIDDEN, ABSENT):
        with pytest.raises(InvalidInput) as refused:
            world.store.erase(rid, actor, "court order")
        answers.append((refused.value.code, str(refused.value)))
    assert answers[0][0] == answers[1][0]
    _alike(answers[0][1], answers[1][1])
    assert not any(tell in answers[0][1] for tell in TELLS)
    assert world.store.get(HIDDEN) is not None


def test_granting_and_regranting_on_every_surface(world: World) -> None:
    _same(world.grant("pepe", HIDDEN, "MA-DGSN"), world.grant("pepe", ABSENT, "MA-DGSN"))
    # a re-grant under a grant the asker names
    _same(world.grant("pepe", HIDDEN, "MA-DGSN", parent="g-1"),
          world.grant("pepe", ABSENT, "MA-DGSN", parent="g-1"))
    # a received record passed on (federation): none received, hidden or absent alike
    regrant = lambda rid: world.api.post(  # noqa: E731
        f"/api/v1/federation/received/{rid}/grants", headers=world.as_("pepe"),
        json={"recipient_agency": "MA-DGSN", "purposes": [DT]})
    _same(regrant(HIDDEN), regrant(ABSENT))
    # the sharing page: the form comes back with the refusal beside the record's field
    web = lambda rid: _web(world, "pepe", "/sharing/grants", {  # noqa: E731
        "record_id": rid, "recipient": "MA-DGSN", "purposes": [DT], "level": "full",
        "reason": "asked by phone"}, "/sharing")
    hidden, absent = web(HIDDEN), web(ABSENT)
    _same(hidden, absent)
    assert hidden.status_code == 404
    assert re.search(r'data-field="record_id"', hidden.text)
    assert f'value="{HIDDEN}"' in hidden.text and 'value="asked by phone"' in hidden.text


def test_asking_for_information_on_every_surface(world: World) -> None:
    api = lambda rid: world.api.post(  # noqa: E731
        "/api/v1/requests", headers=world.as_("pepe"),
        json={"record_id": rid, "purpose": DT, "message": "who is he?"})
    _same(api(HIDDEN), api(ABSENT))
    web = lambda rid: _web(world, "pepe", "/requests",  # noqa: E731
                           {"record_id": rid, "message": "who is he?"})
    _same(web(HIDDEN), web(ABSENT))


def test_centring_a_chart_on_every_surface(world: World) -> None:
    api = lambda rid: world.api.post(  # noqa: E731
        "/api/v1/charts", params={"purpose": DT}, headers=world.as_("pepe"),
        json={"name": "mine", "centres": [rid]})
    _same(api(HIDDEN), api(ABSENT))
    web = lambda rid: _web(world, "pepe", "/chart/save",  # noqa: E731
                           {"name": "mine", "ids": rid, "depth": "1"})
    _same(web(HIDDEN), web(ABSENT))


def test_targeting_in_an_operation_on_every_surface(world: World, cli) -> None:  # type: ignore[no-untyped-def]
    op = ops.create_operation(world.store, Actor("sara", "MA-DGSN"), "Atlas", purposes=[DT])
    api = lambda rid: world.api.post(  # noqa: E731
        f"/api/v1/operations/{op.id}/targets", headers=world.as_("sara"),
        json={"record_id": rid})
    _same(api(HIDDEN), api(ABSENT))
    share = lambda rid: world.api.post(  # noqa: E731 - sharing into it grants to its group
        f"/api/v1/operations/{op.id}/share", headers=world.as_("sara"),
        json={"record_ids": [rid], "purposes": [DT]})
    _same(share(HIDDEN), share(ABSENT))
    web = lambda rid: _web(world, "sara", f"/operations/{op.id}/target",  # noqa: E731
                           {"record_id": rid}, f"/operations/{op.id}")
    _same(web(HIDDEN), web(ABSENT))
    line = lambda rid: cli("operation", "target", op.id, rid, "--agency", "MA-DGSN",  # noqa: E731
                           "--user", "sara")
    _cli_same(line(HIDDEN), line(ABSENT))


def test_issuing_a_notice_on_every_surface(world: World, cli) -> None:  # type: ignore[no-untyped-def]
    api = lambda rid: world.api.post(  # noqa: E731
        "/api/v1/notices", headers=world.as_("sara"),
        json={"type": "red", "subject": rid, "purpose": DT})
    _same(api(HIDDEN), api(ABSENT))
    web = lambda rid: _web(world, "sara", "/notices",  # noqa: E731
                           {"type": "red", "subject": rid, "purpose": DT}, "/notices")
    _same(web(HIDDEN), web(ABSENT))
    line = lambda rid: cli("notice", "issue", "--type", "red", "--subject", rid,  # noqa: E731
                           "--agency", "MA-DGSN", "--purpose", DT, "--user", "sara")
    _cli_same(line(HIDDEN), line(ABSENT))
