# SPDX-License-Identifier: ISC
"""A short mixed read/write load (bench/load.py): no errors, and no file
descriptor or memory growth across the run."""
import os
import sys
import unittest

import harness
from harness import RotadTestCase

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "bench"))
import load  # noqa: E402


class LoadTest(RotadTestCase):
    daemon_args = ("--demo",)

    def test_mixed_load(self):
        pid = self.daemon.proc.pid
        # A first short run warms caches and allocator pools.
        load.run(self.daemon.port, self.api_token, pid, 2)
        base = load.proc_stats(pid)
        r = load.run(self.daemon.port, self.api_token, pid,
                     float(os.environ.get("ROTA_LOAD_SECONDS", "10")))
        self.assertEqual(r["errors"], 0, r["first_errors"])
        self.assertGreater(r["requests"], 100)
        self.assertLessEqual(r["fds_after"], base[0] + 2, r)
        # Resident memory may settle, not grow with the number of requests
        # (under ASan freed memory stays in its bounded quarantine).
        limit = base[1] * 1.5 + 20000
        if harness.is_asan():
            limit += harness.ASAN_QUARANTINE_KIB
        self.assertLess(r["rss_kb_after"], limit, r)


if __name__ == "__main__":
    unittest.main()
