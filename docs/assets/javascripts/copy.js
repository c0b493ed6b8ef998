/* Copy controls: a table's rows as a Markdown table or as tab-separated rows. The build wrote both texts (data-md,
   data-tsv), each data string in them already escaped for where it is pasted; a tool that makes its rows on the page
   writes them the same way. This script only adds the address that shows the rows again (the tool's own, data-address,
   or the page, its query and the nearest heading above), puts the text on the clipboard and says what it copied. No dependencies. */
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
  for (const el of document.querySelectorAll("[data-ifg-copy]:not([data-ready])")) {
    el.dataset.ready = "1";
    if (!("managed" in el.dataset)) el.hidden = false;
    const said = el.querySelector("[data-copied]"), box = el.querySelector("textarea");
    for (const button of el.querySelectorAll("[data-copy-as]")) {
      button.addEventListener("click", () => {
        const md = button.dataset.copyAs === "md";
        const rows = el.dataset.tsv.split("\n").filter(Boolean).length - 1;
        const text = md ? `${el.dataset.md.trimEnd()}\n\nReproduce: ${el.dataset.address || address(el)}\n` : el.dataset.tsv;
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
