"""Benchmark the network views in headless Chromium against plain pyvis, and page sizes.

    python bench/bench_network_view.py                      # generated landscape of 5 Kreise
    python bench/bench_network_view.py --kreise 05166,05114 --scale 0.5   # quicker

Generates a landscape (``bildungsgraph.generator``), loads it with the schema and the
reference data (``loading.import_rdf``), then measures:

1. the service: the read model's first view of the store (a full build), the first network
   view of that state (``readmodel.network.network_view``: the network data of the landscape
   from the view's records, then the drawing) and the same view again (kept by the view);
2. time to a settled view in headless Debian Chromium (/usr/bin/chromium) of ``/network`` for
   a Gemeinde network of about 150 nodes and for the whole generated landscape (about 2,000
   nodes, aggregated above ``network_view_max_nodes``), against a plain pyvis 0.3.2 export of
   the same graph with default settings (``Network().from_nx(graph)``, ``write_html``).
   pyvis's HTML loads vis-network, bootstrap and tom-select from CDNs with every
   ``cdn_resources`` setting: for an offline run the vis-network links are rewritten to
   pyvis's bundled copy and the bootstrap links are removed (they only style the page).
   "Settled": our page's ``network-settled`` event (physics stopped); pyvis's
   ``stabilizationIterationsDone``; both as ``performance.now()`` since navigation start;
3. the HTML size of ``/network`` and of the embed pages (when the routes exist).

The server (``bildungsgraph serve``) starts from the read model saved beside the store.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import networkx as nx
from pyvis.network import Network

from bildungsgraph.generator import write_nquads_streaming
from bildungsgraph.readmodel import View, network
from bildungsgraph.service import BildungsGraph
from bildungsgraph.store import open_store
from bildungsgraph.visualisation.assets import VIS_NETWORK_DIR
from bildungsgraph.visualisation.builder import ViewSettings

RERUN = "python bench/bench_network_view.py"
CHROMIUM = "/usr/bin/chromium"
TARGET_NODES = 150
SETTLED_HOOK = """
document.addEventListener("network-settled", () => { window.__settled = performance.now(); });
document.addEventListener("DOMContentLoaded", () => {
  const network = window.network;  // pyvis's page keeps its Network in a global
  if (network && network.physics) {
    network.once("stabilizationIterationsDone", () => { window.__settled = performance.now(); });
  }
});
"""


def timed(label: str, fn):  # type: ignore[no-untyped-def]
    start = time.perf_counter()
    value = fn()
    seconds = time.perf_counter() - start
    print(f"{label:<68} {seconds:8.2f} s")
    return value, seconds


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def build_store(directory: Path, kreise: list[str], scale: float) -> Path:
    quads = directory / "landscape.nq"
    count, _ = timed(
        f"generate {len(kreise)} Kreise (scale {scale})",
        lambda: write_nquads_streaming(kreise, quads, seed=42, scale=scale),
    )
    print(f"  {count:,} quads")
    store = directory / "store"
    service = BildungsGraph(open_store(store))
    timed(
        "load: schema + reference + import_rdf",
        lambda: (
            service.loading.load_schema(),
            service.loading.load_reference(),
            service.loading.import_rdf(quads),
        ),
    )
    service.close()
    return store


def pick_gemeinde(view: View) -> tuple[str, nx.Graph]:
    """The Gemeinde whose cooperation network is closest to TARGET_NODES nodes."""
    best: tuple[int, str, nx.Graph] | None = None
    for kommune in view.reference.analysis_kommunen.values():
        if not kommune.is_municipality:
            continue
        graph = network.network_graph(view, network.parse_filter(view, kommune=kommune.key))
        distance = abs(graph.number_of_nodes() - TARGET_NODES)
        if graph.number_of_nodes() and (best is None or distance < best[0]):
            best = (distance, kommune.key, graph)
    assert best is not None, "no Gemeinde with actors"
    return best[1], best[2]


def service_timings(store: Path) -> tuple[str, nx.Graph, nx.Graph, str]:
    service = BildungsGraph(open_store(store))
    view, _ = timed("read model: first view of the store (full build)", service.readmodel.current)
    flt = network.parse_filter(view)
    settings = ViewSettings()  # max_nodes 300, the site's network_view_max_nodes
    _, first = timed(
        "service: first network view of the state (network data + drawing)",
        lambda: network.network_view(view, flt, settings),
    )
    _, cached = timed(
        "service: the same view again (kept by the view)",
        lambda: network.network_view(view, flt, settings),
    )
    print(f"  ratio first / cached: {first / max(cached, 1e-6):,.0f}x")
    key, small = pick_gemeinde(view)
    large = network.network_graph(view, flt)
    centre = max(small.degree(), key=lambda item: item[1])[0]
    ego = str(small.nodes[centre]["kennung"])
    service.close()  # saves the read model beside the store: the server starts from it
    return key, small, large, ego


def pyvis_baseline(graph: nx.Graph, directory: Path, name: str) -> Path:
    """pyvis's default export of ``graph``, made to run offline (see the module docstring)."""
    plain = nx.Graph()
    plain.add_nodes_from(
        (n, {"label": str(a.get("label", n)), "title": str(a.get("label", n))})
        for n, a in graph.nodes(data=True)
    )
    plain.add_edges_from(graph.edges())
    net = Network()
    net.from_nx(plain)
    html = net.generate_html(name)
    local = {"vis-network.min.css": "vis-network.css", "vis-network.min.js": "vis-network.min.js"}
    html = re.sub(
        r'(src|href)="https://cdnjs\.cloudflare\.com/ajax/libs/vis-network/9\.1\.2/dist/'
        r'(?:dist/)?(vis-network\.min\.(?:css|js))"[^>]*?(/?>)',
        lambda m: f'{m.group(1)}="lib/vis-9.1.2/{local[m.group(2)]}"{m.group(3)}',
        html,
    )
    html = re.sub(r"<(link|script)[^>]*cdn\.jsdelivr\.net[^>]*>(\s*</script>)?", "", html)
    assert "cdnjs.cloudflare.com/ajax/libs/vis-network" not in html.split("{#")[0]
    path = directory / name
    path.write_text(html, encoding="utf-8")
    return path


def serve_directory(directory: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    lib = directory / "lib"
    if not lib.exists():
        shutil.copytree(Path(VIS_NETWORK_DIR).parent, lib)
    handler = functools.partial(QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        return


def settle_time(browser, url: str, timeout: float, origins: tuple[str, ...]) -> float | None:  # type: ignore[no-untyped-def]
    """Milliseconds from navigation start to the settled view (None: timed out)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(SETTLED_HOOK)
    page = context.new_page()
    foreign: list[str] = []
    page.on("request", lambda r: None if r.url.startswith(origins) else foreign.append(r.url))
    try:
        page.goto(url, timeout=timeout * 1000)
        page.wait_for_function(
            "window.__settled !== undefined", timeout=timeout * 1000, polling=100
        )
        return float(page.evaluate("window.__settled"))
    except Exception as error:  # a timeout: reported, the run goes on
        print(f"  {url}: {type(error).__name__}")
        return None
    finally:
        assert not foreign, f"requests to other hosts: {foreign[:3]}"
        context.close()


def median_settle(browser, url: str, repeat: int, timeout: float, origins: tuple[str, ...]):  # type: ignore[no-untyped-def]
    times = [settle_time(browser, url, timeout, origins) for _ in range(repeat)]
    done = [t for t in times if t is not None]
    return statistics.median(done) if len(done) == len(times) else None


def start_server(store: Path) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "bildungsgraph",
            "--store",
            str(store),
            "serve",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        env=dict(os.environ),
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        try:
            if httpx.get(url + "/network", timeout=120).status_code == 200:
                return process, url
        except httpx.TransportError:
            time.sleep(0.3)
    process.terminate()
    raise RuntimeError("the server did not start")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--kreise", default="05166,05114,05154,05158,05162")
    parser.add_argument("--scale", type=float, default=1.0)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--baseline-timeout", type=float, default=400.0)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        store = build_store(directory, args.kreise.split(","), args.scale)
        gemeinde, small, large, ego = service_timings(store)
        print(
            f"Gemeinde {gemeinde}: {small.number_of_nodes()} nodes, "
            f"{small.number_of_edges()} edges; whole landscape: {large.number_of_nodes()} "
            f"nodes, {large.number_of_edges()} edges"
        )
        pages = directory / "pyvis"
        pages.mkdir()
        for name, graph in (("small.html", small), ("large.html", large)):
            timed(
                f"pyvis default export ({graph.number_of_nodes()} nodes)",
                lambda g=graph, n=name: pyvis_baseline(g, pages, n),
            )
        static, static_url = serve_directory(pages)
        process, site = start_server(store)
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(
                    executable_path=CHROMIUM, headless=True, args=["--no-sandbox", "--disable-gpu"]
                )
                cases = [
                    (f"Gemeinde {gemeinde}", f"/network?kommune={gemeinde}", "small.html", small),
                    ("whole landscape", "/network", "large.html", large),
                ]
                for label, path, baseline, graph in cases:
                    httpx.get(site + path, timeout=120)  # the server builds and caches the view
                    ours = median_settle(browser, site + path, args.repeat, 120, (site,))
                    theirs = median_settle(
                        browser, f"{static_url}/{baseline}", 1, args.baseline_timeout, (static_url,)
                    )
                    nodes = graph.number_of_nodes()
                    ours_text = f"{ours / 1000:7.2f} s" if ours is not None else "timeout"
                    theirs_text = (
                        f"{theirs / 1000:7.2f} s"
                        if theirs is not None
                        else f"> {args.baseline_timeout:.0f} s"
                    )
                    ratio = f"{theirs / ours:6.1f}x" if ours and theirs else "n/a"
                    print(
                        f"settled in Chromium, {label} ({nodes} nodes): ours {ours_text}  "
                        f"pyvis default {theirs_text}  ratio {ratio}"
                    )
                browser.close()
            print("HTML size (bytes):")
            for path in [
                f"/network?kommune={gemeinde}",
                "/network",
                f"/embed/network?kommune={gemeinde}",
                "/embed/network?kommune=05166",
                f"/embed/ego/{ego}",
                "/embed/gaps/05166",
                "/embed/map/05166",
            ]:
                response = httpx.get(site + path, timeout=120)
                size = len(response.content) if response.status_code == 200 else None
                print(f"  {path:<40} {size if size is not None else response.status_code:>10}")
            for name in ("small.html", "large.html"):
                print(f"  pyvis {name:<34} {(pages / name).stat().st_size:>10}")
        finally:
            process.terminate()
            process.wait(30)
            static.shutdown()
            static.server_close()
    print("RERUN: " + " ".join([RERUN, *sys.argv[1:]]))


if __name__ == "__main__":
    main()
