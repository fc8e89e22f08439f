"""Paging, sorting and filtering of every list of the interface, in one place.

A list's state lives in its page's address (`?page=2&sort=name&desc=0&country=MA&type=Person
&since=2026-01-01&until=2026-03-31`), so a reader can bookmark it, go back, and share it with a
colleague. A page holding several lists gives each a prefix (`due.page`, `alerts.sort`...), and
every link a list draws keeps the other lists' and the page's own parameters.

`Listing.of(request, ...)` reads (and bounds) those parameters; `Listing.arrange(items, ...)`
filters, sorts and cuts one page out of an in-memory list, before anything is disclosed (the
access layer names in its audit entry only what a page shows); lists read page by page from the
database (the audit log) use `offset`/`limit` directly. The templates draw the links with the
`pager`, `sort_link` and `list_filters` macros (templates/macros.html).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, datetime
from typing import Any, Generic, TypeVar
from urllib.parse import urlencode

from fastapi import Request
from followthemoney import model, registry

T = TypeVar("T")

#: page sizes a reader may choose; the first is the default
SIZES = (20, 50, 100)
FILTERS = ("country", "type", "since", "until")
#: a page number beyond this is refused quietly (the last page is shown instead)
MAX_PAGE = 10_000


def _day(value: str) -> date | None:
    try:
        return date.fromisoformat(value.strip()[:10]) if value.strip() else None
    except ValueError:
        return None


def _as_day(value: Any) -> date | None:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return _day(str(value)) if value else None


@dataclass(frozen=True)
class Listing:
    """One list's page, page size, sort and filters, as its page's address gives them."""

    path: str
    query: Mapping[str, str]  # every parameter of the address (other lists' included)
    prefix: str
    sorts: tuple[str, ...]
    page: int = 1
    per: int = SIZES[0]
    sort: str = ""
    desc: bool = True
    country: str = ""
    type: str = ""
    since: date | None = None
    until: date | None = None

    @classmethod
    def of(cls, request: Request, sorts: Sequence[str], default: str | None = None,
           desc: bool = True, prefix: str = "") -> Listing:
        """The list's state from the address; anything out of bounds falls back to the
        default rather than failing the page."""
        q = dict(request.query_params)

        def get(name: str) -> str:
            return q.get(prefix + name, "").strip()

        page = int(get("page")) if get("page").isdigit() else 1
        per = int(get("per")) if get("per").isdigit() and int(get("per")) in SIZES else SIZES[0]
        sort = get("sort") if get("sort") in sorts else (default or (sorts[0] if sorts else ""))
        direction = get("desc")
        return cls(request.url.path, q, prefix, tuple(sorts), min(max(page, 1), MAX_PAGE), per,
                   sort, desc if direction not in ("0", "1") else direction == "1",
                   get("country").upper()[:2], get("type")[:64], _day(get("since")),
                   _day(get("until")))

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.per

    @property
    def filtered(self) -> bool:
        return bool(self.country or self.type or self.since or self.until)

    def name(self, param: str) -> str:
        """The address parameter of this list's `param` (with the list's prefix)."""
        return self.prefix + param

    def url(self, **changes: Any) -> str:
        """This page's address with some of this list's parameters changed (None removes)."""
        q = dict(self.query)
        q.pop("lang", None)  # the language is the cookie's once chosen
        for key, value in changes.items():
            if value is None or value == "":
                q.pop(self.prefix + key, None)
            else:
                q[self.prefix + key] = str(value)
        return self.path + ("?" + urlencode(q) if q else "")

    def page_url(self, page: int) -> str:
        return self.url(page=page if page > 1 else None)

    def sort_url(self, key: str) -> str:
        """Sorting by `key`; the same key again reverses the order. Back to the first page."""
        desc = not self.desc if key == self.sort else True
        return self.url(sort=key, desc=int(desc), page=None)

    def hidden(self, *keep_own: str) -> list[tuple[str, str]]:
        """The address's parameters a filter form must carry along: the other lists' and the
        page's own, and of this list only `keep_own` (its page starts over)."""
        own = {self.prefix + f for f in (*FILTERS, "page", "per", "sort", "desc")}
        keep = {self.prefix + k for k in keep_own}
        return sorted((k, v) for k, v in self.query.items()
                      if k != "lang" and (k not in own or k in keep))

    def arrange(self, items: Iterable[T], keys: Mapping[str, Callable[[T], Any]],
                country: Callable[[T], Iterable[str]] | None = None,
                type: Callable[[T], str] | None = None,
                when: Callable[[T], Any] | None = None) -> Paged[T]:
        """Filter (by the functions given for this list), sort by the chosen key (missing
        values last whichever the direction), and cut out the page asked for."""
        chosen = list(items)
        if self.country and country is not None:
            chosen = [i for i in chosen if self.country in {c.upper() for c in country(i)}]
        if self.type and type is not None:
            chosen = [i for i in chosen if type(i) == self.type]
        if (self.since or self.until) and when is not None:
            def inside(item: T) -> bool:
                day = _as_day(when(item))
                return day is not None and (self.since is None or day >= self.since) and (
                    self.until is None or day <= self.until)
            chosen = [i for i in chosen if inside(i)]
        key = keys.get(self.sort)
        if key is not None:
            present = [i for i in chosen if key(i) not in (None, "")]
            absent = [i for i in chosen if key(i) in (None, "")]
            present.sort(key=lambda i: _sortable(key(i)), reverse=self.desc)
            chosen = present + absent
        return self.paged(chosen, len(chosen))

    def paged(self, items: Sequence[T], total: int | None) -> Paged[T]:
        """A page of `items`. With `total`, `items` is the whole list and the page is cut out
        of it (a page past the end shows the last one); with None, `items` was read from
        `offset` with a limit of `per + 1`, the extra one telling that a next page exists."""
        if total is None:
            return Paged(list(items[:self.per]), None, self, len(items) > self.per)
        listing = self
        if self.page > 1 and self.offset >= total:
            listing = replace(self, page=max(1, -(-total // self.per)))
        shown = items[listing.offset:listing.offset + listing.per]
        return Paged(list(shown), total, listing, listing.offset + len(shown) < total)


def _sortable(value: Any) -> Any:
    """Strings sort without regard to case; dates and datetimes as ISO text, so mixed values
    of one column still compare."""
    if isinstance(value, str):
        return value.casefold()
    if isinstance(value, datetime | date):
        return value.isoformat()
    return value


@dataclass(frozen=True)
class Paged(Generic[T]):
    """One page of a list, how many in the whole (filtered) list when counted, whether more
    follow, and how it was asked for."""

    items: list[T]
    total: int | None
    listing: Listing
    more: bool

    @property
    def pages(self) -> int | None:
        return max(1, -(-self.total // self.listing.per)) if self.total is not None else None

    @property
    def first(self) -> int:
        return self.listing.offset + 1 if self.items else 0

    @property
    def last(self) -> int:
        return self.listing.offset + len(self.items)

    def __iter__(self) -> Iterator[T]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def __bool__(self) -> bool:
        return bool(self.items)


def record_countries(schema: str, properties: Mapping[str, Sequence[str]]) -> list[str]:
    """The countries a record names (every property of FtM's country type: nationality,
    jurisdiction, country...), for the country filter of record lists."""
    found = model.get(schema)
    if found is None:
        return []
    return [v for prop, values in properties.items()
            if (p := found.get(prop)) is not None and p.type == registry.country
            for v in values]
