"""Private Dovecot 2.3 configuration for a throwaway IMAP server on loopback (not /etc/dovecot)."""

from __future__ import annotations

import grp
import os
import pwd
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

# Unix socket paths must stay under ~108 bytes; Dovecot adds up to ~35 below base_dir.
_MAX_ROOT_LENGTH = 64


@dataclass(frozen=True)
class Identity:
    """Who the Dovecot processes run as: system users under root, the caller otherwise."""

    login_user: str
    internal_user: str
    internal_group: str
    mail_uid: int
    mail_gid: int

    @classmethod
    def current(cls) -> Identity:
        """Root: dovenull/dovecot/nobody as Debian ships them; an ordinary user: itself for all."""
        if os.geteuid() == 0:
            nobody = pwd.getpwnam("nobody")
            return cls("dovenull", "dovecot", "dovecot", nobody.pw_uid, _nobody_gid(nobody.pw_gid))
        me = pwd.getpwuid(os.geteuid()).pw_name
        my_group = grp.getgrgid(os.getegid()).gr_name
        return cls(me, me, my_group, os.geteuid(), os.getegid())


def _nobody_gid(fallback: int) -> int:
    """Debian's `nogroup`, or nobody's own group elsewhere."""
    try:
        return grp.getgrnam("nogroup").gr_gid
    except KeyError:
        return fallback


def choose_root(workdir: Path) -> tuple[Path, bool]:
    """The directory the server lives in, and whether it is a private temp dir we must remove.

    `workdir` itself is used when the unprivileged Dovecot processes can reach it (as root:
    every ancestor searchable by others, which pytest's 0700 tmp_path is not) and its path is
    short enough for Unix sockets; otherwise a fresh 0755 dir under the system temp dir."""
    workdir = workdir.resolve()
    reachable = os.geteuid() != 0 or _searchable_by_others(workdir)
    if reachable and len(str(workdir)) <= _MAX_ROOT_LENGTH:
        workdir.mkdir(parents=True, exist_ok=True)
        return workdir, False
    private = Path(tempfile.mkdtemp(prefix="mailbot-dovecot-"))
    private.chmod(0o755)
    if not _searchable_by_others(private) and os.geteuid() == 0:
        raise RuntimeError(f"{private.parent} is not searchable by other users; set TMPDIR")
    return private, True


def _searchable_by_others(path: Path) -> bool:
    """True if every existing ancestor of `path` has the others-execute bit."""
    for part in [path, *path.parents]:
        if part.exists() and not part.stat().st_mode & stat.S_IXOTH:
            return False
    return True


def write_passwd(path: Path, users: dict[str, str], identity: Identity, mail_root: Path) -> None:
    """One passwd-file serving as passdb and userdb: user:{PLAIN}pass:uid:gid::home::."""
    lines = []
    for user, password in users.items():
        for value in (user, password):
            if not value or any(ch in value for ch in ":\r\n\t "):
                raise ValueError(f"user names and passwords must be non-empty, no ':' or spaces: "
                                 f"{value!r}")
        home = mail_root / user
        lines.append(f"{user}:{{PLAIN}}{password}:{identity.mail_uid}:{identity.mail_gid}"
                     f"::{home}::")
    path.write_text("\n".join(lines) + "\n")
    path.chmod(0o644)


def render_config(root: Path, port: int, identity: Identity) -> str:
    """The whole dovecot.conf: IMAP only, 127.0.0.1:`port`, plaintext login, maildir in `root`."""
    return f"""# Private test/demo instance written by mailbot.testing; not the system Dovecot.
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
default_login_user = {identity.login_user}
default_internal_user = {identity.internal_user}
default_internal_group = {identity.internal_group}
mail_uid = {identity.mail_uid}
mail_gid = {identity.mail_gid}
first_valid_uid = 1
first_valid_gid = 1
mail_location = maildir:~/Maildir
mail_fsync = never
protocol imap {{
  mail_max_userip_connections = 100
}}
namespace inbox {{
  inbox = yes
  separator = /
}}
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
userdb {{
  driver = passwd-file
  args = username_format=%u {root}/passwd
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""
