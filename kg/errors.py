"""Errors a user can act on. The CLI prints them as ``Error: ...`` and exits non-zero."""

from __future__ import annotations


class KgError(Exception):
    """Base class of errors caused by input or usage, not by a bug in kg."""


class InputError(KgError):
    """An input file (or one record of it) cannot be read.

    The message names the file, the line where known, what is wrong and how to fix it.
    """

    def __init__(self, source: str, problem: str, hint: str | None = None, line: int | None = None):
        self.source = source
        self.problem = problem
        self.hint = hint
        self.line = line
        where = f"{source}:{line}" if line is not None else source
        message = f"{where}: {problem}"
        if hint:
            message += f" ({hint})"
        super().__init__(message)


class StoreError(KgError):
    """A store cannot be opened, written or queried."""


class QueryError(KgError):
    """A SPARQL query is malformed or fails."""


class KgWarning(UserWarning):
    """Something kg changed or left out of an input, and goes on (the CLI prints ``Warning: ...``)."""


def warn(source: str, problem: str, hint: str | None = None) -> None:
    """Tell the user about a change to their input: ``source: problem (hint)``, never silently."""
    import warnings

    warnings.warn(KgWarning(f"{source}: {problem}" + (f" ({hint})" if hint else "")), stacklevel=2)

