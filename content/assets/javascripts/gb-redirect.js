// A redirect page's meta refresh (render/redirect_pages.py) drops the URL's fragment: a citation …/wh/<文号>/#art-5
// landed at the page's top. With a fragment, go on to the page's link with it. The fragment is hostile: only ever the
// fragment of that same-origin URL, set through the URL API, never written into a page. Only redirect pages have a
// refresh and a data-gb-redirect link (csp.navigates, rendered_html refuse both elsewhere): elsewhere this does nothing.
(function () {
  "use strict";
  var link = document.querySelector("a[data-gb-redirect][href]");
  if (!location.hash || !link || !document.querySelector('meta[http-equiv="refresh"]')) return;
  var target = new URL(link.getAttribute("href"), location.href);
  if (target.origin !== location.origin) return;
  target.hash = location.hash;
  location.replace(target.href);
})();
