/* bildungsgraph SPARQL editor: runs queries against /sparql (SPARQL 1.1 Protocol, POST),
   shows SELECT/ASK results as a paged table and CONSTRUCT/DESCRIBE results as a table of
   triples plus a small network. Every value reaches the page through textContent (never
   innerHTML), and every request goes to this application only. */
(function () {
  "use strict";

  var form = document.getElementById("sparql-form");
  if (!form) { return; }
  var endpoint = form.getAttribute("data-endpoint");
  var editorPath = form.getAttribute("data-editor-path");
  var lang = form.getAttribute("data-lang");
  var examples = readJson("bg-examples");
  var prefixes = readJson("bg-prefixes");
  var strings = readJson("bg-strings");
  var textarea = document.getElementById("query-text");
  var select = document.getElementById("example-select");
  var description = document.getElementById("example-description");
  var shareInput = document.getElementById("share-link");
  var results = document.getElementById("results");
  var statusLine = document.getElementById("results-status");
  var errorBox = document.getElementById("results-error");
  var tableBox = document.getElementById("results-table");
  var networkBox = document.getElementById("results-network");
  var pager = document.getElementById("results-pager");
  var pageInfo = document.getElementById("page-info");
  var pageSize = document.getElementById("page-size");
  var viewTable = document.getElementById("view-table");
  var viewNetwork = document.getElementById("view-network");
  var state = { columns: [], rows: [], page: 0, kind: "select", triples: [], query: "" };
  var editor = null;

  function readJson(id) {
    var node = document.getElementById(id);
    return node ? JSON.parse(node.textContent) : null;
  }

  // ---- the editor (CodeMirror when its bundle loaded, the plain textarea otherwise) ----
  function getQuery() { return editor ? editor.state.doc.toString() : textarea.value; }
  function setQuery(text) {
    if (editor) {
      editor.dispatch({ changes: { from: 0, to: editor.state.doc.length, insert: text } });
    }
    textarea.value = text;
    updateShareLink();
  }
  if (window.BGCodeMirror) {
    var holder = document.getElementById("query-editor");
    editor = window.BGCodeMirror.createEditor(holder, textarea.value, run);
    textarea.hidden = true;
    textarea.setAttribute("aria-hidden", "true");
    holder.querySelector(".cm-content").setAttribute("aria-labelledby", "query-label");
    document.querySelector("label[for='query-text']").id = "query-label";
    holder.addEventListener("keyup", updateShareLink);
    holder.addEventListener("focusout", updateShareLink);
  } else {
    textarea.addEventListener("input", updateShareLink);
    textarea.addEventListener("keydown", function (event) {
      if ((event.ctrlKey || event.metaKey) && event.key === "Enter") { event.preventDefault(); run(); }
    });
  }

  // ---- example menu ----
  function findExample(name) {
    for (var i = 0; i < examples.length; i++) { if (examples[i].name === name) { return examples[i]; } }
    return null;
  }
  function showDescription(example) {
    description.textContent = "";
    if (!example) { return; }
    description.textContent = example.description;
    var names = Object.keys(example.params);
    if (names.length) {
      var note = document.createElement("span");
      note.className = "editor__params";
      note.textContent = " " + strings.params + ": " + names.map(function (name) {
        return "?" + name + " (" + example.params[name] + ")";
      }).join(", ");
      description.appendChild(note);
    }
  }
  select.addEventListener("change", function () {
    var example = findExample(select.value);
    showDescription(example);
    if (example) { setQuery(example.text); }
  });
  showDescription(findExample(select.value));

  // ---- shareable link ----
  function shareUrl() {
    var params = new URLSearchParams();
    params.set("query", getQuery());
    params.set("run", "1");
    if (new URLSearchParams(window.location.search).get("lang")) { params.set("lang", lang); }
    return window.location.origin + editorPath + "?" + params.toString();
  }
  function updateShareLink() { shareInput.value = shareUrl(); }
  document.getElementById("share-button").addEventListener("click", function () {
    updateShareLink();
    shareInput.select();
    var done = function () { statusLine.textContent = strings.copied; results.hidden = false; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(shareInput.value).then(done, function () {});
    }
  });
  updateShareLink();

  // ---- running a query ----
  function queryForm(query) {
    var stripped = query.replace(/#[^\n]*/g, " ")
      .replace(/^\s*((PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s+<[^>]*>)\s*)*/i, "");
    var match = /^\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b/i.exec(stripped);
    return match ? match[1].toUpperCase() : "SELECT";
  }
  function acceptFor(form) {
    return (form === "CONSTRUCT" || form === "DESCRIBE")
      ? "application/n-triples" : "application/sparql-results+json";
  }
  function post(query, accept) {
    return fetch(endpoint, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept": accept },
      body: new URLSearchParams({ query: query }).toString(),
      credentials: "same-origin"
    });
  }
  function problemText(response) {
    return response.text().then(function (body) {
      try {
        var problem = JSON.parse(body);
        return (problem.title ? problem.title + ": " : "") + (problem.detail || body);
      } catch (ignored) {
        return response.status + " " + response.statusText + (body ? "\n" + body : "");
      }
    });
  }

  function run() {
    var query = getQuery();
    var form = queryForm(query);
    var started = performance.now();
    results.hidden = false;
    errorBox.hidden = true;
    statusLine.textContent = strings.running;
    tableBox.textContent = "";
    pager.hidden = true;
    updateShareLink();
    window.history.replaceState(null, "", shareUrl().slice(window.location.origin.length));
    post(query, acceptFor(form)).then(function (response) {
      if (!response.ok) { return problemText(response).then(function (text) { throw new Error(text); }); }
      var type = (response.headers.get("Content-Type") || "").split(";")[0].trim();
      return (type === "application/sparql-results+json" ? response.json() : response.text())
        .then(function (body) { show(type, body, query, performance.now() - started); });
    }).catch(function (error) {
      statusLine.textContent = strings.error;
      errorBox.textContent = error.message;
      errorBox.hidden = false;
    });
  }
  form.addEventListener("submit", function (event) { event.preventDefault(); run(); });

  function show(type, body, query, millis) {
    var time = " · " + strings.time + ": " + Math.round(millis) + " ms";
    state.query = query;
    state.page = 0;
    if (type === "application/sparql-results+json" && typeof body.boolean === "boolean") {
      state.kind = "ask";
      state.columns = ["boolean"];
      state.rows = [{ "boolean": { type: "literal", value: body.boolean ? strings["true"] : strings["false"] } }];
      statusLine.textContent = (body.boolean ? strings["true"] : strings["false"]) + time;
    } else if (type === "application/sparql-results+json") {
      state.kind = "select";
      state.columns = body.head.vars || [];
      state.rows = body.results.bindings || [];
      statusLine.textContent = state.rows.length + " " + strings.rows + time;
    } else {
      state.kind = "graph";
      state.triples = window.BGGraphView.parseNTriples(body);
      state.columns = ["subject", "predicate", "object"];
      state.rows = state.triples;
      statusLine.textContent = state.rows.length + " " + strings.triples + time;
    }
    viewNetwork.hidden = state.kind !== "graph";
    document.getElementById("download-csv").textContent = state.kind === "graph" ? "N-Triples" : "CSV";
    document.getElementById("download-json").textContent = state.kind === "graph" ? "JSON-LD" : "JSON";
    showView(state.kind === "graph" && state.rows.length > 0 ? "network" : "table");
  }

  // ---- table with paging ----
  function compact(iri) {
    var best = null;
    Object.keys(prefixes).forEach(function (name) {
      var ns = prefixes[name];
      if (iri.indexOf(ns) === 0 && (!best || ns.length > prefixes[best].length)) { best = name; }
    });
    var local = best ? iri.slice(prefixes[best].length) : null;
    return best && /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/.test(local) ? best + ":" + local : "<" + iri + ">";
  }
  // The project's own IRIs are served here too (Linked Data), so link to this installation
  // rather than to the public w3id redirect, which may point elsewhere or be unreachable.
  var OWN_BASE = "https://w3id.org/bildungsgraph/";
  function localPath(iri) {
    return iri.indexOf(OWN_BASE) === 0 ? "/" + iri.slice(OWN_BASE.length) : iri;
  }
  // Only this site's paths and http(s) or mailto IRIs become links; any other IRI
  // (javascript:, data: ...) is shown as text. The same rule as the pages' safe_href filter.
  function safeHref(iri) {
    if (/[\u0000-\u0020\u007f]/.test(iri)) { return null; }
    var target = localPath(iri);
    var local = /^\/(?![\/\\])/.test(target);
    return local || /^https?:\/\/[^\/?#\\]+/i.test(target) || /^mailto:/i.test(target) ? target : null;
  }
  function cell(term) {
    var td = document.createElement("td");
    if (!term) { return td; }
    if (term.type === "uri") {
      var href = safeHref(term.value);
      var a = document.createElement(href ? "a" : "span");
      if (href) { a.href = href; }
      a.textContent = compact(term.value);
      a.title = term.value;
      td.appendChild(a);
    } else if (term.type === "bnode") {
      td.textContent = "_:" + term.value;
    } else {
      td.textContent = term.value;
      var datatype = term.datatype || "";
      if (/#(integer|decimal|double|float|long|int)$/.test(datatype)) { td.className = "num"; }
      if (term["xml:lang"]) { td.lang = term["xml:lang"]; }
    }
    return td;
  }
  function renderTable() {
    var size = parseInt(pageSize.value, 10);
    var pages = Math.max(1, Math.ceil(state.rows.length / size));
    state.page = Math.min(state.page, pages - 1);
    tableBox.textContent = "";
    if (!state.rows.length) {
      var empty = document.createElement("p");
      empty.className = "results__empty";
      empty.textContent = strings.empty;
      tableBox.appendChild(empty);
      pager.hidden = true;
      return;
    }
    var table = document.createElement("table");
    table.className = "data";
    var head = table.createTHead().insertRow();
    state.columns.forEach(function (name) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = state.kind === "select" ? "?" + name : name;
      head.appendChild(th);
    });
    var tbody = table.createTBody();
    state.rows.slice(state.page * size, (state.page + 1) * size).forEach(function (row) {
      var tr = tbody.insertRow();
      state.columns.forEach(function (name) { tr.appendChild(cell(row[name])); });
    });
    tableBox.appendChild(table);
    pager.hidden = pages < 2;
    pageInfo.textContent = strings.page + " " + (state.page + 1) + " / " + pages;
    document.getElementById("page-prev").disabled = state.page === 0;
    document.getElementById("page-next").disabled = state.page >= pages - 1;
  }
  document.getElementById("page-prev").addEventListener("click", function () { state.page -= 1; renderTable(); });
  document.getElementById("page-next").addEventListener("click", function () { state.page += 1; renderTable(); });
  pageSize.addEventListener("change", function () { state.page = 0; renderTable(); });

  function showView(which) {
    var network = which === "network";
    viewTable.setAttribute("aria-pressed", String(!network));
    viewNetwork.setAttribute("aria-pressed", String(network));
    networkBox.hidden = !network;
    tableBox.hidden = network;
    renderTable();
    pager.hidden = pager.hidden || network;
    if (network) { window.BGGraphView.draw(networkBox, state.triples, compact); }
  }
  viewTable.addEventListener("click", function () { showView("table"); });
  viewNetwork.addEventListener("click", function () { showView("network"); });

  // ---- downloads: the same query through the protocol in another format ----
  function download(kind) {
    var graph = state.kind === "graph";
    var accept = kind === "csv"
      ? (graph ? "application/n-triples" : "text/csv")
      : (graph ? "application/ld+json" : "application/sparql-results+json");
    var extension = kind === "csv" ? (graph ? "nt" : "csv") : (graph ? "jsonld" : "json");
    post(state.query || getQuery(), accept).then(function (response) {
      if (!response.ok) { return problemText(response).then(function (text) { throw new Error(text); }); }
      return response.blob();
    }).then(function (blob) {
      var link = document.createElement("a");
      link.href = URL.createObjectURL(blob);
      link.download = "bildungsgraph-ergebnis." + extension;
      document.body.appendChild(link);
      link.click();
      link.remove();
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 1000);
    }).catch(function (error) {
      errorBox.textContent = error.message;
      errorBox.hidden = false;
    });
  }
  document.getElementById("download-csv").addEventListener("click", function () { download("csv"); });
  document.getElementById("download-json").addEventListener("click", function () { download("json"); });

  if (form.getAttribute("data-autorun") === "true") { run(); }
}());
