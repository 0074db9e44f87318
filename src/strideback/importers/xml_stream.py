"""Streaming XML with the known attacks refused (entity declarations, external references)."""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import io
import re
from collections.abc import Iterator
from typing import NoReturn, Protocol
from xml.etree.ElementTree import Element, ParseError, iterparse
from xml.parsers.expat import XMLParserType

from strideback.importers.errors import UnreadableFile


@functools.lru_cache(maxsize=4096)  # a file uses few names, each many times
def local_name(tag: str) -> str:
    """`{http://www.topografix.com/GPX/1/1}trkpt` → `trkpt`."""
    return tag.rsplit("}", 1)[-1]


def events(
    source: ByteSource, path: str, kinds: tuple[str, ...] = ("start", "end")
) -> Iterator[tuple[str, Element]]:
    """Parse events of a whole (small) file; bad or hostile XML becomes UnreadableFile naming
    what was wrong. `check_xml` refuses the attacks first, so the C ElementTree parser (much
    quicker than defusedxml's pure-Python one) then reads the same bytes safely."""
    data = source.read()
    check_xml(data, path)
    try:
        yield from iterparse(io.BytesIO(data), events=kinds)
    except ParseError as error:
        raise UnreadableFile(
            path, f"malformed XML ({error}); the file is damaged or incomplete, export it again"
        ) from None


def child_text(element: Element, name: str) -> str | None:
    """Text of the first direct child called `name` (any namespace)."""
    for child in element:
        if local_name(child.tag) == name:
            return (child.text or "").strip() or None
    return None


def parse_time(text: str | None) -> dt.datetime | None:
    """ISO 8601 times as GPX and TCX write them; None when absent or unreadable."""
    if not text:
        return None
    try:
        moment = dt.datetime.fromisoformat(text.strip())
    except ValueError:
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=dt.UTC)


def parse_float(text: str | None) -> float | None:
    if text is None:
        return None
    try:
        value = float(text)
    except ValueError:
        return None
    return value if value == value and abs(value) != float("inf") else None


class _Refused(Exception):
    def __init__(self, reason: str) -> None:
        self.reason = reason


def _refuse_entity(*_args: object) -> None:
    raise _Refused(
        "the XML declares entities, which strideback refuses (they are used in 'entity bomb' attacks); "
        "real GPX, TCX and Apple Health files do not need them"
    )


def _refuse_external(*_args: object) -> NoReturn:
    raise _Refused("the XML refers to an external file or address, which strideback refuses to follow")


class ByteSource(Protocol):
    """What the XML readers need of a stream: `read(size)` giving bytes, b"" at the end."""

    def read(self, size: int = -1, /) -> bytes: ...


def expat_parser() -> XMLParserType:
    """A bare expat parser (fast: no tree is built) with entity declarations and external
    references refused, as defusedxml does. Set its element handlers, then call `feed`."""
    from xml.parsers import expat

    parser = expat.ParserCreate()
    parser.buffer_text = True
    parser.buffer_size = 1 << 16
    parser.EntityDeclHandler = _refuse_entity
    parser.UnparsedEntityDeclHandler = _refuse_entity
    parser.ExternalEntityRefHandler = _refuse_external
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    return parser


# The XML declaration's encoding, in a file written in an ASCII-compatible encoding (a UTF-16 file's
# declaration is not ASCII bytes; expat reads UTF-16 itself).
_DECLARED = re.compile(rb"^(?:\xef\xbb\xbf)?<\?xml[^>]*?\sencoding\s*=\s*[\"']([^\"'>]{1,40})[\"']")
# What expat decodes itself; any other encoding goes through Python's codecs, one byte to one character.
_EXPAT_OWN = frozenset({"utf-8", "utf-16", "iso8859-1", "ascii"})


def _check_declared_encoding(head: bytes, path: str) -> None:
    """Refuse a declared encoding that cannot be read, as expat would, but as UnreadableFile: Python knows no
    such codec (a damaged declaration, "U-F-8", a NUL in the name), it is not a text encoding ("base64",
    "rot13"), or it is a multi-byte one expat does not take (UTF-32)."""
    found = _DECLARED.match(head)
    if found is None:
        return
    name = found.group(1).decode("ascii", errors="replace")
    try:
        codec = codecs.lookup(name)
        readable = (
            codec.name in _EXPAT_OWN or len(bytes(range(256)).decode(codec.name, errors="replace")) == 256
        )
    except (LookupError, ValueError, TypeError):  # unknown, malformed, or not bytes to text
        readable = False
    if not readable:
        raise UnreadableFile(
            path,
            f"the file declares a text encoding that cannot be read ({name!r}); export it again as UTF-8",
        )


def feed(parser: XMLParserType, stream: ByteSource, path: str, chunk_size: int = 1 << 20) -> None:
    """Parse a whole stream; bad or hostile XML becomes UnreadableFile naming what was wrong."""
    from xml.parsers import expat

    try:
        first = True
        while chunk := stream.read(chunk_size):
            if first:
                _check_declared_encoding(chunk, path)
                first = False
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except _Refused as refused:
        raise UnreadableFile(path, refused.reason) from None
    except expat.ExpatError as error:
        raise UnreadableFile(
            path,
            f"malformed XML ({expat.ErrorString(error.code)}: line {error.lineno}, column {error.offset}); "
            "the file is damaged or incomplete, export it again",
        ) from None


def check_xml(data: bytes, path: str) -> tuple[str, dict[str, str]]:
    """Parse a whole file with expat, with entities and external references refused and malformed
    XML reported as `feed` does, but no Python call per element (quick); returns the root
    element's name and attributes. After it, any parser may read `data` safely."""
    parser = expat_parser()
    root: list[tuple[str, dict[str, str]]] = []

    def first_element(name: str, attrs: dict[str, str]) -> None:
        root.append((name, attrs))
        parser.StartElementHandler = None

    parser.StartElementHandler = first_element
    feed(parser, io.BytesIO(data), path)
    return root[0]
