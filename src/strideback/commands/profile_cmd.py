"""`strideback profile [--name NAME] [--units km|miles]`: the name on the report and the units you read."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from strideback.commands._common import HomeOpt, JsonOpt, console, emit_json, open_store, usage_error
from strideback.domain.types import InvalidValue


def register(app: typer.Typer) -> None:
    @app.command("profile")
    def profile_command(
        name: Annotated[str | None, typer.Option("--name", help="Your name, as the report shows it.")] = None,
        units: Annotated[
            str | None,
            typer.Option(
                "--units", help="km or miles: how distances and paces are shown (--json stays metric)."
            ),
        ] = None,
        home: HomeOpt = None,
        as_json: JsonOpt = False,
    ) -> None:
        """Show or change your profile; options not given stay as they are."""
        from strideback.services.profile import get_profile, set_profile

        person_id = open_store(home)
        try:
            profile = (
                set_profile(person_id, name=name, units=units)
                if name is not None or units is not None
                else get_profile(person_id)
            )
        except InvalidValue as error:
            usage_error(f"{error}; nothing was changed.")
        if as_json:
            emit_json({"profile": profile.to_json()})
            return
        console.print(f"Name: {escape(profile.name)}", highlight=False)
        console.print(f"Units: {profile.word}", highlight=False)
