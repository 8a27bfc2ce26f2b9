"""Real mail servers on loopback for tests, benchmarks and `mailbot demo` (Dovecot, aiosmtpd)."""
