#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""One region's week board at a national operator's size (issues 15, 19):
the page without JavaScript and the API calls the app's board makes.

    bench/board_bench.py ROTAD [--preset nation] [--samples 30]
                         [--week 2027-02-08] [--seconds 10]

Generates the preset (bench/gen_instance.py: nation is 20 regions of 50
homes), plans it with `rotad solve` (--seconds), imports it with its plan into a fresh rotad, makes two coordinators (one scoped
to the first region, one with every home) and logs them in, then times
each request `--samples` times over one keep-alive connection.  Prints
per kind the server's time (the access log's, from the request's arrival
to its answer) and the client's (loopback), median and maximum, in ms,
and the answer's size in bytes (before compression).

Kinds: the no-JS board of one region (`/?week=W&region=R`), the same as
the region-scoped coordinator's default (`/?week=W`), the no-JS board of
a coordinator of every home with no region chosen (which asks for one),
and the board app's calls for one region: the homes (GET /api/v1/homes,
every page of 1000), the week's slots and its active assignments with
names (`?region=R`, limit=1000).  For comparison the same two calls for
every home of the nation (no region).
"""
import argparse
import http.client
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PASSWORD = "correct horse battery"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rotad")
    ap.add_argument("--preset", default="nation")
    ap.add_argument("--samples", type=int, default=30)
    ap.add_argument("--week", default="2027-02-08")
    ap.add_argument("--seconds", default="10")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="rota-board-bench-")
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp):
    inst_path = os.path.join(tmp, "inst.json")
    subprocess.run([sys.executable, os.path.join(HERE, "gen_instance.py"),
                    args.preset, "-o", inst_path], check=True)
    plan_path = os.path.join(tmp, "plan.json")
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
    log_path = os.path.join(tmp, "log")
    with open(conf, "w") as f:
        f.write("[server]\nlisten = 127.0.0.1:0\nmax_body = %d\n"
                % (len(body) + 1024))
    token = subprocess.run([args.rotad, "token", "create", "bench", "--db",
                            db], check=True, capture_output=True,
                           text=True).stdout.strip().split()[-1]
    log = open(log_path, "w")
    d = subprocess.Popen([args.rotad, "--config", conf, "--db", db,
                          "--port-file", port_file], stdout=log,
                         stderr=log)
    try:
        while not os.path.exists(port_file) or not open(port_file).read():
            if d.poll() is not None:
                raise SystemExit("rotad did not start")
            time.sleep(0.05)
        measure(args, inst, body, int(open(port_file).read()), token,
                log_path)
    finally:
        d.terminate()
        d.wait()


class Client:
    def __init__(self, port, auth):
        self.c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        self.auth = auth

    def call(self, method, path, data=None):
        h = dict(self.auth)
        h["Accept-Language"] = "nb"
        if data is not None:
            h["Content-Type"] = "application/json"
        t = time.perf_counter()
        self.c.request(method, path, body=data, headers=h)
        r = self.c.getresponse()
        b = r.read()
        return (time.perf_counter() - t) * 1000, r.status, b, r


def server_times(log_path, pattern, n, start):
    """The last n access-log times of `GET pattern 200` after byte start
    (the log is written per loop turn: wait until all n are there)."""
    rx = re.compile(r" GET %s 200 \d+ (\d+\.\d)ms$" % re.escape(pattern))
    deadline = time.time() + 30
    while True:
        with open(log_path, encoding="utf-8", errors="replace") as f:
            f.seek(start)
            ts = [float(m.group(1)) for m in map(rx.search, f.read()
                                                 .splitlines()) if m]
        if len(ts) >= n or time.time() > deadline:
            return ts[-n:]
        time.sleep(0.05)


def measure(args, inst, body, port, token, log_path):
    admin = Client(port, {"Authorization": "Bearer " + token})
    _, st, b, _ = admin.call("POST", "/api/v1/import?force=true", body)
    assert st == 200, b[:300]
    regions = sorted({h["region"] for h in inst["homes"] if "region" in h})
    region = inst["homes"][0]["region"]
    in_region = sum(1 for h in inst["homes"] if h.get("region") == region)
    week_slots = [s for s in inst["slots"]
                  if args.week <= s["start"][:10] <= sunday(args.week)]
    print("%s: %d homes in %d regions, %d slots, %d assignments; region "
          "%s: %d homes; week of %s: %d slots in all"
          % (args.preset, len(inst["homes"]), len(regions),
             len(inst["slots"]), len(inst["assignments"]), region,
             in_region, args.week, len(week_slots)))
    users = {}
    for login, scope in (("vest", [region]), ("alle", [])):
        _, st, b, _ = admin.call("POST", "/api/v1/users", json.dumps(
            {"login": login, "role": "coordinator", "regions": scope,
             "password": PASSWORD}).encode())
        assert st == 201, b[:300]
        c = Client(port, {})
        _, st, b, r = c.call("POST", "/api/v1/login", json.dumps(
            {"login": login, "password": PASSWORD}).encode())
        assert st == 200, b[:300]
        cookie = r.getheader("Set-Cookie").split(";", 1)[0]
        c.auth = {"Cookie": cookie}
        users[login] = c

    def report(name, who, path, pattern):
        start = os.path.getsize(log_path)
        cs, size = [], 0
        for _ in range(args.samples):
            dt, st, b, _ = users[who].call("GET", path)
            assert st == 200, (path, st, b[:300])
            cs.append(dt)
            size = len(b)
        ss = sorted(server_times(log_path, pattern, args.samples, start))
        cs.sort()
        print("%-46s server median %6.2f max %6.2f ms | client median "
              "%6.2f max %6.2f ms | %8d bytes"
              % (name, ss[len(ss) // 2], ss[-1], cs[len(cs) // 2], cs[-1],
                 size))

    w, to = args.week, sunday(args.week)
    rq = "region=" + urlpart(region)
    report("no-JS board, ?region=", "alle", "/?week=%s&%s" % (w, rq), "/")
    report("no-JS board, the scoped user's default", "vest",
           "/?week=%s" % w, "/")
    report("no-JS board, every home, no region chosen", "alle",
           "/?week=%s" % w, "/")
    report("app: GET /api/v1/homes (scoped user)", "vest",
           "/api/v1/homes?limit=1000", "/api/v1/homes")
    report("app: slots of the week, ?region=", "vest",
           "/api/v1/slots?from=%s&to=%s&%s&limit=1000" % (w, to, rq),
           "/api/v1/slots")
    report("app: assignments of the week, ?region=", "vest",
           "/api/v1/assignments?from=%s&to=%s&%s&status=active&names=true"
           "&limit=1000" % (w, to, rq), "/api/v1/assignments")
    report("for comparison: slots of the week, all homes", "alle",
           "/api/v1/slots?from=%s&to=%s&limit=1000" % (w, to),
           "/api/v1/slots")
    report("for comparison: assignments, all homes", "alle",
           "/api/v1/assignments?from=%s&to=%s&status=active&names=true"
           "&limit=1000" % (w, to), "/api/v1/assignments")


def sunday(monday):
    import datetime as dt
    return (dt.date.fromisoformat(monday) + dt.timedelta(days=6)).isoformat()


def urlpart(s):
    import urllib.parse
    return urllib.parse.quote(s, safe="")


if __name__ == "__main__":
    main()
