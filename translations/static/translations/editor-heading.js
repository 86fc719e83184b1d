// The heading of wagtail-localize's translation editor, "<source> to <target> translation",
// is written into its script in English: replace it with the admin's own
// (translations/localize_texts.py, data-heading: "Translation: %(source)s → %(target)s").
(function () {
  "use strict";
  var script = document.currentScript;
  var template = script && script.dataset.heading;
  if (!template) {
    return;
  }
  var pattern = /^(.+) to (.+) translation$/;

  function translate(root) {
    var walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    var node;
    while ((node = walker.nextNode())) {
      var match = pattern.exec(node.nodeValue.trim());
      if (match) {
        node.nodeValue = template
          .replace("%(source)s", match[1])
          .replace("%(target)s", match[2]);
      }
    }
  }

  function start() {
    var editor = document.querySelector(".js-translation-editor");
    if (!editor) {
      return;
    }
    translate(editor);
    new MutationObserver(function () {
      translate(editor);
    }).observe(editor, { childList: true, subtree: true, characterData: true });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
