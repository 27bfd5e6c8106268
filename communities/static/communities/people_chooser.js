/*
 * The people chooser on a community's members page, for its team
 * (`intranet/static/js/combobox.js`). Without this script the box is a search
 * form that lists the people it finds to pick from; with it, typing two
 * characters lists matching people by name, email or department, and choosing
 * one fills the add-or-invite form's person.
 */
(function () {
  "use strict";

  var input = document.getElementById("people-find");
  var list = document.getElementById("people-find-options");
  var status = document.getElementById("people-find-status");
  var form = input && document.getElementById(input.dataset.peopleForm);
  if (!input || !list || !status || !form || !input.dataset.peopleUrl || !window.fetch || !window.Combobox) {
    return;
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
    combobox.close();
  }

  var combobox = window.Combobox(input, list, {
    minLength: parseInt(input.dataset.minLength, 10) || 2,
    optionClass: "people-chooser__option",
    url: function (query) {
      return input.dataset.peopleUrl + "?q=" + encodeURIComponent(query);
    },
    items: function (data) {
      return data.people || [];
    },
    fill: function (option, person) {
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
    },
    choose: choose,
    answered: function (data) {
      status.textContent = data && !(data.people || []).length ? input.dataset.noneText || "" : "";
    },
  });
})();
