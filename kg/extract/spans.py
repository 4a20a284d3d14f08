"""The accepted mention spans of one document, found by overlap without scanning them all.

Entity rules ask, thousands of times per article, "does a name already cover [start, end)?". A
plain list answers in time proportional to the mentions found so far, which makes extraction
quadratic in the length of an article (a 1 M-character page took minutes). ``SpanIndex`` keeps
the spans in buckets by start offset, so a question costs the spans near the offset only, and it
answers in insertion order, as the list did (the first span accepted wins ties).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

__all__ = ["Span", "SpanIndex"]

Span = tuple[int, int, str]  # (start, end, key) of an accepted mention

_BUCKET = 64  # characters per bucket: a few names each in running text


class SpanIndex:
    """(start, end, key) spans with overlap queries in insertion order. ``version`` changes on
    every addition or removal, so readers can cache what they derive from the spans."""

    def __init__(self) -> None:
        self._buckets: dict[int, list[tuple[int, Span]]] = {}
        self._order = 0  # insertion counter: queries answer in the order spans were accepted
        self._longest = 0  # the longest span seen bounds how far back an overlap can start
        self._count = 0
        self.version = 0

    def __len__(self) -> int:
        return self._count

    def __iter__(self) -> Iterator[Span]:
        entries = [entry for bucket in self._buckets.values() for entry in bucket]
        return iter(span for _, span in sorted(entries))

    def append(self, span: Span) -> None:
        start, end, _ = span
        self._buckets.setdefault(start // _BUCKET, []).append((self._order, span))
        self._order += 1
        self._longest = max(self._longest, end - start)
        self._count += 1
        self.version += 1

    def remove(self, span: Span) -> None:
        """Remove one occurrence of ``span`` (ValueError when absent, like ``list.remove``)."""
        bucket = self._buckets.get(span[0] // _BUCKET, [])
        for i, (_, held) in enumerate(bucket):
            if held == span:
                del bucket[i]
                self._count -= 1
                self.version += 1
                return
        raise ValueError(f"{span!r} is not an accepted span")

    def remove_where(self, start: int, end: int, condition: Callable[[Span], bool]) -> None:
        """Remove the spans overlapping [start, end) for which ``condition`` holds."""
        for span in self.overlapping(start, end):
            if condition(span):
                self.remove(span)

    def overlapping(self, start: int, end: int) -> list[Span]:
        """Spans with s < end and start < e, in insertion order."""
        hits = []
        for number in range((start - self._longest) // _BUCKET, (end - 1) // _BUCKET + 1):
            for order, span in self._buckets.get(number, ()):
                if span[0] < end and start < span[1]:
                    hits.append((order, span))
        hits.sort()
        return [span for _, span in hits]

    def first_overlapping(self, start: int, end: int) -> str | None:
        """Key of the earliest accepted span overlapping [start, end), if any."""
        first = None
        for number in range((start - self._longest) // _BUCKET, (end - 1) // _BUCKET + 1):
            for order, span in self._buckets.get(number, ()):
                if span[0] < end and start < span[1] and (first is None or order < first[0]):
                    first = (order, span)
        return first[1][2] if first else None
