#!/usr/bin/env python3
"""Drives the graph explorer of `zhkg serve` in a real browser: headless
Chromium through the Chrome DevTools Protocol (raw, over a WebSocket with
the `websocket-client` package).

    python3 scripts/check-explorer.py ZHKG STORE SCREENSHOT.png

On STORE (the seed's): the page opens on the most connected entity (never
an empty canvas); typing 夏宝龙 in the search box offers it, and choosing
it draws its neighbourhood with as many nodes and edges as
/api/neighbourhood gives and a canvas that is not blank; clicking an edge
shows the sentences /api/evidence gives for it; clicking a neighbour adds
its neighbourhood. The screenshot (the 夏宝龙 neighbourhood with an edge's
evidence) is written to SCREENSHOT.png.
"""

import base64
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request

import websocket  # websocket-client

NAME = "夏宝龙"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(what, check, timeout=30.0):
    end = time.monotonic() + timeout
    while True:
        value = check()
        if value:
            return value
        if time.monotonic() > end:
            raise SystemExit(f"timed out waiting for {what}")
        time.sleep(0.1)


class Page:
    """One browser tab, spoken to through the DevTools Protocol."""

    def __init__(self, ws_url):
        self.ws = websocket.create_connection(ws_url, timeout=30, suppress_origin=True)
        self.next_id = 0

    def call(self, method, **params):
        self.next_id += 1
        mine = self.next_id
        self.ws.send(json.dumps({"id": mine, "method": method, "params": params}))
        while True:
            msg = json.loads(self.ws.recv())
            if msg.get("id") == mine:
                if "error" in msg:
                    raise RuntimeError(f"{method}: {msg['error']}")
                return msg.get("result", {})

    def js(self, expression):
        r = self.call("Runtime.evaluate", expression=expression, returnByValue=True,
                      awaitPromise=True)
        if "exceptionDetails" in r:
            raise RuntimeError(f"{expression}: {r['exceptionDetails']}")
        return r["result"].get("value")

    def click(self, x, y):
        for kind in ("mouseMoved", "mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", type=kind, x=x, y=y, button="left",
                      clickCount=1)


def api(base, path, **params):
    with urllib.request.urlopen(f"{base}{path}?{urllib.parse.urlencode(params)}") as r:
        return json.load(r)


def main():
    zhkg, store, shot = sys.argv[1], sys.argv[2], sys.argv[3]
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if not chromium:
        raise SystemExit("chromium is not installed")
    work = tempfile.mkdtemp(prefix="zhkg-explorer-")
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([zhkg, "serve", "--store", store, "--bind", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    browser = None
    try:
        wait_for("zhkg serve", lambda: _up(base))
        browser = subprocess.Popen(
            [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--disable-dev-shm-usage", "--hide-scrollbars", "--window-size=1280,760",
             f"--user-data-dir={work}/profile", "--remote-debugging-port=0",
             f"{base}/graph"],
            stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "chromium.log"), "w"))
        active = os.path.join(work, "profile", "DevToolsActivePort")
        devtools = wait_for("Chromium's DevTools port",
                            lambda: os.path.exists(active) and open(active).read().split("\n")[0])
        targets = wait_for("the page target", lambda: [
            t for t in json.load(urllib.request.urlopen(f"http://127.0.0.1:{devtools}/json/list"))
            if t.get("type") == "page" and "/graph" in t.get("url", "")])
        page = Page(targets[0]["webSocketDebuggerUrl"])
        started = time.monotonic()

        # 1. Opens on the most connected entity: never an empty canvas.
        wait_for("the first neighbourhood",
                 lambda: page.js("window.zhkgExplorer && zhkgExplorer.state.loads") == 1)
        top = api(base, "/api/top")
        first = page.js("zhkgExplorer.cy.nodes('.center').data('name')")
        assert first == top["name"], (first, top)
        assert page.js("zhkgExplorer.cy.nodes().length") > 1
        print(f"opens on the most connected entity: {first} "
              f"({page.js('zhkgExplorer.cy.nodes().length')} nodes)")

        # 2. Search 夏宝龙: type it, take the completion.
        box = page.js("(function(){var r=document.getElementById('search')"
                      ".getBoundingClientRect();return [r.x+r.width/2,r.y+r.height/2]})()")
        page.click(*box)
        page.js("document.getElementById('search').select()")
        page.call("Input.insertText", text=NAME)
        wait_for("the completion", lambda: page.js(
            "document.querySelectorAll('#suggest li').length > 0 && "
            "document.querySelector('#suggest li span').textContent"))
        offered = page.js("document.querySelector('#suggest li span').textContent")
        assert offered == NAME, offered
        item = page.js("(function(){var r=document.querySelector('#suggest li')"
                       ".getBoundingClientRect();return [r.x+r.width/2,r.y+r.height/2]})()")
        page.click(*item)
        wait_for("the neighbourhood of " + NAME, lambda: page.js("zhkgExplorer.state.loads") == 2)

        # 3. The neighbourhood drawn is the endpoint's.
        iri = api(base, "/api/search", q=NAME, limit=1)[0]["iri"]
        want = api(base, "/api/neighbourhood", iri=iri, limit=150)
        drawn = page.js("[zhkgExplorer.cy.nodes().length, zhkgExplorer.cy.edges().length,"
                        " zhkgExplorer.cy.nodes('.center').data('name')]")
        assert drawn == [len(want["nodes"]), len(want["edges"]), NAME], (drawn, want)
        assert len(want["nodes"]) > 2, want
        # Pixels painted on the canvases: not blank.
        painted = page.js("""(function(){
            var n = 0, total = 0;
            document.querySelectorAll('#cy canvas').forEach(function (c) {
              if (!c.width || !c.height) return;
              var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
              total = Math.max(total, c.width * c.height);
              for (var i = 3; i < d.length; i += 4) if (d[i] > 0) n++;
            });
            return [n, total]; })()""")
        # Blank is 0; nodes, labels and edges paint far more than 0.2 %.
        assert painted[0] > 0.002 * painted[1], f"the canvas is blank: {painted}"
        print(f"search {NAME}: {drawn[0]} nodes and {drawn[1]} edges drawn, as "
              f"/api/neighbourhood gives; {painted[0]} pixels painted")

        # 4. Click a neighbour not yet opened: its neighbourhood joins.
        before = page.js("zhkgExplorer.cy.nodes().length")
        pos = page.js("""(function(){
            var n = zhkgExplorer.cy.nodes().filter(function (x) {
              return !x.data('expanded') && x.degree() > 0; })
              .sort(function (a, b) { return a.id() < b.id() ? -1 : 1; })[0],
                p = n.renderedPosition(), r = document.getElementById('cy').getBoundingClientRect();
            return [r.x + p.x, r.y + p.y, n.id()]; })()""")
        loads = page.js("zhkgExplorer.state.loads")
        page.click(pos[0], pos[1])
        try:
            wait_for("the expansion", lambda: page.js("zhkgExplorer.state.loads") > loads, timeout=10)
        except SystemExit:
            said = page.js("document.getElementById('status').textContent")
            raise SystemExit(f"clicked {pos}: no expansion; status {said!r}")
        theirs = api(base, "/api/neighbourhood", iri=pos[2], limit=150)
        after = page.js("zhkgExplorer.cy.nodes().map(function (n) { return n.id(); })")
        assert all(n["iri"] in after for n in theirs["nodes"]), "expansion incomplete"
        assert len(after) >= before
        print(f"click to expand: {before} -> {len(after)} nodes")

        # 5. Click an edge of 夏宝龙's (its midpoint clear of nodes): its evidence.
        shown = False
        clear = page.js("""(function(){
            var cy = zhkgExplorer.cy, out = [];
            cy.getElementById(%s).connectedEdges().forEach(function (e) {
              var m = e.renderedMidpoint();
              var hit = cy.nodes().some(function (n) {
                var b = n.renderedBoundingBox();
                return m.x >= b.x1 - 4 && m.x <= b.x2 + 4 && m.y >= b.y1 - 4 && m.y <= b.y2 + 4; });
              if (!hit) out.push(e.id());
            });
            return out; })()""" % json.dumps(iri))
        assert clear, f"every edge of {NAME} lies under a node"
        for edge_id in clear:
            pos = page.js(f"""(function(){{
                var e = zhkgExplorer.cy.getElementById({json.dumps(edge_id)}), p = e.renderedMidpoint(),
                    r = document.getElementById('cy').getBoundingClientRect();
                return [r.x + p.x, r.y + p.y, e.source().id(), e.data('predicate'),
                        e.target().id()]; }})()""")
            page.click(pos[0], pos[1])
            try:
                wait_for("the evidence", lambda: page.js("zhkgExplorer.state.evidenceShown") >= 1,
                         timeout=5)
            except SystemExit:
                continue  # a label over the midpoint took the click: try another edge
            pred = ("http://www.w3.org/ns/org#memberOf" if pos[3] == "memberOf"
                    else "https://w3id.org/zhkg/ns#" + pos[3])
            facts = api(base, "/api/evidence", s=pos[2], p=pred, o=pos[4])
            panel = page.js("document.getElementById('panel').innerText")
            assert facts and all(f["document"] in panel for f in facts), (facts, panel)
            assert facts[0]["sentence"] in panel.replace("\n", ""), (facts[0], panel)
            print(f"edge evidence: {len(facts)} sentence(s), rule {facts[0]['rule']}, "
                  f"confidence {facts[0]['confidence']}, document {facts[0]['document']}")
            shown = True
            break
        assert shown, "no edge could be clicked"

        png = base64.b64decode(page.call("Page.captureScreenshot", format="png")["data"])
        with open(shot, "wb") as f:
            f.write(png)
        print(f"screenshot: {shot} ({len(png)} bytes)")

        print(f"browser test done in {time.monotonic() - started:.1f} s")
    finally:
        if browser:
            browser.terminate()
            browser.wait(10)
        server.terminate()
        server.wait(10)
        shutil.rmtree(work, ignore_errors=True)


def _up(base):
    try:
        with urllib.request.urlopen(f"{base}/api/top", timeout=2):
            return True
    except OSError:
        return False


if __name__ == "__main__":
    main()
