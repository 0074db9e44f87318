"""The test run never touches the user's real data folder."""

from __future__ import annotations

import tempfile
from pathlib import Path


def test_settings_home_is_a_throwaway_folder():
    from django.conf import settings

    home = Path(settings.HOME).resolve()
    assert home.is_relative_to(Path(tempfile.gettempdir()).resolve())
    assert home.name.startswith("strideback-test-home-")
