/* newsgraph view: draws the embedded graph with vis-network.
 *
 * Every string from the data reaches the page through textContent/innerText or
 * vis-network's canvas, never through innerHTML: names and sentences are untrusted.
 * The page reports what the renderer drew as attributes on <body>
 * (data-drawn-nodes, data-drawn-edges, data-first-draw-ms, data-stabilized) so
 * a headless browser can check it.
 */
(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("newsgraph-data").textContent);
  var body = document.body;
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

  var labelColour = {}, relationColour = {};
  data.labels.forEach(function (l) { labelColour[l.name] = l.colour; });
  data.relations.forEach(function (r) { relationColour[r.name] = r.colour; });
  var nodeById = {}, edgeById = {};
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  data.edges.forEach(function (e) { edgeById[e.id] = e; });

  function articleLine(id) {
    var a = data.articles[id];
    if (!a) return id;
    var where = [a.outlet, a.date].filter(function (x) { return x; }).join(", ");
    return (a.title || id) + (where ? " (" + where + ")" : "");
  }

  function flags(ev) {
    return (ev.negated ? " [negated]" : "") + (ev.hedged ? " [hedged]" : "");
  }

  function edgeTooltip(e) {
    var head = nodeById[e.from].name + " \u2192 " + e.type + " \u2192 " + nodeById[e.to].name;
    if (e.role) head += "\nrole: " + e.role;
    if (e.predicate) head += "\npredicate: " + e.predicate;
    head += "\nconfidence " + e.confidence.toFixed(2) + ", " + e.evidence.length + " evidence in " +
      e.sources + (e.sources === 1 ? " article" : " articles");
    var shown = e.evidence.slice(0, 3).map(function (ev) {
      return "\n\n\u201c" + ev.sentence + "\u201d" + flags(ev) + "\n\u2014 " + articleLine(ev.article);
    });
    var more = e.evidence.length > 3 ? "\n\n(+" + (e.evidence.length - 3) + " more: click the edge)" : "";
    return head + shown.join("") + more;
  }

  function nodeTooltip(n) {
    var t = n.name + " (" + n.label + ")";
    if (n.aliases.length) t += "\nalso: " + n.aliases.slice(0, 8).join(", ");
    t += "\n" + n.articles.length + " article(s), " + n.degree + " claim(s)";
    return t;
  }

  // -- the renderer's data ------------------------------------------------------
  var nodes = new vis.DataSet(data.nodes.map(function (n) {
    var c = labelColour[n.label] || "#9d9d9d";
    return {
      id: n.id, label: n.name, kind: n.label, value: 1 + n.degree, title: nodeTooltip(n),
      // Border in the fill colour: zoomed out, a dark border would hide the label colour.
      color: { background: c, border: c, highlight: { background: c, border: "#000" },
               hover: { background: c, border: "#000" } }
    };
  }));
  var edges = new vis.DataSet(data.edges.map(function (e) {
    var c = relationColour[e.type] || "#888";
    return {
      id: e.id, from: e.from, to: e.to, label: e.type, type: e.type, title: edgeTooltip(e),
      // Thicker for a claim more articles state: the best-sourced claims stand out.
      width: Math.min(1.5 + 2 * (e.sources - 1), 9),
      color: { color: c, highlight: "#000", hover: "#000" },
      smooth: e.roundness ? { enabled: true, type: "curvedCW", roundness: e.roundness } : false
    };
  }));

  // Nodes without a relationship say nothing in a picture of who stands where: hidden at first.
  var hiddenLabels = {}, hiddenRelations = {}, hideUnconnected = true;
  $("unconnected").checked = true;
  var nodesView = new vis.DataView(nodes, {
    filter: function (n) { return !hiddenLabels[n.kind] && !(hideUnconnected && !nodeById[n.id].degree); }
  });
  var edgesView = new vis.DataView(edges, {
    filter: function (e) {
      return !hiddenRelations[e.type] && !hiddenLabels[nodeById[e.from].label] && !hiddenLabels[nodeById[e.to].label];
    }
  });

  // -- sidebar ------------------------------------------------------------------
  function filterList(container, items, hidden, swatchClass, onChange) {
    items.forEach(function (item) {
      var label = el("label");
      var box = el("input");
      box.type = "checkbox";
      box.checked = true;
      box.value = item.name;
      box.setAttribute("data-filter", item.name);
      box.addEventListener("change", function () {
        if (box.checked) delete hidden[item.name]; else hidden[item.name] = true;
        onChange();
      });
      var sw = el("span", null, "swatch" + (swatchClass ? " " + swatchClass : ""));
      sw.style.background = item.colour;
      label.appendChild(box);
      label.appendChild(sw);
      label.appendChild(el("span", item.name));
      label.appendChild(el("span", item.count, "count"));
      container.appendChild(label);
    });
  }

  function setAll(container, hidden, items, on, onChange) {
    Array.prototype.forEach.call(container.querySelectorAll("input"), function (b) { b.checked = on; });
    items.forEach(function (i) { if (on) delete hidden[i.name]; else hidden[i.name] = true; });
    onChange();
  }

  // Redraws are synchronous (network.redraw) rather than left to the next animation
  // frame: the page's drawn-state attributes are then current as soon as a filter
  // changes or the layout stops, which is what a headless browser checks.
  function refresh() {
    nodesView.refresh();
    edgesView.refresh();
    if (network) network.redraw();
  }

  filterList($("legend"), data.labels, hiddenLabels, "", refresh);
  filterList($("relations"), data.relations, hiddenRelations, "edge", refresh);
  $("unconnected").addEventListener("change", function () {
    hideUnconnected = this.checked;
    refresh();
  });
  $("relations-all").addEventListener("click", function () { setAll($("relations"), hiddenRelations, data.relations, true, refresh); });
  $("relations-none").addEventListener("click", function () { setAll($("relations"), hiddenRelations, data.relations, false, refresh); });
  $("summary").textContent = data.nodes.length + " nodes, " + data.edges.length + " relationships, " +
    Object.keys(data.articles).length + " articles";

  // -- details ------------------------------------------------------------------
  function nodeLink(id) {
    var a = el("a", nodeById[id].name, "node-link");
    a.addEventListener("click", function () { select(id); });
    return a;
  }

  function evidenceItem(ev) {
    var li = el("li");
    li.appendChild(el("blockquote", ev.sentence));
    var meta = el("div", null, "meta");
    var a = data.articles[ev.article];
    var titleText = a && a.title ? a.title : ev.article;
    if (a && /^https?:\/\//i.test(a.url || "")) {
      var link = el("a", titleText);
      link.href = a.url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      meta.appendChild(link);
    } else {
      meta.appendChild(el("span", titleText, "article-title"));
    }
    if (a && a.outlet) meta.appendChild(el("span", ", " + a.outlet, "article-outlet"));
    if (a && a.date) meta.appendChild(el("span", ", " + a.date, "article-date"));
    meta.appendChild(el("span", " \u00b7 \u201c" + ev.predicate + "\u201d \u00b7 " + ev.confidence.toFixed(2)));
    if (ev.negated) meta.appendChild(el("span", "negated", "flag"));
    if (ev.hedged) meta.appendChild(el("span", "hedged", "flag"));
    li.appendChild(meta);
    return li;
  }

  function showEdge(e) {
    var d = $("details");
    d.textContent = "";
    d.setAttribute("data-selected", e.id);
    var h = el("h3");
    h.appendChild(nodeLink(e.from));
    h.appendChild(el("span", " " + e.type + " ", "kind"));
    h.appendChild(nodeLink(e.to));
    d.appendChild(h);
    if (e.role) d.appendChild(el("div", "role: " + e.role));
    if (e.predicate) d.appendChild(el("div", "predicate: " + e.predicate));
    d.appendChild(el("div", "confidence " + e.confidence.toFixed(2) + " \u00b7 " + e.evidence.length + " evidence", "meta"));
    var ul = el("ul");
    e.evidence.forEach(function (ev) { ul.appendChild(evidenceItem(ev)); });
    d.appendChild(ul);
  }

  function showNode(n) {
    var d = $("details");
    d.textContent = "";
    d.setAttribute("data-selected", n.id);
    d.appendChild(el("h3", n.name));
    d.appendChild(el("div", n.label, "kind"));
    if (n.aliases.length) d.appendChild(el("div", "also: " + n.aliases.join(", ")));
    d.appendChild(el("h4", "Claims"));
    var ul = el("ul");
    data.edges.forEach(function (e) {
      if (e.from !== n.id && e.to !== n.id) return;
      var li = el("li");
      li.appendChild(nodeLink(e.from));
      var t = el("a", " " + e.type + " ", "node-link");
      t.addEventListener("click", function () { select(e.id); });
      li.appendChild(t);
      li.appendChild(nodeLink(e.to));
      ul.appendChild(li);
    });
    d.appendChild(ul);
    d.appendChild(el("h4", "Articles"));
    var arts = el("ul");
    n.articles.forEach(function (id) { arts.appendChild(el("li", articleLine(id))); });
    d.appendChild(arts);
  }

  function select(id) {
    if (nodeById[id]) {
      showNode(nodeById[id]);
      if (network && nodesView.get(id)) { network.selectNodes([id]); network.focus(id, { scale: 1.2, animation: false }); }
    } else if (edgeById[id]) {
      showEdge(edgeById[id]);
      if (network && edgesView.get(id)) network.selectEdges([id]);
    }
  }

  // -- search -------------------------------------------------------------------
  $("search").addEventListener("keydown", function (ev) {
    if (ev.key !== "Enter") return;
    var q = this.value.trim().toLowerCase();
    if (!q) return;
    var hit = data.nodes.filter(function (n) {
      return n.name.toLowerCase().indexOf(q) >= 0 ||
        n.aliases.some(function (a) { return a.toLowerCase().indexOf(q) >= 0; });
    })[0];
    if (hit) select(hit.id); else $("details").textContent = "No node matches \u201c" + this.value + "\u201d.";
  });

  // -- the network --------------------------------------------------------------
  var network = null;
  if (!data.nodes.length) $("graph").appendChild(el("div", "No nodes to show.", "empty"));
  var big = data.big;
  // Big graphs: a short blind stabilization so the first picture comes in a couple of
  // seconds, then the layout settles on screen (interactive) for a bounded time.
  var SETTLE_MS = 5000, settleTimer = null;
  network = new vis.Network($("graph"), { nodes: nodesView, edges: edgesView }, {
    autoResize: true,
    layout: { improvedLayout: !big, randomSeed: 7 },
    nodes: { shape: "dot", borderWidth: 1, borderWidthSelected: 3,
             scaling: { min: 10, max: 34, label: { enabled: false, drawThreshold: big ? 7 : 4 } },
             font: { size: 16, strokeWidth: 4, strokeColor: "#ffffff" } },
    edges: { arrows: { to: { enabled: true, scaleFactor: 0.7 } },
             scaling: { label: { drawThreshold: big ? 7 : 5 } },
             font: { size: 13, align: "middle", strokeWidth: 4, strokeColor: "#ffffff", color: "#333" } },
    physics: {
      solver: "barnesHut",
      barnesHut: { theta: big ? 0.9 : 0.5, gravitationalConstant: -6000, springLength: 170,
                   springConstant: 0.03, avoidOverlap: big ? 0 : 0.2 },
      minVelocity: big ? 2 : 0.75,
      stabilization: { enabled: true, iterations: big ? 40 : 400, updateInterval: 10, fit: true }
    },
    interaction: { hover: true, tooltipDelay: 150, hideEdgesOnDrag: big, hideEdgesOnZoom: big,
                   navigationButtons: false, keyboard: { enabled: true, bindToWindow: false } }
  });

  function markStabilized() {
    if (body.hasAttribute("data-stabilized")) return;
    $("status").textContent = "";
    body.setAttribute("data-stabilized", "true");
    body.setAttribute("data-stabilized-ms", String(Math.round(performance.now())));
  }
  function freeze() {
    clearTimeout(settleTimer);
    network.setOptions({ physics: false });
    $("physics").checked = false;
    // The settled layout, whole on screen: the canvas is measured again first (it may have been
    // sized before the sidebar took its width).
    network.setSize($("graph").clientWidth + "px", $("graph").clientHeight + "px");
    network.fit({ animation: false });
    network.redraw();
    markStabilized();
  }
  // Physics stops after the first layout so 2,000 nodes stay smooth to pan and zoom;
  // a user who wants more layout turns it back on.
  $("physics").addEventListener("change", function () {
    network.setOptions({ physics: this.checked });
  });
  network.on("stabilizationProgress", function (p) {
    $("status").textContent = "laying out\u2026 " + Math.round(100 * p.iterations / p.total) + "%";
  });
  network.once("stabilizationIterationsDone", function () {
    if (!big) { freeze(); return; }
    $("status").textContent = "settling\u2026";
    $("physics").checked = true;
    network.once("stabilized", freeze);
    settleTimer = setTimeout(freeze, SETTLE_MS);
  });
  network.on("afterDrawing", function () {
    body.setAttribute("data-drawn-nodes", String(Object.keys(network.getPositions()).length));
    body.setAttribute("data-drawn-edges", String(edgesView.length));
    if (!body.hasAttribute("data-first-draw-ms")) {
      body.setAttribute("data-first-draw-ms", String(Math.round(performance.now())));
    }
  });
  if (!data.nodes.length) {  // nothing to lay out: vis-network sends no stabilization event
    network.redraw();
    markStabilized();
  }
  network.on("click", function (p) {
    if (p.nodes.length) showNode(nodeById[p.nodes[0]]);
    else if (p.edges.length) showEdge(edgeById[p.edges[0]]);
  });

  // A link such as graph.html#select=<id> opens a node's or claim's details.
  function fromHash() {
    var m = /^#select=(.+)$/.exec(location.hash);
    if (m) select(decodeURIComponent(m[1]));
  }
  window.addEventListener("hashchange", fromHash);
  fromHash();
})();
