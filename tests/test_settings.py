"""Every setting is documented; CLI commands all have --help."""

from __future__ import annotations

from click.testing import CliRunner

from copytrail.cli import main
from copytrail.settings import Settings


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
