"""Tallies: per Kommune, which records count towards which figure — kept current by delta.

Every figure the faces show about a Kommune is a count over the records that lie in it
(``records.index``): its actors, its offers per life phase, the providers of a topic, ... A
record contributes *facts* ``(Kommune, section, key, member)`` (``facts.py``); a Kommune's tally
holds, per section and key, its members with multiplicity. A write replaces the facts of the
records it touched: the tallies of the Kommunen those facts name change, nothing else is
recomputed, and the cost depends on the write, not on the size of the Land.

Tallies are never changed in place once published: ``TallyUpdate`` copies a tally, a section
and a key the first time a write changes them, so readers of the previous state see it whole.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Iterator, Mapping

Key = Hashable
Members = dict[str, int]  # member → multiplicity
Sections = dict[str, dict[Key, Members]]
Fact = tuple[str, str, Key, str]  # (Kommune IRI, section, key, member)

_EMPTY: Members = {}


class Tally:
    """The members per section and key of one Kommune."""

    __slots__ = ("sections",)

    def __init__(self, sections: Sections | None = None) -> None:
        self.sections: Sections = sections if sections is not None else {}

    def members(self, section: str, key: Key) -> Mapping[str, int]:
        """The members (with multiplicity) counting towards ``key``."""
        return self.sections.get(section, {}).get(key, _EMPTY)

    def count(self, section: str, key: Key) -> int:
        """How many distinct members count towards ``key``."""
        return len(self.members(section, key))

    def keys(self, section: str) -> Iterator[Key]:
        return iter(self.sections.get(section, {}))

    def items(self, section: str) -> Iterator[tuple[Key, Members]]:
        return iter(self.sections.get(section, {}).items())

    def __getstate__(self) -> Sections:
        return self.sections

    def __setstate__(self, state: Sections) -> None:
        self.sections = state


EMPTY_TALLY = Tally()


def build_tallies(facts: Iterable[Fact]) -> dict[str, Tally]:
    """The tallies of all facts."""
    sections_of: dict[str, Sections] = {}
    for area, section, key, member in facts:
        members = sections_of.setdefault(area, {}).setdefault(section, {}).setdefault(key, {})
        members[member] = members.get(member, 0) + 1
    return {area: Tally(sections) for area, sections in sections_of.items()}


class TallyUpdate:
    """Applies fact deltas to copies of the tallies they touch (copy on first write)."""

    def __init__(self, tallies: Mapping[str, Tally]) -> None:
        self._old = tallies
        self.tallies: dict[str, Tally] = dict(tallies)
        self._copied: set[tuple[object, ...]] = set()
        self.touched: set[str] = set()

    def apply(self, removed: Iterable[Fact], added: Iterable[Fact]) -> None:
        for fact in removed:
            self._change(fact, -1)
        for fact in added:
            self._change(fact, +1)

    def _change(self, fact: Fact, step: int) -> None:
        area, section, key, member = fact
        self.touched.add(area)
        if (area,) not in self._copied:
            old = self._old.get(area, EMPTY_TALLY)
            self.tallies[area] = Tally(dict(old.sections))
            self._copied.add((area,))
        sections = self.tallies[area].sections
        if (area, section) not in self._copied:
            sections[section] = dict(sections.get(section, {}))
            self._copied.add((area, section))
        keys = sections[section]
        if (area, section, key) not in self._copied:
            keys[key] = dict(keys.get(key, {}))
            self._copied.add((area, section, key))
        members = keys[key]
        count = members.get(member, 0) + step
        if count > 0:
            members[member] = count
        else:
            members.pop(member, None)
            if not members:
                del keys[key]
                if not keys:
                    del sections[section]
