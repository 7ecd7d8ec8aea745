"""Benchmark: pages' throughput against a bare Django view of the same size.

    python bench/page_throughput.py [--rounds 3] [--seconds 10] [--port 8090]
    DATABASE_URL=postgres://…/scratch python bench/page_throughput.py   # emptied and refilled

The demo data, gunicorn with 4 sync workers and production settings on loopback, and wrk (4
connections, 2 threads) signed in as the demo coordinator. For each page, a round runs wrk on
the page and then on `/bench/bare/<n>/` — a view behind the same log-in and middleware that
answers the same number of bytes — so the ratio compares the page's own work with the floor
of the stack. Rounds are interleaved; the ratio is taken within a round. Not a test: it measures.
"""

import argparse
import statistics
import urllib.request

from _server import (
    Server,
    database_label,
    environment,
    prepare,
    remove,
    scratch_folder,
    session_cookie,
    wrk,
)

PAGES = {
    "partnership page (NTT-STUNTING-2025)": "/kemitraan/NTT-STUNTING-2025/",
    "portfolio": "/portofolio/",
    "partnership list": "/kemitraan/",
}


def page_bytes(url: str, cookie: str) -> int:
    request = urllib.request.Request(url, headers={"Cookie": cookie})
    with urllib.request.urlopen(request) as answer:
        assert answer.status == 200 and answer.url == url, (answer.status, answer.url)
        return len(answer.read())


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--port", type=int, default=8090)
    parser.add_argument("--user", default="koordinator")
    args = parser.parse_args()

    folder = scratch_folder()
    env = environment(folder)
    prepare(env)
    rows: dict[str, list[tuple[float, float]]] = {name: [] for name in PAGES}
    with Server(env, port=args.port, workers=4) as server:
        cookie = session_cookie(server.url, args.user)
        sizes = {name: page_bytes(server.url + path, cookie) for name, path in PAGES.items()}
        for name, path in PAGES.items():  # warm-up: templates compiled, caches filled
            wrk(server.url + path, cookie=cookie, seconds=2)
            wrk(f"{server.url}/bench/bare/{sizes[name]}/", cookie=cookie, seconds=2)
        for _round in range(args.rounds):
            for name, path in PAGES.items():
                page = wrk(server.url + path, cookie=cookie, seconds=args.seconds)
                bare = wrk(
                    f"{server.url}/bench/bare/{sizes[name]}/", cookie=cookie, seconds=args.seconds
                )
                assert page["errors"] == bare["errors"] == 0, (page, bare)
                rows[name].append((page["rate"], bare["rate"], page["median_ms"]))
    remove(folder)

    print(f"\n{database_label(env)}, {args.rounds} rounds of {args.seconds} s, wrk -c4 -t2\n")
    print("| page | bytes | page req/s | bare req/s | ratio (median, range) | page median ms |")
    print("|---|---:|---:|---:|---|---:|")
    for name, measured in rows.items():
        ratios = [page / bare for page, bare, _ in measured]
        print(
            f"| {name} | {sizes[name]:,} | {statistics.median(p for p, _, _ in measured):.1f} "
            f"| {statistics.median(b for _, b, _ in measured):.1f} "
            f"| **{statistics.median(ratios):.2f}** ({min(ratios):.2f}–{max(ratios):.2f}) "
            f"| {statistics.median(m for _, _, m in measured):.0f} |"
        )


if __name__ == "__main__":
    main()
