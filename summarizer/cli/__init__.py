"""The command line (the only package that imports typer, prints, or exits)."""

from summarizer.cli.app import app, main

__all__ = ["app", "main"]
