/* Cost calculator. Reads data/calculator.json from the same build, then data/prices/<provider>.json for each
   provider whose models are chosen, and keeps its whole state in the query string.
   The billing rules are macros/calc.py's, written again here: thinking at each model's default (or chosen)
   effort, caching only where the model's rules allow it, service tiers, long-prompt bands, images, web searches,
   conversations and retries. Money is exact (fractions of BigInts, rounded only for display, as
   macros/formatting.py does), and tests/test_calculator_grid.py proves the two agree on 1,000+ cases. */

/* Whether a name from a link is one data/ would accept (macros/data/types.py, Name): after trimming white space, some
   visible character and no control, zero-width or bidirectional character. A function declaration, not a const, so
   that the script may run twice on one page; tests/test_name_rules.py runs it under Node on the cases in
   tests/fixtures/name_cases.json, which Python's rule must decide the same way. */
function ifgNameAllowed(text) {
  const name = String(text).replace(/^[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+|[\t-\r \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/g, "");
  return name !== "" && !/[\x00-\x1f\x7f-\x9f\u2028\u2029\u200b-\u200f\u2060\ufeff\u061c\u202a-\u202e\u2066-\u2069]/.test(name)
    && !/^[\p{Cf}\p{Zs}\p{Zl}\p{Zp}\p{Mn}\p{Me}\p{Cc}]*$/u.test(name);
}

(() => {
  "use strict";
  const root = document.querySelector("[data-ifg-calculator]");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const q = (s) => root.querySelector(s);
  const form = q("form"), f = form.elements, list = q("[data-list]"), search = f["ifg-calc-search"];
  const B = BigInt, ONE = [1n, 1n], ZERO = [0n, 1n], MILLION = [1000000n, 1n];
  const EFFORTS = ["low", "medium", "high"], MAX_MODELS = 12;
  const COUNTS = ["input", "prefix", "hit", "output", "image", "searches", "think_low", "think_medium", "think_high"];
  const TASK = ["kind", "tool", "resend", "turns", "retry"], RESET = { kind: "chat", tool: 0, resend: "no" }; // a task's own fields
  const FIELDS = [...COUNTS, "users", "per_user", "per", "turns", "retry", "kind", "tool", "resend", "tier", "use_case", "network", "streaming",
    "custom_name", "custom_input", "custom_output", "custom_cached"];

  // --- exact fractions [numerator, denominator], denominator positive ------------------------------------------
  const gcd = (a, b) => { while (b) [a, b] = [b, a % b]; return a; };
  const norm = ([n, d]) => { const g = gcd(n < 0n ? -n : n, d) || 1n; return [n / g, d / g]; };
  const add = (a, b) => norm([a[0] * b[1] + b[0] * a[1], a[1] * b[1]]);
  const sub = (a, b) => add(a, [-b[0], b[1]]);
  const mul = (a, b) => norm([a[0] * b[0], a[1] * b[1]]);
  const div = (a, b) => norm([a[0] * b[1], a[1] * b[0]]);
  const cmp = (a, b) => { const d = a[0] * b[1] - b[0] * a[1]; return d < 0n ? -1 : d > 0n ? 1 : 0; };
  const whole = (n) => [B(n), 1n];
  // The exact value of a number as JSON and Python write it, or as typed: digits, a point, and an exponent within
  // ±30 (JSON writes 1e-07). Anything else, "-0" and "1e-9000000" among them, is null: the work stays bounded.
  const frac = (v) => {
    const m = /^(\d{1,15})?(?:\.(\d{1,15}))?(?:e([-+]?\d{1,2}))?$/i.exec(String(v).trim());
    if (!m || !(m[1] || m[2]) || Math.abs(+m[3] || 0) > 30) return null;
    const e = (+m[3] || 0) - (m[2] || "").length, n = B((m[1] || "") + (m[2] || ""));
    return e >= 0 ? [n * 10n ** B(e), 1n] : norm([n, 10n ** B(-e)]);
  };
  const price = (v) => (v == null ? null : frac(v));
  const round = (a, places) => (a[0] * 10n ** B(places) * 2n + a[1]) / (2n * a[1]); // half up; a >= 0
  const commas = (s) => s.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const fixed = (n, places) => {
    const s = n.toString().padStart(places + 1, "0");
    return places ? commas(s.slice(0, -places)) + "." + s.slice(-places) : commas(s);
  };
  const dollars = (a) => { // formatting.money: under $1 two significant digits, then cents, then whole dollars
    if (!a[0]) return "free";
    if (cmp(a, ONE) >= 0) { const c = round(a, 2); return "$" + (c >= 10000n ? fixed(round(a, 0), 0) : fixed(c, 2)); }
    let e = -1;
    while (cmp(a, [1n, 10n ** B(-e)]) < 0) e--;
    const n = round(a, 1 - e);
    if (n < 100n) return "$" + fixed(n, 1 - e);
    return e === -1 ? "$1.00" : "$" + fixed(n / 10n, -e);
  };
  // In the reader's currency when one is chosen (currency.js, with its rate and date beside the results).
  const currency = typeof ifgCurrency === "function" ? ifgCurrency(root) : null;
  const money = (a) => (currency && currency.money(a)) || dollars(a);
  const ratio = (a) => (cmp(a, whole(10)) < 0 ? fixed(round(a, 1), 1) : fixed(round(a, 0), 0)) + "×";
  const count = (n) => commas(String(n));
  // The word for a count, singular for one (macros/formatting.py plural): 1 model, 2 models; a verb agrees too.
  const plural = (n, one, many = one + "s") => (String(n) === "1" ? one : many);
  const counted = (n, one, many) => `${count(n)} ${plural(n, one, many)}`;

  // --- the billing rules, as macros/calc.py ---------------------------------------------------------------------
  const thinkingFor = (m, think, effort) => { // calc.thinking_for: [tokens, effort, why]
    const r = m.reasoning;
    if (!r) return [0, null, "not recorded"];
    if (r.mode === "none") return [0, null, "never"];
    if (effort === "off" && r.mode !== "always") return [0, null, "chosen"];
    if (EFFORTS.includes(effort)) return [think[effort], effort, "chosen"];
    if (r.mode === "unknown" && r.default !== "on") return [0, null, "not recorded"];
    if (r.default === "off") return [0, null, "off by default"];
    if (r.default === "unknown") return [0, null, "default unknown"];
    const level = r.default_effort || "medium";
    return [think[level], level, r.default_effort ? "default" : "default assumed"];
  };
  const effortChoices = (m) => { // calc.effort_choices
    const r = m.reasoning;
    if (!r || r.mode === "none") return [];
    if (r.mode === "unknown") return r.efforts || []; // levels published, whether thinking turns off is not
    const levels = r.efforts && r.efforts.length ? r.efforts : [r.default_effort || "medium"];
    return (r.mode === "optional" ? ["off"] : []).concat(levels);
  };
  const scaled = (v, n, o) => (v == null ? null : o[0] ? div(mul(v, n), o) : n);
  const band = (p, tokens) => {
    let r = { input: p.input, output: p.output, cached: p.cached, above: null };
    for (const t of p.tiers) if (tokens > t.above) r = t;
    return r;
  };
  const rates = (m, tokens, tier) => { // calc._tier_rates: [rates, tier used, band threshold]
    const p = m.prices, b = band(p, tokens), write = scaled(p.write, b.input, p.input);
    if (tier === "batch" && p.batchIn && p.batchOut) {
      return [{ input: scaled(b.input, p.batchIn, p.input), output: scaled(b.output, p.batchOut, p.output),
        cached: scaled(b.cached, p.batchIn, p.input), write: scaled(write, p.batchIn, p.input) }, "batch", b.above];
    }
    const t = tier !== "standard" && tier !== "batch" && m.tiers[tier];
    if (!t) return [{ input: b.input, output: b.output, cached: b.cached, write }, "standard", b.above];
    const cached = b.above == null && t.cached ? t.cached : scaled(b.cached, t.input, p.input);
    return [{ input: scaled(b.input, t.input, p.input), output: scaled(b.output, t.output, p.output), cached,
      write: scaled(write, t.input, p.input) }, tier, b.above];
  };
  const cacheWhy = (m, req, tier, r) => { // calc._cache_why
    const c = m.caching;
    if (!req.prefix) return "no prefix";
    if (!c) return "not recorded";
    if (c.mode === "none") return "not offered";
    if (c.mode === "unknown") return "rules unknown";
    if (!r.cached) return "no cache price";
    if (c.min_tokens == null) return "minimum unknown"; // an unknown minimum is never zero
    if (req.prefix < c.min_tokens) return "below minimum";
    if (tier === "batch" && c.with_batch !== true) return c.with_batch === false ? "not with batch" : "batch unknown";
    return "applied";
  };
  const requestCost = (m, req, tier) => { // calc.request_cost
    const [r, used, above] = rates(m, req.input, tier), why = cacheWhy(m, req, used, r);
    const imageRate = m.units.image || r.input;
    let total = add(mul(whole(req.input - req.prefix - req.image), r.input), mul(whole(req.image), imageRate));
    let listed = true;
    if (why === "applied") {
      let miss = r.input;
      if (m.caching.mode === "explicit") { listed = !!r.write; miss = r.write || r.input; }
      total = add(total, mul(whole(req.prefix), add(mul(req.hit, r.cached), mul(sub(ONE, req.hit), miss))));
    } else total = add(total, mul(whole(req.prefix), r.input));
    const thinkingRate = req.thinkingOn && m.prices.thinkingOut ? scaled(m.prices.thinkingOut, r.output, m.prices.output) : null;
    total = div(add(total, mul(whole(req.output + req.thinking), thinkingRate || r.output)), MILLION);
    if (req.searches && m.units.search) total = add(total, div(mul(whole(req.searches), m.units.search), whole(1000)));
    return { total, why, tier: used, above, listed, searchListed: !req.searches || !!m.units.search,
      unsupported: req.image && !(m.inputs || []).includes("image") ? (m.inputs ? "images" : "images not recorded") : null };
  };
  // calc.conversation_cost, or calc.task_cost when `grow` (a step's reply, tool result and any resent thinking) is given
  const conversation = (m, req, turns, retry, tier, grow) => {
    let total = ZERO, first = null;
    const step = grow ?? req.input - req.prefix + req.output, history = m.caching && m.caching.mode === "automatic";
    for (let k = 0; k < turns; k++) { // an automatic cache serves the previous turn's whole prompt (calc.turn_request)
      const prefix = history && k ? req.input + (k - 1) * step : req.prefix;
      const c = requestCost(m, { ...req, input: req.input + k * step, prefix }, tier);
      first = first || c;
      total = add(total, c.total);
    }
    return { ...first, total: mul(total, add(ONE, div(retry, whole(100)))) };
  };

  // --- the data -------------------------------------------------------------------------------------------------
  const pricesOf = (p) => ({
    input: price(p.input_mtok), output: price(p.output_mtok), cached: price(p.cached_input_mtok), write: price(p.cache_write_mtok),
    thinkingOut: price(p.thinking_output_mtok),
    batchIn: price(p.batch_input_mtok), batchOut: price(p.batch_output_mtok),
    tiers: (p.tiers || []).map((t) => ({ input: price(t.input_mtok), output: price(t.output_mtok), cached: price(t.cached_input_mtok), above: t.above_input_tokens })),
  });
  const prepare = (m, provider) => {
    const t = m.service_tiers || {}, u = m.unit_prices || {}, tier = (x) => x && { input: price(x.input_mtok), output: price(x.output_mtok), cached: price(x.cached_input_mtok) };
    return { id: m.id, name: m.name, provider, providerId: m.provider, notes: m.notes, reasoning: m.reasoning, caching: m.caching, inputs: m.inputs || null,
      context: m.context_window, retires: m.lifecycle && m.lifecycle.retires, superseded: Boolean(m.superseded), prices: pricesOf(m.prices),
      tiers: { flex: tier(t.flex), priority: tier(t.priority), fast: tier(t.fast), off_peak: tier(t.off_peak) },
      units: { image: price(u.image_input_mtok), search: price(u.web_search_per_1k_calls) },
      history: (m.history || []).map((h) => ({ until: h.until, prices: h })) };
  };

  let data, models = new Map(), chosen = [], efforts = new Map(), asof = "", touched = false, timer = 0, notices = [];
  const evidence = new Map(), loaded = new Map(); // each model's speed figures; each provider's file, as a promise
  const escaped = new Map(); // each model's name as the build escaped it for a copied table (md) and a spreadsheet (tsv)
  const groups = [...list.children].map((g) => [g, [...g.children]]);
  groups.forEach(([, options], i) => options.forEach((o, j) => { o.id = `ifg-calc-option-${i}-${j}`; }));
  const owner = new Map(groups.flatMap(([g, options]) => options.map((o) => [o.value, g.dataset.provider]))); // every model in the data
  const loadProviders = (ids) => Promise.all([...new Set(ids.map((id) => owner.get(id)))].map((pid) => {
    if (!loaded.has(pid)) {
      loaded.set(pid, fetch(`${root.dataset.prices}${pid}.json`).then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status)))).then((json) => {
        const name = data.providers.find((p) => p.id === pid).name;
        for (const m of json.models) models.set(m.id, prepare(m, name));
        for (const m of json.models) escaped.set(m.id, { md: m.md, tsv: m.tsv });
        for (const [id, ev] of Object.entries(json.evidence)) evidence.set(id, ev);
      }));
    }
    return loaded.get(pid);
  }));
  const total = groups.reduce((n, [, o]) => n + o.length, 0);
  const custom = () => { // the reader's own model, when its name and both prices are given
    const name = f.custom_name.value.trim().slice(0, 60), i = frac(f.custom_input.value), o = frac(f.custom_output.value);
    if (!name || !i || !o) return null;
    const c = f.custom_cached.value ? frac(f.custom_cached.value) : null;
    return { id: "custom", name, provider: "your own prices", reasoning: { mode: "none" }, inputs: ["text", "image"],
      caching: c ? { mode: "automatic" } : { mode: "none" }, prices: { input: i, output: o, cached: c, tiers: [] }, tiers: {}, units: {}, history: [] };
  };

  const failed = () => {
    const error = q("[data-error]");
    error.textContent = "The calculator could not load its prices. The tables on the cost per interaction page give the same sums.";
    error.hidden = false;
    root.dataset.shown = "";
  };

  // --- the form -------------------------------------------------------------------------------------------------
  const say = (text) => { q("#ifg-calc-matches").textContent = text; };
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
    if (found) list.selectedIndex = 0; // the first match is highlighted; the arrow keys move the highlight
    mark();
    say(`${words.length ? `${found} of ${counted(total, "model")} ${plural(found, "matches", "match")}` : `${counted(total, "model")} in the data`}; ${chosen.length} in the comparison.`);
  };
  // The search box is a combobox over the list (WAI-ARIA's list autocomplete with automatic selection): the focus
  // stays in the box, the highlighted match is the list's selected option, and Enter adds that one.
  const mark = () => {
    const o = list.selectedOptions[0];
    if (o) search.setAttribute("aria-activedescendant", o.id); else search.removeAttribute("aria-activedescendant");
  };
  const move = (step) => {
    const n = list.options.length;
    if (!n) return;
    list.selectedIndex = Math.min(n - 1, Math.max(0, list.selectedIndex + step));
    mark();
    const o = list.selectedOptions[0];
    say(`${o.text}, ${o.parentElement.label}: ${list.selectedIndex + 1} of ${n}. Enter adds it.`);
  };
  const effortSelect = (m, i) => {
    const choices = effortChoices(m);
    if (!choices.length) return null;
    const s = document.createElement("select"), [, level] = thinkingFor(m, { low: 0, medium: 0, high: 0 }, null);
    s.id = `ifg-calc-effort-${i}`;
    s.setAttribute("aria-label", `Thinking effort for ${m.name}`);
    const def = document.createElement("option");
    def.value = "default";
    def.textContent = level ? `its default (${level})` : "its default (off)";
    s.append(def);
    for (const c of choices) {
      const o = document.createElement("option");
      o.value = c;
      o.textContent = c === "off" ? "thinking off" : `${c} effort`;
      s.append(o);
    }
    s.value = efforts.get(m.id) || "default";
    s.addEventListener("change", () => { if (s.value === "default") efforts.delete(m.id); else efforts.set(m.id, s.value); touched = true; update(); });
    return s;
  };
  const renderChosen = () => {
    const ul = q("[data-chosen]");
    ul.textContent = "";
    chosen.forEach((id, i) => {
      const li = document.createElement("li"), b = document.createElement("button"), m = models.get(id), s = effortSelect(m, i);
      li.append(`${m.name}, ${m.provider} `);
      if (s) li.append(s, " ");
      b.type = "button";
      b.className = "ifg-button ifg-remove";
      b.textContent = "Remove";
      b.setAttribute("aria-label", `Remove ${m.name}`);
      b.addEventListener("click", () => {
        chosen.splice(i, 1);
        efforts.delete(id);
        change();
        const next = ul.querySelectorAll("button")[Math.min(i, chosen.length - 1)];
        (next || search).focus();
      });
      li.append(b);
      ul.append(li);
    });
    if (!chosen.length) ul.append(Object.assign(document.createElement("li"), { textContent: "No models yet." }));
  };
  const addModel = () => {
    const id = list.value;
    if (!id) { say("No model matches; change the words you typed."); return; }
    if (chosen.length >= MAX_MODELS) { say(`Compare at most ${MAX_MODELS} models; remove one first.`); return; }
    loadProviders([id]).then(() => {
      if (chosen.includes(id)) return;
      chosen.push(id);
      search.value = "";
      change();
      say(`Added ${models.get(id).name}; ${chosen.length} in the comparison.`);
    }, failed);
  };
  const unitOf = (conv) => (conv ? (f.kind.value === "task" ? "task" : "conversation") : "interaction");
  const scenarioOption = () => f.scenario.selectedOptions[0];
  const key = (n) => n.replace(/_([a-z])/g, (_, c) => c.toUpperCase()); // think_low -> data-think-low's dataset key
  const fillScenario = () => {
    const o = scenarioOption();
    if (o.value === "custom") return;
    for (const n of COUNTS) f[n].value = o.dataset[key(n)];
    for (const n of TASK) if (o.dataset.kind || n in RESET) f[n].value = o.dataset.kind ? o.dataset[n] : RESET[n];
    f.use_case.value = o.dataset.useCase;
  };
  const syncScenario = () => { // a scenario whose counts were edited becomes "your own"
    const o = scenarioOption();
    if (o.value !== "custom" && COUNTS.concat(o.dataset.kind ? TASK : []).some((n) => o.dataset[key(n)] !== f[n].value)) f.scenario.value = "custom";
  };
  const query = () => ["models=" + chosen.map((id) => (efforts.has(id) ? `${id}:${efforts.get(id)}` : id)).join(","), "scenario=" + f.scenario.value]
    .concat(FIELDS.filter((n) => f[n].value !== "" || !n.startsWith("custom")).map((n) => `${n}=${encodeURIComponent(f[n].value)}`), "asof=" + asof, "currency=" + f.currency.value).join("&");
  const priceOn = (m, day) => { let found = null; for (const h of m.history) if (day <= h.until) found = h; return found; };

  // --- working out and showing the results ----------------------------------------------------------------------
  const inputs = () => ({
    input: +f.input.value, prefix: +f.prefix.value, hit: div(frac(f.hit.value), whole(100)), output: +f.output.value,
    image: +f.image.value, searches: +f.searches.value,
    think: { low: +f.think_low.value, medium: +f.think_medium.value, high: +f.think_high.value },
    turns: +f.turns.value, retry: frac(f.retry.value), tier: f.tier.value, task: f.kind.value === "task", tool: +f.tool.value,
    resend: f.resend.value === "yes",
  });
  const grows = (s, thinking) => (s.task ? s.output + s.tool + (s.resend ? thinking : 0) : null); // calc.task_step_request
  const costOf = (m, s, effort) => {
    const [thinking, level, why] = thinkingFor(m, s.think, effort);
    const req = { input: s.input, prefix: s.prefix, hit: s.hit, output: s.output, thinking, image: s.image, searches: s.searches,
      thinkingOn: level != null };
    return { ...conversation(m, req, s.turns, s.retry, s.tier, grows(s, thinking)), thinking, level, thinkWhy: why };
  };
  const THINK = { never: "does not think", "off by default": "thinking off, its default", "not recorded": "whether it thinks is not recorded",
    "default unknown": "default thinking not published: none counted" };
  const CACHE = { "no prefix": "", "not offered": "no prompt caching", "not recorded": "no cache discount: caching rules not recorded",
    "rules unknown": "no cache discount: caching rules not published", "minimum unknown": "minimum not published: no cache discount counted",
    "below minimum": "no cache discount: prefix under its minimum",
    "no cache price": "no cache price listed", "not with batch": "no cache discount on batch", "batch unknown": "no cache discount: not published whether caching combines with batch" };
  const thinkNote = (c) => (c.thinkWhy in THINK ? THINK[c.thinkWhy]
    : c.level ? `${c.level} effort${c.thinkWhy === "default assumed" ? " assumed" : ""}: ${count(c.thinking)} thinking tokens` : "thinking off");
  const cacheNote = (c, s) => (c.why === "applied"
    ? `cache read on ${fixed(round(mul(s.hit, whole(100)), 2), 2).replace(/\.?0+$/, "")}% of requests${c.listed ? "" : " (write price not listed)"}` : CACHE[c.why]);
  const notesFor = (m, c, s) => {
    const n = [thinkNote(c)];
    if (cacheNote(c, s)) n.push(cacheNote(c, s));
    if (c.tier !== s.tier) n.push(`no ${s.tier} tier: standard prices`);
    if (c.above != null) n.push(`long-prompt price band above ${count(c.above)} tokens`);
    if (!c.searchListed) n.push("web-search fee not published, not included");
    if (m.prices.thinkingOut && c.level) n.push("output at its thinking-mode price");
    if (s.turns > 1 && m.caching && m.caching.mode === "automatic") n.push("earlier turns read from its automatic cache");
    const last = s.input + (s.turns - 1) * (grows(s, c.thinking) ?? s.input - s.prefix + s.output);
    if (m.context && last + s.output + c.thinking > m.context) n.push(`input and output exceed its ${count(m.context)}-token context window`);
    if (m.retires) n.push(`retires ${m.retires}`);
    if (m.superseded) n.push("superseded: its maker names a newer model");
    if (m.notes) n.push(m.notes);
    return n.join("; ").replace(/\.?$/, ".");  // a model's own note may end with a full stop already
  };
  // --- how fast it feels, as macros/waits.py and macros.calc.wait -------------------------------------------------
  const secs = (a) => { const places = cmp(a, ONE) < 0 ? 2 : cmp(a, whole(10)) < 0 ? 1 : 0; return fixed(round(a, places), places); };
  // A published figure as its source gave it, with who published it and when.
  const cited = (x, unit) => `${x.value}${unit} (${x.publisher.split(" (")[0]}, ${x.observed})`;
  // A model's wait: the line under its name, and the cells of a copied row (the seconds, or "unknown" and why).
  const speedFor = (m, c, s) => {
    const lat = data.latency, ev = evidence.get(m.id), unknown = (line, why, figure) => ({ line, first: null, whole: null, why, source: figure && figure.source });
    if (!ev) return unknown(`Speed: no first-token time or output speed for this model has been published since ${lat.current_since}.`, `no figure published since ${lat.current_since}`);
    if (!ev.ttft) return unknown(`Speed: output ${cited(ev.speed, " tokens/s")}; no first-token time for this model published since ${lat.current_since}, so the wait for the first word is unknown.`,
      `no first-token time published since ${lat.current_since}`, ev.speed);
    if (!ev.paired) return unknown(`Speed: first token ${cited(ev.ttft, " s")}; ` + (ev.speed
      ? `its only output speed, ${cited(ev.speed, " tokens/s")}, is from a different measurement, so the two are not combined and the time to the whole answer is unknown.`
      : `no output speed for this model published since ${lat.current_since}, so the time to the whole answer is unknown.`),
    ev.speed ? "first token and speed from different measurements" : `no output speed published since ${lat.current_since}`, ev.ttft);
    const net = data.network_profiles.find((p) => p.id === f.network.value), conn = lat.connection;
    const speed = frac(ev.speed.value), thinking = ev.ttft.includes_thinking === "no" ? c.thinking : 0;
    const first = add(add(div(mul(frac(net.rtt_ms), whole(conn.request_round_trips)), whole(1000)), frac(ev.ttft.value)), div(whole(thinking), speed));
    const full = add(first, div(whole(s.output), speed)), streaming = f.streaming.value === "on";
    // With streaming the whole answer is on screen once its last token is written; without, once it has downloaded too.
    const done = streaming ? full : add(full, div(mul(whole(s.output * 8), frac(lat.characters_per_token)), mul(frac(net.downlink_kbps), whole(1000))));
    const shown = streaming ? first : done, at = lat.bands.findIndex((b) => b.up_to_s == null || cmp(shown, frac(b.up_to_s)) <= 0), band = lat.bands[at];
    const goal = lat.use_cases[f.use_case.value] || {}, advice = goal.advice ? goal.advice[at] : null; // what this use case should do in this band
    const judge = (t, v) => (t == null ? "" : `${cmp(v, frac(t)) <= 0 ? "meets" : "misses"} ${t} s`); // a target as published
    const firstJudged = judge(goal.first_word_s, shown), wholeJudged = judge(goal.full_answer_s, done);
    const against = [firstJudged && `first word ${firstJudged}`, wholeJudged && `whole answer ${wholeJudged}`].filter(Boolean).join("; ");
    const both = [firstJudged, wholeJudged].filter(Boolean).join("; ");
    const waited = streaming ? `first word after ${secs(first)} s${firstJudged ? ` (${firstJudged})` : ""} and whole answer after ${secs(done)} s${wholeJudged ? ` (${wholeJudged})` : ""} streaming`
      : `first word and whole answer together after ${secs(done)} s${both ? ` (${both})` : ""} without streaming`;
    return { line: `Speed: ${band.words}, ${waited} on ${net.name}${thinking ? `, after ${count(thinking)} thinking tokens` : ""}; ` +
      `from ${ev.ttft.publisher.split(" (")[0]}, ${ev.ttft.observed}.${advice ? ` ${advice.do}` : ""}`, first: secs(shown), whole: secs(done), band, against, advice,
      source: ev.ttft.source };
  };
  const cell = (tr, text, tag = "td") => { const c = document.createElement(tag); c.textContent = text; tr.append(c); return c; };
  // The totals in brief (data-bar): the cheapest few models, or why there is nothing to show.
  const BAR_ROWS = 3, bar = q("[data-bar]");
  const fillBar = (rows, monthly, conv, empty) => {
    const table = q("[data-bar-table]"), body = table.tBodies[0];
    body.textContent = "";
    for (const r of rows.slice(0, BAR_ROWS)) {
      const tr = document.createElement("tr");
      cell(tr, r.m.name, "th").scope = "row";
      cell(tr, money(r.c.total));
      cell(tr, money(mul(r.c.total, monthly)));
      body.append(tr);
    }
    table.hidden = !rows.length;
    q("[data-bar-empty]").hidden = !!rows.length;
    q("[data-bar-empty]").textContent = empty;
    q("[data-bar-per]").textContent = `Per ${unitOf(conv)}`;
    q("[data-bar-more]").textContent = rows.length > BAR_ROWS ? `${rows.length - BAR_ROWS} more, and every model's notes and speed`
      : "Every model's notes and speed";
  };
  // While the bar sits at the foot of the screen, a field that takes the focus scrolls clear of it (WCAG 2.4.11).
  const pad = () => {
    document.documentElement.style.scrollPaddingBottom = getComputedStyle(bar).position === "sticky" ? `${bar.offsetHeight + 8}px` : "";
  };
  if (window.ResizeObserver) new ResizeObserver(pad).observe(bar);
  // The calculation as a copied GitHub table and as spreadsheet rows, one per model. Every data string in them is one
  // the build escaped for that place (md, tsv in the JSON files); the script writes only its own words and figures.
  const copying = q("[data-ifg-copy]");
  const copyRow = (r, s, monthly, perUser, as) => {
    const named = r.m.id === "custom" ? { md: "Your own model", tsv: "Your own model" } : escaped.get(r.m.id);
    const provider = r.m.id === "custom" ? "your own prices" : data.providers.find((p) => p.id === r.m.providerId)[as];
    const figure = (t) => (as === "md" ? t : t === "free" ? "0" : t.replace(/[^\d.]/g, "")); // a spreadsheet gets a number
    const w = r.wait || { first: null, whole: null, why: "your own model has no speed figures", source: null };
    const wait = (v) => (v == null ? (as === "md" ? "unknown" : "") : v);
    const tier = r.c.tier === s.tier ? `${r.c.tier.replace("_", "-")} tier` : `standard tier (no ${s.tier.replace("_", "-")} tier)`;
    return [named[as], provider, ...[r.c.total, mul(r.c.total, monthly), mul(r.c.total, perUser)].map((a) => figure(money(a))),
      thinkNote(r.c), cacheNote(r.c, s) || "no repeated prefix", tier, wait(w.first), wait(w.whole),
      w.band ? `${w.band[as].replace(/^./, (x) => x.toUpperCase())}${w.against ? ` (${w.against})` : ""}` : `unknown: ${w.why}`,
      w.advice ? w.advice[as] : "", w.source ? w.source[as] : "none"];
  };
  const copyHeads = (heads) => ["Model", "Provider", ...[1, 2, 3].map((i) => heads[i].textContent), "Thinking", "Caching", "Tier",
    "First word (s)", "Whole answer (s)", "Against the targets", "What to do", "Speed source"];
  const markdown = (rows, s, heads, monthly, perUser, counts) => {
    const lat = data.latency, scenario = data.scenarios.find((x) => x.id === f.scenario.value), line = (cells) => `| ${cells.join(" | ")} |`;
    const net = data.network_profiles.find((p) => p.id === f.network.value), goal = lat.use_cases[f.use_case.value];
    return [`${scenario ? scenario.md : "Your own counts"}: ${counts}. From the Inference Field Guide's cost calculator.`,
      `List prices in US dollars as of ${data.as_of}. Waits on ${net.md}, ${f.streaming.value === "on" ? "with" : "without"} streaming, ` +
      `judged against the targets of a ${goal.md.toLowerCase()}.`, "",
      line(copyHeads(heads)), line(copyHeads(heads).map(() => "---")),
      ...rows.map((r) => line(copyRow(r, s, monthly, perUser, "md")))].join("\n");
  };
  const tsv = (rows, s, heads, monthly, perUser) => [copyHeads(heads).join("\t"),
    ...rows.map((r) => copyRow(r, s, monthly, perUser, "tsv").join("\t")), ""].join("\n");
  const update = () => {
    const error = q("[data-error]");
    const bad = [...form.querySelectorAll("input[type=number]")].filter((el) => {
      const custom = el.name.startsWith("custom_");
      el.setCustomValidity(el === f.prefix && +f.prefix.value + +f.image.value > +f.input.value ? "The prefix and the image cannot be more than the input."
        : el.value !== "" && frac(el.value) === null ? "Enter a plain number, such as 2.5." : "");
      const wrong = (el.value === "" && !custom) || !el.checkValidity();
      el.setAttribute("aria-invalid", wrong);
      return wrong;
    });
    error.hidden = !bad.length;
    q("[data-turns-hint]").hidden = false;
    const conv = +f.turns.value > 1; // inputs() only once every field holds a number
    q("[data-per-head]").textContent = `Per ${unitOf(conv)} (USD)`;
    if (bad.length) {
      error.textContent = `Check “${bad[0].labels[0].textContent}”: ${bad[0].validationMessage || "enter a number."}`;
      q("[data-results] tbody").textContent = "";
      clearTimeout(timer);
      q("[data-summary]").textContent = "No costs until the highlighted field is fixed.";
      fillBar([], ONE, conv, `No costs until “${bad[0].labels[0].textContent}” is fixed.`);
      copying.hidden = true;
      root.dataset.shown = "";
      return;
    }
    const s = inputs(), users = frac(f.users.value), perUser = mul(frac(f.per_user.value), whole(f.per.value === "day" ? 30 : 1));
    const monthly = mul(users, perUser), unit = unitOf(conv);
    q("[data-total]").textContent = `That is ${counted(round(monthly, 0), unit)} a month${f.per.value === "day" ? " (a month counts as 30 days)" : ""}.`;
    const own = custom(), picked = chosen.map((id) => models.get(id)).concat(own ? [own] : []);
    const rows = picked.map((m) => {
      const c = costOf(m, s, efforts.get(m.id)), old = priceOn(m, asof);
      const oldCost = old && costOf({ ...m, prices: { ...pricesOf(old.prices), write: m.prices.write, batchIn: m.prices.batchIn, batchOut: m.prices.batchOut, tiers: [] } }, s, efforts.get(m.id));
      return { m, c, notes: notesFor(m, c, s), old: old && { until: old.until, cost: oldCost.total }, wait: m.id === "custom" ? null : speedFor(m, c, s) };
    }).filter((r) => !r.c.unsupported).sort((a, b) => cmp(a.c.total, b.c.total) || (a.m.name < b.m.name ? -1 : 1));
    const skipped = picked.filter((m) => !rows.some((r) => r.m === m));
    fillBar(rows, monthly, conv, picked.length ? "None of the chosen models can take images." : "Add a model to see its cost.");

    const body = q("[data-results] tbody"), heads = root.querySelectorAll("[data-results] thead th"), low = rows.length ? rows[0].c.total : ONE;
    if (currency) currency.show(heads);
    body.textContent = "";
    for (const r of rows) {
      const tr = document.createElement("tr"), th = cell(tr, "", "th");
      th.scope = "row";
      if (r.m.id === "custom") th.append(r.m.name);
      else th.append(Object.assign(document.createElement("a"), { href: `${root.dataset.root}providers/${r.m.providerId}/#model-${r.m.id}`, textContent: r.m.name }));
      th.append(document.createElement("br"), Object.assign(document.createElement("small"), { textContent: `${r.m.provider}; ${rows.length > 1 ? ratio(low[0] ? div(r.c.total, low) : ONE) + " the cheapest; " : ""}${r.notes}` }));
      if (r.m.id !== "custom") th.append(Object.assign(document.createElement("small"), { className: "ifg-speed", textContent: r.wait.line }));
      // Each cell carries its column's name, which the phone layout shows beside the value (extra.css).
      [money(r.c.total), money(mul(r.c.total, monthly)), money(mul(r.c.total, perUser))].forEach((t, i) => { cell(tr, t).dataset.label = heads[i + 1].textContent; });
      body.append(tr);
    }
    const name = f.scenario.value === "custom" ? "Your own counts" : scenarioOption().text;
    const counts = `${counted(s.input, "input token")} (${count(s.prefix)} repeated), ${count(s.output)} output` +
      (conv ? `; ${s.turns} ${s.task ? `steps per task, each with a ${count(s.tool)}-token tool result` : "messages per conversation"}` : "") + (s.retry[0] ? `; ${f.retry.value}% retried` : "") +
      `; ${f.tier.selectedOptions[0].text.toLowerCase()} tier; ${counted(round(monthly, 0), unit)} a month`;
    q("[data-caption]").textContent = `${name}: ${counts}`;

    const changed = rows.filter((r) => r.old), box = q("[data-changed]"), changedBody = q("[data-changed-body]");
    box.hidden = !changed.length;
    changedBody.textContent = "";
    if (changed.length) {
      cell(changedBody, `This link was made with the prices of ${asof}. The table shows today's prices, as of ${data.as_of}.`, "p");
      for (const r of changed) cell(changedBody, `${r.m.name}: ${money(r.old.cost)} per ${unitOf(conv)} and ${money(mul(r.old.cost, monthly))} a month with the prices in force until ${r.old.until}; ` +
        `${money(r.c.total)} and ${money(mul(r.c.total, monthly))} a month with today's prices.`, "p");
    }
    const cannot = skipped.filter((m) => m.inputs), unknown = skipped.filter((m) => !m.inputs);
    const extra = notices.concat(cannot.length ? [`Left out, since they cannot take images: ${cannot.map((m) => m.name).join(", ")}.`] : [],
      unknown.length ? [`Left out, since no source read says whether they take images: ${unknown.map((m) => m.name).join(", ")}.`] : []);
    let summary = rows.length ? `${counted(rows.length, "model")}. Cheapest: ${rows[0].m.name}, ${money(rows[0].c.total)} per ${unitOf(conv)}, ${money(mul(rows[0].c.total, monthly))} a month.` : "Add at least one model to see its cost.";
    if (rows.length > 1) summary += ` Dearest: ${rows[rows.length - 1].m.name}, ${ratio(div(rows[rows.length - 1].c.total, low[0] ? low : ONE))} the cheapest.`;
    if (changed.length) summary += ` Prices have changed since ${asof}; see the notice.`;
    if (extra.length) summary += " " + extra.join(" ");
    clearTimeout(timer);
    timer = setTimeout(() => { q("[data-summary]").textContent = summary; root.dataset.shown = ""; }, touched ? 500 : 0);

    const printed = q("[data-print-summary]");
    printed.textContent = "";
    const feel = `${f.use_case.selectedOptions[0].text}; ${f.network.selectedOptions[0].text}; ${f.streaming.value === "on" ? "streaming" : "not streaming"}`;
    for (const [k, v] of [["Scenario", name], ["Each interaction", counts],
      ["Speed judged for", feel], ["Prices as of", data.as_of]]) {
      printed.append(Object.assign(document.createElement("dt"), { textContent: k }), Object.assign(document.createElement("dd"), { textContent: v }));
    }
    const link = `${location.origin}${location.pathname}?${query()}`;
    q("[data-link]").value = link;
    // On paper the link box is hidden and a link has no address to follow, so the list ends with the address as text.
    printed.append(Object.assign(document.createElement("dt"), { textContent: "Reproduce at" }), Object.assign(document.createElement("dd"), { textContent: link }));
    Object.assign(copying.dataset, { md: markdown(rows, s, heads, monthly, perUser, counts), tsv: tsv(rows, s, heads, monthly, perUser), address: link });
    copying.hidden = !rows.length;
    copying.querySelector("[data-copied]").textContent = "";
    if (touched) history.replaceState(history.state, "", `?${query()}${location.hash}`);
  };
  const change = () => { touched = true; renderChosen(); filter(); update(); };

  const start = (json) => {
    data = json;
    const u = new URLSearchParams(location.search), has = (n) => u.has(n) && u.get(n) !== "";
    const entries = [...new Set((u.has("models") ? u.get("models") : root.dataset.models).split(",").filter(Boolean))];
    const ids = entries.map((e) => e.split(":")[0]);
    // The same models begin() will choose: the first MAX_MODELS known ones, each once.
    return loadProviders([...new Set(ids.filter((id) => owner.has(id)))].slice(0, MAX_MODELS)).then(() => begin(json, u, has, entries, ids));
  };
  const begin = (json, u, has, entries, ids) => {
    const scenario = u.get("scenario");
    if (scenario && [...f.scenario.options].some((o) => o.value === scenario)) f.scenario.value = scenario;
    fillScenario();
    const ignored = [];
    for (const n of FIELDS) {
      if (!has(n)) continue;
      const v = u.get(n), el = f[n], ok = el.tagName === "SELECT" ? [...el.options].some((o) => o.value === v)
        : n === "custom_name" ? v.length <= 60 && ifgNameAllowed(v) : v.length <= 20 && frac(v) !== null;
      if (ok) f[n].value = v; else ignored.push(n);
    }
    if (f.custom_name.value) q("[data-custom]").open = true;
    const known = ids.filter((id, i) => owner.has(id) && ids.indexOf(id) === i);
    const unknown = [...new Set(ids.filter((id) => !owner.has(id)))];
    chosen = known.slice(0, MAX_MODELS);
    for (const e of entries) {
      const [id, level] = e.split(":");
      if (chosen.includes(id) && effortChoices(models.get(id)).includes(level)) efforts.set(id, level);
    }
    notices = [];
    const listed = (xs) => xs.slice(0, 5).map((n) => n.slice(0, 40)).join(", ") + (xs.length > 5 ? ` and ${xs.length - 5} more` : "");
    const gone = unknown.filter((id) => Object.hasOwn(json.retired, id)), absent = unknown.filter((id) => !gone.includes(id));
    if (gone.length) notices.push(`This link names ${gone.length > 1 ? "models that have" : "a model that has"} retired, so the calculator leaves ${gone.length > 1 ? "them" : "it"} out: ${listed(gone.map((id) => `${json.retired[id].name} (retired ${json.retired[id].retires})`))}. The retirements page names each replacement.`);
    if (absent.length) notices.push(`This link names models that are not in this data: ${listed(absent)}.`);
    if (known.length > MAX_MODELS) notices.push(`This link names ${known.length} models; the calculator compares the first ${MAX_MODELS}.`);
    if (ignored.length) notices.push(`This link's ${listed(ignored)} ${ignored.length > 1 ? "were not values" : "was not a value"} the calculator reads, so ${ignored.length > 1 ? "they keep their defaults" : "it keeps its default"}.`);
    const day = u.get("asof") || "", real = (d) => { // a calendar date written YYYY-MM-DD (Date.parse takes 2026-02-30)
      const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(d), t = m && new Date(Date.UTC(+m[1], m[2] - 1, +m[3]));
      return !!t && t.getUTCMonth() === m[2] - 1 && t.getUTCDate() === +m[3];
    };
    asof = real(day) && day <= json.as_of ? day : json.as_of;
    if (day && asof !== day) notices.push(`This link's date, ${day.slice(0, 10)}, is not a date the prices cover (${real(day) ? "it is after " + json.as_of : "it is not a real date"}), so the calculator uses the prices as of ${json.as_of}.`);
    syncScenario();
    renderChosen();
    filter();
    update();
    // The sums alone, for tests/test_calculator_grid.py, which runs Python's grid of cases through them.
    window.ifgCalculator = {
      load: (wanted) => loadProviders(wanted),
      compute: (id, c) => {
        const s = { input: c.input, prefix: c.prefix, hit: div(frac(c.hit), whole(100)), output: c.output, image: c.image, searches: c.searches,
          think: c.think, turns: c.turns, retry: frac(c.retry), tier: c.tier, task: !!c.task, tool: c.tool || 0, resend: !!c.resend };
        const r = costOf(models.get(id), s, c.effort), perUser = mul(frac(c.perUser), whole(c.per === "day" ? 30 : 1));
        return [money(r.total), money(mul(mul(r.total, perUser), whole(c.users))), money(mul(r.total, perUser))];
      },
    };
  };

  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", (e) => {
    if (e.target === search) return filter();
    if (e.target === list || e.target.closest("[data-chosen]")) return;
    if (e.target === f.scenario) fillScenario(); else syncScenario();
    touched = true;
    update();
  });
  q("[data-add]").addEventListener("click", addModel);
  list.addEventListener("dblclick", addModel);
  list.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); addModel(); } });
  search.addEventListener("keydown", (e) => {
    const step = { ArrowDown: 1, ArrowUp: -1 }[e.key];
    if (e.key === "Enter") { e.preventDefault(); addModel(); }
    if (step) { e.preventDefault(); move(step); }
  });
  list.addEventListener("change", mark);
  q("[data-today]").addEventListener("click", () => { asof = data.as_of; touched = true; update(); q(".ifg-tool-results .ifg-table").focus(); });
  q("[data-copy]").addEventListener("click", () => {
    const out = q(".ifg-share [data-copied]"), link = q("[data-link]");
    const done = () => { out.textContent = "Link copied."; };
    const manual = () => { link.select(); out.textContent = "Press Ctrl+C (or Cmd+C) to copy the selected link."; };
    navigator.clipboard ? navigator.clipboard.writeText(link.value).then(done, manual) : manual();
  });
  fetch(root.dataset.src)
    .then((r) => (r.ok ? r.json() : Promise.reject(new Error(r.status))))
    .then(start)
    .catch(failed);
})();
