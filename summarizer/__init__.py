"""summarizer: Japanese cyber-threat reporting into grounded threat intelligence and English briefs."""

__version__ = "0.1.0"
