// Names three controls of the Wagtail admin that its own scripts build without one, so a
// screen reader can say what they are: the tag field's typing box, which tag-it adds beside
// the labelled (and then hidden) field; the rich text editor, which Draftail builds beside
// its hidden field; and the chooser modals, named by their heading. All appear after the
// page has loaded (a chooser opens, a block is added), so new elements are watched for too.
(function () {
  "use strict";

  var counter = 0;

  function idFor(element) {
    if (!element.id) {
      counter += 1;
      element.id = "accessible-name-" + counter;
    }
    return element.id;
  }

  function nameTagInputs() {
    document.querySelectorAll("ul.tagit input:not([aria-labelledby])").forEach(function (input) {
      var field = input.closest("ul.tagit").previousElementSibling;
      var label = field && field.id && document.querySelector('label[for="' + field.id + '"]');
      if (label) {
        input.setAttribute("aria-labelledby", idFor(label));
      }
    });
  }

  // Draftail leaves its attributes alone once set: React only writes the props it was given.
  function nameRichTextEditors() {
    document
      .querySelectorAll('.Draftail-Editor [role="textbox"]:not([aria-labelledby]):not([aria-label])')
      .forEach(function (editor) {
        // The label is for the hidden field Draftail saves into, beside the editor.
        var area = editor.closest(".w-field__input");
        var field = area && area.querySelector("input[data-draftail-input]");
        var label = field && field.id && document.querySelector('label[for="' + field.id + '"]');
        // A StreamField block's field has no label of its own: its block's type names it
        // (the heading around it also repeats the block's text).
        var panel = editor.closest(".w-panel");
        var name = label || (panel && panel.querySelector(".w-panel__heading .c-sf-block__type"));
        if (name) {
          editor.setAttribute("aria-labelledby", idFor(name));
        }
      });
  }

  function nameDialogs() {
    document.querySelectorAll('.modal[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      // By text, not by reference: the modal's heading shares its id with the page's own.
      var heading = dialog.querySelector("h1, h2");
      if (heading && heading.textContent.trim()) {
        dialog.setAttribute("aria-label", heading.textContent.trim());
      }
    });
  }

  function nameAll() {
    nameTagInputs();
    nameRichTextEditors();
    nameDialogs();
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    // One pass per batch of changes (a chooser opening, a block added, a keystroke in
    // a rich text editor): three queries that each find nothing once all is named.
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
