// Redirect pages (gongbao/publish/render/redirect_pages.py: an earlier URL, a number's canonical alias wh/…, a
// catalogue page under a previous slug). Their meta refresh goes to the page without the fragment of the URL asked
// for, so a court's pinpoint citation (…/wh/锡政办发〔2018〕68号/#art-5) landed at the top of the document, not at
// 第五条: with a fragment, this goes on at once to the page the redirect page links to, with the fragment.
// The fragment is hostile: it is only ever the fragment of a URL this page names on this site, set through the URL
// API (which percent-encodes it), never written into the page. Without a fragment, or without this script, the
// refresh goes on as before. Only a redirect page has both a refresh and a data-gb-redirect link: MkDocs' pages may
// hold neither (gongbao.publish.csp.navigates, gongbao.publish.rendered_html), so elsewhere this does nothing.
(function () {
  "use strict";
  var link = document.querySelector("a[data-gb-redirect][href]");
  if (!location.hash || !link || !document.querySelector('meta[http-equiv="refresh"]')) return;
  var target = new URL(link.getAttribute("href"), location.href);
  if (target.origin !== location.origin) return;
  target.hash = location.hash;
  location.replace(target.href);
})();
