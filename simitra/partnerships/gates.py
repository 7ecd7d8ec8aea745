"""The gate framework: each phase's gate is a registry of named checks.

Cycle apps register their checks when Django starts (`AppConfig.ready`), so this module never
imports them:

    @gates.check(Phase.SCOPING, "problem_statement", order=10)
    def has_problem_statement(partnership) -> gates.Check:
        ...
        return gates.Check(passed=..., message=_("..."))

A check returned with `warning=True` is shown but does not hold the gate: it is advice (the
regional plan alignment, say, unless the deployment makes it blocking).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from .models import Phase


@dataclass(frozen=True)
class Check:
    passed: bool
    message: str
    warning: bool = False


@dataclass(frozen=True)
class CheckResult:
    code: str
    passed: bool
    message: str
    warning: bool = False

    def as_dict(self) -> dict:
        data = {"code": self.code, "passed": self.passed, "message": str(self.message)}
        if self.warning:
            data["warning"] = True
        return data


@dataclass(frozen=True)
class GateResult:
    phase: int
    checks: list[CheckResult] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return all(check.passed or check.warning for check in self.checks)

    @property
    def failed(self) -> list[CheckResult]:
        """The checks that hold the gate (a failed warning does not)."""
        return [check for check in self.checks if not check.passed and not check.warning]

    @property
    def warnings(self) -> list[CheckResult]:
        return [check for check in self.checks if not check.passed and check.warning]

    @property
    def has_gate(self) -> bool:
        """The last phase has no gate: it ends the partnership instead."""
        return self.phase < Phase.SUSTAINING


@dataclass(frozen=True)
class _Registered:
    code: str
    order: int
    function: Callable


_REGISTRY: dict[int, dict[str, _Registered]] = {phase: {} for phase in Phase.values}


def check(phase: int, code: str, *, order: int = 100):
    """Register `function(partnership) -> Check` as a check of `phase`'s gate."""

    def decorator(function: Callable) -> Callable:
        _REGISTRY[int(phase)][code] = _Registered(code=code, order=order, function=function)
        return function

    return decorator


def registered_checks(phase: int) -> list[str]:
    return [item.code for item in sorted(_REGISTRY[int(phase)].values(), key=lambda i: i.order)]


def run_gate(partnership, phase: int | None = None) -> GateResult:
    """Run every check of the gate that leaves `phase` (by default the current one)."""
    phase = int(phase or partnership.phase)
    results = []
    for item in sorted(_REGISTRY[phase].values(), key=lambda i: i.order):
        outcome = item.function(partnership)
        results.append(
            CheckResult(
                code=item.code,
                passed=outcome.passed,
                message=outcome.message,
                warning=outcome.warning,
            )
        )
    return GateResult(phase=phase, checks=results)
