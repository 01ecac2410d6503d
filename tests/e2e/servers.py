"""Real portal processes for production tests: start, stop, restart, each with its own build folder."""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REFLEX = str(Path(sys.executable).parent / "reflex")
START_TIMEOUT_S = 600  # a first build also installs the frontend packages


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def prepared_web_dir(name: str) -> str:
    """A build folder of this process's own, so that two processes never rebuild one folder at
    the same time. Seeded afresh from .web when its packages are installed (saves the npm install)."""
    target = ROOT / f".web-{name}"
    shutil.rmtree(target, ignore_errors=True)
    if (ROOT / ".web" / "node_modules").exists():
        top = str(ROOT / ".web")
        # Skip only the top-level build output; packages have "build" folders of their own.
        shutil.copytree(ROOT / ".web", target, symlinks=True,
                        ignore=lambda folder, names: {"build"} & set(names) if folder == top else set())
    return str(target)


class Portal:
    def __init__(self, name: str, env: dict[str, str], log_dir: Path):
        self.name = name
        self.port = free_port()
        self.url = f"http://localhost:{self.port}"
        self.env = os.environ | env | {"PORT": str(self.port), "REFLEX_WEB_WORKDIR": prepared_web_dir(name)}
        self.log = log_dir / f"{name}.log"
        self.process: subprocess.Popen | None = None

    def cli(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "app.cli", *args], cwd=ROOT, env=self.env, check=True,
                              capture_output=True, text=True)

    def start(self, wait: bool = True) -> "Portal":
        with self.log.open("a") as out:
            self.process = subprocess.Popen(
                [REFLEX, "run", "--env", "prod", "--single-port", "--frontend-port", str(self.port),
                 "--backend-port", str(self.port)],
                cwd=ROOT, env=self.env, stdout=out, stderr=subprocess.STDOUT, start_new_session=True)
        if wait:
            self.wait_until_healthy()
        return self

    def wait_until_healthy(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited with {self.process.returncode}:\n{self.tail()}")
            if self.status("/api/health") == 200 and self.status("/login") == 200:
                return
            time.sleep(1)
        raise RuntimeError(f"{self.name} did not start within {START_TIMEOUT_S} s:\n{self.tail()}")

    def status(self, path: str) -> int | None:
        try:
            with urllib.request.urlopen(f"{self.url}{path}", timeout=5) as response:
                return response.status
        except urllib.error.HTTPError as err:
            return err.code
        except OSError:
            return None

    def tail(self, chars: int = 4000) -> str:
        return self.log.read_text()[-chars:] if self.log.exists() else ""

    def stop(self, sig: int = signal.SIGTERM) -> None:
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
