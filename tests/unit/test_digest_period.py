"""Digest periods: named by the latest scheduled time, crontab weekdays, Istanbul time."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from mailbot.digest import current_period, digest_trigger
from mailbot.settings import Settings

DEFAULT = Settings.model_fields["digest_cron"].default


@pytest.mark.parametrize(("now_utc", "key"), [
    (datetime(2026, 11, 20, 5, 30, tzinfo=UTC), "2026-11-20T08:30+03:00"),  # Friday, on time
    (datetime(2026, 11, 20, 5, 29, 59, tzinfo=UTC), "2026-11-19T08:30+03:00"),  # a second early
    (datetime(2026, 11, 22, 12, 0, tzinfo=UTC), "2026-11-20T08:30+03:00"),  # Sunday: Friday's
    (datetime(2026, 11, 23, 5, 31, tzinfo=UTC), "2026-11-23T08:30+03:00"),  # Monday
])
def test_the_period_is_the_latest_weekday_0830_in_istanbul(now_utc, key) -> None:
    assert current_period(DEFAULT, now_utc).key == key


def test_crontab_weekday_numbers_count_from_sunday() -> None:
    """APScheduler counts days from Monday; the setting is a crontab, where 1-5 is Mon-Fri."""
    saturday = datetime(2026, 11, 21, 9, 0, tzinfo=UTC)
    assert current_period("30 8 * * 1-5", saturday).key == "2026-11-20T08:30+03:00"
    assert current_period("0 9 * * 0", saturday).key == "2026-11-15T09:00+03:00"  # a Sunday
    assert current_period("0 9 * * 7", saturday).key == "2026-11-15T09:00+03:00"


def test_frequent_and_rare_schedules() -> None:
    now = datetime(2026, 11, 20, 10, 7, 30, tzinfo=UTC)
    assert current_period("*/15 * * * *", now).key == "2026-11-20T13:00+03:00"
    assert current_period("0 7 1 1 *", now).key == "2026-01-01T07:00+03:00"


def test_next_fire_follows_the_same_schedule() -> None:
    trigger = digest_trigger(DEFAULT)
    friday = datetime(2026, 11, 20, 5, 31, tzinfo=UTC)
    fire = trigger.get_next_fire_time(None, friday)
    assert fire == datetime(2026, 11, 23, 5, 30, tzinfo=UTC)
    assert current_period(DEFAULT, fire + timedelta(seconds=1)).fire_time == fire


def test_the_daemon_runs_the_digest_job_on_that_schedule(tmp_path) -> None:
    import threading

    from mailbot.jobs import build_scheduler, digest_job
    from tests.unit.test_digest import make_offline_app

    app = make_offline_app(tmp_path)
    app.settings.digest_cron = "30 8 * * 1-5"
    job = build_scheduler(app, threading.Lock(), threading.Event()).get_job("digest")
    assert job.args == (digest_job, app) and job.coalesce and job.max_instances == 1
    friday = datetime(2026, 11, 20, 5, 31, tzinfo=UTC)
    assert job.trigger.get_next_fire_time(None, friday) == datetime(2026, 11, 23, 5, 30,
                                                                     tzinfo=UTC)
