/* The theme's search dialog carries role="dialog" without a name: screen readers announce
   an anonymous dialog. Give it the name of what it holds. */
document.querySelectorAll('.md-search[role="dialog"]:not([aria-label])').forEach(function (dialog) {
  dialog.setAttribute("aria-label", "Recherche dans la boîte à outils");
});

/* A page built without a known site address prints the address it was read at. */
document.querySelectorAll("[data-mesbox-here]").forEach(function (element) {
  element.textContent = location.href.split("#")[0];
});
