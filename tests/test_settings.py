"""Tests of sitrep.settings: defaults, file, overrides, refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitrep.errors import SitrepError
from sitrep.settings import Settings, load_settings


def test_settings_defaults_are_valid() -> None:
    assert load_settings() == Settings()


def test_settings_file_then_overrides(tmp_path: Path) -> None:
    path = tmp_path / "sitrep.toml"
    path.write_text("[sitrep]\nmin_confidence = 0.4\nbatch_size = 4\n", encoding="utf-8")
    settings = load_settings(path, batch_size=8, min_confidence=None)
    assert settings.min_confidence == 0.4 and settings.batch_size == 8


@pytest.mark.parametrize(
    ("overrides", "code"),
    [
        ({"min_confidence": 1.5}, "E022"),
        ({"batch_size": 0}, "E022"),
        ({"max_bytes": -1}, "E022"),
        ({"lang": "xx"}, "E022"),
        ({"no_such_setting": 1}, "E022"),
    ],
)
def test_settings_refuses_meaningless_values(overrides: dict[str, object], code: str) -> None:
    with pytest.raises(SitrepError) as info:
        load_settings(**overrides)  # type: ignore[arg-type]
    assert info.value.code == code


def test_settings_bad_file_names_the_path(tmp_path: Path) -> None:
    path = tmp_path / "broken.toml"
    path.write_text("min_confidence = = 1", encoding="utf-8")
    with pytest.raises(SitrepError, match=r"broken\.toml"):
        load_settings(path)
