"""What the organization-name rendering costs: import time, a table-only name, the first kanji
reading (fugashi + unidic-lite loaded then), a later one; and the dictionary's installed size.

    .venv/bin/python scripts/org_render_cost.py
"""

from __future__ import annotations

import os
import sys
import time


def _size(path: str) -> int:
    return sum(os.path.getsize(os.path.join(d, f)) for d, _, fs in os.walk(path) for f in fs)


def main() -> None:
    t0 = time.perf_counter()
    from summarizer.names.orgs import render_organization

    t1 = time.perf_counter()
    render_organization("国際メディカルセンター")
    t2 = time.perf_counter()
    loaded_before = "fugashi" in sys.modules
    render_organization("春日井リハビリテーション病院")
    t3 = time.perf_counter()
    render_organization("刈谷信用金庫")
    t4 = time.perf_counter()
    print(f"import summarizer.names.orgs: {1000 * (t1 - t0):.1f} ms")
    print(f"table-only name: {1000 * (t2 - t1):.1f} ms (fugashi loaded: {loaded_before})")
    print(f"first kanji reading (fugashi + tagger load): {1000 * (t3 - t2):.1f} ms")
    print(f"next kanji reading: {1000 * (t4 - t3):.1f} ms")
    try:
        import fugashi  # type: ignore[import-not-found,unused-ignore]
        import unidic_lite  # type: ignore[import-not-found,unused-ignore]
    except ImportError:
        print("fugashi/unidic-lite not installed: kanji proper names are kept as written")
        return
    for mod in (fugashi, unidic_lite):
        d = os.path.dirname(mod.__file__ or "")
        print(f"{mod.__name__} installed: {_size(d) / 1e6:.0f} MB")


if __name__ == "__main__":
    main()
