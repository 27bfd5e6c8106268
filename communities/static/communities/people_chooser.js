/*
 * The people chooser on a community's members page, for its team: a combobox
 * with a listbox (https://www.w3.org/WAI/ARIA/apg/patterns/combobox/). Without
 * this script the box is a search form that lists the people it finds to pick
 * from; with it, typing two characters lists matching people by name, email or
 * department, and choosing one fills the add-or-invite form's person.
 */
(function () {
  "use strict";

  var input = document.getElementById("people-find");
  var list = document.getElementById("people-find-options");
  var status = document.getElementById("people-find-status");
  var form = input && document.getElementById(input.dataset.peopleForm);
  if (!input || !list || !status || !form || !input.dataset.peopleUrl || !window.fetch) {
    return;
  }

  var MIN_LENGTH = parseInt(input.dataset.minLength, 10) || 2;
  var DELAY_MS = 200;
  var timer = null;
  var latest = 0;
  var active = -1;
  var options = [];

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", list.id);

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
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function choose(option) {
    // The list of matches from a search without script gives way to the choice.
    var matches = form.querySelector(".people-chooser__matches");
    if (matches) {
      matches.remove();
    }
    var field = form.querySelector('input[type="hidden"][name="person"]');
    if (!field) {
      field = document.createElement("input");
      field.type = "hidden";
      field.name = "person";
      form.insertBefore(field, form.firstChild);
    }
    field.value = option.dataset.person;
    var chosen = form.querySelector("[data-people-chosen]");
    if (!chosen) {
      chosen = document.createElement("p");
      chosen.className = "people-chooser__chosen muted";
      chosen.setAttribute("data-people-chosen", "");
      chosen.setAttribute("aria-live", "polite");
      field.insertAdjacentElement("afterend", chosen);
    }
    chosen.textContent = option.dataset.label;
    input.value = option.dataset.name;
    close();
  }

  function render(people) {
    close();
    status.textContent = people.length ? "" : input.dataset.noneText || "";
    people.forEach(function (person, i) {
      var option = document.createElement("li");
      option.id = "people-find-option-" + i;
      option.className = "people-chooser__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.person = String(person.id);
      option.dataset.name = person.name;
      option.dataset.label = person.detail ? person.name + " (" + person.detail + ")" : person.name;
      var name = document.createElement("span");
      name.textContent = person.name;
      var detail = document.createElement("span");
      detail.className = "people-chooser__detail";
      detail.textContent = person.detail;
      option.appendChild(name);
      option.appendChild(detail);
      // mousedown, not click: the input's blur would close the list first.
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        choose(option);
      });
      list.appendChild(option);
      options.push(option);
    });
    if (options.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
  }

  function search() {
    var query = input.value.trim();
    if (query.length < MIN_LENGTH) {
      close();
      return;
    }
    var request = ++latest;
    var url = input.dataset.peopleUrl + "?q=" + encodeURIComponent(query);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.ok ? response.json() : { people: [] };
      })
      .then(function (data) {
        // An older answer arriving late must not replace a newer one.
        if (request === latest) {
          render(data.people || []);
        }
      })
      .catch(close);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(search, DELAY_MS);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" && options.length) {
      event.preventDefault();
      highlight((active + 1) % options.length);
    } else if (event.key === "ArrowUp" && options.length) {
      event.preventDefault();
      highlight(active <= 0 ? options.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      // Choosing, not submitting the search.
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape") {
      close();
    }
  });

  input.addEventListener("blur", close);
})();
