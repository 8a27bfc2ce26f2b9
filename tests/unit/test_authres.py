"""Authentication-Results: only the trusted server's DMARC/DKIM pass for the From domain counts."""

from __future__ import annotations

from mailbot.authres import is_authenticated

TRUSTED = "mx.saglik.gov.tr"
OFFICER = "memur@saglik.gov.tr"


def test_dmarc_pass_from_trusted_server() -> None:
    header = (f"{TRUSTED}; spf=pass smtp.mailfrom=saglik.gov.tr; "
              "dmarc=pass header.from=saglik.gov.tr")
    assert is_authenticated((header,), TRUSTED, OFFICER)


def test_aligned_dkim_pass() -> None:
    header = f"{TRUSTED}; dkim=pass header.d=saglik.gov.tr header.s=s1"
    assert is_authenticated((header,), TRUSTED, OFFICER)


def test_untrusted_server_or_failure_or_other_domain_is_refused() -> None:
    assert not is_authenticated(("evil.example; dmarc=pass header.from=saglik.gov.tr",),
                                TRUSTED, OFFICER)
    assert not is_authenticated((f"{TRUSTED}; dmarc=fail header.from=saglik.gov.tr",),
                                TRUSTED, OFFICER)
    assert not is_authenticated((f"{TRUSTED}; dkim=pass header.d=evil.example",),
                                TRUSTED, OFFICER)
    assert not is_authenticated((), TRUSTED, OFFICER)
    assert not is_authenticated((f"{TRUSTED}; dmarc=pass header.from=saglik.gov.tr",),
                                None, OFFICER)


def test_only_the_topmost_trusted_header_counts() -> None:
    top = f"{TRUSTED}; dmarc=fail header.from=saglik.gov.tr"
    forged_below = f"{TRUSTED}; dmarc=pass header.from=saglik.gov.tr"
    assert not is_authenticated((top, forged_below), TRUSTED, OFFICER)
