// Glossary terms show their definition on hover, tap or keyboard focus, in one tooltip made on first use:
// nothing runs per term at load (Material's content.tooltips mounted one per term, the longest task on
// text pages). extra.css says why.
(function (d) {
  var tip, shown;
  function text(e) { return e.textContent.trim(); }
  function term(e) {
    var t = e && e.closest && e.closest("article abbr");
    return t && (t === shown || t.title) ? t : null;
  }
  function hide() {
    if (!shown) return;
    shown.title = tip.textContent; // the native tooltip and the description return with the title
    shown.removeAttribute("aria-describedby");
    tip.hidden = true;
    shown = null;
  }
  function show(t) {
    if (t === shown) return;
    hide();
    if (!tip || !tip.isConnected) {
      tip = d.createElement("div");
      tip.id = "ifg-tip";
      tip.className = "ifg-tip";
      tip.setAttribute("role", "tooltip");
      d.body.append(tip);
    }
    tip.textContent = t.title;
    t.removeAttribute("title"); // or the browser shows its own tooltip on top of this one
    t.setAttribute("aria-describedby", tip.id);
    tip.hidden = false;
    var r = t.getBoundingClientRect(), w = tip.offsetWidth, h = tip.offsetHeight;
    var above = r.bottom + h > innerHeight && r.top > h; // below the term unless only above has room
    tip.style.left = scrollX + Math.max(8, Math.min(r.left, innerWidth - w - 8)) + "px";
    tip.style.top = scrollY + (above ? r.top - h : r.bottom) + "px";
    shown = t;
  }
  // Each term takes the focus once per page, where it is first used outside a link, a control or a heading.
  var seen = {};
  d.querySelectorAll("article abbr[title]").forEach(function (e) {
    var key = text(e).toLowerCase();
    if (seen[key] || e.closest("a,button,label,h1,h2,h3,h4,h5,h6")) return;
    seen[key] = 1;
    e.tabIndex = 0;
  });
  // The pointer may rest on the tooltip itself (WCAG 1.4.13: hoverable); Escape dismisses it, and the next
  // key press shows the focused term's definition again.
  addEventListener("pointerover", function (e) {
    var t = term(e.target);
    if (t) show(t);
    else if (!(tip && tip.contains(e.target)) && term(d.activeElement) !== shown) hide();
  });
  addEventListener("focusin", function (e) { var t = term(e.target); t ? show(t) : hide(); });
  addEventListener("keydown", function (e) {
    var t = term(d.activeElement);
    e.key == "Escape" ? hide() : t && show(t);
  });
})(document);
