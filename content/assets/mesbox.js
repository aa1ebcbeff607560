/* A page built without a known site address prints the address it was read at. */
document.querySelectorAll("[data-mesbox-here]").forEach(function (element) {
  element.textContent = location.href.split("#")[0];
});

/* The territory map: the name of the département or territory under the pointer or the keyboard
   focus is written on the map (a tooltip alone shows nothing to keyboard users). */
document.querySelectorAll(".mesbox-map__svg").forEach(function (svg) {
  function hide() {
    svg.querySelectorAll(".mesbox-map__name--shown").forEach(function (name) {
      name.classList.remove("mesbox-map__name--shown");
    });
  }
  function show(event) {
    var link = event.target.closest("[data-mesbox-key]");
    hide();
    if (!link) return;
    var key = link.getAttribute("data-mesbox-key");
    svg.querySelectorAll(".mesbox-map__name").forEach(function (name) {
      if (name.getAttribute("data-mesbox-for") === key) name.classList.add("mesbox-map__name--shown");
    });
  }
  svg.addEventListener("focusin", show);
  svg.addEventListener("mouseover", show);
  svg.addEventListener("focusout", hide);
  svg.addEventListener("mouseleave", hide);
});
