// Reading controls: the 适老化 (elderly-friendly) mode, the contents control, and the page language under
// instant navigation.
// The mode is a class on <html>, which instant navigation never replaces; it is remembered with
// localStorage through Material's own helpers (scoped to the site), never with a cookie.
(function () {
  "use strict";
  var KEY = "gb.elder";
  var root = document.documentElement;

  function apply(on) {
    root.classList.toggle("gb-elder", on);
    document.querySelectorAll("[data-gb-elder-toggle]").forEach(function (button) {
      button.setAttribute("aria-pressed", on ? "true" : "false");
    });
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-gb-elder-toggle]");
    if (!button) return;
    var on = !root.classList.contains("gb-elder");
    __md_set(KEY, on);
    apply(on);
  });

  apply(Boolean(__md_get(KEY)));

  // The contents control closes when the reader picks a heading, so the text is not covered.
  document.addEventListener("click", function (event) {
    var entry = event.target.closest && event.target.closest(".gb-contents a");
    if (entry) entry.closest(".gb-contents").open = false;
  });

  // Instant navigation swaps the content but not <html>: carry the new page's language up.
  if (window.document$) {
    window.document$.subscribe(function () {
      var content = document.getElementById("gb-content");
      if (content && content.dataset.gbLang) root.lang = content.dataset.gbLang;
      apply(Boolean(__md_get(KEY)));
    });
  }
})();
