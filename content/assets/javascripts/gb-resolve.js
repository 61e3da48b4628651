// Loaded on every page, acts on the 404 page only: a document number typed into the address bar as wh/<number>/ in a spelling that has no
// page of its own (other brackets, Traditional script, no 号, spaces) goes to the search page's number
// lookup, which goes on to the document (gongbao.publish.render.redirect_pages). One grammar: the search page's.
(function () {
  var script = document.currentScript;
  if (!script) return;
  var root = new URL("../../", script.src);  // this file is assets/javascripts/gb-resolve.js
  if (location.pathname.lastIndexOf(root.pathname, 0) !== 0) return;
  var rest = location.pathname.slice(root.pathname.length);
  if (rest.lastIndexOf("wh/", 0) !== 0 || !document.querySelector("[data-gb-not-found]")) return;
  var number;
  try {
    number = decodeURIComponent(rest.slice(3)).replace(/\/+$/, "");
  } catch (err) {
    return;  // not percent-encoding a browser would send: the page says what to do
  }
  if (!number || number.indexOf("/") >= 0) return;
  location.replace(new URL("search/?from=wh&q=" + encodeURIComponent(number), root).href);
})();
