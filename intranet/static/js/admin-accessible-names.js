// Names two controls of the Wagtail admin that its own scripts build without one, so a
// screen reader can say what they are: the tag field's typing box, which tag-it adds beside
// the labelled (and then hidden) field, and the chooser modals, named by their heading.
// Both appear after the page has loaded (a chooser opens, a panel is added), so new
// elements are watched for as well.
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

  function nameTagInputs(root) {
    root.querySelectorAll("ul.tagit input:not([aria-labelledby])").forEach(function (input) {
      var field = input.closest("ul.tagit").previousElementSibling;
      var label = field && field.id && document.querySelector('label[for="' + field.id + '"]');
      if (label) {
        input.setAttribute("aria-labelledby", idFor(label));
      }
    });
  }

  function nameDialogs(root) {
    root.querySelectorAll('.modal[role="dialog"]:not([aria-label])').forEach(function (dialog) {
      // By text, not by reference: the modal's heading shares its id with the page's own.
      var heading = dialog.querySelector("h1, h2");
      if (heading && heading.textContent.trim()) {
        dialog.setAttribute("aria-label", heading.textContent.trim());
      }
    });
  }

  function nameAll() {
    nameTagInputs(document);
    nameDialogs(document);
  }

  document.addEventListener("DOMContentLoaded", function () {
    nameAll();
    // One pass over the document per batch of changes: batches are few (a chooser
    // opening, a panel added) and the two queries are cheap.
    new MutationObserver(nameAll).observe(document.body, { childList: true, subtree: true });
  });
})();
