/* Streaming demo: the same answer with and without streaming, timed from a time to first token, a speed, the
   thinking the first-token time leaves out, and a network profile. The network adds its round trips before the
   first byte (more on a new connection) and, without streaming, the download of the finished answer. Every
   number comes from the page (macros/render/templates/calculator_streaming.html): the sums are macros.calc.wait's,
   the verdicts macros.calc.band_index's, each with its use case's advice. With reduced motion the panes show what
   each reader sees, and when, as still text instead of an animation. No dependencies. */
(() => {
  "use strict";
  const root = document.querySelector("[data-ifg-streaming]");
  if (!root || root.dataset.ready) return;
  root.dataset.ready = "1";
  const q = (s) => root.querySelector(s);
  const form = q("form"), f = form.elements, motion = q("[data-motion]"), data = root.dataset;
  const words = q("[data-answer]").textContent.trim().split(/\s+/);
  const tokens = +data.outputTokens, bytes = tokens * +data.charactersPerToken;  // calc.download_seconds's rule
  // Each band's words, its end, and what the scenario's use case should do in it (data/targets.yaml's advice).
  const bands = [...root.querySelectorAll("[data-bands] li")].map((li) => ({ words: li.textContent, upTo: li.dataset.upTo, advice: li.dataset.advice }));
  const panes = ["on", "off"].map((p) => q(`[data-pane="${p}"]`));
  const reduce = matchMedia("(prefers-reduced-motion: reduce)");
  let frame = 0, timer = 0;

  // fmt.seconds: two decimals below 1 s, one below 10 s, then whole seconds.
  const seconds = (v) => {
    const places = v < 1 ? 2 : v < 10 ? 1 : 0, scale = 10 ** places;
    const n = Math.round(+(v * scale).toPrecision(12)) / scale;
    return places ? n.toFixed(places) : n.toLocaleString("en-US");
  };
  const verdict = (s) => bands.find((b) => b.upTo === undefined || s <= +b.upTo);
  const times = () => {
    if (![f.ttft, f.speed, f.thinking].every((el) => el.value !== "" && el.checkValidity())) return null;
    const net = form.querySelector("[name=network]:checked").dataset;
    const trips = +data.requestTrips + (f.new_connection.checked ? +data.newTrips : 0);
    const speed = +f.speed.value, network = (net.rttMs * trips) / 1000;
    const first = network + +f.ttft.value + +f.thinking.value / speed, streamed = first + tokens / speed;
    return { first, streamed, whole: streamed + (bytes * 8) / (net.downlinkKbps * 1000), network };
  };
  const show = (pane, text, clock, state) => {
    pane.querySelector("[data-text]").textContent = text;
    pane.querySelector("[data-clock]").textContent = clock;
    pane.dataset.state = state;
  };
  const few = words.slice(0, 12).join(" ") + " …";
  const finish = (t) => {
    cancelAnimationFrame(frame);
    root.dataset.state = "done";
    if (reduce.matches) {  // still states that differ: what each reader sees, and when
      show(panes[0], `${seconds(t.first)} s: “${few}”, and the rest follows as it is written, until ${seconds(t.streamed)} s.`,
        `Reading from ${seconds(t.first)} s`, "still");
      show(panes[1], `0 to ${seconds(t.whole)} s: an empty box and a progress indicator. At ${seconds(t.whole)} s: the whole answer at once.`,
        `Nothing to read until ${seconds(t.whole)} s`, "still");
      return;
    }
    show(panes[0], words.join(" "), `First words after ${seconds(t.first)} s; finished after ${seconds(t.streamed)} s.`, "done");
    show(panes[1], words.join(" "), `Nothing, then everything after ${seconds(t.whole)} s.`, "done");
  };
  const reset = () => {
    cancelAnimationFrame(frame);
    root.dataset.state = "ready";
    for (const pane of panes) show(pane, "", "Press Play both to watch.", "ready");
  };
  const play = () => {
    const t = times();
    if (!t) return;
    if (reduce.matches) return finish(t);
    cancelAnimationFrame(frame);
    root.dataset.state = "playing";
    panes[0].parentElement.scrollIntoView({ block: "nearest" });  // on a phone, both panes in view while they play
    const begin = performance.now();
    const step = (now) => {
      const s = (now - begin) / 1000, clock = `${s.toFixed(1)} s`;
      if (s >= t.whole) return finish(t);
      const n = s < t.first ? 0 : Math.min(words.length, Math.ceil((words.length * (s - t.first)) / (t.streamed - t.first)));
      show(panes[0], words.slice(0, n).join(" "), s < t.first ? `Waiting… ${clock}` : n < words.length ? `Streaming… ${clock}` : `Finished after ${seconds(t.streamed)} s.`,
        n ? "reading" : "waiting");
      show(panes[1], "", `Waiting… ${clock}`, "waiting");
      frame = requestAnimationFrame(step);
    };
    frame = requestAnimationFrame(step);
  };
  const judged = (s) => {
    const first = data.firstTarget, band = verdict(s), parts = [band.words];
    if (first) parts.push(`first word ${s <= +first ? "meets" : "misses"} ${+first} s`);  // a target as published
    return `${parts.join(", ")}. ${band.advice}`;
  };
  const describe = (now) => {
    const t = times(), out = q("[data-times]"), verdicts = q("[data-verdicts]");
    clearTimeout(timer);
    const text = t
      ? `With streaming, the first words appear after ${seconds(t.first)} s and the whole answer after ${seconds(t.streamed)} s. ` +
        `Without streaming, your reader sees nothing for ${seconds(t.whole)} s, then the whole answer at once. ` +
        `The network's round trips take ${seconds(t.network)} s of that.`
      : "Enter a time to first token, a speed above zero and the thinking tokens to see the waits.";
    if (t) {
      const on = judged(t.first), off = judged(t.whole), full = data.fullTarget;
      const whole = full ? ` Either way, the whole answer ${t.whole <= +full ? "meets" : "misses"} the ${+full} s target.` : "";
      verdicts.textContent = `With streaming: ${on} Without streaming: ${off}${whole}`;
    } else verdicts.textContent = "";
    timer = setTimeout(() => { out.textContent = text; }, now ? 0 : 400);
    if (reduce.matches && t) { motion.textContent = "Shown as still text, because your device asks for reduced motion."; finish(t); } else reset();
  };

  form.addEventListener("submit", (e) => e.preventDefault());
  form.addEventListener("input", (e) => {
    const preset = f.preset.selectedOptions[0], own = preset.dataset;
    if (e.target === f.preset && preset.value !== "custom") {
      f.ttft.value = own.ttft;
      f.speed.value = own.speed;
      f.thinking.value = own.thinkingTokens;
    } else if (preset.value !== "custom" && (own.ttft !== f.ttft.value || own.speed !== f.speed.value || own.thinkingTokens !== f.thinking.value)) {
      f.preset.value = "custom";
    }
    describe(false);
  });
  q("[data-play]").addEventListener("click", play);
  describe(true);
})();
