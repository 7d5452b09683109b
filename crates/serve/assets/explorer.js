// zhkg graph explorer: reads the server's JSON endpoints (/api/search,
// /api/top, /api/neighbourhood, /api/evidence) and draws capped
// neighbourhoods with Cytoscape.js. It never asks for the whole graph.
(function () {
  "use strict";

  // Shapes and colours by type, as the DOT export draws them
  // (crates/graph/src/export.rs).
  var STYLE = {
    Person: { shape: "ellipse", color: "#cfe2ff", border: "#6c8ebf" },
    Organization: { shape: "rectangle", color: "#d1e7dd", border: "#5b9a7a" },
    Event: { shape: "hexagon", color: "#fff3cd", border: "#c9a227" },
    // Graphviz's "house".
    Place: { shape: "polygon", color: "#e2d9f3", border: "#8a73b8",
             points: "0 -1 1 -0.25 1 1 -1 1 -1 -0.25" }
  };
  // Edges per neighbourhood asked for (?limit=N on the page's URL; the
  // server caps it at 500).
  var NEIGHBOURS = parseInt(new URLSearchParams(location.search).get("limit"), 10) || 150;
  var MAX_CANVAS = 1500;  // nodes on the canvas at most
  var FORCE_MAX = 200;    // nodes laid out by force at most

  var $ = function (id) { return document.getElementById(id); };
  var state = {
    loads: 0,          // neighbourhoods drawn (for tests)
    evidenceShown: 0,  // evidence panels shown (for tests)
    expanded: {},      // IRIs whose neighbourhood is on the canvas
    last: null,        // the last neighbourhood answer
    lastEvidence: null
  };

  var cy = cytoscape({
    container: $("cy"),
    wheelSensitivity: 0.3,
    minZoom: 0.1,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "label": "data(name)",
        "shape": "data(shape)",
        "shape-polygon-points": "data(points)",
        "background-color": "data(color)",
        "border-color": "data(border)",
        "border-width": 1.5,
        "width": "label", "height": "label", "padding": "8px",
        "text-valign": "center", "text-halign": "center",
        "font-size": 13,
        "font-family": "Noto Sans CJK SC, WenQuanYi Zen Hei, Source Han Sans SC, Microsoft YaHei, sans-serif",
        "color": "#222"
      } },
      { selector: "node[?expanded]", style: { "border-width": 3 } },
      { selector: "node.center", style: { "border-width": 4, "font-weight": "bold" } },
      { selector: "edge", style: {
        "label": "data(label)",
        "curve-style": "bezier",
        "target-arrow-shape": "triangle",
        "width": "mapData(facts, 1, 10, 1.5, 6)",
        "line-color": "#9aa5b1", "target-arrow-color": "#9aa5b1",
        "font-size": 11, "color": "#555",
        "text-background-color": "#fff", "text-background-opacity": 0.85,
        "text-background-padding": "1px"
      } },
      { selector: "edge:selected", style: { "line-color": "#f0ad4e", "target-arrow-color": "#f0ad4e" } },
      { selector: "node:selected", style: { "border-color": "#f0ad4e" } }
    ]
  });
  var explorer = { cy: cy, state: state };
  window.zhkgExplorer = explorer;

  function status(text, error) {
    $("status").textContent = text;
    $("status").className = error ? "error" : "";
  }

  function get(path, params) {
    var q = new URLSearchParams(params || {}).toString();
    return fetch(path + (q ? "?" + q : "")).then(function (r) {
      return r.json().then(function (body) {
        if (!r.ok) { throw new Error(body && body.error ? body.error : "HTTP " + r.status); }
        return body;
      });
    });
  }

  function checked(name) {
    var all = document.querySelectorAll("input[name=" + name + "]");
    var on = [];
    all.forEach(function (i) { if (i.checked) { on.push(i.value); } });
    // All or none ticked: no filter.
    return on.length === all.length ? "" : on.join(",");
  }

  function filters() {
    var f = { limit: NEIGHBOURS };
    var p = checked("predicate"), t = checked("type");
    if (p) { f.predicates = p; }
    if (t) { f.types = t; }
    if ($("from").value.trim()) { f.from = $("from").value.trim(); }
    if ($("to").value.trim()) { f.to = $("to").value.trim(); }
    return f;
  }

  function nodeData(n) {
    var s = STYLE[n.type] || STYLE.Person;
    return { id: n.iri, name: n.name, type: n.type, shape: s.shape, color: s.color,
             border: s.border, points: s.points || "-1 -1 1 -1 1 1 -1 1" };
  }

  function edgeId(e) { return e.source + " " + e.predicate + " " + e.target; }

  function counts() {
    return cy.nodes().length + " nodes, " + cy.edges().length + " edges on the canvas";
  }

  // Draws the neighbourhood of `iri`: on a fresh canvas (replace) or added
  // around the node already there.
  function show(iri, replace) {
    status("loading…");
    var params = filters();
    params.iri = iri;
    return get("/api/neighbourhood", params).then(function (n) {
      state.last = n;
      var fresh = [];
      cy.batch(function () {
        if (replace) { cy.elements().remove(); state.expanded = {}; }
        var room = MAX_CANVAS - cy.nodes().length;
        var origin = cy.getElementById(n.center.iri);
        var at = origin.nonempty() ? origin.position() : { x: 0, y: 0 };
        n.nodes.forEach(function (node, i) {
          if (cy.getElementById(node.iri).nonempty()) { return; }
          if (room-- <= 0) { return; }
          var angle = 2 * Math.PI * i / Math.max(n.nodes.length, 1);
          fresh.push(cy.add({ group: "nodes", data: nodeData(node),
            position: { x: at.x + 200 * Math.cos(angle), y: at.y + 200 * Math.sin(angle) } }));
        });
        n.edges.forEach(function (e) {
          var id = edgeId(e);
          if (cy.getElementById(id).nonempty()) { return; }
          if (cy.getElementById(e.source).empty() || cy.getElementById(e.target).empty()) { return; }
          cy.add({ group: "edges", data: { id: id, source: e.source, target: e.target,
            predicate: e.predicate, label: e.label, facts: e.facts } });
        });
        cy.nodes().removeClass("center");
        cy.getElementById(n.center.iri).addClass("center").data("expanded", true);
      });
      state.expanded[n.center.iri] = true;
      var note = n.truncated ? " (neighbourhood capped at " + n.edges.length + " edges)" : "";
      var full = cy.nodes().length >= MAX_CANVAS ? " — the canvas is full: double-click a node to start from it" : "";
      return new Promise(function (resolve) {
        var layout;
        var center = cy.getElementById(n.center.iri);
        if (cy.nodes().length <= FORCE_MAX) {
          // A force layout of the whole canvas: it costs the square of the
          // nodes, so only while the canvas is small.
          layout = cy.layout({
            name: "cose", animate: false, randomize: replace, fit: true, padding: 40,
            nodeDimensionsIncludeLabels: true, idealEdgeLength: function () { return 100; },
            nodeRepulsion: function () { return 400000; }, nodeOverlap: 20, gravity: 80,
            componentSpacing: 60, numIter: cy.nodes().length <= 60 ? 1000 : 300
          });
        } else if (replace) {
          // A large neighbourhood: rings around the centre.
          layout = cy.layout({
            name: "concentric", animate: false, fit: true, padding: 40, minNodeSpacing: 12,
            concentric: function (x) { return x.same(center) ? 2 : 1; },
            levelWidth: function () { return 1; }
          });
        } else {
          // Opening out a node of a large canvas: its new neighbours on a
          // ring around it, the rest left where the reader knows it.
          var added = cy.collection(fresh);
          var r = Math.max(160, added.length * 9);
          var at2 = center.position();
          if (added.nonempty()) {
            added.layout({
              name: "circle", animate: false, fit: false,
              boundingBox: { x1: at2.x - r, y1: at2.y - r, w: 2 * r, h: 2 * r }
            }).run();
          }
          cy.fit(added.union(center), 40);
          layout = null;
        }
        var done = function () {
          state.loads += 1;
          status(n.center.name + ": " + counts() + note + full);
          showNode(center, n);
          resolve(n);
        };
        if (layout) {
          layout.one("layoutstop", done);
          layout.run();
        } else {
          done();
        }
      });
    }).catch(function (e) { status(e.message, true); throw e; });
  }

  function esc(s) {
    return String(s).replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  function mark(sentence, names) {
    var html = esc(sentence);
    names.forEach(function (name) {
      if (name) { html = html.split(esc(name)).join("<mark>" + esc(name) + "</mark>"); }
    });
    return html;
  }

  function kind(type) {
    var s = STYLE[type] || STYLE.Person;
    return '<span class="kind" style="background:' + s.color + ";border-color:" + s.border + '">' + esc(type) + "</span>";
  }

  function showNode(node, n) {
    if (!node || node.empty()) { return; }
    var d = node.data();
    var degree = node.connectedEdges().length;
    $("panel").innerHTML = "<h2>" + esc(d.name) + " " + kind(d.type) + "</h2>" +
      '<p class="meta"><code>' + esc(d.id) + "</code></p>" +
      "<p>" + degree + " relation" + (degree === 1 ? "" : "s") + " on the canvas" +
      (n && n.truncated ? " (capped: more in the store)" : "") + ".</p>" +
      '<p class="hint">Click a node to open it out, double-click to start afresh from it; click an edge for its evidence.</p>';
  }

  function showEvidence(edge) {
    var d = edge.data();
    var s = edge.source().data(), o = edge.target().data();
    var p = d.predicate === "memberOf" ? "http://www.w3.org/ns/org#memberOf"
      : "https://w3id.org/zhkg/ns#" + d.predicate;
    $("panel").innerHTML = "<h2>" + esc(s.name) + " —" + esc(d.label) + "→ " + esc(o.name) + "</h2><p>loading…</p>";
    return get("/api/evidence", { s: s.id, p: p, o: o.id }).then(function (facts) {
      state.lastEvidence = facts;
      var html = "<h2>" + esc(s.name) + " —" + esc(d.label) + "→ " + esc(o.name) + "</h2>" +
        "<p>" + facts.length + " sentence" + (facts.length === 1 ? "" : "s") + " state" + (facts.length === 1 ? "s" : "") + " it.</p>";
      facts.forEach(function (f) {
        html += '<div class="evidence"><blockquote>' + mark(f.sentence, [s.name, o.name]) + "</blockquote>" +
          '<div class="meta">document <b>' + esc(f.document) + "</b>" +
          (f.title ? " · " + esc(f.title) : "") + (f.date ? " · " + esc(f.date) : "") +
          " · rule <code>" + esc(f.rule) + "</code> · confidence " + f.confidence +
          (f.role ? " · post " + esc(f.role) : "") + "</div></div>";
      });
      $("panel").innerHTML = html;
      state.evidenceShown += 1;
    }).catch(function (e) { status(e.message, true); });
  }

  // For scripts and tests: draw IRI's neighbourhood (replace: afresh).
  explorer.show = show;

  cy.on("tap", "node", function (ev) {
    var node = ev.target;
    if (state.expanded[node.id()]) { showNode(node); return; }
    if (cy.nodes().length >= MAX_CANVAS) {
      status("the canvas holds " + MAX_CANVAS + " nodes: double-click a node to start from it", true);
      showNode(node);
      return;
    }
    show(node.id(), false);
  });
  cy.on("dbltap", "node", function (ev) { show(ev.target.id(), true); });
  cy.on("tap", "edge", function (ev) { showEvidence(ev.target); });

  // Search with completion.
  var box = $("search"), list = $("suggest"), hits = [], active = -1, timer = null, asked = 0;
  function render() {
    list.innerHTML = "";
    hits.forEach(function (h, i) {
      var li = document.createElement("li");
      li.setAttribute("role", "option");
      li.dataset.iri = h.iri;
      li.className = i === active ? "active" : "";
      li.innerHTML = "<span>" + esc(h.name) + "</span><small>" + esc(h.type) + "</small>";
      li.addEventListener("mousedown", function (e) { e.preventDefault(); choose(i); });
      list.appendChild(li);
    });
    list.hidden = hits.length === 0;
  }
  function choose(i) {
    var h = hits[i];
    if (!h) { return; }
    box.value = h.name;
    hits = []; render();
    show(h.iri, true);
  }
  box.addEventListener("input", function () {
    clearTimeout(timer);
    var q = box.value.trim();
    if (!q) { hits = []; render(); return; }
    timer = setTimeout(function () {
      var mine = ++asked;
      get("/api/search", { q: q, limit: 10 }).then(function (found) {
        if (mine !== asked) { return; }
        hits = found; active = found.length ? 0 : -1; render();
        if (!found.length) { status("no entity matches " + q); }
      }).catch(function (e) { status(e.message, true); });
    }, 120);
  });
  box.addEventListener("keydown", function (e) {
    if (e.key === "ArrowDown") { active = Math.min(active + 1, hits.length - 1); render(); e.preventDefault(); }
    else if (e.key === "ArrowUp") { active = Math.max(active - 1, 0); render(); e.preventDefault(); }
    else if (e.key === "Enter") { choose(active < 0 ? 0 : active); e.preventDefault(); }
    else if (e.key === "Escape") { hits = []; render(); }
  });
  box.addEventListener("blur", function () { setTimeout(function () { hits = []; render(); }, 150); });
  $("apply").addEventListener("click", function () {
    var center = cy.nodes(".center");
    if (center.nonempty()) { show(center.id(), true); }
  });

  // Open on something: ?focus=NAME, else the most connected entity.
  function start() {
    var focus = new URLSearchParams(location.search).get("focus");
    var top = function (note) {
      return get("/api/top").then(function (t) {
        if (!t) { status("the store holds no relations yet: run zhkg build", true); return; }
        return show(t.iri, true).then(function () { if (note) { status(note + " " + $("status").textContent); } });
      });
    };
    if (!focus) { return top(); }
    box.value = focus;
    return get("/api/search", { q: focus, limit: 10 }).then(function (found) {
      var exact = found.filter(function (h) { return h.name === focus.trim(); })[0] || found[0];
      if (!exact) { return top("no entity named " + focus + "; showing the most connected instead."); }
      return show(exact.iri, true);
    }).catch(function (e) { status(e.message, true); });
  }
  start();
})();
