/* Praxisfinder: filter all published entries by facets and words, in the reader's browser.
 * Reads daten/eintraege.json once; writes results with textContent only (never innerHTML);
 * keeps the filters in the address so a result list can be bookmarked and shared. */
(function () {
  "use strict";
  var root = document.querySelector("[data-praxisfinder]");
  if (!root || !window.fetch || !window.URLSearchParams) { return; }
  var form = root.querySelector("form");
  var status = root.querySelector("[data-status]");
  var list = root.querySelector("[data-results]");
  var more = root.querySelector("[data-more]");
  var base = root.getAttribute("data-base");
  var PAGE = 50;
  var shown = PAGE;
  var data = null;
  var timer = null;

  function fold(text) {
    return String(text || "").toLowerCase()
      .replace(/ä/g, "a").replace(/ö/g, "o").replace(/ü/g, "u").replace(/ß/g, "ss");
  }

  function readAddress() {
    var params = new URLSearchParams(window.location.search);
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && params.has(el.name)) { el.value = params.get(el.name); }
    });
  }

  function writeAddress() {
    var params = new URLSearchParams();
    Array.prototype.forEach.call(form.elements, function (el) {
      if (el.name && el.value) { params.set(el.name, el.value); }
    });
    var query = params.toString();
    window.history.replaceState(null, "", query ? "?" + query : window.location.pathname);
  }

  function filters() {
    var chosen = [];
    Array.prototype.forEach.call(form.querySelectorAll("select[data-field]"), function (el) {
      if (el.value) { chosen.push([el.getAttribute("data-field"), el.value]); }
    });
    return chosen;
  }

  // The labels and synonyms of an entry's terms ("Sachsen", "Modul 2", "Hass im Netz").
  function termWords(entry) {
    var words = [];
    Object.keys(data.taxonomies || {}).forEach(function (field) {
      var taxonomy = data.taxonomies[field];
      var ids = entry[field];
      if (typeof ids === "string") { ids = [ids]; }
      (ids || []).forEach(function (id) {
        words.push(taxonomy.terms[id] || "");
        words = words.concat((taxonomy.synonyms || {})[id] || []);
      });
    });
    return words.join(" ");
  }

  function matches(entry, type, chosen, words) {
    if (type && entry.type !== type) { return false; }
    for (var i = 0; i < chosen.length; i++) {
      var values = entry[chosen[i][0]] || [];
      if (values.indexOf(chosen[i][1]) < 0) { return false; }
    }
    if (!words.length) { return true; }
    var haystack = entry._text || (entry._text = fold(
      entry.title + " " + entry.summary + " " + (entry.municipality || "") + " " +
      termWords(entry)));
    return words.every(function (word) { return haystack.indexOf(word) >= 0; });
  }

  function item(entry) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = base + entry.url;
    link.textContent = entry.title;
    var heading = document.createElement("p");
    heading.className = "praxis-finder__title";
    heading.appendChild(link);
    var summary = document.createElement("p");
    summary.textContent = entry.summary;
    var meta = document.createElement("p");
    meta.className = "praxis-finder__meta";
    var type = data.types[entry.type];
    meta.textContent = [type && type.singular, entry.municipality].filter(Boolean).join(" · ");
    li.appendChild(heading);
    li.appendChild(summary);
    li.appendChild(meta);
    return li;
  }

  function update(focusFrom) {
    if (!data) { return; }
    var type = form.elements.art.value;
    var chosen = filters();
    var words = fold(form.elements.suche.value).split(/\s+/).filter(Boolean);
    var found = data.entries.filter(function (e) { return matches(e, type, chosen, words); });
    list.textContent = "";
    found.slice(0, shown).forEach(function (entry) { list.appendChild(item(entry)); });
    status.textContent = found.length === 1 ? "1 Eintrag gefunden." :
      found.length + " Einträge gefunden." +
      (found.length > shown ? " Angezeigt werden die ersten " + shown + "." : "");
    more.hidden = found.length <= shown;
    if (typeof focusFrom === "number" && list.children[focusFrom]) {
      var target = list.children[focusFrom].querySelector("a");
      if (target) { target.focus(); }
    }
  }

  function changed() {
    shown = PAGE;
    writeAddress();
    update();
  }

  form.hidden = false;
  var note = root.querySelector("[data-noscript]");
  if (note) { note.parentNode.removeChild(note); }
  status.textContent = "Einträge werden geladen …";
  form.addEventListener("change", changed);
  form.addEventListener("input", function (event) {
    if (event.target.name !== "suche") { return; }
    window.clearTimeout(timer);
    timer = window.setTimeout(changed, 250);
  });
  form.addEventListener("submit", function (event) { event.preventDefault(); changed(); });
  form.addEventListener("reset", function () { window.setTimeout(changed, 0); });
  more.addEventListener("click", function () {
    var from = shown;
    shown += PAGE;
    update(from);
  });
  window.fetch(root.getAttribute("data-source"))
    .then(function (response) {
      if (!response.ok) { throw new Error(response.status); }
      return response.json();
    })
    .then(function (json) { data = json; readAddress(); update(); })
    .catch(function () {
      status.textContent = "Die Einträge konnten nicht geladen werden. Bitte laden Sie die Seite neu.";
    });
}());
