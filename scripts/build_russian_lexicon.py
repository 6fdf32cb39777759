#!/usr/bin/env python
"""Build ``summarizer/names/data/russian_lexicon.tsv``: Russian surnames and given names from
the OpenCorpora dictionary, in US-government Latin spelling, keyed by the
folded katakana Japanese press writes for them.

The runtime needs no new dependency: this script runs once, in a scratch environment with the
dictionary package (not a dependency of the project):

    python3 -m venv /tmp/lexenv && /tmp/lexenv/bin/pip install pymorphy3 pymorphy3-dicts-ru
    /tmp/lexenv/bin/python scripts/build_russian_lexicon.py

Every word the dictionary tags Surn or Name, in the nominative singular (masculine and
feminine forms; its patronymics are left out: they fold like surnames and only add collisions,
and known.py derives those of common given names), is written in Latin the way US indictments
and Treasury designations write Russian names (BGN/PCGN without apostrophes: Aleksey,
Yevgeniy, Dmitriy, Artem, Petr, kh, ts, zh, shch; -aev, -eev after a vowel as indictments
write them) and in katakana by ``known.kana_variants`` (from a phonetic Latin form: ё is yo, a
soft sign before a consonant or at the end is i, as Japanese writes ль as リ); each katakana
spelling is folded (``known.fold``) into the key. One row per key and spelling.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer.names.known import fold, kana_variants  # noqa: E402

OUT = ROOT / "summarizer" / "names" / "data" / "russian_lexicon.tsv"
LETTERS = OUT.with_name("russian_letters.tsv")
VOWELS = set("аеёиоуыэюя")
_PLAIN = {
    "а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ж": "zh", "з": "z", "и": "i",
    "й": "y", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ъ": "", "ы": "y", "э": "e", "ю": "yu", "я": "ya",
}  # fmt: skip

HEADER = """\
# Russian surnames and given names: the OpenCorpora dictionary (opencorpora.org,
# dictionary revision {rev}; licence CC BY-SA 3.0: this derived table is shared under the same
# licence), read through the pymorphy3-dicts-ru package (its code MIT). Built by
# scripts/build_russian_lexicon.py: every word tagged Surn or Name in the nominative
# singular, in US-government Latin spelling (BGN/PCGN without apostrophes), keyed by the folded
# katakana Japanese press writes for it (known.fold of known.kana_variants). A general lexicon
# of names, not a list of people. russian.py consults it after russian_known.tsv.
key\tlatin\tkind
"""

LETTERS_HEADER = """\
# Letter 1-, 2- and 3-gram counts of the Latin spellings of russian_lexicon.tsv (each spelling
# once; ^ starts and $ ends a word): the letter model known.likeliest uses to choose l or r, b or
# v in a Russian read-back. Source and licence as russian_lexicon.tsv (OpenCorpora, CC BY-SA
# 3.0); built by scripts/build_russian_lexicon.py.
ngram\tcount
"""


def letter_counts(spellings: list[str]) -> dict[str, int]:
    """The counts ``known._trigrams`` reads: trigrams and bigrams of "^^word$", unigrams."""
    counts: Counter[str] = Counter()
    for latin in spellings:
        w = "^^" + latin.lower() + "$"
        for i in range(2, len(w)):
            counts.update((w[i - 2 : i + 1], w[i - 1 : i + 1], w[i]))
    return dict(counts)


def to_latin(word: str, phonetic: bool = False) -> str:
    """Cyrillic -> Latin as US announcements write Russian names; ``phonetic`` spells what
    katakana shows instead: ё as yo, a soft sign before a consonant or at the end as i."""
    w = word.lower()
    out: list[str] = []
    for i, c in enumerate(w):
        prev = w[i - 1] if i else ""
        nxt = w[i + 1] if i + 1 < len(w) else ""
        after_vowel = not prev or prev in VOWELS or prev in "ьъ"
        if c == "е":
            # initial and after a soft sign ye (Yevgeniy, Vasilyev); after a vowel e, as US
            # indictments write -aev, -eev (Dokuchaev, Matveev)
            out.append("ye" if not prev or prev in "ьъ" else "e")
        elif c == "ё":
            out.append("yo" if after_vowel or phonetic else "e")
        elif c == "ь":
            if nxt in ("е", "ё", "ю", "я"):
                out.append("")  # the vowel brings its own y
            elif nxt == "и":
                out.append("y")  # Ilyin
            elif nxt == "о":
                out.append("y")  # Volkonsky's ьо: Lyovochkin
            else:
                out.append("i" if phonetic else "")
        elif c == "й" and prev == "и" and not nxt:
            out.append("y")  # -iy
        elif c == "й" and prev == "ы" and not nxt:
            out.append("y")
        else:
            out.append(_PLAIN.get(c, ""))
    return "".join(out).capitalize()


def extract() -> tuple[list[tuple[str, str]], str]:
    import json

    import pymorphy3
    import pymorphy3_dicts_ru

    meta = dict(json.loads(Path(pymorphy3_dicts_ru.get_path(), "meta.json").read_text()))
    morph = pymorphy3.MorphAnalyzer()
    seen: dict[tuple[str, str], None] = {}
    for word, tag, _normal, _para, _idx in morph.dictionary.iter_known_words():
        t = str(tag)
        if "nomn" not in t or "plur" in t or "Abbr" in t:
            continue
        kind = "surname" if "Surn" in t else "given" if "Name" in t else None
        if kind is not None and len(word) > 1:
            seen[(word, kind)] = None
    return sorted(seen), str(meta.get("source_revision", "?"))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--words", help="a TSV of Cyrillic word and kind instead of the dictionary")
    ap.add_argument("--revision", default="?")
    ap.add_argument("--out", default=str(OUT))
    args = ap.parse_args()
    if args.words:
        rows = [tuple(ln.split("\t")[:2]) for ln in Path(args.words).read_text().splitlines()]
        words, rev = sorted({(w, k) for w, k in rows if k != "patronymic"}), args.revision
    else:
        words, rev = extract()
    out: dict[tuple[str, str], str] = {}
    for cyr, kind in words:
        latin = to_latin(cyr)
        if len(latin) < 3:
            continue
        for form in {to_latin(cyr, phonetic=True), latin}:
            for kana in kana_variants(form, "ru", limit=16):
                key = fold(kana)
                if len(key) >= 2:
                    out.setdefault((key, latin), kind)
    lines = [f"{k}\t{lat}\t{kind}" for (k, lat), kind in sorted(out.items())]
    Path(args.out).write_text(HEADER.format(rev=rev) + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} words -> {len(lines)} rows, {len({k for k, _ in out})} keys: {args.out}")
    spellings = sorted({lat for _k, lat in out})
    counts = letter_counts(spellings)
    letters = Path(args.out).with_name(LETTERS.name)
    grams = [f"{g}\t{n}" for g, n in sorted(counts.items())]
    letters.write_text(LETTERS_HEADER + "\n".join(grams) + "\n", encoding="utf-8")
    print(f"{len(spellings)} spellings -> {len(grams)} letter n-grams: {letters}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
