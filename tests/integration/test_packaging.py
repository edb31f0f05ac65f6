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


if __name__ == "__main__":
    unittest.main()
