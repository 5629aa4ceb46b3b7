"""Print the load test's figures per page type: python -m bench.load.report TITLE RESULT.json [TITLE RESULT.json ...]

Requests per second, failure rate, median and 95th percentile for each page type (from
bench/load/drive.py), against DfE's bar (under 1% failures, p95 under 200 ms) and ours (no
failures and p95 under 100 ms) for public pages. Exits 1 when a public page misses DfE's bar.
"""

import json
import sys

# Page types anyone can reach without signing in (the bars apply to these).
PUBLIC = {"home", "our plan", "search (keyword)", "search (filters)", "search (start page)", "service page"}


def line(name, requests, rps, failures, median, p95, verdict=""):
    return f"  {name:<30} {requests:>8} {rps:>8} {failures:>9} {median:>9} {p95:>8}  {verdict}"


def report(title: str, path: str) -> bool:
    with open(path) as f:
        result = json.load(f)
    print(f"\n{title}")
    print(line("page type", "requests", "req/s", "failures", "median ms", "p95 ms"))
    ok = True
    for name, page in [*result["pages"].items(), ("all", result["all"])]:
        if not page["requests"]:
            continue
        rate = page["failures"] / page["requests"] * 100
        verdict = ""
        if name in PUBLIC or name == "hello world":
            dfe = rate < 1 and page["p95_ms"] < 200
            ours = page["failures"] == 0 and page["p95_ms"] < 100
            verdict = "meets ours" if ours else "meets DfE's only" if dfe else "misses DfE's"
            ok = ok and dfe
        print(
            line(
                name,
                page["requests"],
                f"{page['rps']:.1f}",
                f"{rate:.2f}%",
                f"{page['median_ms']:.0f}",
                f"{page['p95_ms']:.0f}",
                verdict,
            )
        )
    for error, count in result.get("errors", {}).items():
        print(f"  error x{count}: {error}")
    return ok


def main(argv: list[str]) -> int:
    results = [report(title, path) for title, path in zip(argv[0::2], argv[1::2], strict=True)]
    return 0 if all(results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
