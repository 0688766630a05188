#!/usr/bin/env python3
"""Measure the web page's first paint and the time until the incident list and map are ready,
in headless Chromium driven by chromedriver (WebDriver over HTTP; standard library only).

    crosscheck bench-serve --incidents 100000 --seconds 5 --keep /tmp/load.db
    crosscheck --db /tmp/load.db serve --addr 127.0.0.1:8080 &
    scripts/first-paint.py http://127.0.0.1:8080/ [runs]

Each run uses a fresh profile (a cold cache). Prints first-contentful-paint and list-ready
times in ms for each run, then the median.
"""
import json
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request


def call(base, method, path, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(base + path, data=data, method=method, headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=60) as r:
        return json.load(r)["value"]


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def main():
    url = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080/"
    runs = int(sys.argv[2]) if len(sys.argv) > 2 else 5
    port = free_port()
    driver = subprocess.Popen([shutil.which("chromedriver"), f"--port={port}"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(base + "/status", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        fcp, ready = [], []
        for _ in range(runs):
            profile = tempfile.mkdtemp()
            caps = {"capabilities": {"alwaysMatch": {"goog:chromeOptions": {"binary": shutil.which("chromium"), "args": [
                "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,900", f"--user-data-dir={profile}"]}}}}
            sid = call(base, "POST", "/session", caps)["sessionId"]
            s = f"/session/{sid}"
            call(base, "POST", s + "/url", {"url": url})
            for _ in range(600):
                v = call(base, "POST", s + "/execute/sync", {"script": "return document.body.dataset.readyMs || null", "args": []})
                if v:
                    break
                time.sleep(0.05)
            paint = call(base, "POST", s + "/execute/sync", {"script": "const e = performance.getEntriesByName('first-contentful-paint')[0]; return e ? e.startTime : null", "args": []})
            fcp.append(paint)
            ready.append(float(v))
            urllib.request.urlopen(urllib.request.Request(base + s, method="DELETE"))
            shutil.rmtree(profile, ignore_errors=True)
            print(f"first contentful paint {paint:.0f} ms, list and map ready {float(v):.0f} ms")
        fcp.sort()
        ready.sort()
        print(f"median of {runs}: first contentful paint {fcp[len(fcp) // 2]:.0f} ms, list and map ready {ready[len(ready) // 2]:.0f} ms")
    finally:
        driver.kill()


if __name__ == "__main__":
    main()
