"""N-of-1 evidence engine: is running helping or hurting this person? (issue #6)

`analyze(activities, checkins, questionnaires)` returns an `Analysis` whose `to_json()` follows the
`strideback analyze --json` contract in DESIGN.md.
"""

from strideback.domain.effects.engine import Analysis, analyze
from strideback.domain.effects.frame import build_daily_frame
from strideback.domain.effects.short_term import EXPOSURES, OUTCOMES, VERDICTS, Effect

__all__ = ["EXPOSURES", "OUTCOMES", "VERDICTS", "Analysis", "Effect", "analyze", "build_daily_frame"]
