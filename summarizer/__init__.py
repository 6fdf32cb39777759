"""summarizer: Japanese cyber-threat reporting -> grounded threat intel and English briefs."""

__version__ = "0.1.0"
