"""``sitrep serve`` as a user runs it: a real uvicorn process on a free loopback port."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from .conftest import free_port

SITREP = Path(sys.executable).with_name("sitrep")


def _serve(args: list[str], env: dict[str, str] | None = None) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [str(SITREP), "serve", *args],
        env={**os.environ, **(env or {})},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


def _wait_config(url: str, process: subprocess.Popen[bytes]) -> dict[str, object]:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(
                f"sitrep serve exited: {process.stderr.read().decode() if process.stderr else ''}"
            )
        try:
            return dict(httpx.get(url + "/api/config", timeout=2).json())
        except httpx.HTTPError:
            time.sleep(0.2)
    raise AssertionError("sitrep serve did not answer within 60 s")


@pytest.mark.parametrize(
    ("args", "env", "expected"),
    [
        (["--tiles", "none"], {}, {"tiles_url": None, "write_enabled": False}),
        (
            ["--tiles", "http://tiles.local/{z}/{x}/{y}.png", "--max-body", "1000"],
            {"SITREP_TOKEN": "s3cret"},
            {
                "tiles_url": "http://tiles.local/{z}/{x}/{y}.png",
                "write_enabled": True,
                "max_body": 1000,
            },
        ),
    ],
    ids=["read-only", "token-from-env"],
)
def test_commands_serve_starts_and_answers(
    tmp_path: Path, args: list[str], env: dict[str, str], expected: dict[str, object]
) -> None:
    port = free_port()
    process = _serve(["--db", str(tmp_path / "s.db"), "--port", str(port), *args], env)
    try:
        config = _wait_config(f"http://127.0.0.1:{port}", process)
        assert {key: config[key] for key in expected} == expected
        events = httpx.get(f"http://127.0.0.1:{port}/api/events", timeout=5).json()
        assert events == {"total": 0, "limit": 100, "offset": 0, "items": []}
    finally:
        process.terminate()
        process.wait(timeout=20)
    assert (tmp_path / "s.db").exists()


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--token", "  "], "empty"),
        (["--port", "70000"], "--port"),
        (["--max-body", "0"], "max-body"),
    ],
)
def test_commands_serve_refuses_bad_options(tmp_path: Path, args: list[str], words: str) -> None:
    result = subprocess.run(
        [str(SITREP), "serve", "--db", str(tmp_path / "s.db"), *args],
        capture_output=True,
        text=True,
        timeout=60,
        env={k: v for k, v in os.environ.items() if k != "SITREP_TOKEN"},
    )
    assert result.returncode == 2
    assert words in result.stderr
