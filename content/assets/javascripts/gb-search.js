// Search page of the gazette: our index of character pairs (gongbao/publish/searchformat.py), both scripts.
//
// - A query that is a document number (any bracket, spacing or script) goes straight to that
//   document through search/numbers/<code>.json; near misses are never listed above it. A number no
//   page has is a key of the index (〔2016〕80号): the pages citing it, with the passages that do.
// - Otherwise the query is folded to Simplified (search/zhconv.json, the table the index was folded
//   with) and each space-separated part looked up by its character pairs (a one-character part by its
//   character): the pages holding every pair of every part, scored by how often and where (titles
//   weigh more) they hold them. Each shown result's text is fetched and must hold every part; the
//   excerpt is cut from it, in the page's own script, at the place the folded text matched.
// - Results are shown as soon as the first page of them has been checked; counts follow.
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
  var FACETS = ["kind", "issuer", "year", "type", "status", "issue", "consultation"];
  var INDEX = "search/index/", VERSION = 4;  // gongbao/publish/searchformat.py
  var K1 = 1.2;  // how soon more of a pair stops counting (BM25's k1), on the weighted counts
  var index = null, tables = null, codes = null, session = 0, grammar = null;
  var msg = window.gbLabels("");  // the page's words, once init has read them (gb-labels.js)

  // The index's files are gzip-compressed JSON (searchformat.py), unpacked here unless the host has
  // already undone it (sent with Content-Encoding: gzip); JSON never starts with gzip's magic bytes.
  function json(path) {
    return fetch(new URL(path, ROOT)).then(function (r) {
      if (!r.ok) return null;
      return r.arrayBuffer().then(function (buffer) {
        var head = new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength));
        if (head[0] !== 0x1f || head[1] !== 0x8b) return JSON.parse(new TextDecoder().decode(buffer));
        return new Response(new Blob([buffer]).stream().pipeThrough(new DecompressionStream("gzip"))).json();
      });
    });
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

  // The index: meta.json, then key shards, long lists and page records as they are needed, each
  // fetched once (a failed one is dropped, so the next search tries again).
  var fetched = {};
  function cached(path) {
    fetched[path] = fetched[path] || json(path).then(function (data) {
      if (data === null) throw new Error(path);
      return data;
    }).catch(function (err) { delete fetched[path]; throw err; });
    return fetched[path];
  }

  function loadIndex() {
    if (!index) {
      index = cached(INDEX + "meta.json").then(function (meta) {
        if (meta.version !== VERSION) throw new Error(INDEX + "meta.json: version " + meta.version);
        return meta;
      }).catch(function (err) { index = null; throw err; });
    }
    return index;
  }

  // FNV-1a, 32-bit, over code points (searchformat.key_hash).
  function keyHash(key) {
    var h = 0x811c9dc5;
    Array.from(key).forEach(function (ch) { h = Math.imul(h ^ ch.codePointAt(0), 0x01000193) >>> 0; });
    return h;
  }

  // A part's keys: its character pairs, or its one character (searchformat.query_keys).
  function partKeys(part) {
    var chars = Array.from(part.replace(/\s+/g, ""));
    if (chars.length === 1) return chars;
    var keys = [];
    for (var i = 0; i + 1 < chars.length; i++) if (keys.indexOf(chars[i] + chars[i + 1]) < 0) keys.push(chars[i] + chars[i + 1]);
    return keys;
  }

  // page id → what the key's list says of it: a pair's weighted count, a cited number's characters
  // before it ({} if no page holds it).
  function postings(meta, key) {
    return cached(INDEX + "keys/" + keyHash(key) % meta.shards + ".json").then(function (shard) {
      var entry = shard[key];
      return typeof entry === "string" ? cached(INDEX + "keys/" + entry + ".json") : entry;
    }).then(function (entry) {
      var found = {};
      if (!entry) return found;
      var id = 0;
      entry[0].forEach(function (delta, i) { id = i ? id + delta : delta; found[id] = entry[1][i]; });
      return found;
    });
  }

  // The pages citing `number`, newest first: those of its key where the characters before it end in its 机关代字.
  function citing(meta, number) {
    return postings(meta, citedKey(number)).then(function (found) {
      return Object.keys(found).map(Number).filter(function (id) {
        return found[id].split("|").some(function (run) { return run.slice(-number.agency.length) === number.agency; });
      }).sort(function (a, b) { return a - b; });
    });
  }

  // A page's record: "pages/" (its whole text) or "cited/" (only the passages citing a number), in the
  // file of the ids that share id / meta.group.
  function record(folder, id) {
    return loadIndex().then(function (meta) {
      return cached(INDEX + folder + Math.floor(id / meta.group) + ".json");
    }).then(function (records) { var data = records[id]; data.id = id; return data; });
  }

  // The filter values of each page (facets.json): value lists and one character per page.
  function pageValues(facets, key, id) {
    var facet = facets[key];
    if (!facet) return [];
    var code = facet.pages.charCodeAt(id) - 0x100;  // searchformat.BASE; "0" (NONE) falls below
    return code < 0 ? [] : [code].concat(facet.more[id] || []).map(function (i) { return facet.values[i]; });
  }

  // Pages holding every key, best first: BM25 without a length penalty (a long document is not
  // ranked below the short interpretations quoting its title), on counts weighted by where they are.
  function lookUp(meta, keys) {
    return Promise.all(keys.map(function (key) { return postings(meta, key); })).then(function (lists) {
      var scores = {};
      var sized = lists.map(function (list) {
        var ids = Object.keys(list), df = ids.length;
        return { list: list, ids: ids, idf: Math.log(1 + (meta.pages - df + 0.5) / (df + 0.5)) };
      }).sort(function (a, b) { return a.ids.length - b.ids.length; });  // the rarest key first: fewest ids to try
      (sized[0] ? sized[0].ids : []).forEach(function (id) {
        var score = 0;
        for (var i = 0; i < sized.length; i++) {
          var count = sized[i].list[id];
          if (!count) return;
          var tf = count / 2;
          score += sized[i].idf * tf * (K1 + 1) / (tf + K1);
        }
        scores[id] = score;
      });
      return scores;
    });
  }

  // The grammar of a number is gongbao.identifiers.docnumber's own, written into the form (data-gb-grammar);
  // the folding is the same too: NFKC, Simplified, no spaces. "cited": a number as running text cites it.
  function readGrammar(form) {
    var patterns = JSON.parse(form.dataset.gbGrammar || "{}");
    return { number: new RegExp(patterns.number), order: new RegExp(patterns.order),
             cited: new RegExp(patterns.cited, "g") };
  }

  // What is left of a number once its 机关代字 is typed: brackets, a year, 年, 第, a serial, 号
  // (a prefix of the grammar above: only decides whether typing preloads the index).
  var NUMBER_REST = /^[〔\[(【〖{]?\d{0,4}(?:[〕\])】〗}]|年)?第?\d{0,6}号?$/;

  function foldNumber(q, maps) {
    return convert(q.normalize("NFKC"), maps.t2s).replace(/\s+/g, "");
  }

  function parseNumber(q, maps) {
    var folded = foldNumber(q, maps);
    var m = grammar.number.exec(folded), g = m && m.groups;
    if (g) return { agency: g.agency, shard: g.year, serial: String(+g.serial), text: g.agency + "〔" + g.year + "〕" + +g.serial + "号" };
    m = grammar.order.exec(folded);
    g = m && m.groups;
    if (g) return { agency: g.agency, shard: "ling", serial: String(+g.serial), text: g.agency + "第" + +g.serial + "号" };
    return null;
  }

  function loadCodes() {
    codes = codes || json("search/codes.json").catch(function (err) { codes = null; throw err; });
    return codes;
  }

  // Typed so far: the start of a known 机关代字, or one and perhaps the start of the rest of a
  // number (no index needed). Preloading the index for 锡政 while 锡政办发〔2019〕12号 is typed
  // cost a number query 150 KB.
  function startsNumber(q, maps, table) {
    var folded = foldNumber(q, maps);
    return Object.keys(table || {}).some(function (agency) {
      return agency.lastIndexOf(folded, 0) === 0 ||
        (folded.lastIndexOf(agency, 0) === 0 && NUMBER_REST.test(folded.slice(agency.length)));
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

  // The facets' boxes: beside the results, in the form through their form= attribute.
  function facetInputs(form) {
    return Array.from(form.elements).filter(function (input) { return input.type === "checkbox"; });
  }

  // The facets are in the page with their counts for the whole archive (data-total); a search
  // updates the counts in place, so a checkbox keeps keyboard focus. A value no result has is
  // hidden unless it is chosen, and a facet with nothing left to show with it. null: the archive's counts.
  function setCounts(form, counts) {
    facetInputs(form).forEach(function (input) {
      var label = input.nextElementSibling;
      var n = counts ? own(own(counts, input.name), input.value) || 0 : +label.dataset.total;
      label.textContent = (label.dataset.name || input.value) + "（" + n + "）";
      input.parentNode.hidden = n === 0 && !input.checked;
    });
    Array.from(document.querySelectorAll(".gb-facet")).forEach(function (facet) {
      facet.hidden = !facet.querySelector(".gb-facet-option:not([hidden])");
    });
    var filters = document.getElementById("gb-filters");
    filters.hidden = !filters.querySelector(".gb-facet:not([hidden])");
  }

  // A filter's value is an editor's name (制发机关): constructor or __proto__ is one too, and a plain object
  // answers to those with what it inherits. Counts are kept in objects without a prototype and read by own key.
  function own(object, key) {
    return object && Object.prototype.hasOwnProperty.call(object, key) ? object[key] : undefined;
  }

  function tally() {
    return Object.create(null);
  }

  function checkFacets(form, state) {
    var chosen = 0;
    facetInputs(form).forEach(function (input) {
      input.checked = (state.filters[input.name] || []).indexOf(input.value) >= 0;
      if (input.checked) chosen += 1;
    });
    var summary = document.querySelector("#gb-filters > summary");
    if (summary) summary.textContent = chosen ? msg("filters_chosen", { count: chosen }) : msg("filters");
  }

  // A value of a labelled filter (页面类型, 文件状态) as the facet shows it: in the interface script.
  function facetName(key, value) {
    var input = facetInputs(document.getElementById("gb-search-form")).filter(function (i) {
      return i.name === key && i.value === value;
    })[0];
    return input ? input.nextElementSibling.dataset.name : value;
  }

  // 2018-06-05 → 2018年6月5日, as every other page of the site writes a date.
  function chineseDate(iso) {
    var m = /^(\d{4})-(\d\d)-(\d\d)$/.exec(iso || "");
    return m ? msg("date", { year: m[1], month: +m[2], day: +m[3] }) : iso;
  }

  // Where `part` — a word of the query, or the finder of a cited number — is first in `text` from `at`.
  function findPart(text, part, at) {
    if (typeof part === "string") {
      var i = text.indexOf(part, at);
      return i < 0 ? null : { index: i, length: part.length };
    }
    return part(text, at);
  }

  function holdsAll(data, parts, maps) {
    var text = convert((data.title || "") + " " + (data.text || ""), maps.t2s);
    return parts.every(function (p) { return findPart(text, p, 0); });
  }

  // The key a citation of `number` is filed under in the index (docnumber.citation_key).
  function citedKey(number) {
    return (number.shard === "ling" ? "第" : "〔" + number.shard + "〕") + number.serial + "号";
  }

  // The finder of `number` in running text (folded to Simplified), by the grammar's "cited" pattern: any
  // bracket or 年 around the year, spaces, 第, zeros before the serial — never another serial (〔2016〕80号 is
  // not 〔2016〕180号); the characters before it must end in its 机关代字, which is where the match starts.
  function citation(number) {
    var key = citedKey(number), pattern = grammar.cited;
    return function (text, at) {
      pattern.lastIndex = at;
      for (var m = pattern.exec(text); m; m = pattern.exec(text)) {
        var g = m.groups, run = g.order || g.run;
        var found = g.order ? "第" + +g.ordinal + "号" : "〔" + g.year + "〕" + +g.serial + "号";
        if (found === key && run.slice(-number.agency.length) === number.agency) {
          var start = m.index + run.length - number.agency.length;
          return { index: start, length: m.index + m[0].length - start };
        }
      }
      return null;
    };
  }

  // An excerpt of the original text around the first match, matches marked; built as DOM nodes.
  function excerpt(text, parts, maps) {
    var folded = convert(text, maps.t2s);  // character for character: same offsets as text
    var first = parts.reduce(function (best, p) {
      var found = findPart(folded, p, 0);
      return found && (best < 0 || found.index < best) ? found.index : best;
    }, -1);
    var start = Math.max(0, first - 30), end = Math.min(text.length, (first < 0 ? 0 : first) + 90);
    var p = el("p", "gb-result-excerpt");
    var at = start;
    while (at < end) {
      var next = -1, length = 0;
      parts.forEach(function (part) {
        var found = findPart(folded, part, at);
        if (found && found.index < end && (next < 0 || found.index < next)) { next = found.index; length = found.length; }
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

  // One result: its title, then a line of separate fields (kind, number, date, status), then the excerpt.
  function resultItem(r) {
    var li = el("li", "gb-result");
    var h = el("h2", "gb-result-title");
    var a = el("a", null, r.title);
    a.href = r.url;
    h.appendChild(a);
    li.appendChild(h);
    var meta = el("p", "gb-result-meta");
    if (r.kind) meta.appendChild(el("span", "gb-result-kind", r.kind));
    if (r.number) meta.appendChild(el("span", "gb-result-number", r.number));
    if (r.date) {
      var time = el("time", "gb-result-date", chineseDate(r.date));
      time.dateTime = r.date;
      meta.appendChild(time);
    }
    if (r.status) meta.appendChild(el("span", "gb-result-status", r.status));
    li.appendChild(meta);
    if (r.excerpt) li.appendChild(r.excerpt);
    return li;
  }

  function asResult(data, parts, maps) {
    var m = data.meta, kinds = data.filters.kind || [];
    var text = data.text || "";
    return { url: new URL(data.url, ROOT).href, title: data.title, number: m.number, date: data.date,
             status: m.status && facetName("status", m.status),
             kind: m.form || (kinds[0] && facetName("kind", kinds[0])) || "",
             excerpt: parts.length ? excerpt(text, parts, maps) : el("p", "gb-result-excerpt", text.slice(0, 90) + "…") };
  }

  // Walks the ordered page ids, fetching a page of records (from `folder`) at a time in parallel and
  // keeping those that hold every part of the query.
  function walker(ids, parts, maps, folder) {
    var at = 0;
    return function next(count) {
      var kept = [];
      function step() {
        if (kept.length >= count || at >= ids.length) return Promise.resolve(kept);
        var batch = ids.slice(at, at + count - kept.length);
        at += batch.length;
        return Promise.all(batch.map(function (id) { return record(folder, id); })).then(function (datas) {
          datas.forEach(function (d) { if (holdsAll(d, parts, maps)) kept.push(d); });
          return step();
        });
      }
      return step();
    };
  }

  // Pairs are scored apart, not as a phrase: a page that repeats a title's words in its text can
  // outscore the document of that title. So the first page of results, by relevance, is ordered
  // again (stable): a document whose title is the query, then one that quotes it in 《》, then
  // pages whose title holds the query, then the rest; in force before repealed or expired within
  // each, else in the index's order.
  var DOCUMENT = "文件", OUT_OF_FORCE = ["已废止", "已失效"];  // filter values (gongbao/render/searchmeta.py)

  function byTitle(datas, parts, maps) {
    if (parts.length !== 1) return datas;
    var query = parts[0];
    function rank(d) {
      var title = convert(d.title || "", maps.t2s);
      var document = (d.filters.kind || []).indexOf(DOCUMENT) >= 0;
      var place = document && title === query ? 0 : document && title.indexOf("《" + query + "》") >= 0 ? 1
        : title.indexOf(query) >= 0 ? 2 : 3;
      var out = (d.filters.status || []).some(function (s) { return OUT_OF_FORCE.indexOf(s) >= 0; });
      return place * 2 + (out ? 1 : 0);
    }
    return datas.map(function (d, i) { return { d: d, rank: rank(d), i: i }; })
      .sort(function (a, b) { return a.rank - b.rank || a.i - b.i; })
      .map(function (x) { return x.d; });
  }

  function countFilters(datas) {
    var counts = tally();
    datas.forEach(function (d) {
      Object.keys(d.filters || {}).forEach(function (key) {
        counts[key] = counts[key] || tally();
        d.filters[key].forEach(function (v) { counts[key][v] = (counts[key][v] || 0) + 1; });
      });
    });
    return counts;
  }

  // Help under a search that found nothing (null: hidden): what was searched, and where to go
  // next — fewer words (each one a link), the filters dropped; the rest is written in the page.
  function showHelp(state) {
    var help = document.getElementById("gb-search-help");
    help.hidden = !state;
    if (!state) return;
    var chosen = FACETS.reduce(function (n, key) { return n + (state.filters[key] || []).length; }, 0);
    var searched = { query: state.q || "—", count: chosen };
    document.getElementById("gb-search-searched").textContent =
      chosen ? msg("searched_filtered", searched) : msg("searched", searched);
    var fewer = document.getElementById("gb-search-fewer");
    fewer.textContent = "";
    var words = state.q.split(/\s+/).filter(Boolean);
    if (words.length > 1) {
      fewer.appendChild(document.createTextNode(msg("fewer")));
      words.forEach(function (word, i) {
        var a = el("a", null, word);
        a.href = "?" + new URLSearchParams({ q: word });
        if (i) fewer.appendChild(document.createTextNode(msg("or")));
        fewer.appendChild(a);
      });
    }
    var unfilter = document.getElementById("gb-search-unfilter");
    unfilter.hidden = !chosen;
    unfilter.querySelector("a").href = state.q ? "?" + new URLSearchParams({ q: state.q }) : "./";
  }

  function search(form, state) {
    var mine = ++session;
    var status = document.getElementById("gb-search-status");
    var list = document.getElementById("gb-results");
    var more = document.getElementById("gb-more");
    var hasFilters = Object.keys(state.filters).length > 0;
    list.textContent = "";
    more.hidden = true;
    showHelp(null);
    checkFacets(form, state);
    if (!state.q && !hasFilters) {
      status.textContent = msg("prompt");
      setCounts(form, null);
      return Promise.resolve();
    }
    status.textContent = msg("searching");
    // A document number needs only the character table and one small shard, not the index.
    return loadTables().then(function (maps) {
      var number = state.q ? parseNumber(state.q, maps) : null;
      return number ? byNumber(number, maps) : fullText(maps);
    }).catch(function (err) {
      status.textContent = msg("unavailable", { error: err.message });
    });

    function byNumber(number, maps) {
      return lookupNumber(number).then(function (hit) {
        if (mine !== session) return;
        if (hit && state.from === "wh") {  // from the 404 page's resolver: the number names one document
          var target = new URL(hit.url, ROOT);
          target.hash = location.hash;  // the citation's #art-5 the resolver carried: only ever the URL's fragment
          location.replace(target.href);
          return;
        }
        if (hit) {
          status.textContent = msg("number_found", { number: hit.number });
          list.appendChild(resultItem({ url: new URL(hit.url, ROOT).href, title: hit.title, number: hit.number,
                                        date: hit.date, status: hit.status, kind: msg("document") }));
          setCounts(form, {});  // filters do not narrow a number: none is offered
          return;
        }
        // Not published here: the pages that cite it, by its own key in the index.
        return cited(number, maps);
      });
    }

    // What a search found: the count in the status line, or, for nothing, help under it.
    function report(count, exact, number) {
      if (count && number) status.textContent = msg("number_cited", { number: number.text, count: count });
      else if (count && exact) status.textContent = msg("total", { count: count });
      else if (count) status.textContent = msg("about", { count: count });
      else if (number) status.textContent = msg("number_missing", { number: number.text });
      else status.textContent = msg("none");
      if (!count) showHelp(state);
    }

    // A number no public document has: the pages that cite it, each known from the index, shown from its
    // short record (the passages citing it); the filters narrow them when chosen, else none is offered.
    function cited(number, maps) {
      return Promise.all([loadIndex(), hasFilters ? cached(INDEX + "facets.json") : null]).then(function (loaded) {
        var facets = loaded[1];
        return citing(loaded[0], number).then(function (ids) {
          if (mine !== session) return;
          ids = ids.filter(function (id) { return !facets || chosen(facets, id); });
          if (state.sort === "date-asc") ids.reverse();
          var parts = [citation(number)], next = walker(ids, parts, maps, "cited/");
          function add(datas) {
            datas.forEach(function (d) { list.appendChild(resultItem(asResult(d, parts, maps))); });
          }
          return next(PAGE).then(function (first) {
            if (mine !== session) return;
            list.textContent = "";
            add(first);
            report(ids.length, true, number);
            more.hidden = ids.length <= first.length;
            more.onclick = function () {
              next(PAGE).then(function (batch) { add(batch); more.hidden = !batch.length || list.children.length >= ids.length; });
            };
            setCounts(form, facets ? countPages(facets, ids) : {});
          });
        });
      });
    }

    function fullText(maps) {
      var query = state.q ? convert(state.q, maps.t2s) : null;
      var parts = query ? query.split(/\s+/).filter(Boolean) : [];
      var keys = parts.reduce(function (all, part) { return all.concat(partKeys(part)); }, []);
      return Promise.all([loadIndex(), hasFilters ? cached(INDEX + "facets.json") : null]).then(function (loaded) {
        var meta = loaded[0], facets = loaded[1];
        return (keys.length ? lookUp(meta, keys) : Promise.resolve(everyPage(meta))).then(function (scores) {
          if (mine !== session) return;
          var ids = Object.keys(scores).map(Number).filter(function (id) { return !facets || chosen(facets, id); });
          ids.sort(state.sort === "date-asc" ? function (a, b) { return b - a; }  // ids number the pages newest first
            : state.sort ? function (a, b) { return a - b; }
            : function (a, b) { return scores[b] - scores[a] || a - b; });
          return show(ids, parts, maps);
        });
      });
    }

    function everyPage(meta) {
      var scores = {};
      for (var id = 0; id < meta.pages; id++) scores[id] = 0;
      return scores;
    }

    // Every chosen value of every filter (as Pagefind filtered: all of them).
    function chosen(facets, id) {
      return Object.keys(state.filters).every(function (key) {
        var values = pageValues(facets, key, id);
        return state.filters[key].every(function (v) { return values.indexOf(v) >= 0; });
      });
    }

    function show(ids, parts, maps) {
      var next = walker(ids, parts, maps, "pages/");
      var exact = ids.length <= EXACT_LIMIT;
      function add(datas) {
        datas.forEach(function (d) { list.appendChild(resultItem(asResult(d, parts, maps))); });
      }
      return next(PAGE).then(function (first) {
        if (mine !== session) return;
        list.textContent = "";
        add(state.sort ? first : byTitle(first, parts, maps));
        if (!exact) {
          report(first.length && ids.length, false);
          more.hidden = first.length < PAGE;
          more.onclick = function () {
            next(PAGE).then(function (batch) { add(batch); more.hidden = batch.length < PAGE; });
          };
          // The facets' counts of every page found: fetched once the results are on screen.
          return cached(INDEX + "facets.json").then(function (facets) {
            if (mine === session) setCounts(form, countPages(facets, ids));
          });
        }
        // few hits: check them all, so the count and the facet counts are exact
        return next(EXACT_LIMIT).then(function (rest) {
          if (mine !== session) return;
          var kept = first.concat(rest);
          report(kept.length, true);
          more.hidden = rest.length === 0;
          more.onclick = function () { add(rest.splice(0, PAGE)); more.hidden = rest.length === 0; };
          setCounts(form, countFilters(kept));
        });
      });
    }
  }

  function countPages(facets, ids) {
    var counts = tally();
    Object.keys(facets).forEach(function (key) {
      counts[key] = tally();
      ids.forEach(function (id) {
        pageValues(facets, key, id).forEach(function (v) { counts[key][v] = (counts[key][v] || 0) + 1; });
      });
    });
    return counts;
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
    msg = window.gbLabels(form.dataset.gbLabels);
    grammar = readGrammar(form);
    var state = readState();
    form.q.value = state.q;
    form.sort.value = state.sort;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var next = stateFromForm(form);
      writeState(next, true);
      search(form, next);
    });
    // The filters and the sort sit beside the results, in the form through their form= attribute:
    // their changes bubble up to where they sit, not to the form.
    document.querySelector(".gb-search-body").addEventListener("change", function (event) {
      if (event.target.form !== form) return;
      var next = stateFromForm(form);
      writeState(next, false);
      search(form, next);
    });
    unfoldOnWideScreens(document.getElementById("gb-filters"));
    warm(form.q);
    search(form, state);
  }

  // The filters are open beside the results on a wide screen, folded above them on a phone
  // (the width is gb-search.css's); a reader's own click on the summary is kept until the width changes.
  var WIDE = "(min-width: 60em)";
  function unfoldOnWideScreens(details) {
    var wide = window.matchMedia(WIDE);
    details.open = wide.matches;
    wide.onchange = function () { details.open = wide.matches; };
  }

  // A reader typing in the box is about to search: meanwhile load the character table and the
  // 机关代字, then, at each pause in typing, the index's lists of the words typed so far. Nothing loads before the box is used, and nothing of the index for
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
            return loadIndex().then(function (meta) {
              return Promise.all(convert(q, loaded[0].t2s).split(/\s+/).filter(Boolean).reduce(function (all, part) {
                return all.concat(partKeys(part));
              }, []).map(function (key) { return postings(meta, key); }));
            });
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
