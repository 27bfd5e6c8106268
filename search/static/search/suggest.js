/*
 * Suggestions under the header's search box (`intranet/static/js/combobox.js`).
 * Without this script the box is a plain search form; with it, typing two
 * characters lists matching pages and people, and choosing one opens it.
 */
(function () {
  "use strict";

  var input = document.getElementById("site-search-query");
  var list = document.getElementById("site-search-suggestions");
  var status = document.getElementById("site-search-status");
  if (!input || !list || !status || !input.dataset.suggestUrl || !window.fetch || !window.Combobox) {
    return;
  }

  window.Combobox(input, list, {
    optionClass: "site-search__option",
    url: function (query) {
      return input.dataset.suggestUrl + "?query=" + encodeURIComponent(query);
    },
    items: function (data) {
      return data.suggestions || [];
    },
    fill: function (option, suggestion) {
      option.dataset.url = suggestion.url;
      var label = document.createElement("span");
      label.textContent = suggestion.label;
      var kind = document.createElement("span");
      kind.className = "site-search__kind";
      kind.textContent = suggestion.kind;
      option.appendChild(label);
      option.appendChild(kind);
    },
    choose: function (option) {
      window.location.assign(option.dataset.url);
    },
    answered: function (data) {
      status.textContent = (data && data.status) || "";
    },
  });
})();
