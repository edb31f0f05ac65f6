# SPDX-License-Identifier: ISC
"""axe-core in the browser tests (issue 19: "zero serious or critical
findings").

assert_accessible(test, driver, context) puts the vendored axe.min.js
(tests/vendor/axe-core-VERSION/, test-only, never served by rotad) into
the page the driver shows, runs it on the whole document with the WCAG
2.0/2.1 A and AA rules and axe's best practices, waits for its promise
(execute_async_script, no sleep) and fails the test naming every
violation of impact serious or critical: the rule, its impact, each
element's selector and axe's help text; an id used twice fails it too.
The moderate and minor ones do not fail; they are returned, and with
ROTA_AXE_LOG=FILE also appended to FILE (one JSON line per page state)
to be read by a person.

WebDriver's scripts run in the page through the DevTools protocol, which
the page's Content-Security-Policy does not apply to, so rotad's strict
CSP (no inline script, no eval) needs no exception for the check."""
import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
VENDOR = os.path.join(HERE, "..", "vendor")

# The rule sets of axe: WCAG 2.0 and 2.1, levels A and AA, and axe's
# best practices (landmarks, one main, headings...).
TAGS = ("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice")

# The same id twice: axe 4.14 checks it only where ARIA points to it
# (duplicate-id-aria), its other duplicate-id rules are deprecated with
# WCAG 2.2's 4.1.1 and find nothing; a label's for=, a fragment link or
# getElementById would still take the wrong element, so this is checked
# here as well, as a serious finding.
DUPLICATE_IDS = """
var seen = {}, twice = [];
document.querySelectorAll('[id]').forEach(function (e) {
  if (seen[e.id] === 1) twice.push(e.id);
  seen[e.id] = (seen[e.id] || 0) + 1;
});
return twice;
"""
FAIL = ("serious", "critical")

_source = None


def axe_source():
    """The one vendored axe.min.js."""
    global _source
    if _source is None:
        found = glob.glob(os.path.join(VENDOR, "axe-core-*", "axe.min.js"))
        if len(found) != 1:
            raise AssertionError("want one tests/vendor/axe-core-*/axe.min.js"
                                 ", found %r" % found)
        with open(found[0], encoding="utf-8") as f:
            _source = f.read()
    return _source


RUN = """
var done = arguments[arguments.length - 1];
axe.run(document, {
  runOnly: {type: 'tag', values: arguments[0]},
  resultTypes: ['violations']
}).then(function (r) {
  done({version: axe.version, violations: r.violations.map(function (v) {
    return {id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
            nodes: v.nodes.map(function (n) {
              return {target: n.target.map(String), impact: n.impact,
                      summary: n.failureSummary};
            })};
  })});
}, function (e) { done({error: String(e && e.stack || e)}); });
"""


def run_axe(driver):
    """axe's violations in the page shown now, as a list of dicts."""
    if not driver.execute_script("return typeof window.axe === 'object'"):
        driver.execute_script(axe_source())
    driver.set_script_timeout(120)
    out = driver.execute_async_script(RUN, list(TAGS))
    if out.get("error"):
        raise AssertionError("axe-core failed: " + out["error"])
    found = out["violations"]
    twice = driver.execute_script(DUPLICATE_IDS)
    if twice:
        found.append({
            "id": "duplicate-id (rota)", "impact": "serious",
            "help": "Each id must be unique in the document",
            "helpUrl": "https://html.spec.whatwg.org/#the-id-attribute",
            "nodes": [{"target": ["#" + x], "impact": "serious",
                       "summary": ""} for x in twice]})
    return found


def describe(v):
    lines = ["%s (%s): %s" % (v["id"], v["impact"], v["help"])]
    for n in v["nodes"]:
        lines.append("    %s" % " ".join(n["target"]))
        if n.get("summary"):
            lines += ["      " + x for x in n["summary"].splitlines()]
    lines.append("    " + v["helpUrl"])
    return "\n".join(lines)


def assert_accessible(test, driver, context=""):
    """Fail test on any serious or critical axe-core finding in the page
    the driver shows now; context names the page state in the message.
    Returns every violation (the moderate and minor ones too)."""
    found = run_axe(driver)
    log = os.environ.get("ROTA_AXE_LOG")
    if log:
        with open(log, "a", encoding="utf-8") as f:
            f.write(json.dumps({"test": test.id(), "context": context,
                                "violations": found}) + "\n")
    bad = [v for v in found if v["impact"] in FAIL]
    if bad:
        test.fail("axe-core: %d serious or critical finding(s) in %s (%s):\n%s"
                  % (len(bad), context or "the page", driver.current_url,
                     "\n".join(describe(v) for v in bad)))
    return found
