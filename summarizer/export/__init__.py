"""Exports analysts import: STIX 2.1 bundles (``stix``), MISP events (``misp``) and a
self-contained HTML page with each fact beside its Japanese source (``html``).

Each module takes finished ``ThreatReport`` objects (one article or a batch) and returns plain
data or text; the CLI decides where it goes.
"""
