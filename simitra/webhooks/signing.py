"""The signature of a delivery: HMAC-SHA256 with the subscription's secret over
`<unix time>.<body>`, sent as `Simitra-Signature: t=<unix time>,v1=<hex digest>`. The time is
inside what is signed, so a receiver that refuses old times refuses a replayed delivery."""

import hashlib
import hmac

HEADER = "Simitra-Signature"


def signature(secret: str, timestamp: int, body: bytes) -> str:
    message = str(timestamp).encode() + b"." + body
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def header_value(secret: str, timestamp: int, body: bytes) -> str:
    return f"t={timestamp},v1={signature(secret, timestamp, body)}"


def verify(secret: str, header: str, body: bytes, *, now: int, tolerance: int = 300) -> bool:
    """What a receiver does (docs/webhooks.md shows the same in a few lines)."""
    fields = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs(now - timestamp) > tolerance:
        return False
    expected = signature(secret, timestamp, body)
    return hmac.compare_digest(expected, fields.get("v1", ""))
