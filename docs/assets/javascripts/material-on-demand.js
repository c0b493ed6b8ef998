// Material's script is half of a first visit's bytes and most of its start-up work, and all it adds waits on
// the reader: search, its keys, the contents following the scroll, back to top. So it loads on the reader's
// first key, click, tap, scroll or focus. A page opened from a search (?h=, ?q=) or on a section (#) gets it at
// once, to mark the words found, or open the <details> holding the section. overrides/main.html says where.
(function (d) {
  var tag = d.querySelector("script[data-ifg-material]");
  var actions = ["keydown", "pointerdown", "focusin", "scroll", "wheel"];
  var parsed = false, started = false;
  d.addEventListener("DOMContentLoaded", function () { parsed = true; });

  // Until Material runs, "/", "s" and "f" and a phone's search button open its search box here, or the words typed
  // next are lost. Any other shortcut (or search where the theme has no such box) reaches it once it has started.
  var query = d.querySelector("[data-md-component=search-query]"), missed;
  function key(e) {
    var t = d.activeElement;
    if (e.metaKey || e.ctrlKey || e.altKey || e.key.length > 1 || t.isContentEditable || /^(INPUT|SELECT|TEXTAREA)$/.test(t.tagName)) return;
    if (!query || !/^[/sf]$/.test(e.key)) {
      missed = missed || e.key;
      return;
    }
    e.preventDefault();
    d.getElementById("__search").checked = true;
    query.focus();
  }
  function toggled(e) {
    if (query && e.target.id === "__search" && e.target.checked) query.focus();
  }
  // The box Material puts around a Markdown table scrolls sideways on a phone: a focusable region named after
  // its column headings, like the tables from data/, a keyboard reaches it.
  function regions() {
    d.querySelectorAll("article .md-typeset__scrollwrap").forEach(function (e) {
      e.tabIndex = 0;
      e.setAttribute("role", "region");
      e.setAttribute("aria-label", "Table: " + Array.from(e.querySelectorAll("thead th"), function (th) {
        return th.textContent.trim();
      }).filter(String).join(", "));
    });
  }
  function load() {
    if (started) return;
    started = true;
    var script = d.createElement("script");
    script.src = tag.dataset.src;
    script.onload = function () {
      removeEventListener("keydown", key, true);
      d.removeEventListener("change", toggled);
      if (parsed) document$.next(d); // it starts on DOMContentLoaded, else as its own navigation starts a page
      document$.subscribe(function () {
        regions();
        if (missed) d.dispatchEvent(new KeyboardEvent("keydown", {key: missed, bubbles: true}));
      });
    };
    d.body.append(script);
  }

  addEventListener("keydown", key, true);
  d.addEventListener("change", toggled);
  if (/[?&][hq]=/.test(location.search) || location.hash) load();
  else actions.forEach(function (name) { addEventListener(name, load, {capture: true, passive: true, once: true}); });
})(document);
