import itertools

import pytest

from simitra.scoping.suitability import ANSWERS, QUESTIONS, recommend

pytestmark = pytest.mark.usefixtures("english")


def answers(single_actor="no", shared_interest="yes", complementary="yes", contract_enough="no"):
    return {
        "single_actor": single_actor,
        "shared_interest": shared_interest,
        "complementary": complementary,
        "contract_enough": contract_enough,
    }


def test_shared_interest_and_complementary_parties_call_for_a_partnership():
    result = recommend(answers())
    assert result.recommendation == "partnership"
    assert len(result.reasons) == 2 and result.uncertain == []


def test_one_actor_who_can_solve_it_alone_needs_no_partnership():
    assert recommend(answers(single_actor="yes")).recommendation == "single_actor"


def test_a_contract_is_enough_when_a_service_can_be_bought():
    result = recommend(answers(contract_enough="yes"))
    assert result.recommendation == "contract"
    assert any("revisit" in reason for reason in result.reasons)


@pytest.mark.parametrize("field", ["shared_interest", "complementary"])
def test_without_a_confirmed_shared_interest_or_complement_it_is_a_contract(field):
    for value in ("no", "unsure"):
        assert recommend(answers(**{field: value})).recommendation == "contract"


def test_unsure_answers_are_named():
    result = recommend(answers(contract_enough="unsure"))
    assert result.recommendation == "partnership"
    assert result.uncertain == ["contract_enough"]
    assert any("Not sure" in reason for reason in result.reasons)


def test_every_combination_gives_a_recommendation_with_reasons():
    for combo in itertools.product(ANSWERS, repeat=len(QUESTIONS)):
        result = recommend(dict(zip(QUESTIONS, combo, strict=True)))
        assert result.recommendation in {"partnership", "contract", "single_actor"}
        assert result.reasons


def test_it_refuses_missing_answers():
    with pytest.raises(ValueError):
        recommend({"single_actor": "no"})
