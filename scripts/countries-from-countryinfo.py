#!/usr/bin/env python3
"""Complete crates/crosscheck-nlp/data/countries.tsv with every country of PyPI `countryinfo` 1.0.1
(MIT): name, ISO 3166-1 alpha-2, demonym and Latin-script alternative spellings. Rows already in
the file (curated, with CIA World Factbook adjectives, and the capitals after GeoNames) are kept
as they are; only missing ISO codes are added, with countryinfo's capital. Usage: scripts/countries-from-countryinfo.py [WHEEL]  (else `pip download`)."""
import json, os, subprocess, sys, tempfile, unicodedata, zipfile

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "crosscheck-nlp", "data", "countries.tsv")


def latin(s):
    return all(not c.isalpha() or unicodedata.name(c, "").startswith("LATIN") for c in s)


def main():
    with tempfile.TemporaryDirectory() as tmp:
        whl = sys.argv[1] if len(sys.argv) > 1 else None
        if not whl:
            subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, "countryinfo==1.0.1"], check=True)
            whl = os.path.join(tmp, [f for f in os.listdir(tmp) if f.endswith(".whl")][0])
        z = zipfile.ZipFile(whl)
        data = [json.loads(z.read(n)) for n in z.namelist() if n.endswith(".json") and "/data/" in n]
    lines = open(OUT, encoding="utf-8").read().splitlines()
    header = [l for l in lines if l.startswith("#")]
    rows = [l.split("\t") for l in lines if l and not l.startswith("#")]
    have = {r[1] for r in rows}
    names = {r[0] for r in rows}
    # A territory's demonym is often its sovereign state's (Northern Mariana Islands: American);
    # an adjective already in the file keeps naming the country that has it.
    adjectives = {a for r in rows for a in r[2].split(",")}
    for d in data:
        iso = (d.get("ISO") or {}).get("alpha2")
        name = d.get("name")
        if not iso or not name or iso in have or name in names or not d.get("demonym"):
            continue
        alts = [a for a in d.get("altSpellings", []) if latin(a) and len(a) > 3 and a != name and "," not in a]
        demonym = d["demonym"].replace(",", "")
        rows.append([name, iso, "-" if demonym in adjectives else demonym, ",".join(dict.fromkeys(alts)) or "-", d.get("capital") or "-"])
        adjectives.add(demonym)
        have.add(iso)
        names.add(name)
    rows.sort(key=lambda r: r[0])
    with open(OUT, "w", encoding="utf-8") as f:
        f.write("\n".join(header) + "\n")
        for r in rows:
            f.write("\t".join(r) + "\n")
    print(f"{len(rows)} countries", file=sys.stderr)


if __name__ == "__main__":
    main()
