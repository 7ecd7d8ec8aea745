"""What the health check announces to later apps: `round_opened` is sent with
`health_round=<HealthCheckRound>` once the transaction that opened the round commits (the
notifications tell the partners' representatives). The health check does not know who listens."""

from django.dispatch import Signal

round_opened = Signal()
