"""How the CLI's parameters are shown and read, on top of Typer.

- `--help` without type tags: flags show nothing after their name, values a name (`--minutes MINUTES`).
  Typer shows `<int>`, `<str>`, `<bool>` beside every option; for a person these say nothing. Choices
  (sports, reach) keep their list, and options that name their value (`--date DATE`) keep it.
- Plain values are read without Pydantic: text, a folder, or a value with our own parser (dates) need no
  schema, and importing Pydantic costs more than a read-only command's own work. Numbers, choices and
  lists keep Typer's own coercion.
"""

from __future__ import annotations

import pathlib
from dataclasses import dataclass
from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup
from typer.models import DefaultPlaceholder


@dataclass(frozen=True)
class _PlainValue:
    """Typer's runtime-coercion interface (`coerce(value, param, ctx)`) for text, paths and parsed values."""

    kind: str  # "str", "path", "parser" or "flag"
    parser: Any = None

    def coerce(self, value: Any, param: Any, ctx: Any) -> Any:
        if value is None:
            return None
        if self.kind == "flag":
            if isinstance(value, bool):
                return value
            from typer._coercion import build_runtime_param  # anything else: Typer's own reading

            return build_runtime_param(param.type_descriptor).coerce(value, param=param, ctx=ctx)
        if self.kind == "path":
            return value if isinstance(value, pathlib.Path) else pathlib.Path(value)
        if self.kind == "parser":
            if not isinstance(value, str):
                return value
            try:
                return self.parser(value)
            except typer.BadParameter as error:
                raise typer.BadParameter(error.message, ctx=ctx, param=param) from None
        return value if isinstance(value, str) else str(value)


def _plain_value(param: Any) -> _PlainValue | None:
    """A light reader for this parameter, or None when Typer's own coercion is needed."""
    descriptor = getattr(param, "type_descriptor", None)
    if descriptor is None or param.multiple or param.nargs != 1 or descriptor.file_annotation is not None:
        return None
    info = descriptor.parameter_info
    if descriptor.annotation is bool and getattr(param, "is_flag", False):
        return _PlainValue("flag")
    if info.parser is not None:
        return _PlainValue("parser", info.parser)
    if descriptor.annotation is str and not descriptor.is_choice:
        return _PlainValue("str")
    path_checks = (info.exists, info.file_okay is False, info.dir_okay is False, info.resolve_path)
    if descriptor.annotation is pathlib.Path and not any(path_checks):
        return _PlainValue("path")
    return None


def _no_type(ctx: Any) -> None:
    return None


def _plain(params: list[Any]) -> None:
    for param in params:
        light = _plain_value(param)
        if light is not None and hasattr(param, "_runtime_param"):
            param._runtime_param = light
        descriptor = getattr(param, "type_descriptor", None)
        if descriptor is not None and descriptor.is_choice:
            continue
        if param.param_type_name == "argument":
            param.display_type_rich = _no_type  # the argument's name says what it is
        elif param.metavar is None:
            param.metavar = "" if getattr(param, "is_flag", False) else param.name.upper()


class PlainHelpCommand(TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain([option])
        return option


class PlainHelpGroup(TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _plain(self.params)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)
        if option is not None:
            _plain([option])
        return option


def _unset(cls: Any, default: type) -> bool:
    return cls is None or cls is default or isinstance(cls, DefaultPlaceholder)


def plain_help(app: typer.Typer) -> None:
    """Give every command and group of `app` (recursively) the plain help classes."""
    if _unset(app.info.cls, TyperGroup):
        app.info.cls = PlainHelpGroup
    for command in app.registered_commands:
        if _unset(command.cls, TyperCommand):
            command.cls = PlainHelpCommand
    for group in app.registered_groups:
        if _unset(group.cls, TyperGroup):
            group.cls = PlainHelpGroup
        if group.typer_instance is not None:
            plain_help(group.typer_instance)
