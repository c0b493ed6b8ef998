/* Cost calculator. Reads data/prices.json from the same build and keeps its whole state in the query
   string. Money is exact: fractions of BigInts, rounded only for display, as macros/calc.py and
   macros/fmt.py do, so a figure here equals the one in the site's tables. No dependencies. */
(() => {
  "use strict";
  const root = document.querySelector("[data-ifg-calculator]");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const q = (s) => root.querySelector(s);
  const form = q("form"), f = form.elements, list = q("[data-list]"), search = f["ifg-calc-search"];
  const B = BigInt, ONE = [1n, 1n], FIELDS = ["input", "cached", "output", "reasoning", "volume", "per", "per_user", "turns", "retry"];

  // Fractions [numerator, denominator] with a positive denominator.
  const gcd = (a, b) => { while (b) [a, b] = [b, a % b]; return a; };
  const norm = ([n, d]) => { const g = gcd(n < 0n ? -n : n, d) || 1n; return [n / g, d / g]; };
  const add = (a, b) => norm([a[0] * b[1] + b[0] * a[1], a[1] * b[1]]);
  const mul = (a, b) => norm([a[0] * b[0], a[1] * b[1]]);
  const div = (a, b) => norm([a[0] * b[1], a[1] * b[0]]);
  const cmp = (a, b) => { const d = a[0] * b[1] - b[0] * a[1]; return d < 0n ? -1 : d > 0n ? 1 : 0; };
  const whole = (n) => [B(n), 1n];
  // Exact value of a number as JSON and Python write it, or as typed: digits, a point and digits, and
  // an exponent within ±30 (JSON writes 1e-07 for 0.0000001). Anything else, "-0" and "1e-9000000"
  // among them, is null: the work stays bounded whatever a link holds.
  const frac = (v) => {
    const m = /^(\d{1,15})?(?:\.(\d{1,15}))?(?:e([-+]?\d{1,2}))?$/i.exec(String(v).trim());
    if (!m || !(m[1] || m[2]) || Math.abs(+m[3] || 0) > 30) return null;
    const e = (+m[3] || 0) - (m[2] || "").length, n = B((m[1] || "") + (m[2] || ""));
    return e >= 0 ? [n * 10n ** B(e), 1n] : norm([n, 10n ** B(-e)]);
  };
  const realDay = (d) => { // a calendar date written YYYY-MM-DD (Date.parse takes 2026-02-30)
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d), t = m && new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
    return !!t && t.getUTCMonth() === m[2] - 1 && t.getUTCDate() === +m[3];
  };
  const MAX_MODELS = 12; // a comparison wider than this no longer fits a table a reader can take in
  const round = (a, places) => (a[0] * 10n ** B(places) * 2n + a[1]) / (2n * a[1]); // half up; a >= 0
  const commas = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fixed = (n, places) => {
    const s = n.toString().padStart(places + 1, "0");
    return places ? commas(s.slice(0, -places)) + "." + s.slice(-places) : commas(s);
  };
  const money = (a) => { // fmt.money: under $1 two significant digits, then cents, then whole dollars
    if (!a[0]) return "$0";
    if (cmp(a, ONE) >= 0) { const c = round(a, 2); return "$" + (c >= 10000n ? fixed(round(a, 0), 0) : fixed(c, 2)); }
    let e = -1;
    while (cmp(a, [1n, 10n ** B(-e)]) < 0) e--;
    const n = round(a, 1 - e);
    if (n < 100n) return "$" + fixed(n, 1 - e);
    return e === -1 ? "$1.00" : "$" + fixed(n / 10n, -e);
  };
  const ratio = (a) => (cmp(a, whole(10)) < 0 ? fixed(round(a, 1), 1) : fixed(round(a, 0), 0)) + "×";
  const count = (n) => commas(String(n));

  // Prices as calc.rates_for picks them: the highest tier passed wins; batch scales that band.
  const band = (p) => p && { input: frac(p.input_mtok), output: frac(p.output_mtok), cached: p.cached_input_mtok == null ? null : frac(p.cached_input_mtok) };
  const rates = (p, tokens, batch) => {
    let r = p;
    for (const t of p.tiers) if (tokens > t.above) r = t;
    let { input, output } = r;
    const now = p.now;
    if (batch) {
      input = now.input[0] ? div(mul(input, now.batchIn), now.input) : now.batchIn;
      output = now.output[0] ? div(mul(output, now.batchOut), now.output) : now.batchOut;
    }
    return [input, output, r.cached || input];
  };
  const monthly = (volume, per) => whole(volume * (per === "day" ? 30 : 1)); // calc.interactions_per_month
  const turnInput = (s, k) => s.input + k * (s.input - s.cached + s.output);
  const cost = (p, s, batch) => { // one interaction: every turn, each resending the history, then retries
    let total = [0n, 1n];
    for (let k = 0; k < s.turns; k++) {
      const input = turnInput(s, k), [ri, ro, rc] = rates(p, input, batch);
      total = add(total, add(add(mul(whole(input - s.cached), ri), mul(whole(s.cached), rc)), mul(whole(s.output + s.reasoning), ro)));
    }
    return mul(div(total, whole(1000000)), add(ONE, div(s.retry, whole(100))));
  };

  // A Map, not a plain object: a link naming "constructor" or "__proto__" finds nothing, as it should.
  let data, models = new Map(), chosen = [], asof = "", touched = false, timer = 0, notices = [];
  const groups = [...list.children].map((g) => [g, [...g.children]]);
  const total = groups.reduce((n, [, o]) => n + o.length, 0);

  const filter = () => {
    const words = search.value.toLowerCase().split(/\s+/).filter(Boolean);
    let found = 0;
    list.textContent = "";
    for (const [g, options] of groups) {
      const hits = options.filter((o) => !chosen.includes(o.value) && words.every((w) => `${g.label} ${o.text} ${o.value}`.toLowerCase().includes(w)));
      g.replaceChildren(...hits);
      if (hits.length) list.append(g);
      found += hits.length;
    }
    q("#ifg-calc-matches").textContent = words.length ? `${found} of ${total} models match.` : `${found} models to choose from.`;
  };
  const renderChosen = () => {
    const ul = q("[data-chosen]");
    ul.textContent = "";
    chosen.forEach((id, i) => {
      const li = document.createElement("li"), b = document.createElement("button"), m = models.get(id);
      li.textContent = `${m.name}, ${m.provider} `;
      b.type = "button";
      b.className = "ifg-button ifg-remove";
      b.textContent = "Remove";
      b.setAttribute("aria-label", `Remove ${m.name}`);
      b.addEventListener("click", () => {
        chosen.splice(i, 1);
        change();
        const next = ul.querySelectorAll("button")[Math.min(i, chosen.length - 1)];
        (next || list).focus();
      });
      li.append(b);
      ul.append(li);
    });
    if (!chosen.length) cell(ul, "No models yet.", "li");
  };
  const addModel = () => {
    if (!list.value) { q("#ifg-calc-matches").textContent = "Choose a model in the list first."; return; }
    if (chosen.length >= MAX_MODELS) { q("#ifg-calc-matches").textContent = `Compare at most ${MAX_MODELS} models; remove one first.`; return; }
    chosen.push(list.value);
    change();
  };
  const scenarioOption = () => f.scenario.selectedOptions[0];
  const syncScenario = () => { // a scenario whose counts were edited becomes "your own"
    const o = scenarioOption();
    if (o.value !== "custom" && ["input", "cached", "output", "reasoning"].some((n) => o.dataset[n] !== f[n].value)) f.scenario.value = "custom";
  };
  const query = () => ["models=" + chosen.join(","), "scenario=" + f.scenario.value]
    .concat(FIELDS.map((n) => `${n}=${encodeURIComponent(f[n].value)}`), "batch=" + (f.batch.checked ? 1 : 0), "asof=" + asof).join("&");
  const priceOn = (m, day) => { let found = null; for (const h of m.history) if (day <= h.until) found = h; return found; };

  const cell = (tr, text, tag = "td") => { const c = document.createElement(tag); c.textContent = text; tr.append(c); return c; };
  const update = () => {
    const error = q("[data-error]");
    const bad = [...form.querySelectorAll("input[type=number]")].filter((el) => {
      el.setCustomValidity(el === f.cached && +f.cached.value > +f.input.value ? "Cached input tokens cannot be more than input tokens."
        : el.value !== "" && frac(el.value) === null ? "Enter a plain number, such as 2.5." : "");
      const wrong = el.value === "" || !el.checkValidity();
      el.setAttribute("aria-invalid", wrong);
      return wrong;
    });
    error.hidden = !bad.length;
    if (bad.length) {
      error.textContent = `Check “${bad[0].labels[0].textContent}”: ${bad[0].validationMessage || "enter a number."}`;
      q("[data-results] tbody").textContent = "";
      clearTimeout(timer);
      q("[data-summary]").textContent = "No costs until the highlighted field is fixed.";
      return;
    }

    const s = { input: +f.input.value, cached: +f.cached.value, output: +f.output.value, reasoning: +f.reasoning.value, turns: +f.turns.value, retry: frac(f.retry.value) };
    const perMonth = monthly(+f.volume.value, f.per.value), users = whole(+f.per_user.value * 1000);
    const rows = chosen.map((id) => {
      const m = models.get(id), batch = f.batch.checked && !!m.prices.now.batchIn, notes = [];
      if (f.batch.checked) notes.push(batch ? "Batch price." : "No batch price listed: standard price.");
      const tier = m.prices.tiers.filter((t) => turnInput(s, s.turns - 1) > t.above).pop();
      if (tier) notes.push(`Long-prompt price band above ${count(tier.above)} input tokens${s.turns > 1 ? " (on later turns, at least)" : ""}.`);
      if (m.notes) notes.push(m.notes);
      const old = priceOn(m, asof);
      return { m, notes, cost: cost(m.prices, s, batch), old: old && { h: old, cost: cost({ ...old, tiers: [], now: m.prices.now }, s, batch) } };
    }).sort((a, b) => cmp(a.cost, b.cost) || (a.m.name < b.m.name ? -1 : 1));

    const body = q("[data-results] tbody"), low = rows.length && rows[0].cost;
    body.textContent = "";
    for (const r of rows) {
      const tr = document.createElement("tr"), th = cell(tr, "", "th"), a = document.createElement("a");
      th.scope = "row";
      a.href = `${root.dataset.pricing}#model-${r.m.id}`;
      a.textContent = r.m.name;
      th.append(a);
      [r.m.provider, money(r.cost), money(mul(r.cost, perMonth)), money(mul(r.cost, users)), ratio(low[0] ? div(r.cost, low) : ONE), r.notes.join(" ")].forEach((t) => cell(tr, t));
      body.append(tr);
    }
    const name = f.scenario.value === "custom" ? "Your own token counts" : scenarioOption().text;
    q("[data-caption]").textContent = `${name}: ${count(s.input)} input tokens (${count(s.cached)} cached), ${count(s.output)} output, ${count(s.reasoning)} reasoning` +
      (s.turns > 1 ? `; ${s.turns} turns per conversation` : "") + (s.retry[0] ? `; ${f.retry.value}% retried` : "") +
      (f.batch.checked ? "; batch prices" : "") + `; ${count(+f.volume.value)} interactions a ${f.per.value}`;

    const changed = rows.filter((r) => r.old), box = q("[data-changed]"), changedBody = q("[data-changed-body]");
    box.hidden = !changed.length;
    changedBody.textContent = "";
    if (changed.length) {
      cell(changedBody, `This link was made with the prices of ${asof}. The table shows today's prices, as of ${data.as_of}.`, "p");
      for (const r of changed) {
        cell(changedBody, `${r.m.name}: ${money(r.old.cost)} per interaction and ${money(mul(r.old.cost, perMonth))} a month with the prices in force until ${r.old.h.until}; ` +
          `${money(r.cost)} per interaction and ${money(mul(r.cost, perMonth))} a month with today's prices.`, "p");
      }
    }
    const missing = notices.join(" ");
    let summary = rows.length ? `${rows.length} model${rows.length > 1 ? "s" : ""}. Cheapest: ${rows[0].m.name}, ${money(rows[0].cost)} per interaction, ${money(mul(rows[0].cost, perMonth))} a month.` : "Add at least one model to see its cost.";
    if (rows.length > 1) summary += ` Dearest: ${rows[rows.length - 1].m.name}, ${ratio(div(rows[rows.length - 1].cost, low[0] ? low : ONE))} the cheapest.`;
    if (changed.length) summary += ` Prices have changed since ${asof}; see the notice.`;
    if (missing) summary += ` ${missing}`;
    clearTimeout(timer);
    timer = setTimeout(() => { q("[data-summary]").textContent = summary; }, touched ? 500 : 0);

    const link = `${location.origin}${location.pathname}?${query()}`;
    q("[data-link]").value = link;
    if (touched) history.replaceState(history.state, "", `?${query()}${location.hash}`);
  };
  const change = () => { touched = true; renderChosen(); filter(); update(); };

  const start = (json) => {
    data = json;
    for (const m of json.models) {
      const p = m.prices, batch = p.batch_input_mtok != null && p.batch_output_mtok != null;
      const now = { ...band(p), batchIn: batch ? frac(p.batch_input_mtok) : null, batchOut: batch ? frac(p.batch_output_mtok) : null };
      now.tiers = (p.tiers || []).map((t) => ({ ...band(t), above: t.above_input_tokens }));
      now.now = now;
      models.set(m.id, { id: m.id, name: m.name, notes: m.notes, provider: (json.providers.find((p) => p.id === m.provider) || {}).name || m.provider, prices: now, history: (m.history || []).map((h) => ({ ...band(h), until: h.until })) });
    }
    const u = new URLSearchParams(location.search), has = (n) => u.has(n) && u.get(n) !== "";
    const scenario = u.get("scenario");
    if (scenario && [...f.scenario.options].some((o) => o.value === scenario)) f.scenario.value = scenario;
    if (f.scenario.value !== "custom") for (const n of ["input", "cached", "output", "reasoning"]) f[n].value = scenarioOption().dataset[n];
    const ignored = [];
    for (const n of FIELDS) {
      if (!has(n)) continue;
      const v = u.get(n), ok = n === "per" ? ["day", "month"].includes(v) : v.length <= 20 && frac(v) !== null;
      if (ok) f[n].value = v; else ignored.push(n);
    }
    f.batch.checked = u.get("batch") === "1";
    const ids = [...new Set((u.has("models") ? u.get("models") : root.dataset.models).split(",").filter(Boolean))];
    const known = ids.filter((id) => models.has(id)), unknown = ids.filter((id) => !models.has(id));
    chosen = known.slice(0, MAX_MODELS);
    notices = [];
    const listed = (names) => names.slice(0, 5).map((n) => n.slice(0, 40)).join(", ") + (names.length > 5 ? ` and ${names.length - 5} more` : "");
    if (unknown.length) notices.push(`This link names models that are not in this data: ${listed(unknown)}.`);
    if (known.length > MAX_MODELS) notices.push(`This link names ${known.length} models; the calculator compares the first ${MAX_MODELS}.`);
    if (ignored.length) notices.push(`This link's ${listed(ignored)} ${ignored.length > 1 ? "were not numbers" : "was not a number"} the calculator reads, so ${ignored.length > 1 ? "they keep their defaults" : "it keeps its default"}.`);
    const day = u.get("asof") || "";
    asof = realDay(day) && day <= json.as_of ? day : json.as_of;
    if (day && asof !== day) notices.push(`This link's date, ${day.slice(0, 10)}, is not a date the prices cover, so the calculator uses today's prices, as of ${json.as_of}.`);
    syncScenario();
    renderChosen();
    filter();
    update();
    // The sums alone, for tests/test_calculator_grid.py, which runs Python's grid of cases through them.
    window.ifgCalculator = {
      compute: (id, c) => {
        const m = models.get(id), batch = c.batch && !!m.prices.now.batchIn;
        const each = cost(m.prices, { input: c.input, cached: c.cached, output: c.output, reasoning: c.reasoning, turns: c.turns, retry: frac(c.retry) }, batch);
        return [money(each), money(mul(each, monthly(c.volume, c.per))), money(mul(each, whole(c.perUser * 1000)))];
      },
    };
  };

  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", (e) => {
    if (e.target === search) return filter();
    if (e.target === list) return;
    if (e.target === f.scenario) { const o = scenarioOption(); if (o.value !== "custom") for (const n of ["input", "cached", "output", "reasoning"]) f[n].value = o.dataset[n]; } else syncScenario();
    touched = true;
    update();
  });
  q("[data-add]").addEventListener("click", addModel);
  list.addEventListener("dblclick", addModel);
  list.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); addModel(); } });
  search.addEventListener("keydown", (e) => { if (e.key === "Enter") e.preventDefault(); });
  q("[data-today]").addEventListener("click", () => { asof = data.as_of; touched = true; update(); q(".ifg-tool-results .ifg-table").focus(); });
  q("[data-copy]").addEventListener("click", () => {
    const out = q("[data-copied]"), link = q("[data-link]");
    const done = () => { out.textContent = "Link copied."; };
    const manual = () => { link.select(); out.textContent = "Press Ctrl+C (or Cmd+C) to copy the selected link."; };
    navigator.clipboard ? navigator.clipboard.writeText(link.value).then(done, manual) : manual();
  });
  fetch(root.dataset.prices)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
    .then(start)
    .catch(() => {
      const error = q("[data-error]");
      error.textContent = "The calculator could not load its prices. The tables on the cost per interaction page give the same sums.";
      error.hidden = false;
    });
})();
