"""Streaming XML with the known attacks refused (entity declarations, external references)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import BinaryIO
from xml.etree.ElementTree import Element, ParseError

from defusedxml import DefusedXmlException, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import iterparse

from strideback.importers.errors import UnreadableFile


def local_name(tag: str) -> str:
    """`{http://www.topografix.com/GPX/1/1}trkpt` → `trkpt`."""
    return tag.rsplit("}", 1)[-1]


def events(
    source: BinaryIO, path: str, kinds: tuple[str, ...] = ("start", "end")
) -> Iterator[tuple[str, Element]]:
    """Parse events; bad or hostile XML becomes UnreadableFile naming what was wrong."""
    try:
        yield from iterparse(source, events=kinds)
    except EntitiesForbidden:
        raise UnreadableFile(
            path,
            "the XML declares entities, which strideback refuses (they are used in 'entity bomb' "
            "attacks); real GPX, TCX and Apple Health files do not need them",
        ) from None
    except ExternalReferenceForbidden:
        raise UnreadableFile(
            path, "the XML refers to an external file or address, which strideback refuses to follow"
        ) from None
    except DefusedXmlException as error:
        raise UnreadableFile(path, f"the XML uses a refused feature ({type(error).__name__})") from None
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


def descendant_text(element: Element, name: str) -> str | None:
    """Text of the first descendant called `name` (any namespace)."""
    for child in element.iter():
        if child is not element and local_name(child.tag) == name:
            text = (child.text or "").strip()
            if text:
                return text
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


def _refuse_external(*_args: object) -> None:
    raise _Refused("the XML refers to an external file or address, which strideback refuses to follow")


def expat_parser():
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


def feed(parser, stream: BinaryIO, path: str, chunk_size: int = 1 << 20) -> None:
    """Parse a whole stream; bad or hostile XML becomes UnreadableFile naming what was wrong."""
    from xml.parsers import expat

    try:
        while chunk := stream.read(chunk_size):
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
