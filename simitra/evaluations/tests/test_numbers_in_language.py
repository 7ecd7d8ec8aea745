"""The evaluation's sentences read in the reader's language: thousands grouped as `1.200` in
Bahasa Indonesia, `1,200` in English."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import translation

from simitra.evaluations.evaluation import (
    BeneficiaryFact,
    EvaluationInput,
    evaluation_facts,
    sentences,
)


@pytest.mark.parametrize(
    ("lang", "expected"),
    [
        ("id", "1.200 dari 2.400 penerima manfaat yang direncanakan terjangkau (50%)."),
        ("en", "1,200 of 2,400 planned beneficiaries reached (50%)."),
    ],
)
def test_the_evaluation_sentences_group_thousands_in_the_language(lang, expected):
    facts = evaluation_facts(
        EvaluationInput(
            on=dt.date(2026, 6, 30),
            pledged=Decimal(1000),
            delivered=Decimal(125),
            beneficiaries=(BeneficiaryFact("Balita", 2400, 1200),),
        )
    )
    with translation.override(lang):
        said = sentences(facts)
    assert said[-1] == expected
    assert said[-3].startswith("13%")  # 12.5 % rounds up as people round
