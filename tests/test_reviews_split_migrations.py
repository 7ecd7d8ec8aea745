"""The health, early_warning and evaluations apps adopt what the old `reviews` app left.

A database migrated by the old `reviews` migrations (kept in tests/old_reviews/migrations/, as
they were) has its tables, rows, history rows, content types and permissions under `reviews`.
Migrating it with the three apps' initial migrations creates nothing, keeps every row readable
through the new models, and moves the content types (with their ids, so granted permissions
stay granted). Unapplying keeps the rows; applying again adopts them again.
"""

import datetime as dt
import importlib

import pytest
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder
from django.db.migrations.state import ProjectState
from django.utils import timezone

from simitra.early_warning.models import Alert, PartnershipWarning
from simitra.evaluations.models import Evaluation, RevisionAction
from simitra.health.models import HealthAnswer, HealthCheckRound, HealthQuestion, HealthResponse
from simitra.lib.testing import apply_only, unapply_only
from simitra.partnerships.models import Phase
from simitra.partnerships.testing import build_world

NEW_APPS = ("health", "early_warning", "evaluations")
OLD_MIGRATIONS = ("0001_initial", "0002_evaluations_warnings_alerts")
# What the old migrations stood on: the apps their models refer to (never the new apps, whose
# models would share the old ones' tables and reverse names in one state).
BELOW = ("accounts", "partnerships", "planning", "agreements")
NOW = timezone.make_aware(dt.datetime(2026, 5, 4, 10, 0))


def _old_migration(name):
    module = importlib.import_module(f"tests.old_reviews.migrations.{name}")
    return module.Migration(name, "reviews")


def _tables():
    with connection.cursor() as cursor:
        return set(connection.introspection.table_names(cursor))


def _new_migrations():
    """The new apps' migrations, in the order they apply: their initial ones, and nothing else
    stands on them (so unapplying them is what `migrate <app> zero` does for the three)."""
    graph = MigrationExecutor(connection).loader.graph
    nodes = [(app, "0001_initial") for app in NEW_APPS]
    assert {node for node in graph.nodes if node[0] in NEW_APPS} == set(nodes)
    assert all(child[0] in NEW_APPS for node in nodes for child in graph.node_map[node].children)
    return nodes


def _migrate_the_new_apps():
    """Applies the new apps' migrations not applied yet (only those, on a state of the apps they
    stand on: see simitra.lib.testing.apply_only)."""
    applied = MigrationRecorder(connection).applied_migrations()
    apply_only([node for node in _new_migrations() if node not in applied])


def _drop_the_new_apps():
    """The new apps' tables, content types and migration records, gone: what remains is the
    database as it was before they existed."""
    state = MigrationExecutor(connection).loader.project_state(_new_migrations())
    with connection.schema_editor() as editor:
        for app in reversed(NEW_APPS):
            for model in state.apps.get_app_config(app).get_models():
                editor.delete_model(model)
    MigrationRecorder(connection).migration_qs.filter(app__in=NEW_APPS).delete()


def _build_the_old_app():
    """The old migrations applied and recorded, as `migrate` did before the split."""
    loader = MigrationExecutor(connection).loader
    state = loader.project_state([node for node in loader.graph.leaf_nodes() if node[0] in BELOW])
    with connection.schema_editor() as editor:
        for name in OLD_MIGRATIONS:
            state = _old_migration(name).apply(state, editor)
    recorder = MigrationRecorder(connection)
    for name in OLD_MIGRATIONS:
        recorder.record_applied("reviews", name)
    # Rendered afresh: the models rendered while migrating may point at earlier renderings.
    return ProjectState(models=state.models, real_apps=state.real_apps).apps


def _history(old_apps, row, **fields):
    """One history row of `row` (model of the old state), as django-simple-history writes it."""
    historical = old_apps.get_model("reviews", f"Historical{row._meta.object_name}")
    values = {
        field.attname: getattr(row, field.attname)
        for field in historical._meta.concrete_fields
        if not field.name.startswith("history_") and hasattr(row, field.attname)
    }
    return historical.objects.create(
        **values, history_date=NOW, history_type="+", history_change_reason="", **fields
    )


def _old_rows(old_apps, world):
    get = lambda name: old_apps.get_model("reviews", name)  # noqa: E731
    rows = {}
    rows["round"] = get("HealthCheckRound").objects.create(
        partnership_id=world.partnership.pk,
        title="Cek kesehatan 2025",
        anonymous=True,
        opened_at=NOW,
        closed_at=NOW,
        completed=True,
        opened_by_id=world.coordinator.pk,
    )
    rows["round"].expected_partners.set([world.partner_a.pk, world.partner_b.pk])
    rows["question"] = get("HealthQuestion").objects.create(
        round=rows["round"], dimension="trust", order=10
    )
    rows["own_question"] = get("HealthQuestion").objects.create(
        round=rows["round"], text="Rapat berjalan tepat waktu.", order=200
    )
    rows["response"] = get("HealthResponse").objects.create(
        round=rows["round"], partner_id=world.partner_a.pk, respondent_id=world.partner_user.pk
    )
    rows["answer"] = get("HealthAnswer").objects.create(
        response=rows["response"], question=rows["question"], score=4, comment="Saling percaya."
    )
    rows["evaluation"] = get("Evaluation").objects.create(
        partnership_id=world.partnership.pk,
        title="Evaluasi tengah periode",
        evaluated_on=NOW.date(),
        impact_narrative="Dampak.",
        findings="Temuan.",
        status="completed",
        facts={"activities": {"done": 2}},
        completed_at=NOW,
    )
    rows["action"] = get("RevisionAction").objects.create(
        evaluation=rows["evaluation"],
        recommendation="Perbaiki jadwal rapat.",
        owner_id=world.partner_b.pk,
        due_date=NOW.date(),
        status="open",
    )
    rows["state"] = get("PartnershipWarning").objects.create(
        partnership_id=world.partnership.pk,
        level="amber",
        rank=2,
        amber_count=1,
        signals=[{"code": "decisions_overdue", "state": "amber"}],
        fingerprint="f" * 64,
        health_mean=3.5,
        computed_at=NOW,
        changed_at=NOW,
    )
    rows["alert"] = get("Alert").objects.create(
        partnership_id=world.partnership.pk,
        signal="decisions_overdue",
        severity="amber",
        value=1,
        details={"code": "decisions_overdue"},
        raised_at=NOW,
    )
    for key in ("round", "question", "own_question", "response", "answer", "evaluation", "action"):
        _history(old_apps, rows[key], history_user_id=world.coordinator.pk)
    _history(old_apps, rows["alert"])
    return {key: row.pk for key, row in rows.items()}


@pytest.fixture(scope="module")
def adopted(django_db_setup, django_db_blocker):
    """A database as the old `reviews` migrations left it, with rows in every table, then
    migrated once by the new apps' initial migrations: the tests read what the migration made
    (each in a transaction rolled back after it), the last one unapplies and applies again.
    Committed, as migrating needs (SQLite's schema editor refuses to run inside a transaction),
    and emptied afterwards, with the new apps' tables restored whatever the tests did."""
    with django_db_blocker.unblock():
        world = build_world(phase=Phase.REVIEWING)
        # Their content types, as they were under the old label (with their permissions).
        ContentType.objects.filter(app_label__in=NEW_APPS).update(app_label="reviews")
        ContentType.objects.clear_cache()
        content_types = dict(
            ContentType.objects.filter(app_label="reviews").values_list("model", "pk")
        )
        reviewers = Group.objects.create(name="Penilai")
        reviewers.permissions.add(
            Permission.objects.get(content_type__app_label="reviews", codename="change_evaluation")
        )
        try:
            _drop_the_new_apps()
            old_apps = _build_the_old_app()
            pks = _old_rows(old_apps, world)
            tables = _tables()
            _migrate_the_new_apps()
            yield world, pks, content_types, reviewers, tables
        finally:
            MigrationRecorder(connection).migration_qs.filter(app="reviews").delete()
            _migrate_the_new_apps()  # puts back whatever is missing
            call_command("flush", interactive=False, verbosity=0)


def test_the_new_apps_adopt_the_tables_every_row_and_new_ones(adopted, db):
    world, pks, _content_types, _group, tables = adopted

    assert _tables() == tables  # nothing created
    health_round = HealthCheckRound.objects.get(pk=pks["round"])
    assert (health_round.title, health_round.anonymous, health_round.completed) == (
        "Cek kesehatan 2025",
        True,
        True,
    )
    assert health_round.partnership == world.partnership
    assert set(health_round.expected_partners.all()) == {world.partner_a, world.partner_b}
    assert [q.dimension or q.text for q in health_round.questions.all()] == [
        "trust",
        "Rapat berjalan tepat waktu.",
    ]
    response = HealthResponse.objects.get(pk=pks["response"])
    assert (response.partner, response.respondent) == (world.partner_a, world.partner_user)
    answer = HealthAnswer.objects.get(pk=pks["answer"])
    assert (answer.question_id, answer.score, answer.comment) == (
        pks["question"],
        4,
        "Saling percaya.",
    )
    evaluation = Evaluation.objects.get(pk=pks["evaluation"])
    assert evaluation.is_completed and evaluation.facts == {"activities": {"done": 2}}
    action = RevisionAction.objects.get(pk=pks["action"])
    assert (action.evaluation, action.owner, action.is_open) == (evaluation, world.partner_b, True)
    state = PartnershipWarning.objects.get(partnership=world.partnership)
    assert (state.level, state.amber_count, state.health_mean) == ("amber", 1, 3.5)
    alert = Alert.objects.get(pk=pks["alert"])
    assert (alert.signal, alert.severity, alert.is_open) == ("decisions_overdue", "amber", True)
    newer = HealthCheckRound.objects.create(partnership=world.partnership, title="Putaran baru")
    assert newer.pk > pks["round"]  # the ids go on where they were
    assert HealthCheckRound.history.filter(id=newer.pk).count() == 1


def test_every_history_row_reads_through_the_new_models(adopted, db):
    world, pks, _content_types, _group, _before = adopted

    for model, key in [
        (HealthCheckRound, "round"),
        (HealthQuestion, "question"),
        (HealthQuestion, "own_question"),
        (HealthResponse, "response"),
        (HealthAnswer, "answer"),
        (Evaluation, "evaluation"),
        (RevisionAction, "action"),
        (Alert, "alert"),
    ]:
        record = model.history.get(id=pks[key])
        assert record.history_type == "+" and record.history_date == NOW, model
        assert record.instance.pk == pks[key]
    assert HealthCheckRound.history.get().history_user == world.coordinator
    assert HealthCheckRound.history.get().instance.title == "Cek kesehatan 2025"


def test_the_content_types_move_with_their_ids_and_permissions(adopted, db):
    world, _pks, content_types, reviewers, _before = adopted
    ContentType.objects.clear_cache()

    assert not ContentType.objects.filter(app_label="reviews").exists()
    for model, app in [
        (HealthCheckRound, "health"),
        (HealthCheckRound.history.model, "health"),
        (HealthAnswer, "health"),
        (Evaluation, "evaluations"),
        (RevisionAction.history.model, "evaluations"),
        (PartnershipWarning, "early_warning"),
        (Alert, "early_warning"),
    ]:
        content_type = ContentType.objects.get_for_model(model)
        assert content_type.app_label == app
        assert content_type.pk == content_types[model._meta.model_name]
    world.coordinator.groups.add(reviewers)
    assert world.coordinator.has_perm("evaluations.change_evaluation")


def test_unapplying_keeps_the_rows_and_applying_again_adopts_them(adopted, transactional_db):
    _world, pks, content_types, _group, _before = adopted

    unapply_only(_new_migrations())
    assert {"reviews_healthcheckround", "reviews_evaluation", "reviews_alert"} <= _tables()
    assert ContentType.objects.get(pk=content_types["alert"]).app_label == "reviews"

    _migrate_the_new_apps()
    assert HealthCheckRound.objects.filter(pk=pks["round"]).exists()
    assert ContentType.objects.get(pk=content_types["alert"]).app_label == "early_warning"


def test_a_fresh_database_gets_the_tables(db):
    """What the test database itself went through: the old names, created by the new apps."""
    assert {
        "reviews_healthcheckround",
        "reviews_healthcheckround_expected_partners",
        "reviews_historicalhealthcheckround",
        "reviews_evaluation",
        "reviews_historicalrevisionaction",
        "reviews_partnershipwarning",
        "reviews_alert",
        "reviews_historicalalert",
    } <= _tables()
    applied = MigrationRecorder(connection).applied_migrations()
    assert all((app, "0001_initial") in applied for app in NEW_APPS)
