/* bildungsgraph: a small network view for CONSTRUCT/DESCRIBE results (no library).
   parseNTriples(text) -> [{subject, predicate, object}] in SPARQL-JSON term form;
   draw(container, triples, compact) lays the resource nodes out with a short force simulation
   that runs a fixed number of steps (it settles, then stops) and draws an SVG. Literal values
   of name/label properties become node labels (the best connected first, and only where a
   label does not run into one already placed; every node keeps its name as a tooltip); other
   literals and rdf:type are left to the table. */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var MAX_NODES = 300;
  var LABELS = [
    "https://schema.org/name",
    "http://www.w3.org/2004/02/skos/core#prefLabel",
    "http://www.w3.org/2000/01/rdf-schema#label"
  ];
  var RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
  var TERM = '(<[^>]*>|_:[^\\s]+|"(?:[^"\\\\]|\\\\.)*"(?:@[A-Za-z0-9-]+|\\^\\^<[^>]*>)?)';
  var LINE = new RegExp("^" + TERM + "\\s+" + TERM + "\\s+" + TERM + "\\s*\\.\\s*$");

  function unescape(text) {
    return text.replace(/\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})|\\(.)/g, function (all, u4, u8, c) {
      if (u4 || u8) { return String.fromCodePoint(parseInt(u4 || u8, 16)); }
      return { t: "\t", n: "\n", r: "\r", b: "\b", f: "\f" }[c] || c;
    });
  }
  function term(token) {
    if (token.charAt(0) === "<") { return { type: "uri", value: unescape(token.slice(1, -1)) }; }
    if (token.slice(0, 2) === "_:") { return { type: "bnode", value: token.slice(2) }; }
    var end = token.lastIndexOf('"');
    var result = { type: "literal", value: unescape(token.slice(1, end)) };
    var rest = token.slice(end + 1);
    if (rest.charAt(0) === "@") { result["xml:lang"] = rest.slice(1); }
    if (rest.slice(0, 2) === "^^") { result.datatype = rest.slice(3, -1); }
    return result;
  }
  function parseNTriples(text) {
    var triples = [];
    text.split(/\r?\n/).forEach(function (line) {
      var match = LINE.exec(line.trim());
      if (match) { triples.push({ subject: term(match[1]), predicate: term(match[2]), object: term(match[3]) }); }
    });
    return triples;
  }

  function key(node) { return node.type + " " + node.value; }

  function buildGraph(triples, compact) {
    var nodes = {}, edges = [], labels = {};
    function add(t) {
      var k = key(t);
      if (!nodes[k]) { nodes[k] = { id: k, term: t, x: 0, y: 0, vx: 0, vy: 0, degree: 0 }; }
      return nodes[k];
    }
    triples.forEach(function (t) {
      // Class membership would tie every node to a few class hubs: it stays in the table.
      if (t.predicate.value === RDF_TYPE) { return; }
      var source = add(t.subject);
      if (t.object.type === "literal") {
        if (LABELS.indexOf(t.predicate.value) >= 0 && (!labels[source.id] || t.object["xml:lang"] === document.documentElement.lang)) {
          labels[source.id] = t.object.value;
        }
        return;
      }
      var target = add(t.object);
      source.degree += 1;
      target.degree += 1;
      edges.push({ source: source, target: target, label: compact(t.predicate.value) });
    });
    var list = Object.keys(nodes).map(function (k) { return nodes[k]; });
    list.forEach(function (node) {
      node.label = labels[node.id] || (node.term.type === "uri" ? compact(node.term.value) : "_:" + node.term.value);
    });
    return { nodes: list, edges: edges };
  }

  // Fruchterman-Reingold with a cooling temperature and a pull to the centre (which keeps
  // separate components on screen); a fixed number of steps, so it always stops.
  function layout(graph, width, height) {
    var nodes = graph.nodes, edges = graph.edges, n = nodes.length, steps = 300;
    var k = 0.45 * Math.sqrt((width * height) / Math.max(n, 1));
    nodes.forEach(function (node, i) {
      var angle = 2.4 * i, radius = Math.sqrt(i / Math.max(n, 1)) * Math.min(width, height) / 2;
      node.x = width / 2 + radius * Math.cos(angle);
      node.y = height / 2 + radius * Math.sin(angle);
    });
    for (var step = 0; step < steps; step++) {
      var temperature = (Math.min(width, height) / 8) * (1 - step / steps) + 0.5;
      nodes.forEach(function (node) { node.vx = 0; node.vy = 0; });
      for (var a = 0; a < n; a++) {
        for (var b = a + 1; b < n; b++) {
          var dx = nodes[a].x - nodes[b].x, dy = nodes[a].y - nodes[b].y;
          var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
          var push = (k * k) / d / d;
          nodes[a].vx += dx * push; nodes[a].vy += dy * push;
          nodes[b].vx -= dx * push; nodes[b].vy -= dy * push;
        }
      }
      edges.forEach(function (edge) {
        var dx = edge.target.x - edge.source.x, dy = edge.target.y - edge.source.y;
        var d = Math.max(Math.sqrt(dx * dx + dy * dy), 0.01);
        var pull = d / k;
        edge.source.vx += dx * pull; edge.source.vy += dy * pull;
        edge.target.vx -= dx * pull; edge.target.vy -= dy * pull;
      });
      nodes.forEach(function (node) {
        node.vx += (width / 2 - node.x) * 1.5 * (height / width);
        node.vy += (height / 2 - node.y) * 1.5;
        var length = Math.max(Math.sqrt(node.vx * node.vx + node.vy * node.vy), 0.01);
        var move = Math.min(length, temperature);
        node.x = Math.min(width - 15, Math.max(15, node.x + (node.vx / length) * move));
        node.y = Math.min(height - 15, Math.max(15, node.y + (node.vy / length) * move));
      });
    }
  }

  // Which nodes get a visible label: by degree, each label box (about 6.5 px a character)
  // kept only when it overlaps no box placed before.
  function labelled(nodes) {
    var placed = [], shown = {};
    nodes.slice().sort(function (a, b) { return b.degree - a.degree; }).forEach(function (node) {
      var text = node.label.length > 40 ? node.label.slice(0, 39) + "…" : node.label;
      var box = { left: node.x + 8, right: node.x + 12 + text.length * 6.5, top: node.y - 9, bottom: node.y + 7 };
      var free = placed.every(function (other) {
        return box.right < other.left || other.right < box.left || box.bottom < other.top || other.bottom < box.top;
      });
      if (free) {
        placed.push(box);
        shown[node.id] = text;
      }
    });
    return shown;
  }

  function element(name, attributes) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attributes).forEach(function (k) { node.setAttribute(k, attributes[k]); });
    return node;
  }

  function draw(container, triples, compact) {
    container.textContent = "";
    var graph = buildGraph(triples, compact);
    if (graph.nodes.length > MAX_NODES) {
      var note = document.createElement("p");
      note.className = "notice";
      note.textContent = graph.nodes.length + " > " + MAX_NODES + " (Netzwerk zu groß / network too large)";
      container.appendChild(note);
      return;
    }
    var width = Math.max(container.clientWidth || 0, 320), height = Math.min(Math.max(320, width * 0.6), 640);
    layout(graph, width, height);
    var svg = element("svg", { viewBox: "0 0 " + width + " " + height, width: "100%", role: "img",
      "aria-label": graph.nodes.length + " nodes, " + graph.edges.length + " edges", "class": "network__svg" });
    var edgeLayer = element("g", { "class": "network__edges" });
    graph.edges.forEach(function (edge) {
      var line = element("line", { x1: edge.source.x, y1: edge.source.y, x2: edge.target.x, y2: edge.target.y });
      var title = element("title", {});
      title.textContent = edge.label;
      line.appendChild(title);
      edgeLayer.appendChild(line);
    });
    svg.appendChild(edgeLayer);
    var nodeLayer = element("g", { "class": "network__nodes" });
    var shown = labelled(graph.nodes);
    graph.nodes.forEach(function (node) {
      var group = element("g", { "class": "network__node", transform: "translate(" + node.x + "," + node.y + ")" });
      var circle = element("circle", { r: 5 + Math.min(10, Math.sqrt(node.degree) * 2) });
      var title = element("title", {});
      title.textContent = node.term.value;
      circle.appendChild(title);
      group.appendChild(circle);
      if (shown[node.id]) {
        var label = element("text", { x: 10, y: 4 });
        label.textContent = shown[node.id];
        group.appendChild(label);
      }
      nodeLayer.appendChild(group);
    });
    svg.appendChild(nodeLayer);
    container.appendChild(svg);
  }

  window.BGGraphView = { parseNTriples: parseNTriples, draw: draw, buildGraph: buildGraph, layout: layout,
                         labelled: labelled };
}());
