#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""How long an import keeps other requests waiting (issue 12).

    bench/import_stall.py [--rotad build-rel/daemon/rotad] [--preset nation]

Starts a Release rotad on a fresh database, imports the preset (with a
plan's assignments, as bench_writes.py makes it), makes a feed link, then
imports the same document again while a second connection asks for that
feed (If-None-Match, so 304s) and /healthz in a loop.  Prints the second
import's wall time and the latency of the reads that overlapped it:
median, 99th percentile and maximum.  While rotad imports on its event
loop, the longest read waits about as long as the import; with the import
on a worker, reads answer in about the time they take when idle.
"""
import argparse
import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bench_writes import Client, instance, pct  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--rotad", default=os.path.join(
        HERE, "..", "build-rel", "daemon", "rotad"))
    ap.add_argument("--preset", default="nation")
    ap.add_argument("--seconds", type=int, default=10,
                    help="solver budget for the plan (once per preset)")
    ap.add_argument("--workdir", default="/tmp/bench-writes")
    a = ap.parse_args()
    os.makedirs(a.workdir, exist_ok=True)
    src = instance(a.preset, a.workdir, a.rotad, a.seconds)
    run = os.path.join(a.workdir, "run-import")
    shutil.rmtree(run, ignore_errors=True)
    os.makedirs(run)
    db = os.path.join(run, "rota.db")
    conf = os.path.join(run, "rotad.conf")
    with open(conf, "w") as f:
        f.write("[server]\nmax_body = 67108864\ntimeout = 600\n")
    port_file = os.path.join(run, "port")
    log = open(os.path.join(run, "rotad.log"), "wb")
    proc = subprocess.Popen([a.rotad, "--config", conf, "--listen",
                             "127.0.0.1:0", "--db", db, "--create",
                             "--port-file", port_file],
                            stdout=log, stderr=log)
    try:
        for _ in range(400):
            if os.path.exists(port_file) and open(port_file).read().strip():
                break
            time.sleep(0.05)  # startup only; nothing is measured here
        port = int(open(port_file).read())
        token = subprocess.run([a.rotad, "token", "create", "bench", "--db",
                                db], check=True, capture_output=True,
                               text=True).stdout.strip()
        c = Client(port, token)
        with open(src) as f:
            doc = json.load(f)
        st, _, body, _ = c.call("POST", "/api/v1/import?force=true", doc)
        assert st == 200, (st, body[:300])
        youth = doc["youths"][0]["id"]
        st, _, body, _ = c.call("POST", "/api/v1/youths/%s/feed" % youth)
        assert st == 201, (st, body)
        feed = "/feeds/" + json.loads(body)["url"].split("/feeds/")[1]
        st, r, _, idle_ms = c.call("GET", feed, auth=False)
        etag = r.getheader("ETag")

        reads = []
        stop = threading.Event()

        def reader():
            rc = Client(port, token)
            while not stop.is_set():
                for path, h in ((feed, {"If-None-Match": etag}),
                                ("/healthz", None)):
                    start = time.perf_counter()
                    st, _, _, dt = rc.call("GET", path, auth=False,
                                           headers=h)
                    reads.append((start, time.perf_counter(), st, dt))

        # Encoded before the reader starts: json.dumps of megabytes holds
        # Python's lock, and the reader would wait for it, not for rotad.
        data = json.dumps(doc).encode()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
        t = threading.Thread(target=reader)
        t.start()
        t0 = time.perf_counter()
        conn.request("POST", "/api/v1/import?force=true", body=data,
                     headers={"Authorization": "Bearer " + token,
                              "Content-Type": "application/json"})
        r = conn.getresponse()
        st, body = r.status, r.read()
        t1 = time.perf_counter()
        stop.set()
        t.join()
        assert st == 200, (st, body[:300])
    finally:
        proc.terminate()
        proc.wait()
        log.close()
    during = [dt for (s, e, st, dt) in reads if s <= t1 and e >= t0]
    statuses = {}
    for (s, e, st, dt) in reads:
        statuses[st] = statuses.get(st, 0) + 1
    print("preset %s: import %.2f s; %d reads overlapped it: median %.2f ms,"
          " p99 %.2f ms, max %.2f ms; statuses %s" % (
              a.preset, t1 - t0, len(during), pct(during, 50),
              pct(during, 99), max(during) if during else 0.0, statuses))


if __name__ == "__main__":
    main()
