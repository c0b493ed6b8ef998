/* Pricing explorer: filters and an order over data/models.json, written by the same build, with the state in the
   address. Every figure it shows is text the build formatted (macros/export.py), so money reads exactly as in
   every table; the script only picks and orders rows, and converts money when the reader chooses another currency
   (currency.js). It loads the data with the page while the data is small
   (data-autoload), or when the reader first asks. It writes the rows shown for the copy control (copy.js) from
   cells the build escaped (md, tsv), never from data as it reads: no name can become Markdown structure or a
   spreadsheet formula. No dependencies. */
(() => {
  "use strict";
  const root = document.querySelector("[data-ifg-explorer]");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const q = (s) => root.querySelector(s);
  const form = q("form"), f = form.elements, body = q("tbody"), area = q("[data-results-area]"), count = q("[data-count]");
  const FIELDS = ["provider", "creator", "model", "size", "thinking", "takes", "wait", "retiring", "open", "budget", "volume",
    "sort", "scenario", "top", "currency"];
  const FIRST = 10; // rows shown before the reader asks for all: a phone shows about this many cards in ten screens
  const more = q("[data-more]"), copying = q("[data-ifg-copy]");
  let data = null, loading = null, everything = false;
  const currency = ifgCurrency(root), budgetLabel = root.querySelector("label[for=ifg-x-budget]");
  // A price or cost in US dollars as the reader reads it: the build's text, or the amount in the chosen currency.
  const priced = (usd, text) => (usd === null ? text : currency.money(currency.exact(usd)) || text);
  const costText = (c) => (c && currency.chosen() ? `${priced(c[0] ?? c[3], "")}${c[0] === null ? ", web-search fee not published" : ""}`
    : c ? c[1] : "cannot run it");

  const value = (n) => (f[n].type === "checkbox" ? (f[n].checked ? "1" : "") : f[n].value);
  const amount = (n) => { const v = Number(value(n)); return value(n) !== "" && Number.isFinite(v) && v >= 0 ? v : null; };
  const fits = (m) => { // within the monthly budget at the monthly volume, when both are given
    const budget = amount("budget"), volume = amount("volume"), c = m.costs[value("scenario")];
    return budget === null || volume === null || (c !== null && c[0] !== null && c[0] * currency.rate() * volume <= budget);
  };
  const wait = (m) => m.waits[value("scenario")];
  const keep = (m) => {
    const t = value("thinking");
    return fits(m) && (value("wait") === "" || (wait(m) !== null && wait(m).band <= Number(value("wait")))) && (!value("provider") || m.provider === value("provider")) && (!value("size") || m.size === value("size")) &&
      (!value("creator") || m.creator === value("creator")) && (!value("model") || m.model === value("model")) &&
      (!value("open") || m.open_weights) && (!value("takes") || (m.inputs || []).includes(value("takes"))) &&
      (!t || (t === "default" ? m.thinks_by_default === true : t === "can" ? ["optional", "always"].includes(m.thinking) : m.thinking === "none")) &&
      (value("retiring") !== "hide" || !m.retiring_soon) && (value("retiring") !== "only" || m.retiring_soon);
  };
  const key = (m) => { // what the chosen order sorts on; a model that cannot run the interaction goes last
    const s = value("sort");
    if (s === "name") return m.name.toLowerCase();
    if (s === "cost") { const c = m.costs[value("scenario")]; return c && c[0] !== null ? c[0] : Infinity; } // unranked last
    return s === "input" ? m.input_mtok : m.output_mtok;
  };
  const cell = (tr, text, label, tag = "td") => {
    const c = document.createElement(tag);
    c.textContent = text;
    if (label) c.dataset.label = label;
    tr.append(c);
    return c;
  };
  const show = () => {
    if (!data) return;
    const heads = [...root.querySelectorAll("thead th")], scenario = f.scenario.selectedOptions[0].text, advised = scenarioOf();
    heads[4].textContent = `${scenario} (USD)`;
    currency.show([...heads, budgetLabel]);
    const names = new Map(data.providers.map((p) => [p.id, p.name]));
    const found = data.models.filter(keep).sort((a, b) => { const x = key(a), y = key(b); return x < y ? -1 : x > y ? 1 : a.name.localeCompare(b.name); });
    body.textContent = "";
    const shown = everything ? found : found.slice(0, Number(value("top")) || FIRST);
    for (const m of shown) {
      const tr = document.createElement("tr"), th = cell(tr, "", null, "th");
      th.scope = "row";
      th.append(Object.assign(document.createElement("a"), { href: root.dataset.root + m.page, textContent: m.name }));
      const facts = [names.get(m.provider), m.size].filter(Boolean).concat(m.open_weights ? ["open weights"] : [], m.superseded ? ["superseded"] : [], m.retires && m.retiring_soon ? [`retires ${m.retires}`] : []);
      th.append(document.createElement("br"), Object.assign(document.createElement("small"), { textContent: facts.join(", ") }));
      cell(tr, priced(m.input_mtok, m.text.input), heads[1].textContent);
      cell(tr, priced(m.output_mtok, m.text.output), heads[2].textContent);
      cell(tr, priced(m.cached_input_mtok, m.text.cached), heads[3].textContent);
      cell(tr, costText(m.costs[value("scenario")]), heads[4].textContent);
      const w = wait(m), waited = cell(tr, w ? `${w.first}, ${data.verdicts[w.band].words}` : "no published speed", heads[5].textContent);
      const small = (text) => waited.append(document.createElement("br"), Object.assign(document.createElement("small"), { textContent: text }));
      if (w) { small(advised.advice[w.band].do); small(`${w.source.name}, ${w.observed}`); waited.className = "ifg-wide"; } // a sentence: the card's full width on a phone
      body.append(tr);
    }
    const order = f.sort.selectedOptions[0].text;
    q("[data-caption]").textContent = `${shown.length < found.length ? `First ${shown.length} of ` : ""}${found.length} ` +
      `matching ${found.length === 1 ? "model" : "models"}, by ${order}` + (value("sort") === "cost" ? ` (${scenario.toLowerCase()})` : "");
    count.textContent = found.length ? `${found.length} of ${data.models.length} models ${found.length === 1 ? "matches" : "match"}.`
      : "No model matches; clear a filter.";
    more.textContent = `Show all ${found.length}`;
    more.hidden = shown.length === found.length;
    area.hidden = !found.length;
    Object.assign(copying.dataset, { md: markdown(shown), tsv: tsv(shown) });
    copying.hidden = !found.length;
    copying.querySelector("[data-copied]").textContent = "";
  };
  const scenarioOf = () => data.scenarios.find((s) => s.id === value("scenario"));
  const markdown = (shown) => { // a GitHub table of the rows shown, with what each cost assumed
    const s = scenarioOf(), names = new Map(data.providers.map((p) => [p.id, p.md]));
    const line = (cells) => `| ${cells.join(" | ")} |`;
    const rowsMd = shown.map((m) => { const c = m.costs[s.id], w = m.waits[s.id];
      return line([m.md, names.get(m.provider), costText(c), c ? c[2] : "", w ? w.first : "no published speed",
        w ? data.verdicts[w.band].md : "", w ? s.advice[w.band].md : "", w ? `${w.source.md}, ${w.observed}` : ""]); });
    return [`Models from the Inference Field Guide's pricing explorer, by ${f.sort.selectedOptions[0].text} (${s.md}).`,
      `List prices in US dollars as of ${data.as_of}; waits on ${data.network.md}, with streaming.`, ...(currency.chosen() ? [currency.sentence()] : []), "",
      line(["Model", "Provider", currency.label(`${s.md} (USD)`), "Cost assumes", "First word, streaming (s)", "Verdict", "What to do", "Speed source"]),
      line(Array(8).fill("---")), ...rowsMd].join("\n");
  };
  const tsv = (shown) => { // one row per model, numbers as numbers, for a spreadsheet
    const s = scenarioOf(), names = new Map(data.providers.map((p) => [p.id, p.tsv]));
    const rowsTsv = shown.map((m) => { const c = m.costs[s.id], w = m.waits[s.id];
      return [m.tsv, names.get(m.provider), c && c[0] !== null ? c[0] : "", c ? c[2] : "", w ? w.first : "",
        w ? data.verdicts[w.band].tsv : "", w ? s.advice[w.band].tsv : "", w ? `${w.source.tsv}, ${w.observed}` : ""].join("\t"); });
    return [["Model", "Provider", `${s.tsv} (USD per interaction)`, "Cost assumes", "First word, streaming (s)", "Verdict",
      "What to do", "Speed source"].join("\t"), ...rowsTsv, ""].join("\n");
  };
  const query = () => FIELDS.filter((n) => value(n) && !(n === "sort" && value(n) === "cost") && !(n === "scenario" && f.scenario.selectedIndex === 0)
    && !(n === "currency" && value(n) === "USD"))
    .map((n) => `${n}=${encodeURIComponent(value(n))}`).join("&");
  const remember = () => history.replaceState(history.state, "", `${location.pathname}${query() ? "?" + query() : ""}${location.hash}`);
  const load = () => {
    loading = loading || fetch(root.dataset.src)
      .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
      .then((json) => { data = json; q("[data-show]").hidden = true; show(); })
      .catch(() => { count.textContent = "The list of models could not load. Every model is listed below, with its prices."; });
    return loading;
  };

  // The state in the address: only values the form offers are used.
  const u = new URLSearchParams(location.search);
  for (const n of FIELDS) {
    const v = u.get(n);
    if (v === null) continue;
    if (f[n].type === "checkbox") f[n].checked = v === "1";
    else if (f[n].type === "number") f[n].value = Number.isFinite(Number(v)) && Number(v) >= 0 && v.trim() !== "" ? v : "";
    else if ([...f[n].options].some((o) => o.value === v)) f[n].value = v;
  }
  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", () => { everything = false; remember(); data ? show() : load(); });
  form.addEventListener("reset", () => setTimeout(() => { remember(); data ? show() : load(); }));
  q("[data-show]").addEventListener("click", load);
  more.addEventListener("click", () => { everything = true; show(); });
  if (root.dataset.autoload === "1" || query()) load();
  else { q("[data-show]").hidden = false; count.textContent = "Choose filters, or show every model."; }
})();
