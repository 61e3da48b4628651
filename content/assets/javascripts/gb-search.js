// Search page of the gazette: Pagefind over one zh index, queried in both scripts.
//
// - A query that is a document number (any bracket, spacing or script) goes straight to that
//   document through search/numbers/<code>.json; near misses are never listed above it.
// - Otherwise the query is folded to Simplified and searched once: pages written in Traditional
//   carry their text folded to Simplified too (gongbao/render/searchmeta.py). Excerpts are cut
//   from the page's own text, in its own script, at the place the folded text matched.
// - Pagefind drops query words it does not know and matches words in any order; each shown
//   result must contain every space-separated part of the query (in either script).
// - Results are shown as soon as the first page of them has loaded; counts follow.
// - The URL carries the query, filters and sort, so a result list can be bookmarked and shared.
// - Every message is a label of the page, already in the interface script: the form's
//   data-gb-labels (gongbao/render/searchpage.py SCRIPT_LABELS); nothing is converted here.
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL("../../", script.src);  // this file lives in <root>/assets/javascripts/
  var PAGE = 10;
  var WARM_DELAY = 250;  // ms without typing before the words typed so far are preloaded
  var EXACT_LIMIT = 30;  // up to this many hits, every hit is checked and counts are exact
  var FACETS = ["kind", "issuer", "year", "type", "status", "issue"];
  var pagefind = null, tables = null, codes = null, session = 0, labels = {};

  // A label of the page, its {placeholders} filled in from values.
  function msg(key, values) {
    return (labels[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
      return values && name in values ? values[name] : all;
    });
  }

  function json(path) {
    return fetch(new URL(path, ROOT)).then(function (r) { return r.ok ? r.json() : null; });
  }

  function loadTables() {
    if (!tables) {
      tables = json("search/zhconv.json").then(function (data) {
        var maps = { t2s: {} };
        var pairs = Array.from(data.t2s);
        for (var i = 0; i + 1 < pairs.length; i += 2) maps.t2s[pairs[i]] = pairs[i + 1];
        return maps;
      }).catch(function (err) { tables = null; throw err; });  // the next search tries again
    }
    return tables;
  }

  function convert(text, map) {
    return Array.from(text).map(function (ch) { return map[ch] || ch; }).join("");
  }

  // The index bundles, newest first (search/bundles.json, written with the index; see
  // gongbao/search.py): one Pagefind instance each, created when first searched, so an older
  // bundle loads nothing before the newer one has answered.
  function loadPagefind() {
    if (!pagefind) {
      pagefind = Promise.all([import(new URL("pagefind/pagefind.js", ROOT).href), json("search/bundles.json")])
        .then(function (loaded) {
          if (!loaded[1]) throw new Error("search/bundles.json");
          return loaded[1].bundles.map(function (bundle) {
            var instance = null;
            return function () {
              instance = instance || loaded[0].createInstance({ basePath: new URL(bundle.path, ROOT).pathname,
                                                                 baseUrl: ROOT.pathname });
              return instance;
            };
          });
        }).catch(function (err) { pagefind = null; throw err; });
    }
    return pagefind;
  }

  // The same folding as gongbao.docnumber: NFKC, Simplified, no spaces, any bracket around the year.
  var NUMBER = /^([\u3400-\u9fff]+?)[〔\[(【〖{]?((?:19|20)\d\d)[〕\])】〗}]?第?(\d{1,6})号?(?:文件?)?$/;
  var ORDER = /^([\u3400-\u9fff]+令)第(\d{1,6})号?$/;

  // What is left of a number once its 机关代字 is typed: brackets, a year, 第, a serial, 号.
  var NUMBER_REST = /^[〔\[(【〖{]?\d{0,4}[〕\])】〗}]?第?\d{0,6}号?$/;

  function foldNumber(q, maps) {
    return convert(q.normalize("NFKC"), maps.t2s).replace(/\s+/g, "");
  }

  function parseNumber(q, maps) {
    var folded = foldNumber(q, maps);
    var m = NUMBER.exec(folded);
    if (m) return { agency: m[1], shard: m[2], serial: String(+m[3]), text: m[1] + "〔" + m[2] + "〕" + +m[3] + "号" };
    m = ORDER.exec(folded);
    if (m) return { agency: m[1], shard: "ling", serial: String(+m[2]), text: m[1] + "第" + +m[2] + "号" };
    return null;
  }

  function loadCodes() {
    codes = codes || json("search/codes.json").catch(function (err) { codes = null; throw err; });
    return codes;
  }

  // Typed so far: a known 机关代字 and perhaps the start of the rest of a number (no index needed).
  function startsNumber(q, maps, table) {
    var folded = foldNumber(q, maps);
    return Object.keys(table || {}).some(function (agency) {
      return folded.lastIndexOf(agency, 0) === 0 && NUMBER_REST.test(folded.slice(agency.length));
    });
  }

  function lookupNumber(number) {
    return loadCodes().then(function (table) {
      var code = table && table[number.agency];
      if (!code) return null;
      return json("search/numbers/" + code + "/" + number.shard + ".json").then(function (shard) {
        return (shard && shard[number.serial]) || null;
      });
    });
  }

  function readState() {
    var params = new URLSearchParams(location.search);
    var filters = {};
    FACETS.forEach(function (key) {
      var values = params.getAll(key);
      if (values.length) filters[key] = values;
    });
    return { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", filters: filters,
             from: params.get("from") || "" };
  }

  function writeState(state, push) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    if (state.sort) params.set("sort", state.sort);
    FACETS.forEach(function (key) {
      (state.filters[key] || []).forEach(function (v) { params.append(key, v); });
    });
    var url = location.pathname + (params.toString() ? "?" + params : "");
    history[push ? "pushState" : "replaceState"](null, "", url);
  }

  function el(tag, cls, text) {
    var node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text != null) node.textContent = text;
    return node;
  }

  // The facets are in the page with their counts for the whole archive (data-total); a search
  // updates the counts in place, so a checkbox keeps keyboard focus. null: the archive's counts.
  function setCounts(form, counts) {
    Array.from(form.querySelectorAll(".gb-facet input")).forEach(function (input) {
      var label = input.nextElementSibling;
      var n = counts ? ((counts[input.name] || {})[input.value] || 0) : label.dataset.total;
      label.textContent = (label.dataset.name || input.value) + "（" + n + "）";
    });
  }

  function checkFacets(form, state) {
    Array.from(form.querySelectorAll(".gb-facet input")).forEach(function (input) {
      input.checked = (state.filters[input.name] || []).indexOf(input.value) >= 0;
    });
  }

  var FOLD = "〓〓";

  // The page's own text (without its folded copy), and the parts of the query it holds.
  function ownText(data) {
    var content = data.content || "";
    var a = content.indexOf(FOLD), b = a < 0 ? -1 : content.indexOf(FOLD, a + FOLD.length);
    return a < 0 || b < 0 ? content : content.slice(0, a) + content.slice(b + FOLD.length);
  }

  function holdsAll(data, parts, maps) {
    var text = convert((data.meta.title || "") + " " + (data.content || ""), maps.t2s);
    return parts.every(function (p) { return text.indexOf(p) >= 0; });
  }

  // An excerpt of the original text around the first match, matches marked; built as DOM nodes.
  function excerpt(text, parts, maps) {
    var folded = convert(text, maps.t2s);  // character for character: same offsets as text
    var first = parts.reduce(function (best, p) {
      var i = folded.indexOf(p);
      return i >= 0 && (best < 0 || i < best) ? i : best;
    }, -1);
    var start = Math.max(0, first - 30), end = Math.min(text.length, (first < 0 ? 0 : first) + 90);
    var p = el("p", "gb-result-excerpt");
    var at = start;
    while (at < end) {
      var next = -1, length = 0;
      parts.forEach(function (part) {
        var i = folded.indexOf(part, at);
        if (i >= 0 && i < end && (next < 0 || i < next)) { next = i; length = part.length; }
      });
      if (next < 0) { p.appendChild(document.createTextNode(text.slice(at, end))); break; }
      p.appendChild(document.createTextNode(text.slice(at, next)));
      p.appendChild(el("mark", null, text.slice(next, next + length)));
      at = next + length;
    }
    if (start > 0) p.insertBefore(document.createTextNode("…"), p.firstChild);
    if (end < text.length) p.appendChild(document.createTextNode("…"));
    return p;
  }

  function resultItem(r) {
    var li = el("li", "gb-result");
    var h = el("h2", "gb-result-title");
    var a = el("a", null, r.title);
    a.href = r.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "gb-result-meta");
    [r.kind, r.number, r.date, r.status].forEach(function (part) {
      if (part) meta.appendChild(el("span", null, part));
    });
    li.appendChild(meta);
    if (r.excerpt) li.appendChild(r.excerpt);
    return li;
  }

  function asResult(data, parts, maps) {
    var m = data.meta;
    var text = ownText(data).replace(/\s+/g, " ").trim();
    return { url: data.url, title: m.title, number: m.number, date: m.date, status: m.status, kind: m.form || "",
             excerpt: parts.length ? excerpt(text, parts, maps) : el("p", "gb-result-excerpt", text.slice(0, 90) + "…") };
  }

  // Walks Pagefind's ordered results, loading a page of them at a time in parallel and keeping
  // those that hold every part of the query.
  function walker(results, parts, maps) {
    var at = 0;
    return function next(count) {
      var kept = [];
      function step() {
        if (kept.length >= count || at >= results.length) return Promise.resolve(kept);
        var batch = results.slice(at, at + count - kept.length);
        at += batch.length;
        return Promise.all(batch.map(function (r) { return r.data(); })).then(function (datas) {
          datas.forEach(function (d) { if (holdsAll(d, parts, maps)) kept.push(d); });
          return step();
        });
      }
      return step();
    };
  }

  // Two bundles' results, each best first, as one list best first (Pagefind's scores).
  function byScore(a, b) {
    return a.concat(b).sort(function (x, y) { return y.score - x.score; });
  }

  function addCounts(all) {
    var total = {};
    all.forEach(function (counts) {
      Object.keys(counts || {}).forEach(function (key) {
        total[key] = total[key] || {};
        Object.keys(counts[key]).forEach(function (v) { total[key][v] = (total[key][v] || 0) + counts[key][v]; });
      });
    });
    return total;
  }

  function countFilters(datas) {
    var counts = {};
    datas.forEach(function (d) {
      Object.keys(d.filters || {}).forEach(function (key) {
        counts[key] = counts[key] || {};
        d.filters[key].forEach(function (v) { counts[key][v] = (counts[key][v] || 0) + 1; });
      });
    });
    return counts;
  }

  function search(form, state) {
    var mine = ++session;
    var status = document.getElementById("gb-search-status");
    var list = document.getElementById("gb-results");
    var more = document.getElementById("gb-more");
    var hasFilters = Object.keys(state.filters).length > 0;
    list.textContent = "";
    more.hidden = true;
    checkFacets(form, state);
    if (!state.q && !hasFilters) {
      status.textContent = msg("prompt");
      setCounts(form, null);
      return Promise.resolve();
    }
    status.textContent = msg("searching");
    // A document number needs only the character table and one small shard, not Pagefind.
    return loadTables().then(function (maps) {
      var number = state.q ? parseNumber(state.q, maps) : null;
      return number ? byNumber(number) : loadPagefind().then(function (bundles) { return fullText(bundles, maps); });
    }).catch(function (err) {
      status.textContent = msg("unavailable", { error: err.message });
    });

    function byNumber(number) {
      return lookupNumber(number).then(function (hit) {
        if (mine !== session) return;
        if (hit && state.from === "wh") {  // from the 404 page's resolver: the number names one document
          location.replace(new URL(hit.url, ROOT).href);
          return;
        }
        if (hit) {
          status.textContent = msg("number_found", { number: hit.number });
          list.appendChild(resultItem({ url: new URL(hit.url, ROOT).href, title: hit.title, number: hit.number,
                                        date: hit.date, status: hit.status, kind: msg("document") }));
        } else {
          status.textContent = msg("number_missing", { number: number.text });
        }
      });
    }

    // The newest bundle first (the oldest when sorting by date ascending): its results are on
    // screen while the older pages are searched, then the list is shown again from all of them.
    function fullText(bundles, maps) {
      var query = state.q ? convert(state.q, maps.t2s) : null;
      var parts = query ? query.split(/\s+/).filter(Boolean) : [];
      var sort = state.sort ? { date: state.sort === "date-asc" ? "asc" : "desc" } : undefined;
      var options = { filters: state.filters, sort: sort };
      var order = state.sort === "date-asc" ? bundles.slice().reverse() : bundles;
      var hits = [], searched = [];

      function step(i) {
        var instance = order[i]();
        return instance.search(query, options).then(function (found) {
          if (mine !== session) return;
          searched.push({ instance: instance, found: found });
          // by date the bundles follow each other (split by that date); by relevance, merge on score
          hits = state.sort ? hits.concat(found.results) : byScore(hits, found.results);
          var last = i === order.length - 1;
          return show(last).then(function () { if (!last && mine === session) return step(i + 1); });
        });
      }
      return step(0);

      function show(last) {
        var next = walker(hits, parts, maps);
        var exact = hits.length <= EXACT_LIMIT;
        function add(datas) {
          datas.forEach(function (d) { list.appendChild(resultItem(asResult(d, parts, maps))); });
        }
        return next(PAGE).then(function (first) {
          if (mine !== session) return;
          list.textContent = "";
          add(first);
          if (!last) {
            status.textContent = msg("searching_earlier");
            return;
          }
          if (!exact) {
            status.textContent = first.length ? msg("about", { count: hits.length }) : msg("none");
            more.hidden = first.length < PAGE;
            more.onclick = function () {
              next(PAGE).then(function (batch) { add(batch); more.hidden = batch.length < PAGE; });
            };
            // Pagefind counts facets only once their index is loaded (a few hundred KB on a large
            // archive): fetched after the results are on screen, not before.
            if (hasFilters) return setCounts(form, addCounts(searched.map(function (s) { return s.found.filters; })));
            return Promise.all(searched.map(function (s) {
              return s.instance.filters().then(function () { return s.instance.search(query, options); });
            })).then(function (again) {
              if (mine === session) setCounts(form, addCounts(again.map(function (a) { return a.filters; })));
            });
          }
          // few hits: check them all, so the count and the facet counts are exact
          return next(EXACT_LIMIT).then(function (rest) {
            if (mine !== session) return;
            var kept = first.concat(rest);
            status.textContent = kept.length ? msg("total", { count: kept.length }) : msg("none");
            more.hidden = rest.length === 0;
            more.onclick = function () { add(rest.splice(0, PAGE)); more.hidden = rest.length === 0; };
            setCounts(form, countFilters(kept));
          });
        });
      }
    }
  }

  function stateFromForm(form) {
    var data = new FormData(form);
    var filters = {};
    FACETS.forEach(function (key) {
      var values = data.getAll(key);
      if (values.length) filters[key] = values;
    });
    return { q: String(data.get("q") || "").trim(), sort: String(data.get("sort") || ""), filters: filters };
  }

  function init() {
    // Instant navigation keeps the header of the first page loaded: its relative action would
    // then point below the current page. Point it at the search page from the site's root.
    Array.from(document.querySelectorAll("form.gb-header-search")).forEach(function (box) {
      box.action = new URL("search/", ROOT).href;
    });
    var form = document.getElementById("gb-search-form");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
    labels = JSON.parse(form.dataset.gbLabels || "{}");
    var state = readState();
    form.q.value = state.q;
    form.sort.value = state.sort;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var next = stateFromForm(form);
      writeState(next, true);
      search(form, next);
    });
    form.addEventListener("change", function (event) {
      if (event.target.name === "q") return;
      var next = stateFromForm(form);
      writeState(next, false);
      search(form, next);
    });
    warm(form.q);
    search(form, state);
  }

  // A reader typing in the box is about to search: meanwhile load the character table and the
  // 机关代字, then, at each pause in typing, the engine and the index of the words typed so far (as
  // Pagefind's own UI does). Nothing loads before the box is used, and nothing of the index for
  // what is, or begins like, a document number: that needs no index at all.
  function warm(box) {
    var timer = null;
    box.addEventListener("focus", function () { loadTables(); loadCodes(); });
    box.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var q = box.value.trim();
        if (!q) return;
        Promise.all([loadTables(), loadCodes()]).then(function (loaded) {
          if (!parseNumber(q, loaded[0]) && !startsNumber(q, loaded[0], loaded[1])) {
            return loadPagefind().then(function (bundles) { return bundles[0]().preload(convert(q, loaded[0].t2s)); });
          }
        }).catch(function () {});  // a failed preload is retried by the search itself, which reports errors
      }, WARM_DELAY);
    });
  }

  // Material's instant navigation swaps pages without reloading scripts: it announces each page on document$.
  if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
  else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
  else init();
  window.addEventListener("popstate", function () {
    var form = document.getElementById("gb-search-form");
    if (form) { var s = readState(); form.q.value = s.q; form.sort.value = s.sort; search(form, s); }
  });
})();
