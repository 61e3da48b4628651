// Search page of the gazette: Pagefind over one zh index, queried in both scripts.
//
// - A query that is a document number (any bracket, spacing or script) goes straight to that
//   document through search/numbers/<code>.json; near misses are never listed above it.
// - Otherwise the query runs as typed, in Simplified and in Traditional, and the result lists are
//   merged lazily (by score, or by date), loading only the results that are shown.
// - Pagefind drops query words it does not know and matches words in any order; each shown
//   result must contain every space-separated part of the query (in either script).
// - The URL carries the query, filters and sort, so a result list can be bookmarked and shared.
(function () {
  "use strict";
  var script = document.currentScript;
  var ROOT = new URL("../../", script.src);  // this file lives in <root>/assets/javascripts/
  var PAGE = 10;
  var EXACT_LIMIT = 30;  // up to this many hits, every hit is checked and counts are exact
  var FACETS = ["kind", "issuer", "year", "type", "status", "issue"];
  var pagefind = null, tables = null, codes = null, session = 0;

  function json(path) {
    return fetch(new URL(path, ROOT)).then(function (r) { return r.ok ? r.json() : null; });
  }

  function loadTables() {
    if (!tables) {
      tables = json("search/zhconv.json").then(function (data) {
        var maps = { t2s: {}, s2t: {} };
        ["t2s", "s2t"].forEach(function (k) {
          var s = Array.from(data[k]);
          for (var i = 0; i + 1 < s.length; i += 2) maps[k][s[i]] = s[i + 1];
        });
        return maps;
      });
    }
    return tables;
  }

  function convert(text, map) {
    return Array.from(text).map(function (ch) { return map[ch] || ch; }).join("");
  }

  function loadPagefind() {
    if (!pagefind) {
      pagefind = import(new URL("pagefind/pagefind.js", ROOT).href).then(function (pf) {
        return pf.options({ baseUrl: ROOT.pathname, excerptLength: 40 }).then(function () { return pf; });
      });
    }
    return pagefind;
  }

  // The same folding as gongbao.docnumber: NFKC, Simplified, no spaces, any bracket around the year.
  var NUMBER = /^([\u3400-\u9fff]+?)[〔\[(【〖{]?((?:19|20)\d\d)[〕\])】〗}]?第?(\d{1,6})号?(?:文件?)?$/;
  var ORDER = /^([\u3400-\u9fff]+令)第(\d{1,6})号?$/;

  function parseNumber(q, maps) {
    var folded = convert(q.normalize("NFKC"), maps.t2s).replace(/\s+/g, "");
    var m = NUMBER.exec(folded);
    if (m) return { agency: m[1], key: +m[2] + "/" + +m[3], text: m[1] + "〔" + m[2] + "〕" + +m[3] + "号" };
    m = ORDER.exec(folded);
    if (m) return { agency: m[1], key: String(+m[2]), text: m[1] + "第" + +m[2] + "号" };
    return null;
  }

  function lookupNumber(number) {
    codes = codes || json("search/codes.json");
    return codes.then(function (table) {
      var code = table && table[number.agency];
      if (!code) return null;
      return json("search/numbers/" + code + ".json").then(function (shard) {
        return (shard && shard[number.key]) || null;
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
    return { q: (params.get("q") || "").trim(), sort: params.get("sort") || "", filters: filters };
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
    if (r.excerpt) {
      var p = el("p", "gb-result-excerpt");
      p.innerHTML = r.excerpt;  // Pagefind's excerpt: escaped text with <mark> around matches
      li.appendChild(p);
    }
    return li;
  }

  // Facet options are updated in place, so a checkbox keeps keyboard focus when counts change.
  function renderFacets(form, all, counts, state) {
    FACETS.forEach(function (key) {
      var box = form.querySelector('[data-facet="' + key + '"]');
      if (!box) return;
      var values = Object.keys(all[key] || {}).sort();
      if (key === "year") values.reverse();
      values.forEach(function (value, i) {
        var id = "gb-f-" + key + "-" + i;
        var input = document.getElementById(id);
        if (!input || input.value !== value) {
          var wrap = el("span", "gb-facet-option");
          input = el("input");
          input.type = "checkbox";
          input.name = key;
          input.value = value;
          input.id = id;
          var label = el("label");
          label.htmlFor = id;
          wrap.appendChild(input);
          wrap.appendChild(label);
          box.appendChild(wrap);
        }
        input.checked = (state.filters[key] || []).indexOf(value) >= 0;
        input.nextSibling.textContent = value + "（" + ((counts[key] || {})[value] || 0) + "）";
      });
      box.hidden = values.length === 0;
    });
  }

  // Lazily merge the result lists of the query variants: by score, or by date when sorting.
  function merger(runs, parts, maps, byDate, ascending) {
    var lists = runs.map(function (r) { return r.results.slice(); });
    var seen = {};
    var heads = lists.map(function () { return null; });

    function head(i) {
      while (lists[i].length) {
        if (!heads[i]) {
          var next = lists[i][0];
          if (seen[next.id]) { lists[i].shift(); continue; }
          heads[i] = next.data().then(function (d) { return { raw: next, data: d }; });
        }
        return heads[i];
      }
      return Promise.resolve(null);
    }

    function key(entry) {
      return byDate ? (entry.data.meta.date || "") : entry.raw.score;
    }

    function better(a, b) {
      if (byDate && ascending) return key(a) < key(b);
      return key(a) > key(b);
    }

    function take() {
      return Promise.all(lists.map(function (_, i) { return head(i); })).then(function (entries) {
        var best = -1;
        entries.forEach(function (e, i) { if (e && (best < 0 || better(e, entries[best]))) best = i; });
        if (best < 0) return null;
        var chosen = entries[best];
        lists[best].shift();
        heads[best] = null;
        seen[chosen.raw.id] = true;
        return chosen;
      });
    }

    function matches(entry) {
      if (!parts.length) return true;
      var text = convert((entry.data.meta.title || "") + " " + entry.data.content, maps.t2s);
      return parts.every(function (p) { return text.indexOf(p) >= 0; });
    }

    // Next `count` results that contain every part of the query.
    return function next(count) {
      var out = [];
      function step() {
        if (out.length >= count) return Promise.resolve(out);
        return take().then(function (entry) {
          if (!entry) return out;
          if (matches(entry)) out.push(entry);
          return step();
        });
      }
      return step();
    };
  }

  function asResult(entry) {
    var m = entry.data.meta;
    return { url: entry.data.url, title: m.title, number: m.number, date: m.date, status: m.status,
             kind: m.form || "", excerpt: entry.data.excerpt };
  }

  function addCounts(runs) {
    var counts = {};
    runs.forEach(function (r) {
      Object.keys(r.filters || {}).forEach(function (key) {
        counts[key] = counts[key] || {};
        Object.keys(r.filters[key]).forEach(function (v) {
          counts[key][v] = (counts[key][v] || 0) + r.filters[key][v];
        });
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
    if (!state.q && !hasFilters) {
      status.textContent = "请输入检索词，或选择筛选条件。";
      return loadPagefind().then(function (pf) { return pf.filters(); })
        .then(function (all) { renderFacets(form, all, all, state); });
    }
    status.textContent = "正在检索……";
    return Promise.all([loadTables(), loadPagefind()]).then(function (loaded) {
      var maps = loaded[0], pf = loaded[1];
      var number = state.q ? parseNumber(state.q, maps) : null;
      if (number) {
        return lookupNumber(number).then(function (hit) {
          if (mine !== session) return;
          if (hit) {
            status.textContent = "按文号找到 1 份文件：" + hit.number;
            list.appendChild(resultItem({ url: new URL(hit.url, ROOT).href, title: hit.title, number: hit.number,
                                          date: hit.date, status: hit.status, kind: "文件" }));
          } else {
            status.textContent = "没有找到文号为 " + number.text + " 的公开文件。";
          }
        });
      }
      var variants = state.q ? Array.from(new Set([state.q, convert(state.q, maps.t2s), convert(state.q, maps.s2t)])) : [null];
      var sort = state.sort ? { date: state.sort === "date-asc" ? "asc" : "desc" } : undefined;
      var options = { filters: state.filters, sort: sort };
      return Promise.all([pf.filters()].concat(variants.map(function (v) { return pf.search(v, options); })))
        .then(function (got) {
          if (mine !== session) return;
          var all = got[0], runs = got.slice(1);
          var parts = state.q.split(/\s+/).filter(Boolean).map(function (p) { return convert(p, maps.t2s); });
          var next = merger(runs, parts, maps, !!state.sort, state.sort === "date-asc");
          var ids = {};
          runs.forEach(function (r) { r.results.forEach(function (x) { ids[x.id] = true; }); });
          var total = Object.keys(ids).length;
          var exact = total <= EXACT_LIMIT;
          return next(exact ? EXACT_LIMIT : PAGE).then(function (entries) {
            if (mine !== session) return;
            var counts = addCounts(runs);
            if (exact) {  // every hit was checked: count what is really there
              counts = {};
              entries.forEach(function (e) {
                Object.keys(e.data.filters || {}).forEach(function (key) {
                  counts[key] = counts[key] || {};
                  e.data.filters[key].forEach(function (v) { counts[key][v] = (counts[key][v] || 0) + 1; });
                });
              });
            }
            renderFacets(form, all, counts, state);
            var shown = exact ? entries.length : null;
            status.textContent = entries.length === 0 ? "没有找到相关结果。"
              : exact ? "共 " + shown + " 条结果。" : "约 " + total + " 条结果。";
            function show(batch) {
              batch.forEach(function (e) { list.appendChild(resultItem(asResult(e))); });
            }
            show(entries.slice(0, PAGE));
            var rest = entries.slice(PAGE);
            more.hidden = exact ? rest.length === 0 : entries.length < PAGE;
            more.onclick = function () {
              if (exact) { show(rest.splice(0, PAGE)); more.hidden = rest.length === 0; return; }
              next(PAGE).then(function (batch) { show(batch); more.hidden = batch.length < PAGE; });
            };
          });
        });
    }).catch(function (err) {
      status.textContent = "检索暂时无法使用：" + err.message;
    });
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
    var form = document.getElementById("gb-search-form");
    if (!form || form.dataset.ready) return;
    form.dataset.ready = "1";
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
    search(form, state);
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
