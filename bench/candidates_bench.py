#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Request times of GET /api/v1/slots/{id}/candidates and
GET /api/v1/youths/{id}/limits on a big instance (issue 19).

    bench/candidates_bench.py ROTAD [--preset nation] [--seconds 5]

Generates the preset (bench/gen_instance.py), plans it with
`rotad solve` (so youths have hours and most visits are full), starts
`rotad` on a fresh database in a temporary directory with a body limit
large enough for the import, imports the planned instance, and times
requests over one keep-alive connection: full visits, visits with open
places (also as the first request after a change), visits with one
place freed by deleting an assignment (so that some youths are
eligible), `?eligible=true`, `?limit=1000`, and the
limits of four weeks.  Prints median and maximum per kind, in ms, as the
client sees them (loopback; the daemon's own log has its time too).
"""
import argparse
import collections
import http.client
import json
import os
import random
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
    ap.add_argument("--seconds", default="5")
    ap.add_argument("--samples", type=int, default=30)
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="rota-cand-bench-")
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp):
    inst_path = os.path.join(tmp, "inst.json")
    plan_path = os.path.join(tmp, "plan.json")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_instance.py"),
                    args.preset, "-o", inst_path], check=True)
    subprocess.run([args.rotad, "solve", inst_path, "--seconds",
                    args.seconds, "--out", plan_path], check=True,
                   stdout=subprocess.DEVNULL)
    inst = json.load(open(inst_path))
    plan = json.load(open(plan_path))
    inst["assignments"] = [{"id": "a%d" % i, "slot": a["slot"],
                            "youth": a["youth"]}
                           for i, a in enumerate(plan["assignments"])]
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
        port = int(open(port_file).read())
        measure(args, inst, body, port, token)
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
    on = collections.Counter(a["slot"] for a in inst["assignments"])
    need = {s["id"]: s.get("needed", 1) for s in inst["slots"]}
    full = [s for s in need if on[s] >= need[s]]
    open_ = [s for s in need if on[s] < need[s]]
    rnd = random.Random(1)
    n = args.samples
    call("GET", "/api/v1/slots/%s/candidates" % full[0])  # warm the cache
    print("%s: %d youths, %d slots (%d full), %d assignments"
          % (args.preset, len(inst["youths"]), len(need), len(full),
             len(inst["assignments"])))

    def report(name, paths):
        ts, el = [], []
        for p in paths:
            dt, st, b = call("GET", p)
            assert st == 200, (p, st, b[:300])
            ts.append(dt)
            el.append(json.loads(b).get("eligible_total", 0))
        ts.sort()
        print("%-34s median %6.1f ms  max %6.1f ms  (eligible: median %d)"
              % (name, ts[len(ts) // 2], ts[-1], sorted(el)[len(el) // 2]))

    pick_full = rnd.sample(full, min(n, len(full)))
    pick_open = rnd.sample(open_, min(n, len(open_)))
    report("full visits", ["/api/v1/slots/%s/candidates" % s
                           for s in pick_full])
    report("open visits", ["/api/v1/slots/%s/candidates" % s
                           for s in pick_open])
    # The first request after a change: the memo of who already breaks a
    # rule starts empty (the instance itself is reloaded before, by a
    # cheap read, so that its loading is not counted here).
    ts = []
    home = inst["homes"][0]["id"]
    for i, s in enumerate(pick_open):
        _, st, b = call("PATCH", "/api/v1/homes/%s" % home,
                        json.dumps({"address": "Vei %d" % i}).encode())
        assert st == 200, b[:300]
        call("GET", "/api/v1/slots/%s" % s)
        dt, st, _ = call("GET", "/api/v1/slots/%s/candidates" % s)
        assert st == 200
        ts.append(dt)
    ts.sort()
    print("%-34s median %6.1f ms  max %6.1f ms"
          % ("  the first after a change", ts[len(ts) // 2], ts[-1]))
    # One place freed on full visits: the youth who left, and others,
    # may take it.
    freed = []
    by_slot = collections.defaultdict(list)
    for a in inst["assignments"]:
        by_slot[a["slot"]].append(a["id"])
    for s in pick_full[:n]:
        _, st, _ = call("DELETE", "/api/v1/assignments/%s?force=true"
                        % by_slot[s][0])
        if st == 204:
            freed.append(s)
    call("GET", "/api/v1/slots/%s/candidates" % freed[0])  # new cache
    report("visits with a place freed", ["/api/v1/slots/%s/candidates" % s
                                         for s in freed])
    report("  ?eligible=true", ["/api/v1/slots/%s/candidates?eligible=true"
                                % s for s in freed])
    report("  ?limit=1000", ["/api/v1/slots/%s/candidates?limit=1000" % s
                             for s in freed])
    youths = rnd.sample([y["id"] for y in inst["youths"]], n)
    report("limits, 4 weeks", ["/api/v1/youths/%s/limits?from=2027-02-08"
                               "&to=2027-03-07" % y for y in youths])


if __name__ == "__main__":
    main()
