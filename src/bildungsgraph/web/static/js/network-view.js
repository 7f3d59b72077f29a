/* bildungsgraph: draws the network views of templates/views/_network.html with vis-network.

   Each .network-view holds its data in <script type="application/json"> (nodes, edges and the
   vis-network options built on the server with pyvis). Titles are plain text and become DOM
   elements filled through textContent, so markup in a name shows as text. Physics settles for
   a bounded number of iterations (or not at all when the server sent positions) and is then
   switched off; the container then gets data-state="settled" and the drawn node and edge
   counts. A click on an actor opens /actors/{kennung} (keeping ?lang=), a click on a group
   opens the same page with the group's expand parameter. The search form focuses a node by
   name, the export button saves the canvas as PNG. The vis Network is container.visNetwork. */
(function () {
  "use strict";

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

  function settle(container, network, nodes, edges) {
    if (container.dataset.state === "settled") {
      return;
    }
    network.setOptions({ physics: false });
    container.dataset.nodeCount = String(nodes.length);
    container.dataset.edgeCount = String(edges.length);
    container.dataset.state = "settled";
    container.dispatchEvent(new CustomEvent("network-settled", { bubbles: true }));
  }

  function draw(container) {
    var canvas = container.querySelector(".network-view__canvas");
    var data = JSON.parse(container.querySelector("script.network-view__data").textContent);
    data.nodes.forEach(function (node) { node.title = plainText(node.title); });
    data.edges.forEach(function (edge) { edge.title = plainText(edge.title); });
    var nodes = new vis.DataSet(data.nodes);
    var edges = new vis.DataSet(data.edges);
    canvas.textContent = "";
    var network = new vis.Network(canvas, { nodes: nodes, edges: edges }, data.options);
    container.visNetwork = network;
    var done = function () { settle(container, network, nodes, edges); };
    if (!data.nodes.length) {
      done();
    } else if (data.options.physics && data.options.physics.enabled) {
      network.once("stabilizationIterationsDone", done);
    } else {
      network.once("afterDrawing", done);
    }
    network.on("click", function (params) {
      if (!params.nodes.length) {
        return;
      }
      var node = nodes.get(params.nodes[0]);
      if (node.actor) {
        openUrl(withLanguage("/actors/" + encodeURIComponent(node.actor)),
                container.dataset.linkTarget);
      } else if (node.expand) {
        openUrl(expandUrl(node.expand[0], node.expand[1]), "_self");
      }
    });
    network.on("hoverNode", function () { canvas.classList.add("is-pointing"); });
    network.on("blurNode", function () { canvas.classList.remove("is-pointing"); });
  }

  function announce(container, text) {
    var status = document.getElementById(container.dataset.status);
    if (status) {
      status.textContent = text;
    }
  }

  function find(container, query) {
    var network = container.visNetwork;
    var wanted = query.trim().toLocaleLowerCase();
    if (!network || !wanted) {
      return;
    }
    var items = network.body.data.nodes.get();
    var hit = items.filter(function (n) { return n.label.toLocaleLowerCase() === wanted; })[0] ||
      items.filter(function (n) { return n.label.toLocaleLowerCase().indexOf(wanted) >= 0; })[0];
    if (!hit) {
      announce(container, container.dataset.notFound + " " + query);
      return;
    }
    network.selectNodes([hit.id]);
    network.focus(hit.id, { scale: 1.4, animation: false });
    announce(container, container.dataset.found + " " + hit.label);
  }

  function exportPng(container, filename) {
    var source = container.querySelector("canvas");
    if (!source) {
      return;
    }
    var copy = document.createElement("canvas");
    copy.width = source.width;
    copy.height = source.height;
    var context = copy.getContext("2d");
    context.fillStyle = "#ffffff"; // the network canvas is transparent
    context.fillRect(0, 0, copy.width, copy.height);
    context.drawImage(source, 0, 0);
    var link = document.createElement("a");
    link.href = copy.toDataURL("image/png");
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
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
}());
