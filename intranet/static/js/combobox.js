/*
 * A combobox with a listbox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/),
 * shared by the header's search suggestions and the members page's people
 * chooser. As someone types, it asks `settings.url(query)` for matches, lists
 * them, and lets the arrow keys, Enter, Escape and the mouse choose one.
 *
 * settings: url(query), items(data) (the matches in an answer), fill(option,
 * item) (an option's text and data), choose(option), answered(data) (null when
 * the query is too short), and optionally minLength, optionClass, query()
 * (what to look up, or null for nothing; the whole value by default) and
 * pickFirst (the first match is highlighted as it shows, so that Enter or Tab
 * takes it, as in a mention box). Returns { close }.
 */
window.Combobox = function (input, list, settings) {
  "use strict";

  var minLength = settings.minLength || 2;
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

  function render(items) {
    close();
    items.forEach(function (item, i) {
      var option = document.createElement("li");
      option.id = list.id + "-" + i;
      option.className = settings.optionClass || "";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      settings.fill(option, item);
      // mousedown, not click: the input's blur would close the list first.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        settings.choose(option);
      });
      list.appendChild(option);
      options.push(option);
    });
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
      if (settings.pickFirst) highlight(0);
    }
  }

  function fetchMatches() {
    var query = settings.query ? settings.query() : input.value.trim();
    if (query === null || query.length < minLength) {
      close();
      settings.answered(null);
      return;
    }
    var request = ++latest;
    fetch(settings.url(query), { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : {};
      })
      .then(function (data) {
        // An older answer arriving late must not replace a newer one.
        if (request === latest) {
          render(settings.items(data));
          settings.answered(data);
        }
      })
      .catch(close);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchMatches, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if ((event.key === "Enter" || (event.key === "Tab" && settings.pickFirst)) && active >= 0) {
      // Choosing, not submitting the form around the box (nor leaving it).
      event.preventDefault();
      settings.choose(options[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });

  input.addEventListener("blur", close);

  return { close: close };
};
