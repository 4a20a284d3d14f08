"""The offline HTML viewer: one self-contained file, no CDN, no network.

``kg/viewer/viewer.html`` is filled with the stylesheet, the graph as JSON, cytoscape.js (3.35.0,
copied from the npm package ``cytoscape``; MIT licence in ``kg/viewer/cytoscape.LICENSE``) and
``viewer.js``. Article text can never become markup:

- the graph is JSON inside ``<script type="application/json">`` with ``<``, ``>``, ``&``, U+2028
  and U+2029 written as ``\\uXXXX``, so no string can close the element or open a comment;
- ``viewer.js`` puts strings in the page with ``textContent`` only and links only http(s) URLs;
- a Content-Security-Policy allows exactly the two inline scripts (by SHA-256), no other script,
  no network requests.
"""

from __future__ import annotations

import base64
import hashlib
import html
import json
import re
from pathlib import Path

import networkx as nx

from .. import __version__
from .common import LEGEND_ORDER, color
from .cytoscape import elements
from .project import vocabulary

VIEWER = Path(__file__).resolve().parent.parent / "viewer"
_PLACEHOLDER = re.compile(r"\{\{(\w+)\}\}")
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "\u2028": "\\u2028", "\u2029": "\\u2029"}


def script_json(data) -> str:
    """JSON that is safe as the text of a ``<script>`` element."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return re.sub("[<>&\u2028\u2029]", lambda m: _JSON_ESCAPES[m.group(0)], text)


def _script(name: str) -> str:
    text = (VIEWER / name).read_text(encoding="utf-8")
    if re.search(r"</script|<!--", text, re.IGNORECASE):
        raise ValueError(f"{name} cannot be inlined: it contains </script or <!--")
    return text


def _csp_hash(script: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(script.encode("utf-8")).digest()).decode() + "'"


def type_legend(graph: nx.MultiDiGraph) -> list[dict]:
    """The node types present, in legend order, with colour, Korean/English name and count."""
    counts: dict[str, int] = {}
    kinds: dict[str, str] = {}
    for _, data in graph.nodes(data=True):
        counts[data["type"]] = counts.get(data["type"], 0) + 1
        kinds[data["type"]] = data["kind"]
    labels = vocabulary()
    return [{"type": t, "kind": kinds[t], "color": color(t), "count": counts[t],
             "ko": labels.get(t, {}).get("ko", t), "en": labels.get(t, {}).get("en", t)}
            for t in sorted(counts, key=lambda t: (LEGEND_ORDER.index(t) if t in LEGEND_ORDER else len(LEGEND_ORDER), t))]


def render(graph: nx.MultiDiGraph) -> bytes:
    title = f"kg · {graph.graph.get('name', '')}"
    data = {"title": title, "generator": f"kg {__version__}", "types": type_legend(graph),
            "articles": graph.graph.get("articles", {}), "elements": elements(graph)}
    cytoscape_js, viewer_js = _script("cytoscape.min.js"), _script("viewer.js")
    csp = (f"default-src 'none'; script-src {_csp_hash(cytoscape_js)} {_csp_hash(viewer_js)}; "
           "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'")
    parts = {
        "csp": csp, "generator": f"kg {__version__}", "title": html.escape(title),
        "style": (VIEWER / "viewer.css").read_text(encoding="utf-8"), "data": script_json(data),
        "cytoscape": cytoscape_js, "viewer": viewer_js,
    }
    template = (VIEWER / "viewer.html").read_text(encoding="utf-8")
    return _PLACEHOLDER.sub(lambda m: parts[m.group(1)], template).encode("utf-8")
