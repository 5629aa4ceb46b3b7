// Service pages: offer a "Print this page" button once JavaScript is running. Without
// JavaScript the page says how to print with the browser instead; print.css and
// provision.css make the printed copy clean either way.
for (const button of document.querySelectorAll("[data-portal-print]")) {
  button.hidden = false;
  button.addEventListener("click", () => window.print());
}
for (const hint of document.querySelectorAll("[data-portal-print-hint]")) {
  hint.hidden = true;
}
