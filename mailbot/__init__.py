"""mailbot: an e-mail driven workflow processor for an e-signature desk."""

__version__ = "0.1.0"
