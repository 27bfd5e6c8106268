// The printable summary's Print button. A file of its own: the CSP allows no inline script.
document.querySelectorAll("[data-print]").forEach((button) => {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
});
