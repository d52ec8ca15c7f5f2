"""The project's errors: a small hierarchy whose members also subclass the builtin they resemble."""

from __future__ import annotations


class FiguresError(Exception):
    """Base class of every error this package raises on purpose."""


class InputError(FiguresError, ValueError):
    """A document or corpus cannot be read: names the file (and line) and the problem."""

    def __init__(self, path: str, problem: str, line: int | None = None) -> None:
        self.path = path
        self.problem = problem
        self.line = line
        where = f"{path}, line {line}" if line is not None else path
        super().__init__(f"{where}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str, int | None]]:  # survives a trip to a worker process
        return (type(self), (self.path, self.problem, self.line))


class SettingError(FiguresError, ValueError):
    """An option given to the library or the CLI is invalid: names the setting."""

    def __init__(self, setting: str, problem: str) -> None:
        self.setting = setting
        self.problem = problem
        super().__init__(f"{setting}: {problem}")

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.setting, self.problem))


class DataFileError(FiguresError, LookupError):
    """A bundled data file is missing or malformed."""


class ExportError(FiguresError, OSError):
    """An export cannot be written or read back."""
