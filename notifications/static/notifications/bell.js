/*
 * The header's bell as a disclosure (https://www.w3.org/WAI/ARIA/apg/patterns/disclosure/).
 * Without this script the bell is a link to the notification centre. With it,
 * the bell becomes a button that opens the newest few notifications below it,
 * fetched when it opens so that no page pays for them up front. Escape or a
 * click elsewhere closes it, and Escape hands focus back to the bell.
 */
(function () {
  "use strict";

  var link = document.querySelector(".bell-menu a.bell[data-latest-url]");
  var panel = document.getElementById("bell-menu-panel");
  if (!link || !panel || !window.fetch) {
    return;
  }
  var menu = link.parentNode;
  var latest = panel.querySelector(".bell-menu__latest");
  var failed = panel.querySelector(".bell-menu__failed");
  var url = link.dataset.latestUrl;

  // The same look, name and content, as a button.
  var bell = document.createElement("button");
  bell.type = "button";
  bell.className = link.className;
  bell.setAttribute("aria-label", link.getAttribute("aria-label"));
  bell.dataset.tour = link.dataset.tour;
  bell.setAttribute("aria-expanded", "false");
  bell.setAttribute("aria-controls", panel.id);
  while (link.firstChild) {
    bell.appendChild(link.firstChild);
  }
  menu.replaceChild(bell, link);

  function load() {
    latest.setAttribute("aria-busy", "true");
    failed.hidden = true;
    window
      .fetch(url, { credentials: "same-origin", headers: { Accept: "text/html" } })
      .then(function (response) {
        // A session that has ended is sent to the login page instead.
        if (!response.ok || response.redirected) {
          throw new Error(response.status);
        }
        return response.text();
      })
      .then(function (html) {
        // The intranet's own fragment, every value in it escaped by the template.
        latest.innerHTML = html;
      })
      .catch(function () {
        latest.textContent = "";
        failed.hidden = false;
      })
      .then(function () {
        latest.removeAttribute("aria-busy");
      });
  }

  function isOpen() {
    return bell.getAttribute("aria-expanded") === "true";
  }

  function open() {
    bell.setAttribute("aria-expanded", "true");
    panel.hidden = false;
    load();
  }

  function close() {
    bell.setAttribute("aria-expanded", "false");
    panel.hidden = true;
  }

  bell.addEventListener("click", function () {
    if (isOpen()) {
      close();
    } else {
      open();
    }
  });
  menu.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && isOpen()) {
      event.preventDefault();
      close();
      bell.focus();
    }
  });
  document.addEventListener("click", function (event) {
    if (isOpen() && !menu.contains(event.target)) {
      close();
    }
  });
})();
