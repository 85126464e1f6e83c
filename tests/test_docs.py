"""Docs as tests: every CLI command and option has help text and is in the README."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer.main

from sitrep.cli import app

README = Path(__file__).resolve().parents[1] / "README.md"


def _commands() -> list[tuple[str, Any]]:
    """Every command as ("sitrep eval fakes", command), groups included."""
    found: list[tuple[str, Any]] = []

    def walk(name: str, command: Any) -> None:
        found.append((name, command))
        # Typer vendors its own click: tell groups by their sub-commands.
        for sub_name, sub in sorted(getattr(command, "commands", {}).items()):
            walk(f"{name} {sub_name}", sub)

    walk("sitrep", typer.main.get_command(app))
    return found


COMMANDS = _commands()
PARAMS = [(name, param) for name, command in COMMANDS for param in command.params]


def _cli_section() -> str:
    text = README.read_text(encoding="utf-8")
    match = re.search(r"<!-- cli:start -->(.*)<!-- cli:end -->", text, re.S)
    assert match, "README.md has no <!-- cli:start --> … <!-- cli:end --> section"
    return match.group(1)


def test_docs_commands_found() -> None:
    names = [name for name, _ in COMMANDS]
    assert {"sitrep extract", "sitrep eval fakes", "sitrep eval geo"} <= set(names)


@pytest.mark.parametrize(("name", "command"), COMMANDS, ids=[n for n, _ in COMMANDS])
def test_docs_command_has_help(name: str, command: Any) -> None:
    assert (command.help or "").strip(), f"{name} has no help text"


@pytest.mark.parametrize(("name", "param"), PARAMS, ids=[f"{n} {p.name}" for n, p in PARAMS])
def test_docs_option_has_help(name: str, param: Any) -> None:
    assert (getattr(param, "help", None) or "").strip(), f"{name} {param.name} has no help"


@pytest.mark.parametrize(("name", "command"), COMMANDS[1:], ids=[n for n, _ in COMMANDS[1:]])
def test_docs_command_in_readme(name: str, command: Any) -> None:
    assert name in _cli_section(), f"'{name}' is not in README.md's command-line section"


@pytest.mark.parametrize(("name", "param"), PARAMS, ids=[f"{n} {p.name}" for n, p in PARAMS])
def test_docs_option_in_readme(name: str, param: Any) -> None:
    section = _cli_section()
    if param.param_type_name == "argument":
        assert (param.metavar or param.name or "").upper() in section
        return
    for opt in param.opts + param.secondary_opts:
        assert f"`{opt}" in section, f"{name} {opt} is not in README.md's command-line section"


def test_docs_exit_codes_in_help_and_readme() -> None:
    help_text = typer.main.get_command(app).help or ""
    for code in ("0", "1", "2"):
        assert f"{code} " in help_text
    assert "### Exit codes" in _cli_section()
