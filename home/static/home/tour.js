/* The first-run tour: a modal dialog that walks through the header.
 *
 * The native <dialog> opened with showModal() keeps focus inside it and
 * closes on Escape. Each step moves focus to its heading so screen readers
 * read it, and outlines the element it talks about. Closing it in any way
 * (Escape, Close, Finish) tells the server, which never shows it again.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("tour");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var form = dialog.querySelector("form");
  var steps = Array.prototype.slice.call(dialog.querySelectorAll("[data-tour-step]"));
  var title = document.getElementById("tour-title");
  var text = document.getElementById("tour-text");
  var counter = document.getElementById("tour-counter");
  var back = dialog.querySelector("[data-tour-back]");
  var next = dialog.querySelector("[data-tour-next]");
  var finish = dialog.querySelector("[data-tour-finish]");
  var index = 0;
  var highlighted = null;
  var dismissed = false;
  var opener = document.activeElement;

  function highlight(selector) {
    if (highlighted) {
      highlighted.classList.remove("tour-target");
    }
    highlighted = selector ? document.querySelector(selector) : null;
    if (highlighted) {
      highlighted.classList.add("tour-target");
      highlighted.scrollIntoView({ block: "nearest" });
    }
  }

  function show(position) {
    var step = steps[position];
    index = position;
    counter.textContent = step.dataset.counter;
    title.textContent = step.dataset.title;
    text.textContent = step.dataset.text;
    back.hidden = position === 0;
    next.hidden = position === steps.length - 1;
    finish.hidden = position !== steps.length - 1;
    highlight(step.dataset.target);
    title.focus();
  }

  function dismiss() {
    if (dismissed) {
      return;
    }
    dismissed = true;
    // In the background: the person carries on while the server records it.
    window.fetch(form.action, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "application/json" },
    });
  }

  back.addEventListener("click", function () {
    show(Math.max(0, index - 1));
  });
  next.addEventListener("click", function () {
    show(Math.min(steps.length - 1, index + 1));
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    dismiss();
    dialog.close();
  });
  // Escape: the browser closes the dialog after this event.
  dialog.addEventListener("cancel", dismiss);
  dialog.addEventListener("close", function () {
    highlight(null);
    // Back where the keyboard was before the tour: on a fresh page that is
    // the top, so the next Tab reaches the skip link.
    if (opener && opener !== document.body && document.contains(opener)) {
      opener.focus();
    } else {
      document.body.setAttribute("tabindex", "-1");
      document.body.focus();
      document.body.removeAttribute("tabindex");
    }
  });

  dialog.showModal();
  show(0);
})();
