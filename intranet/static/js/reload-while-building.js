// "Your exports" shows the state of each export: while one is still waiting or
// being built, the page reloads itself every few seconds to show when it is ready.
if (document.querySelector("[data-exports-building]")) {
  window.setTimeout(() => window.location.reload(), 5000);
}
