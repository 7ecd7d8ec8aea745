"""Demo governance for the managing-phase partnership NTT-STUNTING-2025.

Dates are set relative to the day the demo is loaded, so the picture stays the same: a steering
committee and a secretariat, three meetings held, one decision overdue. Runs once per
partnership (skipped when it has a governance body).
"""

import datetime as dt

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from .models import Attendance, BodyMember, Decision, GovernanceBody, Meeting, MeetingDocument

CODE = "NTT-STUNTING-2025"

MEMBERS = [
    ("Ir. Yakobus Nenobais, M.Si.", "bappeda-tts", BodyMember.Role.CHAIR),
    ("Dewi Lestari", "pkpn", BodyMember.Role.SECRETARY),
    ("Budi Santoso", "nusa-pangan", BodyMember.Role.MEMBER),
    ("Maria Goreti Seran", "ygsn", BodyMember.Role.MEMBER),
    ("Dr. Yohanes Tefa", "unflobamora", BodyMember.Role.MEMBER),
    ("Anita Wulandari", "dkpa", BodyMember.Role.MEMBER),
    ("Mama Sofia Tanesib", "posyandu-mawar", BodyMember.Role.MEMBER),
]

# title, days before today, hours, place, link, agenda, minutes, absent slugs
MEETINGS = [
    (
        "Rapat perdana Komite Pengarah",
        300,
        3,
        "Aula Bappeda Kabupaten TTS, Soe",
        "",
        "1. Pengesahan kerangka acuan komite\n2. Pembagian peran mitra\n3. Rencana kerja triwulan I",
        "Kerangka acuan komite disahkan. Setiap mitra menunjuk satu wakil tetap. Sekretariat "
        "menyusun jadwal rapat triwulanan.",
        ["dkpa"],
    ),
    (
        "Rapat triwulan: tinjauan capaian dan risiko",
        180,
        2,
        "Kantor YGSN, Soe",
        "https://rapat.example.org/komite-stunting",
        "1. Capaian indikator triwulan lalu\n2. Keterlambatan dana operasional posyandu\n"
        "3. Rencana kelas ibu balita",
        "Capaian kader terlatih sesuai rencana. Kelas ibu balita tertinggal; YGSN menambah "
        "fasilitator. Bappeda mempercepat pencairan dana operasional posyandu.",
        ["unflobamora"],
    ),
    (
        "Rapat triwulan: persiapan penilaian tengah program",
        60,
        2,
        "",
        "https://rapat.example.org/komite-stunting",
        "1. Data status gizi terbaru\n2. Persiapan penilaian tengah program\n3. Keberlanjutan PMT lokal",
        "Universitas Flobamora memaparkan data status gizi. Disepakati penilaian tengah program "
        "dengan pemeriksaan kesehatan kemitraan oleh semua mitra.",
        [],
    ),
]


def _governance(world, partnership, today) -> None:
    partners = {slug: world.partners[(CODE, slug)] for slug in _slugs()}
    committee = GovernanceBody.objects.create(
        partnership=partnership,
        kind=GovernanceBody.Kind.STEERING_COMMITTEE,
        name="Komite Pengarah Kemitraan Stunting TTS",
        terms_of_reference=(
            "Mandat: mengarahkan kemitraan, menyetujui rencana kerja dan menilai capaian.\n"
            "Keanggotaan: satu wakil tetap dari setiap mitra; diketuai Bappeda TTS.\n"
            "Pengambilan keputusan: musyawarah mufakat; bila tidak tercapai, suara terbanyak "
            "dua pertiga anggota hadir.\n"
            "Rapat: sekurang-kurangnya sekali setiap triwulan."
        ),
    )
    GovernanceBody.objects.create(
        partnership=partnership,
        kind=GovernanceBody.Kind.SECRETARIAT,
        name="Sekretariat Kemitraan",
        terms_of_reference="Dijalankan PKPN: menyiapkan rapat, notulen, laporan dan data capaian.",
    )
    for person, slug, role in MEMBERS:
        BodyMember.objects.create(body=committee, person=person, partner=partners[slug], role=role)
    meetings = []
    now = timezone.localtime().replace(minute=0, second=0, microsecond=0)
    for title, days, hours, place, link, agenda, minutes, absent in MEETINGS:
        starts = (now - dt.timedelta(days=days)).replace(hour=9)
        meeting = Meeting.objects.create(
            partnership=partnership,
            body=committee,
            title=title,
            starts_at=starts,
            ends_at=starts + dt.timedelta(hours=hours),
            place=place,
            online_link=link,
            agenda=agenda,
            minutes=minutes,
        )
        for person, slug, _role in MEMBERS:
            status = Attendance.Status.ABSENT if slug in absent else Attendance.Status.PRESENT
            if link and not place:
                status = Attendance.Status.ONLINE if slug not in absent else status
            Attendance.objects.create(
                meeting=meeting, person=person, partner=partners[slug], status=status
            )
        meetings.append(meeting)
    document = MeetingDocument(
        meeting=meetings[0],
        title="Kerangka acuan Komite Pengarah (disahkan)",
        content_type="text/plain",
    )
    document.file.save(
        "kerangka-acuan-komite.txt",
        ContentFile(committee.terms_of_reference.encode("utf-8")),
        save=True,
    )
    decisions = [
        (
            meetings[0],
            "Setiap mitra menunjuk satu wakil tetap di Komite Pengarah.",
            "pkpn",
            -280,
            Decision.Status.DONE,
        ),
        (
            meetings[1],
            "Mempercepat pencairan dana operasional posyandu triwulan berikutnya.",
            "bappeda-tts",
            -30,
            Decision.Status.IN_PROGRESS,
        ),
        (
            meetings[1],
            "Menambah dua fasilitator kelas ibu balita.",
            "ygsn",
            -120,
            Decision.Status.DONE,
        ),
        (
            meetings[2],
            "Menyusun rancangan penilaian tengah program bersama semua mitra.",
            "unflobamora",
            45,
            Decision.Status.OPEN,
        ),
    ]
    for meeting, text, slug, due_in, status in decisions:
        Decision.objects.create(
            partnership=partnership,
            meeting=meeting,
            text=text,
            owner=partners[slug],
            due_date=today + dt.timedelta(days=due_in),
            status=status,
            done_on=today + dt.timedelta(days=due_in - 5)
            if status == Decision.Status.DONE
            else None,
        )


def _slugs():
    return ["pkpn", "bappeda-tts", "nusa-pangan", "dkpa", "ygsn", "unflobamora", "posyandu-mawar"]


@transaction.atomic
def load(world) -> None:
    partnership = world.partnerships.get(CODE)
    if partnership is None or GovernanceBody.objects.filter(partnership=partnership).exists():
        return
    _governance(world, partnership, timezone.localdate())
