/* kg viewer: draws the graph embedded in #kg-data with cytoscape.js.
 *
 * Article text is data, never markup: every string from the graph reaches the page through
 * textContent, attribute setters or canvas labels -- never innerHTML -- and links are made only
 * for http(s) URLs. URL fragment: #search=TEXT searches on load, #node=IRI selects a node.
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var types = {};
  data.types.forEach(function (t) { types[t.type] = t; });
  var FONT = '"NanumGothic", "Nanum Gothic", "Noto Sans CJK KR", "Malgun Gothic", sans-serif';
  var BIG = 1500; // above this many nodes: a fast layout, fewer labels

  function byId(id) { return document.getElementById(id); }

  function element(tag, text, className) {
    var node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function seededRandom(seed) { // mulberry32: the same layout on every load
    return function () {
      seed = (seed + 0x6D2B79F5) | 0;
      var t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
  }

  // -- elements ------------------------------------------------------------------------------
  data.elements.nodes.forEach(function (n) {
    var d = n.data;
    d.color = (types[d.type] || {}).color || "#999999";
    d.size = d.kind === "entity" ? Math.min(70, 22 + 6 * Math.sqrt(d.mentions || 0)) : (d.type === "Statement" ? 12 : 22);
    d.display = d.type === "Statement" ? "" : d.label;
  });
  var nodeTypes = {};
  data.elements.nodes.forEach(function (n) { nodeTypes[n.data.id] = n.data.type; });
  data.elements.edges.forEach(function (e) {
    var d = e.data;
    d.display = nodeTypes[d.source] === "Statement" ? "" : (d.label_ko || d.label || d.type);
  });

  // -- legend: type colours, click to hide a type (built first: it takes room from the graph) -----
  var legend = byId("legend");
  legend.appendChild(element("h2", "유형 · Types"));
  data.types.forEach(function (t) {
    var label = element("label");
    var box = element("input");
    box.type = "checkbox";
    box.checked = true;
    box.addEventListener("change", function () {
      cy.nodes("[type = '" + t.type + "']")[box.checked ? "removeClass" : "addClass"]("off-type");
    });
    var swatch = element("span", null, "swatch " + t.kind);
    swatch.style.backgroundColor = t.color;
    label.appendChild(box);
    label.appendChild(swatch);
    label.appendChild(element("span", t.ko + " " + t.en));
    label.appendChild(element("span", "(" + t.count + ")", "count"));
    legend.appendChild(label);
  });

  var big = data.elements.nodes.length > BIG;
  var spread = Math.max(1, Math.sqrt(data.elements.nodes.length / 80));
  var cy = cytoscape({
    container: byId("cy"),
    elements: data.elements,
    minZoom: 0.02,
    maxZoom: 4,
    style: [
      { selector: "node", style: {
        "background-color": "data(color)", "width": "data(size)", "height": "data(size)",
        "label": "data(display)", "font-family": FONT, "font-size": 13, "color": "#1d2430",
        "text-valign": "bottom", "text-margin-y": 3, "text-wrap": "ellipsis", "text-max-width": 150,
        "text-background-color": "#ffffff", "text-background-opacity": 0.75,
        "text-background-padding": 1, "min-zoomed-font-size": big ? 10 : 8,
        "border-width": 1, "border-color": "#ffffff" } },
      { selector: "node[kind = 'event']", style: { "shape": "round-rectangle", "font-size": 12 } },
      { selector: "node[kind = 'entity']", style: { "font-weight": "bold" } },
      { selector: "edge", style: {
        "width": 1.2, "line-color": "#b7c0cc", "target-arrow-color": "#b7c0cc",
        "target-arrow-shape": "triangle", "arrow-scale": 0.8, "curve-style": "bezier",
        "label": "data(display)", "font-family": FONT, "font-size": 9, "color": "#6b7684",
        "text-rotation": "autorotate", "text-background-color": "#ffffff",
        "text-background-opacity": 0.8, "min-zoomed-font-size": 7 } },
      { selector: "edge[type = 'causes']", style: { "line-color": "#d62728", "target-arrow-color": "#d62728", "width": 2 } },
      { selector: "edge[type = 'position']", style: { "line-style": "dashed" } },
      { selector: ".faded", style: { "opacity": 0.22 } },
      { selector: ".match", style: { "border-width": 4, "border-color": "#f28c00", "label": "data(label)", "z-index": 10 } },
      { selector: ".near", style: { "label": "data(label)" } },
      { selector: "node:selected", style: { "border-width": 4, "border-color": "#1d2430", "label": "data(label)", "z-index": 20 } },
      { selector: ".off-time, .off-type", style: { "display": "none" } }
    ]
  });

  // -- layout (seeded, so the same file always looks the same) ---------------------------------
  var systemRandom = Math.random;
  Math.random = seededRandom(42);
  var layout = cy.layout(big
    ? { name: "concentric", animate: false, fit: false, concentric: function (n) { return n.degree(); },
        levelWidth: function () { return 4; }, minNodeSpacing: 4 }
    : { name: "cose", animate: false, fit: false, randomize: true, nodeDimensionsIncludeLabels: true,
        // in the window's shape, on an area that grows with the graph (labels of a large graph
        // appear as you zoom in)
        boundingBox: { x1: 0, y1: 0, w: cy.width() * spread, h: cy.height() * spread },
        nodeRepulsion: function () { return 6000; }, idealEdgeLength: function () { return 40; },
        edgeElasticity: function () { return 100; }, nodeOverlap: 10, gravity: 1, numIter: 2500,
        componentSpacing: 60 });
  layout.one("layoutstop", function () {
    Math.random = systemRandom;
    cy.resize();
    cy.fit(undefined, 30);
    start();
  });

  // -- header: title and counts ----------------------------------------------------------------
  byId("title").textContent = data.title;
  var counts = byId("counts");
  counts.textContent = cy.nodes().length + "개 노드 · " + cy.edges().length + "개 관계";
  counts.dataset.nodes = String(cy.nodes().length);
  counts.dataset.edges = String(cy.edges().length);

  // -- side panel ----------------------------------------------------------------------------------
  var panel = byId("panel");

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function safeUrl(url) { return /^https?:\/\//i.test(url || "") ? url : null; }

  function articleItem(identifier) {
    var article = data.articles[identifier] || {};
    var item = element("li");
    if (article.published) item.appendChild(element("span", article.published, "date"));
    if (article.publisher) item.appendChild(element("span", article.publisher + " · ", "role"));
    var url = safeUrl(article.url);
    var title = article.headline || identifier;
    if (url) {
      var link = element("a", title);
      link.href = url;
      link.target = "_blank";
      link.rel = "noopener noreferrer";
      item.appendChild(link);
    } else {
      item.appendChild(element("span", title));
    }
    return item;
  }

  function nodeButton(node) {
    var button = element("button", node.data("label"), "link");
    button.type = "button";
    button.addEventListener("click", function () { select(node); });
    return button;
  }

  function showOverview() {
    clear(panel);
    panel.appendChild(element("h2", data.title));
    panel.appendChild(element("p", "노드를 누르면 속성, 근거 문장, 출처 기사가 여기에 나옵니다. " +
      "Click a node for its attributes, evidence sentences and source articles.", "help"));
    var identifiers = Object.keys(data.articles).sort(function (a, b) {
      return String(data.articles[b].published || "").localeCompare(String(data.articles[a].published || "")) || a.localeCompare(b);
    });
    panel.appendChild(element("h3", "기사 · Articles (" + identifiers.length + ")"));
    var list = element("ul");
    identifiers.slice(0, 100).forEach(function (id) { list.appendChild(articleItem(id)); });
    panel.appendChild(list);
  }

  var FIELDS = [
    ["date", "날짜 · date"], ["fiscal_period", "회계 기간"], ["trigger", "단서어 · trigger"],
    ["confidence", "신뢰도 · confidence"], ["ticker", "종목코드 · ticker"], ["aliases", "별칭 · aliases"],
    ["first_seen", "첫 보도 · first seen"], ["last_seen", "최근 보도 · last seen"],
    ["articles", "기사 수 · articles"], ["mentions", "언급 수 · mentions"]
  ];

  function showNode(node) {
    var d = node.data();
    var t = types[d.type] || { ko: d.type, en: d.type, color: "#999999" };
    clear(panel);
    panel.appendChild(element("h2", d.label));
    var sub = element("p", null, "sub");
    var badge = element("span", t.ko + " · " + t.en, "badge");
    badge.style.backgroundColor = t.color;
    sub.appendChild(badge);
    if (d.label_en && d.label_en !== d.label) sub.appendChild(element("span", d.label_en));
    panel.appendChild(sub);
    if (d.quote) panel.appendChild(element("blockquote", "\u201c" + d.quote + "\u201d", "quote"));

    var facts = element("dl");
    FIELDS.forEach(function (field) {
      if (d[field[0]] === undefined || d[field[0]] === "") return;
      facts.appendChild(element("dt", field[1]));
      facts.appendChild(element("dd", d[field[0]]));
    });
    panel.appendChild(facts);

    var edges = node.connectedEdges();
    if (edges.length) {
      panel.appendChild(element("h3", "관계 · Links (" + edges.length + ")"));
      var links = element("ul");
      edges.forEach(function (edge) {
        var outgoing = edge.source().id() === node.id();
        var other = outgoing ? edge.target() : edge.source();
        var item = element("li");
        var role = edge.data("label_ko") || edge.data("type");
        if (edge.data("type") !== "position" && edge.data("label") && edge.data("label") !== role) role += " (" + edge.data("label") + ")";
        item.appendChild(element("span", outgoing ? role + " → " : "← " + role + " ", "role"));
        item.appendChild(nodeButton(other));
        links.appendChild(item);
      });
      panel.appendChild(links);
    }

    if (d.evidence) {
      panel.appendChild(element("h3", "근거 문장 · Evidence"));
      d.evidence.split("\n").forEach(function (sentence) { panel.appendChild(element("blockquote", sentence)); });
    }
    if (d.sources) {
      panel.appendChild(element("h3", "출처 기사 · Sources (" + d.articles + ")"));
      var sources = element("ul");
      d.sources.split("\n").forEach(function (id) { sources.appendChild(articleItem(id)); });
      panel.appendChild(sources);
    }
    panel.appendChild(element("p", d.id, "role"));
  }

  function select(node) {
    cy.elements().unselect().removeClass("faded near");
    node.select();
    var near = node.closedNeighborhood();
    cy.elements().not(near).addClass("faded");
    near.nodes().addClass("near");
    showNode(node);
  }

  cy.on("tap", "node", function (event) { select(event.target); });
  cy.on("tap", function (event) {
    if (event.target === cy) {
      cy.elements().unselect().removeClass("faded near");
      showOverview();
    }
  });

  // -- search ------------------------------------------------------------------------------------
  var searchBox = byId("search");
  var searchCount = byId("search-count");
  var matchList = byId("matches");

  function names(node) {
    return [node.data("label"), node.data("label_ko"), node.data("label_en"), node.data("aliases")]
      .filter(Boolean).map(function (s) { return String(s).toLocaleLowerCase(); });
  }

  function search(text) {
    var query = text.trim().toLocaleLowerCase();
    cy.elements().removeClass("match faded near").unselect();
    clear(matchList);
    matchList.hidden = true;
    if (!query) {
      searchCount.textContent = "";
      delete searchCount.dataset.count;
      showOverview();
      return;
    }
    var found = cy.nodes().filter(function (n) {
      return names(n).some(function (s) { return s.indexOf(query) !== -1; });
    }).sort(function (a, b) {
      var exactA = names(a).indexOf(query) !== -1 ? 0 : 1;
      var exactB = names(b).indexOf(query) !== -1 ? 0 : 1;
      return exactA - exactB || a.data("label").localeCompare(b.data("label"));
    });
    searchCount.textContent = found.length + "개 일치";
    searchCount.dataset.count = String(found.length);
    if (!found.length) return;
    found.addClass("match");
    cy.elements().not(found).addClass("faded");
    found.slice(0, 50).forEach(function (n) {
      var item = element("li");
      item.dataset.id = n.id();
      var swatch = element("span", null, "swatch " + n.data("kind"));
      swatch.style.backgroundColor = n.data("color");
      item.appendChild(swatch);
      item.appendChild(element("span", n.data("label")));
      item.addEventListener("mousedown", function (event) { event.preventDefault(); select(n); matchList.hidden = true; });
      matchList.appendChild(item);
    });
    matchList.hidden = document.activeElement !== searchBox;
    if (names(found[0]).indexOf(query) !== -1) showNode(found[0]);
  }

  searchBox.addEventListener("input", function () { search(searchBox.value); });
  searchBox.addEventListener("focus", function () { matchList.hidden = !matchList.firstChild; });
  searchBox.addEventListener("blur", function () { matchList.hidden = true; });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { searchBox.value = ""; search(""); }
  });

  // -- time filter (events by their time span) ---------------------------------------------------------
  var dates = {};
  cy.nodes("[kind = 'event']").forEach(function (n) {
    if (n.data("start")) { dates[n.data("start")] = true; dates[n.data("end")] = true; }
  });
  dates = Object.keys(dates).sort();
  if (dates.length > 1) {
    var from = byId("time-from");
    var to = byId("time-to");
    from.max = to.max = String(dates.length - 1);
    from.value = "0";
    to.value = String(dates.length - 1);
    var applyTime = function () {
      var lo = dates[Math.min(+from.value, +to.value)];
      var hi = dates[Math.max(+from.value, +to.value)];
      byId("time-label").textContent = lo + " – " + hi;
      cy.batch(function () {
        cy.nodes("[kind = 'event']").forEach(function (n) {
          var outside = n.data("start") && (n.data("end") < lo || n.data("start") > hi);
          n[outside ? "addClass" : "removeClass"]("off-time");
        });
      });
    };
    from.addEventListener("input", applyTime);
    to.addEventListener("input", applyTime);
    applyTime();
    byId("time").hidden = false;
  }

  // -- start (once the layout is done) ----------------------------------------------------------------------
  function start() {
    showOverview();
    var params = new URLSearchParams(location.hash.slice(1));
    if (params.get("search")) {
      searchBox.value = params.get("search");
      search(searchBox.value);
    }
    if (params.get("node")) {
      var chosen = cy.getElementById(params.get("node"));
      if (chosen.length) select(chosen);
    }
    document.body.dataset.ready = "true";
  }

  var userMoved = false; // refit on window resize until the user pans or zooms
  cy.on("dragpan scrollzoom pinchzoom", function () { userMoved = true; });
  window.addEventListener("resize", function () {
    cy.resize();
    if (!userMoved) cy.fit(undefined, 30);
  });

  layout.run();
})();
