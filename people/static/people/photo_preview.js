/*
 * The profile form shows the photo chosen before it is saved. The figure
 * holds the current photo first (or is hidden when there is none); choosing
 * a file shows that file in its place, read in the browser and sent nowhere,
 * and clearing the choice brings the current photo back.
 */
(function () {
  "use strict";

  var input = document.querySelector('input[type="file"][name="new_photo"]');
  var figure = document.getElementById("photo-preview");
  var image = document.getElementById("photo-preview-image");
  var caption = document.getElementById("photo-preview-caption");
  if (!input || !figure || !image || !caption || !window.URL) {
    return;
  }
  var chosenUrl = null;

  function forget() {
    if (chosenUrl) {
      URL.revokeObjectURL(chosenUrl);
      chosenUrl = null;
    }
  }

  function showCurrent() {
    forget();
    var current = figure.dataset.currentSrc;
    if (current) {
      image.src = current;
      caption.textContent = figure.dataset.currentCaption;
      figure.hidden = false;
    } else {
      image.removeAttribute("src");
      figure.hidden = true;
    }
  }

  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file) {
      showCurrent();
      return;
    }
    forget();
    chosenUrl = URL.createObjectURL(file);
    image.src = chosenUrl;
    caption.textContent = figure.dataset.chosenCaption;
    figure.hidden = false;
  });
  // A file the browser cannot draw: say so rather than show a broken picture.
  image.addEventListener("error", function () {
    if (chosenUrl) {
      image.removeAttribute("src");
      caption.textContent = figure.dataset.unreadableCaption;
    }
  });
})();
