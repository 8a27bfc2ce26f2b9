"""Authentication-Results (RFC 8601): did the trusted server see DKIM or DMARC pass for From?"""

from __future__ import annotations


def _domain_aligned(domain: str, from_domain: str) -> bool:
    """Relaxed alignment: the same domain, or From's domain is a subdomain of it."""
    domain, from_domain = domain.lower().strip("."), from_domain.lower().strip(".")
    return bool(domain) and (from_domain == domain or from_domain.endswith("." + domain))


def _results(header: str) -> tuple[str, list[dict[str, str]]]:
    """(authserv-id, [{method, result, property: value...}]) of one header value."""
    parts = [p.strip() for p in header.split(";")]
    authserv = parts[0].split()[0].lower() if parts and parts[0] else ""
    found = []
    for part in parts[1:]:
        words = part.split()
        if not words or "=" not in words[0]:
            continue
        method, _, result = words[0].partition("=")
        entry = {"method": method.lower(), "result": result.lower()}
        for word in words[1:]:
            key, sep, value = word.partition("=")
            if sep:
                entry[key.lower()] = value.strip('"').lower()
        found.append(entry)
    return authserv, found


def is_authenticated(headers: tuple[str, ...], trusted_id: str | None, from_address: str) -> bool:
    """True if the topmost header from `trusted_id` shows DMARC or aligned DKIM pass for From."""
    if not trusted_id or "@" not in from_address:
        return False
    from_domain = from_address.rsplit("@", 1)[1]
    for header in headers:
        authserv, results = _results(header)
        if authserv != trusted_id.lower():
            continue
        for entry in results:
            if entry["result"] != "pass":
                continue
            if entry["method"] == "dmarc" and _domain_aligned(
                    entry.get("header.from", ""), from_domain):
                return True
            if entry["method"] == "dkim" and _domain_aligned(
                    entry.get("header.d", entry.get("header.i", "").rpartition("@")[2]),
                    from_domain):
                return True
        return False  # only the topmost trusted header counts
    return False
