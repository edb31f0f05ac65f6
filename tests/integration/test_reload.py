# SPDX-License-Identifier: ISC
"""SIGHUP keeps the command line: --public-url, --contact and --db beat
the configuration file on every reload as they do at start-up, and a
reload that changes nothing on the command line's side warns about
nothing.  Secrets come from $CREDENTIALS_DIRECTORY (LoadCredential=)."""
import os
import shutil
import signal
import tempfile
import time
import unittest

from harness import RotadTestCase
from test_feeds import feed_instance

CLI_URL = "https://cli.example"
CLI_CONTACT = "Kommandolinje-Kari 400 00 001"
FILE_TEXT = ("[server]\nlisten = 127.0.0.1:8080\n"
             "public_url = https://file.example\n"
             "[database]\npath = somewhere-else.db\n"
             "[feeds]\ncoordinator_contact = Fil-Frida\n"
             "future_days = %d\n")


class ReloadKeepsCommandLineTest(RotadTestCase):

    @classmethod
    def setUpClass(cls):
        cls.conf_dir = tempfile.mkdtemp()
        cls.conf = os.path.join(cls.conf_dir, "rotad.conf")
        with open(cls.conf, "w") as f:
            f.write(FILE_TEXT % 180)
        cls.creds = os.path.join(cls.conf_dir, "creds")
        os.mkdir(cls.creds)
        with open(os.path.join(cls.creds, "metrics_token"), "w") as f:
            f.write("from-the-credential-0123456789\n")
        cls.daemon_args = ("--config", cls.conf, "--public-url", CLI_URL,
                           "--contact", CLI_CONTACT)
        os.environ["CREDENTIALS_DIRECTORY"] = cls.creds
        try:
            super().setUpClass()
        finally:
            del os.environ["CREDENTIALS_DIRECTORY"]

    @classmethod
    def tearDownClass(cls):
        super().tearDownClass()
        shutil.rmtree(cls.conf_dir)

    def reload(self, future_days):
        before = self.daemon.read_log().count("configuration reloaded")
        with open(self.conf, "w") as f:
            f.write(FILE_TEXT % future_days)
        self.daemon.proc.send_signal(signal.SIGHUP)
        deadline = time.time() + 20
        while time.time() < deadline:
            if self.daemon.read_log().count("configuration reloaded") > before:
                return
            time.sleep(0.05)
        self.fail("no reload in the log:\n" + self.daemon.read_log())

    def check_overrides(self):
        link = self.ok("POST", "/api/v1/youths/ase/feed", raw=b"",
                       content_type=None, status=201)
        self.assertTrue(link["url"].startswith(CLI_URL + "/feeds/"), link)
        self.assertTrue(link["webcal"].startswith("webcal://cli.example/"))
        r = self.request("GET", "/" + link["url"].split("/", 3)[3],
                         token=False)
        self.assertEqual(r.status, 200)
        body = r.body.decode().replace("\r\n ", "")
        self.assertIn("Koordinator: " + CLI_CONTACT, body)
        self.assertNotIn("Fil-Frida", body)

    def test_reload_keeps_overrides_and_warns_about_nothing(self):
        self.ok("POST", "/api/v1/import?force=true", feed_instance())
        self.check_overrides()
        self.reload(90)
        self.check_overrides()
        self.reload(120)
        self.check_overrides()
        log = self.daemon.read_log()
        self.assertNotIn("only with a restart", log)
        # The database named by --db is the one still in use.
        self.assertFalse(os.path.exists(
            os.path.join(self.tmp, "somewhere-else.db")))

    def test_metrics_token_from_credentials(self):
        r = self.request("GET", "/metrics",
                         token="from-the-credential-0123456789")
        self.assertEqual(r.status, 200)
        self.reload(100)
        # Still the credential's token, not dropped by the reload (the
        # environment of the running daemon still names the directory).
        r = self.request("GET", "/metrics",
                         token="from-the-credential-0123456789")
        self.assertEqual(r.status, 200)
        self.assertEqual(self.request("GET", "/metrics",
                                      token="wrong-token-0123456789").status,
                         401)


if __name__ == "__main__":
    unittest.main()
