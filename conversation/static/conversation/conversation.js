// Posts the conversation's forms in the background and swaps in the page's
// fresh conversation, so commenting, reacting and moderating need no reload.
// Without this file the same forms post and redirect back to the page.
// Loaded as a file from the intranet itself: the CSP allows no inline script.
(function () {
  "use strict";

  function showMessages(doc) {
    const fresh = doc.querySelector(".messages");
    const current = document.querySelector(".messages");
    if (current) current.remove();
    if (fresh) document.getElementById("main").prepend(fresh);
  }

  function setBusy(form, busy) {
    form.dataset.busy = busy ? "true" : "";
    form.querySelectorAll("button").forEach(function (button) {
      button.disabled = busy;
    });
  }

  function commentIds(conversation) {
    return new Set(
      Array.from(conversation.querySelectorAll("li.comment[id]"), function (item) {
        return item.id;
      }),
    );
  }

  // The comment just posted: the newest of those the fresh conversation shows
  // that were not shown before (the fresh page may be another page of threads).
  function postedComment(conversation, before) {
    let newest = null;
    let newestNumber = -1;
    conversation.querySelectorAll("li.comment[id]").forEach(function (item) {
      const number = parseInt(item.id.replace("comment-", ""), 10);
      if (!before.has(item.id) && number > newestNumber) {
        newest = item;
        newestNumber = number;
      }
    });
    return newest && newest.querySelector(":scope > article");
  }

  // Shows the comment just posted, moves focus to it, and says so to screen
  // readers through a status outside the conversation, which stays in the page
  // while the conversation is replaced.
  function showPosted(conversation, before, isReply) {
    const status = document.querySelector("[data-conversation-status]");
    const card = postedComment(conversation, before);
    if (card) {
      card.tabIndex = -1;
      card.scrollIntoView({ block: "center" });
      card.focus({ preventScroll: true });
    }
    if (status) {
      // Emptied first, so that a second post in a row is announced again.
      status.textContent = "";
      window.setTimeout(function () {
        status.textContent = isReply ? status.dataset.replyPosted : status.dataset.commentPosted;
      }, 100);
    }
  }

  async function submit(form, submitter) {
    // The submitter's name and value (a reaction's kind, a moderator's
    // action) travel with the form, as in a plain post.
    const body = new FormData(form, submitter);
    const posting = form.matches("[data-comment-form]");
    const before = commentIds(form.closest("[data-conversation]"));
    setBusy(form, true);
    try {
      // Read as an attribute: a moderator's buttons are named "action", which
      // shadows the form's own `action` property.
      const response = await fetch(form.getAttribute("action"), {
        method: "POST",
        body: body,
        credentials: "same-origin",
      });
      const doc = new DOMParser().parseFromString(await response.text(), "text/html");
      if (response.ok) {
        const fresh = doc.querySelector("[data-conversation]");
        const current = document.querySelector("[data-conversation]");
        if (!fresh || !current) {
          window.location.assign(response.url);
          return;
        }
        current.replaceWith(fresh);
        showMessages(doc);
        if (posting) showPosted(fresh, before, Boolean(form.querySelector("input[name=parent]")));
        return;
      }
      // A rejected comment: show why inside the form and keep the text.
      const errors = doc.querySelector("[data-form-errors]");
      const target = form.querySelector("[data-form-errors]");
      if (errors && target) {
        target.replaceWith(errors);
      } else {
        showMessages(doc);
      }
      setBusy(form, false);
    } catch (error) {
      // Offline or refused: fall back to a plain post.
      form.submit();
    }
  }

  // The page carries one reply form, in a <template>; opening a comment's
  // Reply puts a copy of it there, aimed at that comment. Without this the
  // Reply holds a link to a page with the form.
  document.addEventListener(
    "toggle",
    function (event) {
      const details = event.target;
      if (!(details instanceof HTMLDetailsElement) || !details.open) return;
      if (!details.matches("[data-reply-to]") || details.querySelector("form")) return;
      const conversation = details.closest("[data-conversation]");
      const template = conversation && conversation.querySelector("template[data-reply-form]");
      if (!template) return;
      const form = template.content.querySelector("form").cloneNode(true);
      const id = "reply-" + details.dataset.replyTo;
      form.querySelector("input[name=parent]").value = details.dataset.replyTo;
      form.querySelector("textarea").id = id;
      form.querySelector("label").htmlFor = id;
      const fallback = details.querySelector("[data-reply-fallback]");
      if (fallback) fallback.hidden = true;
      details.append(form);
      form.querySelector("textarea").focus();
    },
    // A details element's toggle does not bubble.
    true,
  );

  document.addEventListener("submit", function (event) {
    const form = event.target;
    if (!(form instanceof HTMLFormElement) || !form.closest("[data-conversation]")) return;
    event.preventDefault();
    // A second click while the first is on its way does nothing.
    if (form.dataset.busy === "true") return;
    submit(form, event.submitter);
  });
})();
