"""Schemathesis against the live schema, on loopback: every operation of /api/v1/ is called
with generated requests (half of them aimed at real records); no answer may be a server error
or disagree with the schema (status codes, content types, bodies).

Run alone with `pytest -m schemathesis`; the number of generated cases is shown at the end of the
output (the `figures` fixture).
"""

import collections
import itertools
import os

import pytest

schemathesis = pytest.importorskip("schemathesis")

from hypothesis import HealthCheck, given, settings  # noqa: E402
from schemathesis.checks import not_a_server_error  # noqa: E402
from schemathesis.specs.openapi.checks import (  # noqa: E402
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from simitra.accounts.testing import issue_token  # noqa: E402
from simitra.partnerships.testing import build_world  # noqa: E402

from .cycle import add_cycle_records  # noqa: E402

pytestmark = [pytest.mark.schemathesis, pytest.mark.django_db(transaction=True)]

MAX_EXAMPLES = int(os.environ.get("SIMITRA_FUZZ_EXAMPLES", "30"))  # per operation
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
GENERATED: collections.Counter = collections.Counter()  # operation → cases sent
ANSWERED: collections.Counter = collections.Counter()  # status class → answers
_alternate = itertools.count()


@pytest.fixture
def api_schema(live_server, reference, settings):
    # The fuzzer must not be stopped by the rate limits it is not testing.
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"anon": "100000/minute", "user": "100000/minute"},
    }
    assert live_server.url.startswith(("http://localhost", "http://127.0.0.1"))
    return schemathesis.openapi.from_url(f"{live_server.url}/api/v1/schema/?format=json")


@pytest.fixture
def records(settings, tmp_path):
    settings.SIMITRA_PRIVATE_ROOT = tmp_path / "private"
    world = build_world()
    cycle = add_cycle_records(world)
    return {
        "token": issue_token(world.coordinator),
        "code": world.partnership.code,
        "slug": world.org_a.slug,
        "id": world.partner_b.pk,
        # A real record of each endpoint addressed by id.
        "ids": {
            "/api/v1/partners/": world.partner_b.pk,
            "/api/v1/contributions/": cycle.pledge.pk,
            "/api/v1/deliveries/": cycle.delivery.pk,
            "/api/v1/activities/": cycle.activity.pk,
            "/api/v1/agreements/": cycle.agreement.pk,
            "/api/v1/agreement-parties/": cycle.party.pk,
            "/api/v1/results/": cycle.result.pk,
            "/api/v1/indicators/": cycle.indicator.pk,
            "/api/v1/indicator-periods/": cycle.period.pk,
            "/api/v1/indicator-values/": cycle.value.pk,
            "/api/v1/risks/": cycle.risk.pk,
            "/api/v1/lessons/": cycle.lesson.pk,
            "/api/v1/practices/": cycle.practice.pk,
            "/api/v1/needs/": cycle.need.pk,
            "/api/v1/candidates/": cycle.candidate.pk,
            "/api/v1/candidate-assessments/": cycle.assessment.pk,
            "/api/v1/health-rounds/": cycle.health_round.pk,
            "/api/v1/health-responses/": cycle.health_response.pk,
        },
    }


def _real_value(records, path: str, name: str):
    if name == "id":
        for prefix, pk in records["ids"].items():
            if path.startswith(prefix):
                return pk
    return records.get(name)


def test_the_api_keeps_its_schema_and_never_fails(api_schema, records, figures):
    operations = [result.ok() for result in api_schema.get_all_operations()]
    assert len(operations) >= 16
    try:
        for operation in operations:
            _fuzz(operation, records)
    finally:
        for line in _report():
            figures(line)
    assert sum(GENERATED.values()) >= len(operations) * 10


def _fuzz(operation, records) -> None:
    headers = {"Authorization": f"Token {records['token']}"}

    @given(case=operation.as_strategy())
    @settings(
        max_examples=MAX_EXAMPLES,
        deadline=None,
        database=None,
        derandomize=not os.environ.get("SIMITRA_FUZZ_RANDOM"),
        suppress_health_check=list(HealthCheck),
    )
    def call(case):
        GENERATED[f"{case.method} {case.path}"] += 1
        if case.path_parameters and next(_alternate) % 2 == 0:
            for name in case.path_parameters:
                value = _real_value(records, case.path, name)
                if value is not None:
                    case.path_parameters[name] = value
        response = case.call_and_validate(headers=headers, checks=CHECKS)
        ANSWERED[f"{response.status_code // 100}xx"] += 1

    call()


def _report() -> list[str]:
    total = sum(GENERATED.values())
    return [
        f"schemathesis: {total} generated cases over {len(GENERATED)} operations",
        "  answers: " + ", ".join(f"{k} {v}" for k, v in sorted(ANSWERED.items())),
        *(f"  {count:4d}  {label}" for label, count in sorted(GENERATED.items())),
    ]
