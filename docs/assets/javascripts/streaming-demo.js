/* Streaming demo: the same answer with and without streaming, timed from a time to first token, a
   speed and a network profile. The network adds one round trip before the first token (three on a
   new connection) and the download time of the finished answer. With reduced motion, the end
   state and the times show at once. No dependencies. */
(() => {
  "use strict";
  const root = document.querySelector("[data-ifg-streaming]");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const q = (s) => root.querySelector(s);
  const form = q("form"), f = form.elements, motion = q("[data-motion]");
  const words = q("[data-answer]").textContent.trim().split(/\s+/);
  const bytes = new TextEncoder().encode(words.join(" ")).length;
  const tokens = +root.dataset.outputTokens, reasoning = +root.dataset.reasoningTokens;
  const panes = ["on", "off"].map((p) => q(`[data-pane="${p}"]`));
  const reduce = matchMedia("(prefers-reduced-motion: reduce)");
  let frame = 0, timer = 0;

  // fmt.seconds: two decimals below 1 s, one below 10 s, then whole seconds.
  const seconds = (v) => {
    const places = v < 1 ? 2 : v < 10 ? 1 : 0, scale = 10 ** places;
    const n = Math.round(+(v * scale).toPrecision(12)) / scale;
    return places ? n.toFixed(places) : n.toLocaleString("en-US");
  };
  const times = () => {
    if (![f.ttft, f.speed].every((el) => el.value !== "" && el.checkValidity())) return null;
    const net = form.querySelector("[name=network]:checked").dataset;
    const speed = +f.speed.value, trip = (net.rttMs / 1000) * (f.new_connection.checked ? 3 : 1);
    const first = trip + +f.ttft.value + reasoning / speed, streamed = first + tokens / speed;
    return { first, streamed, whole: streamed + (bytes * 8) / (net.downlinkKbps * 1000) };
  };
  const show = (pane, n, clock) => {
    pane.querySelector("[data-text]").textContent = words.slice(0, n).join(" ");
    pane.querySelector("[data-clock]").textContent = clock;
  };
  const finish = (t) => {
    cancelAnimationFrame(frame);
    show(panes[0], words.length, `First words after ${seconds(t.first)} s; finished after ${seconds(t.streamed)} s.`);
    show(panes[1], words.length, `Nothing, then everything after ${seconds(t.whole)} s.`);
    root.dataset.state = "done";
  };
  const reset = () => {
    cancelAnimationFrame(frame);
    root.dataset.state = "ready";
    for (const pane of panes) show(pane, 0, "Press Play both to watch.");
  };
  const play = () => {
    const t = times();
    if (!t) return;
    if (reduce.matches) {
      motion.textContent = "Shown at once, without animation, because your device asks for reduced motion.";
      return finish(t);
    }
    cancelAnimationFrame(frame);
    root.dataset.state = "playing";
    const begin = performance.now();
    const step = (now) => {
      const s = (now - begin) / 1000, clock = `${s.toFixed(1)} s`;
      if (s >= t.whole) return finish(t);
      const n = s < t.first ? 0 : Math.min(words.length, Math.ceil((words.length * (s - t.first)) / (t.streamed - t.first)));
      show(panes[0], n, s < t.first ? `Waiting… ${clock}` : n < words.length ? `Streaming… ${clock}` : `Finished after ${seconds(t.streamed)} s.`);
      show(panes[1], 0, `Waiting… ${clock}`);
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
  };
  const describe = (now) => {
    const t = times(), out = q("[data-times]");
    clearTimeout(timer);
    const text = t
      ? `With streaming, the first words appear after ${seconds(t.first)} s and the whole answer after ${seconds(t.streamed)} s. ` +
        `Without streaming, your reader sees nothing for ${seconds(t.whole)} s, then the whole answer at once.`
      : "Enter a time to first token and a speed above zero to see the waits.";
    timer = setTimeout(() => { out.textContent = text; }, now ? 0 : 400);
    if (reduce.matches && t) { motion.textContent = "Shown without animation, because your device asks for reduced motion."; finish(t); } else reset();
  };

  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", (e) => {
    const preset = f.preset.selectedOptions[0];
    if (e.target === f.preset && preset.value !== "custom") {
      f.ttft.value = preset.dataset.ttft;
      f.speed.value = preset.dataset.speed;
    } else if (preset.value !== "custom" && (preset.dataset.ttft !== f.ttft.value || preset.dataset.speed !== f.speed.value)) {
      f.preset.value = "custom";
    }
    describe(false);
  });
  q("[data-play]").addEventListener("click", play);
  describe(true);
})();
