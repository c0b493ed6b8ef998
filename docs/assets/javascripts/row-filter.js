/* A table's filter (a provider page's models, the latency figures): hides the rows that do not match the form and
   keeps its fields in the address (?name=…&creator=…; never ?q=, which opens Material's search), so that a link
   reproduces the view. Each field filters on the row's data attribute of the same one-word name (data-creator for
   name="creator"): a list's choice must equal it, and every word typed must occur in it. The form's
   data-ifg-filter names the elements whose rows it filters (ids, space-separated); an element marked
   data-ifg-group hides when none of its rows shows. A row the address points at (#id) always shows: the filter is
   cleared if it hid the row, and a closed disclosure around it opens. Rows stay in the page, so with JavaScript
   off all of them show and the form is hidden (.ifg-needs-js). */
(() => {
  "use strict";
  for (const form of document.querySelectorAll("form[data-ifg-filter]")) {
    if (form.dataset.ready) continue;
    form.dataset.ready = "1";
    const fields = [...form.querySelectorAll("input[name], select[name]")];
    const each = fields.map((field) => `[data-${field.name}]`).join("");
    const rows = form.dataset.ifgFilter.split(/\s+/).map((id) => document.getElementById(id)).filter(Boolean)
      .flatMap((within) => [...within.querySelectorAll(each)]);
    const groups = new Map();
    for (const row of rows) {
      for (let group = row.parentElement.closest("[data-ifg-group]"); group; group = group.parentElement.closest("[data-ifg-group]")) {
        if (!groups.has(group)) groups.set(group, []);
        groups.get(group).push(row);
      }
    }
    const count = form.querySelector("[data-count]");
    const matches = (row) => fields.every((field) => {
      const wanted = field.value.trim().toLowerCase(), has = row.dataset[field.name].toLowerCase();
      return field.tagName === "SELECT" ? !wanted || has === wanted : wanted.split(/\s+/).every((w) => has.includes(w));
    });
    const show = () => {
      let shown = 0;
      for (const row of rows) {
        row.hidden = !matches(row);
        shown += !row.hidden;
      }
      for (const [group, members] of groups) group.hidden = members.every((row) => row.hidden);
      const words = !shown ? count.dataset.none : shown === 1 && count.dataset.one || count.dataset.some;
      count.textContent = shown === rows.length ? "" : words.replace("{shown}", shown).replace("{all}", rows.length);
    };
    const remember = () => {
      const u = new URLSearchParams(location.search);
      for (const field of fields) { if (field.value) u.set(field.name, field.value); else u.delete(field.name); }
      const query = u.toString();
      history.replaceState(history.state, "", `${location.pathname}${query ? "?" + query : ""}${location.hash}`);
    };
    const reveal = () => {
      const row = rows.find((r) => `#${r.id}` === location.hash);
      const closed = row && row.closest("details:not([open])");
      if (!row || (!row.hidden && !closed)) return;
      if (row.hidden) {
        for (const field of fields) field.value = "";
        show();
        remember();
      }
      for (let d = closed; d; d = d.parentElement.closest("details:not([open])")) d.open = true;
      row.scrollIntoView();
    };
    const u = new URLSearchParams(location.search);
    for (const field of fields) {
      const given = (u.get(field.name) || "").slice(0, 100);
      if (field.tagName !== "SELECT" || [...field.options].some((o) => o.value === given)) field.value = given;
    }
    form.addEventListener("submit", (e) => e.preventDefault());
    form.addEventListener("input", () => { show(); remember(); });
    addEventListener("hashchange", reveal);
    show();
    reveal();
  }
})();
