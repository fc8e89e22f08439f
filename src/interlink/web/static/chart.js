/* The link chart: Cytoscape.js (from npm, served by the agency server) on the JSON of
   /chart/data. Everything runs offline; the only requests go to this server. */
(function () {
  "use strict";
  var box = document.getElementById("cy");
  if (!box || typeof cytoscape !== "function") { return; }
  var status = document.getElementById("chart-status");
  var form = document.getElementById("chart-form");
  var kindsBox = document.getElementById("kinds");
  var nodeA = document.getElementById("node-a");
  var nodeB = document.getElementById("node-b");
  var buttons = {
    expand: document.getElementById("expand"), path: document.getElementById("path"),
    png: document.getElementById("png"), open: document.getElementById("open")
  };
  var dateFrom = document.getElementById("date-from");
  var dateTo = document.getElementById("date-to");
  var graphml = document.getElementById("graphml");
  var gexf = document.getElementById("gexf");
  // link colours by type: the chart's style and its legend read the same map
  var KIND_COLOURS = { payment: "#2e7d32", call: "#6a5acd", family: "#c62828" };
  var OTHER_LINK = "#9aa3ad";
  var PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#8c564b", "#e377c2",
                 "#7f7f7f", "#bcbd22", "#17becf", "#ff7f0e", "#393b79", "#637939"];
  var msg = function (key, values) {
    var text = box.dataset[key] || "";
    Object.keys(values || {}).forEach(function (k) { text = text.replace("%(" + k + ")s", values[k]); });
    return text;
  };
  // a plural message: the page gives its text per CLDR category, Intl.PluralRules picks one
  var lang = document.documentElement.lang || "en";
  var plural = function (key, n) {
    var forms = JSON.parse(box.dataset[key] || "{}");
    var text = forms[new Intl.PluralRules(lang).select(n)] || forms.other || "";
    return text.replace("%(num)s", n.toLocaleString(lang));
  };
  var kindLabels = JSON.parse(box.dataset.kindLabels || "{}");
  // one node per resolved entity by default; "raw" shows each agency's record as its own node
  var rawQuery = box.dataset.raw === "1" ? "&raw=1" : "";
  var say = function (text) { status.textContent = text; };

  var cy = cytoscape({
    container: box,
    wheelSensitivity: 0.3,
    textureOnViewport: true,
    hideEdgesOnViewport: true,
    style: [
      { selector: "node", style: {
        "label": "data(label)", "font-size": 9, "text-valign": "bottom", "text-margin-y": 2,
        "width": "mapData(score, 0, 1, 10, 56)", "height": "mapData(score, 0, 1, 10, 56)",
        "background-color": function (n) { return PALETTE[n.data("community") % PALETTE.length]; },
        "border-width": 0, "min-zoomed-font-size": 7 } },
      { selector: "node[?centre]", style: { "border-width": 3, "border-color": "#000" } },
      { selector: "node:selected, node.picked", style: { "border-width": 4, "border-color": "#b35c00" } },
      { selector: "edge", style: { "width": "mapData(weight, 1, 10, 1, 5)",
        "line-color": function (e) { return KIND_COLOURS[e.data("kind")] || OTHER_LINK; },
        "curve-style": "haystack", "opacity": 0.8 } },
      { selector: "edge:selected", style: { "line-color": "#b35c00", "width": 6, "opacity": 1 } },
      { selector: "edge.path", style: { "line-color": "#b35c00", "width": 6, "opacity": 1, "z-index": 9 } },
      { selector: "node.path", style: { "border-width": 5, "border-color": "#b35c00" } },
      { selector: ".filtered", style: { "display": "none" } }
    ],
    elements: []
  });

  function layout() {
    var n = cy.nodes().length;
    var opts = n > 900
      ? { name: "concentric", concentric: function (node) { return node.data("score"); },
          levelWidth: function () { return 0.08; }, animate: false, minNodeSpacing: 4 }
      : { name: "cose", animate: false, randomize: true, numIter: n > 300 ? 400 : 1000,
          nodeRepulsion: function () { return 8000; }, idealEdgeLength: function () { return 40; } };
    cy.layout(opts).run();
    cy.fit(undefined, 20);
  }

  function fillSelects() {
    var nodes = cy.nodes().map(function (n) { return [n.id(), n.data("label")]; })
      .sort(function (a, b) { return a[1].localeCompare(b[1]); });
    [nodeA, nodeB].forEach(function (sel) {
      var keep = sel.value;
      while (sel.options.length > 1) { sel.remove(1); }
      nodes.forEach(function (pair) {
        var o = document.createElement("option");
        o.value = pair[0]; o.textContent = pair[1] + " (" + pair[0] + ")";
        sel.appendChild(o);
      });
      sel.value = keep;
    });
  }

  function fillKinds(kinds) {
    var have = {};
    kindsBox.querySelectorAll("input").forEach(function (i) { have[i.value] = true; });
    var empty = document.getElementById("kinds-empty");
    if (kinds.length && empty) { empty.remove(); }
    kinds.forEach(function (kind) {
      if (have[kind]) { return; }
      var label = document.createElement("label");
      label.className = "check";
      var input = document.createElement("input");
      input.type = "checkbox"; input.value = kind; input.checked = true;
      input.addEventListener("change", applyFilters);
      label.appendChild(input);
      label.appendChild(document.createTextNode(" " + (kindLabels[kind] || kind.replace(/_/g, " "))));
      kindsBox.appendChild(label);
    });
  }

  function applyFilters() {
    var off = {};
    kindsBox.querySelectorAll("input").forEach(function (i) { if (!i.checked) { off[i.value] = true; } });
    var from = dateFrom.value, to = dateTo.value;
    cy.batch(function () {
      cy.edges().forEach(function (e) {
        var kinds = e.data("kinds") || [];
        var shown = kinds.some(function (k) { return !off[k]; });
        var d = e.data("date");
        // a partial date ("2024", "2024-03") is a period: shown if it meets the range
        if (d && from && upper(d) < from) { shown = false; }
        if (d && to && lower(d) > to) { shown = false; }
        e.toggleClass("filtered", !shown);
      });
    });
    markTimeline();
  }
  function lower(d) { return (d + "-01-01").slice(0, 10); }
  function upper(d) {
    if (d.length >= 10) { return d.slice(0, 10); }
    return periodEnd(d.length >= 7 ? d.slice(0, 7) : d.slice(0, 4));
  }

  // --- the timeline: dated links per month (per year over twenty years) --------------------
  var bars = document.getElementById("timeline-bars");
  function period(d, yearly) { return yearly || d.length < 7 ? d.slice(0, 4) : d.slice(0, 7); }
  function periodEnd(p) {
    if (p.length === 4) { return p + "-12-31"; }
    var last = new Date(Date.UTC(Number(p.slice(0, 4)), Number(p.slice(5, 7)), 0)).getUTCDate();
    return p + "-" + String(last).padStart(2, "0");
  }
  function fillTimeline() {
    bars.textContent = "";
    document.querySelectorAll("#timeline-range span").forEach(function (s) { s.textContent = ""; });
    var dates = cy.edges().map(function (e) { return e.data("date"); }).filter(Boolean).sort();
    document.getElementById("timeline-empty").hidden = dates.length > 0;
    if (!dates.length) { return; }
    var first = dates[0], last = dates[dates.length - 1];
    var yearly = Number(last.slice(0, 4)) - Number(first.slice(0, 4)) >= 20;
    var count = {};
    dates.forEach(function (d) { var k = period(d, yearly); count[k] = (count[k] || 0) + 1; });
    // every period from the first to the last, empty ones too: a gap is part of the story
    var keys = [], y = Number(first.slice(0, 4)), m = yearly ? 1 : Number(first.slice(5, 7)) || 1;
    var end = period(last, yearly);
    for (var guard = 0; guard < 1000; guard++) {
      var k = yearly ? String(y) : y + "-" + String(m).padStart(2, "0");
      keys.push(k);
      if (k >= end) { break; }
      if (yearly || m === 12) { y += 1; m = 1; } else { m += 1; }
    }
    Object.keys(count).forEach(function (k) { if (keys.indexOf(k) < 0) { keys.push(k); } });
    keys.sort();
    var ends = document.querySelectorAll("#timeline-range span");
    ends[0].textContent = keys[0]; ends[1].textContent = keys.length > 1 ? keys[keys.length - 1] : "";
    var most = Math.max.apply(null, keys.map(function (k) { return count[k] || 0; }));
    keys.forEach(function (k) {
      var n = count[k] || 0;
      var bar = document.createElement("button");
      bar.type = "button"; bar.className = "bar"; bar.dataset.period = k;
      bar.dataset.count = String(n);
      bar.title = k + " · " + plural("pluralLinks", n);
      bar.setAttribute("aria-label", bar.title);
      var fill = document.createElement("span");
      fill.style.height = (n ? Math.max(8, Math.round(100 * n / most)) : 0) + "%";
      bar.appendChild(fill);
      bar.disabled = n === 0;
      bar.addEventListener("click", function () {
        dateFrom.value = k.length === 4 ? k + "-01-01" : k + "-01";
        dateTo.value = periodEnd(k);
        applyFilters();
      });
      bars.appendChild(bar);
    });
    markTimeline();
  }
  function markTimeline() {
    if (!bars) { return; }
    var from = dateFrom.value, to = dateTo.value;
    bars.querySelectorAll(".bar").forEach(function (bar) {
      var k = bar.dataset.period;
      var out = (from && periodEnd(k) < from) || (to && lower(k) > to);
      bar.classList.toggle("out", Boolean(out));
    });
  }
  document.getElementById("timeline-all").addEventListener("click", function () {
    dateFrom.value = ""; dateTo.value = ""; applyFilters();
  });

  // --- merge or split: a judgement on a pair of records, then the chart redrawn -----------
  var judgeBox = document.getElementById("chart-judge");
  var split = document.getElementById("split-record");
  var judged = document.getElementById("judge-status");
  function recordsOf(id) {
    var n = id ? cy.getElementById(id) : null;
    return n && !n.empty() ? (n.data("records") || [id]) : [];
  }
  function fillSplit(a) {
    while (split.options.length > 1) { split.remove(1); }
    var records = recordsOf(a);
    if (records.length > 1) {
      records.forEach(function (r) {
        var o = document.createElement("option"); o.value = r; o.textContent = r; split.appendChild(o);
      });
    }
  }
  function judge(pairs, verdict) {
    judged.textContent = msg("msgLoading");
    var reason = document.getElementById("judge-reason").value;
    var one = function (i) {
      if (i >= pairs.length) {
        judged.textContent = msg("msgJudged");
        var ids = document.getElementById("chart-ids").value;
        return load(ids, document.getElementById("chart-depth").value, true);
      }
      var body = new URLSearchParams({ csrf: judgeBox.dataset.csrf, left_id: pairs[i][0],
                                       right_id: pairs[i][1], verdict: verdict, reason: reason });
      return fetch("/chart/judge", { method: "POST", credentials: "same-origin", body: body })
        .then(function (r) { return r.json().then(function (d) { return [r.ok, d]; }); })
        .then(function (res) {
          if (!res[0]) { judged.textContent = res[1].error || ""; return null; }
          return one(i + 1);
        });
    };
    one(0).catch(function (err) { judged.textContent = String(err); });
  }
  document.getElementById("judge-same").addEventListener("click", function () {
    judge([[recordsOf(nodeA.value)[0], recordsOf(nodeB.value)[0]]], "same");
  });
  document.getElementById("judge-different").addEventListener("click", function () {
    judge([[recordsOf(nodeA.value)[0], recordsOf(nodeB.value)[0]]], "different");
  });
  document.getElementById("judge-split").addEventListener("click", function () {
    var chosen = split.value;
    // apart from every other record of the node: one "different" alone may leave it joined
    // through a third record
    judge(recordsOf(nodeA.value).filter(function (r) { return r !== chosen; })
      .map(function (r) { return [chosen, r]; }), "different");
  });
  split.addEventListener("change", function () {
    document.getElementById("judge-split").disabled = !split.value;
  });

  function update() {
    var a = nodeA.value, b = nodeB.value;
    cy.nodes(".picked").removeClass("picked");
    if (a) { cy.getElementById(a).addClass("picked"); }
    if (b) { cy.getElementById(b).addClass("picked"); }
    buttons.expand.disabled = !a;
    buttons.open.disabled = !a;
    buttons.path.disabled = !(a && b && a !== b);
    document.getElementById("judge-same").disabled = !(a && b && a !== b);
    document.getElementById("judge-different").disabled = !(a && b && a !== b);
    if (split.dataset.node !== a) { fillSplit(a); split.dataset.node = a; }
    document.getElementById("judge-split").disabled = !split.value;
  }

  function load(ids, depth, replace, types) {
    say(msg("msgLoading"));
    var url = "/chart/data?ids=" + encodeURIComponent(ids) + "&depth=" + depth + rawQuery +
      (types ? "&types=" + encodeURIComponent(types) : "");
    return fetch(url, { credentials: "same-origin" }).then(function (r) {
      if (r.status === 503) {  // the viewer's graph is being rebuilt: try again shortly
        say(msg("msgPreparing"));
        setTimeout(function () { load(ids, depth, replace, types); }, 10000);
        return null;
      }
      if (!r.ok) { throw new Error("HTTP " + r.status); }
      return r.json();
    }).then(function (data) {
      if (!data) { return; }
      if (replace) { cy.elements().remove(); }
      var fresh = [];
      data.nodes.concat(data.edges).forEach(function (el) {
        if (cy.getElementById(el.data.id).empty()) { fresh.push(el); }
      });
      cy.add(fresh.filter(function (el) { return !el.data.source; }));
      cy.add(fresh.filter(function (el) { return el.data.source; }));
      if (!cy.nodes().length) { say(msg("msgEmpty")); return; }
      layout();
      fillKinds(data.kinds);
      fillSelects();
      split.dataset.node = "";  // the records behind a node may have changed (a judgement)
      fillLegend();
      fillTimeline();
      if (replace) { showEvidence(null); showPath(null); }
      applyFilters();
      update();
      var text = msg("msgNodes", { nodes: plural("pluralNodes", cy.nodes().length),
                                   links: plural("pluralLinks", cy.edges().length) });
      say(data.truncated ? text + " " + msg("msgTruncated") : text);
      box.dataset.loaded = String(cy.nodes().length);
    }).catch(function (err) { say(String(err)); });
  }

  // --- the legend: the colours of the communities drawn, the sizes, the link types -------
  function swatch(colour, round) {
    var span = document.createElement("span");
    span.className = "swatch" + (round ? " round" : "");
    span.style.backgroundColor = colour;
    span.setAttribute("aria-hidden", "true");
    return span;
  }
  function legendItem(list, colour, round, text) {
    var li = document.createElement("li");
    li.appendChild(swatch(colour, round));
    li.appendChild(document.createTextNode(" " + text));
    list.appendChild(li);
    return li;
  }
  function fillLegend() {
    var comms = document.getElementById("legend-communities");
    var kinds = document.getElementById("legend-kinds");
    comms.textContent = ""; kinds.textContent = "";
    var count = {};
    cy.nodes().forEach(function (n) { var c = n.data("community"); count[c] = (count[c] || 0) + 1; });
    Object.keys(count).map(Number).sort(function (a, b) { return count[b] - count[a] || a - b; })
      .forEach(function (c) {
        var li = legendItem(comms, PALETTE[c % PALETTE.length], true,
                            msg("msgCommunity", { num: (c + 1).toLocaleString(lang) }) + " · " +
                            plural("pluralNodes", count[c]));
        li.dataset.community = String(c);
      });
    var shown = {};
    cy.edges().forEach(function (e) { shown[KIND_COLOURS[e.data("kind")] ? e.data("kind") : ""] = true; });
    Object.keys(KIND_COLOURS).forEach(function (kind) {
      if (shown[kind]) { legendItem(kinds, KIND_COLOURS[kind], false, kindLabels[kind] || kind).dataset.kind = kind; }
    });
    if (shown[""]) { legendItem(kinds, OTHER_LINK, false, msg("msgOtherLinks")).dataset.kind = ""; }
  }

  // --- evidence: the records a link rests on, their agency and date -----------------------
  function kindText(kinds) {
    return (kinds || []).map(function (k) { return kindLabels[k] || k.replace(/_/g, " "); }).join(", ");
  }
  function evidenceTable(edge) {
    var table = document.getElementById("evidence-table").content.firstElementChild.cloneNode(true);
    var body = table.querySelector("tbody");
    (edge.data("sources") || []).forEach(function (src) {
      var tr = document.createElement("tr");
      var rec = document.createElement("td");
      var a = document.createElement("a");
      a.href = "/entity/" + encodeURIComponent(src.id); a.textContent = src.id; a.dir = "ltr";
      rec.appendChild(a);
      var owner = document.createElement("td");
      owner.textContent = src.owner; owner.dir = "ltr";
      var when = document.createElement("td");
      if (src.date) { when.textContent = src.date; when.dir = "ltr"; } else {
        when.textContent = msg("msgNoDate"); when.className = "muted"; }
      tr.appendChild(rec); tr.appendChild(owner); tr.appendChild(when);
      body.appendChild(tr);
    });
    return table;
  }
  function hopTitle(from, to, edge) {
    var label = function (n) { return n.data("label") || n.id(); };
    var kinds = kindText(edge.data("kinds"));
    return msg("msgHop", { from: label(from), to: label(to) }) + (kinds ? " · " + kinds : "");
  }
  function showEvidence(edge) {
    var body = document.getElementById("evidence-body");
    var empty = document.getElementById("evidence-empty");
    body.textContent = "";
    if (!edge) { empty.hidden = false; return; }
    empty.hidden = true;
    var h = document.createElement("h3");
    h.textContent = hopTitle(edge.source(), edge.target(), edge);
    body.appendChild(h);
    body.appendChild(evidenceTable(edge));
    body.dataset.edge = edge.id();
  }
  function showPath(path) {
    var panel = document.getElementById("chart-path");
    var list = document.getElementById("path-hops");
    list.textContent = "";
    if (!path) { panel.hidden = true; return; }
    var previous = null;
    path.forEach(function (el) {
      if (el.isNode()) { previous = el; return; }
      var to = el.source().id() === previous.id() ? el.target() : el.source();
      var li = document.createElement("li");
      li.dataset.edge = el.id();
      var h = document.createElement("h3");
      h.textContent = hopTitle(previous, to, el);
      li.appendChild(h);
      li.appendChild(evidenceTable(el));
      list.appendChild(li);
    });
    panel.hidden = false;
  }

  // --- start from a name: the search page's search, then pick a record ---------------------
  var find = document.getElementById("chart-find");
  var found = document.getElementById("chart-found");
  function draw(ids) {
    document.getElementById("chart-ids").value = ids;
    form.requestSubmit();
  }
  find.addEventListener("submit", function (evt) {
    evt.preventDefault();
    var q = document.getElementById("chart-q").value.trim();
    found.textContent = "";
    if (!q) { return; }
    say(msg("msgLoading"));
    fetch("/chart/search?q=" + encodeURIComponent(q), { credentials: "same-origin" })
      .then(function (r) { if (!r.ok) { throw new Error("HTTP " + r.status); } return r.json(); })
      .then(function (data) {
        say("");
        if (!data.results.length) {
          var none = document.createElement("li");
          none.className = "muted"; none.textContent = msg("msgFoundNone");
          found.appendChild(none);
          return;
        }
        data.results.forEach(function (row) {
          var li = document.createElement("li");
          var b = document.createElement("button");
          b.type = "button"; b.className = "link"; b.dataset.id = row.id;
          var name = document.createElement("bdi");
          name.textContent = row.caption;
          var meta = document.createElement("span");
          meta.className = "muted"; meta.dir = "ltr";
          meta.textContent = " " + row.owner + " · " + row.id;
          b.appendChild(name); b.appendChild(meta);
          b.addEventListener("click", function () { draw(row.id); });
          li.appendChild(b);
          found.appendChild(li);
        });
      }).catch(function (err) { say(String(err)); });
  });

  cy.on("tap", "edge", function (evt) { showEvidence(evt.target); });
  cy.on("tap", "node", function (evt) {
    var id = evt.target.id();
    if (evt.originalEvent && evt.originalEvent.shiftKey) { nodeB.value = id; } else { nodeA.value = id; }
    update();
  });
  nodeA.addEventListener("change", update);
  nodeB.addEventListener("change", update);
  dateFrom.addEventListener("change", applyFilters);
  dateTo.addEventListener("change", applyFilters);

  buttons.expand.addEventListener("click", function () {
    if (nodeA.value) { load(nodeA.value, 1, false, document.getElementById("expand-type").value); }
  });
  buttons.open.addEventListener("click", function () {
    if (nodeA.value) { window.location.href = "/entity/" + encodeURIComponent(nodeA.value); }
  });
  buttons.path.addEventListener("click", function () {
    cy.elements(".path").removeClass("path");
    var visible = cy.elements().not(".filtered");
    var found = visible.aStar({ root: cy.getElementById(nodeA.value), goal: cy.getElementById(nodeB.value) });
    if (!found.found) { say(msg("msgNopath")); showPath(null); return; }
    found.path.addClass("path");
    showPath(found.path);
    say(plural("pluralPath", found.path.edges().length));
  });
  buttons.png.addEventListener("click", function () {
    var link = document.createElement("a");
    link.href = cy.png({ full: true, bg: "#ffffff", scale: 2 });
    link.download = "interlink-chart.png";
    document.body.appendChild(link);
    link.click();
    link.remove();
  });
  form.addEventListener("submit", function (evt) {
    evt.preventDefault();
    var ids = document.getElementById("chart-ids").value;
    var depth = document.getElementById("chart-depth").value;
    var query = "?ids=" + encodeURIComponent(ids) + "&depth=" + depth + rawQuery;
    graphml.href = "/chart/graphml" + query;
    gexf.href = "/chart/gexf" + query;
    history.replaceState(null, "", "/chart?ids=" + encodeURIComponent(ids) + rawQuery);
    load(ids, depth, true);
  });
  if (box.dataset.ids) { load(box.dataset.ids, document.getElementById("chart-depth").value, true); }
  // saving keeps what is drawn now: the centres and depth chosen on the page since it loaded
  var saveForm = document.getElementById("chart-save");
  if (saveForm) {
    saveForm.addEventListener("submit", function () {
      saveForm.elements.ids.value = document.getElementById("chart-ids").value;
      saveForm.elements.depth.value = document.getElementById("chart-depth").value;
    });
  }
  window.interlinkChart = cy;
  window.interlinkChartEvidence = showEvidence;  // a haystack link is thin: tests pick it so  // for the browser tests and the curious
  window.interlinkChartLayout = layout;
}());
