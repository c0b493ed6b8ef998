// The cost-versus-speed chart: a point tapped, clicked or reached with the Tab key shows its model and figures
// under the chart (the link's own <title>, as text), instead of jumping to its row in the table, which is what
// the link does without scripts. The <title> alone is a tooltip only a mouse can show.
const point = (target) => (target instanceof Element ? target.closest("[data-ifg-chart] svg a[href]") : null);

function show(chosen) {
  const figure = chosen.closest("[data-ifg-chart]");
  const readout = figure.querySelector("[data-readout]");
  figure.querySelector(".ifg-chart-chosen")?.classList.remove("ifg-chart-chosen");
  chosen.classList.add("ifg-chart-chosen");
  readout.textContent = chosen.querySelector("title").textContent;
  readout.scrollIntoView({ block: "nearest" }); // the chart is shorter than a phone's screen, so the point stays in sight
}

document.addEventListener("click", (event) => {
  const chosen = point(event.target);
  if (!chosen) return;
  event.preventDefault();
  show(chosen);
});
document.addEventListener("focusin", (event) => {
  const chosen = point(event.target);
  if (chosen) show(chosen);
});
