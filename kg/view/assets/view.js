/* newskg graph page: draws the top nodes, filters, search, focus and evidence tooltips.
 *
 * Every string from the data (names, titles, sentences) reaches the page through
 * textContent or createTextNode only, never innerHTML: article text is data, not markup.
 * Node ids are ranks (0 = best connected), so "the top N that pass the filters" is the
 * first N ids that pass. window.kgView.status tells tests and benchmarks what was drawn.
 */
(function () {
  "use strict";
  var status = { ready: false, readyMs: null, errors: [], drawnNodes: 0, drawnEdges: 0, totalNodes: 0, totalEdges: 0,
                 timings: {} };
  function mark(name) { status.timings[name] = Math.round(performance.now()); }
  var statusEl = document.getElementById("kg-status");
  function publish() { statusEl.textContent = JSON.stringify(status); }
  window.addEventListener("error", function (e) { status.errors.push(String(e.message || e)); publish(); });
  window.kgView = { status: status };

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  mark("parsed");
  var info = data.info, N = data.nodes.length;
  var links = data.edges.map(function (row, k) {  // [from, to, relation, label, count, evidence]
    var rel = data.relations[row[2]];
    return { id: k, from: row[0], to: row[1], rel: rel, label: row[3] || rel.zh, evn: row[4], ev: row[5],
             color: { color: rel.color, highlight: "#222", hover: "#222" } };
  });
  status.totalNodes = N; status.totalEdges = links.length;
  status.layout = data.precomputed ? "precomputed" : "physics";

  var adjacent = [], i;  // node -> indexes of its edges, both directions
  for (i = 0; i < N; i++) adjacent.push([]);
  links.forEach(function (e, k) { adjacent[e.from].push(k); if (e.to !== e.from) adjacent[e.to].push(k); });

  function $(id) { return document.getElementById(id); }
  var tips = window.kgTips(data, links), el = tips.el, nameOf = tips.name;  // tooltip contents: tips.js

  // -- which nodes to draw ----------------------------------------------------------------
  var state = { kinds: {}, from: "", to: "", article: -1, publisher: "", country: -1, focus: null, pinned: {} };
  Object.keys(data.kinds).forEach(function (k) { state.kinds[k] = true; });

  function bound(date, high) {  // a partial date as the first or last day it may mean
    if (date.length === 4) return date + (high ? "-12-31" : "-01-01");
    if (date.length === 7) return date + (high ? "-31" : "-01");
    return date;
  }
  function datesOf(n) {
    var dates = info[n].date ? [info[n].date] : [];
    (info[n].articles || []).forEach(function (a) { if (data.articles[a].date) dates.push(data.articles[a].date); });
    return dates;
  }
  function passes(n) {
    var it = info[n], arts = it.articles || [];
    if (!state.kinds[it.kind]) return false;
    if (state.article >= 0 && arts.indexOf(state.article) < 0) return false;
    if (state.publisher && !arts.some(function (a) { return data.articles[a].publisher === state.publisher; })
        && it.name !== state.publisher) return false;
    if (state.country >= 0 && (it.countries || []).indexOf(state.country) < 0) return false;
    if (state.from || state.to) {
      return datesOf(n).some(function (d) {
        return (!state.from || bound(d, true) >= state.from) && (!state.to || bound(d, false) <= state.to);
      });
    }
    return true;
  }
  function wanted() {
    var keep = {}, count = 0, n;
    if (state.focus) {  // breadth-first over all edges, nearest rings first, at most maxNodes
      var frontier = [state.focus.node];
      keep[state.focus.node] = true; count = 1;
      for (var depth = 0; depth < state.focus.depth && frontier.length && count < data.maxNodes; depth++) {
        var next = {};
        frontier.forEach(function (m) {
          adjacent[m].forEach(function (k) {
            var e = links[k], other = e.from === m ? e.to : e.from;
            if (!keep[other] && passes(other)) next[other] = true;
          });
        });
        frontier = Object.keys(next).map(Number).sort(function (a, b) { return a - b; })  // best ranked first
          .slice(0, data.maxNodes - count);
        frontier.forEach(function (m) { keep[m] = true; count++; });
      }
    } else {
      for (n = 0; n < N && count < data.maxNodes; n++) if (passes(n)) { keep[n] = true; count++; }
    }
    Object.keys(state.pinned).forEach(function (m) { keep[m] = true; });
    return keep;
  }

  // -- drawing ------------------------------------------------------------------------------
  var nodes = new vis.DataSet(), edges = new vis.DataSet(), known = {}, seats = {};
  function position(n) {  // where a node (re)appears: its precomputed or last place, else by a drawn neighbour
    var item = data.nodes[n];
    if (item.x !== undefined) return { x: item.x, y: item.y };
    if (known[n]) return known[n];
    for (var j = 0; j < adjacent[n].length; j++) {
      var e = links[adjacent[n][j]], other = e.from === n ? e.to : e.from;
      var p = nodes.get(other) && (network ? network.getPositions([other])[other] : known[other]);
      if (p) {
        var k = seats[other] = (seats[other] || 0) + 1, r = 40 + 38 * Math.sqrt(k), a = k * 2.39996;
        return { x: p.x + r * Math.cos(a), y: p.y + r * Math.sin(a) };
      }
    }
    return null;
  }
  function edgeItem(k) { var e = links[k]; return { id: k, from: e.from, to: e.to, color: e.color }; }
  function apply() {
    var keep = wanted(), add = [], addEdges = [], keepEdges = {};
    if (network) { var now = network.getPositions(); Object.keys(now).forEach(function (n) { known[n] = now[n]; }); }
    nodes.remove(nodes.getIds().filter(function (n) { return !keep[n]; }));
    Object.keys(keep).forEach(function (m) {
      var n = +m;
      if (nodes.get(n)) return;
      var item = Object.assign({}, data.nodes[n]), p = position(n);
      if (p) { item.x = p.x; item.y = p.y; known[n] = p; }
      add.push(item);
    });
    nodes.add(add);
    Object.keys(keep).forEach(function (m) {
      adjacent[+m].forEach(function (k) { var e = links[k]; if (keep[e.from] && keep[e.to]) keepEdges[k] = true; });
    });
    edges.remove(edges.getIds().filter(function (k) { return !keepEdges[k]; }));
    Object.keys(keepEdges).forEach(function (k) { if (!edges.get(+k)) addEdges.push(edgeItem(+k)); });
    edges.add(addEdges);
    counted();
  }
  function reveal(n) {  // one more node, found by search, with its edges to what is drawn: no full redo
    var item = Object.assign({}, data.nodes[n]), p = position(n);
    if (p) { item.x = p.x; item.y = p.y; }
    state.pinned[n] = true;
    nodes.add(item);
    edges.add(adjacent[n].filter(function (k) {
      var e = links[k];
      return !edges.get(k) && nodes.get(e.from === n ? e.to : e.from);
    }).map(edgeItem));
    counted();
  }
  function counted() {
    status.drawnNodes = nodes.length; status.drawnEdges = edges.length;
    $("kg-shown").textContent = "显示 shown " + nodes.length + " / " + N;
    publish();
  }
  var network = null;
  apply();
  mark("selected");
  network = new vis.Network($("kg-network"), { nodes: nodes, edges: edges }, data.options);
  mark("network");
  window.kgView.network = network;

  function ready() {
    if (status.ready) return;
    $("kg-loading").hidden = true;
    if (data.focus) network.selectNodes(data.focus.nodes);  // the page was made for these nodes
    status.ready = true; status.readyMs = Math.round(performance.now());
    publish();
  }
  function declutter() {  // physics spaces nodes by their shapes only: push apart overlapping labels too
    var ids = nodes.getIds(), pos = network.getPositions(ids), box = {}, moved = 1;
    ids.forEach(function (id) {  // shape and label together, relative to the node's centre
      var n = network.body.nodes[id], b = n.shape.boundingBox, s = n.labelModule.size;
      box[id] = [Math.min(b.left, s.left) - n.x - 3, Math.min(b.top, s.top) - n.y - 3,
                 Math.max(b.right, s.left + s.width) - n.x + 3, Math.max(b.bottom, s.top + s.height) - n.y + 3];
    });
    for (var round = 0; round < 80 && moved; round++) {
      moved = 0;
      for (var i = 0; i < ids.length; i++) {
        for (var j = i + 1; j < ids.length; j++) {
          var p = pos[ids[i]], q = pos[ids[j]], a = box[ids[i]], b = box[ids[j]];
          var dx = Math.min(p.x + a[2], q.x + b[2]) - Math.max(p.x + a[0], q.x + b[0]);
          var dy = Math.min(p.y + a[3], q.y + b[3]) - Math.max(p.y + a[1], q.y + b[1]);
          if (dx <= 0 || dy <= 0) continue;
          moved++;  // move both apart along the axis where they overlap least
          if (dx < dy) { var sx = (p.x < q.x ? -dx : dx) / 2; p.x += sx; q.x -= sx; }
          else { var sy = (p.y < q.y ? -dy : dy) / 2; p.y += sy; q.y -= sy; }
        }
      }
    }
    ids.forEach(function (id) { network.moveNode(id, pos[id].x, pos[id].y); });
  }
  function settle(then) {  // physics has done its work: stop it, clear overlapping labels, show all
    network.setOptions({ physics: { enabled: false } });
    network.once("afterDrawing", function () {  // label sizes are known once drawn
      if (nodes.length <= 800) declutter();
      network.fit();
      if (then) network.once("afterDrawing", then);
      network.redraw();
    });
    network.redraw();
  }
  function relayout() {  // a small focused neighbourhood is worth a fresh layout; then physics off again
    if (nodes.length > 400) { network.fit(); return; }
    network.setOptions({ physics: data.relayout });
    network.once("stabilizationIterationsDone", function () { settle(); });
    network.stabilize(300);
  }
  if (data.precomputed || nodes.length === 0) {
    $("kg-loading").hidden = true;
    network.once("afterDrawing", ready);
    if (nodes.length === 0) setTimeout(ready, 0);
  } else {
    network.on("stabilizationProgress", function (p) { $("kg-progress").textContent = Math.round(100 * p.iterations / p.total) + "%"; });
    network.once("stabilizationIterationsDone", function () { settle(ready); });
  }

  // -- tooltips: evidence as text --------------------------------------------------------
  var tip = $("kg-tooltip"), mouse = { x: 0, y: 0 };
  function place() {
    var w = tip.offsetWidth, h = tip.offsetHeight, x = mouse.x + 16, y = mouse.y + 16;
    if (x + w > window.innerWidth - 8) x = Math.max(8, mouse.x - w - 16);
    if (y + h > window.innerHeight - 8) y = Math.max(8, window.innerHeight - h - 8);
    tip.style.left = x + "px"; tip.style.top = y + "px";
  }
  function show(content) { tip.textContent = ""; tip.appendChild(content); tip.hidden = false; place(); }
  function hide() { tip.hidden = true; }
  $("kg-network").addEventListener("mousemove", function (e) { mouse.x = e.clientX; mouse.y = e.clientY; if (!tip.hidden) place(); });
  network.on("hoverNode", function (p) { show(tips.node(p.node)); });
  network.on("blurNode", hide);
  network.on("hoverEdge", function (p) { edges.update({ id: p.edge, label: links[p.edge].label }); show(tips.edge(p.edge)); });
  network.on("blurEdge", function (p) {  // vis keeps a label once set, so put the plain edge back
    if (edges.get(p.edge)) { edges.remove(p.edge); edges.add(edgeItem(p.edge)); }
    hide();
  });
  network.on("dragStart", hide);
  network.on("zoom", hide);
  window.kgView.showTip = function (n, at) { mouse = at || mouse; show(typeof n === "number" ? tips.node(n) : tips.edge(n.edge)); };

  // -- search and focus ------------------------------------------------------------------
  var haystack = info.map(function (it) { return "\n" + [it.name, it.en || ""].concat(it.aliases || []).join("\n").toLowerCase(); });
  function select(n) {
    if (!nodes.get(n)) reveal(n);
    network.selectNodes([n]);
    network.focus(n, { scale: 1.1, animation: false });
  }
  function focusOn(n) {
    state.focus = { node: n, depth: +$("kg-depth").value };
    state.pinned = {};
    apply();
    network.selectNodes([n]);
    relayout();
  }
  window.kgView.select = select; window.kgView.focusOn = focusOn;
  $("kg-search").addEventListener("input", function () {
    var q = this.value.trim().toLowerCase(), hits = [], list = $("kg-results");
    list.textContent = "";
    if (!q) return;
    for (var n = 0; n < N && hits.length < 2000; n++) {
      var at = haystack[n].indexOf(q);
      if (at >= 0) hits.push([haystack[n].indexOf("\n" + q) >= 0 ? 0 : 1, n]);
    }
    hits.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1]; });
    hits.slice(0, 20).forEach(function (h) {
      var li = el("li"), b = el("button", null, nameOf(h[1]) + " · " + data.kinds[info[h[1]].kind].zh);
      b.type = "button";
      b.addEventListener("click", function () { select(h[1]); });
      li.appendChild(b);
      list.appendChild(li);
    });
  });
  $("kg-search").addEventListener("keydown", function (e) {
    var first = $("kg-results").querySelector("button");
    if (e.key === "Enter" && first) first.click();
  });
  network.on("doubleClick", function (p) { if (p.nodes.length) focusOn(p.nodes[0]); });
  $("kg-focus").addEventListener("click", function () { var s = network.getSelectedNodes(); if (s.length) focusOn(s[0]); });
  $("kg-reset").addEventListener("click", function () {
    state.focus = null; state.pinned = {};
    apply();
    if (data.precomputed) {  // undo any focus re-layout: back to the overview's places
      nodes.update(nodes.getIds().map(function (n) { return { id: n, x: data.nodes[n].x, y: data.nodes[n].y }; }));
    }
    network.fit();
  });

  // -- filters -----------------------------------------------------------------------------
  function option(select, value, text) { var o = el("option", null, text); o.value = String(value); select.appendChild(o); }
  data.articles.map(function (a, k) { return k; })
    .sort(function (a, b) { var x = data.articles[a], y = data.articles[b]; return x.date < y.date ? 1 : x.date > y.date ? -1 : a - b; })
    .forEach(function (k) { var a = data.articles[k]; option($("kg-article"), k, (a.date ? a.date + " " : "") + a.title.slice(0, 40)); });
  var publishers = {};
  data.articles.forEach(function (a) { if (a.publisher) publishers[a.publisher] = true; });
  Object.keys(publishers).sort().forEach(function (p) { option($("kg-publisher"), p, p); });
  info.map(function (it, n) { return n; })
    .filter(function (n) { return (info[n].countries || []).indexOf(n) >= 0; })
    .sort(function (a, b) { return info[a].name < info[b].name ? -1 : info[a].name > info[b].name ? 1 : a - b; })
    .forEach(function (n) { option($("kg-country"), n, nameOf(n)); });
  function refilter() {
    state.from = $("kg-from").value; state.to = $("kg-to").value;
    state.article = $("kg-article").value === "" ? -1 : +$("kg-article").value;
    state.publisher = $("kg-publisher").value;
    state.country = $("kg-country").value === "" ? -1 : +$("kg-country").value;
    Array.prototype.forEach.call(document.querySelectorAll("#kg-legend input"), function (box) { state.kinds[box.value] = box.checked; });
    apply();
    if (state.focus) relayout(); else network.fit();
  }
  ["kg-from", "kg-to", "kg-article", "kg-publisher", "kg-country"].forEach(function (id) { $(id).addEventListener("change", refilter); });
  Array.prototype.forEach.call(document.querySelectorAll("#kg-legend input"), function (box) { box.addEventListener("change", refilter); });
  publish();
})();
