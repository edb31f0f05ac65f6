"""Accounts (issue 14): `rotad user`, tokens of users, and the daemon's view."""
import os
import shutil
import sqlite3
import subprocess
import tempfile
import unittest

from harness import ROTAD, RotadTestCase, base_instance


def rotad(*args, stdin=None, db=None):
    cmd = [ROTAD] + list(args)
    if db is not None:
        cmd += ["--db", db]
    return subprocess.run(cmd, input=stdin, capture_output=True, text=True)


class UserCliTest(unittest.TestCase):
    """The offline commands, on a database of their own."""

    def setUp(self):
        self.tmp = tempfile.mkdtemp(prefix="rota-users-")
        self.db = os.path.join(self.tmp, "rota.db")

    def tearDown(self):
        shutil.rmtree(self.tmp, ignore_errors=True)

    def test_add_list_passwd_rm(self):
        r = rotad("user", "add", "kari", "--role", "coordinator",
                  "--homes", "solheim,lia", "--name", "Kari Nordmann",
                  stdin="correct horse\n", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertNotIn("correct horse", r.stdout + r.stderr)
        r = rotad("user", "list", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(r.stdout.splitlines(),
                         ["kari\tcoordinator\tlia,solheim\tpassword\t"
                          "Kari Nordmann"])
        # The stored hash is Argon2id, never the password.
        with sqlite3.connect(self.db) as c:
            (h,) = c.execute("SELECT password_hash FROM users").fetchone()
        self.assertTrue(h.startswith("$argon2id$"), h)
        # Policy: too short, or the login inside.
        for bad in ("short", "KARI2026!", "nordmann-rules"):
            r = rotad("user", "passwd", "kari", stdin=bad + "\n", db=self.db)
            self.assertEqual(r.returncode, 1, bad)
            self.assertNotIn(bad, r.stderr)
        r = rotad("user", "passwd", "kari", stdin="another good one\n",
                  db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        # Logins are unique, whatever the case.
        r = rotad("user", "add", "KARI", "--role", "viewer",
                  stdin="correct horse\n", db=self.db)
        self.assertEqual(r.returncode, 1)
        self.assertIn("exists", r.stderr)
        r = rotad("user", "add", "x", "--role", "boss", stdin="", db=self.db)
        self.assertEqual(r.returncode, 2)
        r = rotad("user", "rm", "kari", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertEqual(rotad("user", "list", db=self.db).stdout, "")
        self.assertEqual(rotad("user", "rm", "kari", db=self.db).returncode,
                         1)
        # Every change is in the audit log, no password there.
        with sqlite3.connect(self.db) as c:
            rows = c.execute("SELECT actor, action, entity_id, "
                             "coalesce(after, '') FROM audit_log "
                             "WHERE entity = 'user'").fetchall()
        self.assertEqual([r[1] for r in rows],
                         ["create", "password", "delete"])
        for r in rows:
            self.assertNotIn("argon2", r[3])
            self.assertNotIn("good", r[3])

    def test_token_of_user_and_removal(self):
        rotad("user", "add", "ola", "--role", "viewer",
              stdin="a good password\n", db=self.db)
        r = rotad("token", "create", "ola-ci", "--user", "ola", db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        self.assertTrue(r.stdout.startswith("rota_"))
        r = rotad("token", "create", "ghost", "--user", "nobody", db=self.db)
        self.assertEqual(r.returncode, 1)
        with sqlite3.connect(self.db) as c:
            names = [n for (n,) in c.execute("SELECT name FROM api_tokens")]
            self.assertEqual(names, ["ola-ci"])
        rotad("user", "rm", "ola", db=self.db)
        with sqlite3.connect(self.db) as c:
            self.assertEqual(
                c.execute("SELECT count(*) FROM api_tokens").fetchone()[0], 0)

    def test_invite_prints_a_code(self):
        r = rotad("user", "add", "per", "--role", "viewer", "--invite",
                  db=self.db)
        self.assertEqual(r.returncode, 0, r.stderr)
        code = r.stdout.splitlines()[1]
        self.assertGreaterEqual(len(code), 43)
        with sqlite3.connect(self.db) as c:
            self.assertEqual(c.execute(
                "SELECT count(*) FROM user_invites").fetchone()[0], 1)
        self.assertIn("no-password", rotad("user", "list", db=self.db).stdout)
