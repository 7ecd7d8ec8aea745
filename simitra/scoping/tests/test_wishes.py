import pytest

from simitra.scoping.wishes import NeedInput, need_status

pytestmark = pytest.mark.usefixtures("english")


def test_a_need_with_evidence_and_no_driver_is_verified():
    status = need_status(NeedInput(evidence_count=2))
    assert status.verified and not status.unverified and not status.wish
    assert status.reasons == []


def test_a_need_without_evidence_is_unverified():
    status = need_status(NeedInput(evidence_count=0))
    assert not status.verified and status.unverified and not status.wish
    assert "evidence" in status.reasons[0]


@pytest.mark.parametrize("driver", ["ambition", "institution", "pressure"])
def test_a_declared_driver_flags_a_need_even_with_evidence(driver):
    status = need_status(NeedInput(evidence_count=3, drivers=(driver,)))
    assert not status.verified and status.wish and not status.unverified


def test_both_reasons_are_given_together():
    status = need_status(NeedInput(evidence_count=0, drivers=("ambition", "pressure")))
    assert status.unverified and status.wish and len(status.reasons) == 2
    assert "personal ambition" in status.reasons[1] and "outside pressure" in status.reasons[1]


def test_it_refuses_an_unknown_driver():
    with pytest.raises(ValueError):
        need_status(NeedInput(evidence_count=1, drivers=("greed",)))
