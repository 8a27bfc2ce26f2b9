"""Helpers shared by tests: synthetic people, sample mail builders."""
