#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Request times of a youth's own page (issue 16): GET /youth/{token}
(upcoming visits, the open visits the youth may legally take, requests)
next to the same youth's feed, on a big instance.

    bench/youthpage_bench.py ROTAD [--preset nation] [--youths 20]
                             [--samples 5] [--scarce]

The youth page looks YOUTHPAGE_DAYS (28) days ahead from the real clock,
and the generated instances start on 8 February 2027, so the instance is
moved by whole weeks (weekdays kept) to start on this week's Monday:
every date in it moves except birth dates.  With --scarce the generator's
scarce variant (more open positions) is used, which is the page's worst
case: every open visit at the youth's homes goes through the law's gate.
Prints median and maximum per kind, in ms, and the answer's size.
"""
import argparse
import datetime as dt
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
START = dt.date(2027, 2, 8)  # gen_instance.py's START
DATE = re.compile(r'"(\d{4}-\d{2}-\d{2})')


def shift(text, days):
    """Every date in the JSON text moved by `days`, birth dates kept."""
    out, pos = [], 0
    for m in DATE.finditer(text):
        before = text[max(0, m.start() - 16):m.start()]
        out.append(text[pos:m.start() + 1])
        d = dt.date.fromisoformat(m.group(1))
        out.append(m.group(1) if '"birth_date"' in before
                   else (d + dt.timedelta(days=days)).isoformat())
        pos = m.end()
    out.append(text[pos:])
    return "".join(out)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("rotad")
    ap.add_argument("--preset", default="nation")
    ap.add_argument("--youths", type=int, default=20)
    ap.add_argument("--samples", type=int, default=5)
    ap.add_argument("--scarce", action="store_true")
    ap.add_argument("--plan-seconds", type=float, default=0,
                    help="plan the instance with rotad solve first "
                    "(0: no plan, every position open)")
    args = ap.parse_args()
    tmp = tempfile.mkdtemp(prefix="rota-youthpage-bench-")
    try:
        run(args, tmp)
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run(args, tmp):
    inst_path = os.path.join(tmp, "inst.json")
    cmd = [sys.executable, os.path.join(HERE, "gen_instance.py"),
           args.preset, "-o", inst_path]
    if args.scarce:
        cmd += ["--variant", "scarce"]
    subprocess.run(cmd, check=True)
    if args.plan_seconds > 0:
        plan = os.path.join(tmp, "plan.json")
        subprocess.run([args.rotad, "solve", inst_path, "--seconds",
                        str(args.plan_seconds), "--seed", "1", "--out",
                        plan], check=True, stdout=subprocess.DEVNULL)
        raw = json.load(open(inst_path))
        raw["assignments"] = json.load(open(plan))["assignments"]
        json.dump(raw, open(inst_path, "w"))
    today = dt.date.today()
    monday = today - dt.timedelta(days=today.weekday())
    text = shift(open(inst_path).read(), (monday - START).days)
    inst = json.loads(text)
    body = text.encode()
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
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
    h = {"Authorization": "Bearer " + token}

    def call(method, path, data=None, auth=True):
        hh = dict(h) if auth else {}
        if data is not None:
            hh["Content-Type"] = "application/json"
        t = time.perf_counter()
        c.request(method, path, body=data, headers=hh)
        r = c.getresponse()
        b = r.read()
        return (time.perf_counter() - t) * 1000, r.status, b

    dt_, st, b = call("POST", "/api/v1/import?force=true", body)
    assert st == 200, b[:300]
    ys = inst["youths"]
    print("%s%s: %d homes, %d youths, %d visits, %d assignments; "
          "import %.0f ms"
          % (args.preset, " (scarce)" if args.scarce else "",
             len(inst["homes"]), len(ys), len(inst["slots"]),
             len(inst.get("assignments", [])), dt_))
    step = max(1, len(ys) // args.youths)
    picked = ys[::step][:args.youths]
    links = []
    for y in picked:
        _, st, b = call("POST", "/api/v1/youths/%s/feed" % y["id"])
        assert st in (200, 201), b[:300]
        links.append(json.loads(b)["url"].rsplit("/", 1)[1][:-4])

    def report(name, paths):
        ts, sizes, nopen = [], [], []
        for p in paths:
            for _ in range(args.samples):
                ms, st, b = call("GET", p, auth=False)
                assert st == 200, (p, st, b[:300])
                ts.append(ms)
            sizes.append(len(b))
            if p.startswith("/youth/"):
                nopen.append(b.count(b'/claim"'))
        ts.sort()
        sizes.sort()
        nopen.sort()
        print("%-24s median %7.2f ms  max %7.2f ms  median size %7d bytes%s"
              % (name, ts[len(ts) // 2], ts[-1], sizes[len(sizes) // 2],
                 "  open visits listed: median %d, max %d"
                 % (nopen[len(nopen) // 2], nopen[-1]) if nopen else ""))

    report("youth page", ["/youth/" + t for t in links])
    report("the same youths' feeds", ["/feeds/%s.ics" % t for t in links])


if __name__ == "__main__":
    main()
