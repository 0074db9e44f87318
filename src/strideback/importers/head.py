"""A file's first bytes and name, with the views every reader's `sniff` shares, each worked out once.

Readers recognise their files by content: a magic number (`data`), an XML root element (`xml_root`,
read by expat without expanding any entity) or a CSV header (`csv_header`). The name (`label`) only
helps where the content cannot tell (a Garmin summary is plain JSON).
"""

from __future__ import annotations

import csv
from xml.parsers import expat

HEAD_BYTES = 64 * 1024  # enough to see past an Apple Health export's DTD


class _RootFound(Exception):
    pass


class Head:
    """The first `HEAD_BYTES` of a file (`data`) and the name it came under (`label`)."""

    __slots__ = ("_csv_header", "_xml_names", "data", "label")

    def __init__(self, data: bytes, label: str = "") -> None:
        self.data = data
        self.label = label
        self._xml_names: tuple[str, ...] | None = None
        self._csv_header: frozenset[str] | None = None

    @property
    def _text(self) -> bytes:
        return self.data.removeprefix(b"\xef\xbb\xbf")

    @property
    def looks_like_xml(self) -> bool:
        """UTF-8 text starting with `<`, or UTF-16 with or without its byte-order mark."""
        return self._text.lstrip().startswith(b"<") or self.data.startswith(
            (b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")
        )

    @property
    def xml_root(self) -> str | None:
        """The root element's local name (the DOCTYPE's when the head ends before the root); None when
        the head is not XML."""
        if self._xml_names is None:
            self._xml_names = _xml_names(self._text) if self.looks_like_xml else ()
        return self._xml_names[0] if self._xml_names else None

    @property
    def csv_header(self) -> frozenset[str]:
        """The names of the first line as CSV columns (stripped, lower case); empty when not text."""
        if self._csv_header is None:
            self._csv_header = frozenset() if self.looks_like_xml else _csv_header(self._text)
        return self._csv_header


def _xml_names(text: bytes) -> tuple[str, ...]:
    """The names expat sees before the first start tag: parsing stops there, so no entity is ever
    expanded; a head that ends inside a long DTD still names the root through its DOCTYPE."""
    names: list[str] = []

    def on_doctype(name: str, *_: object) -> None:
        names.append(name)

    def on_start(name: str, _attrs: object) -> None:
        names.append(name)
        raise _RootFound

    def parse(encoding: str | None) -> None:
        parser = expat.ParserCreate(encoding)
        parser.StartDoctypeDeclHandler = on_doctype
        parser.StartElementHandler = on_start
        try:
            parser.Parse(text, False)
        except _RootFound:
            pass
        except expat.ExpatError:
            pass  # what was seen before the error still counts

    try:
        parse(None)
    except (LookupError, ValueError):
        # the declared encoding does not exist ("ATF-8", "base64"): name the root as UTF-8 would read it,
        # so that the file goes to its reader, which says the encoding cannot be read
        names.clear()
        parse("utf-8")
    return tuple(name.rpartition(":")[2] for name in reversed(names))


def _csv_header(text: bytes) -> frozenset[str]:
    try:
        decoded = text.decode("utf-8")
    except UnicodeDecodeError as error:  # the head may cut a character in two
        decoded = text[: error.start].decode("utf-8") if error.start > len(text) - 4 else ""
    return frozenset(header_of(decoded))


def header_of(text: str) -> list[str]:
    """The column names of a CSV text's first line, stripped and in lower case."""
    first = text.lstrip("\ufeff").splitlines()[0] if text.strip() else ""
    return [name.strip().lower() for name in next(csv.reader([first]), [])]
