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

  // Whether the mode is on. The stored value is the origin's, not only ours: another site on the same host
  // (user.github.io/other/ and /gazette/ share localStorage) may have written something that is not JSON,
  // which Material's __md_get throws on; the mode is then off, and the rest of this script still runs.
  function stored() {
    try {
      return Boolean(__md_get(KEY));
    } catch (err) {
      return false;
    }
  }

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("[data-gb-elder-toggle]");
    if (!button) return;
    var on = !root.classList.contains("gb-elder");
    __md_set(KEY, on);
    apply(on);
  });

  apply(stored());

  // The contents control closes when the reader picks a heading, so the text is not covered.
  document.addEventListener("click", function (event) {
    var entry = event.target.closest && event.target.closest(".gb-contents a");
    if (!entry) return;
    entry.closest(".gb-contents").open = false;
    headerHeight();  // the heading's scroll margin (gb-reading.css) is the header and the closed control
  });

  // The contents control sticks right under the header, whose height depends on the width (on a phone the
  // search box takes a second row) and on the mode: measured, not guessed in CSS.
  // A heading the reader jumps to stops below both.
  function headerHeight() {
    var header = document.querySelector(".md-header");
    if (!header) return;
    var contents = document.querySelector(".gb-contents > summary");
    var below = header.offsetHeight + (contents ? contents.offsetHeight : 0);
    root.style.setProperty("--gb-header-height", header.offsetHeight + "px");
    root.style.setProperty("--gb-scroll-margin", below + 12 + "px");
  }
  headerHeight();
  window.addEventListener("resize", headerHeight);
  document.addEventListener("click", function (event) {
    if (event.target.closest && event.target.closest("[data-gb-elder-toggle]")) headerHeight();
  });

  // Instant navigation swaps the content but not <html>: carry the new page's language up.
  if (window.document$) {
    window.document$.subscribe(function () {
      var content = document.getElementById("gb-content");
      if (content && content.lang) root.lang = content.lang;
      apply(stored());
      headerHeight();
    });
  }
})();
