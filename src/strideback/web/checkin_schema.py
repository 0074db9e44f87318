"""The API's check-in schemas, built from the check-in field table (`domain.checkin_fields`).

A new field in the table appears in the API's input and output and in the OpenAPI document by itself.
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from ninja import Schema
from pydantic import Field, create_model

from strideback.domain.checkin_fields import FIELDS, Kind
from strideback.domain.checkin_fields import Field as CheckInField
from strideback.web.api_types import IsoDate


def _one_of(values: tuple[str, ...]) -> Any:
    """`Literal[values]` for the table's values, made at run time (no type checker can follow it)."""
    return Literal.__getitem__(values)


def _out_type(spec: CheckInField) -> Any:
    if spec.kind in (Kind.SCALE, Kind.COUNT):
        return int if spec.required else int | None
    if spec.kind is Kind.FLAG:
        return bool
    if spec.kind is Kind.CHOICE:
        choice = _one_of(spec.values)
        return choice if spec.default is not None else choice | None
    if spec.kind is Kind.CHOICES:
        return list.__class_getitem__(_one_of(spec.values))
    return str


def _in_field(spec: CheckInField) -> tuple[Any, Any]:
    kind = _out_type(spec)
    described: dict[str, Any] = {"description": spec.label + (f" ({spec.unit})" if spec.unit else "")}
    if spec.kind in (Kind.SCALE, Kind.COUNT):
        default: object = ... if spec.required else None
        return kind, Field(default=default, ge=spec.low, le=spec.high, **described)
    if spec.kind is Kind.TEXT:
        return kind, Field(default="", max_length=spec.high, **described)
    if spec.kind is Kind.CHOICES:
        return kind, Field(default_factory=list, **described)
    default = spec.default
    return kind, Field(default=getattr(default, "value", default), **described)


CheckInOut = create_model(  # type: ignore[call-overload]
    "CheckInOut", __base__=Schema, date=(dt.date, ...), **{s.name: (_out_type(s), ...) for s in FIELDS}
)

CheckInIn = create_model(  # type: ignore[call-overload]
    "CheckInIn",
    __base__=Schema,
    date=(IsoDate, ...),
    **{s.name: _in_field(s) for s in FIELDS},
    red_flags=(
        dict[str, bool] | None,
        Field(default=None, description='Red-flag answers given with the check-in, e.g. {"bladder": false}'),
    ),
    replace=(bool, False),
)
