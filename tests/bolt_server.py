"""A throwaway Bolt server for tests and benchmarks: ArcadeDB's Bolt plugin from `arcadedb-embedded`.

Neo4j itself cannot be installed on the machines this project is built on; ArcadeDB speaks
Bolt and enough Neo4j 5 Cypher for everything newsgraph sends (see the loader's notes).

Run by hand for benchmarks or poking with the CLI:  `python tests/bolt_server.py`
(prints the URI and credentials, runs until Ctrl-C).
"""
from __future__ import annotations

from typing import Callable

import base64
import json
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

READY_LINE = "ArcadeDB Server started"
# Tests log in as USER; root only resets databases over HTTP. ArcadeDB locks a user out for 30 s
# after 5 failed logins, so wrong-password tests must not be able to lock the reset out too.
USER = "newsgraph"
PASSWORD = "newsgraph-test-pw"  # ArcadeDB wants 8 characters or more
ROOT = "root"
ROOT_PASSWORD = "newsgraph-root-pw"
DATABASE = "neo4j"
LOCKOUT_SECONDS = 30

# What the package's own launcher passes; the engine needs them on Java 25.
_JVM_FLAGS = [
    "--add-modules=jdk.incubator.vector",
    "--enable-native-access=ALL-UNNAMED",
    "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
    "--add-opens=java.base/java.nio.channels.spi=ALL-UNNAMED",
    "--add-opens=java.base/java.lang=ALL-UNNAMED",
    "-Djava.awt.headless=true",
    "-Dfile.encoding=UTF8",
    "-Dpolyglot.engine.WarnInterpreterOnly=false",
    "-XX:+UseCompactObjectHeaders",
    "-Xmx2g",
]


def _package_dir() -> Path:
    import arcadedb_embedded  # the test extra; imported late so collecting tests never needs it

    return Path(arcadedb_embedded.__file__).resolve().parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass(frozen=True)
class Settings:
    """How to reach a Bolt server: what the `bolt` fixture yields."""

    uri: str
    user: str
    password: str
    database: str | None


class BoltServer:
    """One ArcadeDB server process with a Bolt port, rooted in a temporary folder."""

    def __init__(self, root: Path | None = None, password: str = PASSWORD,
                 databases: tuple[str, ...] = (DATABASE,)) -> None:
        # `password` is the test user's; root's is fixed (it is only ever used over HTTP here).
        self._own_root = root is None
        self.root = Path(root) if root else Path(tempfile.mkdtemp(prefix="newsgraph-bolt-"))
        self.password = password
        self.databases = databases
        self.bolt_port = free_port()
        self.http_port = free_port()
        self.proc: subprocess.Popen | None = None
        self.log_path = self.root / "server.log"

    @property
    def uri(self) -> str:
        return f"bolt://127.0.0.1:{self.bolt_port}"

    def settings(self, database: str | None = DATABASE) -> Settings:
        return Settings(self.uri, USER, self.password, database)

    def command(self) -> list[str]:
        pkg = _package_dir()
        dbs = ",".join(f"{d}[{ROOT}]" for d in self.databases)
        props = {
            "arcadedb.server.rootPath": str(self.root / "server"),
            "arcadedb.server.databaseDirectory": str(self.root / "server" / "databases"),
            "arcadedb.server.rootPassword": ROOT_PASSWORD,
            "arcadedb.server.defaultDatabases": dbs,
            "arcadedb.server.plugins": "Bolt:com.arcadedb.bolt.BoltProtocolPlugin",
            "arcadedb.bolt.host": "127.0.0.1",
            "arcadedb.bolt.port": str(self.bolt_port),
            "arcadedb.bolt.defaultDatabase": self.databases[0],
            "arcadedb.server.httpIncomingHost": "127.0.0.1",
            "arcadedb.server.httpIncomingPort": str(self.http_port),
        }
        return [str(pkg / "jre" / "bin" / "java"), *_JVM_FLAGS,
                *(f"-D{k}={v}" for k, v in props.items()),
                "-cp", str(pkg / "jars" / "*"), "com.arcadedb.server.ArcadeDBServer"]

    def start(self, timeout: float = 90.0) -> "BoltServer":
        """Start and wait for the ready line (the Bolt port opens before the database exists)."""
        (self.root / "server").mkdir(parents=True, exist_ok=True)
        log = open(self.log_path, "ab")
        start_at = self.log_path.stat().st_size
        self.proc = subprocess.Popen(self.command(), stdout=log, stderr=subprocess.STDOUT,
                                     stdin=subprocess.DEVNULL, cwd=self.root, start_new_session=True)
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as f:
                f.seek(start_at)
                if READY_LINE.encode() in f.read():
                    self._ensure_user()
                    return self
            if self.proc.poll() is not None:
                raise RuntimeError(f"ArcadeDB exited with {self.proc.returncode}:\n{self.log_tail()}")
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"ArcadeDB not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 20.0) -> None:
        """SIGTERM (ArcadeDB closes its databases on it), SIGKILL if it hangs."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None

    def kill(self) -> None:
        """Die at once, as a crashed server would (used by the mid-load test)."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)
        self.proc = None

    def cleanup(self) -> None:
        self.stop()
        if self._own_root:
            shutil.rmtree(self.root, ignore_errors=True)

    # -- resetting between tests ------------------------------------------------
    def _server_command(self, command: str) -> dict:
        req = urllib.request.Request(
            f"http://127.0.0.1:{self.http_port}/api/v1/server",
            data=json.dumps({"command": command}).encode(), method="POST",
            headers={"Content-Type": "application/json",
                     "Authorization": "Basic " + base64.b64encode(
                         f"{ROOT}:{ROOT_PASSWORD}".encode()).decode()})
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read() or b"{}")

    def _ensure_user(self) -> None:
        user = {"name": USER, "password": self.password, "databases": {"*": ["admin"]}}
        try:
            self._server_command("create user " + json.dumps(user))
        except urllib.error.HTTPError as e:
            if "already exists" not in e.read().decode(errors="replace").lower():
                raise  # a restart on the same root keeps the user; anything else is a real failure

    def reset(self, database: str = DATABASE) -> None:
        """An empty database: drop and create (~0.2 s), faster than deleting every node."""
        try:
            self._server_command(f"drop database {database}")
        except urllib.error.HTTPError as e:
            if e.code == 403:
                raise
            # otherwise it did not exist
        self._server_command(f"create database {database}")

    def wait_for_login(self, timeout: float = LOCKOUT_SECONDS + 10) -> None:
        """Wait out a lockout left by a wrong-password test (ArcadeDB: 30 s after 5 failures)."""
        import neo4j

        deadline = time.monotonic() + timeout
        while True:
            try:
                with neo4j.GraphDatabase.driver(self.uri, auth=(USER, self.password)) as d:
                    d.verify_connectivity()
                return
            except neo4j.exceptions.AuthError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(1)

    def __enter__(self) -> "BoltServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def serve(server, note: Callable[[], str]) -> None:
    """Start `server`, print its settings as NEO4J_* lines for a shell, and run until stopped."""
    # The server runs in its own session (so a test's Ctrl-C cannot half-kill it); stop it on
    # SIGTERM and SIGINT alike, even when started in the background (which ignores SIGINT).
    signal.signal(signal.SIGTERM, _interrupt)
    signal.signal(signal.SIGINT, _interrupt)
    try:
        server.start()
        s = server.settings()
        print(f"NEO4J_URI={s.uri}")
        print(f"NEO4J_USERNAME={s.user}")
        print(f"NEO4J_PASSWORD={s.password}")
        print(f"NEO4J_DATABASE={s.database}")
        print(f"({note()}; Ctrl-C stops)", flush=True)
        while server.proc and server.proc.poll() is None:
            time.sleep(1)
    except KeyboardInterrupt:
        pass
    finally:
        server.cleanup()


def main() -> None:
    server = BoltServer()
    serve(server, lambda: f"HTTP on {server.http_port}, data in {server.root}")


if __name__ == "__main__":
    sys.exit(main())
