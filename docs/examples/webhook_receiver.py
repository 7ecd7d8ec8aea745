"""A small receiver of Simitra's webhooks (Python standard library only).

    SIMITRA_WEBHOOK_SECRET=<the secret shown once> python webhook_receiver.py 8080

It listens on 127.0.0.1 behind the web server that holds the https:// address the subscription
names. It answers 204 to a delivery whose signature is right and whose time is recent, 400 otherwise,
and ignores an event id it has seen already (a retry or a resend of one it has handled).
"""

import hashlib
import hmac
import json
import os
import sys
import time
from http.server import BaseHTTPRequestHandler, HTTPServer

TOLERANCE = 300  # seconds: a signature older (or newer) than this is refused as a replay
SEEN: set[str] = set()  # keep these in your database in real use


def signature_ok(secret: str, header: str, body: bytes, now: float | None = None) -> bool:
    """Check `Simitra-Signature: t=<unix time>,v1=<hex>` against the raw body."""
    fields = dict(item.split("=", 1) for item in header.split(",") if "=" in item)
    try:
        timestamp = int(fields["t"])
    except (KeyError, ValueError):
        return False
    if abs((now or time.time()) - timestamp) > TOLERANCE:
        return False
    signed = str(timestamp).encode() + b"." + body
    expected = hmac.new(secret.encode(), signed, hashlib.sha256).hexdigest()
    return hmac.compare_digest(expected, fields.get("v1", ""))


class Receiver(BaseHTTPRequestHandler):
    secret = os.environ.get("SIMITRA_WEBHOOK_SECRET", "")

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if not signature_ok(self.secret, self.headers.get("Simitra-Signature", ""), body):
            self.send_response(400)
            self.end_headers()
            return
        event = json.loads(body)
        if event["id"] not in SEEN:
            SEEN.add(event["id"])
            print(event["type"], event["partnership"], event["record"].get("id"))
        self.send_response(204)
        self.end_headers()


if __name__ == "__main__":
    # Behind the web server that holds the https:// address (it passes the requests on here).
    port = int(sys.argv[1]) if len(sys.argv) > 1 else 8080
    HTTPServer(("127.0.0.1", port), Receiver).serve_forever()
