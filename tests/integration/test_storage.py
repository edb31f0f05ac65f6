# SPDX-License-Identifier: ISC
"""Storage failures (issue 18.7): a database deleted or replaced under a
running rotad is noticed (writes and /healthz answer 503, logged); a
damaged file is refused at start; a new database is made only when asked
for with --create."""
import os
import shutil
import sqlite3
import subprocess
import tempfile
import time
import unittest

from harness import ROTAD, Daemon, RotadTestCase, base_instance


def run_rotad(args, timeout=30):
    return subprocess.run([ROTAD] + args, capture_output=True, text=True,
                          timeout=timeout)


class StartTest(unittest.TestCase):

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rota-storage-")
        self.db = os.path.join(self.tmp, "rota.db")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_missing_database_is_not_created_without_create(self):
        r = run_rotad(["--listen", "127.0.0.1:0", "--db", self.db])
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("does not exist", r.stderr)
        self.assertIn("--create", r.stderr)
        self.assertFalse(os.path.exists(self.db))

    def test_create_makes_it_and_later_starts_need_no_flag(self):
        d = Daemon(self.tmp)
        d.start()
        self.assertEqual(d.stop(), 0)
        self.assertTrue(os.path.exists(self.db))
        d = Daemon(self.tmp, create=False)
        d.start()
        self.assertEqual(d.stop(), 0)

    def test_backup_and_revoke_do_not_create(self):
        r = run_rotad(["backup", os.path.join(self.tmp, "b.db"),
                       "--db", self.db])
        self.assertNotEqual(r.returncode, 0)
        r = run_rotad(["token", "revoke", "x", "--db", self.db])
        self.assertNotEqual(r.returncode, 0)
        self.assertFalse(os.path.exists(self.db))

    def test_token_create_is_a_first_run_command(self):
        r = run_rotad(["token", "create", "kari", "--db", self.db])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("creating the new database", r.stderr)
        self.assertTrue(os.path.exists(self.db))

    def test_init_makes_it_once_and_the_daemon_starts_on_it(self):
        r = run_rotad(["init", "--db", self.db])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("made the database", r.stdout)
        # Personal data of minors: the owner's alone, whatever the umask.
        self.assertEqual(os.stat(self.db).st_mode & 0o777, 0o600)
        with open(self.db, "rb") as f:
            first = f.read()
        r = run_rotad(["init", "--db", self.db])
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertIn("exists; nothing to do", r.stdout)
        with open(self.db, "rb") as f:
            self.assertEqual(f.read(), first)
        d = Daemon(self.tmp, create=False)
        d.start()
        self.assertEqual(d.stop(), 0)

    def test_init_errors(self):
        r = run_rotad(["init", "--db", os.path.join(self.tmp, "no", "x.db")])
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("cannot open database", r.stderr)
        r = run_rotad(["init", "--bogus"])
        self.assertEqual(r.returncode, 2)
        self.assertIn("usage:", r.stderr)

    def test_damaged_database_is_refused(self):
        d = Daemon(self.tmp)
        tok = d.token("t")
        d.start()
        try:
            import http.client
            import json
            conn = http.client.HTTPConnection("127.0.0.1", d.port, timeout=30)
            conn.request("POST", "/api/v1/import",
                         body=json.dumps(base_instance()),
                         headers={"Authorization": "Bearer " + tok,
                                  "Content-Type": "application/json"})
            self.assertEqual(conn.getresponse().status, 200)
            conn.close()
        finally:
            self.assertEqual(d.stop(), 0)
        db = sqlite3.connect(self.db)
        page_size, = db.execute("PRAGMA page_size").fetchone()
        root, = db.execute("SELECT rootpage FROM sqlite_master WHERE "
                           "name = 'youths'").fetchone()
        db.close()
        self.assertFalse(os.path.exists(self.db + "-wal") and
                         os.path.getsize(self.db + "-wal") > 0)
        # Garbage over the rows of the youths table (past its page header):
        # the file header and the schema stay readable, so only a check of the file sees it.
        with open(self.db, "r+b") as f:
            f.seek((root - 1) * page_size + 32)
            f.write(b"\xa5" * (page_size - 32))
        r = run_rotad(["--listen", "127.0.0.1:0", "--db", self.db,
                       "--port-file", os.path.join(self.tmp, "port")])
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("damaged", r.stderr)
        self.assertIn("backup", r.stderr)


class DeletedUnderRotadTest(RotadTestCase):

    def test_deleted_database_refuses_writes(self):
        self.ok("POST", "/api/v1/import", base_instance())
        self.assertEqual(self.request("GET", "/healthz").status, 200)
        for suffix in ("", "-wal", "-shm"):
            try:
                os.unlink(self.daemon.db + suffix)
            except FileNotFoundError:
                pass
        r = self.request("POST", "/api/v1/homes",
                         {"id": "ny", "name": "Nytt hjem"})
        self.assertError(r, 503, "unavailable")
        self.assertIn("deleted", r.json()["error"]["message"])
        e = self.assertError(self.request("GET", "/healthz"), 503,
                             "unavailable")
        self.assertIn("deleted", e["message"])
        self.assertIn("was deleted", self.daemon.read_log())


class ReplacedUnderRotadTest(RotadTestCase):

    def test_replaced_database_refuses_writes(self):
        self.ok("POST", "/api/v1/import", base_instance())
        tmp = self.daemon.db + ".new"
        shutil.copy(self.daemon.db, tmp)
        os.replace(tmp, self.daemon.db)
        r = self.request("PATCH", "/api/v1/homes/lia", {"name": "Lia"})
        self.assertError(r, 503, "unavailable")
        self.assertError(self.request("GET", "/healthz"), 503, "unavailable")
        self.assertIn("was replaced", self.daemon.read_log())


class AssignmentIdsTest(RotadTestCase):
    """Issue 12.2: assignment ids (and the feed UIDs made from them) are
    never given twice: not after a delete, a purge, an import or a
    restart."""

    def new(self, slot, youth):
        return self.ok("POST", "/api/v1/assignments",
                       {"slot": slot, "youth": youth}, status=201)["id"]

    def all_ids(self):
        return {a["id"] for a in
                self.ok("GET", "/api/v1/assignments")["assignments"]}

    def test_ids_are_never_reused(self):
        self.ok("POST", "/api/v1/import", base_instance())
        seen = set(self.all_ids())
        a = self.new("s2", "ola")
        self.assertNotIn(a, seen)
        seen.add(a)
        self.ok("DELETE", "/api/v1/assignments/" + a, status=204)
        b = self.new("s2", "ola")
        self.assertNotIn(b, seen)
        seen.add(b)
        c = self.new("s3", "ida")
        self.assertNotIn(c, seen)
        seen.add(c)
        self.ok("DELETE", "/api/v1/youths/ida?purge=true", status=204)
        d = self.new("s3", "ola")
        self.assertNotIn(d, seen)
        seen.add(d)
        self.assertEqual(self.daemon.stop(), 0)
        self.daemon.start()
        self.ok("DELETE", "/api/v1/assignments/" + d, status=204)
        e = self.new("s3", "ola")
        self.assertNotIn(e, seen)
        seen.add(e)
        # An import without ids: they are new ones too.
        self.ok("POST", "/api/v1/import", base_instance())
        for i in self.all_ids():
            self.assertNotIn(i, seen)
            seen.add(i)
        f = self.new("s2", "ola")
        self.assertNotIn(f, seen)


if __name__ == "__main__":
    unittest.main()
