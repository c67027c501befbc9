"""A throwaway PostgreSQL cluster for the tests: initdb + pg_ctl in a temp folder, on 127.0.0.1.

CI runs as root, and PostgreSQL refuses to run as root, so the server programs run as the
`postgres` user (runuser) when the tests are root; otherwise as the test user. Local (socket)
connections trust; TCP connections need the password (scram-sha-256), so a wrong password is a
real refusal. Each test gets its own database, made by `new_database()`.
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from dataclasses import dataclass
from pathlib import Path

USER = "clerk"
PASSWORD = "themeday-test"


def server_bin(name: str) -> str | None:
    """A PostgreSQL server program: on PATH, or in Debian's /usr/lib/postgresql/N/bin."""
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"),
                        key=lambda p: int(Path(p).parts[4]) if Path(p).parts[4].isdigit() else 0)
    return candidates[-1] if candidates else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class Cluster:
    folder: Path
    port: int
    as_user: list[str]  # the prefix that runs a server program as its owner
    options: str  # the server's settings (port, socket folder, no fsync)
    _ledgers: str | None = None  # the database the ledgers' schemas are made in

    def url(self, database: str, *, password: str = PASSWORD) -> str:
        return f"postgresql://{USER}:{password}@127.0.0.1:{self.port}/{database}"

    def admin(self, sql: str) -> None:
        """Run SQL as the superuser over the unix socket (trusted)."""
        psql = server_bin("psql") or "psql"
        subprocess.run([*self.as_user, psql, "-h", str(self.folder), "-p", str(self.port), "-U", "postgres",
                        "-d", "postgres", "-v", "ON_ERROR_STOP=1", "-q", "-c", sql],
                       check=True, capture_output=True, timeout=60)

    def new_database(self) -> str:
        name = "t_" + uuid.uuid4().hex[:12]
        self.admin(f"CREATE DATABASE {name} OWNER {USER}")
        return name

    def new_ledger_url(self) -> str:
        """A URL to an empty ledger: a new schema in the shared test database (a schema is made in
        milliseconds, a database in a third of a second), chosen by the URL's search_path."""
        import psycopg

        name = "s_" + uuid.uuid4().hex[:12]
        if self._ledgers is None:
            self._ledgers = self.new_database()
        with psycopg.connect(self.url(self._ledgers), autocommit=True) as conn:
            conn.execute(f"CREATE SCHEMA {name}")
        return self.url(self._ledgers) + f"?options=-csearch_path%3D{name}"

    def pause(self) -> None:
        """Stop the server (every connection is cut), keeping its data; resume() starts it again."""
        subprocess.run([*self.as_user, server_bin("pg_ctl") or "pg_ctl", "-D", str(self.folder / "data"), "-m",
                        "fast", "-w", "stop"], check=True, capture_output=True, timeout=60)

    def resume(self) -> None:
        subprocess.run([*self.as_user, server_bin("pg_ctl") or "pg_ctl", "-D", str(self.folder / "data"), "-o",
                        self.options, "-l", str(self.folder / "log"), "-w", "-t", "60", "start"],
                       check=True, capture_output=True, timeout=120)

    def resume_if_stopped(self) -> None:
        pg_ctl = server_bin("pg_ctl") or "pg_ctl"
        status = subprocess.run([*self.as_user, pg_ctl, "-D", str(self.folder / "data"), "status"],
                                capture_output=True, timeout=60)
        if status.returncode != 0:
            self.resume()

    def stop(self) -> None:
        pg_ctl = server_bin("pg_ctl")
        if pg_ctl:
            subprocess.run([*self.as_user, pg_ctl, "-D", str(self.folder / "data"), "-m", "immediate", "-w",
                            "stop"], capture_output=True, timeout=60)
        shutil.rmtree(self.folder, ignore_errors=True)


def start_cluster() -> Cluster:
    """initdb, start on a free port, make the `clerk` role. Raises if a program is missing."""
    initdb, pg_ctl = server_bin("initdb"), server_bin("pg_ctl")
    if not initdb or not pg_ctl:
        raise FileNotFoundError("PostgreSQL 服务器程序（initdb、pg_ctl）未安装")
    folder = Path(tempfile.mkdtemp(prefix="themeday-pg-"))
    as_user: list[str] = []
    if os.geteuid() == 0:
        shutil.chown(folder, "postgres", "postgres")
        as_user = ["runuser", "-u", "postgres", "--"]
    data = folder / "data"
    pwfile = folder / "pw"
    pwfile.write_text("postgres\n")
    if as_user:
        shutil.chown(pwfile, "postgres", "postgres")
    subprocess.run([*as_user, initdb, "-D", str(data), "-U", "postgres", "--pwfile", str(pwfile), "-E", "UTF8",
                    "--locale=C", "--auth-local=trust", "--auth-host=scram-sha-256", "--no-sync"],
                   check=True, capture_output=True, timeout=120)
    port = _free_port()
    options = (f"-c listen_addresses=127.0.0.1 -c port={port} -c unix_socket_directories={folder} "
               "-c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200")
    subprocess.run([*as_user, pg_ctl, "-D", str(data), "-o", options, "-l", str(folder / "log"), "-w", "-t", "60",
                    "start"], check=True, capture_output=True, timeout=120)
    cluster = Cluster(folder, port, as_user, options)
    cluster.admin(f"CREATE ROLE {USER} LOGIN PASSWORD '{PASSWORD}' CREATEDB")
    return cluster
