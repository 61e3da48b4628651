/* Pinpoint citation: a "引用" button for the document and for every article, chapter and numbered
   heading whose id follows the anchor scheme (art-3, art-3-2, chap-1, chap-1-sec-2, sec-1-2, art-3_2…).
   The data comes from the data- attributes of .gb-cite (written by the build, escaped); the
   citation goes to the clipboard, or into a selected text box when the clipboard is unavailable.
   External file, no inline script: the site's CSP forbids inline scripts. The words it writes are
   labels of the page, already in the interface script: .gb-cite's data-gb-labels
   (gongbao/render/record.py CITE_LABELS). */
(function () {
  "use strict";

  var msg = window.gbLabels("");  // the page's words, once setup has read them (gb-labels.js)

  /* The anchor grammar of gongbao.identifiers.headings; tests/data/anchor_grammar.json is the table of cases
     both are tested on. _2, _3… mark the same id again on a page (a second 第三条 is art-3_2). */
  var N = "(?:0|[1-9][0-9]*)";
  var ANCHOR = new RegExp("^(?:art-" + N + "(?:-" + N + ")?|chap-" + N + "(?:-sec-" + N + ")?|sec-" + N +
    "(?:-" + N + "){0,3})(?:_(?:[2-9]|[1-9][0-9]+))?$");
  var ITEM = /^(?:art|sec)-[0-9]+-|-sec-/;  /* art-3-2, sec-1-2, chap-1-sec-2: below an article or a top heading */
  var MARKER = /^(第[一二三四五六七八九十百千零〇两兩]+[章节節条條]|[一二三四五六七八九十百]+、|[（(][一二三四五六七八九十百]+[）)]|\d{1,3}[.．]|[（(]\d{1,3}[）)])/;

  function text(el) {
    var copy = el.cloneNode(true);
    copy.querySelectorAll(".gb-cite-btn, .gb-cite-out").forEach(function (b) { b.remove(); });
    return copy.textContent.replace(/\s+/g, " ").trim();
  }

  /* How the pinpoint is named: 第三条, 第三条第（二）项, 第一章第二节, or the heading itself. */
  function pin(el) {
    var own = text(el);
    var marker = (own.match(MARKER) || [""])[0];
    var parts = el.id.split("_")[0].split("-");  /* a repeat is named as the heading it repeats */
    if (parts[0] === "art" && parts.length === 3) {
      var article = document.getElementById("art-" + parts[1]);
      return (article ? pin(article) : "") + msg("item", { marker: marker });
    }
    if (parts[0] === "chap" && parts.length === 4) {
      var chapter = document.getElementById("chap-" + parts[1]);
      return (chapter ? pin(chapter) : "") + marker;
    }
    if (parts[0] === "art" || parts[0] === "chap") {
      return marker;
    }
    own = own.replace(/[。：:；;，,、]+$/, "");  /* the heading's own full stop would clash with the citation's */
    return own.length > 30 ? own.slice(0, 30) + "…" : own;
  }

  function citation(data, where, anchor) {
    var d = data.dataset;
    return (d.gbIssuer ? d.gbIssuer + "：" : "") + "《" + d.gbTitle + "》" +
      (d.gbNumber ? "（" + d.gbNumber + "）" : "") + where +
      "，" + msg("published_in") + "《" + d.gbGazette + "》" + d.gbIssue + "，" + d.gbUrl + (anchor ? "#" + anchor : "");
  }

  function fallback(button, value) {
    var box = button.parentNode.querySelector(".gb-cite-out");
    if (!box) {
      box = document.createElement("textarea");
      box.className = "gb-cite-out";
      box.readOnly = true;
      box.rows = 3;
      box.setAttribute("aria-label", msg("copy_box"));
      button.insertAdjacentElement("afterend", box);
    }
    box.value = value;
    box.focus();
    box.select();
  }

  function copy(button, value) {
    var done = function () {
      button.textContent = msg("copied");
      button.setAttribute("data-gb-copied", value);
      setTimeout(function () { button.textContent = button.getAttribute("data-gb-label"); }, 2000);
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(value).then(done, function () { fallback(button, value); });
    } else {
      fallback(button, value);
    }
  }

  function button(label, title, value) {
    var b = document.createElement("button");
    b.type = "button";
    b.className = "gb-cite-btn";
    b.textContent = label;
    b.setAttribute("data-gb-label", label);
    b.setAttribute("aria-label", title);
    b.addEventListener("click", function () { copy(b, value()); });
    return b;
  }

  function setup() {
    var data = document.querySelector(".gb-cite[data-gb-url]");
    if (!data || data.querySelector(".gb-cite-btn")) {
      return;
    }
    msg = window.gbLabels(data.dataset.gbLabels);
    data.appendChild(button(msg("cite_document"), msg("cite_document_title"), function () { return citation(data, "", ""); }));
    var body = document.querySelector(".gb-body");
    if (!body) {
      return;
    }
    body.querySelectorAll("[id]").forEach(function (el) {
      if (!ANCHOR.test(el.id)) {
        return;
      }
      var where = pin(el);
      var b = button(msg("cite"), msg("cite_title", { where: where }), function () { return citation(data, where, el.id); });
      if (ITEM.test(el.id)) {
        b.classList.add("gb-cite-btn--item");  /* a 项 or a lower heading: hidden on touch screens */
      }
      el.appendChild(document.createTextNode(" "));
      el.appendChild(b);
    });
  }

  /* Material's instant navigation swaps pages without reloading scripts: document$ tells us. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setup);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setup);
  } else {
    setup();
  }
})();
