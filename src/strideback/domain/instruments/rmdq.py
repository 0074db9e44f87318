"""Roland-Morris Disability Questionnaire: 24 statements, each yes (1) or no (0), total 0–24.

Source: Roland & Morris, Spine 1983;8(2):141–4. The statements are our own paraphrase of the originals,
in the original order. Missing answers: the original is a tick list in which an unticked statement
counts as "no"; here every statement is asked yes/no, so an unanswered one is not assumed to be "no"
and the response is not scored (no published rule fills the gap).
"""

from __future__ import annotations

from strideback.domain.instruments._base import (
    Answers,
    ChangeRule,
    Instrument,
    Item,
    Score,
    options,
    sum_of_all_items,
)

KEY = "rmdq"
MAX_SCORE = 24

_STATEMENTS = (
    "I stay at home most of the time because of my back.",
    "I keep changing position to try to get my back comfortable.",
    "Because of my back I walk more slowly than I normally do.",
    "Because of my back I am not doing any of the jobs I usually do around the house.",
    "Because of my back I use a handrail to get upstairs.",
    "Because of my back I lie down to rest more often.",
    "Because of my back I have to hold on to something to get up from an easy chair.",
    "Because of my back I try to get other people to do things for me.",
    "Because of my back I get dressed more slowly than I normally do.",
    "Because of my back I only stand up for short periods.",
    "Because of my back I try not to bend or kneel down.",
    "Because of my back I find it hard to get up from a chair.",
    "My back hurts almost all of the time.",
    "Because of my back I find it hard to turn over in bed.",
    "Because of my back pain I do not feel much like eating.",
    "Because of my back pain I have trouble putting on socks, tights or stockings.",
    "Because of my back I only walk short distances.",
    "Because of my back I do not sleep as well.",
    "Because of my back pain I need someone to help me get dressed.",
    "Because of my back I sit down for most of the day.",
    "Because of my back I avoid heavy jobs around the house.",
    "Because of my back pain I am more irritable and short-tempered with people than usual.",
    "Because of my back I go upstairs more slowly than I normally do.",
    "Because of my back I stay in bed most of the time.",
)

_YES_NO = options(("no, not today", "yes, this describes me today"))

ITEMS = tuple(Item(n, text, _YES_NO) for n, text in enumerate(_STATEMENTS, start=1))


def score_rmdq(answers: Answers) -> Score:
    # Roland & Morris 1983: the score is the number of statements that apply (0–24)
    return sum_of_all_items(
        KEY, answers, MAX_SCORE, "{total} of 24 everyday activities are limited by back pain today."
    )


INSTRUMENT = Instrument(
    key=KEY,
    name="Roland-Morris Disability Questionnaire",
    items=ITEMS,
    source="Roland M, Morris R. A study of the natural history of back pain. Part I. Spine 1983;8(2):141-4.",
    instructions="For each statement, answer yes if it describes you today, otherwise no.",
    max_score=MAX_SCORE,
    missing_rule="Every statement must be answered yes or no; any unanswered statement: not scored.",
    change_rule=ChangeRule(  # Ostelo et al., Spine 2008: 5 points or 30% on the RMDQ
        "meaningful at 5 points or 30% of the earlier score (Ostelo et al., Spine 2008)", points=5, percent=30
    ),
    scorer=score_rmdq,
)
