"""Run one bounded locust profile and write its figures, leaving the warm-up out.

    python -m bench.load.drive --host http://127.0.0.1:8000 --users 400 --spawn-rate 40 \
        --warmup 30 --duration 60 --out load.json Parent Officer BoardMember

All users are started and given `--warmup` seconds (staff sign in, the first burst clears), then
the figures are reset and `--duration` seconds are measured. The run always ends by itself.
"""

import argparse
import json

import gevent
from locust.env import Environment  # importing locust patches the standard library for gevent

from . import locustfile


def figures(entry, duration: float) -> dict:
    return {
        "requests": entry.num_requests,
        "failures": entry.num_failures,
        "rps": entry.num_requests / duration,
        "median_ms": entry.median_response_time if entry.num_requests else None,
        "p95_ms": entry.get_response_time_percentile(0.95) if entry.num_requests else None,
    }


def main() -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.load.drive")
    parser.add_argument("--host", required=True)
    parser.add_argument("--users", type=int, required=True)
    parser.add_argument("--spawn-rate", type=float, required=True)
    parser.add_argument("--warmup", type=float, default=30)
    parser.add_argument("--duration", type=float, default=60)
    parser.add_argument("--out", required=True)
    parser.add_argument("classes", nargs="+", help="user classes from locustfile.py")
    args = parser.parse_args()

    env = Environment(user_classes=[getattr(locustfile, name) for name in args.classes], host=args.host)
    runner = env.create_local_runner()
    runner.start(args.users, spawn_rate=args.spawn_rate)
    gevent.sleep(args.warmup)
    env.stats.reset_all()
    gevent.sleep(args.duration)
    runner.quit()

    pages = {entry.name: figures(entry, args.duration) for entry in env.stats.entries.values()}
    result = {"pages": dict(sorted(pages.items())), "all": figures(env.stats.total, args.duration)}
    result["errors"] = {f"{e.method} {e.name}: {e.error}": e.occurrences for e in env.stats.errors.values()}
    with open(args.out, "w") as f:
        json.dump(result, f, indent=1)


if __name__ == "__main__":
    main()
