"""``kg serve`` latency for the example queries at 1 M triples.

    python benchmarks/bench_serve.py [--store DIR] [--triples 1000000] [--repeat 3]

Uses the 1 M-triple store of ``bench_export.py`` (made if missing, reused otherwise), starts
``kg serve`` on it (a separate process, loopback) and POSTs each query of ``examples/queries`` as
a SPARQL 1.1 Protocol client would (form-encoded, ``Accept: application/sparql-results+json``),
``--repeat`` times; prints the median and slowest latency, the rows and bytes returned. The
server runs with ``--timeout`` (default 60 s): a query that needs longer is reported as such.
An ``ASK`` shows the endpoint's own overhead.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from bench_export import build_store  # noqa: E402


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def post(url: str, query: str) -> tuple[float, bytes]:
    data = urllib.parse.urlencode({"query": query}).encode("utf-8")
    request = urllib.request.Request(url, data=data, headers={"Accept": "application/sparql-results+json"})
    start = time.perf_counter()
    with urllib.request.urlopen(request, timeout=300) as response:
        body = response.read()
    return time.perf_counter() - start, body


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--store", type=Path, default=Path(tempfile.gettempdir()) / "kg-bench-export-store")
    parser.add_argument("--triples", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--timeout", type=float, default=60.0)
    args = parser.parse_args()
    size = build_store(args.store, args.triples)
    queries = {p.stem: p.read_text(encoding="utf-8") for p in sorted((ROOT / "examples" / "queries").glob("*.rq"))}

    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "kg", "serve", str(args.store), "--port", str(port),
                               "--timeout", str(args.timeout)],
                              cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/sparql"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                post(url, "ASK {}")
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise SystemExit("kg serve did not start") from None
                time.sleep(0.2)
        print(f"load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores; store {args.store}: {size:,} quads")
        print(f"{'query':26}{'median':>10}{'slowest':>10}{'rows':>8}{'bytes':>12}", flush=True)
        for name, text in {"ASK (overhead)": "ASK { ?s ?p ?o }", **queries}.items():
            times, body = [], b""
            try:
                for _ in range(args.repeat):
                    seconds, body = post(url, text)
                    times.append(seconds)
            except urllib.error.HTTPError as ex:
                print(f"{name:26}  HTTP {ex.code}: {ex.read()[:80].decode('utf-8', 'replace')}", flush=True)
                continue
            data = json.loads(body)
            rows = len(data["results"]["bindings"]) if "results" in data else 1
            print(f"{name:26}{statistics.median(times) * 1000:8.1f}ms{max(times) * 1000:8.1f}ms{rows:8,}{len(body):12,}",
                  flush=True)
    finally:
        server.terminate()
        server.wait(timeout=30)


if __name__ == "__main__":
    main()
