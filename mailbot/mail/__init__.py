"""Mail edges and pure mail helpers: IMAP intake, parsing, composing, SMTP."""
