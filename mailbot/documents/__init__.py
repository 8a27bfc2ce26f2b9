"""Document reading: text, OCR, classification and field extraction."""
