"""The loopback servers the loop is tested and demoed against: Dovecot, aiosmtpd sink, TCP proxy."""

from __future__ import annotations

import contextlib
import imaplib
import importlib.util
import json
import os
import shutil
import smtplib
import socket
import subprocess
import time
from email.message import EmailMessage
from email.utils import make_msgid
from pathlib import Path

import pytest
from imap_tools import MailBoxUnencrypted

from mailbot.testing.dovecot import Dovecot, DovecotError
from mailbot.testing.processes import alive, descendants
from mailbot.testing.proxy import TcpProxy
from mailbot.testing.smtpsink import SmtpSink

REPO = Path(__file__).resolve().parents[2]


def mail(subject: str, body: str = "Dekontum ektedir.", size: int = 0) -> bytes:
    """A small RFC 5322 message, padded with an attachment to about `size` bytes."""
    msg = EmailMessage()
    msg["From"] = "Ayşe Yılmaz <ayse@example.org>"
    msg["To"] = "tekirdag.sbs@saglik.gov.tr"
    msg["Subject"] = subject
    msg["Message-ID"] = make_msgid(domain="example.org")
    msg.set_content(body)
    if size:
        msg.add_attachment(os.urandom(size * 3 // 4), maintype="application", subtype="pdf",
                           filename="dekont.pdf")
    return msg.as_bytes(policy=msg.policy.clone(linesep="\r\n"))


def close(client: imaplib.IMAP4) -> None:
    """Close a client whose connection the test broke."""
    with contextlib.suppress(OSError):
        client.shutdown()


def refuses_connections(port: int) -> bool:
    try:
        socket.create_connection(("127.0.0.1", port), timeout=1).close()
    except OSError:
        return True
    return False


# Dovecot -------------------------------------------------------------------------------------

def test_dovecot_starts_and_stops_fast_leaving_no_process(tmp_path: Path) -> None:
    server = Dovecot(tmp_path / "imap")
    started = time.monotonic()
    server.start()
    start_seconds = time.monotonic() - started
    assert server.uids("desk") == []
    master = server._proc.pid
    family = descendants(master)
    assert family, "the master should have started its helper processes"
    started = time.monotonic()
    server.stop()
    stop_seconds = time.monotonic() - started
    assert start_seconds < 2 and stop_seconds < 2, (start_seconds, stop_seconds)
    assert refuses_connections(server.port)
    assert not Path(f"/proc/{master}").exists()
    assert not [pid for pid, started in family.items() if alive(pid, started)]


def test_append_then_fetch_returns_the_same_bytes_unseen(dovecot: Dovecot) -> None:
    first, second = mail("Dekont 1"), mail("Dekont 2", size=60_000)
    dovecot.append("desk", first)
    dovecot.append("desk", second, flags="\\Flagged")
    filed = [mail("Dosyalandı 1"), mail("Dosyalandı 2")]
    assert dovecot.append_many("desk", filed, folder="Review", flags="\\Seen") == 2
    assert dovecot.uids("desk") == [1, 2]
    assert dovecot.fetch_raw("desk") == {1: first, 2: second}
    assert dovecot.flags("desk") == {1: set(), 2: {"\\Flagged"}}  # fetch_raw peeked
    assert dovecot.flags("desk", "Review") == {1: {"\\Seen"}, 2: {"\\Seen"}}
    assert list(dovecot.fetch_raw("desk", "Review").values()) == filed
    assert dovecot.folders("desk") == ["INBOX", "Review"]


def test_wrong_password_is_refused(dovecot: Dovecot) -> None:
    client = imaplib.IMAP4(dovecot.host, dovecot.port, timeout=5)
    with pytest.raises(imaplib.IMAP4.error, match="AUTHENTICATIONFAILED"):
        client.login("desk", "wrong")
    client.shutdown()


def test_move_and_uidplus_are_advertised_after_login(dovecot: Dovecot) -> None:
    """Dovecot lists MOVE and UIDPLUS only once logged in (its greeting does not), and
    imaplib/imap-tools keep the greeting's list: a client must ask CAPABILITY again."""
    for n in range(3):
        dovecot.append("desk", mail(f"Dekont {n}"))
    with MailBoxUnencrypted(dovecot.host, dovecot.port, timeout=10).login("desk", "secret") as box:
        _, data = box.client.capability()
        assert {"MOVE", "UIDPLUS"} <= set(data[-1].decode().upper().split())
        box.folder.create("Processed")
        assert box.client.uid("MOVE", "2", "Processed")[0] == "OK"
    assert dovecot.uids("desk") == [1, 3]
    assert dovecot.uids("desk", "Processed") == [1]


def test_reset_uidvalidity_changes_it_and_keeps_the_messages(dovecot: Dovecot) -> None:
    for n in range(3):
        dovecot.append("desk", mail(f"Dekont {n}"))
    before_value, before_mail = dovecot.uidvalidity("desk"), dovecot.fetch_raw("desk")
    new = dovecot.reset_uidvalidity("desk")
    assert new != before_value and dovecot.uidvalidity("desk") == new
    assert sorted(dovecot.fetch_raw("desk").values()) == sorted(before_mail.values())
    with MailBoxUnencrypted(dovecot.host, dovecot.port).login("desk", "secret") as box:
        assert box.folder.status("INBOX")["UIDVALIDITY"] == new


def test_restart_keeps_mail_and_port(dovecot: Dovecot) -> None:
    dovecot.append("desk", mail("Dekont"))
    port = dovecot.port
    dovecot.restart()
    assert dovecot.port == port and dovecot.uids("desk") == [1]


def test_stop_drops_a_connected_client_promptly(dovecot: Dovecot) -> None:
    client = imaplib.IMAP4(dovecot.host, dovecot.port, timeout=5)
    client.login("desk", "secret")
    client.select("INBOX")
    started = time.monotonic()
    dovecot.stop()
    assert time.monotonic() - started < 2
    with pytest.raises((imaplib.IMAP4.abort, OSError)):
        client.noop()
    close(client)


def test_unreachable_workdir_gets_a_private_root_removed_on_stop(tmp_path: Path) -> None:
    hidden = tmp_path / "hidden"
    hidden.mkdir(mode=0o700)
    with Dovecot(hidden / "imap") as server:
        server.append("desk", mail("Dekont"))
        root = server.root
        assert server.uids("desk") == [1]
    if os.geteuid() == 0:  # unprivileged Dovecot processes cannot enter a 0700 root dir
        assert root is not None and not root.is_relative_to(hidden) and not root.exists()
        assert "Login: user=<desk>" in (hidden / "imap" / "dovecot.log").read_text()
    else:
        assert root == (hidden / "imap").resolve()


def test_a_missing_user_is_a_clear_error(dovecot: Dovecot) -> None:
    with pytest.raises(KeyError):
        dovecot.uids("nobody-here")
    with pytest.raises(DovecotError, match="not running"):
        Dovecot(Path("/nonexistent")).uids("desk")


SCRIPT = """
import json, sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from mailbot.testing.dovecot import Dovecot
with Dovecot(Path(sys.argv[2])) as server:
    server.append("desk", b"Subject: x\\r\\n\\r\\nbody\\r\\n")
    moved = server.reset_uidvalidity("desk")
    print(json.dumps({"uids": server.uids("desk"), "root": str(server.root)}))
"""


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv")
                    or not os.access("/usr/bin/python3", os.X_OK),
                    reason="needs root, setpriv and /usr/bin/python3 to become another user")
def test_works_as_an_ordinary_user(tmp_path: Path) -> None:
    """The same config runs rootless: all Dovecot processes as the calling user (nobody)."""
    workdir = Path("/tmp") / f"mailbot-rootless-{os.getpid()}"
    workdir.mkdir(mode=0o777)
    workdir.chmod(0o777)
    try:
        done = subprocess.run(
            ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
             "/usr/bin/python3", "-c", SCRIPT, str(REPO), str(workdir / "imap")],
            capture_output=True, text=True, timeout=60, env={"PATH": os.environ["PATH"]})
        if "Permission denied" in done.stderr and "mailbot" in done.stderr:
            pytest.skip("the repository is not readable by nobody")
        assert done.returncode == 0, done.stderr
        result = json.loads(done.stdout)
        assert result == {"uids": [1], "root": str(workdir / "imap")}
        assert (workdir / "imap" / "mail" / "desk").stat().st_uid == 65534
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


# SmtpSink ------------------------------------------------------------------------------------

def send(sink: SmtpSink, raw: bytes, to: str = "hekim@example.org") -> None:
    with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
        client.sendmail("tekirdag.sbs@saglik.gov.tr", [to], raw)


def test_sink_records_and_saves_each_message(tmp_path: Path) -> None:
    first, second = mail("Alındı 1"), mail("Alındı 2")
    with SmtpSink(save_dir=tmp_path / "out") as sink:
        send(sink, first)
        send(sink, second, to="diger@example.org")
        received = sink.wait_for(2)
    assert [m.data for m in received] == [first, second]
    assert received[1].rcpt_tos == ["diger@example.org"]
    assert received[0].mail_from == "tekirdag.sbs@saglik.gov.tr"
    assert received[0].message_id == received[0].message()["Message-ID"]
    assert (tmp_path / "out" / "2.eml").read_bytes() == second


def test_fail_next_replies_in_order_then_accepts(smtp_sink: SmtpSink) -> None:
    smtp_sink.fail_next("451 4.3.0 Try again later", "550 5.1.1 No such user")
    codes = []
    for n in range(3):
        try:
            send(smtp_sink, mail(f"Yanıt {n}"))
            codes.append(250)
        except smtplib.SMTPDataError as error:
            codes.append(error.smtp_code)
    assert codes == [451, 550, 250]
    assert len(smtp_sink.wait_for(1)) == 1


def test_fail_next_at_rcpt_refuses_the_recipient(smtp_sink: SmtpSink) -> None:
    smtp_sink.fail_next("550 5.1.1 No such user", stage="RCPT")
    with pytest.raises(smtplib.SMTPRecipientsRefused) as refused:
        send(smtp_sink, mail("Yanıt"))
    assert refused.value.recipients["hekim@example.org"][0] == 550
    send(smtp_sink, mail("Yanıt"))
    assert len(smtp_sink.messages) == 1


def test_drop_next_closes_the_line_without_a_reply(smtp_sink: SmtpSink) -> None:
    smtp_sink.drop_next()
    with pytest.raises(smtplib.SMTPServerDisconnected):
        send(smtp_sink, mail("Yanıt"))
    assert smtp_sink.messages == []
    send(smtp_sink, mail("Yanıt"))
    assert len(smtp_sink.wait_for(1)) == 1


def test_wait_for_times_out_naming_what_arrived(smtp_sink: SmtpSink) -> None:
    send(smtp_sink, mail("Yanıt"))
    with pytest.raises(TimeoutError, match="1 of 2"):
        smtp_sink.wait_for(2, timeout=0.2)


def test_sink_with_credentials_requires_login() -> None:
    with SmtpSink(credentials={"desk": "secret"}) as sink:
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as client, \
                pytest.raises(smtplib.SMTPSenderRefused):
            client.sendmail("a@example.org", ["b@example.org"], mail("x"))
        with smtplib.SMTP(sink.host, sink.port, timeout=10) as client:
            client.login("desk", "secret")
            client.sendmail("a@example.org", ["b@example.org"], mail("x"))
        assert len(sink.messages) == 1


# TcpProxy ------------------------------------------------------------------------------------

def fetch_via(port: int, uid: str = "1") -> bytes:
    client = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    try:
        client.login("desk", "secret")
        client.select("INBOX", readonly=True)
        _, data = client.uid("FETCH", uid, "(BODY.PEEK[])")
        client.logout()
    finally:
        close(client)
    return data[0][1]


def test_proxy_passes_traffic_unchanged(dovecot: Dovecot) -> None:
    raw = mail("Dekont", size=60_000)
    dovecot.append("desk", raw)
    with TcpProxy(dovecot.host, dovecot.port) as proxy:
        assert fetch_via(proxy.port) == raw


def test_cut_after_drops_a_fetch_midway_then_clears(dovecot: Dovecot) -> None:
    dovecot.append("desk", mail("Dekont", size=60_000))
    with TcpProxy(dovecot.host, dovecot.port) as proxy:
        client = imaplib.IMAP4(proxy.host, proxy.port, timeout=10)
        client.login("desk", "secret")
        client.select("INBOX", readonly=True)
        proxy.cut_after(20_000)
        with pytest.raises((imaplib.IMAP4.abort, OSError)):
            client.uid("FETCH", "1", "(BODY.PEEK[])")
        close(client)
        with pytest.raises((imaplib.IMAP4.abort, OSError)):  # new connections are cut too
            fetch_via(proxy.port)
        proxy.cut_after(None)
        assert len(fetch_via(proxy.port)) > 60_000
    assert dovecot.flags("desk") == {1: set()}


def test_cut_all_closes_live_connections(dovecot: Dovecot) -> None:
    with TcpProxy(dovecot.host, dovecot.port) as proxy:
        client = imaplib.IMAP4(proxy.host, proxy.port, timeout=10)
        client.login("desk", "secret")
        proxy.cut_all()
        with pytest.raises((imaplib.IMAP4.abort, OSError)):
            client.noop()
        close(client)
        assert fetch_via_ok(proxy.port)


def fetch_via_ok(port: int) -> bool:
    client = imaplib.IMAP4("127.0.0.1", port, timeout=10)
    status, _ = client.login("desk", "secret")
    client.logout()
    return status == "OK"


# bench/intake_raw.py: the baseline the intake benchmark divides by ----------------------------

def load_intake_raw():
    spec = importlib.util.spec_from_file_location("intake_raw", REPO / "bench" / "intake_raw.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_raw_fetch_rate_fetches_every_message_or_refuses(dovecot: Dovecot) -> None:
    intake_raw = load_intake_raw()
    assert intake_raw.uid_set([9, 1, 2, 3, 7, 10]) == "1:3,7,9:10"
    dovecot.append_many("desk", [mail(f"Dekont {n}", size=6_000) for n in range(7)])
    uids = dovecot.uids("desk")
    rate = intake_raw.raw_fetch_rate(dovecot.host, dovecot.port, "desk", "secret", "INBOX",
                                     uids, batch=3)
    assert rate > 0
    assert dovecot.flags("desk") == {uid: set() for uid in uids}  # peeked, not seen
    with pytest.raises(RuntimeError, match="fetched 7 of 8"):
        intake_raw.raw_fetch_rate(dovecot.host, dovecot.port, "desk", "secret", "INBOX",
                                  [*uids, 99], batch=3)
