"""One exception hierarchy for the whole library; each class carries the CLI exit code.

The CLI catches :class:`RolcompareError` in exactly one place (``cli.main``) and prints
``str(error)`` — one sentence saying what went wrong, with which file, and what to do. Library
messages name the problem in the library's terms; an error about one argument says which in
``parameter`` (``max_bytes``, ``output``…), and the CLI adds the flag that sets it.
"""

from __future__ import annotations


class RolcompareError(Exception):
    """Base class. ``exit_code`` is what the command line exits with."""

    exit_code: int = 2

    def __init__(self, message: str, *, path: str | None = None, parameter: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.path = path
        self.parameter = parameter  # the library argument the problem is about, if one

    def __str__(self) -> str:
        return self.message


class InputError(RolcompareError):
    """The input cannot be read: missing, empty, binary, undecodable, too large, or malformed."""


class UnsupportedFormatError(InputError):
    """The file is of a kind rolcompare does not read (or a PDF without a text layer)."""


class UsageError(RolcompareError):
    """The command was called wrongly (bad option value, output would overwrite input, ...)."""


class ConfigError(RolcompareError):
    """A configuration file or front matter has an unknown key or an invalid value."""


class RuleFailure(RolcompareError):
    """A ``--fail-on`` rule of ``compare`` or an error-level finding of ``check`` fired."""

    exit_code = 1
