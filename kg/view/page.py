"""networkx graph → pyvis network → one self-contained, offline HTML page.

pyvis builds the network (nodes, edges, vis options); we do not use its HTML template,
which loads Bootstrap and vis from CDNs and pastes titles and menu entries in as raw
HTML. Instead the page inlines vis-network and our own script, and carries all data as
one JSON block that the script reads and turns into DOM text nodes: nothing from an
article is ever parsed as HTML or JavaScript.
"""
from __future__ import annotations

import base64
import hashlib
import html
import json
import math
import re
from importlib import resources
from string import Template

import networkx as nx
from pyvis.network import Network

from .graph import KINDS, RELATIONS, Evidence
from .layout import precomputed_layout

PRECOMPUTE_ABOVE = 800  # nodes; above this the browser's physics takes too long, lay out in Python
# No request of any kind; only our three scripts run, named by hash, so even markup that slipped
# into the page could not run a script of its own (styles and data: images are harmless).
CSP = "default-src 'none'; script-src {scripts}; style-src 'unsafe-inline'; img-src data:"
# kind -> (vis shape, colour, Chinese name, English name); shapes with the label below them
STYLES = {
    "person": ("dot", "#e15759", "人物", "person"),
    "organization": ("square", "#4e79a7", "组织", "organisation"),
    "place": ("triangle", "#59a14f", "地点", "place"),
    "event": ("star", "#f28e2b", "事件", "event"),
    "statement": ("diamond", "#b07aa1", "声明", "statement"),
    "commitment": ("triangleDown", "#c9a227", "承诺", "commitment"),
    "article": ("hexagon", "#8c8c8c", "文章", "article"),
}
EDGE_COLOURS = {"holds_post": "#4e79a7", "accredited_to": "#4e79a7", "attended": "#f28e2b",
                "located_in": "#f28e2b", "participating_country": "#f28e2b", "part_of": "#f28e2b",
                "issued": "#b07aa1", "issued_at": "#b07aa1", "committed": "#b07aa1"}
ARTICLE_EDGE = "#cfcfcf"  # reports, cites, published by: many and least interesting, so faint
_SVG = {  # legend symbols drawn like vis draws the shapes
    "dot": '<circle cx="8" cy="8" r="6"/>', "square": '<rect x="2" y="2" width="12" height="12"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>', "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "diamond": '<polygon points="8,0 16,8 8,16 0,8"/>', "hexagon": '<polygon points="4,1 12,1 16,8 12,15 4,15 0,8"/>',
    "star": '<polygon points="8,0 10,6 16,6 11,10 13,16 8,12 3,16 5,10 0,6 6,6"/>',
}


def embed_json(value) -> str:
    """JSON that is safe inside <script>: no character of it can end the element or a comment.

    >>> embed_json({"t": "</script><b>&\u2028"})
    '{"t":"\\\\u003c/script\\\\u003e\\\\u003cb\\\\u003e\\\\u0026\\\\u2028"}'
    >>> json.loads(embed_json(["<x>"])) == ["<x>"]
    True
    """
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for char, escape in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def shorten(text: str, size: int) -> str:
    """
    >>> shorten("美日加强战略关系 为携手抗共铺平道路", 8), shorten("短", 8)
    ('美日加强战略关系…', '短')
    """
    text = " ".join(text.split())
    return text if len(text) <= size else text[:size] + "…"


def display_label(data: dict) -> str:
    """What is written under a node: the Chinese name, with the English one when known.

    >>> display_label({"kind": "person", "label": "蓬佩奥", "en": "Mike Pompeo"})
    '蓬佩奥 / Mike Pompeo'
    """
    if data["kind"] in ("article", "statement", "commitment"):
        return shorten(data["label"], 11)
    label = shorten(data["label"], 20)
    return f"{label} / {shorten(data['en'], 24)}" if data.get("en") and data["en"] != data["label"] else label


class _IdList(list):
    """pyvis looks nodes up in a plain list for every node and edge added: quadratic at corpus scale."""

    def __init__(self):
        super().__init__()
        self._ids = set()

    def append(self, item) -> None:
        super().append(item)
        self._ids.add(item)

    def __contains__(self, item) -> bool:
        return item in self._ids


def vis_options(precomputed: bool, nodes: int) -> dict:
    """vis-network options: physics to lay out small graphs (then off), none when positions are given."""
    groups = {k: {"shape": s, "color": {"background": c, "border": c, "highlight": {"background": c, "border": "#222"},
                                        "hover": {"background": c, "border": "#222"}}}
              for k, (s, c, _, _) in STYLES.items()}
    physics = {"enabled": False} if precomputed else {
        "enabled": True, "solver": "forceAtlas2Based", "minVelocity": 1.5, "timestep": 0.5,
        "forceAtlas2Based": {"gravitationalConstant": -200, "centralGravity": 0.015, "springLength": 130,
                             "springConstant": 0.04, "damping": 0.5, "avoidOverlap": 1},
        "stabilization": {"enabled": True, "iterations": 800, "updateInterval": 25, "fit": True}}
    # A big overview cannot show every label: scale labels with the degree so that, zoomed
    # out, only the hubs' names are drawn (vis skips labels under drawThreshold pixels).
    label_scaling = {"enabled": True, "min": 12, "max": 48, "maxVisible": 48, "drawThreshold": 9} \
        if precomputed else {"enabled": False}
    return {
        "groups": groups, "physics": physics,
        "layout": {"randomSeed": 7, "improvedLayout": not precomputed and nodes <= 150},
        "nodes": {"font": {"size": 16, "face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"},
                  "borderWidth": 1, "scaling": {"min": 9, "max": 30, "label": label_scaling}},
        "edges": {"arrows": {"to": {"enabled": True, "scaleFactor": 0.45}}, "width": 1, "hoverWidth": 1.5,
                  "selectionWidth": 2, "smooth": False if precomputed else {"type": "continuous"},
                  "font": {"size": 12, "align": "middle", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "interaction": {"hover": True, "hideEdgesOnDrag": precomputed, "tooltipDelay": 150,
                        "multiselect": False, "navigationButtons": False},
    }


def prominence(graph: nx.MultiDiGraph, node: str) -> int:
    """How much a node counts in the overview: its degree, but an article's ``reports`` edges do
    not count (an article that names forty things is long, not central)."""
    degree = graph.degree(node)
    if graph.nodes[node]["kind"] == "article":
        degree -= sum(1 for _, _, r in graph.out_edges(node, data="relation") if r == "reports")
    return degree


def build_network(graph: nx.MultiDiGraph, order: list[str], positions: dict | None) -> Network:
    """The pyvis network of ``graph``: node ids are ranks (0 = most prominent), edge ids indexes."""
    net = Network(directed=True, cdn_resources="in_line", heading="")
    net.node_ids = _IdList()
    index = {node: i for i, node in enumerate(order)}
    for node in order:
        d = graph.nodes[node]
        extra = {"x": positions[node][0], "y": positions[node][1]} if positions else {}
        net.add_node(index[node], label=display_label(d), shape=STYLES[d["kind"]][0], group=d["kind"],
                     value=round(1 + math.log2(max(prominence(graph, node), 1)), 2), **extra)
    for i, (s, o) in enumerate(graph.edges()):
        net.add_edge(index[s], index[o], id=i)
    net.options = vis_options(positions is not None, len(order))
    return net


class _Texts:
    """Sentences, quotes and rule names, each stored once and referred to by number."""

    def __init__(self):
        self.index: dict[str, int] = {}

    def __call__(self, text: str) -> int:
        return self.index.setdefault(text, len(self.index))

    def evidence(self, evidence: tuple[Evidence, ...], articles: dict[str, int]) -> list[list[int]]:
        return [[articles[e.article], self(e.sentence), self(e.quote), self(e.rule)]
                for e in evidence if e.article in articles]


def page_data(graph: nx.MultiDiGraph, full: nx.MultiDiGraph, net: Network, order: list[str], *,
              max_nodes: int, precomputed: bool, focus: dict | None) -> dict:
    """Everything the page script needs, as plain JSON values (no HTML anywhere).

    Nodes are pyvis's node dicts; edges are rows ``[from, to, relation, label, count, evidence]``
    (pyvis's from/to plus what the tooltip needs), evidence rows ``[article, sentence, quote,
    rule]`` pointing into ``articles`` and ``texts``: a corpus repeats these a lot.
    """
    index = {node: i for i, node in enumerate(order)}
    publishers = {s: full.nodes[o]["label"] for s, o, d in full.edges(data=True) if d["relation"] == "published_by"}
    article_iris = sorted(n for n, d in full.nodes(data=True) if d["kind"] == "article")
    articles = {iri: i for i, iri in enumerate(article_iris)}
    texts = _Texts()
    relations = list(RELATIONS)
    info = []
    for node in order:
        d = graph.nodes[node]
        countries = {m for m in nx.all_neighbors(graph, node) if graph.nodes[m]["country"]}
        if d["kind"] == "commitment":  # a commitment is as national as the statement it belongs to
            for statement in graph.predecessors(node):
                countries |= {m for m in nx.all_neighbors(graph, statement) if graph.nodes[m]["country"]}
        if d["country"]:
            countries.add(node)
        item = {"kind": d["kind"], "name": d["label"], "en": d["en"], "aliases": list(d["aliases"]),
                "date": d["date"], "note": d["note"], "url": d["url"], "iso": d["iso"],
                "articles": [articles[a] for a in d["articles"] if a in articles],
                "countries": sorted(index[c] for c in countries),
                "ev": texts.evidence(d["evidence"], articles), "evn": d["evidence_count"]}
        info.append({k: v for k, v in item.items() if v or k in ("kind", "name")})
    edges = []
    for edge, (_, _, d) in zip(net.edges, graph.edges(data=True)):
        label = "" if d["label"] == RELATIONS[d["relation"]].zh else d["label"]
        edges.append([edge["from"], edge["to"], relations.index(d["relation"]), label, d["evidence_count"],
                      texts.evidence(d["evidence"], articles)])
    article_table = [{"title": full.nodes[a]["title"], "date": full.nodes[a]["date"],
                      "publisher": publishers.get(a, ""), "node": index.get(a, -1)} for a in article_iris]
    return {
        "version": 1, "kinds": {k: {"shape": s, "color": c, "zh": zh, "en": en} for k, (s, c, zh, en) in STYLES.items()},
        "relations": [{"key": k, "zh": RELATIONS[k].zh, "en": RELATIONS[k].en,
                       "color": EDGE_COLOURS.get(k, ARTICLE_EDGE)} for k in relations],
        "nodes": net.nodes, "edges": edges, "options": net.options, "info": info,
        "articles": article_table, "texts": list(texts.index), "maxNodes": max_nodes,
        "precomputed": precomputed, "focus": focus, "relayout": vis_options(False, 0)["physics"],
    }


def legend_html(graph: nx.MultiDiGraph) -> str:
    """The type legend (colour, shape, names, count), each row a type filter; static HTML."""
    counts = {k: 0 for k in KINDS}
    for _, kind in graph.nodes(data="kind"):
        counts[kind] += 1
    rows = []
    for kind in KINDS:
        shape, colour, zh, en = STYLES[kind]
        rows.append(
            f'<li class="kg-kind" data-kind="{kind}" data-shape="{shape}" data-color="{colour}"><label>'
            f'<input type="checkbox" name="kind" value="{kind}" checked> '
            f'<svg class="kg-symbol" width="16" height="16" viewBox="0 0 16 16" fill="{colour}" aria-hidden="true">'
            f'{_SVG[shape]}</svg> {html.escape(zh)} <span class="kg-en">{html.escape(en)}</span> '
            f'<span class="kg-count">{counts[kind]}</span></label></li>')
    return '<ul id="kg-legend">' + "".join(rows) + "</ul>"


def _asset(name: str) -> str:
    return resources.files(__package__).joinpath("assets", name).read_text(encoding="utf-8")


def _inline_script(code: str) -> str:
    """Script text that cannot close its <script> element early."""
    return re.sub(r"</(script)", r"<\\/\1", code, flags=re.IGNORECASE)


def script_hash(code: str) -> str:
    """The CSP source that allows exactly this inline script.

    >>> script_hash("alert(1)")
    "'sha256-bhHHL3z2vDgxUt0W3dWQOrprscmda2Y5pLsLg4GF+pI='"
    """
    return "'sha256-" + base64.b64encode(hashlib.sha256(code.encode("utf-8")).digest()).decode() + "'"


def render_html(graph: nx.MultiDiGraph, full: nx.MultiDiGraph | None = None, *, max_nodes: int = 1500,
                focus: dict | None = None, title: str = "newskg 知识图谱",
                precompute_above: int = PRECOMPUTE_ABOVE) -> tuple[str, dict]:
    """The page for ``graph`` (``full``: the whole graph, for the article table when focused)."""
    full = graph if full is None else full
    order = sorted(graph, key=lambda n: (-prominence(graph, n), n))
    precomputed = graph.number_of_nodes() > precompute_above
    positions = precomputed_layout(nx.Graph(graph), order) if precomputed else None
    net = build_network(graph, order, positions)
    if focus:  # the page selects the nodes it is centred on
        focus = {"name": focus["name"], "depth": focus["depth"],
                 "nodes": sorted(order.index(c) for c in focus.get("centres", ()))}
    data = page_data(graph, full, net, order, max_nodes=max_nodes, precomputed=precomputed, focus=focus)
    heading = title + (f" · {focus['name']}" if focus else "")
    scripts = {name: _inline_script(_asset(f"{name}.js")) for name in ("vis-network.min", "tips", "view")}
    csp = CSP.format(scripts=" ".join(script_hash(code) for code in scripts.values()))
    page = Template(_asset("page.html")).substitute(
        csp=html.escape(csp), title=html.escape(heading), heading=html.escape(heading),
        summary=f"{graph.number_of_nodes()} nodes, {graph.number_of_edges()} edges",
        legend=legend_html(graph), data=embed_json(data), vis_css=_asset("vis-network.css"),
        view_css=_asset("view.css"), vis_js=scripts["vis-network.min"], tips_js=scripts["tips"],
        view_js=scripts["view"])
    stats = {"nodes": len(order), "edges": graph.number_of_edges(), "drawn": min(max_nodes, len(order)),
             "layout": "precomputed" if precomputed else "physics"}
    return page, stats
