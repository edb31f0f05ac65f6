# SPDX-License-Identifier: ISC
"""Crash safety: a writer runs against rotad, which is killed with SIGKILL
at random moments and restarted on the same database.  After every kill,
every write that was answered 2xx must be there, a write that got no
answer must be there whole or not at all (an import is all or nothing),
and SQLite's integrity check must pass."""
import http.client
import json
import os
import random
import shutil
import signal
import sqlite3
import tempfile
import threading
import time
import unittest

from harness import Daemon, base_instance

KILLS = int(os.environ.get("ROTA_CRASH_KILLS", "50"))


class Writer(threading.Thread):
    """Sequential writes; at most one request is in flight at a time."""

    def __init__(self, port, token, expected, gen):
        super().__init__(daemon=True)
        self.port, self.token = port, token
        self.expected = set(expected)   # homes known to be stored
        self.inflight = None            # ("home", id) or ("import", set)
        self.gen = gen
        self.stop = threading.Event()
        self.acked = 0

    def post(self, path, body):
        c = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        c.request("POST", path, body=json.dumps(body).encode(),
                  headers={"Authorization": "Bearer " + self.token,
                           "Content-Type": "application/json"})
        r = c.getresponse()
        r.read()
        c.close()
        return r.status

    def run(self):
        n = 0
        try:
            while not self.stop.is_set():
                n += 1
                if n % 7 == 0:
                    self.gen += 1
                    inst = base_instance()
                    inst["homes"] += [{"id": "imp-%d-%d" % (self.gen, k),
                                       "name": "Import %d" % k}
                                      for k in range(10)]
                    new = {h["id"] for h in inst["homes"]}
                    self.inflight = ("import", new)
                    if self.post("/api/v1/import", inst) == 200:
                        self.expected = new
                        self.acked += 1
                else:
                    hid = "w-%d-%d" % (self.gen, n)
                    self.inflight = ("home", hid)
                    if self.post("/api/v1/homes",
                                 {"id": hid, "name": "Home %d" % n}) == 201:
                        self.expected.add(hid)
                        self.acked += 1
                self.inflight = None
        except (OSError, http.client.HTTPException):
            pass  # the daemon was killed under us


class CrashTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rota-crash-")
        self.daemon = Daemon(self.tmp)
        self.token = self.daemon.token("crash")

    def tearDown(self):
        self.daemon.stop()
        shutil.rmtree(self.tmp, ignore_errors=True)

    def stored_homes(self):
        db = sqlite3.connect(self.daemon.db)
        try:
            self.assertEqual(db.execute("PRAGMA integrity_check").fetchone()[0],
                             "ok")
            homes = {r[0] for r in db.execute("SELECT id FROM homes")}
            slots = db.execute("SELECT count(*) FROM slots").fetchone()[0]
        finally:
            db.close()
        return homes, slots

    def test_sigkill_loses_no_acknowledged_write(self):
        rng = random.Random(os.environ.get("ROTA_CRASH_SEED", "rota"))
        expected, gen, acked = set(), 0, 0
        for kill in range(KILLS):
            self.daemon.start()
            w = Writer(self.daemon.port, self.token, expected, gen)
            w.start()
            # Kill at a random moment once writes are flowing (a loaded
            # machine may take a while to answer the first one).
            deadline = time.time() + 5
            while w.acked == 0 and w.is_alive() and time.time() < deadline:
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.2))
            self.daemon.proc.send_signal(signal.SIGKILL)
            self.daemon.proc.wait()
            w.stop.set()
            w.join(10)
            self.daemon.stop()
            homes, slots = self.stored_homes()
            ok = homes == w.expected
            if not ok and w.inflight and w.inflight[0] == "home":
                ok = homes == w.expected | {w.inflight[1]}
            if not ok and w.inflight and w.inflight[0] == "import":
                ok = homes == w.inflight[1]
            self.assertTrue(ok, "kill %d: stored %d homes, expected %d "
                            "(in flight: %s); missing %s, extra %s" % (
                                kill, len(homes), len(w.expected),
                                w.inflight and w.inflight[0],
                                sorted(w.expected - homes)[:5],
                                sorted(homes - w.expected)[:5]))
            imported = {h for h in homes if h.startswith("imp-")}
            if imported:
                # An import is all or nothing: 10 homes of one generation.
                gens = {h.split("-")[1] for h in imported}
                self.assertEqual(len(gens), 1)
                self.assertEqual(len(imported), 10)
                self.assertEqual(slots, 3)
            expected, gen = homes, w.gen
            acked += w.acked
        self.assertGreater(acked, KILLS)  # the writer did real work
        print("crash test: %d kills, %d acknowledged writes" % (KILLS, acked))


if __name__ == "__main__":
    unittest.main()
