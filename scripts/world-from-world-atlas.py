#!/usr/bin/env python3
"""Derive the web page's offline base map from npm `world-atlas` 2.0.2 (ISC; Natural Earth 4.1.0
1:50m admin-0 countries, public domain).

Writes crates/crosscheck-server/assets/world.json: {"source", "countries": [{"id", "name",
"rings": [[[lon, lat], ...], ...]}]}, coordinates rounded to 0.05 degrees with repeated points
dropped, countries sorted by name. Run from the repository root:

    scripts/world-from-world-atlas.py            # runs `npm pack world-atlas@2.0.2` in a temp dir
    scripts/world-from-world-atlas.py FILE.tgz   # or reads a tarball already fetched

Admin-1 outlines: no openly licensed registry package ships Natural Earth admin-1 (see the
README's Web page section), so the page shows countries only.
"""
import json
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

OUT = Path("crates/crosscheck-server/assets/world.json")
STEP = 0.05


def decode(topo):
    sx, sy = topo["transform"]["scale"]
    tx, ty = topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)

    def ring(indices):
        out = []
        for i in indices:
            pts = arcs[i] if i >= 0 else list(reversed(arcs[~i]))
            out.extend(pts if not out else pts[1:])
        return out

    return ring


def unwrap(points):
    """Keep each point within 180 degrees of the one before, so that a ring crossing the
    antimeridian (Russia, Fiji) is drawn past the map's edge instead of across the map."""
    out = []
    for lon, lat in points:
        if out:
            while lon - out[-1][0] > 180:
                lon -= 360
            while out[-1][0] - lon > 180:
                lon += 360
        out.append((lon, lat))
    return out


def snap(points):
    out = []
    for lon, lat in unwrap(points):
        p = [round(round(lon / STEP) * STEP, 2), round(round(lat / STEP) * STEP, 2)]
        if not out or out[-1] != p:
            out.append(p)
    return out


def main():
    with tempfile.TemporaryDirectory() as tmp:
        if len(sys.argv) > 1:
            tgz = Path(sys.argv[1])
        else:
            subprocess.run(["npm", "pack", "world-atlas@2.0.2"], cwd=tmp, check=True, capture_output=True)
            tgz = Path(tmp) / "world-atlas-2.0.2.tgz"
        with tarfile.open(tgz) as t:
            topo = json.load(t.extractfile("package/countries-50m.json"))
    ring = decode(topo)
    countries = []
    for g in topo["objects"]["countries"]["geometries"]:
        polys = []
        if g["type"] == "Polygon":
            polys = [g["arcs"]]
        elif g["type"] == "MultiPolygon":
            polys = g["arcs"]
        rings = []
        for poly in polys:
            for r in poly:
                pts = snap(ring(r))
                if len(pts) >= 4:
                    rings.append(pts)
        if rings:
            countries.append({"id": g.get("id", ""), "name": g["properties"]["name"], "rings": rings})
    countries.sort(key=lambda c: (c["name"], c["id"]))
    doc = {
        "source": "Natural Earth 1:50m admin-0 countries (public domain), via npm world-atlas 2.0.2 (ISC); "
        "derived by scripts/world-from-world-atlas.py",
        "countries": countries,
    }
    OUT.write_text(json.dumps(doc, separators=(",", ":")) + "\n")
    print(f"{OUT}: {len(countries)} countries, {OUT.stat().st_size} bytes")


if __name__ == "__main__":
    main()
