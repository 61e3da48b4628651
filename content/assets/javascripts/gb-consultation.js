// Consultation periods in the reader's browser. Each page states its periods in words and was judged
// on its build date (the site is rebuilt daily); a reader who opens it after an item's closing day sees
// that item marked as closed as well. Nothing depends on this script: without it the page is complete.
(function () {
  "use strict";

  function today() {
    // periods are dates in China (UTC+8), whatever the reader's time zone
    return new Date(Date.now() + 8 * 3600 * 1000).toISOString().slice(0, 10);
  }

  function mark() {
    var day = today();
    document.querySelectorAll("[data-gb-closes][data-gb-closed-label]").forEach(function (item) {
      if (item.dataset.gbCloses >= day || item.classList.contains("gb-closed")) return;
      item.classList.add("gb-closed");
      var note = document.createElement("span");
      note.className = "gb-closed-note";
      note.textContent = item.dataset.gbClosedLabel;
      (item.querySelector("td") || item).appendChild(note);
    });
  }

  mark();
  if (window.document$) window.document$.subscribe(mark);  // Material's instant navigation
})();
