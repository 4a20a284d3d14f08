"""A throwaway Virtuoso for tests and benchmarks: a minimal ini and an empty database in a temp
directory, listening on loopback only, stopped (and deleted) after use.

The Debian package ``virtuoso-opensource`` (scripts/install-test-services) installs the server
without starting anything. Writes go through ``/sparql-auth`` (HTTP Digest, user dba): the
anonymous ``/sparql`` endpoint is left read-only.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from contextlib import contextmanager
from pathlib import Path

INI = """[Database]
DatabaseFile = {dir}/virtuoso.db
ErrorLogFile = {dir}/virtuoso.log
LockFile = {dir}/virtuoso.lck
TransactionFile = {dir}/virtuoso.trx
xa_persistent_file = {dir}/virtuoso.pxa
ErrorLogLevel = 7
FileExtend = 200
MaxCheckpointRemap = 2000
Striping = 0
TempStorage = TempDatabase

[TempDatabase]
DatabaseFile = {dir}/virtuoso-temp.db
TransactionFile = {dir}/virtuoso-temp.trx
MaxCheckpointRemap = 2000
Striping = 0

[Parameters]
ServerPort = 127.0.0.1:{sql_port}
DisableUnixSocket = 1
NumberOfBuffers = 20000
MaxDirtyBuffers = 15000
ServerThreads = 4
CheckpointInterval = 0
DirsAllowed = ., {dir}

[HTTPServer]
ServerPort = 127.0.0.1:{http_port}
ServerRoot = {dir}
ServerThreads = 4
MaxKeepAlives = 4
EnabledDavVSP = 0

[SPARQL]
ResultSetMaxRows = 1000000
MaxQueryExecutionTime = 120
MaxQueryCostEstimationTime = 0
"""
USER, PASSWORD = "dba", "dba"  # the defaults of a new database; it only listens on loopback


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def binary() -> str | None:
    return shutil.which("virtuoso-t")


@contextmanager
def running_virtuoso(start_timeout: float = 120.0):
    """Start a throwaway Virtuoso; yields (endpoint URL with credentials, plain /sparql URL)."""
    path = binary()
    if path is None:
        raise RuntimeError("virtuoso-t is not installed (scripts/install-test-services installs it)")
    directory = Path(tempfile.mkdtemp(prefix="kg-virtuoso-"))
    http_port, sql_port = free_port(), free_port()
    ini = directory / "virtuoso.ini"
    ini.write_text(INI.format(dir=directory, http_port=http_port, sql_port=sql_port), encoding="utf-8")
    process = subprocess.Popen([path, "+foreground", "+configfile", str(ini)], cwd=directory,
                               stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{http_port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            if process.poll() is not None:
                log = (directory / "virtuoso.log").read_text(errors="replace")[-2000:] if (directory / "virtuoso.log").exists() else ""
                raise RuntimeError(f"Virtuoso exited at start (status {process.returncode}): {log}")
            try:
                urllib.request.urlopen(f"{base}/sparql?query=ASK%7B%7D", timeout=2).read()
                break
            except (urllib.error.URLError, OSError):
                if time.monotonic() > deadline:
                    raise RuntimeError(f"Virtuoso did not answer in {start_timeout:g} s") from None
                time.sleep(0.5)
        yield f"http://{USER}:{PASSWORD}@127.0.0.1:{http_port}/sparql-auth", f"{base}/sparql"
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(directory, ignore_errors=True)
