"""`analyze` on the demo person finds what the demo was generated with (domain.demo.DEMO_TRUTH)."""

import datetime as dt

from strideback.domain.demo import DEMO_TRUTH
from strideback.services.analysis import analyze_person
from strideback.services.demo import create_demo


def test_analyze_on_the_demo_matches_how_it_was_made(person):
    create_demo(person, days=180, seed=7, end=dt.date(2026, 6, 30))
    result = analyze_person(person).to_json()
    effects = {(e["exposure"], e["outcome"]): e for e in result["effects"]}

    running = effects[("run_minutes", "leg_pain_next_morning")]
    assert running["verdict"] == "worse"  # the demo's runs raise next-morning leg pain
    truth = DEMO_TRUTH["run_minutes_per_30min_leg_pain_next_morning"]
    # The estimate is per 30 minutes; flares after load spikes add a little on top of the per-minute truth.
    assert running["ci_low"] <= truth + 0.2 and running["estimate"] > 0
    # Swims, rides and walks do nothing to next-morning pain in the demo: no claim either way.
    for exposure in ("swim_minutes", "cycle_minutes", "walk_minutes"):
        key = (exposure, "leg_pain_next_morning")
        assert effects[key]["verdict"] in ("unclear", "insufficient_data"), key
    assert result["n_days"] >= 150
