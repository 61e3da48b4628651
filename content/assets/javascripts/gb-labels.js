/* The words a page gives its scripts (gongbao/render/ui.py attribute: key=label, one a line, in the page's
   script), read by one function that gb-search.js and gb-cite.js share: gbLabels(text) gives msg(key, values),
   the label of key with its {placeholders} filled in from values (the key itself when the page has no label). */
(function () {
  "use strict";
  window.gbLabels = function (text) {
    var labels = Object.create(null);  // no inherited key (constructor, __proto__) is a label
    (text || "").split("\n").forEach(function (line) {
      var at = line.indexOf("=");
      if (at > 0) labels[line.slice(0, at)] = line.slice(at + 1);
    });
    return function msg(key, values) {
      return (labels[key] || key).replace(/\{(\w+)\}/g, function (all, name) {
        return values && name in values ? values[name] : all;
      });
    };
  };
})();
