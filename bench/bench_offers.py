#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""What a give-away costs when it mails offers, at a national size.

    bench/bench_offers.py [--rotad build/daemon/rotad] [--preset nation]
                          [--n 30] [--workdir /tmp/bench-offers]

The preset with its plan (bench_writes.instance(), cached in the work
directory), every date in it moved back by whole weeks so that its first
visits start in the next days, and every youth given an address; then
imported into a fresh Release rotad twice: once without [mail] and once
with it (the sender pointed at a loopback port nobody listens on, so
nothing leaves the machine and each message waits for its retry).  Each
run gives away N visits of the coming 14 days, each by another youth, on
the youth page (POST /youth/TOKEN/give-away), one at a time on one
keep-alive connection, and prints the medians and maxima in
milliseconds, and how many offers the outbox got.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import bench_writes  # noqa: E402

DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})(.*)$")


def shifted(doc, days):
    """Every ISO date (and date-time) string in doc, `days` earlier."""
    if isinstance(doc, dict):
        return {k: shifted(v, days) for k, v in doc.items()}
    if isinstance(doc, list):
        return [shifted(v, days) for v in doc]
    if isinstance(doc, str):
        m = DATE.match(doc)
        if m and (m.group(2) == "" or m.group(2).startswith("T")):
            d = datetime.date.fromisoformat(m.group(1))
            return (d - datetime.timedelta(days=days)).isoformat() + \
                m.group(2)
    return doc


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def run(a, doc, mail):
    work = os.path.join(a.workdir, "run-mail" if mail else "run-plain")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(work)
    db = os.path.join(work, "rota.db")
    conf = os.path.join(work, "rotad.conf")
    with open(conf, "w") as f:
        f.write("[server]\nmax_body = 67108864\ntimeout = 600\n"
                "public_url = https://rota.example\n"
                "[feeds]\nuid_domain = rota.example\n")
        if mail:
            f.write("[mail]\nurl = smtp://127.0.0.1:%d\n"
                    "from = rota@example.org\n" % free_port())
    port_file = os.path.join(work, "port")
    log = open(os.path.join(work, "rotad.log"), "wb")
    proc = subprocess.Popen([a.rotad, "--config", conf, "--listen",
                             "127.0.0.1:0", "--db", db, "--create",
                             "--port-file", port_file],
                            stdout=log, stderr=log)
    try:
        deadline = time.monotonic() + 20
        while not (os.path.exists(port_file) and
                   open(port_file).read().strip()):
            if time.monotonic() > deadline:
                raise SystemExit("rotad did not start")
            time.sleep(0.05)
        port = int(open(port_file).read())
        token = subprocess.run([a.rotad, "token", "create", "bench", "--db",
                                db], check=True, capture_output=True,
                               text=True).stdout.strip()
        c = bench_writes.Client(port, token)
        st, _, body, _ = c.call("POST", "/api/v1/import?force=true", doc)
        assert st == 200, (st, body[:300])
        c.call("GET", "/api/v1/homes/%s" % doc["homes"][0]["id"])
        today = datetime.date.today()
        soon = {s["id"] for s in doc["slots"]
                if today + datetime.timedelta(days=1) <=
                datetime.date.fromisoformat(s["start"][:10]) <
                today + datetime.timedelta(days=14)}
        givers, seen = [], set()
        for x in doc["assignments"]:
            if x["slot"] in soon and x["youth"] not in seen:
                seen.add(x["youth"])
                givers.append((x["youth"], x["slot"]))
        times = []
        for youth, slot in givers[:a.n]:
            st, _, body, _ = c.call("POST", "/api/v1/youths/%s/feed" % youth)
            assert st == 201, (st, body[:300])
            page = json.loads(body)["url"].split("/feeds/")[1][:-len(".ics")]
            t0 = time.perf_counter()
            c.c.request("POST", "/youth/%s/give-away" % page,
                        body=("slot=" + slot).encode(),
                        headers={"Content-Type":
                                 "application/x-www-form-urlencoded"})
            r = c.c.getresponse()
            body = r.read()
            dt = (time.perf_counter() - t0) * 1e3
            assert r.status == 200, (r.status, body[:300])
            times.append(dt)
        st, _, body, _ = c.call("GET", "/api/v1/outbox?limit=1000")
        offers = sum(1 for m in json.loads(body)["messages"]
                     if m["kind"] == "offer")
        return times, offers
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rotad", default=os.path.join(
        HERE, "..", "build", "daemon", "rotad"))
    ap.add_argument("--preset", default="nation")
    ap.add_argument("--n", type=int, default=30)
    ap.add_argument("--seconds", type=int, default=10,
                    help="solver budget for the plan (once per preset)")
    ap.add_argument("--workdir", default="/tmp/bench-offers")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    with open(bench_writes.instance(a.preset, a.workdir, a.rotad,
                                    a.seconds)) as f:
        doc = json.load(f)
    first = min(datetime.date.fromisoformat(s["start"][:10])
                for s in doc["slots"])
    weeks = max(0, (first - datetime.date.today()).days - 1) // 7
    doc = shifted(doc, 7 * weeks)
    for y in doc["youths"]:
        y["email"] = "%s@example.org" % re.sub(r"[^A-Za-z0-9]", "", y["id"])
    print("%s: %d youths, %d slots, %d assignments, dates %d weeks earlier"
          % (a.preset, len(doc["youths"]), len(doc["slots"]),
             len(doc["assignments"]), weeks))
    for mail in (False, True):
        times, offers = run(a, doc, mail)
        times = sorted(times)
        print("%-12s n=%d median %.1f ms, max %.1f ms; offers queued: %d"
              % ("with [mail]" if mail else "without mail", len(times),
                 times[len(times) // 2], times[-1], offers))


if __name__ == "__main__":
    main()
