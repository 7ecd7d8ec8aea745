"""The CSR reports the reminder ladder chases: a commitment whose realisation report is due and
not yet reported reminds the company's people at each step once (also when the nightly run
repeats), never an outsider, escalates to the coordinators of its running partnership only,
and stops once a realisation is recorded."""

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from django.utils import translation

from simitra.notifications.ladder import run_ladder, sources
from simitra.notifications.models import Kind, Notification, Reminder
from simitra.organisations.models import Sector
from simitra.partnerships.models import Partnership
from simitra.partnerships.testing import make_member, make_organisation, make_partnership, make_user
from simitra.reference.models import Region
from simitra.regional.models import CsrCommitment, CsrRealisation

pytestmark = pytest.mark.django_db

DUE = dt.date(2027, 1, 31)
JAKARTA = ZoneInfo("Asia/Jakarta")


def on(offset: int):
    day = DUE + dt.timedelta(days=offset)
    return time_machine.travel(
        dt.datetime(day.year, day.month, day.day, 2, 0, tzinfo=JAKARTA), tick=False
    )


@pytest.fixture
def cast(db):
    company = make_organisation("PT Pangan", Sector.PRIVATE)
    other = make_organisation("PT Lain", Sector.PRIVATE)
    officer, deputy, outsider = make_user("csr"), make_user("csr2"), make_user("lain")
    make_member(officer, company)
    make_member(deputy, company)
    make_member(outsider, other)
    coordinator = make_user("koord")
    partnership = make_partnership(
        coordinators=[coordinator], status=Partnership.Status.ACTIVE, code="CSR-1"
    )
    commitment = CsrCommitment.objects.create(
        organisation=company,
        region=Region.objects.get(code="53.02"),
        year=2026,
        amount=Decimal("5000000"),
        report_due=DUE,
    )
    return locals()


def told():
    return [
        (n.recipient.username, n.params["step"])
        for n in Notification.objects.filter(kind=Kind.CSR_REPORT_DUE)
        .select_related("recipient")
        .order_by("pk")
    ]


def test_the_regional_app_registers_its_source():
    assert {"pledge", "decision", "csr"} <= set(sources())


def test_each_step_once_to_the_companys_people_and_no_outsider(cast):
    sent_on = {}
    for offset in range(-10, 40):
        before = len(told())
        with on(offset):
            run_ladder()
            run_ladder()  # the nightly run repeated: nothing more
        if new := told()[before:]:
            sent_on[offset] = sorted(new)
    assert sent_on == {
        -7: [("csr", "before"), ("csr2", "before")],
        0: [("csr", "due"), ("csr2", "due")],
        7: [("csr", "overdue"), ("csr2", "overdue")],
    }  # no partnership: nobody to escalate to
    assert Reminder.objects.filter(item="csr").count() == 3
    notification = Notification.objects.filter(kind=Kind.CSR_REPORT_DUE).first()
    assert notification.partnership is None
    assert notification.organisation == cast["company"]
    assert notification.url == reverse("regional:csr_realisation", args=[cast["commitment"].pk])


def test_a_commitment_through_a_partnership_escalates_to_its_coordinators(cast):
    CsrCommitment.objects.filter(pk=cast["commitment"].pk).update(partnership=cast["partnership"])
    with on(14):
        run_ladder()
        run_ladder()
    assert sorted(told()) == [("csr", "overdue"), ("csr2", "overdue"), ("koord", "escalated")]
    escalated = Notification.objects.get(kind=Kind.CSR_REPORT_DUE, recipient=cast["coordinator"])
    assert escalated.partnership == cast["partnership"]
    # The company's people hear of it about the company, even if they cannot read the partnership.
    assert (
        Notification.objects.filter(
            kind=Kind.CSR_REPORT_DUE, partnership__isnull=True, organisation=cast["company"]
        ).count()
        == 2
    )


def test_nothing_after_the_realisation_is_recorded(cast, client_for):
    with on(-7):
        run_ladder()
    assert sorted(told()) == [("csr", "before"), ("csr2", "before")]
    with on(-2):
        response = client_for(cast["officer"]).post(
            reverse("regional:csr_realisation", args=[cast["commitment"].pk]),
            {
                "amount": "2000000",
                "programme": "Air bersih",
                "beneficiaries": 10,
                "reported_on": "2027-01-29",
            },
        )
    assert response.status_code == 302 and CsrRealisation.objects.exists()
    CsrCommitment.objects.filter(pk=cast["commitment"].pk).update(partnership=cast["partnership"])
    for offset in (0, 7, 14, 30):
        with on(offset):
            run_ladder()
    assert len(told()) == 2


def test_the_reminder_shows_to_its_recipients_in_both_languages_only_while_they_work_there(
    cast, client_for
):
    with on(0):
        run_ladder()
    officer = cast["officer"]
    shown = Notification.objects.shown_to(officer)
    assert shown.count() == 1 and not Notification.objects.shown_to(cast["outsider"]).exists()
    notification = shown.get()
    with translation.override("en"):
        assert notification.message() == (
            "The CSR realisation report of PT Pangan for 2026, Kabupaten Timor Tengah Selatan is due today."
        )
    with translation.override("id"):
        assert "Laporan realisasi CSR PT Pangan" in notification.message()
    with on(0):
        body = client_for(officer).get(reverse("notifications:list")).content.decode()
        assert "Laporan realisasi CSR PT Pangan" in body and "PT Pangan" in body
        response = client_for(officer).post(reverse("notifications:open", args=[notification.pk]))
        assert response.url == notification.url
        assert (
            client_for(cast["outsider"])
            .post(reverse("notifications:open", args=[notification.pk]))
            .status_code
            == 404
        )
    officer.memberships.all().delete()
    officer = type(officer).objects.get(pk=officer.pk)
    assert not Notification.objects.shown_to(officer).exists()


def test_the_reminder_comes_by_e_mail_and_in_the_digest_under_the_companys_name(
    cast, settings, django_capture_on_commit_callbacks
):
    from django.core import mail

    from simitra.notifications import services
    from simitra.notifications.models import Delivery, Preference

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    Preference.objects.create(
        user=cast["officer"], kind=Kind.CSR_REPORT_DUE, delivery=Delivery.IMMEDIATE
    )
    mail.outbox = []
    with on(0), django_capture_on_commit_callbacks(execute=True):
        run_ladder()
    # The deputy's (daily) is in tonight's digest.
    with on(1):
        services.send_digests()
    by_recipient = {message.to[0]: message for message in mail.outbox}
    assert set(by_recipient) == {cast["officer"].email, cast["deputy"].email}
    at_once = by_recipient[cast["officer"].email]
    assert "PT Pangan" in at_once.subject and "/wilayah/csr/" in at_once.body
    digest = by_recipient[cast["deputy"].email]
    assert "== PT Pangan ==" in digest.body and "Laporan realisasi CSR PT Pangan" in digest.body
