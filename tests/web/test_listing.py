"""The one paging, sorting and filtering helper of the lists (web/listing.py)."""

from __future__ import annotations

from datetime import date
from urllib.parse import parse_qs, urlsplit

from starlette.requests import Request

from interlink.web.listing import Listing, record_countries


def _request(query: str, path: str = "/screen") -> Request:
    return Request({"type": "http", "method": "GET", "path": path,
                    "query_string": query.encode(), "headers": []})


ROWS = [{"n": f"name {i:02d}", "score": i / 10, "type": "a" if i % 2 else "b",
         "day": date(2026, 1, 1 + i), "cc": ["MA"] if i < 5 else ["FR"]} for i in range(12)]
KEYS = {"score": lambda r: r["score"], "name": lambda r: r["n"]}


def _arrange(query: str, prefix: str = ""):  # type: ignore[no-untyped-def]
    listing = Listing.of(_request(query), tuple(KEYS), "score", prefix=prefix)
    return listing.arrange(ROWS, KEYS, type=lambda r: r["type"], when=lambda r: r["day"],
                           country=lambda r: r["cc"])


def test_sorts_filters_and_pages_from_the_address() -> None:
    page = _arrange("per=20")
    assert [r["score"] for r in page][:3] == [1.1, 1.0, 0.9] and page.total == 12
    assert not page.more and page.pages == 1
    by_name = _arrange("sort=name&desc=0")
    assert [r["n"] for r in by_name][:2] == ["name 00", "name 01"]
    typed = _arrange("type=a&country=fr&since=2026-01-07&until=2026-01-10")
    assert [r["n"] for r in typed] == ["name 09", "name 07"]  # a, FR, days 7..10
    assert typed.listing.filtered


def test_pages_and_their_links_keep_the_other_parameters() -> None:
    listing = Listing.of(_request("q=ali&new_page=2&done_sort=score&lang=ar"), ("score",),
                         prefix="new_")
    assert listing.page == 2
    rows = list(range(45))
    page = listing.paged(rows, len(rows))
    assert page.items == list(range(20, 40)) and page.more and page.pages == 3
    assert (page.first, page.last) == (21, 40)
    nxt = parse_qs(urlsplit(listing.page_url(3)).query)
    assert nxt == {"q": ["ali"], "new_page": ["3"], "done_sort": ["score"]}  # no lang
    assert "new_page" not in listing.page_url(1)
    # sorting again by the same key reverses it, and starts from the first page
    again = parse_qs(urlsplit(listing.sort_url("score")).query)
    assert again["new_desc"] == ["0"] and "new_page" not in again
    # a filter form carries the other lists' parameters, not this list's page
    assert ("done_sort", "score") in listing.hidden() and all(
        k != "new_page" for k, _ in listing.hidden())


def test_out_of_bounds_values_fall_back_instead_of_failing() -> None:
    listing = Listing.of(_request("page=-3&per=7&sort=drop&since=yesterday"), ("score",))
    assert (listing.page, listing.per, listing.sort, listing.since) == (1, 20, "score", None)
    far = Listing.of(_request("page=99"), ("score",)).paged(list(range(30)), 30)
    assert far.listing.page == 2 and far.items == list(range(20, 30))  # the last page
    # read page by page from a database: per + 1 rows tell that a next page exists
    read = Listing.of(_request("page=2"), ()).paged(list(range(21)), None)
    assert read.more and len(read) == 20 and read.total is None
    assert not Listing.of(_request(""), ()).paged(list(range(5)), None).more


def test_missing_values_sort_last_either_way() -> None:
    rows = [{"d": "2026-02-01"}, {"d": ""}, {"d": "2026-01-01"}]
    for desc in ("0", "1"):
        page = Listing.of(_request(f"desc={desc}"), ("d",)).arrange(rows, {"d": lambda r: r["d"]})
        assert page.items[-1]["d"] == ""


def test_countries_of_a_record_come_from_its_country_properties() -> None:
    assert sorted(record_countries("Person", {"nationality": ["ma"], "name": ["x"],
                                              "country": ["fr"]})) == ["fr", "ma"]
    assert record_countries("NoSuchSchema", {"country": ["fr"]}) == []
