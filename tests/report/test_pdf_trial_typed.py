"""Issue 16, typed results: the report reads the trial's typed status and answer, not JSON documents."""

from __future__ import annotations

import datetime as dt

from strideback.domain import redflags
from strideback.domain.trial.answer import TrialAnswer
from strideback.report.pdf_trial import ReportTrial, trial_for_report

TODAY = dt.date(2026, 6, 1)


def test_the_report_gets_the_trials_typed_status_and_answer(person, monkeypatch) -> None:
    from strideback.services import trial
    from strideback.services.screening import record_screening

    monkeypatch.setattr(trial, "clock", lambda: TODAY)
    assert trial_for_report(person, TODAY) is None
    record_screening(person, dict.fromkeys(redflags.KEYS, False), TODAY, full_screen=True)
    trial.start(person, TODAY, seed=3)
    shown = trial_for_report(person, TODAY)
    assert isinstance(shown, ReportTrial)
    assert isinstance(shown.status, trial.TrialStatus) and isinstance(shown.answer, TrialAnswer)
    assert shown.status.start == TODAY and shown.answer.state == "running"
