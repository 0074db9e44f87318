"""`--help` without type tags: flags show nothing after their name, values a name (`--minutes MINUTES`).

Typer shows `<int>`, `<str>`, `<bool>` beside every option; for a person these say nothing. Choices
(sports, instruments, reach) keep their list, and options that name their value (`--date DATE`) keep it.
"""

from __future__ import annotations

from typing import Any

import typer
from typer.core import TyperCommand, TyperGroup


def _no_type(ctx: Any) -> None:
    return None


def _plain(params: list[Any]) -> None:
    for param in params:
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


def plain_help(app: typer.Typer) -> None:
    """Give every command and group of `app` (recursively) the plain help classes."""
    if app.info.cls in (None, TyperGroup):
        app.info.cls = PlainHelpGroup
    for command in app.registered_commands:
        if command.cls in (None, TyperCommand):
            command.cls = PlainHelpCommand
    for group in app.registered_groups:
        if group.cls in (None, TyperGroup):
            group.cls = PlainHelpGroup
        if group.typer_instance is not None:
            plain_help(group.typer_instance)
