#!/usr/bin/env python3
"""Write a synthetic GeoNames dump shaped like allCountries.txt, for measuring a full-size import.

The real allCountries.zip (about 12.9 million rows, 1.6 GB unzipped) cannot be fetched on the
project's machines; this writes as many rows of invented names in its 19-column layout, with
feature classes in about its proportions (P 37%, H 17%, T 16%, S 13%, L 6%, A 4%, U, V, R),
a fifth of the rows with 1-8 alternate names, random points and 40 country codes. Rows are
shorter than the real ones on average (96 against 124 bytes): the import's time and memory grow
with the row and name count, which match.

Usage: scripts/synthetic-geonames.py ROWS OUT   (deterministic: a fixed seed)
Then:  crosscheck --gazetteer DIR gazetteer import OUT   (OUT's file name must be allCountries.txt)
"""
import random
import sys

SYLLABLES = ["ka", "lo", "mi", "ra", "to", "ne", "bu", "sa", "di", "go", "ya", "fe", "ri", "mo", "ta", "ku", "zi",
             "ba", "le", "wo", "an", "el", "or", "in"]
COUNTRIES = ["US", "CN", "IN", "RU", "BR", "ID", "MX", "DE", "FR", "IR", "TR", "NG", "ML", "BF", "NE", "CA", "AU",
             "JP", "GB", "IT", "ES", "PK", "EG", "ZA", "KE", "TZ", "CO", "AR", "PE", "UA", "PL", "VN", "TH", "PH",
             "SD", "ET", "CD", "AF", "IQ", "SY"]
CLASSES = [("P", "PPL", 0.37), ("H", "STM", 0.17), ("T", "MT", 0.16), ("S", "BLDG", 0.13), ("L", "AREA", 0.06),
           ("A", "ADM3", 0.04), ("V", "FRST", 0.02), ("R", "RD", 0.02), ("U", "SMU", 0.03)]


def main():
    rows, out = int(sys.argv[1]), sys.argv[2]
    rnd = random.Random(42)

    def word(syllables):
        return "".join(rnd.choice(SYLLABLES) for _ in range(syllables)).capitalize()

    def name():
        return word(rnd.randint(2, 4)) + ("" if rnd.random() < 0.7 else " " + word(2))

    def feature():
        x, acc = rnd.random(), 0.0
        for c, code, p in CLASSES:
            acc += p
            if x < acc:
                return c, code
        return "P", "PPL"

    with open(out, "w", encoding="utf-8") as f:
        for i in range(rows):
            n = name()
            alts = ",".join(name() for _ in range(rnd.randint(1, 8))) if rnd.random() < 0.2 else ""
            c, code = feature()
            pop = rnd.randint(0, 50000) if c == "P" and rnd.random() < 0.3 else 0
            f.write("\t".join([str(10_000_000 + i), n, n, alts, "%.5f" % rnd.uniform(-60, 70),
                               "%.5f" % rnd.uniform(-180, 180), c, code, rnd.choice(COUNTRIES), "",
                               "%02d" % rnd.randint(1, 30), "", "", "", str(pop), "", "100", "Etc/UTC",
                               "2024-01-01"]) + "\n")


if __name__ == "__main__":
    main()
