# SPDX-License-Identifier: ISC
"""The shipped systemd units and the Debian packaging, read as files (the
CI builds and installs the packages themselves; scripts/test.sh)."""
import configparser
import os
import re
import unittest

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def unit(name):
    """A unit file as {section: {key: [values]}} (keys may repeat)."""
    out = {}
    section = None
    with open(os.path.join(ROOT, "systemd", name)) as f:
        for line in f:
            line = line.strip()
            if not line or line[0] in "#;":
                continue
            if line.startswith("["):
                section = out.setdefault(line.strip("[]"), {})
                continue
            k, v = line.split("=", 1)
            section.setdefault(k, []).append(v)
    return out


class UnitsTest(unittest.TestCase):

    def setUp(self):
        self.service = unit("rotad.service")
        self.socket = unit("rotad.socket")

    def test_ip_filter_allows_loopback_only(self):
        # A bare IPAddressDeny= resets the list: no filter at all.
        for u in (self.service["Service"], self.socket["Socket"]):
            self.assertEqual(u.get("IPAddressDeny"), ["any"])
            self.assertEqual(u.get("IPAddressAllow"), ["localhost"])
        self.assertRegex(self.socket["Socket"]["ListenStream"][0],
                         r"^(127\.0\.0\.1|\[::1\]):\d+$")

    def test_only_the_socket_binds(self):
        # The service always gets the socket unit's descriptor, so it
        # never binds [server] listen itself next to rotad.socket.
        self.assertIn("rotad.socket",
                      " ".join(self.service["Unit"]["Requires"]).split())
        self.assertIn("rotad.socket",
                      " ".join(self.service["Unit"]["After"]).split())
        self.assertNotIn("--listen", self.service["Service"]["ExecStart"][0])
        self.assertEqual(self.service["Install"].get("Also"),
                         ["rotad.socket"])

    def test_metrics_token_is_a_credential(self):
        creds = self.service["Service"].get("LoadCredential", [])
        self.assertIn("metrics_token:rota.metrics_token", creds)
        with open(os.path.join(ROOT, "systemd", "rotad.conf.example")) as f:
            for line in f:
                self.assertFalse(line.startswith("metrics_token"), line)


def read(*parts):
    with open(os.path.join(ROOT, *parts), encoding="utf-8") as f:
        return f.read()


class ManPagesTest(unittest.TestCase):

    def test_rotad_8_has_every_option_short_and_long(self):
        src = read("daemon", "rotad.c")
        opts = re.findall(r'\{"([a-z-]+)", (?:no|required)_argument, NULL, '
                          r"'(.)'\}", src)
        self.assertGreater(len(opts), 8)
        page = read("daemon", "rotad.8")
        for long, short in opts:
            with self.subTest(option=long):
                self.assertRegex(page, r"\.It Fl %s\b.*Fl -%s\b"
                                 % (re.escape(short), re.escape(long)))
        for var in ("LISTEN_FDS", "NOTIFY_SOCKET", "JOURNAL_STREAM",
                    "CREDENTIALS_DIRECTORY"):
            self.assertIn(".It Ev " + var, page)

    def test_rotad_conf_5_has_every_key(self):
        keys = re.findall(r'(?:STR|NUM)\("([a-z]+)", "([a-z_]+)"',
                          read("daemon", "config.c"))
        keys.append(("log", "level"))
        self.assertGreater(len(keys), 12)
        page = read("daemon", "rotad.conf.5")
        for section, key in keys:
            with self.subTest(key=key):
                self.assertIn(".Ss [%s]" % section, page)
                self.assertIn(".It Ic %s Ns" % key, page)


class DebianTest(unittest.TestCase):

    def test_two_packages_and_the_licence(self):
        control = read("debian", "control")
        self.assertEqual(re.findall(r"^Package: (\S+)", control, re.M),
                         ["rotad", "rota"])
        copyright = read("debian", "copyright")
        self.assertIn("Copyright: 2026 The rota authors\nLicense: ISC",
                      copyright)
        rules = read("debian", "rules")
        self.assertIn("hardening=+all", rules)
        self.assertIn("dh $@", rules)

    def test_purge_removes_the_state(self):
        postrm = read("debian", "rotad.postrm")
        self.assertIn('if [ "$1" = purge ]', postrm)
        self.assertIn("rm -rf /var/lib/private/rota", postrm)
        self.assertIn("#DEBHELPER#", postrm)
        # No hand-made systemctl calls: debhelper's snippets only.
        for f in os.listdir(os.path.join(ROOT, "debian")):
            if f.endswith(("postinst", "prerm", "postrm", "preinst")):
                self.assertNotIn("systemctl", read("debian", f), f)


if __name__ == "__main__":
    unittest.main()
