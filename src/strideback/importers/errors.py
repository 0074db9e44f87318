"""The one error a reader raises for a file it cannot read."""

from __future__ import annotations


class UnreadableFile(Exception):
    """A file that could not be read. `reason` says what was wrong and what to do.

    Readers raise only this for bad input, whatever the bytes; the import goes on with
    the other files.
    """

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self) -> tuple[type[UnreadableFile], tuple[str, str]]:
        # Crosses process boundaries (the process pool) intact.
        return (UnreadableFile, (self.path, self.reason))


class SkippedFile(Exception):
    """A readable file that holds no activity (settings, workout plan, weight scale...)."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")

    def __reduce__(self) -> tuple[type[SkippedFile], tuple[str, str]]:
        return (SkippedFile, (self.path, self.reason))
