"""A production-like Simitra for the HTTP benchmarks: a scratch database with the demo data,
gunicorn with production settings on loopback, signed-in sessions, and wrk.

The database is SQLite in a temporary folder unless DATABASE_URL is set — it must then name a
PostgreSQL database you do not mind emptying (it is flushed and refilled): an empty one, or one
these scripts made (a table of an app no longer installed can stop the flush). The bench URLconf
(`_bench_urls`) adds one bare view beside the site's own URLs; production never loads it."""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BENCH = Path(__file__).resolve().parent
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PASSWORD = "simitra-demo"


def environment(folder: Path) -> dict:
    env = dict(os.environ)
    env.setdefault("DATABASE_URL", f"sqlite:///{folder / 'bench.sqlite3'}")
    env.update(
        DEBUG="0",
        SECRET_KEY="bench-only-not-secret",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        SIMITRA_DATA_DIR=str(folder),
        SIMITRA_DEMO="1",  # the demo accounts log in
        SECURE_SSL_REDIRECT="0",
        SESSION_COOKIE_SECURE="0",
        CSRF_COOKIE_SECURE="0",
        SECURE_HSTS_SECONDS="0",
        # The benchmarks measure pages, not the API's rate limits.
        SIMITRA_API_USER_RATE="1000000/hour",
        SIMITRA_API_ANON_RATE="1000000/hour",
        DJANGO_SETTINGS_MODULE="_bench_settings",
        PYTHONPATH=f"{BENCH}{os.pathsep}{ROOT}",
    )
    return env


def database_label(env: dict) -> str:
    return "PostgreSQL" if env["DATABASE_URL"].startswith("postgres") else "SQLite"


def manage(env: dict, *args: str) -> str:
    done = subprocess.run(
        [PYTHON, str(ROOT / "manage.py"), *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode:
        sys.exit(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
    return done.stdout


def prepare(env: dict, *, demo: bool = True) -> None:
    """Migrate, empty, and load the reference data and the demo (or nothing more)."""
    manage(env, "migrate", "--no-input", "-v0")
    manage(env, "flush", "--no-input")
    manage(env, "load_reference")
    if demo:
        manage(env, "load_demo")
    manage(env, "collectstatic", "--no-input", "-v0")


class Server:
    """gunicorn with `workers` sync workers on 127.0.0.1:port."""

    def __init__(self, env: dict, *, port: int, workers: int = 4):
        self.env, self.port, self.workers = env, port, workers
        self.url = f"http://127.0.0.1:{port}"

    def __enter__(self):
        self.process = subprocess.Popen(
            [
                GUNICORN,
                "simitra.wsgi",
                "--bind",
                f"127.0.0.1:{self.port}",
                "--workers",
                str(self.workers),
                "--access-logfile",
                "-" if os.environ.get("BENCH_ACCESS_LOG") else "/dev/null",
                "--error-logfile",
                str(Path(self.env["SIMITRA_DATA_DIR"]) / "gunicorn.log"),
            ],
            env=self.env,
            cwd=ROOT,
            start_new_session=True,
        )
        for _ in range(100):
            try:
                urllib.request.urlopen(f"{self.url}/akun/masuk/", timeout=2)
                break
            except OSError:
                time.sleep(0.2)
        else:
            self.__exit__()
            sys.exit("gunicorn did not answer")
        return self

    def worker_pids(self) -> list[int]:
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        return [int(pid) for pid in children.read_text().split()]

    def worker_rss_mb(self) -> list[float]:
        sizes = []
        for pid in self.worker_pids():
            status = Path(f"/proc/{pid}/status").read_text()
            sizes.append(int(re.search(r"VmRSS:\s+(\d+)", status).group(1)) / 1024)
        return sizes

    def __exit__(self, *exc):
        os.killpg(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=30)


def session_cookie(url: str, username: str) -> str:
    """Log in through the log-in page; the `Cookie` header of that session."""
    opener = urllib.request.build_opener()
    with opener.open(f"{url}/akun/masuk/") as page:
        body = page.read().decode()
        csrf_cookie = re.search(r"csrftoken=([^;]+)", page.headers.get("Set-Cookie", "")).group(1)
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1)
    data = f"username={username}&password={PASSWORD}&csrfmiddlewaretoken={token}".encode()
    request = urllib.request.Request(
        f"{url}/akun/masuk/", data=data, headers={"Cookie": f"csrftoken={csrf_cookie}"}
    )

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    try:
        urllib.request.build_opener(NoRedirect).open(request)
    except urllib.error.HTTPError as answer:  # the 302 after a good log-in
        cookies = answer.headers.get_all("Set-Cookie") or []
    session = next(c.split(";")[0] for c in cookies if c.startswith("sessionid="))
    return f"{session}; csrftoken={csrf_cookie}"


def wrk(url: str, *, cookie: str, seconds: int, connections: int = 4, threads: int = 2) -> dict:
    """Requests a second and latency of one wrk run (`Non-2xx` answers counted as errors)."""
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--latency",
            "-H",
            f"Cookie: {cookie}",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    socket = re.search(r"Socket errors: (.*)", out)
    median = re.search(r"50%\s+([\d.]+)(us|ms|s)", out)
    factor = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    return {
        "rate": rate,
        "errors": int(errors.group(1)) if errors else 0,
        "socket_errors": socket.group(1) if socket else "",
        "median_ms": float(median.group(1)) * factor[median.group(2)] if median else None,
    }


def scratch_folder() -> Path:
    return Path(tempfile.mkdtemp(prefix="simitra-bench-"))


def remove(folder: Path) -> None:
    shutil.rmtree(folder, ignore_errors=True)
