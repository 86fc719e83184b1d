/* The service page's enhancements (frontend/templates/frontend/service.html). The page works
   without them: the list items of the buttons they need stay hidden until this runs. */
(function () {
  "use strict";

  var printButton = document.querySelector(".js-print");
  if (printButton && typeof window.print === "function") {
    printButton.closest("li").hidden = false;
    printButton.addEventListener("click", function () {
      window.print();
    });
  }

  var copyButton = document.querySelector(".js-copy-link");
  var copyStatus = document.querySelector(".js-copy-status");
  if (copyButton && navigator.clipboard && window.isSecureContext) {
    copyButton.closest("li").hidden = false;
    copyButton.addEventListener("click", function () {
      navigator.clipboard.writeText(copyButton.dataset.url).then(function () {
        if (copyStatus) {
          copyStatus.textContent = copyButton.dataset.done;
        }
      });
    });
  }

  // "Services" in the breadcrumb goes back to the results the reader came from.
  var back = document.querySelector(".js-back-to-results");
  if (back && document.referrer) {
    try {
      var from = new URL(document.referrer);
      if (from.origin === window.location.origin && from.pathname === back.dataset.resultsPath) {
        back.href = from.pathname + from.search;
        back.textContent = back.dataset.backLabel;
      }
    } catch (error) {
      /* an unreadable referrer: keep the plain link */
    }
  }
})();
