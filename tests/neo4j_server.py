"""A throwaway Neo4j Community server for tests and benchmarks, started by the project's own launcher.

Neo4j comes from Maven Central: `neo4j_launcher/pom.xml` names the artifacts (Neo4j 5.26, the LTS that
runs on Java 17) and Maven resolves them once into ~/.cache/newsgraph/neo4j (NEWSGRAPH_NEO4J_CACHE
overrides it); `neo4j_launcher/Launcher.java` starts embedded Neo4j with its Bolt connector on a free
loopback port, auth on, in a temporary folder. The same classpath runs `neo4j-admin` (AdminTool), so
the neo4j-admin import can be tested for real.

When Java, Maven or Maven Central is missing, `Unavailable` says so in one line (tests skip on it).

Run by hand for benchmarks or poking with the CLI:  `python tests/neo4j_server.py`
(prints NEO4J_URI and credentials, runs until Ctrl-C).
"""
from __future__ import annotations

import fcntl
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bolt_server import Settings  # noqa: E402

HERE = Path(__file__).resolve().parent / "neo4j_launcher"
POM = HERE / "pom.xml"
LAUNCHER = HERE / "Launcher.java"
USER = "neo4j"
PASSWORD = "newsgraph-test-pw"
DATABASE = "neo4j"
READY = "NEO4J_READY "
JVM_FLAGS = ["-Xms256m", "-Xmx1g", "-XX:+UseG1GC", "-Dfile.encoding=UTF-8"]


class Unavailable(RuntimeError):
    """Neo4j cannot be had here (no Java, no Maven, Maven Central unreachable): one line why."""


def cache_dir() -> Path:
    return Path(os.environ.get("NEWSGRAPH_NEO4J_CACHE") or Path.home() / ".cache" / "newsgraph" / "neo4j")


def _digest() -> str:
    return hashlib.sha256(POM.read_bytes() + LAUNCHER.read_bytes()).hexdigest()[:16]


def classpath() -> str:
    """Neo4j's jars (resolved by Maven once, then cached) plus the compiled launcher."""
    for tool in ("java", "javac", "mvn"):
        if shutil.which(tool) is None:
            raise Unavailable(f"Neo4j tests need {tool} (Java 17 and Maven) on PATH")
    root = cache_dir() / _digest()
    root.mkdir(parents=True, exist_ok=True)
    cp_file, classes = root / "classpath.txt", root / "classes"
    with open(root / ".lock", "w") as lock:  # several pytest processes may start at once
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not cp_file.exists():
            out = subprocess.run(["mvn", "-q", "-B", "-Dstyle.color=never", "-f", str(POM), "dependency:build-classpath",
                                  f"-Dmdep.outputFile={cp_file}.part"],
                                 capture_output=True, text=True, cwd=root)
            if out.returncode != 0:
                text = re.sub(r"\x1b\[[0-9;]*m", "", out.stdout + out.stderr)
                lines = [ln for ln in text.splitlines() if "ERROR" in ln] or ["(no output)"]
                raise Unavailable("Maven could not resolve Neo4j from Maven Central: "
                                  + lines[0].replace("[ERROR]", "").strip()[:200])
            Path(f"{cp_file}.part").rename(cp_file)
        jars = cp_file.read_text().strip()
        if not (classes / "Launcher.class").exists():
            out = subprocess.run(["javac", "-nowarn", "-cp", jars, "-d", str(classes), str(LAUNCHER)],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                raise RuntimeError(f"Launcher.java does not compile:\n{out.stderr}")
    return f"{classes}{os.pathsep}{jars}"


def browser_jar() -> Path:
    """Neo4j Browser's static build (org.neo4j.client:neo4j-browser, from the same resolution)."""
    for jar in classpath().split(os.pathsep):
        if Path(jar).name.startswith("neo4j-browser-"):
            return Path(jar)
    raise Unavailable("neo4j-browser is not on the resolved classpath")


class Neo4jServer:
    """One embedded Neo4j Community process with a Bolt port, its home in a temporary folder."""

    def __init__(self, home: Path | None = None, password: str = PASSWORD) -> None:
        self._own_home = home is None
        self.home = Path(home) if home else Path(tempfile.mkdtemp(prefix="newsgraph-neo4j-"))
        self.password = password
        self.proc: subprocess.Popen | None = None
        self.uri = ""
        self.log_path = self.home / "launcher.log"
        self.started_in = 0.0  # seconds the last start took (classpath resolution included)

    def settings(self, database: str | None = DATABASE) -> Settings:
        return Settings(self.uri, USER, self.password, database)

    def start(self, timeout: float = 180.0) -> "Neo4jServer":
        """Start and wait for the launcher's ready line (printed once Bolt takes logins)."""
        t0 = time.monotonic()
        cp = classpath()
        self.home.mkdir(parents=True, exist_ok=True)
        with open(self.log_path, "ab") as log:
            start_at = log.tell()
            # stdin is a pipe we hold: if this process dies, the launcher sees EOF and shuts down.
            self.proc = subprocess.Popen(["java", *JVM_FLAGS, "-cp", cp, "Launcher", str(self.home), self.password],
                                         stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.PIPE,
                                         cwd=self.home, start_new_session=True)
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            with open(self.log_path, "rb") as f:
                f.seek(start_at)
                for line in f.read().decode(errors="replace").splitlines():
                    if line.startswith(READY):
                        self.uri = line[len(READY):].strip()
                        self.started_in = time.monotonic() - t0
                        return self
            if self.proc.poll() is not None:
                raise RuntimeError(f"Neo4j exited with {self.proc.returncode}:\n{self.log_tail()}")
            time.sleep(0.1)
        self.kill()
        raise RuntimeError(f"Neo4j not ready after {timeout:.0f}s:\n{self.log_tail()}")

    def log_tail(self, lines: int = 30) -> str:
        try:
            return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])
        except OSError:
            return ""

    def stop(self, timeout: float = 60.0) -> None:
        """Close stdin (the launcher shuts Neo4j down cleanly on EOF); SIGKILL if it hangs."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            try:
                self.proc.stdin.close()
            except OSError:
                pass
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.kill()
        self.proc = None

    def kill(self) -> None:
        """Die at once, as a crashed server would."""
        if self.proc is None:
            return
        if self.proc.poll() is None:
            self.proc.kill()
            self.proc.wait(30)
        self.proc = None

    def cleanup(self) -> None:
        self.stop()
        if self._own_home:
            shutil.rmtree(self.home, ignore_errors=True)

    def reset(self, database: str = DATABASE) -> None:
        """An empty database with no schema: Community cannot drop `neo4j`, so delete and drop."""
        empty_database(self.settings(database))

    def wait_for_login(self) -> None:
        """Nothing to wait for: the launcher turns Neo4j's lock-out after failed logins off."""

    def __enter__(self) -> "Neo4jServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.cleanup()


def empty_database(s: Settings, schema: bool = True) -> None:
    """Delete every node (in batches) and, with `schema`, drop every constraint and index but lookups."""
    import neo4j

    with neo4j.GraphDatabase.driver(s.uri, auth=(s.user, s.password)) as driver:
        with driver.session(database=s.database) as ses:
            while ses.run("MATCH (n) WITH n LIMIT 10000 DETACH DELETE n RETURN count(*) AS c").single()["c"]:
                pass
            if not schema:
                return
            for r in ses.run("SHOW CONSTRAINTS YIELD name").data():
                ses.run(f"DROP CONSTRAINT `{r['name']}` IF EXISTS").consume()
            for r in ses.run("SHOW INDEXES YIELD name, type WHERE type <> 'LOOKUP'").data():
                ses.run(f"DROP INDEX `{r['name']}` IF EXISTS").consume()


def admin(args: list[str], home: Path, cwd: Path | None = None) -> subprocess.CompletedProcess:
    """Run `neo4j-admin ARGS` (Neo4j's AdminTool, same version) against the Neo4j in `home`."""
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(home / "conf")}
    (home / "conf").mkdir(parents=True, exist_ok=True)
    return subprocess.run(["java", *JVM_FLAGS, "-cp", classpath(), "org.neo4j.cli.AdminTool", *args],
                          capture_output=True, text=True, env=env, cwd=cwd)


def main() -> None:
    from bolt_server import serve

    server = Neo4jServer()
    serve(server, lambda: f"started in {server.started_in:.1f}s, home {server.home}")


if __name__ == "__main__":
    sys.exit(main())
