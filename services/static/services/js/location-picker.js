/*
 * The coordinate search of a service's location (services/blocks.py LocationBlock,
 * template services/blocks/location_form.html). Asks the manual's own lookup
 * (services/location_lookup.py) and fills the latitude and longitude fields of the same
 * location. No outside service. Event delegation: locations added later work too.
 */
(function () {
  "use strict";

  function picker(element) {
    return element.closest("[data-location-picker]");
  }

  // The location's container: the struct block around the picker.
  function locationOf(box) {
    return box.parentElement;
  }

  function field(box, name) {
    return locationOf(box).querySelector('input[name$="-' + name + '"]');
  }

  function setStatus(box, text) {
    box.querySelector("[data-location-status]").textContent = text;
  }

  function clearResults(box) {
    var list = box.querySelector("[data-location-results]");
    list.replaceChildren();
    list.hidden = true;
    return list;
  }

  function fill(box, place) {
    var latitude = field(box, "latitude");
    var longitude = field(box, "longitude");
    if (!latitude || !longitude) {
      return;
    }
    latitude.value = place.latitude;
    longitude.value = place.longitude;
    [latitude, longitude].forEach(function (input) {
      input.dispatchEvent(new Event("input", { bubbles: true }));
      input.dispatchEvent(new Event("change", { bubbles: true }));
    });
    var street = field(box, "street_address");
    var postal = field(box, "postal_code");
    var city = field(box, "city");
    if (place.kind === "address") {
      // An empty address field takes the known place's; typed text is never overwritten.
      // (A municipality centre fills no address: its name is in the interface's language.)
      [
        [street, place.street_address],
        [postal, place.postal_code],
        [city, place.city],
      ].forEach(function (pair) {
        if (pair[0] && !pair[0].value && pair[1]) {
          pair[0].value = pair[1];
          pair[0].dispatchEvent(new Event("change", { bubbles: true }));
        }
      });
    }
    setStatus(
      box,
      box.dataset.filled + " " + place.label + " (" + place.latitude + ", " + place.longitude + ")"
    );
  }

  function show(box, places) {
    var list = clearResults(box);
    if (!places.length) {
      setStatus(box, box.dataset.noResults);
      return;
    }
    places.forEach(function (place) {
      var item = document.createElement("li");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "button button-small button-secondary location-picker__choice";
      var text = place.label;
      if (place.kind === "centre") {
        text += " – " + box.dataset.approximate;
      }
      button.textContent = box.dataset.use + ": " + text;
      var coordinates = document.createElement("span");
      coordinates.className = "location-picker__coordinates";
      coordinates.textContent = " " + place.latitude + ", " + place.longitude;
      button.appendChild(coordinates);
      button.addEventListener("click", function () {
        fill(box, place);
      });
      item.appendChild(button);
      list.appendChild(item);
    });
    list.hidden = false;
    setStatus(box, box.dataset.found.replace("{count}", String(places.length)));
  }

  function search(box, query) {
    query = (query || "").trim();
    if (query.length < 2) {
      clearResults(box);
      setStatus(box, box.dataset.noResults);
      return;
    }
    setStatus(box, box.dataset.searching);
    var url = box.dataset.lookupUrl + "?q=" + encodeURIComponent(query);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) {
          throw new Error(String(response.status));
        }
        return response.json();
      })
      .then(function (data) {
        show(box, data.results || []);
      })
      .catch(function () {
        clearResults(box);
        setStatus(box, box.dataset.failed);
      });
  }

  function addressQuery(box) {
    return ["street_address", "postal_code", "city"]
      .map(function (name) {
        var input = field(box, name);
        return input ? input.value.trim() : "";
      })
      .filter(Boolean)
      .join(" ");
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) {
      return;
    }
    var searchButton = target.closest("[data-location-search]");
    var addressButton = target.closest("[data-location-from-address]");
    if (!searchButton && !addressButton) {
      return;
    }
    var box = picker(target);
    if (!box) {
      return;
    }
    event.preventDefault();
    if (searchButton) {
      search(box, box.querySelector(".location-picker__query").value);
    } else {
      var query = addressQuery(box);
      box.querySelector(".location-picker__query").value = query;
      search(box, query);
    }
  });

  // Enter in the search box searches; it must not submit the page form.
  document.addEventListener("keydown", function (event) {
    var target = event.target;
    if (event.key !== "Enter" || !(target instanceof Element)) {
      return;
    }
    if (!target.matches(".location-picker__query")) {
      return;
    }
    event.preventDefault();
    search(picker(target), target.value);
  });
})();
