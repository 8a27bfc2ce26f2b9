"""Jobs (plain functions the CLI can run once) and the APScheduler daemon around them."""

from __future__ import annotations

import logging
import signal
import threading
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from types import FrameType

from apscheduler.executors.pool import ThreadPoolExecutor
from apscheduler.schedulers.blocking import BlockingScheduler
from filelock import FileLock, Timeout

from mailbot.app import App
from mailbot.crypto import SecretBox
from mailbot.digest import DigestResult, digest_trigger, send_digest
from mailbot.mail.idle import IdleWatcher
from mailbot.mail.imap import Mailbox, MailboxError
from mailbot.outbox import FlushReport, flush
from mailbot.process import PollReport, poll_mailbox
from mailbot.settings import ConfigError
from mailbot.status import write_heartbeat

log = logging.getLogger(__name__)


class AlreadyRunning(Exception):
    """Another mailbot holds the lock on this data directory."""


def poll_job(app: App) -> PollReport | None:
    """One poll of the mailbox, then one outbox flush; an outage is logged, not raised."""
    report = None
    try:
        with Mailbox(app.account()) as mailbox:
            report = poll_mailbox(app, mailbox)
        summary = (f"seen={report.seen} processed={report.processed} "
                   f"refiled={report.refiled} failed={report.failed}")
        log.info("poll %s", summary)
        write_heartbeat(app, True, summary)
    except MailboxError as error:
        log.error("poll aborted, will retry: %s", error)
        write_heartbeat(app, False, str(error))
    flush_job(app)
    return report


def flush_job(app: App) -> FlushReport:
    """Send what is due in the outbox."""
    give_up = timedelta(hours=app.settings.send_retry_hours)
    box = SecretBox.from_settings(app.settings) if app.settings.secret_keys else None
    smtp = app.smtp()
    app.settings.data_dir.mkdir(parents=True, exist_ok=True)
    # one flush at a time per data directory: the daemon, `approve` and `digest` may overlap
    with FileLock(str(app.settings.data_dir / "outbox.lock"), timeout=300):
        report = flush(app.engine, smtp, app.settings.mailbox_address or "", app.clock(),
                       give_up, box)
    if report.sent or report.deferred or report.failed:
        log.info("outbox sent=%d deferred=%d failed=%d", report.sent, report.deferred,
                 report.failed)
    return report


def purge_job(app: App) -> None:
    """The daily retention run."""
    from mailbot.purge import purge

    report = purge(app, app.clock())
    log.info("purge attachments=%d bodies=%d replies=%d credentials=%d", report.attachments,
             report.bodies, report.replies, report.credentials)


def digest_job(app: App) -> DigestResult:
    """The officers' digest for the current period, once; what it queued is sent at once."""
    result = send_digest(app)
    if result.outbox_ids:
        flush_job(app)
    return result


def instance_lock(app: App) -> FileLock:
    """The data directory's lock; raises AlreadyRunning if another daemon holds it."""
    app.settings.data_dir.mkdir(parents=True, exist_ok=True)
    lock = FileLock(str(app.settings.data_dir / "mailbot.lock"))
    try:
        lock.acquire(timeout=0)
    except Timeout:
        raise AlreadyRunning(
            f"another mailbot is running on {app.settings.data_dir} (lock {lock.lock_file})"
        ) from None
    return lock


def build_scheduler(app: App, busy: threading.Lock, wake: threading.Event) -> BlockingScheduler:
    """One scheduler, one worker: poll and flush never overlap, missed runs coalesce."""
    scheduler = BlockingScheduler(
        executors={"default": ThreadPoolExecutor(1)},
        job_defaults={"coalesce": True, "max_instances": 1, "misfire_grace_time": 300},
        timezone="Europe/Istanbul",
    )

    def guarded(job: Callable[[App], object], *args: App) -> None:
        with busy:
            if not app.stop.is_set():
                job(*args)

    def guarded_poll(application: App) -> None:
        while True:  # mail announced while a poll ran is fetched right after it
            wake.clear()
            guarded(poll_job, application)
            if not wake.is_set() or app.stop.is_set():
                return

    now = app.clock()
    scheduler.add_job(guarded_poll, "interval", args=(app,), id="poll",
                      seconds=app.settings.poll_interval, next_run_time=now)
    scheduler.add_job(guarded, "interval", args=(flush_job, app), id="flush",
                      seconds=app.settings.outbox_interval)
    scheduler.add_job(guarded, digest_trigger(app.settings.digest_cron), args=(digest_job, app),
                      id="digest", coalesce=True, max_instances=1)
    scheduler.add_job(guarded, "cron", args=(purge_job, app), id="purge", hour=3, minute=17)
    # a digest whose time passed while mailbot was down is sent on start (once: period key)
    scheduler.add_job(guarded, "date", run_date=now + timedelta(seconds=5),
                      args=(digest_job, app), id="digest-catch-up")
    return scheduler


def _wake_poll(scheduler: BlockingScheduler, wake: threading.Event) -> None:
    """New mail announced: run the poll now (or right after the one in progress)."""
    wake.set()
    try:
        scheduler.modify_job("poll", next_run_time=datetime.now(UTC))
    except Exception as error:  # the scheduler is stopping or not yet up
        log.debug("could not wake the poll: %s", error)


def run_daemon(app: App) -> None:
    """Run until SIGTERM/SIGINT; the message in hand is finished before exiting."""
    for check in (app.account, app.smtp):  # fail fast on missing settings
        check()
    lock = instance_lock(app)
    busy, wake = threading.Lock(), threading.Event()
    scheduler = build_scheduler(app, busy, wake)
    if app.settings.idle:
        IdleWatcher(app.account(), lambda: _wake_poll(scheduler, wake), app.stop).start()

    def on_signal(signum: int, _frame: FrameType | None) -> None:
        log.info("signal %s: finishing the current message, then stopping", signum)
        app.stop.set()
        scheduler.shutdown(wait=False)

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)
    log.info("mailbot running: poll every %ss, outbox every %ss", app.settings.poll_interval,
             app.settings.outbox_interval)
    try:
        scheduler.start()
    finally:
        with busy:  # wait for a job in progress
            pass
        lock.release()
        log.info("mailbot stopped")


__all__ = ["AlreadyRunning", "ConfigError", "digest_job", "flush_job", "poll_job", "run_daemon"]
