#!/usr/bin/env python3
# SPDX-License-Identifier: ISC
"""End-to-end cost of rebuilding one feed after a change, over HTTP.

usage: rebuild.py PORT API_TOKEN FEED_PATH [N]

Times N x (PATCH a slot, GET the feed) and N x (PATCH a slot, GET
/healthz) on one keep-alive connection each; the difference per
iteration is what the first feed request after a change costs over a
cached one: reloading the instance from SQLite, rendering, hashing and
gzipping the feed.
"""
import http.client
import json
import sys
import time

port, token, feed = int(sys.argv[1]), sys.argv[2], sys.argv[3]
n = int(sys.argv[4]) if len(sys.argv) > 4 else 200
auth = {"Authorization": "Bearer " + token,
        "Content-Type": "application/json"}


def run(path):
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    best = []
    t0 = time.perf_counter()
    for i in range(n):
        body = json.dumps({"activity": "Quiz %d" % i}).encode()
        c.request("PATCH", "/api/v1/slots/s25?force=true", body=body, headers=auth)
        r = c.getresponse()
        r.read()
        assert r.status == 200, r.status
        t1 = time.perf_counter()
        c.request("GET", path)
        r = c.getresponse()
        r.read()
        assert r.status == 200, r.status
        best.append(time.perf_counter() - t1)
    total = time.perf_counter() - t0
    c.close()
    best.sort()
    return total / n, best[len(best) // 2]


# Warm up, then interleave to share the machine's noise.
run("/healthz")
a_tot, a_get = run(feed)
b_tot, b_get = run("/healthz")
print("patch+feed: %.3f ms/iter (GET after change, median %.3f ms)"
      % (a_tot * 1e3, a_get * 1e3))
print("patch+healthz: %.3f ms/iter (GET median %.3f ms)"
      % (b_tot * 1e3, b_get * 1e3))
print("rebuild cost over HTTP: %.3f ms (difference of means), "
      "%.3f ms (difference of GET medians)"
      % ((a_tot - b_tot) * 1e3, (a_get - b_get) * 1e3))
