"""Profile: where a signed-in page spends its time, in-process (no server, no network).

    DATABASE_URL=sqlite:////tmp/demo.sqlite3 python bench/page_profile.py [--path /kemitraan/X/]
        [--user koordinator] [--runs 200] [--top 40] [--sort cumulative]

Runs against an existing database with the demo data loaded (it reads only; nothing is
written but the session). Production settings (DEBUG off), the Django test client signed in as
`--user`, a few warm-up requests (templates compiled), then `--runs` requests under cProfile;
prints the mean time and queries per request and the top functions. Not a test: it measures.
"""

import argparse
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--path", default="/kemitraan/NTT-STUNTING-2025/")
    parser.add_argument("--user", default="koordinator")
    parser.add_argument("--runs", type=int, default=200)
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--sort", default="cumulative")
    args = parser.parse_args()

    os.environ.setdefault("DEBUG", "0")
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "_bench_settings")  # + the bare view
    os.environ.setdefault("SIMITRA_MFA_REQUIRED_FOR_ADMINS", "0")
    os.environ.setdefault("SIMITRA_DEMO", "1")  # the demo accounts may sign in
    for name in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        os.environ.setdefault(name, "0")
    sys.path[:0] = [str(ROOT), str(ROOT / "bench")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("collectstatic", "--no-input", verbosity=0)  # the manifest of DEBUG off
    from django.contrib.auth import get_user_model
    from django.db import connection
    from django.test import Client

    client = Client()
    client.force_login(get_user_model().objects.get(username=args.user))
    for _ in range(5):
        answer = client.get(args.path)
        assert answer.status_code == 200, (answer.status_code, answer.get("Location"))
    queries = []

    def log(execute, sql, params, many, context):
        queries.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(log):
        client.get(args.path)

    def timed(path: str) -> float:
        start = time.perf_counter()
        for _ in range(args.runs):
            client.get(path)
        return (time.perf_counter() - start) / args.runs * 1000

    bare_path = f"/bench/bare/{len(answer.content)}/"
    client.get(bare_path)
    page_ms, bare_ms = timed(args.path), timed(bare_path)
    print(
        f"without the profiler: the page {page_ms:.1f} ms, a bare view of its size {bare_ms:.1f} ms"
    )
    profile = cProfile.Profile()
    start = time.perf_counter()
    profile.enable()
    for _ in range(args.runs):
        client.get(args.path)
    profile.disable()
    took = (time.perf_counter() - start) / args.runs
    print(f"{args.path} as {args.user}: {took * 1000:.1f} ms a request (under the profiler), ")
    print(f"{len(queries)} queries, {len(answer.content):,} bytes")
    for sql in queries:
        print("  ", sql[:200])
    pstats.Stats(profile).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
