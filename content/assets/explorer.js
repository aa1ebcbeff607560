/* The « Explorer » page: words and facets searched in mesbox's own static index (recherche/, written by
   publishing/searchindex.py), the view kept in the page's address (q=…&Thème=…), results drawn as cards.
   A query reads the shard of each of its words (all words must be found, the last one also as the
   beginning of a word, so that typing finds), scores the documents, and draws the first ten cards as
   their fragments arrive; the index's manifest (every document's facet values) is read for the facets'
   counts once the cards are drawn, or before them when filters are ticked. Filters without words are
   applied to the Explorer's own list (filtres.json), which holds each card's description. Nothing runs
   on other pages; no index file is read before someone searches or opens this page. */
(function () {
  "use strict";
  /* Words as the index writer cuts them: the same folding, the same splitting, the same stem. */
  var MARKS = /[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]/g;
  var LETTERS = /[\p{L}\p{N}]+/gu;
  var SHARDS = 256;  /* searchindex.SHARDS */
  var SHARD_KEY = 3;
  var PAGES_PER_FILE = 4;  /* searchindex.PAGES_PER_FILE */

  function fold(text) {
    return text.normalize("NFD").replace(MARKS, "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae");
  }

  function stem(word) {
    var last = word.charAt(word.length - 1);
    return Array.from(word).length > 3 && (last === "s" || last === "x") ? word.slice(0, -1) : word;
  }

  function terms(text) {
    return (fold(text).match(LETTERS) || []).map(stem);
  }

  /* FNV-1a (32 bits) of the term's first code points, as the writer numbers its shards. */
  function shardOf(term) {
    var hash = 0x811c9dc5;
    Array.from(term).slice(0, SHARD_KEY).forEach(function (char) {
      hash = Math.imul(hash ^ char.codePointAt(0), 0x01000193) >>> 0;
    });
    return hash % SHARDS;
  }

  var root = document.getElementById("mesbox-explorer");
  if (!root) return;
  /* For the test that compares these terms and shards with the writer's. */
  window.mesboxIndex = { terms: terms, shardOf: shardOf };
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var facetsBox = root.querySelector(".mesbox-explorer__facets");
  var status = root.querySelector(".mesbox-explorer__status");
  var results = root.querySelector(".mesbox-explorer__results");
  var copy = root.querySelector(".mesbox-explorer__copy");
  var reset = root.querySelector(".mesbox-explorer__reset");
  var facets = JSON.parse(root.getAttribute("data-facets"));
  var hubs = JSON.parse(root.getAttribute("data-hubs") || "[]");  /* [name, label, site-relative URL] */
  var index = new URL(root.getAttribute("data-index"), location.href);
  var siteRoot = new URL(root.getAttribute("data-root"), location.href).pathname;
  var listAddress = new URL(root.getAttribute("data-filters"), location.href);
  var shards = {};  /* each shard once fetched or asked for: a promise, by address */
  var pageFiles = {};  /* each file of texts once asked for: a promise, by address */
  var manifest = null;  /* the index's manifest: a promise */
  var listing = null;  /* the Explorer's own list: a promise */
  var list = null;  /* the same, once it has arrived */
  var running = 0;
  var PAGE = 10;
  /* A word found only as the beginning of a longer word counts for less than the word itself. */
  var PREFIX = 0.5;
  /* An excerpt: this many words before the first word found, and this many in all. */
  var BEFORE = 8;
  var WORDS = 36;
  var more = document.createElement("button");
  more.type = "button";
  more.className = "md-button mesbox-explorer__more";
  more.hidden = true;
  more.textContent = "Afficher plus de résultats";
  results.after(more);
  var pending = [];  /* the results not drawn yet: each a function giving a promise of its card's content */
  var promoted = {};  /* the cards of the hubs named by the query, by path */

  function readState() {
    var params = new URLSearchParams(location.search);
    var chosen = {};
    facets.forEach(function (name) {
      var values = params.getAll(name);
      if (values.length) chosen[name] = values;
    });
    return { q: (params.get("q") || "").trim(), filters: chosen };
  }

  function writeState(state) {
    var params = new URLSearchParams();
    if (state.q) params.set("q", state.q);
    facets.forEach(function (name) {
      (state.filters[name] || []).forEach(function (value) { params.append(name, value); });
    });
    var query = params.toString();
    history.replaceState(null, "", location.pathname + (query ? "?" + query : ""));
  }

  function formState() {
    var chosen = {};
    facetsBox.querySelectorAll("input[type=checkbox]:checked").forEach(function (box) {
      (chosen[box.name] = chosen[box.name] || []).push(box.value);
    });
    return { q: input.value.trim(), filters: chosen };
  }

  function fetchJson(address) {
    return fetch(address).then(function (response) {
      if (!response.ok) throw new Error("HTTP " + response.status);
      return response.json();
    });
  }

  /* A term's shard, fetched once however many callers ask (the first view, typing, the search). */
  function shard(term) {
    return fetchOnce(shards, "mots/" + shardOf(term) + ".json");
  }

  /* A file of the index, fetched once however many ask for it: its promise kept in `cache` by address. */
  function fetchOnce(cache, address) {
    if (!cache[address]) {
      cache[address] = fetchJson(new URL(address, index));
      cache[address].catch(function () { delete cache[address]; });  /* asked again next time */
    }
    return cache[address];
  }

  /* Every value of every facet counted over `rows` (each a list of value numbers). */
  function totalsOf(values, rows) {
    var totals = {};
    rows.forEach(function (row) {
      row.forEach(function (number) {
        var pair = values[number];
        var counted = totals[pair[0]] = totals[pair[0]] || {};
        counted[pair[1]] = (counted[pair[1]] || 0) + 1;
      });
    });
    return totals;
  }

  /* The index's manifest: every document's facet values, and what a document's card is made of. */
  function loadManifest() {
    if (!manifest) {
      manifest = fetchJson(new URL("index.json", index)).then(function (data) {
        return {
          values: data.values, rows: data.facets, totals: totalsOf(data.values, data.facets),
          card: function (doc) { return fragment(doc, data.tag, []); },
        };
      });
      manifest.catch(function () { manifest = null; });
    }
    return manifest;
  }

  /* The Explorer's own list, fetched once: its entries, each with its description. */
  function fetchList() {
    if (!listing) {
      listing = fetchJson(listAddress).then(function (data) {
        var rows = data.entries.map(function (entry) { return entry[4]; });
        list = {
          values: data.values, rows: rows, totals: totalsOf(data.values, rows),
          card: function (number) {
            var entry = data.entries[number];
            return Promise.resolve({ url: siteRoot + entry[0], title: entry[1], label: entry[2], text: document.createTextNode(entry[3]) });
          },
        };
        return list;
      });
      listing.catch(function () { listing = null; });
    }
    return listing;
  }

  /* A document's card from its file of texts (fetched once for the documents it holds): its text cut around
     the first word found, words found marked. */
  function fragment(doc, tag, words) {
    return fetchOnce(pageFiles, "pages/" + Math.floor(doc / PAGES_PER_FILE) + ".json?v=" + tag).then(function (pages) {
      var page = pages[doc % PAGES_PER_FILE];
      return { url: siteRoot + page.url, title: page.title, label: page.label, text: excerpt(page.text, words) };
    });
  }

  /* Whether a word of the text is one of the query's: its terms, the last one also as a beginning. */
  function found(word, words) {
    return terms(word).some(function (term) {
      return words.some(function (wanted, place) {
        return term === wanted || (place === words.length - 1 && Array.from(wanted).length >= SHARD_KEY && term.indexOf(wanted) === 0);
      });
    });
  }

  /* The text as written around the first word found, built as text nodes and <mark> elements: never as HTML. */
  function excerpt(text, words) {
    var spans = [];
    var match;
    var seen = new Map();  /* a text repeats its words: each one is cut once */
    var cutter = /[\p{L}\p{N}\p{M}]+/gu;  /* as written: a letter and its separate accent stay one word */
    while ((match = cutter.exec(text)) !== null) {
      if (!seen.has(match[0])) seen.set(match[0], found(match[0], words));
      spans.push([match.index, match.index + match[0].length, seen.get(match[0])]);
    }
    var first = 0;
    while (first < spans.length && !spans[first][2]) first++;
    if (first === spans.length) first = 0;
    var start = Math.max(0, first - BEFORE);
    var end = Math.min(spans.length, start + WORDS);
    var out = document.createDocumentFragment();
    if (!spans.length) return out;
    var at = spans[start][0];
    if (start > 0) out.appendChild(document.createTextNode("… "));
    for (var i = start; i < end; i++) {
      if (!spans[i][2]) continue;
      out.appendChild(document.createTextNode(text.slice(at, spans[i][0])));
      var mark = document.createElement("mark");
      mark.textContent = text.slice(spans[i][0], spans[i][1]);
      out.appendChild(mark);
      at = spans[i][1];
    }
    out.appendChild(document.createTextNode(text.slice(at, spans[end - 1][1]) + (end < spans.length ? " …" : "")));
    return out;
  }

  /* The documents with every word, best first: each posting's score times the term's rarity, added
     over the words; the last word's score is that of its best term (itself, or a longer word it begins). */
  async function search(words) {
    var loaded = await Promise.all(words.map(shard));
    var total = loaded[0].docs;
    var sums = new Float64Array(total);
    var hits = new Uint16Array(total);
    words.forEach(function (word, place) {
      var last = place === words.length - 1 && Array.from(word).length >= SHARD_KEY;
      var best = new Float64Array(total);
      var table = loaded[place].terms;
      Object.keys(table).forEach(function (term) {
        var exact = term === word;
        if (!exact && !(last && term.indexOf(word) === 0)) return;
        var postings = table[term];
        var count = postings.length / 2;
        var weight = Math.log(1 + (total - count + 0.5) / (count + 0.5)) * (exact ? 1 : PREFIX);
        for (var i = 0, doc = 0; i < postings.length; i += 2) {
          doc += postings[i];
          best[doc] = Math.max(best[doc], postings[i + 1] * weight);
        }
      });
      for (var doc = 0; doc < total; doc++) {
        if (best[doc] > 0) {
          sums[doc] += best[doc];
          hits[doc]++;
        }
      }
    });
    var docs = [];
    for (var doc = 0; doc < total; doc++) if (hits[doc] === words.length) docs.push(doc);
    docs.sort(function (a, b) { return sums[b] - sums[a] || a - b; });
    return { docs: docs, tag: loaded[0].tag };
  }

  /* Every value of every facet (`totals`, from the manifest or the list), with the view's `counts`: for
     a facet with ticked values, what each value would add (see `filterRows`). A value no result would
     carry is left out unless ticked, and a facet left with no value is not drawn. */
  function drawFacets(state, counts, totals) {
    facetsBox.textContent = "";
    facetsBox.setAttribute("aria-busy", "false");
    facets.forEach(function (name) {
      var values = Object.keys(totals[name] || {});
      (state.filters[name] || []).forEach(function (value) { if (values.indexOf(value) === -1) values.push(value); });
      values.sort(function (a, b) { return a.localeCompare(b, "fr"); });
      var box = document.createElement("fieldset");
      box.className = "mesbox-explorer__facet";
      var legend = document.createElement("legend");
      legend.textContent = name;
      box.appendChild(legend);
      values.forEach(function (value) {
        var count = counts && counts[name] ? counts[name][value] || 0 : (totals[name] || {})[value] || 0;
        var checked = (state.filters[name] || []).indexOf(value) !== -1;
        if (!count && !checked) return;
        var label = document.createElement("label");
        var box_ = document.createElement("input");
        box_.type = "checkbox";
        box_.name = name;
        box_.value = value;
        box_.checked = checked;
        label.appendChild(box_);
        label.appendChild(document.createTextNode(" " + value + " "));
        var number = document.createElement("span");
        number.className = "mesbox-count";
        number.textContent = "(" + count + ")";
        label.appendChild(number);
        box.appendChild(label);
      });
      if (box.querySelector("label")) facetsBox.appendChild(box);
    });
  }

  /* The hubs whose name is the query come first, whatever the scores; only without filters, which hubs do
     not carry. */
  function drawNamedHubs(state) {
    promoted = {};
    if (!state.q || Object.keys(state.filters).length) return;
    var wanted = terms(state.q).join(" ");
    hubs.forEach(function (hub) {
      if (terms(hub[0]).join(" ") !== wanted) return;
      var path = siteRoot + hub[2];
      promoted[path] = card({ url: path, title: hub[0], label: hub[1], text: document.createTextNode("") });
      results.appendChild(promoted[path]);
    });
  }

  /* A result as a card: `text` is a node (an excerpt, or a text node of the list's description). */
  function card(data) {
    var item = document.createElement("li");
    item.className = "mesbox-card";
    var link = document.createElement("a");
    link.className = "mesbox-card__title";
    link.href = data.url;
    link.textContent = data.title;
    var type = document.createElement("span");
    type.className = "mesbox-card__type";
    type.textContent = data.label;
    var text = document.createElement("p");
    text.className = "mesbox-card__description";
    text.appendChild(data.text);
    item.appendChild(link);
    item.appendChild(type);
    item.appendChild(text);
    return item;
  }

  /* The rows of `source` (all of them, or the words' results `among`, in their order) under the chosen
     filters: at least one value of each facet chosen, and how many results each value would give if
     ticked. A facet with ticked values counts the rows that pass every other facet (its own values would
     widen the view, not narrow it); the others count the rows found. One pass: a row that fails only
     facet F counts for F alone. */
  function filterRows(source, state, among) {
    var names = Object.keys(state.filters);
    var chosen = names.map(function (name) {
      var numbers = {};
      source.values.forEach(function (pair, number) {
        if (pair[0] === name && state.filters[name].indexOf(pair[1]) !== -1) numbers[number] = true;
      });
      return numbers;
    });
    var kept = [];
    var counts = {};  /* every facet: a facet no row carries shows no value */
    facets.forEach(function (name) { counts[name] = {}; });
    function add(row, only) {
      row.forEach(function (number) {
        var pair = source.values[number];
        if (counts[pair[0]] && (only === null || pair[0] === only)) counts[pair[0]][pair[1]] = (counts[pair[0]][pair[1]] || 0) + 1;
      });
    }
    (among || source.rows.map(function (row, number) { return number; })).forEach(function (number) {
      var row = source.rows[number];
      var failed = [];
      chosen.forEach(function (numbers, place) {
        if (!row.some(function (value) { return numbers[value] === true; })) failed.push(names[place]);
      });
      if (!failed.length) {
        kept.push(number);
        add(row, null);
      } else if (failed.length === 1) {
        add(row, failed[0]);
      }
    });
    return { rows: kept, counts: counts };
  }

  function drawStatus(total) {
    status.textContent = total === 0 ? "Aucun résultat : retirez un filtre ou essayez d’autres mots."
      : total + (total > 1 ? " résultats." : " résultat.");
  }

  /* Filters without words: the Explorer's list, or the index's manifest and fragments if the list cannot be had. */
  async function runFilters(state, ticket) {
    var source;
    try {
      source = await fetchList();
    } catch (error) {
      source = await loadManifest();
    }
    if (ticket !== running) return;
    var kept = filterRows(source, state, null);
    results.textContent = "";
    promoted = {};
    pending = kept.rows.map(function (number) { return function () { return source.card(number); }; });
    await showMore(ticket);
    if (ticket !== running) return;
    drawStatus(kept.rows.length);
    drawFacets(state, kept.counts, source.totals);
  }

  /* Words, with filters or not: the first cards before the manifest when no filter needs it. */
  async function runWords(state, words, ticket) {
    var hits = await search(words);
    var filtered = Object.keys(state.filters).length > 0;
    var source = filtered ? await loadManifest() : null;
    if (ticket !== running) return;
    var kept = filtered ? filterRows(source, state, hits.docs) : { rows: hits.docs };
    results.textContent = "";
    drawNamedHubs(state);
    pending = kept.rows.map(function (doc) { return function () { return fragment(doc, hits.tag, words); }; });
    await showMore(ticket);
    if (ticket !== running) return;
    drawStatus(kept.rows.length);
    source = source || await loadManifest();
    if (ticket !== running) return;
    drawFacets(state, (kept.counts ? kept : filterRows(source, state, hits.docs)).counts, source.totals);
  }

  async function run(state) {
    var ticket = ++running;
    facetsBox.setAttribute("aria-busy", "true");
    var any = state.q || Object.keys(state.filters).length;
    copy.hidden = reset.hidden = !any;
    try {
      if (!any) {
        results.textContent = "";
        more.hidden = true;
        status.textContent = "Tapez des mots ou choisissez des filtres.";
        var source = list || await loadManifest();  /* the list if it is here: the manifest is smaller */
        if (ticket === running) drawFacets(state, null, source.totals);
        return;
      }
      status.textContent = "Recherche…";
      var words = terms(state.q);
      if (words.length) await runWords(state, words, ticket);
      else await runFilters(state, ticket);
    } catch (error) {
      if (ticket === running) status.textContent = "La recherche n’a pas pu être chargée : vérifiez la connexion et réessayez.";
    }
  }

  /* Results are drawn ten at a time: with words, each one's excerpt is a fragment of the index. The ten
     are fetched at once and each card is drawn as soon as it and those before it have arrived. */
  async function showMore(ticket) {
    var next = pending.splice(0, PAGE).map(function (result) { return result(); });
    for (var i = 0; i < next.length; i++) {
      var item = await next[i];
      if (ticket !== running) return;
      var drawn = promoted[new URL(item.url, location.href).pathname];
      if (drawn) drawn.replaceWith(card(item));  /* already first: now with its excerpt */
      else results.appendChild(card(item));
    }
    more.hidden = pending.length === 0;
    more.textContent = "Afficher " + Math.min(PAGE, pending.length) + " résultats de plus";
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var state = formState();
    writeState(state);
    run(state);
  });
  facetsBox.addEventListener("change", function () {
    var state = formState();
    writeState(state);
    run(state);
  });
  /* While a reader types, the shards of the words typed so far are fetched. */
  var typing = 0;
  input.addEventListener("input", function () {
    var words = terms(input.value);
    clearTimeout(typing);
    typing = setTimeout(function () {
      words.forEach(function (word) { shard(word).catch(function () { /* the search reports it */ }); });
    }, 150);
  });
  more.addEventListener("click", function () { showMore(running); });
  copy.addEventListener("click", function () {
    navigator.clipboard.writeText(location.href).then(function () {
      status.textContent = "Adresse copiée : collez-la pour retrouver cette recherche.";
    });
  });
  reset.addEventListener("click", function () {
    input.value = "";
    facetsBox.querySelectorAll("input:checked").forEach(function (box) { box.checked = false; });
    writeState({ q: "", filters: {} });
    run({ q: "", filters: {} });
  });

  /* Filters open beside the results on wide screens; folded above them on a phone. */
  root.querySelector(".mesbox-explorer__filters").open = window.matchMedia("(min-width: 60em)").matches;

  /* The address restores the view: words, ticked filters, results. */
  var start = readState();
  input.value = start.q;
  run(start);
})();
