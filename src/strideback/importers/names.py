"""File names as the person can safely be shown them: any bytes in, printable text out.

The OS may give names that are not valid UTF-8 (Python carries the bad bytes as lone surrogates) or
that hold control characters, such as ANSI escape sequences that would clear a terminal or retitle
its window. Names are used as given to open files; only what is shown, stored or logged goes
through `shown`.
"""

from __future__ import annotations

import os
import re

# C0 controls, DEL and C1 controls (ESC, BEL, CR, the 8-bit CSI...), and bidi overrides.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def shown(text: str | bytes | os.PathLike[str]) -> str:
    """`text` with undecodable bytes as U+FFFD and every control character escaped (`\\x1b`)."""
    if isinstance(text, os.PathLike):
        text = os.fspath(text)
    if isinstance(text, bytes):
        text = text.decode("utf-8", "replace")
    else:
        try:
            text = text.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
        except UnicodeEncodeError:  # a lone surrogate that no OS byte produced
            text = text.encode("utf-8", "replace").decode("utf-8")
    return _CONTROL.sub(_escape, text)
