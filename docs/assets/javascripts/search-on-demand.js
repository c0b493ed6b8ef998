// Material fetches the whole search index as soon as it starts (on the reader's first scroll, say), and it is
// the largest file a page loads. This holds that one request back until the reader first reaches for search: the search box gets the
// focus (a click, a tap, Tab, or the "/" and "s" shortcuts), the search toggle opens on a phone, or the
// pointer rests on the search box. A page opened from a search result (?h= in its address) sends it at once,
// since Material highlights the words found with it. Runs before Material's script, which it leaves alone.
(function (d) {
  var xhr = XMLHttpRequest.prototype, send = xhr.send, open = xhr.open;
  var held = [], released = /[?&]h=/.test(location.search);
  function release() {
    if (released) return;
    released = true;
    held.splice(0).forEach(function (request) { send.apply(request[0], request[1]); });
  }
  xhr.open = function (method, url) {
    this.ifgIndex = /\/search\/search_index\.json$/.test(new URL(String(url), location.href).pathname);
    return open.apply(this, arguments);
  };
  xhr.send = function () {
    if (this.ifgIndex && !released) held.push([this, arguments]);
    else send.apply(this, arguments);
  };
  function search(target) {
    return target instanceof Element && target.closest(".md-search, label[for='__search']");
  }
  d.addEventListener("focusin", function (e) { if (search(e.target)) release(); });
  d.addEventListener("pointerover", function (e) { if (search(e.target)) release(); });
  d.addEventListener("change", function (e) { if (e.target.id === "__search") release(); });
})(document);
