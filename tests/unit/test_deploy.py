"""The deploy files stay true: every variable in the env example is a real setting."""

from __future__ import annotations

from mailbot.settings import PROJECT_ROOT, Settings


def test_env_example_names_only_real_settings() -> None:
    text = (PROJECT_ROOT / "deploy" / "mailbot.env.example").read_text(encoding="utf-8")
    names = [line.split("=", 1)[0] for line in text.splitlines()
             if line.strip() and not line.startswith("#")]
    known = {f"MAILBOT_{name.upper()}" for name in Settings.model_fields}
    assert names and set(names) <= known


def test_service_runs_the_daemon_after_migrating() -> None:
    unit = (PROJECT_ROOT / "deploy" / "mailbot.service").read_text(encoding="utf-8")
    assert "ExecStartPre=/opt/mailbot/.venv/bin/mailbot db upgrade" in unit
    assert "ExecStart=/opt/mailbot/.venv/bin/mailbot run" in unit
