#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""The size and server time of the no-JavaScript plan preview (issue 19,
"each page <= 150 KB before compression").

    bench/plan_page.py [--rotad build/daemon/rotad] [--preset city]
        [--seconds 5] [--n 20] [--workdir /tmp/bench-plan-page]
        [--save FILE]

Generates the preset (bench/gen_instance.py, no assignments: every
position of its four weeks is open), imports it into a fresh database of
rotad, logs in as an admin through the page's own form (POST /login),
plans the preset's four weeks for all homes with the form of GET /plan
(POST /plan: a dry run), follows GET /plan/{run} until the preview is
there, then fetches that preview --n times and prints its size in bytes
(the body as sent: no compression) and the median and slowest time of a
fetch over loopback (a fresh connection each time; the time is rotad's
rendering of GET /api/v1/schedule/{run} and of the page, and the
transfer).
"""
import argparse
import http.client
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time
import urllib.parse

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "correct horse battery"


class Jar:
    """A browser without scripts: a cookie and forms."""

    def __init__(self, port):
        self.port = port
        self.cookie = None

    def call(self, method, path, form=None):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=600)
        h = {"Origin": "null"}
        if self.cookie:
            h["Cookie"] = self.cookie
        body = None
        if form is not None:
            body = urllib.parse.urlencode(form).encode()
            h["Content-Type"] = "application/x-www-form-urlencoded"
        t0 = time.perf_counter()
        c.request(method, path, body=body, headers=h)
        r = c.getresponse()
        data = r.read()
        ms = (time.perf_counter() - t0) * 1e3
        for k, v in r.getheaders():
            if k.lower() == "set-cookie" and v.startswith("rota_session="):
                self.cookie = v.split(";")[0]
        c.close()
        return r, data, ms


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rotad", default=os.path.join(
        HERE, "..", "build", "daemon", "rotad"))
    ap.add_argument("--preset", default="city")
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--n", type=int, default=20)
    ap.add_argument("--workdir", default="/tmp/bench-plan-page")
    ap.add_argument("--save", help="write the preview page to this file")
    a = ap.parse_args()
    shutil.rmtree(a.workdir, ignore_errors=True)
    os.makedirs(a.workdir)
    raw = os.path.join(a.workdir, a.preset + ".json")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_instance.py"),
                    a.preset, "-o", raw], check=True)
    with open(raw) as f:
        doc = json.load(f)
    days = sorted(s["start"][:10] for s in doc["slots"])
    db = os.path.join(a.workdir, "rota.db")
    conf = os.path.join(a.workdir, "rotad.conf")
    with open(conf, "w") as f:
        f.write("[server]\nmax_body = 67108864\ntimeout = 600\n")
    port_file = os.path.join(a.workdir, "port")
    log = open(os.path.join(a.workdir, "rotad.log"), "wb")
    proc = subprocess.Popen([a.rotad, "--config", conf, "--listen",
                             "127.0.0.1:0", "--db", db, "--create",
                             "--port-file", port_file],
                            stdout=log, stderr=log)
    try:
        for _ in range(400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)
        port = int(open(port_file).read())
        subprocess.run([a.rotad, "user", "add", "bench", "--role", "admin",
                        "--db", db], input=PASSWORD + "\n", check=True,
                       capture_output=True, text=True)
        token = subprocess.run([a.rotad, "token", "create", "bench-t",
                                "--db", db], check=True, capture_output=True,
                               text=True).stdout.strip()
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        c.request("POST", "/api/v1/import?force=true", body=json.dumps(doc),
                  headers={"Authorization": "Bearer " + token,
                           "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        if r.status != 200:
            sys.exit("import: %d" % r.status)
        b = Jar(port)
        r, _, _ = b.call("POST", "/login", {"login": "bench",
                                            "password": PASSWORD})
        if r.status != 303:
            sys.exit("login: %d" % r.status)
        _, page, _ = b.call("GET", "/plan")
        csrf = re.search(rb'name="csrf_token" value="([^"]+)"', page)
        r, _, _ = b.call("POST", "/plan", {
            "csrf_token": csrf.group(1).decode(), "from": days[0],
            "to": days[-1], "seconds": str(a.seconds)})
        if r.status != 303:
            sys.exit("plan: %d" % r.status)
        run = r.getheader("Location")
        while True:
            r, page, _ = b.call("GET", run)
            if b'id="plan-preview-title"' in page:
                break
            # The page's own Refresh (1 s) stands for the browser's.
            time.sleep(1)
        times = []
        for _ in range(a.n):
            r, page, ms = b.call("GET", run)
            times.append(ms)
        if a.save:
            with open(a.save, "wb") as f:
                f.write(page)
        opened = len(re.findall(rb'class="plan-open', page))
        print("%s, %s to %s, %d slots: preview %d bytes (%.1f KB), "
              "%d open rows; GET %s median %.1f ms, max %.1f ms (n=%d)"
              % (a.preset, days[0], days[-1], len(doc["slots"]), len(page),
                 len(page) / 1024, opened, run, statistics.median(times),
                 max(times), a.n))
    finally:
        proc.terminate()
        proc.wait()


if __name__ == "__main__":
    main()
