"""The governance models moved from the partnerships app to this one (partnerships 0005,
governance 0001): a database holding governance rows from before the move keeps every row, every
history row, its content types and what points at them."""

import datetime as dt

import pytest
from django.contrib.admin.models import ADDITION, LogEntry
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db import connection, migrations
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from simitra.governance.models import (
    Attendance,
    BodyMember,
    Decision,
    GovernanceBody,
    Meeting,
    MeetingDocument,
)
from simitra.lib.testing import apply_only, unapply_only
from simitra.partnerships.testing import build_world

# Migrating runs outside a test transaction (SQLite's schema editor refuses to run inside one).
pytestmark = pytest.mark.django_db(transaction=True)

BEFORE_THE_MOVE = ("partnerships", "0004_private_files")
MODELS = [GovernanceBody, BodyMember, Meeting, Attendance, MeetingDocument, Decision]


def what_moves(graph) -> list:
    """The migrations that move the governance models, in the order they apply: partnerships'
    step after BEFORE_THE_MOVE, then every migration of the governance app."""
    governance = graph.forwards_plan(graph.leaf_nodes("governance")[0])
    return [("partnerships", "0005_governance_moves_out")] + [
        node for node in governance if node[0] == "governance"
    ]


def assert_nothing_else_touches_the_tables(graph, moving) -> None:
    """The plan is restricted to what moves; that is the same as running every migration from
    BEFORE_THE_MOVE on only if no other migration of the two apps names the moved models, and no
    raw SQL names their tables."""
    names = {m._meta.model_name for m in MODELS}
    names |= {m.history.model._meta.model_name for m in MODELS}
    tables = {m._meta.db_table for m in MODELS} | {m.history.model._meta.db_table for m in MODELS}
    earlier = set(graph.forwards_plan(BEFORE_THE_MOVE))

    def operations(ops):
        for operation in ops:
            yield operation
            if isinstance(operation, migrations.SeparateDatabaseAndState):
                yield from operations(operation.state_operations)
                yield from operations(operation.database_operations)

    for node, migration in graph.nodes.items():
        if node in earlier or node in moving:
            continue
        for operation in operations(migration.operations):
            if isinstance(operation, migrations.RunSQL):
                assert not any(table in str(operation.sql) for table in tables), node
            if migration.app_label in ("partnerships", "governance"):
                named = {getattr(operation, "model_name", None), getattr(operation, "name", None)}
                assert not {str(n).lower() for n in named if n} & names, (node, operation)


def write_before_the_move(world) -> dict:
    """Rows written through the models as they were, in the partnerships app."""
    old = MigrationExecutor(connection).loader.project_state(BEFORE_THE_MOVE).apps

    def model(name):
        return old.get_model("partnerships", name)

    now = timezone.now().replace(microsecond=0)
    starts = now - dt.timedelta(days=3)
    user_id = world.coordinator.pk
    body = model("GovernanceBody").objects.create(
        partnership_id=world.partnership.pk, kind="steering", name="Komite Pengarah"
    )
    member = model("BodyMember").objects.create(
        body=body, person="Ani", partner_id=world.partner_a.pk, role="chair"
    )
    meeting = model("Meeting").objects.create(
        partnership_id=world.partnership.pk,
        body=body,
        title="Rapat perdana",
        starts_at=starts,
        place="Soe",
    )
    present = model("Attendance").objects.create(
        meeting=meeting, person="Ani", partner_id=world.partner_a.pk, status="present"
    )
    absent = model("Attendance").objects.create(
        meeting=meeting, person="Budi", partner_id=world.partner_b.pk, status="absent"
    )
    decision = model("Decision").objects.create(
        partnership_id=world.partnership.pk,
        meeting=meeting,
        text="Kirim laporan",
        owner_id=world.partner_b.pk,
        due_date=dt.date(2026, 3, 1),
        status="in_progress",
    )
    history = {"history_date": now, "history_user_id": user_id}
    model("HistoricalGovernanceBody").objects.create(
        id=body.pk,
        partnership_id=world.partnership.pk,
        kind="steering",
        name="Komite",
        created_at=body.created_at,
        history_type="+",
        **history,
    )
    model("HistoricalGovernanceBody").objects.create(
        id=body.pk,
        partnership_id=world.partnership.pk,
        kind="steering",
        name="Komite Pengarah",
        created_at=body.created_at,
        history_type="~",
        history_change_reason="nama lengkap",
        **history,
    )
    model("HistoricalBodyMember").objects.create(
        id=member.pk,
        body_id=body.pk,
        person="Ani",
        partner_id=world.partner_a.pk,
        role="chair",
        history_type="+",
        **history,
    )
    model("HistoricalMeeting").objects.create(
        id=meeting.pk,
        partnership_id=world.partnership.pk,
        body_id=body.pk,
        title="Rapat perdana",
        starts_at=starts,
        place="Soe",
        created_at=meeting.created_at,
        history_type="+",
        **history,
    )
    for attendance in (present, absent):
        model("HistoricalAttendance").objects.create(
            id=attendance.pk,
            meeting_id=meeting.pk,
            person=attendance.person,
            partner_id=attendance.partner_id,
            status=attendance.status,
            history_type="+",
            **history,
        )
    model("HistoricalDecision").objects.create(
        id=decision.pk,
        partnership_id=world.partnership.pk,
        meeting_id=meeting.pk,
        text="Kirim laporan",
        owner_id=world.partner_b.pk,
        due_date=dt.date(2026, 3, 1),
        status="in_progress",
        history_type="+",
        **history,
    )
    # What points at the content types: permissions and the admin's log.
    body_type, _ = ContentType.objects.get_or_create(
        app_label="partnerships", model="governancebody"
    )
    permission, _ = Permission.objects.get_or_create(
        content_type=body_type,
        codename="change_governancebody",
        defaults={"name": "Can change governance body"},
    )
    world.coordinator.user_permissions.add(permission)
    log = LogEntry.objects.create(
        user_id=user_id,
        content_type=body_type,
        object_id=str(body.pk),
        object_repr=body.name,
        action_flag=ADDITION,
    )
    decision_type, _ = ContentType.objects.get_or_create(app_label="partnerships", model="decision")
    # As if the moved code had run before the migration: a content type made on first use.
    ContentType.objects.create(app_label="governance", model="decision")
    return {
        "body": body.pk,
        "member": member.pk,
        "meeting": meeting.pk,
        "attendances": [present.pk, absent.pk],
        "decision": decision.pk,
        "body_type": body_type.pk,
        "decision_type": decision_type.pk,
        "permission": permission.pk,
        "log": log.pk,
        "starts": starts,
    }


def test_the_move_keeps_every_row_its_history_and_its_content_types():
    world = build_world()
    executor = MigrationExecutor(connection)
    moving = what_moves(executor.loader.graph)
    assert_nothing_else_touches_the_tables(executor.loader.graph, moving)
    unapply_only(moving)
    try:
        # The database is the one from before the move: the models' content types under
        # partnerships, the columns governance added later gone, the move not recorded.
        assert not ContentType.objects.filter(app_label="governance").exists()
        assert ContentType.objects.filter(app_label="partnerships", model="meeting").exists()
        with connection.cursor() as cursor:
            columns = connection.introspection.get_table_description(
                cursor, Decision._meta.db_table
            )
        assert "updated_at" not in {column.name for column in columns}
        assert not set(MigrationExecutor(connection).loader.applied_migrations) & set(moving)
        before = write_before_the_move(world)
    finally:
        apply_only(moving)
    assert set(MigrationExecutor(connection).loader.applied_migrations) >= set(moving)

    body = GovernanceBody.objects.get(pk=before["body"])
    assert (body.partnership, body.kind, body.name) == (
        world.partnership,
        "steering",
        "Komite Pengarah",
    )
    member = BodyMember.objects.get(pk=before["member"])
    assert (member.body, member.person, member.partner, member.role) == (
        body,
        "Ani",
        world.partner_a,
        "chair",
    )
    meeting = Meeting.objects.get(pk=before["meeting"])
    assert (meeting.body, meeting.title, meeting.starts_at) == (
        body,
        "Rapat perdana",
        before["starts"],
    )
    assert sorted(meeting.attendances.values_list("pk", "person", "status")) == [
        (before["attendances"][0], "Ani", "present"),
        (before["attendances"][1], "Budi", "absent"),
    ]
    decision = Decision.objects.get(pk=before["decision"])
    assert (decision.meeting, decision.owner, decision.status) == (
        meeting,
        world.partner_b,
        "in_progress",
    )

    assert [(h.history_type, h.name) for h in body.history.order_by("history_id")] == [
        ("+", "Komite"),
        ("~", "Komite Pengarah"),
    ]
    latest = body.history.latest()
    assert latest.history_user == world.coordinator
    assert latest.history_change_reason == "nama lengkap"
    assert latest.instance.partnership == world.partnership
    assert member.history.get().instance.partner == world.partner_a
    assert meeting.history.get().title == "Rapat perdana"
    assert Attendance.history.filter(meeting_id=meeting.pk).count() == 2
    assert decision.history.get().instance.owner == world.partner_b

    body_type = ContentType.objects.get_for_model(GovernanceBody)
    assert body_type.pk == before["body_type"] and body_type.app_label == "governance"
    assert not ContentType.objects.filter(
        app_label="partnerships", model__in=[m._meta.model_name for m in MODELS]
    ).exists()
    assert Permission.objects.get(pk=before["permission"]).content_type == body_type
    world.coordinator.refresh_from_db()
    assert world.coordinator.has_perm("governance.change_governancebody")
    assert LogEntry.objects.get(pk=before["log"]).get_edited_object() == body
    # The content type made early gave way to the one that carries the permissions.
    assert ContentType.objects.get_for_model(Decision).pk == before["decision_type"]
    assert ContentType.objects.get_for_model(GovernanceBody.history.model).app_label == "governance"

    # The tables go on as before: new rows take the next ids.
    later = GovernanceBody.objects.create(
        partnership=world.partnership, kind="secretariat", name="Sekretariat"
    )
    assert later.pk > body.pk and later.history.count() == 1
