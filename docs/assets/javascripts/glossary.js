// Keyboard access that Material leaves out; extra.css says why.
(function (d) {
  function text(e) { return e.textContent.trim(); }
  function quiet(on) { d.body.classList.toggle("ifg-quiet", on); }
  function run() {
    var seen = {};
    d.querySelectorAll("article abbr[title]").forEach(function (e) {
      var term = text(e).toLowerCase();
      if (seen[term] || e.closest("a,button,label")) return;
      seen[term] = 1;
      e.tabIndex = 0;
    });
    d.querySelectorAll("article .md-typeset__scrollwrap").forEach(function (e) {
      e.tabIndex = 0;
      e.setAttribute("role", "region");
      e.setAttribute("aria-label", "Table: " + Array.from(e.querySelectorAll("thead th"), text).filter(String).join(", "));
    });
  }
  addEventListener("keydown", function (e) { quiet(e.key == "Escape"); });
  addEventListener("pointerover", function () { quiet(false); });
  window.document$ ? document$.subscribe(run) : run(); // also after instant navigation
})(document);
