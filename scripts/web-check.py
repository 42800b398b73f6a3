#!/usr/bin/env python3
"""Checks web editions in a real browser: headless Chromium (Debian's
`chromium`) runs axe-core (npm) with the WCAG 2.1 A/AA rules on each page
at phone width (390 px), collects the page's console errors, and measures
whether the page scrolls sideways and whether a table's caption runs past
the screen's edge.

Usage: scripts/web-check.py AXE_JS PAGE.html [PAGE.html ...]
Prints one line per page; exits 1 when a page has a violation, a page
error or scrolls sideways, 2 when the browser cannot run.
"""
import html
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile

def check(axe, page):
    source = open(page, encoding="utf-8").read()
    # Headless Chromium's window is at least 500 px wide: the phone width is
    # measured on the page itself in a 390 px frame beside it.
    probe = (
        "<script>" + axe + "</script><script>"
        "var phone = document.createElement('iframe'); phone.title = 'phone';"
        " phone.style.cssText = 'width:390px;height:800px;border:0;position:absolute;left:-9999px';"
        " phone.srcdoc = " + json.dumps(source).replace("</", "<\\/") + ";"
        " phone.onload = function () {"
        " var d = phone.contentDocument.documentElement, width = d.scrollWidth;"
        " var cut = Array.prototype.slice.call(phone.contentDocument.querySelectorAll('caption'))"
        ".filter(function (c) { return c.getBoundingClientRect().right > 390.5; })"
        ".map(function (c) { return c.textContent.trim().slice(0, 40); }); phone.remove();"
        " axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})"
        ".then(function (r) { var out = {violations: r.violations.map(function (v) {"
        " return {id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; }),"
        " sideways: width > 390, width: width, viewport: 390, cut: cut};"
        " var pre = document.createElement('pre'); pre.id = 'axe-result'; pre.textContent = JSON.stringify(out);"
        " document.body.appendChild(pre); }); };"
        " document.body.appendChild(phone);</script>"
    )
    with tempfile.TemporaryDirectory() as tmp:
        probe_page = os.path.join(tmp, "probe.html")
        with open(probe_page, "w", encoding="utf-8") as f:
            f.write(source.replace("</body>", probe + "</body>"))
        run = subprocess.run(
            ["chromium", "--headless=new", "--no-sandbox", "--disable-gpu", "--window-size=390,900",
             "--disable-background-networking", "--enable-logging=stderr", "--v=0",
             "--virtual-time-budget=20000", "--dump-dom", "file://" + probe_page],
            capture_output=True, text=True, timeout=180)
    found = re.search(r'<pre id="axe-result">(.*?)</pre>', run.stdout, re.S)
    if not found:
        print(f"{page}: no result from the browser\n{run.stderr[-2000:]}")
        return None
    result = json.loads(html.unescape(found.group(1)))
    # Page errors: what the page's console reported as uncaught or an error.
    result["errors"] = [l for l in run.stderr.splitlines() if ":CONSOLE" in l and ("Uncaught" in l or "Error" in l)]
    return result

def main():
    if len(sys.argv) < 3 or not shutil.which("chromium"):
        print("web-check: needs chromium and axe-core; usage: web-check.py AXE_JS PAGE.html ...")
        return 2
    axe = open(sys.argv[1], encoding="utf-8").read()
    failed = False
    for page in sys.argv[2:]:
        result = check(axe, page)
        if result is None:
            return 2
        bad = result["violations"] or result["sideways"] or result["errors"] or result["cut"]
        failed |= bool(bad)
        print(f"{page}: {len(result['violations'])} violations, {len(result['errors'])} page errors, sideways scroll: {result['sideways']} (page {result['width']} px, viewport {result['viewport']} px), captions cut: {len(result['cut'])}")
        for c in result["cut"]:
            print(f"  caption cut at the screen's edge: {c}")
        for e in result["errors"]:
            print(f"  page error: {e[-300:]}")
        for v in result["violations"]:
            print(f"  {v['id']} ({v['impact']}): {v['nodes']}")
    return 1 if failed else 0

if __name__ == "__main__":
    sys.exit(main())
