# SPDX-License-Identifier: ISC
"""Headless Chromium for the web app's tests: Debian's chromium driven by
chromedriver through python3-selenium (scripts/deps.sh installs them).

BrowserTestCase starts one rotad (RotadTestCase) and one browser for a
test class, adds the class's `users` with rotad user add, wipes the
browser's cookies and storage before each test (reset_browser), and fails
a test after which the console shows a script error or something the
Content-Security-Policy blocked.  The helpers wait explicitly for what the
page shows (WebDriverWait), never for a time."""
import os
import shutil
import tempfile

from harness import PASSWORD, RotadTestCase

CHROMIUM = os.environ.get("ROTA_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("ROTA_CHROMEDRIVER", "/usr/bin/chromedriver")


def have_browser():
    try:
        import selenium  # noqa: F401
    except ImportError:
        return False
    return os.access(CHROMIUM, os.X_OK) and os.access(CHROMEDRIVER, os.X_OK)


def start_chromium(profile, width=1400, height=1000, javascript=True,
                   prefs=None):
    """A headless Chromium with its own profile directory."""
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service
    opts = Options()
    opts.binary_location = CHROMIUM
    for a in ("--headless=new", "--no-sandbox", "--disable-gpu",
              "--disable-dev-shm-usage", "--no-first-run",
              "--disable-extensions", "--window-size=%d,%d" % (width, height),
              "--user-data-dir=" + profile):
        opts.add_argument(a)
    p = dict(prefs or {})
    if not javascript:
        # Both the switch and the content setting: no script runs at all.
        opts.add_argument("--blink-settings=scriptEnabled=false")
        p["profile.managed_default_content_settings.javascript"] = 2
    if p:
        opts.add_experimental_option("prefs", p)
    opts.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    return webdriver.Chrome(service=Service(CHROMEDRIVER), options=opts)


class BrowserTestCase(RotadTestCase):
    """One rotad and one headless Chromium for the class."""

    # (login, role, name, homes or None): made before the browser starts.
    users = ()
    window = (1400, 1000)
    javascript = True
    prefs = {}  # Chromium preferences (intl.accept_languages, ...)
    timeout = 20

    @classmethod
    def setUpClass(cls):
        if not have_browser():
            raise AssertionError(
                "the browser tests need %s, %s and python3-selenium: run "
                "scripts/deps.sh" % (CHROMIUM, CHROMEDRIVER))
        super().setUpClass()
        try:
            for login, role, name, homes in cls.users:
                cls.add_user(login, role, name, homes)
            cls.profile = tempfile.mkdtemp(prefix="rota-chromium-")
            cls.driver = start_chromium(cls.profile, *cls.window,
                                        javascript=cls.javascript,
                                        prefs=cls.prefs)
        except Exception:
            super().tearDownClass()
            raise
        cls.base = "http://127.0.0.1:%d" % cls.daemon.port

    @classmethod
    def tearDownClass(cls):
        cls.driver.quit()
        shutil.rmtree(cls.profile, ignore_errors=True)
        super().tearDownClass()

    @classmethod
    def add_user(cls, login, role, name=None, homes=None):
        cls.daemon.add_user(login, role, homes=homes, name=name)

    def reset_browser(self):
        """No session, no stored choice, the window's own size, and the
        console read empty."""
        d = self.driver
        d.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        d.get(self.base + "/app/icon.svg")
        d.delete_all_cookies()
        if self.javascript:
            d.execute_script("localStorage.clear(); sessionStorage.clear();")
        d.get_log("browser")

    def tearDown(self):
        # No script error and nothing the CSP blocked, in any test (an
        # error status the app shows next to a field is the network's).
        bad = [e["message"] for e in self.driver.get_log("browser")
               if "Content Security Policy" in e["message"]
               or "Uncaught" in e["message"]
               or (e["level"] == "SEVERE" and e.get("source") != "network")]
        self.assertEqual(bad, [])

    # ---- waiting for what the page shows ----

    def wait(self, cond, timeout=None):
        """Until cond holds; an element the app drew anew meanwhile (a
        stale reference) means: look again."""
        from selenium.common.exceptions import StaleElementReferenceException
        from selenium.webdriver.support.ui import WebDriverWait
        return WebDriverWait(self.driver, timeout or self.timeout,
                             ignored_exceptions=(
                                 StaleElementReferenceException,)).until(cond)

    def css(self, sel):
        from selenium.webdriver.common.by import By
        return self.driver.find_elements(By.CSS_SELECTOR, sel)

    def visible(self, sel):
        els = [e for e in self.css(sel) if e.is_displayed()]
        return els[0] if els else None

    def wait_css(self, sel, timeout=None):
        return self.wait(lambda d: self.visible(sel), timeout)

    def wait_text(self, sel, text, timeout=None):
        """The first visible element under sel that holds text (its
        textContent: .text would be as styled, upper-case titles)."""
        def ok(d):
            for e in self.css(sel):
                if e.is_displayed() and text in e.get_attribute("textContent"):
                    return e
            return None
        return self.wait(ok, timeout)

    def button_with_text(self, sel, text):
        """The visible button under sel whose text is exactly text."""
        def ok(d):
            for b in self.css(sel + " button"):
                if b.is_displayed() and \
                        b.get_attribute("textContent").strip() == text:
                    return b
            return None
        return self.wait(ok)
