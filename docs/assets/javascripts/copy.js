/* Copy controls: a table's rows as a Markdown table or as tab-separated rows. The build wrote both texts (data-md,
   data-tsv), each data string in them already escaped for where it is pasted; a tool that makes its rows on the page
   writes them the same way. This script only adds the address that shows the rows again (the tool's own, data-address,
   or the page, its query and the nearest heading above), puts the text on the clipboard and says what it copied. Under a
   table whose figures follow the reader's currency (currency.js), it writes each marked field of the texts
   (macros/escape.py's FIELD) in that currency, with the rate and its date after the rows. No dependencies. */
(() => {
  "use strict";
  const address = (el) => {
    let anchor = "";
    for (const h of document.querySelectorAll("article h2[id], article h3[id]")) {
      if (!(h.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING)) break;
      anchor = h.id;
    }
    return `${location.origin}${location.pathname}${location.search}${anchor ? "#" + anchor : ""}`;
  };
  // The build's text with each field (FIELD kind FIELD as in US dollars FIELD) in the chosen currency, or as in dollars.
  const fill = (text, c) => text.split("\f").map((part, i, all) => {
    if (i % 3 === 0) return part;
    if (i % 3 === 2) return "";
    const o = c && c.chosen(), usd = all[i + 1];
    if (!o) return usd;
    return part === "c" ? o.value : part === "u" ? o.dataset.plural
      : part[0] === "n" ? c.decimal(part.slice(1)) : c.money(c.exact(part.slice(1)));
  }).join("");
  for (const el of document.querySelectorAll("[data-ifg-copy]:not([data-ready])")) {
    el.dataset.ready = "1";
    if (!("managed" in el.dataset)) el.hidden = false;
    const said = el.querySelector("[data-copied]"), box = el.querySelector("textarea");
    for (const button of el.querySelectorAll("[data-copy-as]")) {
      button.addEventListener("click", () => {
        const md = button.dataset.copyAs === "md", c = el.closest("[data-ifg-money]")?.ifgCurrency;
        const rows = el.dataset.tsv.split("\n").filter(Boolean).length - 1, rate = c && c.chosen() ? c.sentence() : "";
        const text = md ? `${fill(el.dataset.md, c).trimEnd()}\n\n${rate ? rate + "\n\n" : ""}Reproduce: ${el.dataset.address || address(el)}\n`
          : `${fill(el.dataset.tsv, c)}${rate ? "\n" + rate + "\n" : ""}`;
        const done = () => {
          box.closest("p").hidden = true;
          said.textContent = `Copied ${rows} ${rows === 1 ? "row" : "rows"} ` +
            (md ? "as a Markdown table, with the address that shows them." : "as tab-separated rows for a spreadsheet.");
        };
        const failed = () => {
          box.value = text;
          box.closest("p").hidden = false;
          box.select();
          said.textContent = "Your browser did not allow copying: the text is selected in the box below.";
        };
        (navigator.clipboard ? navigator.clipboard.writeText(text) : Promise.reject(new Error("no clipboard"))).then(done, failed);
      });
    }
  }
})();
