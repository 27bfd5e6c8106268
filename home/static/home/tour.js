/* The first-run tour: a modal dialog that walks through the header.
 *
 * The native <dialog> opened with showModal() keeps focus inside it and
 * closes on Escape. Each step sits next to the element it talks about, with
 * an arrow pointing at it, and outlines it; a step whose element is not on
 * the page (a section this intranet does not have) is left out. Each step
 * moves focus to its heading so screen readers read it. Closing it in any
 * way (Escape, Close, Finish) tells the server, which never shows it again.
 */
(function () {
  "use strict";

  var dialog = document.getElementById("tour");
  if (!dialog || typeof dialog.showModal !== "function") {
    return;
  }
  var GAP = 12; // between the element and the dialog: room for the arrow
  var EDGE = 8; // the least space kept between the dialog and the window's edge
  var form = dialog.querySelector("form");
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

  function targetOf(step) {
    var target = document.querySelector(step.dataset.target);
    // Present but not drawn (hidden, or in a collapsed part of the page) counts as missing.
    return target && target.getClientRects().length ? target : null;
  }

  var steps = Array.prototype.slice
    .call(dialog.querySelectorAll("[data-tour-step]"))
    .filter(targetOf);
  if (!steps.length) {
    return;
  }

  function highlight(target) {
    if (highlighted) {
      highlighted.classList.remove("tour-target");
    }
    highlighted = target;
    if (highlighted) {
      highlighted.classList.add("tour-target");
    }
  }

  // Below the element when there is room, else above it; as near its middle as
  // the window allows, the arrow pointing at that middle.
  function place() {
    if (!highlighted) {
      return;
    }
    var target = highlighted.getBoundingClientRect();
    var width = dialog.offsetWidth;
    var height = dialog.offsetHeight;
    var middle = target.left + target.width / 2;
    var left = Math.min(Math.max(middle - width / 2, EDGE), window.innerWidth - width - EDGE);
    var below = target.bottom + GAP + height <= window.innerHeight - EDGE ||
      target.top - GAP - height < EDGE;
    var top = below ? target.bottom + GAP : target.top - GAP - height;
    dialog.style.left = Math.max(left, EDGE) + "px";
    dialog.style.top = Math.max(top, EDGE) + "px";
    dialog.style.setProperty("--tour-arrow-x", Math.min(Math.max(middle - left, 20), width - 20) + "px");
    dialog.classList.toggle("tour--below", below);
    dialog.classList.toggle("tour--above", !below);
  }

  function show(position) {
    var step = steps[position];
    var target = targetOf(step);
    index = position;
    counter.textContent = dialog.dataset.counter
      .replace("{number}", position + 1)
      .replace("{total}", steps.length);
    title.textContent = step.dataset.title;
    text.textContent = step.dataset.text;
    back.hidden = position === 0;
    next.hidden = position === steps.length - 1;
    finish.hidden = position !== steps.length - 1;
    highlight(target);
    if (target) {
      target.scrollIntoView({ block: "nearest" });
    }
    place();
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
  window.addEventListener("resize", place);
  window.addEventListener("scroll", place, { passive: true });
  // Escape: the browser closes the dialog after this event.
  dialog.addEventListener("cancel", dismiss);
  dialog.addEventListener("close", function () {
    highlight(null);
    window.removeEventListener("resize", place);
    window.removeEventListener("scroll", place);
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
