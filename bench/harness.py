"""Time pages through Django's test client against a throwaway database.

Server time is measured in-process (request in, response out, no network), with the SQL
query count of each request. Figures are medians and 95th percentiles over N requests.
"""

import statistics
import time
from dataclasses import dataclass

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext


@dataclass
class Result:
    name: str
    size: str
    n: int
    median_ms: float
    p95_ms: float
    queries: int
    status: int

    def row(self) -> str:
        return (
            f"{self.name:<42} {self.size:<26} {self.n:>5} {self.median_ms:>9.1f} {self.p95_ms:>9.1f}"
            f" {self.queries:>8} {self.status:>6}"
        )


HEADER = f"{'page':<42} {'data size':<26} {'n':>5} {'median ms':>9} {'p95 ms':>9} {'queries':>8} {'status':>6}"


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def time_get(name: str, url: str, *, size: str, n: int, client: Client | None = None) -> Result:
    client = client or Client()
    client.get(url)  # warm caches and templates once, untimed
    timings = []
    queries = 0
    status = 0
    for _ in range(n):
        with CaptureQueriesContext(connection) as captured:
            start = time.perf_counter()
            response = client.get(url)
            if response.streaming:  # a streamed export does its work as it is read
                b"".join(response.streaming_content)
            timings.append((time.perf_counter() - start) * 1000)
        queries = max(queries, len(captured))
        status = response.status_code
    return Result(name, size, n, statistics.median(timings), percentile(timings, 0.95), queries, status)
