// "Was this page helpful?" answers without reloading the page. Without this
// file the form posts and the page comes back with the answer recorded.
(function () {
  "use strict";

  function setPressed(form, helpful) {
    form.querySelectorAll("button[name=helpful]").forEach(function (button) {
      var pressed = (button.value === "yes") === helpful;
      button.setAttribute("aria-pressed", pressed ? "true" : "false");
      button.classList.toggle("button--secondary", !pressed);
    });
  }

  function enhance(box) {
    var form = box.querySelector("[data-helpful-form]");
    var status = box.querySelector("[data-helpful-status]");
    if (!form || !status || !window.fetch) {
      return;
    }
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      var data = new FormData(form);
      var submitter = event.submitter;
      if (submitter && submitter.name) {
        data.set(submitter.name, submitter.value);
      }
      fetch(form.action, {
        method: "POST",
        body: data,
        credentials: "same-origin",
        headers: { Accept: "application/json" },
      })
        .then(function (response) {
          return response.json().then(function (body) {
            status.textContent = body.message;
            status.classList.toggle("message--error", !response.ok);
            if (response.ok) {
              setPressed(form, body.helpful);
            }
          });
        })
        .catch(function () {
          // The network or the server failed: post the form the plain way,
          // carrying the button's answer, which submit() alone would drop.
          if (submitter && submitter.name) {
            var answer = document.createElement("input");
            answer.type = "hidden";
            answer.name = submitter.name;
            answer.value = submitter.value;
            form.appendChild(answer);
          }
          HTMLFormElement.prototype.submit.call(form);
        });
    });
  }

  document.querySelectorAll("[data-helpful]").forEach(enhance);
})();
