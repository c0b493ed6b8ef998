/* A provider page's filter: hides the rows of its model table whose name does not contain the words typed, or
   whose maker is not the one chosen, and keeps both in the address (?name=…&creator=…; not ?q=, which opens
   Material's search) so that a link reproduces the view. Rows stay in the page, so with JavaScript off all of
   them show and the form is hidden (.ifg-needs-js). */
(() => {
  "use strict";
  for (const form of document.querySelectorAll("form[data-ifg-filter]")) {
    const body = document.getElementById(form.dataset.ifgFilter);
    if (!body || form.dataset.ready) continue;
    form.dataset.ready = "1";
    const typed = form.querySelector("[name=name]"), maker = form.querySelector("[name=creator]");
    const count = form.querySelector("[data-count]"), fields = { name: typed, creator: maker };
    const rows = [...body.rows].map((row) => ({ row, name: row.cells[0].querySelector("a").textContent.toLowerCase(),
      creator: row.dataset.creator }));
    const show = () => {
      const words = typed.value.toLowerCase().split(/\s+/).filter(Boolean), chosen = maker.value;
      let shown = 0;
      for (const r of rows) {
        const keep = (!chosen || r.creator === chosen) && words.every((w) => r.name.includes(w));
        r.row.hidden = !keep;
        shown += keep;
      }
      count.textContent = shown === rows.length ? "" : shown ? `${shown} of ${rows.length} models shown.` : "No model matches; clear the filter.";
    };
    const remember = () => {
      const u = new URLSearchParams(location.search);
      for (const [n, field] of Object.entries(fields)) { if (field.value) u.set(n, field.value); else u.delete(n); }
      const query = u.toString();
      history.replaceState(history.state, "", `${location.pathname}${query ? "?" + query : ""}${location.hash}`);
    };
    const u = new URLSearchParams(location.search);
    typed.value = (u.get("name") || "").slice(0, 100);
    if ([...maker.options].some((o) => o.value === u.get("creator"))) maker.value = u.get("creator");
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("input", () => { show(); remember(); });
    show();
  }
})();
