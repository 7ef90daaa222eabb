"""Every setting is documented; CLI commands all have --help."""

from __future__ import annotations

import re

import pytest
from click.testing import CliRunner

from copytrail.cli import main
from copytrail.settings import Settings, SettingsError


def test_every_setting_has_help() -> None:
    for f in Settings.fields():
        assert len(str(f.metadata.get("help", ""))) > 10, f.name


def test_replace_ignores_none_and_env(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("COPYTRAIL_STORE", "/tmp/x.duckdb")
    s = Settings.from_env(workers=None, store=None)
    assert s.store == "/tmp/x.duckdb"
    assert Settings.from_env(store="y.duckdb").store == "y.duckdb"


def test_every_command_has_help() -> None:
    runner = CliRunner()
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name, cmd in main.commands.items():
        res = runner.invoke(main, [name, "--help"])
        assert res.exit_code == 0, name
        assert (cmd.help or "").strip(), f"command {name} has no help text"


def test_settings_reference_is_current() -> None:
    from pathlib import Path

    doc = Path(__file__).resolve().parent.parent / "docs" / "settings.md"
    expected = Settings.markdown()
    if not doc.exists() or doc.read_text() != expected:
        raise AssertionError(
            "docs/settings.md is out of date: regenerate it with\n"
            "  python -c 'from copytrail.settings import Settings; print(Settings.markdown(), end=\"\")' > docs/settings.md"
        )


@pytest.mark.parametrize(
    ("change", "says"),
    [
        ({"ngram": 0}, "ngram=0 must be a whole number of at least 1"),
        ({"min_passage_words": -3}, "min_passage_words=-3 must be a whole number of at least 1"),
        ({"workers": 1.5}, "workers=1.5 must be a whole number"),
        ({"workers": -1}, "workers=-1 must be a whole number of at least 0"),
        ({"sentence_similarity": 1.5}, "sentence_similarity=1.5 must be a number from 0 to 1"),
        (
            {"boilerplate_min_share": -0.1},
            "boilerplate_min_share=-0.1 must be a number of at least 0",
        ),
        ({"progress": "no"}, "progress='no' must be true or false"),
        ({"store": ""}, "store='' must not be empty"),
    ],
)
def test_a_bad_setting_is_refused_naming_it_and_its_range(
    change: dict[str, object], says: str
) -> None:
    with pytest.raises(SettingsError, match=re.escape(says)):
        Settings(**change)  # type: ignore[arg-type]


def test_documented_off_values_are_valid_settings() -> None:
    s = Settings(
        workers=0, sentence_similarity=0.0, fallback_below_chars=0, candidate_ngram=0, fetch_delay=0
    )
    assert (s.workers, s.sentence_similarity, s.candidate_ngram) == (0, 0.0, 0)
    assert Settings(fetch_delay=2).fetch_delay == 2  # an int where a float is expected is fine


@pytest.mark.parametrize(
    ("name", "raw", "says"),
    [
        ("NGRAM", "0", "comes from the environment variable COPYTRAIL_NGRAM"),
        ("NGRAM", "five", "COPYTRAIL_NGRAM='five' is not a valid whole number"),
        ("PROGRESS", "maybe", "COPYTRAIL_PROGRESS='maybe' is not a valid true/false"),
    ],
)
def test_a_bad_environment_setting_names_the_variable(
    monkeypatch: pytest.MonkeyPatch, name: str, raw: str, says: str
) -> None:
    monkeypatch.setenv(f"COPYTRAIL_{name}", raw)
    with pytest.raises(SettingsError, match=re.escape(says)):
        Settings.from_env()


def test_environment_booleans_take_the_usual_words(monkeypatch: pytest.MonkeyPatch) -> None:
    for raw, value in (("off", False), ("0", False), ("Yes", True), ("on", True)):
        monkeypatch.setenv("COPYTRAIL_PROGRESS", raw)
        assert Settings.from_env().progress is value
