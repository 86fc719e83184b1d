/*
 * The catalogue's progressive enhancements. Every page works without this file: the search
 * and its filters are a GET form, each result a link.
 *
 * 1. The search box's suggestions (an ARIA 1.2 combobox with a list box): while the reader
 *    types, the titles and topics of /services/suggest/?q= (the API's `suggest`); arrow keys
 *    move, Enter picks (and searches), Escape closes.
 * 2. The filters of the results page update the results and the other filters' counts
 *    in place when a choice changes (no reload, the focus stays where it is; the result
 *    count is announced by its live region), and the address follows (shareable).
 * 3. The filter panel starts closed on narrow screens (it is open in the HTML).
 *
 * Strings come from the page (data-* attributes written with the site's translations).
 */
(function () {
  "use strict";

  var NARROW = "(max-width: 47.99rem)";

  // --- 1. Suggestions --------------------------------------------------------------------
  function Combobox(input) {
    this.input = input;
    this.url = input.getAttribute("data-suggest-url");
    this.statusText = input.getAttribute("data-suggest-status") || "%(count)s";
    this.termText = input.getAttribute("data-suggest-term") || "";
    this.cache = {};
    this.items = [];
    this.active = -1;
    this.timer = null;
    this.request = null;

    var id = input.id || "q";
    this.listbox = document.createElement("ul");
    this.listbox.id = id + "-suggestions";
    this.listbox.className = "suggestions";
    this.listbox.setAttribute("role", "listbox");
    this.listbox.setAttribute("aria-label", input.getAttribute("data-suggest-label") || "");
    this.listbox.hidden = true;
    this.status = document.createElement("div");
    this.status.className = "visually-hidden";
    this.status.setAttribute("role", "status");
    input.parentNode.appendChild(this.listbox);
    input.parentNode.appendChild(this.status);

    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", this.listbox.id);
    input.setAttribute("autocomplete", "off");

    var self = this;
    input.addEventListener("input", function () { self.schedule(); });
    input.addEventListener("keydown", function (event) { self.key(event); });
    input.addEventListener("blur", function () {
      window.setTimeout(function () { self.close(); }, 150);
    });
    this.listbox.addEventListener("mousedown", function (event) { event.preventDefault(); });
    this.listbox.addEventListener("click", function (event) {
      var option = event.target.closest("[role=option]");
      if (option) { self.choose(Number(option.getAttribute("data-index"))); }
    });
  }

  Combobox.prototype.schedule = function () {
    var self = this;
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(function () { self.fetch(); }, 150);
  };

  Combobox.prototype.fetch = function () {
    var text = this.input.value;
    var letters = text.replace(/[^\p{L}\p{N}]/gu, "");
    if (letters.length < 2) { this.show([]); return; }
    if (this.cache[text]) { this.show(this.cache[text]); return; }
    if (this.request) { this.request.abort(); }
    var self = this;
    this.request = window.AbortController ? new AbortController() : null;
    window.fetch(this.url + "?q=" + encodeURIComponent(text), {
      headers: { Accept: "application/json" },
      signal: this.request ? this.request.signal : undefined,
      credentials: "same-origin",
    })
      .then(function (response) { return response.ok ? response.json() : { suggestions: [] }; })
      .then(function (body) {
        self.cache[text] = body.suggestions || [];
        if (self.input.value === text) { self.show(self.cache[text]); }
      })
      .catch(function () { /* aborted or offline: the search still works */ });
  };

  Combobox.prototype.show = function (items) {
    this.items = items;
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.listbox.textContent = "";
    var self = this;
    items.forEach(function (item, index) {
      var option = document.createElement("li");
      option.id = self.listbox.id + "-" + index;
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.setAttribute("data-index", String(index));
      option.className = "suggestions__option";
      option.appendChild(document.createTextNode(item.label));
      if (item.kind === "TERM" && self.termText) {
        var kind = document.createElement("span");
        kind.className = "suggestions__kind";
        kind.textContent = " " + self.termText;
        option.appendChild(kind);
      }
      self.listbox.appendChild(option);
    });
    if (items.length && document.activeElement === this.input) {
      this.listbox.hidden = false;
      this.input.setAttribute("aria-expanded", "true");
      this.status.textContent = this.statusText.replace("%(count)s", String(items.length));
    } else {
      this.close();
    }
  };

  Combobox.prototype.close = function () {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.input.removeAttribute("aria-activedescendant");
    this.active = -1;
  };

  Combobox.prototype.move = function (step) {
    if (!this.items.length) { return; }
    if (this.listbox.hidden) { this.listbox.hidden = false; this.input.setAttribute("aria-expanded", "true"); }
    var count = this.items.length;
    this.active = this.active < 0 ? (step > 0 ? 0 : count - 1) : (this.active + step + count) % count;
    var options = this.listbox.querySelectorAll("[role=option]");
    for (var i = 0; i < options.length; i++) {
      options[i].setAttribute("aria-selected", i === this.active ? "true" : "false");
    }
    var current = options[this.active];
    this.input.setAttribute("aria-activedescendant", current.id);
    if (current.scrollIntoView) { current.scrollIntoView({ block: "nearest" }); }
  };

  Combobox.prototype.choose = function (index) {
    var item = this.items[index];
    if (!item) { return; }
    this.input.value = item.label;
    this.close();
    if (this.input.form) {
      if (this.input.form.requestSubmit) { this.input.form.requestSubmit(); } else { this.input.form.submit(); }
    }
  };

  Combobox.prototype.key = function (event) {
    var open = !this.listbox.hidden;
    switch (event.key) {
      case "ArrowDown":
        event.preventDefault();
        if (!open && !this.items.length) { this.fetch(); } else { this.move(1); }
        break;
      case "ArrowUp":
        event.preventDefault();
        this.move(-1);
        break;
      case "Enter":
        if (open && this.active >= 0) { event.preventDefault(); this.choose(this.active); }
        break;
      case "Escape":
        if (open) { event.preventDefault(); this.close(); }
        break;
      case "Tab":
        this.close();
        break;
      default:
        break;
    }
  };

  // --- 2. Filters update the results in place -----------------------------------------------
  function LiveFilters(form) {
    this.form = form;
    this.pending = null;
    var self = this;
    form.querySelectorAll("[data-js-hide]").forEach(function (el) { el.hidden = true; });
    form.addEventListener("change", function (event) {
      if (event.target.name === "q") { return; }
      if (event.target.name === "age" && event.target.value && !/^\d{1,3}$/.test(event.target.value)) {
        return; // the server says what is wrong when the form is sent
      }
      self.update();
    });
  }

  LiveFilters.prototype.url = function () {
    var params = new URLSearchParams();
    new FormData(this.form).forEach(function (value, key) {
      if (value !== "") { params.append(key, value); }
    });
    var query = params.toString();
    return this.form.getAttribute("action") + (query ? "?" + query : "");
  };

  LiveFilters.prototype.update = function () {
    var url = this.url();
    var self = this;
    if (this.pending) { this.pending.abort(); }
    this.pending = window.AbortController ? new AbortController() : null;
    this.form.setAttribute("aria-busy", "true");
    window.fetch(url, {
      headers: { Accept: "text/html" },
      credentials: "same-origin",
      signal: this.pending ? this.pending.signal : undefined,
    })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        if (!page.getElementById("results-body")) { throw new Error("no results"); }
        self.apply(page);
        window.history.replaceState(null, "", url);
        document.title = page.title;
        self.form.removeAttribute("aria-busy");
      })
      .catch(function (error) {
        if (error && error.name === "AbortError") { return; }
        self.form.submit(); // as without JavaScript
      });
  };

  LiveFilters.prototype.apply = function (page) {
    var focused = document.activeElement;
    function swap(id) {
      var now = document.getElementById(id);
      var next = page.getElementById(id);
      if (now && next) { now.replaceWith(document.importNode(next, true)); }
    }
    swap("results-body");
    var count = document.getElementById("result-count");
    var newCount = page.getElementById("result-count");
    if (count && newCount) { count.innerHTML = newCount.innerHTML; }
    // The other filters' lists (a group's own counts do not change with its own choices).
    this.form.querySelectorAll("[data-group]").forEach(function (group) {
      var next = page.querySelector('[data-group="' + group.getAttribute("data-group") + '"] ul');
      var list = group.querySelector("ul");
      if (next && list && !group.contains(focused)) { list.replaceWith(document.importNode(next, true)); }
    });
    var select = document.getElementById("f-municipality");
    var newSelect = page.getElementById("f-municipality");
    if (select && newSelect && select !== focused) { select.innerHTML = newSelect.innerHTML; }
    var free = this.form.querySelector("[data-free-label]");
    var newFree = page.querySelector("[data-free-label]");
    if (free && newFree) { free.innerHTML = newFree.innerHTML; }
  };

  // --- Start --------------------------------------------------------------------------------
  function start() {
    document.querySelectorAll("input[data-suggest-url]").forEach(function (input) {
      if (window.fetch) { new Combobox(input); }
    });
    var form = document.querySelector("form[data-autosubmit]");
    if (form && window.fetch && window.DOMParser && window.URLSearchParams) { new LiveFilters(form); }
    var panel = document.querySelector("[data-filter-panel]");
    if (panel && window.matchMedia && window.matchMedia(NARROW).matches) { panel.open = false; }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
