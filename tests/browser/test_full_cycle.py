"""One partnership from nothing to completed, through the pages only.

The coordinator creates it and invites two demo organisations; their representatives accept,
pledge, sign and answer for their organisations. At every phase the test first tries to move on
and checks the gate's failed checks are listed, then does the work the gate asks for through the
forms, moves on, and checks the new phase is shown. The database is only read, to check.
"""

import datetime as dt
import re
from pathlib import Path

import pytest
from django.utils import timezone

from simitra.partnerships import gates
from simitra.partnerships.models import Partnership

pytestmark = pytest.mark.browser

CODE = "KPG-SAMPAH-2027"
TITLE = "Pengelolaan Sampah Berbasis Masyarakat di Kota Kupang"
PRIVATE = "PT Nusa Pangan Lestari"  # its representative: mitra
UNIVERSITY = "Universitas Flobamora"  # its representative: adminorg
PASSWORD = "simitra-demo"


def day(offset: int) -> str:
    """A date `offset` days from the server's today (a signature may not be dated later)."""
    return (timezone.localdate() + dt.timedelta(days=offset)).isoformat()


class Cycle:
    """The browser, the server and who is logged in, with the few moves every step makes."""

    def __init__(self, page, base_url: str, artifacts: Path):
        self.page = page
        self.base = base_url
        self.artifacts = artifacts
        self.user = None
        self.shots = 0
        page.set_default_timeout(10_000)
        # Closing a round or a partnership asks "are you sure?": the person says yes.
        page.on("dialog", lambda dialog: dialog.accept())

    def url(self, path: str = "") -> str:
        return f"{self.base}/kemitraan/{CODE}/{path}"

    def go(self, path: str = ""):
        self.page.goto(self.url(path))
        # Wait for the page's own fragments too: on the test database (SQLite in memory, one
        # connection shared by the server's threads) a form sent while they are still being
        # answered can meet "database table is locked".
        self.page.wait_for_load_state("networkidle")

    def log_in(self, username: str):
        if self.user == username:
            return
        page = self.page
        page.context.clear_cookies()  # the previous user's session ends with its cookie
        page.goto(f"{self.base}/akun/masuk/")
        page.fill("#id_username", username)
        page.fill("#id_password", PASSWORD)
        page.click("form button[type=submit].btn-primary")
        page.wait_for_load_state("networkidle")
        assert "/akun/masuk/" not in page.url, f"{username} could not log in"
        self.user = username

    def submit(self, name: str = "Simpan", *, form=None):
        """Press the form's button and wait for the answer; a refused form fails here."""
        scope = form if form is not None else self.page.locator("main")
        with self.page.expect_navigation():
            scope.get_by_role("button", name=name, exact=True).first.click()
        self.page.wait_for_load_state("networkidle")
        errors = self.page.locator(".errorlist, .invalid-feedback:visible, .alert-danger")
        assert errors.count() == 0, f"{self.page.url}: {errors.all_inner_texts()}"

    def main_text(self) -> str:
        return self.page.locator("main").inner_text()

    def try_to_advance_and_see_the_gate(self, phase_name: str, *expected_failures: str):
        """Ask to move on with the gate unmet: refused, and the failed checks are listed, as
        many as the gate has (read back from the database) and each one named."""
        self.log_in("koordinator")
        self.go()
        with self.page.expect_navigation() as answer:
            self.page.get_by_role("button", name=re.compile("^Lanjut")).first.click()
        self.page.wait_for_load_state("networkidle")
        assert answer.value.status == 409
        assert self.page.locator(".alert-danger[role=alert]").count() == 1
        failed = self.page.locator(".gate-check.gate-fail").all_inner_texts()
        partnership = Partnership.objects.get(code=CODE)
        assert len(failed) == len(gates.run_gate(partnership).failed) == len(expected_failures)
        for failure in expected_failures:
            assert any(failure.lower() in text.lower() for text in failed), (failure, failed)
        assert Partnership.objects.get(code=CODE).phase == partnership.phase  # not moved
        self.shot(f"{phase_name}_gate_refused")

    def advance(self, to_phase_label: str):
        """Move on with the gate met: the new phase is the current step, and the move is
        logged as passed, not overridden."""
        self.log_in("koordinator")
        self.go()
        before = Partnership.objects.get(code=CODE).phase
        with self.page.expect_navigation():
            self.page.get_by_role("button", name=re.compile("^Lanjut")).first.click()
        self.page.wait_for_load_state("networkidle")
        assert f"/kemitraan/{CODE}/" == self.page.url.removeprefix(self.base), self.page.url
        current = self.page.locator(".step-current").inner_text()
        assert to_phase_label in current, current
        assert f"Lanjut ke: {to_phase_label}" in self.main_text()
        partnership = Partnership.objects.get(code=CODE)
        assert partnership.phase == before + 1
        move = partnership.transitions.get(from_phase=before, to_phase=before + 1)
        assert move.gate_passed and not move.overridden

    def shot(self, name: str):
        self.shots += 1
        path = self.artifacts / f"full_cycle_{self.shots:02d}_{name}.png"
        self.page.screenshot(path=str(path), full_page=True)


# --- the steps, in order ----------------------------------------------------------------------


def create_partnership(c: Cycle):
    c.log_in("koordinator")
    c.page.goto(f"{c.base}/kemitraan/baru/")
    c.page.fill("#id_title", TITLE)
    c.page.fill("#id_code", CODE)
    c.page.fill(
        "#id_summary",
        "Bank sampah kelurahan, pemilahan di sumber dan daur ulang plastik bersama warga.",
    )
    c.page.fill("#id_start_date", day(0))
    c.page.fill("#id_end_date", day(365))
    c.submit()
    assert c.page.url.endswith(f"/kemitraan/{CODE}/")
    assert "Menentukan masalah" in c.page.locator(".step-current").inner_text()
    c.shot("created")


def add_and_invite_partners(c: Cycle):
    c.log_in("koordinator")
    for organisation in (PRIVATE, UNIVERSITY):
        c.go("mitra/tambah/")
        c.page.fill("#id_organisation", organisation)
        c.page.select_option("#id_status", "invited")
        c.page.select_option("#id_relationship", "collaborative")
        c.submit()
        assert organisation in c.main_text()


USERS = ("mitra", "adminorg")


def partners_accept(c: Cycle):
    for username in USERS:
        c.log_in(username)
        c.go("undangan/")
        form = c.page.locator("main form").first
        form.get_by_label(re.compile("Terima")).first.check()
        c.submit(re.compile("^Jawab"), form=form)


def scoping(c: Cycle):
    c.try_to_advance_and_see_the_gate("scoping", "rumusan masalah", "kebutuhan", "kesesuaian")
    c.go("masalah/rumusan/")
    c.page.fill("#id_core_problem", "Sampah rumah tangga tidak terkelola")
    c.page.fill(
        "#id_statement",
        "Sebagian besar sampah rumah tangga di Kota Kupang dibuang ke lahan kosong atau dibakar.",
    )
    c.page.select_option("#id_proposed_by", label=UNIVERSITY)
    c.submit()
    c.go("bukti/tambah/")
    c.page.fill("#id_title", "Survei timbulan sampah Kota Kupang")
    c.page.fill("#id_publisher", UNIVERSITY)
    c.page.fill("#id_year", str(timezone.localdate().year - 1))
    c.page.fill("#id_figure", "62% sampah tidak terangkut")
    c.page.fill("#id_url", "https://example.org/survei-sampah-kupang")
    c.page.check("#id_supports_problem")
    c.submit()
    c.go("kebutuhan/tambah/")
    c.page.fill("#id_description", "Tempat pemilahan dan bank sampah di setiap kelurahan")
    c.page.fill("#id_affected_group", "Warga kelurahan padat")
    c.page.fill("#id_affected_size", "12000")
    c.page.get_by_label("Survei timbulan sampah Kota Kupang").check()
    c.page.check("#id_declaration")
    c.submit()
    c.go("kesesuaian/jawab/")
    for question, answer in [
        ("single_actor", "no"),
        ("shared_interest", "yes"),
        ("complementary", "yes"),
        ("contract_enough", "no"),
    ]:
        c.page.check(f"input[name={question}][value={answer}]")
    c.submit()
    c.go("?tab=1")
    c.shot("scoping")
    c.advance("Pemilihan mitra")


def identifying(c: Cycle):
    c.try_to_advance_and_see_the_gate("identifying", "penilai")
    for organisation in (PRIVATE, UNIVERSITY):  # the coordinator assesses each candidate
        c.go("calon-mitra/")
        with c.page.expect_navigation():
            c.page.locator("main a[href*='/calon-mitra/']", has_text=organisation).first.click()
        # An assessor first declares whether they have a conflict of interest.
        declaration = c.page.locator("form[action$='/deklarasi/']")
        declaration.locator("input[name=conflicted][value=no]").check()
        c.submit("Nyatakan dan mulai menilai", form=declaration)
        assessment = c.page.locator("form[action$='/nilai/']")
        for criterion, score in [
            ("capacity", 4),
            ("quality", 4),
            ("integrity", 5),
            ("commitment", 4),
        ]:
            assessment.locator(f"input[name={criterion}_score][value='{score}']").check()
            assessment.locator(f"textarea[name={criterion}_evidence]").fill(
                f"Dinilai dari profil dan rekam jejak {organisation}."
            )
        c.submit("Kirim (final)", form=assessment)
    c.go("?tab=2")
    c.shot("identifying")
    c.advance("Membangun")


PLEDGES = {
    "mitra": ("support", "Dana CSR untuk sarana bank sampah", "paket", "1", "150000000", "cash"),
    "adminorg": (
        "oversight",
        "Pemantauan dan survei timbulan sampah",
        "survei",
        "2",
        "40000000",
        "time",
    ),
}
ACTIVITIES = [  # responsible partner, title, deliverable, budget, funded by (pledge of)
    (
        PRIVATE,
        "Membangun bank sampah di lima kelurahan",
        "5 bank sampah beroperasi",
        "120000000",
        "NPL",
    ),
    (UNIVERSITY, "Survei awal dan akhir timbulan sampah", "Laporan survei", "30000000", "UNFLOB"),
]


def building(c: Cycle):
    c.try_to_advance_and_see_the_gate("building", "kontribusi", "rencana aksi")
    for username in USERS:  # each representative pledges for its own organisation
        category, description, unit, quantity, value, method = PLEDGES[username]
        c.log_in(username)
        c.go("kontribusi/baru/")
        c.page.check(f"input[name=category][value={category}]")
        c.page.fill("#id_description", description)
        c.page.fill("#id_unit", unit)
        c.page.fill("#id_quantity", quantity)
        c.page.fill("#id_estimated_value", value)
        c.page.select_option("#id_valuation_method", method)
        c.page.fill("#id_due_date", day(90))
        c.submit()
    c.log_in("koordinator")
    for position, activity in enumerate(ACTIVITIES, start=1):
        responsible, title, deliverable, budget, funder = activity
        c.go("rencana/kegiatan/baru/")
        c.page.fill("#id_title", title)
        c.page.select_option("#id_responsible", label=responsible)
        c.page.fill("#id_start_date", day(30 * position))
        c.page.fill("#id_end_date", day(30 * position + 60))
        c.page.fill("#id_deliverable", deliverable)
        c.page.fill("#id_budget", budget)
        c.page.get_by_label(re.compile(f"{funder} — ")).check()
        c.page.fill("#id_position", str(position))
        c.submit()
    c.go("?tab=3")
    c.shot("building")
    c.advance("Kesepakatan")


SIGNATORIES = [("Budi Santoso", "Manajer CSR"), ("Yohanes Tefa", "Kepala Pusat Studi Gizi")]


def agreeing(c: Cycle):
    c.try_to_advance_and_see_the_gate("agreeing", "nota kesepahaman ditandatangani")
    c.go("kesepakatan/baru/")
    c.page.check("input[name=kind][value=mou]")
    c.page.fill("#id_title", "Nota Kesepahaman Pengelolaan Sampah Kota Kupang")
    c.page.fill("#id_number", "001/KPG-SAMPAH/2027")
    c.page.fill("#id_place", "Kupang")
    for organisation in (PRIVATE, UNIVERSITY):
        c.page.get_by_label(organisation).check()
    c.submit("Susun")
    mou = c.page.url.removeprefix(c.url())
    # The drafted governance section leaves the secretariat to be named: no one may approve
    # or sign while a […] remains.
    c.go(f"{mou}bagian/governance/")
    body = c.page.input_value("#id_body")
    assert "[…" in body
    c.page.fill(
        "#id_body",
        re.sub(r"\[…[^\]]*\]", f"{UNIVERSITY} bertindak sebagai sekretariat.", body),
    )
    c.submit()
    c.go(mou)
    c.submit("Ajukan untuk ditinjau")
    for username in USERS:  # each party approves, then signs, for its own organisation
        c.log_in(username)
        c.go(mou)
        c.submit("Setujui atas nama pihak ini")
    for username, (name, title) in zip(USERS, SIGNATORIES):
        c.log_in(username)
        c.go(mou)
        with c.page.expect_navigation():
            c.page.get_by_role("link", name="Tanda tangani atas nama pihak ini").click()
        c.page.fill("#id_signatory_name", name)
        c.page.fill("#id_signatory_title", title)
        c.page.fill("#id_signed_on", day(0))
        c.submit(re.compile("^Tanda tangan"))
    c.shot("agreeing_mou_signed")
    c.advance("Mengelola")


def managing(c: Cycle):
    c.try_to_advance_and_see_the_gate("managing", "nilai indikator")
    c.go("hasil/hasil-baru/")
    c.page.fill("#id_title", "Sampah rumah tangga terpilah dan terolah")
    c.page.fill("#id_order", "1")
    c.submit()
    c.go("hasil/indikator/baru/")
    c.page.select_option("#id_result", label="Sampah rumah tangga terpilah dan terolah")
    c.page.select_option("#id_type", label="Hasil antara (outcome)")
    c.page.fill("#id_title", "Rumah tangga yang memilah sampah")
    c.page.fill("#id_unit", "rumah tangga")
    c.page.select_option("#id_frequency", "quarterly")
    c.page.fill("#id_baseline_value", "150")
    c.page.fill("#id_baseline_date", day(0))
    c.page.fill("#id_code", "11.6.1")
    c.page.fill("#id_means_of_verification", "Buku register bank sampah")
    c.page.select_option("#id_responsible_partner", label=UNIVERSITY)
    c.submit()
    indicator = c.page.url.removeprefix(c.url())
    c.go(f"{indicator}periode/")
    c.page.fill("#id_first_start", day(0))
    c.page.fill("#id_count", "4")
    c.submit("Tambah")
    targets = c.page.locator("input[name^=target_]")
    for index, target in enumerate(["300", "500", "800", "1000"]):
        targets.nth(index).fill(target)
    c.submit("Simpan target")
    c.log_in("adminorg")  # the responsible partner's representative reports the value
    c.go(f"{indicator}nilai/baru/")
    c.page.select_option("#id_period", index=1)
    c.page.fill("#id_value", "320")
    c.page.fill("#id_comment", "Register lima bank sampah, triwulan pertama.")
    c.submit("Simpan sebagai draf")
    c.submit("Ajukan")
    c.log_in("koordinator")  # and the coordinator approves it
    c.go(indicator)
    c.submit("Setujui")
    c.shot("managing_indicator")
    # Not in the gate, but the seed's third element: a risk, shared across the partners.
    c.go("risiko/baru/")
    c.page.select_option("#id_category", index=5)  # sustainability and dependency
    c.page.fill("#id_title", "Bank sampah berhenti setelah dana CSR habis")
    c.page.fill("#id_likelihood", "3")
    c.page.fill("#id_impact", "4")
    c.page.select_option("#id_owner", label=PRIVATE)
    c.page.fill("#id_mitigation", "Pengurus dilatih menjual sampah terpilah ke pembeli tetap.")
    c.page.fill("#id_review_date", day(60))
    c.submit()
    assert c.page.url.endswith("/bagi/"), c.page.url
    c.page.get_by_label(PRIVATE).fill("60")
    c.page.get_by_label(UNIVERSITY).fill("40")
    c.submit("Simpan pembagian")
    c.go("?tab=5")
    c.shot("managing")
    c.advance("Penilaian")


def reviewing(c: Cycle):
    c.try_to_advance_and_see_the_gate("reviewing", "cek kesehatan", "evaluasi")
    c.go("cek-kesehatan/baru/")
    c.page.fill("#id_title", "Cek kesehatan kemitraan triwulan pertama")
    c.page.fill("#id_due_date", day(14))
    c.submit("Buka putaran")
    health_round = c.page.url.removeprefix(c.url())
    answer_and_close(c, health_round)
    evaluate(c)
    c.go("?tab=6")
    c.shot("reviewing")
    c.advance("Keberlanjutan")


def answer_and_close(c: Cycle, health_round: str):
    for username, score in zip(USERS, ("4", "5")):  # every partner rates the partnership
        c.log_in(username)
        c.go(f"{health_round}jawab/")
        answers = c.page.locator(f"input[type=radio][name^=score_][value='{score}']")
        assert answers.count() >= 5
        for index in range(answers.count()):
            answers.nth(index).check()
        c.submit("Simpan jawaban saya")
    c.log_in("koordinator")
    c.go(health_round)
    c.submit("Tutup putaran")
    c.shot("reviewing_health_check")


def evaluate(c: Cycle):
    c.log_in("koordinator")
    c.go("evaluasi/baru/")
    c.page.fill("#id_title", "Evaluasi paruh waktu pengelolaan sampah")
    c.page.fill("#id_evaluator", UNIVERSITY)
    c.page.fill(
        "#id_impact_narrative",
        "Rumah tangga di lima kelurahan mulai memilah sampah; timbulan ke TPA turun.",
    )
    c.page.fill("#id_findings", "Bank sampah berjalan; pencatatan perlu dirapikan.")
    c.submit()
    c.submit("Tandai selesai")
    c.shot("reviewing_evaluation")


def close_as_completed(c: Cycle):
    c.go("penutupan/")
    c.page.check("input[name=outcome][value=completed]")
    c.page.fill("#id_reason", "Berakhir sesuai rencana; bank sampah dilanjutkan kelurahan.")
    with c.page.expect_navigation():
        c.page.get_by_role("button", name="Akhiri kemitraan").click()
    c.page.wait_for_load_state("networkidle")


def sustaining(c: Cycle):
    # No gate to leave the last phase: it ends as completed, which needs the sustainability
    # plan, and the closing page says so when asked too early.
    c.log_in("koordinator")
    close_as_completed(c)
    assert c.page.url.endswith("/penutupan/akhiri/"), c.page.url
    assert "rencana keberlanjutan" in c.main_text()
    assert c.page.locator(".errorlist, .alert-danger").count() >= 1
    assert Partnership.objects.get(code=CODE).status == "active"
    c.shot("sustaining_close_refused")
    c.go("keberlanjutan/ubah/")
    for field, text in [
        ("what_continues", "Bank sampah kelurahan dan jadwal pengangkutan terpilah."),
        ("carried_by", "Kelurahan dan pengurus bank sampah, didampingi " + UNIVERSITY + "."),
        ("funding_after_end", "Hasil penjualan sampah terpilah dan anggaran kelurahan."),
        ("dependency_avoidance", "Pengurus warga dilatih mengelola kas dan pencatatan sendiri."),
        ("exit_criteria", "Lima bank sampah mandiri secara keuangan selama dua triwulan."),
    ]:
        c.page.fill(f"#id_{field}", text)
    c.submit()
    c.go("pelajaran/baru/")
    c.page.fill("#id_title", "Pemilahan dimulai dari kader kelurahan")
    c.page.select_option("#id_phase", "5")
    c.page.fill("#id_what_happened", "Warga ikut memilah setelah kader memberi contoh.")
    c.page.fill("#id_what_was_learned", "Contoh dari tetangga lebih berpengaruh dari sosialisasi.")
    c.page.fill("#id_recommendation", "Latih kader lebih dulu sebelum membuka bank sampah.")
    c.submit()
    c.go("praktik/baru/")
    for field, text in [
        ("title", "Bank sampah kelurahan"),
        ("summary", "Warga menabung sampah terpilah dan menerima hasil penjualannya."),
        ("context", "Kota dengan pengangkutan sampah terbatas."),
        ("approach", "Kader, pencatatan tabungan dan pembeli sampah tetap."),
        ("results", "Lima bank sampah beroperasi."),
        ("replication_conditions", "Ada pembeli sampah terpilah di kota itu."),
        ("contacts", "Sekretariat kemitraan"),
    ]:
        c.page.fill(f"#id_{field}", text)
    c.submit()
    c.go("?tab=7")
    c.shot("sustaining")
    close_as_completed(c)
    completed(c)


def completed(c: Cycle):
    assert f"/kemitraan/{CODE}/" in c.page.url, c.page.url
    partnership = Partnership.objects.get(code=CODE)
    assert (partnership.status, partnership.phase) == ("completed", 7)
    c.go()
    assert c.page.locator(".badge.status-completed").inner_text() == "Selesai"
    assert c.page.locator("form[action$='/maju/']").count() == 0  # nothing to move on to
    c.page.get_by_role("button", name="EN").click()
    c.page.wait_for_load_state("networkidle")
    assert c.page.locator(".badge.status-completed").inner_text() == "Completed"
    assert "Sustaining" in c.page.locator(".step-current").inner_text()
    c.shot("completed")


STEPS = [
    create_partnership,
    add_and_invite_partners,
    partners_accept,
    scoping,
    identifying,
    building,
    agreeing,
    managing,
    reviewing,
    sustaining,
]


def test_a_partnership_goes_from_nothing_to_completed_through_the_pages(
    page, live_server, demo_world, artifacts
):
    cycle = Cycle(page, live_server.url, artifacts)
    for step in STEPS:
        step(cycle)
