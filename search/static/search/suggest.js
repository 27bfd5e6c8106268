/*
 * Suggestions under the header's search box, as a combobox with a listbox
 * (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). Without this script the
 * box is a plain search form; with it, typing two characters lists matching
 * pages and people. Arrow keys move through them, Enter opens one, Escape closes.
 */
(function () {
  "use strict";

  var input = document.getElementById("site-search-query");
  var list = document.getElementById("site-search-suggestions");
  var status = document.getElementById("site-search-status");
  if (!input || !list || !status || !input.dataset.suggestUrl || !window.fetch) {
    return;
  }

  var MIN_LENGTH = 2;
  var DELAY_MS = 200;
  var timer = null;
  var latest = 0;
  var active = -1;
  var options = [];

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);
  input.setAttribute("autocomplete", "off");

  function close() {
    list.hidden = true;
    list.textContent = "";
    options = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    options.forEach(function (option, i) {
      option.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", options[index].id);
      options[index].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function open(option) {
    window.location.assign(option.dataset.url);
  }

  function render(data) {
    close();
    status.textContent = data.status || "";
    (data.suggestions || []).forEach(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = "site-search-option-" + i;
      option.className = "site-search__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = suggestion.url;
      var label = document.createElement("span");
      label.textContent = suggestion.label;
      var kind = document.createElement("span");
      kind.className = "site-search__kind";
      kind.textContent = suggestion.kind;
      option.appendChild(label);
      option.appendChild(kind);
      // mousedown, not click: the input's blur would close the list first.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        open(option);
      });
      list.appendChild(option);
      options.push(option);
    });
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function fetchSuggestions() {
    var query = input.value.trim();
    if (query.length < MIN_LENGTH) {
      close();
      status.textContent = "";
      return;
    }
    var request = ++latest;
    var url = input.dataset.suggestUrl + "?query=" + encodeURIComponent(query);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        // An older answer arriving late must not replace a newer one.
        if (request === latest) {
          render(data);
        }
      })
      .catch(close);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      open(options[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });

  input.addEventListener("blur", close);
})();
