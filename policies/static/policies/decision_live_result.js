// The decision form's live result (policies/live_result.py): while votes are entered, post
// the form as it stands to the server, which computes the weighted result with the same
// rule as the saved decision, and show the figures it returns. Nothing is saved.
(function () {
  "use strict";
  var panel = document.getElementById("decision-live-result");
  if (!panel || !window.fetch || !window.FormData) {
    return;
  }
  var form = panel.closest("form");
  var url = panel.getAttribute("data-url");
  var decision = panel.getAttribute("data-decision");
  var timer = null;
  var controller = null;

  function update() {
    var data = new FormData(form);
    if (decision) {
      data.append("decision", decision);
    }
    if (controller && controller.abort) {
      controller.abort();
    }
    controller = window.AbortController ? new AbortController() : null;
    fetch(url, {
      method: "POST",
      body: data,
      credentials: "same-origin",
      headers: { "X-Requested-With": "XMLHttpRequest", Accept: "application/json" },
      signal: controller ? controller.signal : undefined,
    })
      .then(function (response) {
        return response.ok ? response.json() : null;
      })
      .then(function (result) {
        if (result && typeof result.html === "string") {
          panel.innerHTML = result.html; // rendered and escaped by the server's template
        }
      })
      .catch(function () {
        // A superseded or failed request: the next change tries again.
      });
  }

  function schedule() {
    window.clearTimeout(timer);
    timer = window.setTimeout(update, 250);
  }

  form.addEventListener("change", schedule);
  form.addEventListener("input", function (event) {
    if (event.target && event.target.type === "date") {
      schedule();
    }
  });
  // Rows added to or deleted from the vote panels (Wagtail's inline panels).
  ["id_working_group_votes-FORMS", "id_steering_group_votes-FORMS"].forEach(function (id) {
    var list = document.getElementById(id);
    if (list && window.MutationObserver) {
      new MutationObserver(schedule).observe(list, {
        childList: true,
        subtree: true,
        attributes: true,
        attributeFilter: ["value", "class", "hidden"],
      });
    }
  });
})();
