# SPDX-License-Identifier: ISC
"""GET /metrics: the build and process_* gauges and one latency
histogram per route, checked against what the test can see itself."""
import os
import re
import subprocess
import time
import unittest

from harness import ROTAD, RotadTestCase, vm_rss_kib

SAMPLE = re.compile(r'^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{.*\})? ([-+0-9.eE]+|\+Inf)$')
LABEL = re.compile(r'([a-z_]+)="([^"]*)"')


def parse(text):
    """[(name, {label: value}, float)] of every sample line."""
    out = []
    for line in text.splitlines():
        if line.startswith("#"):
            continue
        m = SAMPLE.match(line)
        assert m, line
        out.append((m.group(1), dict(LABEL.findall(m.group(2) or "")),
                    float(m.group(3))))
    return out


class MetricsTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        cls.before_start = time.time()
        super().setUpClass()

    def metrics(self):
        r = self.request("GET", "/metrics")
        self.assertEqual(r.status, 200)
        return parse(r.body.decode())

    def one(self, samples, name, **labels):
        found = [v for n, l, v in samples
                 if n == name and all(l.get(k) == v2
                                      for k, v2 in labels.items())]
        self.assertEqual(len(found), 1, (name, labels))
        return found[0]

    def test_build_and_process(self):
        version = subprocess.run([ROTAD, "--version"], capture_output=True,
                                 text=True, check=True).stdout.split()[1]
        s = self.metrics()
        self.assertEqual(self.one(s, "rotad_build_info", version=version), 1)
        info = [l for n, l, v in s if n == "rotad_build_info"][0]
        self.assertRegex(info["sqlite"], r"^3\.\d+")
        self.assertRegex(info["libevent"], r"^2\.\d+")
        start = self.one(s, "process_start_time_seconds")
        self.assertGreaterEqual(start, self.before_start - 1)
        self.assertLessEqual(start, time.time())
        pid = self.daemon.proc.pid
        rss = self.one(s, "process_resident_memory_bytes")
        kib = vm_rss_kib(pid)
        self.assertGreater(rss, 0.5 * kib * 1024)
        self.assertLess(rss, 2 * kib * 1024)
        fds = self.one(s, "process_open_fds")
        self.assertLessEqual(abs(fds - len(os.listdir("/proc/%d/fd" % pid))),
                             2)
        self.assertGreater(self.one(s, "process_max_fds"), fds)
        self.assertGreaterEqual(self.one(s, "process_cpu_seconds_total"), 0)

    def test_latency_histogram_per_route(self):
        for _ in range(3):
            self.assertEqual(self.request("GET", "/healthz",
                                          token=False).status, 200)
        self.assertEqual(self.request("GET", "/api/v1/homes").status, 200)
        s = self.metrics()
        name = "rotad_http_request_duration_seconds"
        self.assertEqual(self.one(s, name + "_count", route="/healthz"), 3)
        self.assertEqual(self.one(s, name + "_bucket", route="/healthz",
                                  le="+Inf"), 3)
        self.assertEqual(self.one(s, name + "_count",
                                  route="/api/v1/homes"), 1)
        # Buckets only grow with le, within each route.
        routes = {l["route"] for n, l, v in s if n == name + "_bucket"}
        self.assertIn("/healthz", routes)
        for route in routes:
            counts = [v for n, l, v in s
                      if n == name + "_bucket" and l["route"] == route]
            self.assertEqual(counts, sorted(counts), route)
        # Every answered request is in exactly one histogram.
        total = sum(v for n, l, v in s if n == "rotad_http_requests_total")
        self.assertEqual(total, sum(v for n, l, v in s
                                    if n == name + "_count"))


if __name__ == "__main__":
    unittest.main()
