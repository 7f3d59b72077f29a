/* bildungsgraph: draws the network views of templates/views/_network.html with vis-network.

   Each .network-view holds its data in <script type="application/json"> (nodes, edges and the
   vis-network options built on the server with pyvis). Titles are plain text and become DOM
   elements filled through textContent, so markup in a name shows as text. Physics settles for
   a bounded number of iterations (or not at all when the server sent positions) and is then
   switched off; the container then gets data-state="settled" and the drawn node and edge
   counts.

   Labels: only as many as fit without running into each other are shown, the most important
   (largest) nodes first; labels keep their size on screen, so zooming in makes room for more.
   Click-to-focus: a first click on an actor fades everything but the actor and its partners
   (data-focus holds its id), a second click on it opens /actors/{kennung} (keeping ?lang=); a
   click on the background or Escape ends the focus. A click on a group opens the same page
   with the group's expand parameter. The search form focuses a node by name; the export
   button saves a PNG of the drawing with title, legend, source and date. The vis Network is
   container.visNetwork; container.labelBoxes() lists the shown labels' boxes (screen pixels). */
(function () {
  "use strict";

  var LABEL_PX = 13; // label font size on screen, whatever the zoom
  var LABEL_CHARS = 32; // longer names are shortened (the tooltip has the full name)
  var LABEL_GAP = 3; // screen pixels between two labels
  var FADED = 0.12;
  var EDGE_COLOUR = "#9aa4ae";
  var labelFont = "px system-ui, -apple-system, 'Segoe UI', Roboto, sans-serif";

  function plainText(text) {
    var element = document.createElement("div");
    element.className = "network-tooltip";
    element.textContent = text;
    return element;
  }

  function withLanguage(path) {
    var lang = new URLSearchParams(window.location.search).get("lang");
    return lang ? path + "?lang=" + encodeURIComponent(lang) : path;
  }

  function expandUrl(param, value) {
    var url = new URL(window.location.href);
    if (param !== "community") {
      url.searchParams.delete("community"); // community numbers belong to the old selection
    }
    url.searchParams.set(param, value);
    url.hash = "";
    return url.toString();
  }

  function openUrl(url, target) {
    if (!target || target === "_self") {
      window.location.assign(url);
    } else {
      window.open(url, target, target === "_blank" ? "noopener" : "");
    }
  }

  function announce(container, text) {
    var status = document.getElementById(container.dataset.status);
    if (status) {
      status.textContent = text;
    }
  }

  function shortName(name) {
    return name.length > LABEL_CHARS ? name.slice(0, LABEL_CHARS - 1) + "…" : name;
  }

  /* ---- labels thinned by importance and zoom ---- */

  function overlaps(a, b) {
    return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
  }

  function thinLabels(view) {
    var network = view.network, scale = network.getScale();
    var positions = network.getPositions();
    var measure = view.measure;
    var focus = view.focus ? view.focusSet : null;
    var order = view.items.slice().sort(function (a, b) {
      var fa = focus && focus[a.id] ? 1 : 0, fb = focus && focus[b.id] ? 1 : 0;
      return fb - fa || b.rank - a.rank || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    var discs = view.items.map(function (item) {
      var centre = network.canvasToDOM(positions[item.id]);
      var r = item.size * scale;
      return { id: item.id, rank: item.rank, left: centre.x - r, right: centre.x + r, top: centre.y - r, bottom: centre.y + r };
    });
    var placed = [], boxes = [], updates = [];
    order.forEach(function (item) {
      var centre = network.canvasToDOM(positions[item.id]);
      var width = measure(item.text), height = LABEL_PX * 1.25;
      var top = centre.y + item.size * scale + 2;
      var box = { id: item.id, left: centre.x - width / 2 - LABEL_GAP, right: centre.x + width / 2 + LABEL_GAP,
                  top: top, bottom: top + height + LABEL_GAP };
      var free = !(focus && !focus[item.id]) && placed.every(function (other) { return !overlaps(box, other); }) &&
        // a label may cover smaller nodes (it has a white outline), not larger ones
        discs.every(function (disc) { return disc.id === item.id || disc.rank < item.rank || !overlaps(box, disc); });
      if (free) {
        placed.push(box);
        boxes.push({ id: item.id, left: box.left + LABEL_GAP, right: box.right - LABEL_GAP,
                     top: box.top, bottom: box.bottom - LABEL_GAP });
      }
      var label = free ? item.text : "";
      var size = LABEL_PX * (item.bold ? 1.2 : 1) / scale;
      if (label !== item.shown || (free && Math.abs(size - item.fontSize) > 1e-6)) {
        item.shown = label;
        item.fontSize = size;
        updates.push({ id: item.id, label: label, font: { size: size } });
      }
    });
    view.boxes = boxes;
    view.scale = scale;
    if (updates.length) {
      view.nodes.update(updates);
    }
  }

  function labelMeasure() {
    var context = document.createElement("canvas").getContext("2d");
    var cache = {};
    context.font = LABEL_PX + labelFont;
    return function (text) {
      if (!(text in cache)) {
        cache[text] = context.measureText(text).width;
      }
      return cache[text];
    };
  }

  /* ---- click-to-focus ---- */

  function setFocus(view, id) {
    var network = view.network;
    view.focus = id;
    view.focusSet = {};
    if (id !== null) {
      view.focusSet[id] = true;
      network.getConnectedNodes(id).forEach(function (other) { view.focusSet[other] = true; });
    }
    var kept = {};
    if (id !== null) {
      network.getConnectedEdges(id).forEach(function (edge) { kept[edge] = true; });
    }
    view.nodes.update(view.items.map(function (item) {
      return { id: item.id, opacity: id === null || view.focusSet[item.id] ? item.opacity : FADED };
    }));
    view.edges.update(view.edges.get().map(function (edge) {
      // a disputed tie keeps its warning colour (baseColour) while it is faded
      return { id: edge.id, color: { color: edge.baseColour || EDGE_COLOUR,
                                     opacity: id === null || kept[edge.id] ? 1 : FADED } };
    }));
    if (id === null) {
      delete view.container.dataset.focus;
      network.unselectAll();
    } else {
      view.container.dataset.focus = id;
      network.selectNodes([id]);
    }
    thinLabels(view);
  }

  function onClick(view, params) {
    var container = view.container;
    if (!params.nodes.length) {
      if (view.focus !== null) {
        setFocus(view, null);
        announce(container, container.dataset.unfocused);
      }
      return;
    }
    var node = view.nodes.get(params.nodes[0]);
    if (node.actor && view.focus === node.id) {
      openUrl(withLanguage("/actors/" + encodeURIComponent(node.actor)), container.dataset.linkTarget);
    } else if (node.expand && !node.actor) {
      openUrl(expandUrl(node.expand[0], node.expand[1]), "_self");
    } else {
      setFocus(view, node.id);
      announce(container, container.dataset.focused.replace("{name}", node.name));
    }
  }

  /* ---- drawing ---- */

  // Physics (avoidOverlap) keeps nodes mostly apart; this pass (as the server's layout.py)
  // pushes apart any two nodes whose bounding squares are closer than DISC_GAP, along the
  // axis where they overlap least.
  var DISC_GAP = 8;
  function separate(view) {
    var network = view.network, positions = network.getPositions(), items = view.items;
    for (var round = 0; round < 300; round++) {
      var moved = false;
      for (var i = 0; i < items.length; i++) {
        for (var j = i + 1; j < items.length; j++) {
          var a = positions[items[i].id], b = positions[items[j].id];
          var need = items[i].radius + items[j].radius + DISC_GAP;
          var dx = b.x - a.x, dy = b.y - a.y;
          var shortX = need - Math.abs(dx), shortY = need - Math.abs(dy);
          if (shortX <= 0 || shortY <= 0) {
            continue;
          }
          if (Math.abs(dx) < 1e-6 && Math.abs(dy) < 1e-6) {
            dx = Math.cos(2.4 * (i + 1)); dy = Math.sin(2.4 * (i + 1));
          }
          if (shortX <= shortY) {
            var pushX = (shortX / 2 + 0.1) * (dx < 0 ? -1 : 1);
            a.x -= pushX; b.x += pushX;
          } else {
            var pushY = (shortY / 2 + 0.1) * (dy < 0 ? -1 : 1);
            a.y -= pushY; b.y += pushY;
          }
          moved = true;
        }
      }
      if (!moved) {
        break;
      }
    }
    items.forEach(function (item) { network.moveNode(item.id, positions[item.id].x, positions[item.id].y); });
  }

  function settle(view) {
    var container = view.container;
    if (container.dataset.state === "settled") {
      return;
    }
    view.network.setOptions({ physics: false });
    if (view.physics) {
      separate(view);
    }
    thinLabels(view);
    container.dataset.nodeCount = String(view.nodes.length);
    container.dataset.edgeCount = String(view.edges.length);
    container.dataset.state = "settled";
    container.dispatchEvent(new CustomEvent("network-settled", { bubbles: true }));
  }

  function draw(container) {
    var canvas = container.querySelector(".network-view__canvas");
    var data = JSON.parse(container.querySelector("script.network-view__data").textContent);
    var items = data.nodes.map(function (node) {
      var name = node.label;
      node.name = name;
      node.label = ""; // labels appear once thinLabels knows where they fit
      node.title = plainText(node.title);
      return {
        id: node.id, name: name, text: shortName(name), size: node.size,
        rank: (node.borderWidth ? 1e6 : 0) + node.size, bold: !!(node.font && node.font.bold),
        radius: node.size + (node.borderWidth ? node.borderWidth / 2 : 0),
        opacity: node.opacity === undefined ? 1 : node.opacity, shown: "", fontSize: 0
      };
    });
    data.edges.forEach(function (edge, index) {
      edge.id = "e" + index;
      edge.baseColour = edge.color && edge.color.color;
      edge.title = plainText(edge.title);
    });
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    canvas.textContent = "";
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, data.options);
    var view = { container: container, network: network, nodes: nodes, edges: edges, items: items,
                 measure: labelMeasure(), focus: null, focusSet: {}, boxes: [],
                 physics: !!(data.options.physics && data.options.physics.enabled) };
    container.visNetwork = network;
    container.networkView = view;
    container.labelBoxes = function () { return view.boxes; };
    container.clearFocus = function () { setFocus(view, null); };
    var done = function () { settle(view); };
    if (!data.nodes.length) {
      done();
    } else if (data.options.physics && data.options.physics.enabled) {
      network.once("stabilizationIterationsDone", done);
    } else {
      network.once("afterDrawing", done);
    }
    var pending = false;
    var later = function () {
      if (pending || container.dataset.state !== "settled") {
        return;
      }
      pending = true;
      window.requestAnimationFrame(function () { pending = false; thinLabels(view); });
    };
    network.on("zoom", later);
    network.on("dragEnd", later);
    network.on("resize", later);
    network.on("afterDrawing", function () {
      if (view.scale !== undefined && network.getScale() !== view.scale) {
        later(); // a zoom by code (fit, focus, moveTo) sends no "zoom" event
      }
    });
    network.on("click", function (params) { onClick(view, params); });
    network.on("hoverNode", function () { canvas.classList.add("is-pointing"); });
    network.on("blurNode", function () { canvas.classList.remove("is-pointing"); });
  }

  function find(container, query) {
    var view = container.networkView;
    var wanted = query.trim().toLocaleLowerCase();
    if (!view || !wanted) {
      return;
    }
    var items = view.items;
    var hit = items.filter(function (n) { return n.name.toLocaleLowerCase() === wanted; })[0] ||
      items.filter(function (n) { return n.name.toLocaleLowerCase().indexOf(wanted) >= 0; })[0];
    if (!hit) {
      announce(container, container.dataset.notFound + " " + query);
      return;
    }
    view.network.selectNodes([hit.id]);
    view.network.focus(hit.id, { scale: 1.4, animation: false });
    thinLabels(view);
    announce(container, container.dataset.found + " " + hit.name);
  }

  /* ---- PNG export: the drawing with title, legend, source and date ---- */

  function legendItems(block) {
    var marks = ".network-legend li, .network-legend__note, .network-legend__sizes";
    return Array.prototype.map.call(block.querySelectorAll(marks), function (li) {
      var mark = li.querySelector("[data-swatch]");
      return {
        colour: mark ? mark.getAttribute("data-swatch") : "",
        shape: mark ? mark.getAttribute("data-shape") || "dot" : "",
        text: li.textContent.replace(/\s+/g, " ").trim()
      };
    });
  }

  function wrap(context, text, width) {
    var lines = [], line = "";
    text.split(" ").forEach(function (word) {
      var next = line ? line + " " + word : word;
      if (line && context.measureText(next).width > width) {
        lines.push(line);
        line = word;
      } else {
        line = next;
      }
    });
    if (line) {
      lines.push(line);
    }
    return lines;
  }

  function swatch(context, item, x, y) {
    context.fillStyle = item.colour;
    context.strokeStyle = "#555";
    context.beginPath();
    if (item.shape === "diamond") {
      context.moveTo(x + 7, y); context.lineTo(x + 14, y + 7); context.lineTo(x + 7, y + 14); context.lineTo(x, y + 7);
      context.closePath();
    } else if (item.shape === "dashed" || item.shape === "line") {
      context.setLineDash(item.shape === "dashed" ? [5, 3] : []);
      context.lineWidth = 2;
      context.moveTo(x, y + 7); context.lineTo(x + 18, y + 7);
      context.stroke();
      context.setLineDash([]);
      context.lineWidth = 1;
      return;
    } else {
      context.arc(x + 7, y + 7, 6, 0, 2 * Math.PI);
    }
    context.fill();
    context.stroke();
  }

  function composeExport(container) {
    var source = container.querySelector("canvas");
    var block = container.closest(".network") || document;
    var ratio = source.width / Math.max(source.clientWidth || source.width, 1);
    var width = Math.max(source.width, Math.round(800 * ratio));
    var pad = Math.round(16 * ratio), font = function (px, bold) {
      return (bold ? "bold " : "") + Math.round(px * ratio) + labelFont;
    };
    var heading = document.querySelector("h1");
    var title = container.dataset.exportTitle || (heading ? heading.textContent.trim() : document.title);
    var notes = Array.prototype.map.call(block.querySelectorAll("[data-export-line]"), function (element) {
      return element.textContent.replace(/\s+/g, " ").trim();
    }).filter(Boolean);
    var today = new Date();
    var stamp = today.toLocaleDateString(document.documentElement.lang || "de",
      { year: "numeric", month: "2-digit", day: "2-digit" });
    var sourceLine = (container.dataset.sourceText || "Quelle: bildungsgraph, Datenstand {date}")
      .replace("{date}", container.dataset.asOf || stamp);
    var items = legendItems(block);
    var measureContext = document.createElement("canvas").getContext("2d");
    measureContext.font = font(20, true);
    var titleLines = wrap(measureContext, title, width - 2 * pad);
    measureContext.font = font(13);
    var noteLines = [];
    notes.forEach(function (note) { noteLines = noteLines.concat(wrap(measureContext, note, width - 2 * pad)); });
    var legendRows = [], row = [], rowWidth = 0;
    items.forEach(function (item) {
      var itemWidth = measureContext.measureText(item.text).width + 32 * ratio;
      if (row.length && rowWidth + itemWidth > width - 2 * pad) {
        legendRows.push(row);
        row = [];
        rowWidth = 0;
      }
      row.push(item);
      rowWidth += itemWidth;
    });
    if (row.length) {
      legendRows.push(row);
    }
    var line = Math.round(20 * ratio);
    var top = pad + titleLines.length * Math.round(26 * ratio) + noteLines.length * line + pad / 2;
    var bottom = pad + legendRows.length * line + line * 2.5 + pad;
    var copy = document.createElement("canvas");
    copy.width = width;
    copy.height = Math.round(top + source.height + bottom);
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff"; // the network canvas is transparent
    context.fillRect(0, 0, copy.width, copy.height);
    context.fillStyle = "#1a1a1a";
    context.textBaseline = "top";
    var y = pad;
    context.font = font(20, true);
    titleLines.forEach(function (text) { context.fillText(text, pad, y); y += Math.round(26 * ratio); });
    context.font = font(13);
    context.fillStyle = "#444";
    noteLines.forEach(function (text) { context.fillText(text, pad, y); y += line; });
    context.drawImage(source, Math.round((width - source.width) / 2), top);
    context.strokeStyle = "#d0d5da";
    context.strokeRect(0.5, top + 0.5, width - 1, source.height - 1);
    y = top + source.height + pad;
    legendRows.forEach(function (items) {
      var x = pad;
      items.forEach(function (item) {
        if (item.colour || item.shape) {
          context.save();
          context.scale(ratio, ratio);
          swatch(context, item, x / ratio, (y + 2) / ratio);
          context.restore();
        }
        context.fillStyle = "#1a1a1a";
        context.font = font(13);
        context.fillText(item.text, x + 22 * ratio, y + 2);
        x += context.measureText(item.text).width + 32 * ratio;
      });
      y += line;
    });
    context.fillStyle = "#555";
    context.font = font(12);
    context.fillText(sourceLine, pad, y + line / 2);
    var address = window.location.href, room = width - 2 * pad;
    if (context.measureText(address).width > room) {
      while (address.length > 20 && context.measureText(address + "…").width > room) {
        address = address.slice(0, -8);
      }
      address += "…";
    }
    context.fillText(address, pad, y + line * 1.5);
    return copy;
  }

  // The whole network goes into the image: fit it, draw, compose, then restore the user's view.
  function exportPng(container, filename) {
    var view = container.networkView;
    if (!view || !container.querySelector("canvas")) {
      return;
    }
    var network = view.network;
    var position = network.getViewPosition(), scale = network.getScale();
    network.fit({ animation: false });
    thinLabels(view);
    network.redraw();
    var image = composeExport(container);
    network.moveTo({ position: position, scale: scale, animation: false });
    thinLabels(view);
    var link = document.createElement("a");
    link.href = image.toDataURL("image/png");
    link.download = filename;
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function start() {
    document.querySelectorAll(".network-view").forEach(function (container) {
      if (container.visNetwork || container.dataset.started) {
        return; // the partial may be included (and this script loaded) more than once
      }
      container.dataset.started = "true";
      if (typeof vis === "undefined") {
        container.dataset.state = "failed";
        return;
      }
      draw(container);
    });
    document.querySelectorAll(".network-search").forEach(function (form) {
      if (form.dataset.started) {
        return;
      }
      form.dataset.started = "true";
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var container = document.getElementById(form.dataset.for);
        find(container, form.querySelector("input").value);
      });
    });
    document.querySelectorAll(".network-export").forEach(function (button) {
      if (button.dataset.started) {
        return;
      }
      button.dataset.started = "true";
      button.addEventListener("click", function () {
        exportPng(document.getElementById(button.dataset.for), button.dataset.filename);
      });
    });
    if (!document.documentElement.dataset.networkKeys) {
      document.documentElement.dataset.networkKeys = "true";
      document.addEventListener("keydown", function (event) {
        if (event.key !== "Escape") {
          return;
        }
        document.querySelectorAll(".network-view[data-focus]").forEach(function (container) {
          container.clearFocus();
          announce(container, container.dataset.unfocused);
        });
      });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
