#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""Mixed read/write load against a running rotad on loopback.

Threads fetch feeds (with and without If-None-Match), list the API, and
create and delete assignments, for a bounded time.  Prints requests per
second, latency percentiles, errors, and the daemon's open file
descriptors and resident memory at the start and the end (from /proc).

    bench/load.py --port 8080 --token TOKEN --pid PID --seconds 120
Also used by tests/integration/test_load.py with a short duration.
"""
import argparse
import http.client
import json
import os
import random
import threading
import time


def proc_stats(pid):
    fds = len(os.listdir("/proc/%d/fd" % pid))
    rss = 0
    with open("/proc/%d/status" % pid) as f:
        for line in f:
            if line.startswith("VmRSS:"):
                rss = int(line.split()[1])
    return fds, rss


class Load:
    def __init__(self, port, token, feeds, slots, youths):
        self.port, self.token = port, token
        self.feeds, self.slots, self.youths = feeds, slots, youths
        self.lock = threading.Lock()
        self.lat = []
        self.errors = []
        self.count = 0

    def conn(self):
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=30)

    def call(self, c, method, path, body=None, headers=None, ok=(200,)):
        h = dict(headers or {})
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            h["Content-Type"] = "application/json"
        t0 = time.perf_counter()
        c.request(method, path, body=data, headers=h)
        r = c.getresponse()
        payload = r.read()
        dt = time.perf_counter() - t0
        with self.lock:
            self.count += 1
            self.lat.append(dt)
            if r.status not in ok:
                self.errors.append((method, path.split("?")[0][:40], r.status,
                                    payload[:200]))
        return r, payload

    def reader(self, stop, seed):
        rng = random.Random(seed)
        c = self.conn()
        etags = {}
        auth = {"Authorization": "Bearer " + self.token}
        while not stop.is_set():
            k = rng.random()
            if k < 0.5:
                f = rng.choice(self.feeds)
                h = {"Accept-Encoding": "gzip"}
                if f in etags and rng.random() < 0.5:
                    h["If-None-Match"] = etags[f]
                r, _ = self.call(c, "GET", f, headers=h, ok=(200, 304))
                if r.getheader("ETag"):
                    etags[f] = r.getheader("ETag")
            elif k < 0.8:
                self.call(c, "GET", "/api/v1/slots?limit=50", headers=auth)
            else:
                self.call(c, "GET", "/api/v1/assignments?youth=%s" %
                          rng.choice(self.youths), headers=auth)
        c.close()

    def writer(self, stop, seed):
        rng = random.Random(seed)
        c = self.conn()
        auth = {"Authorization": "Bearer " + self.token}
        while not stop.is_set():
            slot, youth = rng.choice(self.slots), rng.choice(self.youths)
            r, body = self.call(c, "POST", "/api/v1/assignments?force=true",
                                {"slot": slot, "youth": youth},
                                headers=auth, ok=(201, 409))
            if r.status == 201:
                aid = json.loads(body)["id"]
                self.call(c, "DELETE", "/api/v1/assignments/%s?force=true" % aid,
                          headers=auth, ok=(204,))
        c.close()


def run(port, token, pid, seconds, readers=4, writers=1, out=None):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    auth = {"Authorization": "Bearer " + token}

    def get(path):
        c.request("GET", path, headers=auth)
        r = c.getresponse()
        return json.loads(r.read())

    youths = [y["id"] for y in get("/api/v1/youths?limit=1000")["youths"]]
    slots = [s["id"] for s in get("/api/v1/slots?limit=1000")["slots"]]
    feeds = []
    for y in youths[:10]:
        c.request("POST", "/api/v1/youths/%s/feed" % y, headers=auth)
        r = c.getresponse()
        feeds.append("/" + json.loads(r.read())["url"].split("/", 3)[3])
    c.close()
    load = Load(port, token, feeds, slots, youths)
    before = proc_stats(pid)
    stop = threading.Event()
    threads = [threading.Thread(target=load.reader, args=(stop, i))
               for i in range(readers)]
    threads += [threading.Thread(target=load.writer, args=(stop, 100 + i))
                for i in range(writers)]
    t0 = time.time()
    for t in threads:
        t.start()
    time.sleep(seconds)
    stop.set()
    for t in threads:
        t.join()
    elapsed = time.time() - t0
    time.sleep(0.5)
    after = proc_stats(pid)
    lat = sorted(load.lat)

    def pct(p):
        return lat[min(len(lat) - 1, int(p * len(lat)))] * 1000 if lat else 0
    result = {
        "seconds": round(elapsed, 1), "requests": load.count,
        "rps": round(load.count / elapsed, 1),
        "p50_ms": round(pct(0.5), 2), "p99_ms": round(pct(0.99), 2),
        "max_ms": round(lat[-1] * 1000, 2) if lat else 0,
        "errors": len(load.errors), "first_errors": load.errors[:5],
        "fds_before": before[0], "fds_after": after[0],
        "rss_kb_before": before[1], "rss_kb_after": after[1],
    }
    if out:
        print(json.dumps(result, indent=2, default=str), file=out)
    return result


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--pid", type=int, required=True)
    ap.add_argument("--seconds", type=float, default=120)
    ap.add_argument("--readers", type=int, default=4)
    ap.add_argument("--writers", type=int, default=1)
    a = ap.parse_args()
    import sys
    run(a.port, a.token, a.pid, a.seconds, a.readers, a.writers, sys.stdout)
