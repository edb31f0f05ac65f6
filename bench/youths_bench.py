#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Request times of the web app's youth list (issue 19):
GET /api/v1/youths?limit=50 (the first page), with a name search
(?q=, a common and a rare text), the next page, and one youth with its
limits, on a big instance.

    bench/youths_bench.py ROTAD [--preset nation] [--samples 30]

Generates the preset (bench/gen_instance.py), imports it into a fresh
rotad and times requests over one keep-alive connection, as the client
sees them (loopback).  Prints median and maximum per kind, in ms, and
the answer's size.
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rotad")
    ap.add_argument("--preset", default="nation")
    ap.add_argument("--samples", type=int, default=30)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="rota-youths-bench-")
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp):
    inst_path = os.path.join(tmp, "inst.json")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_instance.py"),
                    args.preset, "-o", inst_path], check=True)
    inst = json.load(open(inst_path))
    body = json.dumps(inst).encode()
    db = os.path.join(tmp, "rota.db")
    conf = os.path.join(tmp, "rotad.conf")
    port_file = os.path.join(tmp, "port")
    with open(conf, "w") as f:
        f.write("[server]\nlisten = 127.0.0.1:0\nmax_body = %d\n"
                % (len(body) + 1024))
    token = subprocess.run([args.rotad, "token", "create", "bench", "--db",
                            db], check=True, capture_output=True,
                           text=True).stdout.strip().split()[-1]
    log = open(os.path.join(tmp, "log"), "w")
    d = subprocess.Popen([args.rotad, "--config", conf, "--db", db,
                          "--port-file", port_file], stdout=log,
                         stderr=log)
    try:
        while not os.path.exists(port_file) or not open(port_file).read():
            if d.poll() is not None:
                raise SystemExit("rotad did not start")
            time.sleep(0.05)
        measure(args, inst, body, int(open(port_file).read()), token)
    finally:
        d.terminate()
        d.wait()


def measure(args, inst, body, port, token):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    h = {"Authorization": "Bearer " + token}

    def call(method, path, data=None):
        hh = dict(h)
        if data is not None:
            hh["Content-Type"] = "application/json"
        t = time.perf_counter()
        c.request(method, path, body=data, headers=hh)
        r = c.getresponse()
        b = r.read()
        return (time.perf_counter() - t) * 1000, r.status, b

    _, st, b = call("POST", "/api/v1/import?force=true", body)
    assert st == 200, b[:300]
    ys = inst["youths"]
    print("%s: %d youths" % (args.preset, len(ys)))
    first = ys[0]["name"].split()[0][:3].lower()
    rare = ys[len(ys) // 2]["name"].lower()
    page1 = json.loads(call("GET", "/api/v1/youths?limit=50")[2])

    def report(name, path):
        ts, size = [], 0
        for _ in range(args.samples):
            dt, st, b = call("GET", path)
            assert st == 200, (path, st, b[:300])
            ts.append(dt)
            size = len(b)
        ts.sort()
        print("%-40s median %6.2f ms  max %6.2f ms  %7d bytes"
              % (name, ts[len(ts) // 2], ts[-1], size))

    report("first page (limit=50)", "/api/v1/youths?limit=50")
    report("next page", "/api/v1/youths?limit=50&cursor=" +
           page1["next_cursor"])
    report("search, common (q=%s)" % first,
           "/api/v1/youths?limit=50&q=" + first)
    report("search, one match (full name)",
           "/api/v1/youths?limit=50&q=" + rare.replace(" ", "%20"))
    report("search, no match", "/api/v1/youths?limit=50&q=zzzzqqq")
    report("one youth", "/api/v1/youths/" + ys[0]["id"])
    report("limits, 5 weeks", "/api/v1/youths/%s/limits?from=2027-02-01"
           "&to=2027-03-07" % ys[0]["id"])


if __name__ == "__main__":
    main()
