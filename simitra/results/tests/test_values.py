"""The approval flow of values: the responsible partner enters and submits, the coordinator
approves or returns; only approved values count."""

import pytest
from django.urls import reverse

from simitra.results.models import IndicatorValue
from simitra.results.selectors import attach_progress, indicators_with_progress_data
from simitra.results.testing import make_indicator, make_value

pytestmark = pytest.mark.django_db


@pytest.fixture
def indicator(world):
    return make_indicator(world.partnership, world.partner_a, periods=3)


def url(name, world, *args):
    return reverse(f"results:{name}", args=[world.partnership.code, *args])


def test_the_responsible_partner_enters_a_draft(world, indicator, client_for):
    period = indicator.periods.first()
    response = client_for(world.partner_user).post(
        url("value_add", world, indicator.pk),
        {"period": period.pk, "value": "7", "comment": "Rekap"},
    )
    assert response.status_code == 302
    value = IndicatorValue.objects.get()
    assert value.status == "draft" and value.entered_by == world.partner_user


def test_another_partner_may_not_enter_values(world, indicator, client_for):
    response = client_for(world.partner_b_user).post(
        url("value_add", world, indicator.pk),
        {"period": indicator.periods.first().pk, "value": "7"},
    )
    assert response.status_code == 403
    assert not IndicatorValue.objects.exists()


def test_an_outsider_does_not_learn_the_partnership_exists(world, indicator, client_for):
    client = client_for(world.outsider)
    assert client.get(url("page", world)).status_code == 404
    assert client.get(url("indicator", world, indicator.pk)).status_code == 404
    assert client.get(url("value_add", world, indicator.pk)).status_code == 404


def test_a_value_for_a_period_outside_the_indicator_is_refused(world, indicator, client_for):
    other = make_indicator(world.partnership, world.partner_a, periods=1, title="Lain")
    foreign_period = other.periods.get()
    client = client_for(world.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        url("value_add", world, indicator.pk), {"period": foreign_period.pk, "value": "7"}
    )
    assert response.status_code == 200
    assert "Choose one of this indicator&#x27;s periods." in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_a_percentage_above_100_is_refused(world, client_for):
    indicator = make_indicator(world.partnership, world.partner_a, measure="percentage")
    response = client_for(world.partner_user).post(
        url("value_add", world, indicator.pk),
        {"period": indicator.periods.first().pk, "value": "120"},
    )
    assert response.status_code == 200
    assert not IndicatorValue.objects.exists()


def test_only_the_responsible_partner_submits(world, indicator, client_for):
    value = make_value(indicator.periods.first())
    assert (
        client_for(world.coordinator).post(url("value_submit", world, value.pk)).status_code == 403
    )
    assert (
        client_for(world.partner_b_user).post(url("value_submit", world, value.pk)).status_code
        == 403
    )
    assert client_for(world.observer).post(url("value_submit", world, value.pk)).status_code == 403
    value.refresh_from_db()
    assert value.status == "draft"
    response = client_for(world.partner_user).post(url("value_submit", world, value.pk))
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.status == "submitted" and value.submitted_by == world.partner_user


def test_only_the_coordinator_approves(world, indicator, client_for):
    value = make_value(indicator.periods.first(), status="submitted")
    for user in (world.partner_user, world.partner_b_user, world.observer):
        assert client_for(user).post(url("value_approve", world, value.pk)).status_code == 403
    value.refresh_from_db()
    assert value.status == "submitted"
    assert (
        client_for(world.coordinator).post(url("value_approve", world, value.pk)).status_code == 302
    )
    value.refresh_from_db()
    assert value.status == "approved" and value.reviewed_by == world.coordinator


def test_a_draft_cannot_be_approved(world, indicator, client_for):
    value = make_value(indicator.periods.first())
    client_for(world.coordinator).post(url("value_approve", world, value.pk))
    value.refresh_from_db()
    assert value.status == "draft"


def test_returning_needs_a_reason_and_keeps_it(world, indicator, client_for):
    value = make_value(indicator.periods.first(), status="submitted")
    client = client_for(world.coordinator)
    response = client.post(url("value_return", world, value.pk), {"reason": "  "})
    assert response.status_code == 200
    value.refresh_from_db()
    assert value.status == "submitted"
    client.post(url("value_return", world, value.pk), {"reason": "Angka tidak cocok"})
    value.refresh_from_db()
    assert value.status == "returned" and value.return_reason == "Angka tidak cocok"


def test_a_submitted_value_cannot_be_edited(world, indicator, client_for):
    value = make_value(indicator.periods.first(), status="submitted")
    response = client_for(world.partner_user).post(
        url("value_edit", world, value.pk), {"period": value.period_id, "value": "99"}
    )
    assert response.status_code == 302
    value.refresh_from_db()
    assert value.value == 5


def test_only_approved_values_count_in_progress(world, indicator):
    first, second, third = indicator.periods.order_by("start")
    make_value(first, "10", status="approved")
    make_value(second, "30", status="returned")
    make_value(third, "40", status="submitted")
    [item] = attach_progress(indicators_with_progress_data(world.partnership))
    assert item.progress.latest_actual == 10
    assert item.progress.latest_end == first.end


def test_the_indicator_page_draws_only_approved_values(world, indicator, client_for):
    first, second, _third = indicator.periods.order_by("start")
    make_value(first, "10", status="approved")
    make_value(second, "30", status="returned")
    response = client_for(world.observer).get(url("indicator", world, indicator.pk))
    assert response.status_code == 200
    chart = response.context["chart"]
    assert chart["data"]["datasets"][1]["data"] == [10.0, None, None]
    assert 'data-chart="indicator-chart"' in response.content.decode()


def test_evidence_of_another_kind_is_refused(world, indicator, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("bukti.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    client = client_for(world.partner_user)
    client.post(reverse("accounts:set_language"), {"language": "en"})
    response = client.post(
        url("value_add", world, indicator.pk),
        {"period": indicator.periods.first().pk, "value": "7", "evidence": fake},
    )
    assert response.status_code == 200
    assert "This kind of file is not accepted" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_evidence_over_the_size_limit_is_refused(world, indicator, client_for, settings):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.SIMITRA_MAX_UPLOAD_BYTES = 100
    big = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n" + b"0" * 200)
    response = client_for(world.partner_user).post(
        url("value_add", world, indicator.pk),
        {"period": indicator.periods.first().pk, "value": "7", "evidence": big},
    )
    assert response.status_code == 200
    assert "Berkas terlalu besar" in response.content.decode()
    assert not IndicatorValue.objects.exists()


def test_evidence_is_served_only_through_the_access_check(
    world, indicator, client_for, settings, tmp_path
):
    from django.core.files.uploadedfile import SimpleUploadedFile

    settings.MEDIA_ROOT = tmp_path
    pdf = SimpleUploadedFile("bukti.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    client_for(world.partner_user).post(
        url("value_add", world, indicator.pk),
        {"period": indicator.periods.first().pk, "value": "7", "evidence": pdf},
    )
    value = IndicatorValue.objects.get()
    assert value.evidence_content_type == "application/pdf"
    assert client_for(world.outsider).get(url("value_evidence", world, value.pk)).status_code == 404
    response = client_for(world.observer).get(url("value_evidence", world, value.pk))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
