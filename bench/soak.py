"""Benchmark: a soak of the site under a mix of signed-in pages and API writes.

    python bench/soak.py [--minutes 10] [--connections 8] [--port 8090]
    DATABASE_URL=postgres://…/scratch python bench/soak.py   # emptied and refilled

The demo data, gunicorn with 4 sync workers and production settings on loopback, and one wrk
run (a Lua script) cycling through the main pages as three kinds of users — the coordinator,
a partner's representative and an observer, each with their own session — and, one request in
ten, an API PATCH of a partnership's summary with the coordinator's personal API token. After
a warm-up minute (not counted) it runs `--minutes`, sampling the workers' memory (RSS) every
15 s, and reports requests a second, median and p99 latency, answers other than 200, and the
workers' memory after the warm-up and at the end. Not a test: it measures.
"""

import argparse
import json
import statistics
import subprocess
import tempfile
import threading
import urllib.error
import urllib.request
from pathlib import Path

from _server import (
    Server,
    database_label,
    environment,
    manage,
    prepare,
    remove,
    scratch_folder,
    session_cookie,
)

CODE = "NTT-STUNTING-2025"
USERS = ("koordinator", "mitra", "pemantau")
PAGES = (
    "/",
    "/kemitraan/",
    f"/kemitraan/{CODE}/",
    f"/kemitraan/{CODE}/peringatan/",
    "/portofolio/",
    "/peringatan/",
    "/organisasi/",
)

LUA = """
local requests = {}
local threads = {}
local counter = 0
function setup(thread) table.insert(threads, thread) end
function init(args)
  not200 = 0
  for _, r in ipairs(REQUESTS) do
    table.insert(requests, wrk.format(r[1], r[2], r[3], r[4]))
  end
  counter = math.random(#requests)
end
function request()
  counter = counter % #requests + 1
  return requests[counter]
end
function response(status, headers, body)
  if status ~= 200 then not200 = not200 + 1 end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("not200") end
  io.write(string.format("RESULT %d %d %.3f %.3f %.3f\\n", summary.requests, total,
    summary.duration / 1e6, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
end
"""


def lua_string(text: str) -> str:
    return json.dumps(text)  # a JSON string is a valid Lua string literal here (ASCII)


def lua_request(method: str, path: str, headers: dict, body: str | None) -> str:
    fields = ", ".join(f"[{lua_string(k)}] = {lua_string(v)}" for k, v in headers.items())
    return f"{{{lua_string(method)}, {lua_string(path)}, {{{fields}}}, " + (
        f"{lua_string(body)}}}" if body else "nil}"
    )


def status_of(url: str, *, headers: dict, method="GET", body: bytes | None = None) -> int:
    request = urllib.request.Request(url, data=body, headers=headers, method=method)
    try:
        with urllib.request.urlopen(request) as answer:
            return answer.status if answer.url == url else 302
    except urllib.error.HTTPError as error:
        return error.code


def run_wrk(url: str, script: Path, seconds: int, connections: int) -> dict:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    line = next(line for line in out.splitlines() if line.startswith("RESULT"))
    total, not200, duration, median, p99 = line.split()[1:]
    return {
        "requests": int(total),
        "not200": int(not200),
        "rate": int(total) / float(duration),
        "median_ms": float(median),
        "p99_ms": float(p99),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--minutes", type=float, default=10)
    parser.add_argument("--warm-up", type=int, default=60, help="seconds, not counted")
    parser.add_argument("--connections", type=int, default=8)
    parser.add_argument("--port", type=int, default=8090)
    args = parser.parse_args()

    folder = scratch_folder()
    env = environment(folder)
    prepare(env)
    key = manage(env, "api_token", "koordinator", "--name", "soak").strip().splitlines()[-1]
    with Server(env, port=args.port, workers=4) as server:
        requests, skipped = [], []
        for user in USERS:
            cookie = session_cookie(server.url, user)
            for path in PAGES:
                if status_of(server.url + path, headers={"Cookie": cookie}) == 200:
                    requests.append(("GET", path, {"Cookie": cookie}, None))
                else:
                    skipped.append(f"{user} {path}")
        write = (
            "PATCH",
            f"/api/v1/partnerships/{CODE}/",
            {"Authorization": f"Token {key}", "Content-Type": "application/json"},
            json.dumps({"summary": "Ringkasan diperbarui oleh uji ketahanan."}),
        )
        assert (
            status_of(
                server.url + write[1], headers=write[2], method="PATCH", body=write[3].encode()
            )
            == 200
        )
        requests += [write] * max(1, len(requests) // 9)  # one request in ten
        table = ",\n".join(lua_request(*request) for request in requests)
        script = Path(tempfile.mkstemp(suffix=".lua", dir=folder)[1])
        script.write_text(f"REQUESTS = {{\n{table}\n}}\n{LUA}")

        run_wrk(server.url, script, args.warm_up, args.connections)
        memory = {"after warm-up": server.worker_rss_mb()}
        samples, stop = [], threading.Event()

        def sample():
            while not stop.wait(15):
                samples.append(sum(server.worker_rss_mb()))

        sampler = threading.Thread(target=sample, daemon=True)
        sampler.start()
        result = run_wrk(server.url, script, int(args.minutes * 60), args.connections)
        stop.set()
        memory["at the end"] = server.worker_rss_mb()
    remove(folder)

    start, end = sum(memory["after warm-up"]), sum(memory["at the end"])
    print(
        f"\n{database_label(env)}, {args.minutes:g} min after {args.warm_up} s of warm-up, "
        f"wrk -t2 -c{args.connections}, {len(requests)} requests in the cycle "
        f"({len(USERS)} users, {len(requests) - len(PAGES) * len(USERS) + len(skipped)} writes)"
    )
    if skipped:
        print(f"skipped (not 200 for that user): {', '.join(skipped)}")
    print()
    print(
        "| requests | req/s | median ms | p99 ms | not 200 | workers' RSS after warm-up → end "
        "| growth | RSS samples (min–max) |"
    )
    print("|---:|---:|---:|---:|---:|---|---:|---|")
    print(
        f"| {result['requests']:,} | {result['rate']:.1f} | {result['median_ms']:.0f} "
        f"| {result['p99_ms']:.0f} | {result['not200']} | {start:.0f} MB → {end:.0f} MB "
        f"| {(end - start) / start * 100:+.1f} % "
        f"| {min(samples, default=end):.0f}–{max(samples, default=end):.0f} MB "
        f"(median {statistics.median(samples or [end]):.0f}) |"
    )


if __name__ == "__main__":
    main()
