"""Placeholder: registers no command yet."""
