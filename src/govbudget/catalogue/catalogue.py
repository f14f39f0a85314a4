"""The catalogue: official names of codes by year, their tree, search, diff and mapping.

>>> from govbudget.catalogue import Catalogue
>>> catalogue = Catalogue()
>>> catalogue.lookup("2010107", 2020).name
'人大代表履职能力提升'
>>> [str(e) for e in catalogue.ancestors("2010107", 2020)]
['201 一般公共服务支出', '20101 人大事务']
>>> [str(e) for e in catalogue.to_gov("30101", 2020)]
['50101 工资奖金津补贴']
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

import attrs

from govbudget.catalogue._files import YearFile, read_changes, read_year, shipped_years
from govbudget.catalogue.entry import Change, Entry, Match, Rename, YearDiff
from govbudget.catalogue.inference import blocking, infer
from govbudget.catalogue.sighting import Harvest, name_key
from govbudget.catalogue.user import UserList
from govbudget.codes import (
    Code,
    DeptEconomicCode,
    FunctionCode,
    GovEconomicCode,
    Scheme,
    parse_code,
)
from govbudget.errors import CodeError, UnknownCodeError

__all__ = ["Catalogue"]

_CLASSES: dict[Scheme, type[FunctionCode] | type[DeptEconomicCode] | type[GovEconomicCode]] = {
    Scheme.FUNCTIONAL: FunctionCode,
    Scheme.DEPT_ECONOMIC: DeptEconomicCode,
    Scheme.GOV_ECONOMIC: GovEconomicCode,
}
_HOW_RANK = {"code": 0, "exact": 1, "substring": 2, "fuzzy": 3}


class _Year:
    """One scheme's entries for one year, indexed for O(1) lookups."""

    def __init__(self, entries: dict[str, Entry], maps_to: dict[str, tuple[str, ...]]) -> None:
        self.entries = entries
        self.maps_to = maps_to
        self.children: dict[str, list[Entry]] = {}
        for digits in sorted(entries):
            parent = entries[digits].code.parent
            if parent is not None:
                self.children.setdefault(parent.digits, []).append(entries[digits])


#: A verified name: (name, source, evidence).
_Named = tuple[str, str, tuple[str, ...]]


class Catalogue:
    """Official names by scheme, code and year: the shipped data, with a user's sources over it.

    The shipped data is read on first use of a scheme (one small file a year, package
    data) and cached; lookups are dictionary lookups. A catalogue is immutable:
    :meth:`with_user_list` and :meth:`with_harvest` return a new one. It implements the
    :class:`~govbudget.checks.registry.Names` protocol, so ``check(disclosure,
    names=Catalogue())`` runs rule ``catalogue.code``.

    Every entry is *verified* (a source prints the name that year) or *inferred* (the
    same name is verified in a year before and a year after, and no known change lies
    between: see :mod:`govbudget.catalogue.inference`). The shipped data lists only
    what a source verifies (see :doc:`/howto/catalogue`); a code it does not list for a
    year may still be official.

    Args:
        user_lists: Lists read by :func:`~govbudget.catalogue.read_user_list`, applied in
            order over the shipped data (a later list wins over an earlier one).
        harvests: Harvests of a user's documents (:func:`govbudget.harvest.harvest` or
            :func:`~govbudget.catalogue.read_harvest`): their names fill the codes and
            years the shipped data lacks (where they disagree with it, the shipped
            name stays, and ``govbudget catalogue harvest`` reports the conflict).

    .. versionadded:: 0.1
    .. versionchanged:: 0.3
       ``harvests``, inferred entries.
    """

    def __init__(
        self, user_lists: Iterable[UserList] = (), harvests: Iterable[Harvest] = ()
    ) -> None:
        self._user_lists = tuple(user_lists)
        self._harvests = tuple(harvests)
        self._cache: dict[tuple[Scheme, int], _Year] = {}
        self._index: dict[Scheme, dict[str, dict[int, Entry]]] = {}

    def with_user_list(self, user_list: UserList) -> Catalogue:
        """A catalogue with *user_list* merged over this one for its year (its names win).

        The entries it names take its names and the source ``"user file <path>"``; codes it
        does not name keep the shipped names.
        """
        return Catalogue((*self._user_lists, user_list), self._harvests)

    def with_harvest(self, harvest: Harvest) -> Catalogue:
        """A catalogue with the names of *harvest* filling the codes and years it lacks.

        .. versionadded:: 0.3
        """
        return Catalogue(self._user_lists, (*self._harvests, harvest))

    # -- years and loading -------------------------------------------------------------

    def years(self, scheme: Scheme = Scheme.FUNCTIONAL) -> tuple[int, ...]:
        """The years this catalogue has a list for (shipped, a user's file or a harvest)."""
        user = {u.year for u in self._user_lists}
        for harvest in self._harvests:
            user.update(s.year for s in harvest.sightings if s.scheme is scheme)
        return tuple(sorted(set(shipped_years(scheme)) | user))

    def is_partial(self, scheme: Scheme, year: int) -> bool:
        """Whether the list of *scheme* for *year* holds only verified codes, not all.

        A year with a user's list is taken as complete.
        """
        if any(u.year == year for u in self._user_lists):
            return False
        shipped = read_year(scheme, year)
        return shipped is None or shipped.partial

    def _verified(self, scheme: Scheme) -> dict[str, dict[int, _Named]]:
        """Every verified name of *scheme*: code → year → (name, source, evidence)."""
        found: dict[str, dict[int, _Named]] = {}
        for year in shipped_years(scheme):
            shipped = read_year(scheme, year)
            if shipped is None:  # pragma: no cover - listed years have files
                continue
            for digits, name in shipped.names.items():
                evidence = shipped.evidence.get(digits, (shipped.sources[digits],))
                found.setdefault(digits, {})[year] = (name, shipped.sources[digits], evidence)
        for harvest in self._harvests:
            for (digits, year), named in _harvested(harvest, scheme).items():
                found.setdefault(digits, {}).setdefault(year, named)
        leading = _CLASSES[scheme].leading
        for user in self._user_lists:
            for digits, name in user.names:
                if digits[:1] == leading:
                    found.setdefault(digits, {})[user.year] = (name, user.source, (user.source,))
        return found

    def _scheme(self, scheme: Scheme) -> dict[str, dict[int, Entry]]:
        """Every entry of *scheme*, verified and inferred: code → year → entry."""
        index = self._index.get(scheme)
        if index is not None:
            return index
        cls = _CLASSES[scheme]
        # a user's list is the whole list of its year: nothing is inferred into it
        covered = set(self.years(scheme)) - {u.year for u in self._user_lists}
        changes = read_changes()
        index = {}
        for digits, named in self._verified(scheme).items():
            code = cls(digits)
            inferred: dict[int, Entry] = {}
            names = {year: value[0] for year, value in named.items()}
            for year, before, after in infer(names, scheme, digits, changes):
                if year not in covered:
                    continue
                name = named[after][0]
                inferred[year] = Entry(
                    code,
                    name,
                    year,
                    f"inferred: {name} is verified in {before} and {after}, "
                    "with no known change between",
                    status="inferred",
                    evidence=(
                        *(f"{before}: {line}" for line in named[before][2]),
                        *(f"{after}: {line}" for line in named[after][2]),
                    ),
                    inferred_from=(before, after),
                )
            verified_years = tuple(sorted(named))
            inferred_years = tuple(sorted(inferred))
            entries = {
                year: Entry(code, name, year, source, evidence=evidence)
                for year, (name, source, evidence) in named.items()
            }
            entries.update(inferred)
            index[digits] = {
                year: attrs.evolve(e, years=verified_years, inferred_years=inferred_years)
                for year, e in sorted(entries.items())
            }
        self._index[scheme] = index
        return index

    def _year(self, scheme: Scheme, year: int) -> _Year:
        key = (scheme, year)
        cached = self._cache.get(key)
        if cached is not None:
            return cached
        entries = {
            digits: by_year[year]
            for digits, by_year in self._scheme(scheme).items()
            if year in by_year
        }
        shipped: YearFile | None = read_year(scheme, year)
        maps_to = dict(shipped.maps_to) if shipped is not None else {}
        built = _Year(entries, maps_to)
        self._cache[key] = built
        return built

    def _code_years(self, scheme: Scheme, digits: str) -> tuple[int, ...]:
        """The years that answer for *digits*, verified or inferred."""
        return tuple(self._scheme(scheme).get(digits, {}))

    def renames(self, scheme: Scheme | None = None) -> tuple[Change, ...]:
        """The known renames (a code keeps its digits, takes a new name), with their sources.

        >>> for change in Catalogue().renames(Scheme.FUNCTIONAL)[:2]:
        ...     print(change)
        207 文化体育与传媒支出 → 文化旅游体育与传媒支出 (from 2019)
        210 医疗卫生与计划生育支出 → 卫生健康支出 (from 2019)

        .. versionadded:: 0.3
        """
        return tuple(
            c
            for c in read_changes()
            if c.kind == "rename" and (scheme is None or c.scheme is scheme)
        )

    def changes(self, scheme: Scheme | None = None) -> tuple[Change, ...]:
        """Every known change: renames and reforms (a scheme redrawn in a year).

        .. versionadded:: 0.3
        """
        return tuple(c for c in read_changes() if scheme is None or c.scheme is scheme)

    def former_name(self, code: Code | str, name: str, year: int) -> Change | None:
        """The known rename that retired *name* for *code* before *year*, if any.

        For a review rule: a document of *year* that prints the old name of a renamed
        code prints a name out of date.

        >>> str(Catalogue().former_name("210", "医疗卫生与计划生育支出", 2024))
        '210 医疗卫生与计划生育支出 → 卫生健康支出 (from 2019)'

        .. versionadded:: 0.3
        """
        parsed = self._code(code)
        key = name_key(name)
        for change in self.renames(parsed.scheme):
            if (
                change.code == parsed.digits
                and name_key(change.old) == key
                and year >= change.last_possible
            ):
                return change
        return None

    def is_verified(self, code: Code, year: int) -> bool:
        """Whether a source prints *code*'s name in *year* (not inferred, not missing).

        .. versionadded:: 0.3
        """
        entry = self._year(code.scheme, year).entries.get(code.digits)
        return entry is not None and entry.verified

    # -- lookups -----------------------------------------------------------------------

    @staticmethod
    def _code(code: Code | str) -> Code:
        return parse_code(code) if isinstance(code, str) else code

    def get(self, code: Code | str, year: int) -> Entry | None:
        """The entry of *code* in *year*, or ``None`` when that year does not list it.

        Raises:
            CodeError: When *code* is text that is not a valid code.
        """
        parsed = self._code(code)
        return self._year(parsed.scheme, year).entries.get(parsed.digits)

    def lookup(self, code: Code | str, year: int | None = None) -> Entry:
        """The entry of *code* in *year* (default: the latest year that lists it).

        >>> Catalogue().lookup("210", 2018).name
        '医疗卫生与计划生育支出'

        Raises:
            UnknownCodeError: When *year* does not list the code; the message says which
                years do and suggests close codes and names.
            CodeError: When *code* is text that is not a valid code.
        """
        parsed = self._code(code)
        years = self._code_years(parsed.scheme, parsed.digits)
        if year is None and years:
            year = years[-1]
        entry = self.get(parsed, year) if year is not None else None
        if entry is not None:
            return entry
        raise self._unknown(parsed, year, years)

    def _unknown(self, code: Code, year: int | None, years: tuple[int, ...]) -> UnknownCodeError:
        scheme = code.scheme
        covered = self.years(scheme)
        if year is not None and year not in covered:
            where = f"the catalogue has no {year} list of {scheme.value} (it has {_span(covered)})"
        elif year is not None:
            where = f"{code} is not in the {year} catalogue of {scheme.value}"
        else:
            where = f"{code} is in no year of the catalogue of {scheme.value}"
        if years and year is not None:
            where += f"; it is listed in {_span(years)}"
        pool_year = year if year in covered else (covered[-1] if covered else None)
        suggestions: tuple[str, ...] = ()
        if pool_year is not None:
            pool = self._year(scheme, pool_year).entries
            close = difflib.get_close_matches(code.digits, list(pool), n=3, cutoff=0.6)
            suggestions = tuple(str(pool[d]) for d in close)
        if suggestions:
            where += f"; did you mean {', '.join(suggestions)}?"
        return UnknownCodeError(
            where, code=code.digits, year=year, years=years, suggestions=suggestions
        )

    def official_name(self, code: Code, year: int) -> str | None:
        """The official name of *code* in *year*, or ``None`` when that year does not list it.

        This is the :class:`~govbudget.checks.registry.Names` protocol.
        """
        entry = self._year(code.scheme, year).entries.get(code.digits)
        return entry.name if entry is not None else None

    # -- the tree ----------------------------------------------------------------------

    def entries(self, scheme: Scheme, year: int) -> tuple[Entry, ...]:
        """Every entry of *scheme* in *year*, in tree order (each parent before its children)."""
        listed = self._year(scheme, year).entries
        return tuple(listed[d] for d in sorted(listed))

    def walk(self, scheme: Scheme, year: int) -> Iterator[Entry]:
        """Walk the tree of *scheme* in *year* depth first: 201, 20101, 2010101, ..."""
        yield from self.entries(scheme, year)

    def children(self, code: Code | str, year: int) -> tuple[Entry, ...]:
        """The entries one level below *code* in *year*.

        Raises:
            UnknownCodeError: When *year* does not list *code*.
        """
        entry = self.lookup(code, year)
        return tuple(self._year(entry.scheme, year).children.get(entry.code.digits, ()))

    def descendants(self, code: Code | str, year: int) -> tuple[Entry, ...]:
        """Every entry below *code* in *year*, in tree order.

        Raises:
            UnknownCodeError: When *year* does not list *code*.
        """
        out: list[Entry] = []
        for child in self.children(code, year):
            out.append(child)
            out.extend(self.descendants(child.code, year))
        return tuple(out)

    def ancestors(self, code: Code | str, year: int) -> tuple[Entry, ...]:
        """The entries above *code* in *year*, 类 first (those the year lists).

        Raises:
            UnknownCodeError: When *year* does not list *code*.
        """
        entry = self.lookup(code, year)
        listed = self._year(entry.scheme, year).entries
        return tuple(listed[a.digits] for a in entry.code.ancestors if a.digits in listed)

    # -- search and diff ---------------------------------------------------------------

    def search(
        self,
        text: str,
        *,
        year: int | None = None,
        scheme: Scheme | None = None,
        limit: int = 20,
        cutoff: float = 0.6,
    ) -> tuple[Match, ...]:
        """Find codes by name (exact, substring, then fuzzy) or by code prefix.

        Searches *year* (default: every year) and *scheme* (default: every scheme). A code
        found in several years under one name is one match, for its latest year.

        >>> [str(m.entry) for m in Catalogue().search("人大监督", year=2020)]
        ['2010106 人大监督']
        """
        query = text.strip()
        best: dict[tuple[Scheme, str, str], Match] = {}
        years_of: dict[tuple[Scheme, str, str], list[int]] = {}
        for each in _CLASSES if scheme is None else (scheme,):
            for y in self.years(each) if year is None else (year,):
                for entry in self._year(each, y).entries.values():
                    found = _match(query, entry, cutoff)
                    if found is None:
                        continue
                    key = (each, entry.code.digits, entry.name)
                    years_of.setdefault(key, []).append(y)
                    best[key] = Match(entry, found[0], found[1], ())
        matches = [
            Match(m.entry, m.how, m.score, tuple(sorted(years_of[key]))) for key, m in best.items()
        ]
        matches.sort(key=lambda m: (_HOW_RANK[m.how], -m.score, m.entry.code.digits))
        return tuple(matches[:limit])

    def diff(self, year_a: int, year_b: int, scheme: Scheme | None = None) -> YearDiff:
        """Codes added, removed and renamed from *year_a* to *year_b* (all schemes by default).

        Entries compared include inferred ones. :attr:`YearDiff.changes` lists the known
        renames and reforms that may lie between the years, even where a year does not
        list the code.

        >>> change = Catalogue().diff(2018, 2019, Scheme.FUNCTIONAL).renamed[1]
        >>> change.code.digits, change.old.name, change.new.name
        ('210', '医疗卫生与计划生育支出', '卫生健康支出')

        Raises:
            UnknownCodeError: When the catalogue has no list for either year.
        """
        added: list[Entry] = []
        removed: list[Entry] = []
        renamed: list[Rename] = []
        known: list[Change] = []
        partial = False
        for each in _CLASSES if scheme is None else (scheme,):
            low, high = sorted((year_a, year_b))
            known.extend(
                c for c in self.changes(each) if c in blocking((c,), each, c.code, low, high)
            )
            for y in (year_a, year_b):
                if y not in self.years(each):
                    raise UnknownCodeError(
                        f"the catalogue has no {y} list of {each.value} "
                        f"(it has {_span(self.years(each))})",
                        code="",
                        year=y,
                    )
            a = self._year(each, year_a).entries
            b = self._year(each, year_b).entries
            partial = partial or self.is_partial(each, year_a) or self.is_partial(each, year_b)
            added.extend(b[d] for d in sorted(b.keys() - a.keys()))
            removed.extend(a[d] for d in sorted(a.keys() - b.keys()))
            renamed.extend(
                Rename(a[d].code, a[d], b[d])
                for d in sorted(a.keys() & b.keys())
                if a[d].name != b[d].name
            )
        return YearDiff(
            year_a, year_b, tuple(added), tuple(removed), tuple(renamed), partial, tuple(known)
        )

    # -- economic correspondence ------------------------------------------------------

    def to_gov(self, code: Code | str, year: int) -> tuple[Entry, ...]:
        """The government economic entries a departmental economic code corresponds to.

        Empty when no correspondence is recorded for the code in *year*.

        Raises:
            UnknownCodeError: When *year* does not list *code*.
            CodeError: When *code* is not a departmental economic code.
        """
        entry = self.lookup(code, year)
        if entry.scheme is not Scheme.DEPT_ECONOMIC:
            raise CodeError(f"{entry.code} is not a {Scheme.DEPT_ECONOMIC.value} code")
        targets = self._year(Scheme.DEPT_ECONOMIC, year).maps_to.get(entry.code.digits, ())
        gov = self._year(Scheme.GOV_ECONOMIC, year).entries
        return tuple(gov[t] for t in targets if t in gov)

    def to_dept(self, code: Code | str, year: int) -> tuple[Entry, ...]:
        """The departmental economic entries that correspond to a government economic code.

        Raises:
            UnknownCodeError: When *year* does not list *code*.
            CodeError: When *code* is not a government economic code.
        """
        entry = self.lookup(code, year)
        if entry.scheme is not Scheme.GOV_ECONOMIC:
            raise CodeError(f"{entry.code} is not a {Scheme.GOV_ECONOMIC.value} code")
        dept = self._year(Scheme.DEPT_ECONOMIC, year)
        return tuple(
            dept.entries[d]
            for d in sorted(dept.maps_to)
            if entry.code.digits in dept.maps_to[d] and d in dept.entries
        )


def _match(query: str, entry: Entry, cutoff: float) -> tuple[str, float] | None:
    if query.isdigit():
        if entry.code.digits.startswith(query):
            return "code", len(query) / len(entry.code.digits)
        return None
    if entry.name == query:
        return "exact", 1.0
    if query and query in entry.name:
        return "substring", len(query) / len(entry.name)
    ratio = difflib.SequenceMatcher(None, query, entry.name).ratio()
    return ("fuzzy", ratio) if ratio >= cutoff else None


def _span(years: tuple[int, ...]) -> str:
    """``2018–2025`` for consecutive years, else ``2020, 2024``."""
    if not years:
        return "no year"
    if len(years) > 1 and list(years) == list(range(years[0], years[-1] + 1)):
        return f"{years[0]}–{years[-1]}"
    return ", ".join(str(y) for y in years)


def _harvested(harvest: Harvest, scheme: Scheme) -> dict[tuple[str, int], _Named]:
    """The harvest's names of *scheme*: the most printed name of each code and year.

    A code printed with two names equally often that year is left out (a conflict the
    harvest reports).
    """
    grouped: dict[tuple[str, int], dict[str, list[str]]] = {}
    names: dict[tuple[str, int, str], str] = {}
    for s in harvest.sightings:
        if s.scheme is not scheme:
            continue
        key = name_key(s.name)
        grouped.setdefault((s.code, s.year), {}).setdefault(key, []).append(s.where)
        names.setdefault((s.code, s.year, key), s.name)
    out: dict[tuple[str, int], _Named] = {}
    label = f"harvest {harvest.source}" if harvest.source else "harvest"
    for (digits, year), by_key in grouped.items():
        ranked = sorted(by_key.items(), key=lambda item: -len(item[1]))
        if len(ranked) > 1 and len(ranked[0][1]) == len(ranked[1][1]):
            continue
        key, where = ranked[0]
        evidence = tuple(f"{label}: {w}" for w in dict.fromkeys(where))
        out[digits, year] = (names[digits, year, key], "; ".join(evidence), evidence)
    return out
