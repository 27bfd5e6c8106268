/*
 * Suggests people while someone types "@" and the start of a name in a text
 * box marked `data-mentions` (its value: the address of the suggestions,
 * `people.views.mention_suggestions`; `data-mentions-label` names the list).
 * Built on the shared combobox (`intranet/static/js/combobox.js`): the arrow
 * keys move through the names, Enter or Tab writes "@username ", Escape
 * closes. Without this script, "@username" typed by hand works the same.
 *
 * Boxes are wired when they first take the focus: the conversation's reply
 * boxes are copied into the page, and its forms replaced, after it loads.
 */
(function () {
  "use strict";

  if (!window.fetch) return;

  // "@" at the start or after a space or punctuation, then the name so far, up to the
  // caret: as `people.mentions.MENTION` reads a mention, not an email address.
  var TYPED = /(?:^|[^\p{L}\p{N}_@./])@([\p{L}\p{N}_.+-]*)$/u;

  function typedMention(box) {
    var match = TYPED.exec(box.value.slice(0, box.selectionStart));
    return match ? match[1] : null;
  }

  function fill(option, person) {
    option.dataset.username = person.username;
    var face;
    if (person.photo) {
      face = document.createElement("img");
      face.src = person.photo;
      face.alt = "";
    } else {
      face = document.createElement("span");
      face.setAttribute("aria-hidden", "true");
      face.textContent = person.name.charAt(0).toUpperCase();
    }
    face.className = "avatar avatar--small";
    var name = document.createElement("span");
    name.textContent = person.name;
    var username = document.createElement("span");
    username.className = "mention-suggestions__username";
    username.textContent = "@" + person.username;
    option.append(face, name, username);
  }

  function wire(box) {
    box.dataset.mentionsWired = "true";
    var list = document.createElement("ul");
    list.id = box.id + "-mentions";
    list.className = "mention-suggestions";
    list.setAttribute("role", "listbox");
    list.setAttribute("aria-label", box.dataset.mentionsLabel || "");
    list.hidden = true;
    box.insertAdjacentElement("afterend", list);

    var combobox = window.Combobox(box, list, {
      minLength: 1,
      pickFirst: true,
      optionClass: "mention-suggestions__option",
      query: function () {
        return typedMention(box);
      },
      url: function (query) {
        return box.dataset.mentions + "?q=" + encodeURIComponent(query);
      },
      items: function (data) {
        return data.people || [];
      },
      fill: fill,
      choose: function (option) {
        // The "@" and the name so far give way to the whole username.
        var typed = typedMention(box);
        if (typed === null) return combobox.close();
        var caret = box.selectionStart;
        var start = caret - typed.length - 1;
        var mention = "@" + option.dataset.username + " ";
        box.setRangeText(mention, start, caret, "end");
        combobox.close();
        box.focus();
      },
      answered: function () {},
    });
  }

  function wireIfNew(box) {
    // Asked here, not when this file runs: the shared combobox may be a deferred
    // script further down the page.
    if (
      window.Combobox &&
      box instanceof HTMLTextAreaElement &&
      box.dataset.mentions &&
      box.id &&
      !box.dataset.mentionsWired
    ) {
      wire(box);
    }
  }

  // Every deferred script has run by then.
  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("textarea[data-mentions]").forEach(wireIfNew);
  });
  document.addEventListener("focusin", function (event) {
    wireIfNew(event.target);
  });
})();
