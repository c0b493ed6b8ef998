/* Costs in the reader's currency, for the calculator, the pricing explorer and the tables from the data. Each option of a tool's currency select
   carries the rate and date the build read from the European Central Bank's rates (macros/currency.py). A cost in US
   dollars, as an exact fraction of BigInts, is multiplied by the rate and rounded as macros/formatting.py rounds
   dollars: two significant digits below 1, the currency's minor unit below 100 (none for yen), whole units above;
   Intl.NumberFormat writes it. The choice lives in the address (currency=EUR); a code no option offers keeps US
   dollars, and the page says so. A function declaration, so that a tool's script may run twice on one page. The
   tables (the block at the end) keep each figure's exact amount in US dollars (<data value>) and their choice in step. */
function ifgCurrency(root) {
  "use strict";
  const B = BigInt, select = root.querySelector("[data-currency]"), note = root.querySelector("[data-currency-note]");
  const error = root.querySelector("[data-currency-error]"), wanted = new URLSearchParams(location.search).get("currency");
  if (wanted && [...select.options].some((o) => o.value === wanted)) select.value = wanted;
  else if (wanted) {
    error.textContent = `We have no reference rate for ${/^[a-z]{3}$/i.test(wanted) ? wanted.toUpperCase() : "that currency"}; figures are in US dollars.`;
    error.hidden = false;
  }
  const chosen = () => (select.value === "USD" ? null : select.selectedOptions[0]);
  // A number as JSON or the build writes it (digits, a point, an exponent) as an exact fraction [numerator, denominator].
  const exact = (v) => {
    const m = /^(\d+)(?:\.(\d+))?(?:e([-+]?\d+))?$/i.exec(String(v)), e = (+m[3] || 0) - (m[2] || "").length, n = B(m[1] + (m[2] || ""));
    return e >= 0 ? [n * 10n ** B(e), 1n] : [n, 10n ** B(-e)];
  };
  const money = (usd) => { // an exact amount in US dollars, in the chosen currency; null while that is US dollars
    const o = chosen();
    if (!o) return null;
    const r = exact(o.dataset.rate), a = [usd[0] * r[0], usd[1] * r[1]];
    if (!a[0]) return "free";
    const minor = new Intl.NumberFormat("en", { style: "currency", currency: o.value }).resolvedOptions().maximumFractionDigits;
    const round = (places) => (a[0] * 10n ** B(places) * 2n + a[1]) / (2n * a[1]); // half up, in units of 10^-places
    const text = (n, places) => {
      const s = n.toString().padStart(places + 1, "0"), digits = places ? `${s.slice(0, -places)}.${s.slice(-places)}` : s;
      return new Intl.NumberFormat("en", { style: "currency", currency: o.value, minimumFractionDigits: places, maximumFractionDigits: places }).format(digits);
    };
    if (a[0] >= a[1]) { const c = round(minor); return c >= 100n * 10n ** B(minor) ? text(round(0), 0) : text(c, minor); }
    let e = -1;
    while (a[0] * 10n ** B(-e) < a[1]) e--; // the first significant digit's place, 10^e
    const n = round(1 - e);
    if (n < 100n) return text(n, 1 - e);
    return e === -1 ? text(10n ** B(minor), minor) : text(n / 10n, -e);
  };
  const label = (text) => { const o = chosen(); return o ? text.replace("(USD", `(${o.value}`).replace("($/", `(${o.value}/`).replace("($)", `(${o.value})`) : text; };
  const decimal = (usd) => { // an amount in US dollars, exactly, in the chosen currency: digits for a spreadsheet
    const o = chosen(), r = exact(o.dataset.rate), a = exact(usd), n = (a[0] * r[0]).toString(), places = (a[1] * r[1]).toString().length - 1;
    const s = n.padStart(places + 1, "0"), whole = s.slice(0, s.length - places), frac = s.slice(s.length - places).replace(/0+$/, "");
    return frac ? `${whole}.${frac}` : whole;
  };
  // Column heads and labels that name US dollars name the chosen currency; the rate, its date and the note show with it.
  const show = (heads) => {
    const o = chosen();
    for (const h of heads) {
      if (/\(USD|\(\$[/)]/.test(h.textContent)) h.dataset.usd = h.textContent;
      if (h.dataset.usd) h.textContent = label(h.dataset.usd);
    }
    note.hidden = !o;
    if (!o) return;
    error.hidden = true;
    note.querySelector("[data-currency-rate]").textContent = `1 US dollar = ${o.dataset.rate} ${o.dataset.plural}, worked out from the ` +
      `European Central Bank's reference rates of ${o.dataset.date}, which quote each currency against the euro.`;
  };
  return { money, exact, decimal, label, show, chosen, rate: () => (chosen() ? Number(chosen().dataset.rate) : 1),
    sentence: () => (chosen() ? note.textContent.trim().replace(/\s+/g, " ") : "") };
}

/* The tables from the data (_currency.html's `converted`), each figure with its exact amount in US dollars (a <data>
   element's value, _money.html). Each table has its own choice of currency, kept in step with the others and with the
   address (currency=EUR); only the first table's shows, so that a page of many tables stays short on a phone. Links to
   the guide's other pages carry the choice. Nothing changes until a reader or the address chooses a currency, so the
   page does not move as it loads. */
(() => {
  "use strict";
  const roots = [...document.querySelectorAll("[data-ifg-money]:not([data-ready])")];
  if (!roots.length) return;
  const tables = roots.map((root) => { root.dataset.ready = "1"; root.ifgCurrency = ifgCurrency(root); return root; });
  const code = () => tables[0].ifgCurrency.chosen()?.value || "USD";
  const follow = (url) => { // the address with the choice in it, or without it for US dollars
    if (code() === "USD") url.searchParams.delete("currency"); else url.searchParams.set("currency", code());
    return url;
  };
  const convert = () => {
    for (const root of tables) {
      const c = root.ifgCurrency, o = c.chosen();
      for (const s of root.querySelectorAll("data[value]")) {
        s.dataset.shown ??= s.textContent;
        s.textContent = c.money(c.exact(s.value)) || s.dataset.shown;
      }
      for (const cell of root.querySelectorAll("[data-prices]")) { // list prices as published: exact amounts in the text
        const walk = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        for (let t; (t = walk.nextNode());) {
          t.usd ??= t.data;
          t.data = o ? t.usd.replace(/\$(\d[\d,]*(?:\.\d+)?)/g, (_, n) => c.money(c.exact(n.replace(/,/g, "")))) : t.usd;
        }
      }
      for (const s of root.querySelectorAll("[data-currency-name]")) s.textContent = o ? o.dataset.plural : "US dollars";
      for (const td of root.querySelectorAll("td[data-label]")) {
        td.dataset.labelUsd ??= td.dataset.label;
        td.dataset.label = c.label(td.dataset.labelUsd);
      }
      c.show(root.querySelectorAll("thead th, caption"));
    }
    for (const a of document.querySelectorAll("a[href]")) { // the guide's pages, not this one and not the downloads
      const url = new URL(a.href, location.href);
      if (url.origin === location.origin && url.pathname !== location.pathname && url.pathname.endsWith("/")) a.href = follow(url).href;
    }
  };
  tables[0].querySelector("[data-currency-pick]").hidden = false; // one choice a page, under its first table
  for (const root of tables) {
    const select = root.querySelector("[data-currency]");
    select.addEventListener("change", () => {
      for (const other of tables) other.querySelector("[data-currency]").value = select.value;
      history.replaceState(history.state, "", follow(new URL(location.href)).href);
      convert();
    });
  }
  if (code() !== "USD") convert();
})();
