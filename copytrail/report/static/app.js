/* copytrail explorer: one renderer for the local web app and the self-contained report.
 *
 * Every value shown comes from hostile web pages, so the DOM is built with createElement and
 * textContent only (never innerHTML), links from pages become <a> only for http(s) URLs, and
 * no inline handlers are used (the Content-Security-Policy forbids them anyway).
 * Data comes from /api/<view> when served, or from the JSON block #ct-data in a report file.
 */
(function () {
  "use strict";

  var SVGNS = "http://www.w3.org/2000/svg";
  var dataNode = document.getElementById("ct-data");
  var REPORT = dataNode ? JSON.parse(dataNode.textContent) : null;
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
                 "#17becf", "#7f7f7f"];
  var main = document.getElementById("ct-main");

  // -- DOM helpers -----------------------------------------------------------------------------
  function el(tag, attrs) {
    var node = document.createElement(tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) { add(node, arguments[i]); }
    return node;
  }
  function svg(tag, attrs) {
    var node = document.createElementNS(SVGNS, tag);
    setAttrs(node, attrs);
    for (var i = 2; i < arguments.length; i++) { add(node, arguments[i]); }
    return node;
  }
  function setAttrs(node, attrs) {
    if (!attrs) { return; }
    Object.keys(attrs).forEach(function (k) {
      var v = attrs[k];
      if (v === null || v === undefined || v === false) { return; }
      if (/^on/i.test(k) || k === "style" || k === "srcdoc") { return; }  // never from data
      if (k === "href") { v = safeHref(String(v)); if (v === null) { return; } }
      node.setAttribute(k, String(v));
    });
  }
  function add(node, child) {
    if (child === null || child === undefined || child === false) { return; }
    if (Array.isArray(child)) { child.forEach(function (c) { add(node, c); }); return; }
    if (typeof child === "object" && child.nodeType) { node.appendChild(child); return; }
    node.appendChild(document.createTextNode(String(child)));
  }
  /* Internal hash links pass; external ones only when they parse as http(s). */
  function safeHref(v) {
    if (v.charAt(0) === "#") { return v; }
    try {
      var u = new URL(v);
      if (u.protocol === "http:" || u.protocol === "https:") { return u.href; }
    } catch (e) { /* not a URL: shown as text by the caller */ }
    return null;
  }
  /* A page URL: a safe external link, or plain text when the scheme is anything else. */
  function pageLink(url, label) {
    if (!url) { return el("span", {"class": "muted"}, "(no URL)"); }
    var href = safeHref(String(url));
    if (href === null || href.charAt(0) === "#") { return el("span", {"class": "url"}, String(url)); }
    return el("a", {href: href, rel: "noopener noreferrer", target: "_blank", "class": "url"},
              label || String(url));
  }
  function hash(parts, params) {
    var h = "#/" + parts.map(function (p) { return encodeURIComponent(String(p)); }).join("/");
    if (params) {
      var q = Object.keys(params).filter(function (k) { return params[k] !== "" && params[k] != null; })
        .map(function (k) { return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]); });
      if (q.length) { h += "?" + q.join("&"); }
    }
    return h;
  }
  function link(parts, label, params, cls) {
    return el("a", {href: hash(parts, params), "class": cls || null}, label);
  }
  function table(headers, rows) {
    return el("table", null,
      el("thead", null, el("tr", null, headers.map(function (h) { return el("th", null, h); }))),
      el("tbody", null, rows.map(function (r) {
        return el("tr", null, r.map(function (c) { return el("td", null, c); }));
      })));
  }
  function section(title) {
    var s = el("section", null, el("h2", null, title));
    for (var i = 1; i < arguments.length; i++) { add(s, arguments[i]); }
    return s;
  }
  function missing(msg) { return el("p", {"class": "missing"}, msg); }
  function num(v, digits) {
    if (v === null || v === undefined) { return "–"; }
    if (typeof v !== "number") { return String(v); }
    return digits !== undefined ? v.toFixed(digits) : v.toLocaleString("en");
  }

  // -- data access -----------------------------------------------------------------------------
  function load(view, params) {
    if (REPORT) { return Promise.resolve(reportData(view, params)); }
    var q = Object.keys(params || {}).map(function (k) {
      return encodeURIComponent(k) + "=" + encodeURIComponent(params[k]);
    }).join("&");
    return fetch("/api/" + view + (q ? "?" + q : ""), {credentials: "same-origin"})
      .then(function (r) { return r.json(); });
  }
  function reportData(view, p) {
    var notIncluded = {error: "not included in this report (build the report for this subset)"};
    if (view === "overview") { return REPORT.overview; }
    if (view === "network") { return reportNetwork(p); }
    if (view === "site") { return own(REPORT.sites || {}, p.id) || notIncluded; }
    if (view === "networks") { return REPORT.networks || {missing: "not included in this report"}; }
    if (view === "compare") {
      return {error: "Comparing two articles aligns their texts, which a report file cannot do: use the explorer (copytrail serve) or `copytrail compare URL URL`."};
    }
    if (view === "claims") { return REPORT.claims; }
    if (view === "edge") { return own(REPORT.edges, p.src + "\u0000" + p.dst) || notIncluded; }
    if (view === "family") { return own(REPORT.families, p.id) || notIncluded; }
    if (view === "article") { return own(REPORT.articles, p.id) || notIncluded; }
    if (view === "search") { return localSearch(p); }
    return {error: "unknown view"};
  }
  /* The report's network filter: edges below the minimum and sites left without one go. */
  function reportNetwork(p) {
    var min = Math.max(1, parseInt(p.min || "1", 10) || 1), net = REPORT.network;
    if (min <= 1 || net.missing) { return net; }
    var edges = net.edges.filter(function (e) { return e.families >= min; }), keep = {};
    edges.forEach(function (e) { keep[e.src] = true; keep[e.dst] = true; });
    return {nodes: net.nodes.filter(function (n) { return keep[n.id] === true; }), edges: edges};
  }
  /* Own keys only: an id like "__proto__" or "constructor" must not reach Object.prototype. */
  function own(obj, key) {
    return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : null;
  }
  function articleText(a) { return a.segments.map(function (s) { return s.t; }).join(""); }
  /* The report's search: substring match over the articles it carries, same shape as the API. */
  function localSearch(p) {
    var query = parseQuery(p.q), f = {};
    ["site", "author", "tag", "language", "page_type", "since", "until"].forEach(function (k) {
      if (p[k] && String(p[k]).trim()) { f[k] = String(p[k]).trim(); }
    });
    Object.keys(query.filters).forEach(function (k) { f[k] = query.filters[k]; });
    var errors = query.errors.slice();
    ["since", "until"].forEach(function (k) { var e = f[k] && dateError(k, f[k]); if (e) { errors.push(e); } });
    var ukey = query.url ? urlKey(query.url) : null;
    var hits = errors.length ? [] : Object.keys(REPORT.articles).sort().map(function (id) {
      return REPORT.articles[id];
    }).filter(function (d) {
      var a = d.article;
      if (ukey !== null) { return urlKey(a.url) === ukey || urlKey(a.canonical_url) === ukey; }
      var hay = ((a.title || "") + "\n" + articleText(d)).toLowerCase();
      if (!query.terms.every(function (t) { return hay.indexOf(t) >= 0; })) { return false; }
      if (query.phrases.length || query.excluded.length) {
        var normed = " " + wordsOf(hay).join(" ") + " ";
        if (!query.phrases.every(function (w) { return hasWords(normed, w); })) { return false; }
        if (query.excluded.some(function (w) { return hasWords(normed, w); })) { return false; }
      }
      if (f.site && a.site !== f.site) { return false; }
      if (f.language && a.language !== f.language) { return false; }
      if (f.page_type && a.page_type !== f.page_type) { return false; }
      if (f.author && a.authors.indexOf(f.author) < 0) { return false; }
      if (f.tag && a.tags.indexOf(f.tag) < 0) { return false; }
      if (f.since && !(a.published && a.published >= f.since)) { return false; }
      if (f.until && !(a.published && a.published.slice(0, f.until.length) <= f.until)) { return false; }
      return true;
    });
    hits.sort(function (x, y) {
      var a = x.article.published || "", b = y.article.published || "";
      return a < b ? 1 : a > b ? -1 : (x.article.article_id < y.article.article_id ? -1 : 1);
    });
    var facets = {site: {}, author: {}, tag: {}, language: {}, page_type: {}, year: {}};
    hits.forEach(function (d) {
      var a = d.article;
      function bump(f, v) { if (v) { facets[f][v] = (facets[f][v] || 0) + 1; } }
      bump("site", a.site); bump("language", a.language); bump("page_type", a.page_type);
      bump("year", (a.published || "").slice(0, 4));
      a.authors.forEach(function (v) { bump("author", v); });
      a.tags.forEach(function (v) { bump("tag", v); });
    });
    var out = {};
    Object.keys(facets).forEach(function (f) {
      out[f] = Object.keys(facets[f]).map(function (v) { return [v, facets[f][v]]; })
        .sort(function (x, y) { return y[1] - x[1] || (x[0] < y[0] ? -1 : 1); }).slice(0, 12);
    });
    var per = 20, page = Math.max(1, parseInt(p.page || "1", 10) || 1);
    return {
      mode: query.url ? "url" : "report", q: p.q || "", filters: f, page: page, per_page: per,
      errors: errors, query: {terms: query.terms, phrases: query.phrases, excluded: query.excluded, url: query.url},
      total: hits.length, pages: Math.max(1, Math.ceil(hits.length / per)), facets: out,
      results: hits.slice((page - 1) * per, page * per).map(function (d) {
        var a = d.article, text = articleText(d).replace(/\s+/g, " ");
        return {article_id: a.article_id, title: a.title, site: a.site, published: a.published,
                url: a.url, page_type: a.page_type, language: a.language,
                snippet: text.slice(0, 220)};
      })
    };
  }

  // -- routing ---------------------------------------------------------------------------------
  function route() {
    var h = location.hash.replace(/^#\/?/, "");
    var qpos = h.indexOf("?");
    var path = (qpos >= 0 ? h.slice(0, qpos) : h).split("/").map(function (s) {
      try { return decodeURIComponent(s); } catch (e) { return s; }
    });
    var params = {};
    if (qpos >= 0) {
      h.slice(qpos + 1).split("&").forEach(function (kv) {
        var i = kv.indexOf("=");
        if (i > 0) {
          try { params[decodeURIComponent(kv.slice(0, i))] = decodeURIComponent(kv.slice(i + 1)); }
          catch (e) { /* malformed escape: ignored */ }
        }
      });
    }
    return {view: path[0] || "overview", args: path.slice(1), params: params};
  }
  var renderCount = 0;
  function render() {
    var r = route(), mine = ++renderCount;
    document.querySelectorAll("nav a").forEach(function (a) {
      a.classList.toggle("active", a.getAttribute("data-view") === r.view);
    });
    var job;
    if (r.view === "network") {
      var np = r.params.min && r.params.min !== "1" ? {min: r.params.min} : {};
      job = load("network", np).then(function (d) { return renderNetwork(d, r.args[0], r.args[1], r.params.min); });
    } else if (r.view === "networks") {
      job = load("networks", {}).then(renderNetworks);
    } else if (r.view === "site") {
      job = load("site", {id: r.args[0] || ""}).then(renderSite);
    } else if (r.view === "compare") {
      job = (r.params.a && r.params.b ? load("compare", {a: r.params.a, b: r.params.b}) : Promise.resolve(null))
        .then(function (d) { return renderCompare(d, r.params); });
    } else if (r.view === "family") {
      job = load("family", {id: r.args[0] || ""}).then(renderFamily);
    } else if (r.view === "article") {
      job = load("article", {id: r.args[0] || ""}).then(renderArticle);
    } else if (r.view === "claims") {
      job = load("claims", {}).then(renderClaims);
    } else if (r.view === "search") {
      job = load("search", r.params).then(renderSearch);
    } else {
      job = load("overview", {}).then(renderOverview);
    }
    job.then(function (node) {
      if (mine !== renderCount) { return; }  // a later navigation won the race: drop this one
      main.replaceChildren(node);
      main.setAttribute("data-view", r.view);
      document.body.setAttribute("data-ready", r.view);
    }, function (err) {
      if (mine !== renderCount) { return; }
      main.replaceChildren(el("p", {"class": "error"}, "Could not load this view: " + err));
      document.body.setAttribute("data-ready", "error");
    });
  }

  // -- overview --------------------------------------------------------------------------------
  function renderOverview(d) {
    var c = d.counts, frag = el("div", null);
    var countRows = Object.keys(c).map(function (k) { return [k, num(c[k])]; });
    add(frag, section("Corpus", table(["", "count"], countRows)));
    add(frag, section("Articles per site per month", timelineChart(d.timeline)));
    add(frag, section("Most-reprinted passages", d.top_passages ? familyTable(d.top_passages)
      : missing(d.missing.reuse)));
    add(frag, section("Sites that reprint most", d.top_reprinters ? table(
      ["site", "reprinted passages", "families", "articles"],
      d.top_reprinters.map(function (r) {
        return [link(["site", r.site], r.site, null, "site-link"), num(r.reprints), num(r.families),
                num(r.articles)];
      })) : missing(d.missing.reuse)));
    add(frag, section("Figures in conflict", d.conflicts ? conflictList(d.conflicts)
      : missing(d.missing.claims)));
    if (REPORT && REPORT.about) { add(frag, aboutSection(REPORT.about)); }
    return frag;
  }
  function familyTable(rows) {
    if (!rows.length) { return el("p", {"class": "muted"}, "No families."); }
    return table(["witnesses", "sites", "first", "last", "passage"], rows.map(function (f) {
      return [num(f.witnesses), num(f.sites), f.first || "–", f.last || "–",
              link(["family", f.family_id], f.text || f.family_id, null, "family-link")];
    }));
  }
  function timelineChart(t) {
    var W = 860, H = 260, L = 40, B = 30, months = t.months;
    if (!months.length) { return el("p", {"class": "muted"}, "No dated articles."); }
    var max = 1;
    t.series.forEach(function (s) { s.counts.forEach(function (n) { if (n > max) { max = n; } }); });
    var x = function (i) { return L + (months.length === 1 ? (W - L) / 2 : i * (W - L - 10) / (months.length - 1)); };
    var y = function (n) { return H - B - n * (H - B - 10) / max; };
    var chart = svg("svg", {viewBox: "0 0 " + W + " " + H, "class": "chart", role: "img"},
      svg("title", null, "Articles per site per month"),
      svg("line", {x1: L, y1: H - B, x2: W, y2: H - B, stroke: "#999"}),
      svg("line", {x1: L, y1: 10, x2: L, y2: H - B, stroke: "#999"}),
      svg("text", {x: L - 4, y: 16, "text-anchor": "end", "class": "axis"}, String(max)),
      svg("text", {x: L - 4, y: H - B, "text-anchor": "end", "class": "axis"}, "0"));
    var step = Math.max(1, Math.ceil(months.length / 12));
    months.forEach(function (m, i) {
      if (i % step === 0) {
        add(chart, svg("text", {x: x(i), y: H - 10, "text-anchor": "middle", "class": "axis"}, m));
      }
    });
    var legend = el("ul", {"class": "legend"});
    t.series.forEach(function (s, k) {
      var color = PALETTE[k % PALETTE.length];
      var pts = s.counts.map(function (n, i) { return x(i).toFixed(1) + "," + y(n).toFixed(1); });
      add(chart, svg("polyline", {points: pts.join(" "), fill: "none", stroke: color,
                                  "stroke-width": 2}, svg("title", null, s.site)));
      s.counts.forEach(function (n, i) {
        if (n) {
          add(chart, svg("circle", {cx: x(i), cy: y(n), r: 3, fill: color},
                         svg("title", null, s.site + " " + months[i] + ": " + n)));
        }
      });
      add(legend, el("li", null, svg("svg", {width: 12, height: 12, "class": "swatch"},
        svg("rect", {width: 12, height: 12, fill: color})), " " + s.site));
    });
    return el("div", null, chart, legend);
  }
  function conflictList(list) {
    if (!list.length) { return el("p", {"class": "muted"}, "No conflicts."); }
    return el("div", null, list.map(function (g) {
      // A figure changed inside a copy shows the copied words around it, the figure marked.
      return el("div", {"class": "conflict"},
        el("h3", null, (g.counted_key || "?") + (g.unit ? " (" + g.unit + ")" : "") + " · " + (g.kind || "reports differ")),
        el("div", {"class": "side-by-side"}, g.witnesses.map(function (w) {
          var copied = w.context_before || w.context_after;
          return el("div", {"class": "witness"},
            el("div", {"class": "value"}, (w.qualifier && w.qualifier !== "exact" ? w.qualifier + " " : "") + num(w.value)),
            el("div", null, link(["article", w.article_id], w.site || "?"), " · ", w.published || "undated"),
            copied ? el("blockquote", null, "…" + (w.context_before || ""), el("mark", null, w.text || ""),
                        (w.context_after || "") + "…") : el("blockquote", null, w.sentence || ""));
        })));
    }));
  }

  // -- site network ----------------------------------------------------------------------------
  function renderNetwork(d, src, dst, minFam) {
    var frag = el("div", null);
    var min = Math.max(1, parseInt(minFam || "1", 10) || 1);
    var input = el("input", {type: "number", name: "min", min: 1, value: min, size: 4, "aria-label": "minimum families per edge"});
    var form = el("form", {"class": "ct-form network-filter"}, "Show edges backed by at least ", input,
      " families ", el("button", {type: "submit"}, "Filter"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      location.hash = hash(["network"], {min: input.value});
    });
    if (d.missing) { add(frag, section("Site network", missing(d.missing))); return frag; }
    if (!d.nodes.length) {
      add(frag, section("Site network", form, el("p", {"class": "muted"}, "No reprint edges" + (min > 1 ? " with at least " + min + " families." : "."))));
      return frag;
    }
    var pos = {};
    d.nodes.forEach(function (n) { pos[n.id] = n; });
    var maxF = 1, maxA = 1;
    d.edges.forEach(function (e) { if (e.families > maxF) { maxF = e.families; } });
    d.nodes.forEach(function (n) { if ((n.articles || 0) > maxA) { maxA = n.articles; } });
    // Many sites: smaller marks and thinner edges so the structure stays visible.
    var big = d.nodes.length > 60;
    function radius(n) { return (big ? 3 : 7) + (big ? 7 : 14) * Math.sqrt((n.articles || 0) / maxA); }
    var view = [0, 0, 1000, 840];
    var root = svg("svg", {viewBox: view.join(" "), "class": "network" + (big ? " big" : ""), role: "img",
                           "data-nodes": d.nodes.length, "data-edges": d.edges.length},
      svg("title", null, "Site network: " + d.nodes.length + " sites, " + d.edges.length + " edges"),
      svg("defs", null, svg("marker", {id: "arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
        markerUnits: "userSpaceOnUse", markerWidth: big ? 8 : 14, markerHeight: big ? 8 : 14, orient: "auto"},
        svg("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: "#666"}))));
    var g = svg("g", null);
    add(root, g);
    d.edges.forEach(function (e) {
      var a = pos[e.src], b = pos[e.dst];
      if (!a || !b) { return; }
      // Curve each direction to its own side so A->B and B->A stay apart.
      var mx = (a.x + b.x) / 2, my = (a.y + b.y) / 2, dx = b.x - a.x, dy = b.y - a.y;
      var len = Math.sqrt(dx * dx + dy * dy) || 1, k = 0.12 * len;
      var cx = mx - dy / len * k, cy = my + dx / len * k;
      var rb = radius(b) + 2;
      var ex = b.x - dx / len * rb, ey = b.y - dy / len * rb;
      var lag = e.median_lag_days === null ? "unknown" : e.median_lag_days.toFixed(1) + " days";
      var sel = e.src === src && e.dst === dst;
      var path = svg("path", {
        d: "M " + a.x + " " + a.y + " Q " + cx.toFixed(1) + " " + cy.toFixed(1) + " " + ex.toFixed(1) + " " + ey.toFixed(1),
        "class": "edge" + (sel ? " selected" : ""), fill: "none",
        "stroke-width": ((big ? 0.6 : 1) + (big ? 4 : 7) * Math.sqrt(e.families / maxF)).toFixed(1),
        stroke: lagColor(e.median_lag_days), "marker-end": "url(#arrow)",
        "data-src": e.src, "data-dst": e.dst},
        svg("title", null, e.src + " → " + e.dst + ": " + e.families + " families, median lag " +
            lag + (e.reprint_share === null ? "" : ", reprint share " + (100 * e.reprint_share).toFixed(0) + "%")));
      path.addEventListener("click", function () {
        location.hash = hash(["network", e.src, e.dst], min > 1 ? {min: min} : null);
      });
      add(g, path);
    });
    var labels = svg("g", {"class": "labels"});
    d.nodes.forEach(function (n) {
      var r = radius(n);
      add(g, svg("a", {href: hash(["site", n.id]), "class": "node" + (n.label ? " labelled" : "")},
        svg("circle", {cx: n.x, cy: n.y, r: r.toFixed(1)},
            svg("title", null, n.id + ": " + n.articles + " articles, " + n.degree + " shared families"))));
      if (n.label) {
        add(labels, svg("text", {x: n.x, y: n.y - r - 3, "text-anchor": "middle", "class": "label"}, n.id));
      }
    });
    add(g, labels);  // labels last: drawn over every edge and node
    // Wheel zooms around the pointer by shrinking/growing the viewBox.
    root.addEventListener("wheel", function (ev) {
      ev.preventDefault();
      var rect = root.getBoundingClientRect();
      var px = view[0] + (ev.clientX - rect.left) / rect.width * view[2];
      var py = view[1] + (ev.clientY - rect.top) / rect.height * view[3];
      var f = ev.deltaY < 0 ? 0.85 : 1 / 0.85;
      view = [px - (px - view[0]) * f, py - (py - view[1]) * f, view[2] * f, view[3] * f];
      root.setAttribute("viewBox", view.map(function (v) { return v.toFixed(1); }).join(" "));
    }, {passive: false});
    var shown = d.nodes.filter(function (n) { return n.label; }).length;
    add(frag, section("Site network",
      form,
      el("p", {"class": "muted"}, d.nodes.length + " sites, " + d.edges.length + " edges" +
        (shown < d.nodes.length ? "; the " + shown + " sites sharing most families are labelled, hover any site for its name" : "") +
        ". Sites that reprint each other are drawn close together (force layout). Arrows point from the earlier site to the reprinting site; width = families, colour = median lag (green fast, red slow). Wheel to zoom, click a site for its page, an edge for its families."),
      root));
    var panel = el("div", {id: "edge-panel"});
    add(frag, panel);
    if (src && dst) {
      load("edge", {src: src, dst: dst}).then(function (ed) {
        panel.replaceChildren(section("Families behind " + src + " → " + dst,
          ed.error ? missing(ed.error) : ed.missing ? missing(ed.missing) : familyTable(ed.families)));
        panel.setAttribute("data-loaded", "1");
      });
    }
    return frag;
  }
  function lagColor(days) {
    if (days === null || days === undefined) { return "#888"; }
    var t = Math.max(0, Math.min(1, Math.log(1 + days) / Math.log(31)));
    return "rgb(" + Math.round(40 + 200 * t) + "," + Math.round(160 - 110 * t) + ",60)";
  }

  // -- family ----------------------------------------------------------------------------------
  function renderFamily(d) {
    if (d.error || d.missing) { return section("Family", missing(d.error || d.missing)); }
    var f = d.family;
    var frag = el("div", null, section("Passage family " + f.family_id,
      el("p", null, f.witnesses + " witnesses on " + f.sites + " sites, " + (f.first || "?") + " → " + (f.last || "?") +
        (f.banal ? " (flagged as boilerplate" + (f.banal_reason ? ": " + f.banal_reason : "") + ")" : "") +
        (f.date_status && f.date_status !== "ok" ? " · earliest witness: " + f.date_status : "")),
      el("blockquote", {"class": "passage"}, f.text)));
    add(frag, section("Spread over time", familyTimeline(d.timeline)));
    add(frag, section("Reprint chain", el("ul", {"class": "tree"}, d.tree.map(treeNode))));
    var byPassage = {};
    d.witnesses.forEach(function (w) { byPassage[w.passage_id] = w; });
    add(frag, section("Witnesses in date order", el("ol", {"class": "witnesses"}, d.witnesses.map(function (w) {
      return el("li", {"class": "witness" + (w.earliest ? " earliest" : ""), id: "w-" + w.passage_id},
        el("div", {"class": "meta"},
          w.earliest ? el("span", {"class": "badge"}, "earliest") : null,
          el("strong", null, link(["site", w.site || ""], w.site || "?", null, "site-link")), " · ",
          el("span", {"class": "date"}, w.published || "undated"),
          el("span", {"class": "muted"}, " (date from " + (w.published_source || "unknown") + ")"),
          w.self_reuse ? el("span", {"class": "badge self"}, "same site") : null,
          typeof w.copy_similarity === "number" && !w.earliest ? el("span", {"class": "muted"}, " · similarity " + w.copy_similarity.toFixed(2)) : null,
          w.parent_site ? el("span", {"class": "muted parent"}, " · copied from " + w.parent_site +
            (typeof w.copy_coverage === "number" ? ", coverage " + w.copy_coverage.toFixed(2) : "") +
            (w.parent_reason ? " (" + w.parent_reason + (w.parents && w.parents.length > 1 ? ": " + w.parents.length + " parts" : "") + ")" : "")) : null,
          !w.parent && w.parent_reason === "excerpt-earlier" ? el("span", {"class": "muted"}, " · the full text: only excerpts of it were published earlier") : null,
          w.date_status && w.date_status !== "ok" ? el("span", {"class": "muted"}, " · date " + w.date_status) : null, " · ",
          link(["article", w.article_id], w.title || "article " + w.article_id, null, "article-link"),
          !REPORT && w.parent && byPassage[w.parent] ? [" · ", link(["compare"], "compare with its source",
            {a: byPassage[w.parent].article_id, b: w.article_id}, "compare-link")] : null),
        el("div", {"class": "url-line"}, pageLink(w.url)),
        el("p", {"class": "diff"}, w.diff.map(function (op) {
          var tag = op[0] === "ins" ? "ins" : op[0] === "del" ? "del" : "span";
          return el(tag, null, op[1]);
        })));
    }))));
    return frag;
  }
  function treeNode(n) {
    return el("li", null,
      link(["article", n.article_id], (n.site || "?") + " " + (n.published || "undated")),
      n.children.length ? el("ul", null, n.children.map(treeNode)) : null);
  }

  // -- article ---------------------------------------------------------------------------------
  function renderArticle(d) {
    if (d.error) { return section("Article", missing(d.error)); }
    var a = d.article;
    var meta = [["site", a.site ? link(["site", a.site], a.site, null, "site-link") : "–"], ["URL", pageLink(a.url)], ["published", (a.published || "undated") + " (date from " + (a.published_source || "unknown") + ")"],
      ["authors", a.authors.join(", ") || "–"], ["tags", a.tags.join(", ") || "–"],
      ["language", a.language || "–"], ["page type", a.page_type || "–"],
      ["article id", a.article_id]];
    var src = [["raw page", a.page_id], ["read from", (a.page_source || "?") + (a.source_offset !== null && a.source_offset !== undefined && a.source_offset >= 0 ? " @ offset " + a.source_offset : "")],
      ["source kind", a.source_kind || "–"], ["fetched", a.fetched_at || "–"], ["HTTP status", num(a.status)]];
    d.sources.forEach(function (s) {
      if (s.source === a.page_source && (s.offset === a.source_offset || (s.offset === null && a.source_offset < 0))) { return; }
      src.push(["also read from", s.source + (s.offset !== null ? " @ offset " + s.offset : "")]);
    });
    var text = el("div", {"class": "text"}, d.segments.map(function (s) {
      if (!s.marks.length) { return s.t; }
      var fam = s.marks.filter(function (m) { return m[0] === "family"; });
      var kinds = s.marks.map(function (m) { return m[0]; });
      var cls = kinds.filter(function (k, i) { return kinds.indexOf(k) === i; }).join(" ");
      var title = s.marks.map(function (m) { return m[0] + " " + m[1]; }).join("; ");
      if (fam.length) { return el("a", {href: hash(["family", fam[0][1]]), "class": "mark " + cls, title: title}, s.t); }
      return el("mark", {"class": "mark " + cls, title: title}, s.t);
    }));
    var frag = el("div", null, el("h2", {"class": "title"}, a.title || "(untitled)"),
      el("dl", {"class": "meta"}, meta.map(function (m) { return [el("dt", null, m[0]), el("dd", null, m[1])]; })),
      el("p", {"class": "legend-text"}, el("span", {"class": "mark family"}, "reused passage"), " ",
         el("span", {"class": "mark figure"}, "figure"), " ", el("span", {"class": "mark quote"}, "quote")),
      d.missing.reuse ? missing(d.missing.reuse) : null,
      d.missing.claims ? missing(d.missing.claims) : null,
      text);
    if (d.families.length) {
      add(frag, section("Reused passages", table(["chars", "family", "witnesses", ""], d.families.map(function (f) {
        return [f.start + "–" + f.end, link(["family", f.family_id], f.family_id), num(f.witnesses), f.earliest ? "earliest" : ""];
      }))));
    }
    add(frag, section("Source of this record (for verification)",
      el("dl", {"class": "meta"}, src.map(function (m) { return [el("dt", null, m[0]), el("dd", null, m[1])]; }))));
    return frag;
  }

  // -- claims ----------------------------------------------------------------------------------
  function renderClaims(d) {
    if (d.missing) { return section("Claims", missing(d.missing)); }
    return el("div", null,
      section("Figures by counted noun", table(["counted", "unit", "mentions", "distinct values", "min", "max", "sites"],
        d.figures.map(function (f) {
          return [f.counted_key, f.unit || "–", num(f.mentions), num(f.values), num(f.min), num(f.max), num(f.sites)];
        }))),
      section("Conflicting figures", conflictList(d.conflicts)),
      section("Quotes by speaker", el("div", null, d.speakers.map(function (s) {
        return el("div", {"class": "speaker"}, el("h3", null, s.name || s.speaker_key),
          el("p", {"class": "muted"}, s.quotes + " quotes on " + s.sites + " sites"),
          el("ul", null, s.examples.map(function (q) {
            // Only a direct quote goes between quote marks; a mixed quote keeps its own marks.
            var words = q.kind === "direct" ? el("q", null, q.text) : el("span", {"class": "paraphrase"}, q.text);
            return el("li", null, words, " — ", link(["article", q.article_id], (q.site || "?") + " " + (q.published || "")));
          })));
      }))));
  }

  // -- family timeline -------------------------------------------------------------------------
  /* A family's spread: one row per site, one mark per witness (a link to its article),
     parent links as arrows. Coordinates come from the server (report/timeline.py). */
  function familyTimeline(t) {
    if (!t || !t.marks.length) { return el("p", {"class": "muted"}, "No witnesses."); }
    var W = 860, L = 200, R = t.undated ? 90 : 30, top = 34, rowH = 26;
    var H = top + t.sites.length * rowH + 12;
    function x(m) { return m.pos === null ? W - R / 2 + 6 * m.lane : L + 12 + m.pos * (W - L - R - 24) + 7 * m.lane; }
    function y(m) { return top + m.row * rowH + rowH / 2; }
    var chart = svg("svg", {viewBox: "0 0 " + W + " " + H, "class": "timeline", role: "img"},
      svg("title", null, "Spread of this passage: " + t.marks.length + " witnesses on " + t.sites.length + " sites"),
      svg("defs", null, svg("marker", {id: "tl-arrow", viewBox: "0 0 10 10", refX: 10, refY: 5,
        markerUnits: "userSpaceOnUse", markerWidth: 9, markerHeight: 9, orient: "auto"},
        svg("path", {d: "M 0 0 L 10 5 L 0 10 z", fill: "#555"}))));
    t.sites.forEach(function (s, i) {
      var yy = top + i * rowH + rowH / 2;
      add(chart, svg("line", {x1: L, y1: yy, x2: W, y2: yy, "class": "tl-row"}));
      add(chart, svg("a", {href: hash(["site", s])}, svg("title", null, s),
        svg("text", {x: L - 8, y: yy + 4, "text-anchor": "end", "class": "tl-site"}, s.length > 30 ? s.slice(0, 29) + "…" : s)));
    });
    t.ticks.forEach(function (k) {
      var xx = L + 12 + k.pos * (W - L - R - 24);
      add(chart, svg("line", {x1: xx, y1: top - 6, x2: xx, y2: H - 8, "class": "tl-tick"}));
      add(chart, svg("text", {x: xx, y: top - 12, "text-anchor": "middle", "class": "axis"}, k.label));
    });
    if (t.undated) {
      add(chart, svg("text", {x: W - R / 2, y: top - 12, "text-anchor": "middle", "class": "axis"}, "undated"));
    }
    var at = {};
    t.marks.forEach(function (m) { at[m.passage_id] = m; });
    t.links.forEach(function (l) {
      var a = at[l[0]], b = at[l[1]];
      if (!a || !b) { return; }
      var x1 = x(a), y1 = y(a), x2 = x(b), y2 = y(b);
      var dx = x2 - x1, dy = y2 - y1, len = Math.sqrt(dx * dx + dy * dy) || 1;
      var ex = x2 - dx / len * 8, ey = y2 - dy / len * 8;
      var bend = Math.min(40, len / 4);
      add(chart, svg("path", {d: "M " + x1.toFixed(1) + " " + y1.toFixed(1) + " Q " + ((x1 + ex) / 2 + dy / len * bend).toFixed(1) +
        " " + ((y1 + ey) / 2 - dx / len * bend).toFixed(1) + " " + ex.toFixed(1) + " " + ey.toFixed(1),
        "class": "tl-link", fill: "none", "marker-end": "url(#tl-arrow)", "data-from": a.article_id, "data-to": b.article_id},
        svg("title", null, (b.site || "?") + " copied from " + (a.site || "?"))));
    });
    t.marks.forEach(function (m) {
      add(chart, svg("a", {href: hash(["article", m.article_id]), "class": "tl-mark" + (m.earliest ? " earliest" : "")},
        svg("circle", {cx: x(m).toFixed(1), cy: y(m), r: 6},
          svg("title", null, (m.site || "?") + " · " + (m.day || "undated") + (m.earliest ? " · earliest witness" : "")))));
    });
    return el("div", null, chart, el("p", {"class": "muted"},
      "Each mark is a witness (click for its article), rows are sites in the order they carried the passage, arrows go from the witness each copy was taken from." +
      (t.undated ? " Undated witnesses are in the right-hand column." : "")));
  }

  // -- site page -------------------------------------------------------------------------------
  function edgeTable(rows, other) {
    if (!rows || !rows.length) { return el("p", {"class": "muted"}, "None found."); }
    return table(["site", "families", "reprinted passages", "median lag", "reprint share", ""], rows.map(function (e) {
      var s = e[other];
      return [link(["site", s], s, null, "site-link"), num(e.families), num(e.reprints),
        e.median_lag_days === null ? "–" : e.median_lag_days.toFixed(1) + " days",
        e.reprint_share === null ? "–" : (100 * e.reprint_share).toFixed(0) + "%",
        link(["network", e.src, e.dst], "families →")];
    }));
  }
  function renderSite(d) {
    if (d.error) { return section("Site", missing(d.error)); }
    var c = d.counts;
    var frag = el("div", null, section("Site " + d.site,
      el("p", null, num(c.articles) + " articles, " + (c.first || "?") + " → " + (c.last || "?") + " · ",
        link(["search"], "search its articles", {site: d.site}))));
    if (d.identity) { add(frag, siteIdentity(d.identity)); }
    if (d.missing) {
      add(frag, missing(d.missing));
    } else {
      add(frag, section("Reprints from (sites it copied passages from)", edgeTable(d.reprints_from, "src")));
      add(frag, section("Reprinted by (sites that copied passages from it)", edgeTable(d.reprinted_by, "dst")));
      add(frag, section("Passage families on this site (" + num(d.families_total) + ")", !d.families.length
        ? el("p", {"class": "muted"}, "No families.")
        : table(["witnesses", "sites", "first", "role here", "passage"], d.families.map(function (f) {
            return [num(f.witnesses), num(f.sites), f.first || "–", f.origin ? "earliest witness" : "reprint",
                    link(["family", f.family_id], f.text || f.family_id, null, "family-link")];
          }))));
    }
    add(frag, section("Newest articles", table(["published", "title", "type"], d.articles.map(function (a) {
      return [a.published || "undated", link(["article", a.article_id], a.title || "(untitled)", null, "article-link"), a.page_type || "–"];
    }))));
    return frag;
  }

  // -- networks: site links by label (issue #14) -------------------------------------------------
  var LINK_COLORS = {"shared-owner": "#1f6fb4", "coordination": "#c62828", "syndication": "#2e7d32", "none": "#999"};
  function labelMark(label) {
    return el("span", {"class": "link-label", "data-label": label}, label);  // coloured by app.css
  }
  function siteIdentity(idn) {
    var frag = el("div", {"class": "site-identity"});
    add(frag, section("Identifiers (" + idn.ids.length + ")", !idn.ids.length
      ? el("p", {"class": "muted"}, "No identifiers found on its pages.")
      : table(["kind", "value", "pages", "sites with it", "first", "last"], idn.ids.map(function (i) {
          return [i.kind, i.value, num(i.pages), num(i.sites_with_value), (i.first_seen || "–").slice(0, 10), (i.last_seen || "–").slice(0, 10)];
        }))));
    if (idn.links_missing) { add(frag, section("Links to other sites", missing(idn.links_missing))); return frag; }
    var nets = idn.networks.length ? el("p", null, "In network ", idn.networks.map(function (n) { return link(["networks"], n); })) : null;
    add(frag, section("Links to other sites (" + idn.links.length + ")", nets, !idn.links.length
      ? el("p", {"class": "muted"}, "No site shares anything with this one.")
      : table(["site", "label", "score", "evidence"], idn.links.map(function (l) {
          return [link(["site", l.other], l.other, null, "site-link"), labelMark(l.label), num(l.score, 2), l.evidence];
        }))));
    return frag;
  }
  function renderNetworks(d) {
    var frag = el("div", null);
    if (d.missing) { add(frag, section("Networks", missing(d.missing))); return frag; }
    add(frag, section("Networks (" + d.networks.length + ")",
      el("p", {"class": "muted"}, "Groups of sites joined by coordination (undisclosed: rare shared accounts, or repeated uncredited co-publication within " +
        (d.window_minutes === null ? "the co-publication window" : d.window_minutes + " minutes, the window estimated from this corpus's reprint lags") +
        ") or shared-owner links (the same publisher named)."),
      !d.networks.length ? el("p", {"class": "muted"}, "No networks.")
        : table(["network", "label", "sites", "what joins them"], d.networks.map(function (n) {
            return [n.network_id, labelMark(n.label),
                    el("span", null, n.sites.map(function (s, i) { return [i ? " " : "", link(["site", s], s, null, "site-link")]; })),
                    n.summary];
          }))));
    if (d.nodes.length) { add(frag, section("Site links", linkGraph(d))); }
    add(frag, section("Links (" + d.edges.length + ")", table(["site", "site", "label", "score", "evidence"], d.edges.map(function (e) {
      return [link(["site", e.src], e.src, null, "site-link"), link(["site", e.dst], e.dst, null, "site-link"), labelMark(e.label), num(e.score, 2), e.evidence];
    }))));
    return frag;
  }
  function linkGraph(d) {
    var pos = {}, netClass = {}, k = 0;  // eight network colours (net-c0..7 in app.css)
    d.nodes.forEach(function (n) {
      pos[n.id] = n;
      if (n.network && !(n.network in netClass)) { netClass[n.network] = "net-c" + (k++ % 8); }
    });
    var root = svg("svg", {viewBox: "0 0 1000 840", "class": "network links", role: "img", "data-nodes": d.nodes.length, "data-edges": d.edges.length},
      svg("title", null, "Site links: " + d.nodes.length + " sites, " + d.edges.length + " links"));
    d.edges.forEach(function (e) {
      var a = pos[e.src], b = pos[e.dst];
      if (!a || !b) { return; }
      add(root, svg("line", {x1: a.x, y1: a.y, x2: b.x, y2: b.y, stroke: LINK_COLORS[e.label] || "#999", "stroke-width": 1 + 3 * (e.score || 0),
                             "class": "edge", "data-label": e.label},
        svg("title", null, e.src + " – " + e.dst + ": " + e.label + " (" + e.evidence + ")")));
    });
    d.nodes.forEach(function (n) {
      add(root, svg("a", {href: hash(["site", n.id]), "class": "node"},
        svg("circle", {cx: n.x, cy: n.y, r: 7, "class": netClass[n.network] || "net-none"}, svg("title", null, n.id + (n.network ? " · network " + n.network : ""))),
        n.label ? svg("text", {x: n.x, y: n.y - 10, "text-anchor": "middle", "class": "label"}, n.id) : null));
    });
    var legend = el("p", {"class": "muted"}, "Edge colour = label: ", labelMark("shared-owner"), ", ", labelMark("coordination"), ", ", labelMark("syndication"),
      "; width = score; nodes coloured by network (grey: in none). Click a site for its identifiers and links.");
    return el("div", null, legend, root);
  }

  // -- compare ---------------------------------------------------------------------------------
  function diffText(ops) {
    return ops.map(function (op) {
      var tag = op[0] === "ins" ? "ins" : op[0] === "del" ? "del" : "span";
      return el(tag, null, op[1]);
    });
  }
  function renderCompare(d, p) {
    var ia = el("input", {type: "text", name: "a", value: p.a || "", placeholder: "URL or article id", "aria-label": "first article", size: 50});
    var ib = el("input", {type: "text", name: "b", value: p.b || "", placeholder: "URL or article id", "aria-label": "second article", size: 50});
    var form = el("form", {"class": "ct-form compare-form"}, ia, ib, el("button", {type: "submit"}, "Compare"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      location.hash = hash(["compare"], {a: ia.value, b: ib.value});
    });
    var frag = el("div", {"class": "compare-view"}, section("Compare two articles", form,
      el("p", {"class": "muted"}, "Give two URLs (any normal form: http or https, www., trailing slash, utm_ parameters) or article ids. The texts are aligned now, whether or not the reuse stage paired them; changed words are marked.")));
    if (!d) { return frag; }
    if (d.error) { add(frag, missing(d.error)); return frag; }
    function head(s) {
      return el("div", {"class": "cmp-head"}, el("strong", null, link(["site", s.site || ""], s.site || "?")), " · ", s.published || "undated", " · ",
        link(["article", s.article_id], s.title || "(untitled)", null, "article-link"), el("div", {"class": "url-line"}, pageLink(s.url)));
    }
    var shared = d.rows.filter(function (r) { return r.kind === "shared"; }).length;
    var moved = d.passages.filter(function (x) { return x.moved; }).length;
    add(frag, el("p", {"class": "cmp-summary"}, d.passages.length + " shared passages (at least " + d.min_words + " words): " +
      (100 * d.shared_a).toFixed(0) + "% of the left text, " + (100 * d.shared_b).toFixed(0) + "% of the right" +
      (moved ? "; " + moved + " in a different order (not aligned below)" : "") + (d.truncated ? "; long texts were cut" : "") + "."));
    var grid = el("div", {"class": "cmp-grid", "data-shared": shared}, head(d.a), head(d.b));
    d.rows.forEach(function (r) {
      var cls = "cmp-cell " + r.kind;
      add(grid, el("div", {"class": cls + " left", title: "characters " + r.a_span[0] + "–" + r.a_span[1]}, diffText(r.a)));
      add(grid, el("div", {"class": cls + " right", title: "characters " + r.b_span[0] + "–" + r.b_span[1]}, diffText(r.b)));
    });
    add(frag, grid);
    return frag;
  }

  // -- report metadata -------------------------------------------------------------------------
  function aboutSection(a) {
    var rows = [["generated", a.generated], ["copytrail version", a.version], ["store", a.store],
      ["subset", a.subset_text]];
    Object.keys(a.corpus || {}).forEach(function (k) { rows.push(["corpus: " + k.replace(/_/g, " "), num(a.corpus[k])]); });
    var settings = Object.keys(a.settings || {}).sort().map(function (k) { return [k, String(a.settings[k])]; });
    return section("About this report", el("dl", {"class": "meta about"}, rows.map(function (m) {
      return [el("dt", null, m[0]), el("dd", null, m[1] === null || m[1] === undefined ? "–" : m[1])];
    })), el("h3", null, "Settings"), table(["setting", "value"], settings));
  }

  // -- query syntax (the report's search; the explorer parses on the server, report/search.py) --
  var DATE_RE = /^\d{4}(-\d{2}(-\d{2})?)?$/;
  function dateError(key, v) {
    var ok = DATE_RE.test(v);
    if (ok) {
      var p = (v + "-01-01").split("-"), y = +p[0], m = +p[1], dd = +p[2];
      var dt = new Date(Date.UTC(y, m - 1, dd));
      ok = dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === dd;
    }
    return ok ? null : key + ":" + v + " is not a date: use YYYY, YYYY-MM or YYYY-MM-DD";
  }
  function wordsOf(s) { return (s.toLowerCase().match(/[\p{L}\p{N}]+/gu) || []); }
  function urlKey(u) {
    var s = String(u || "").trim().toLowerCase().replace(/#.*$/, "").replace(/^https?:\/\//, "").replace(/^www\./, "");
    var q = s.indexOf("?"), path = q >= 0 ? s.slice(0, q) : s, query = q >= 0 ? s.slice(q + 1) : "";
    query = query.split("&").filter(function (kv) { return kv && !/^(utm_|fbclid|gclid|mc_cid|mc_eid|_ga|yclid|igshid)/.test(kv); }).join("&");
    return path.replace(/\/+$/, "") + (query ? "?" + query : "");
  }
  function parseQuery(q) {
    q = String(q || "").trim().slice(0, 400);
    var out = {terms: [], phrases: [], excluded: [], filters: {}, url: null, errors: []};
    if (/^url:/i.test(q) || /^(https?:\/\/|www\.)\S+$/i.test(q) || /^[\w-]+(\.[\w-]+)+\/\S*$/.test(q)) {
      out.url = q.replace(/^url:/i, "").trim();
      return out;
    }
    var re = /(-?)(?:([a-z_]+):)?(?:"([^"]*)"?|(\S+))/gi, m;
    while ((m = re.exec(q)) !== null) {
      if (m[0] === "") { re.lastIndex++; continue; }
      var neg = m[1], key = (m[2] || "").toLowerCase(), quoted = m[3], bare = m[4];
      var value = quoted !== undefined ? quoted : (bare || "");
      if ((key === "site" || key === "since" || key === "until") && !neg) {
        value = value.trim();
        var err = key === "site" ? null : dateError(key, value);
        if (err) { out.errors.push(err); } else if (value) { out.filters[key] = value; }
        continue;
      }
      var text = key ? key + ":" + value : value, words = wordsOf(text);
      var isPhrase = quoted !== undefined || (key && words.length > 1);
      if (neg) { if (words.length) { out.excluded.push(words.join(" ")); } }
      else if (isPhrase && words.length > 1) { out.phrases.push(words.join(" ")); }
      else if (text.trim()) { out.terms.push(quoted !== undefined && words.length ? words[0] : text.trim().toLowerCase()); }
    }
    return out;
  }
  function hasWords(normed, words) { return normed.indexOf(" " + words + " ") >= 0; }

  // -- search ----------------------------------------------------------------------------------
  function renderSearch(d) {
    var params = {q: d.q};
    Object.keys(d.filters).forEach(function (k) { params[k] = d.filters[k]; });
    var input = el("input", {type: "search", name: "q", value: d.q, placeholder: "words in title or text", "aria-label": "search"});
    var since = el("input", {type: "text", name: "since", value: d.filters.since || "", placeholder: "since YYYY-MM-DD", size: 14});
    var until = el("input", {type: "text", name: "until", value: d.filters.until || "", placeholder: "until YYYY-MM-DD", size: 14});
    var form = el("form", {"class": "search"}, input, since, until, el("button", {type: "submit"}, "Search"));
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var p = {};
      Object.keys(d.filters).forEach(function (k) { p[k] = d.filters[k]; });
      p.q = input.value; p.since = since.value; p.until = until.value;
      location.hash = hash(["search"], p);
    });
    var modeText = {fts: "DuckDB full-text index (BM25)",
      words: "every word, through the explorer's in-memory word index (DuckDB's full-text extension is not available offline)",
      substring: "substring match over title and text, scanning every text" +
        (d.index === "building" ? " (the word index is still being built)" : "") +
        " (DuckDB's full-text extension is not available offline)",
      report: "substring match over the articles in this report",
      url: "the article at this URL (http or https, www., trailing slash and utm_ parameters ignored)"}[d.mode] || d.mode;
    var facets = el("aside", {"class": "facets"}, ["site", "author", "tag", "language", "page_type", "year"].map(function (f) {
      var items = d.facets[f] || [];
      if (!items.length) { return null; }
      return el("div", {"class": "facet", "data-facet": f}, el("h3", null, f.replace("_", " ")), el("ul", null, items.map(function (vn) {
        var p = Object.assign({}, params);
        if (f === "year") { p.since = vn[0]; p.until = vn[0]; } else { p[f] = vn[0]; }
        delete p.page;
        var active = d.filters[f] === vn[0];
        return el("li", null, link(["search"], String(vn[0]), p, active ? "active" : null), el("span", {"class": "muted"}, " " + vn[1]));
      })));
    }));
    var active = Object.keys(d.filters).map(function (k) {
      var p = Object.assign({}, params);
      delete p[k]; delete p.page;
      return el("span", {"class": "chip"}, k + ": " + d.filters[k] + " ", link(["search"], "✕", p, "remove"));
    });
    var results = el("ol", {"class": "results", start: (d.page - 1) * d.per_page + 1}, d.results.map(function (r) {
      return el("li", null, link(["article", r.article_id], r.title || "(untitled)", null, "result-title"),
        el("div", {"class": "muted"}, (r.site || "?") + " · " + (r.published || "undated") + " · " + (r.page_type || "")),
        el("div", {"class": "snippet"}, r.snippet));
    }));
    var pager = el("div", {"class": "pager"});
    if (d.page > 1) { add(pager, link(["search"], "← previous", Object.assign({}, params, {page: d.page - 1}), "prev")); }
    add(pager, el("span", null, " page " + d.page + " of " + d.pages + " "));
    if (d.page < d.pages) { add(pager, link(["search"], "next →", Object.assign({}, params, {page: d.page + 1}), "next")); }
    var qd = d.query || {terms: [], phrases: [], excluded: [], url: null};
    var parsed = [];
    qd.phrases.forEach(function (w) { parsed.push(el("span", {"class": "chip phrase"}, "phrase: \u201c" + w + "\u201d")); });
    qd.excluded.forEach(function (w) { parsed.push(el("span", {"class": "chip excluded"}, "without: " + w)); });
    if (qd.url) { parsed.push(el("span", {"class": "chip url"}, "URL: " + qd.url)); }
    return el("div", {"class": "search-view"}, form,
      el("p", {"class": "muted syntax"}, "Words must all occur; \"exact phrase\"; -word or -\"phrase\" leaves out; site:example.org, since:2024-03, until:2024-04-15; or paste a URL to find its article."),
      (d.errors || []).map(function (e) { return el("p", {"class": "error search-error"}, e); }),
      el("p", {"class": "muted mode", "data-mode": d.mode}, "Search: " + modeText),
      el("p", {"class": "chips parsed"}, parsed),
      el("p", {"class": "chips"}, active),
      el("div", {"class": "search-body"}, facets, el("div", null,
        el("p", {"class": "total"}, d.total + " articles"), results, pager)));
  }

  window.addEventListener("hashchange", render);
  render();
})();
