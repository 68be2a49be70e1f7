"""What each page read, so that the live preview renders again only the pages a save changed.

A page is a function of the renderer's state alone: the content and the indexes derived from
it. While a page renders, every read of that state is recorded: a key of a mapping with the
value found there (or its absence), or a whole mapping or list. After a save, a page whose
every recorded read finds an equal value in the new state would render the same Markdown, so
its old Markdown is kept. The comparison is cheap for what a save did not touch: the loader
hands back the same objects for unchanged files, and Python compares a container's identical
items without looking inside them.

Facts derived once and kept for later pages live in a `LazyMap`: a page records the value it
read there, which the next render's map computes again to compare, so a memo never hides a
dependency.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, TypeVar, overload

V = TypeVar("V")
T = TypeVar("T")

ALL = object()
"""The key of a read of a whole mapping or list (its iteration, length or order)."""
MISSING = object()
"""The value of a key that was looked up and not found."""

Reads = dict[tuple[str, object], object]
"""One page's reads: `(state name, key or ALL)` -> the value read."""


class Recorder:
    """Collects the reads of the page being rendered (none while no page is)."""

    def __init__(self) -> None:
        self._open: list[Reads] = []

    def read(self, name: str, key: object, value: object) -> None:
        if self._open:
            self._open[-1].setdefault((name, key), value)

    def quiet(self, make: Callable[[], T]) -> T:
        """`make()` with nothing recorded: a derived fact, which the pages that read it
        depend on by its value."""
        self._open, open_ = [], self._open
        try:
            return make()
        finally:
            self._open = open_

    def page(self, make: Callable[[], T]) -> tuple[T, Reads]:
        """Run `make` (a page's rendering); its result and what it read."""
        self._open.append({})
        try:
            result = make()
        finally:
            reads = self._open.pop()
        for key, value in reads.items():
            self.read(key[0], key[1], value)
        return result, reads


class _Tracked:
    """What the tracked views share: the data, its state name, the recorder of reads."""

    __slots__ = ("_data", "_name", "_recorder")

    def __init__(self, recorder: Recorder, name: str, data: Any) -> None:
        self._recorder, self._name, self._data = recorder, name, data

    def _whole(self) -> Any:
        """The data, recorded as read whole (its iteration, length or order)."""
        self._recorder.read(self._name, ALL, self._data)
        return self._data

    def __eq__(self, other: object) -> bool:
        return self._whole() == (other._whole() if isinstance(other, _Tracked) else other)

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"{type(self).__name__}({self._name!r}, {len(self._data)} items)"


class TrackedMap(_Tracked, Mapping[str, V]):
    """A read-only view of a dict that records what is read of it."""

    __slots__ = ()

    def _lookup(self, key: object) -> object:
        """The value at `key`, or MISSING, recorded as read."""
        value = self._data.get(key, MISSING)
        self._recorder.read(self._name, key, value)
        return value

    def __getitem__(self, key: str) -> V:
        value = self._lookup(key)
        if value is MISSING:
            raise KeyError(key)
        return value  # type: ignore[return-value]

    @overload
    def get(self, key: str, /) -> V | None: ...
    @overload
    def get(self, key: str, default: V | T, /) -> V | T: ...
    def get(self, key: str, default: object = None) -> object:
        value = self._lookup(key)
        return default if value is MISSING else value

    def __contains__(self, key: object) -> bool:
        return self._lookup(key) is not MISSING

    def __iter__(self) -> Iterator[str]:
        return iter(self._whole())

    def __len__(self) -> int:
        return len(self._whole())

    def keys(self):  # type: ignore[no-untyped-def]  # noqa: ANN201 - the dict's own views
        return self._whole().keys()

    def values(self):  # type: ignore[no-untyped-def]  # noqa: ANN201
        return self._whole().values()

    def items(self):  # type: ignore[no-untyped-def]  # noqa: ANN201
        return self._whole().items()


class TrackedList(_Tracked, Sequence[V]):
    """A read-only view of a list: any read of it is a read of the whole list."""

    __slots__ = ()

    @overload
    def __getitem__(self, index: int) -> V: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[V]: ...
    def __getitem__(self, index: int | slice) -> V | Sequence[V]:
        return self._whole()[index]  # type: ignore[no-any-return]

    def __len__(self) -> int:
        return len(self._whole())

    def __iter__(self) -> Iterator[V]:
        return iter(self._whole())


def unchanged(reads: Reads, state: Mapping[str, Any]) -> bool:
    """Whether every read in `reads` finds an equal value in `state` (names -> the mappings and
    lists the reads were made of, untracked)."""
    for (name, key), value in reads.items():
        data = state.get(name, MISSING)
        if data is MISSING:
            return False
        now = data if key is ALL else data.get(key, MISSING)
        if now is not value and now != value:
            return False
    return True


class LazyMap(dict[str, V]):
    """A dict whose values are computed on first read by `make(key)` and kept; a key `make`
    raises KeyError for is absent. Derived facts computed for the pages that show them: a page
    records the value it read, and the next render's map computes the same key to compare."""

    def __init__(self, recorder: Recorder, make: Callable[[str], V]) -> None:
        super().__init__()
        self._recorder, self._make = recorder, make

    def __missing__(self, key: str) -> V:
        value = self[key] = self._recorder.quiet(lambda: self._make(key))
        return value

    def get(self, key: str, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


class TrackedContent:
    """The content as pages read it: each dict of facts a `TrackedMap`, each other field (the
    explainer's settings) recorded as it is read, under the state name "content"."""

    def __init__(self, recorder: Recorder, content: object) -> None:
        self._recorder = recorder
        self._fields: dict[str, Any] = dict(vars(content))
        self._maps: dict[str, TrackedMap[Any]] = {}

    def __getattr__(self, name: str) -> Any:
        try:
            value = self._fields[name]
        except KeyError:
            raise AttributeError(name) from None
        if isinstance(value, dict):
            if name not in self._maps:
                self._maps[name] = TrackedMap(self._recorder, f"content.{name}", value)
            return self._maps[name]
        self._recorder.read("content", name, value)
        return value

    def state(self) -> dict[str, Any]:
        """The untracked content, by the state names its reads are recorded under."""
        out: dict[str, Any] = {"content": self._fields}
        out.update((f"content.{k}", v) for k, v in self._fields.items() if isinstance(v, dict))
        return out
