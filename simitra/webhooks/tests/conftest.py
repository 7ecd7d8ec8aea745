"""A receiver on 127.0.0.1 (http.server in a thread) and the task queue run by hand."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import SimpleNamespace

import pytest
from django_tasks import task_backends

from simitra.webhooks.models import Subscription


class Receiver:
    def __init__(self):
        self.requests: list[SimpleNamespace] = []
        self.codes: list[int] = []  # answered in turn; 200 once they run out
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                body = self.rfile.read(length)
                receiver.requests.append(
                    SimpleNamespace(path=self.path, headers=dict(self.headers), body=body)
                )
                code = receiver.codes.pop(0) if receiver.codes else 200
                self.send_response(code)
                self.send_header("Content-Length", "2")
                self.end_headers()
                self.wfile.write(b"ok")

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    def close(self):
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def receiver():
    server = Receiver()
    yield server
    server.close()


@pytest.fixture
def queue(settings):
    """The task queue kept in memory; `queue.run()` runs what is due, as the worker would."""
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    settings.SIMITRA_WEBHOOK_ALLOW_PRIVATE = True  # the receiver is on 127.0.0.1
    backend = task_backends["default"]
    backend.clear()

    def mine(result) -> bool:
        # The webhooks' deliveries; the early warning's recomputes queued by the same writes
        # are left out (tested in early_warning).
        return result.task.module_path.startswith("simitra.webhooks.")

    def run(*, due_only: bool = False):
        ran = []
        while backend.results:
            result = backend.results.pop(0)
            if mine(result):
                ran.append((result.task.run_after, result.task.call(*result.args, **result.kwargs)))
        return ran

    def pending():
        return [result for result in backend.results if mine(result)]

    yield SimpleNamespace(run=run, pending=pending, backend=backend)
    backend.clear()


@pytest.fixture
def subscribe():
    def make(partnership, owner, url, events=("risk.raised",), **fields):
        return Subscription.objects.create(
            partnership=partnership, owner=owner, url=url, event_types=list(events), **fields
        )

    return make
