/* The « Explorer » page: words and facets searched in the Pagefind index, the view kept in the
   page's address (q=…&Thème=…), results drawn as cards. The index is fetched only here, and only
   the fragments for the words and filters asked. Filters without words never touch Pagefind: they
   are applied to the Explorer's own list (filtres.json, fetched the first time such a view is
   asked), which Pagefind would answer by reading every chunk of its word index. Nothing runs on
   other pages. */
(function () {
  "use strict";
  var root = document.getElementById("mesbox-explorer");
  if (!root) return;
  var form = root.querySelector("form");
  var input = form.querySelector("input[name=q]");
  var facetsBox = root.querySelector(".mesbox-explorer__facets");
  var status = root.querySelector(".mesbox-explorer__status");
  var results = root.querySelector(".mesbox-explorer__results");
  var copy = root.querySelector(".mesbox-explorer__copy");
  var reset = root.querySelector(".mesbox-explorer__reset");
  var facets = JSON.parse(root.getAttribute("data-facets"));
  var hubs = JSON.parse(root.getAttribute("data-hubs") || "[]");  /* [name, label, site-relative URL] */
  var bundle = new URL(root.getAttribute("data-pagefind"), location.href);
  var siteRoot = new URL(root.getAttribute("data-root"), location.href).pathname;
  var listAddress = new URL(root.getAttribute("data-filters"), location.href);
  var loading = null;  /* Pagefind's module once options are set: a promise */
  var allFilters = null;  /* Pagefind's filters with their counts, once read */
  var listing = null;  /* the Explorer's own list once fetched: a promise */
  var list = null;  /* the same, once it has arrived */
  var running = 0;
  var PAGE = 10;
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

  /* Pagefind fetches its script, then its entry file, then its metadata and WebAssembly, one after the
     other. The entry file is read here while its script loads (at the address Pagefind asks for, given
     the same tag: its own request finds the answer in the browser's cache), and the two files it names
     are asked for at once (preload hints that Pagefind's requests then find in the page's cache). */
  function prefetch(tag) {
    var lang = (document.documentElement.lang || "").toLowerCase();
    /* Pagefind cuts the query with an Intl.Segmenter: the first one built loads its rules (some 10 ms),
       done here while the files download rather than once the index is ready. */
    if (typeof Intl.Segmenter === "function") new Intl.Segmenter(lang || undefined, { granularity: "grapheme" });
    fetch(new URL("pagefind-entry.json?ts=" + tag, bundle)).then(function (response) {
      return response.json();
    }).then(function (entry) {
      var index = entry.languages[lang] || entry.languages[lang.split("-")[0]];
      if (!index) return;
      ["pagefind." + index.hash + ".pf_meta", "wasm." + (index.wasm || "unknown") + ".pagefind"].forEach(function (name) {
        var hint = document.createElement("link");
        hint.rel = "preload";
        hint.as = "fetch";
        hint.crossOrigin = "anonymous";
        hint.href = new URL(name, bundle).href;
        document.head.appendChild(hint);
      });
    }).catch(function () { /* only a hint: Pagefind fetches and reports on its own */ });
  }

  /* Pagefind, loaded once however many callers ask at the same time (the page's first view, typing). */
  function load() {
    if (!loading) loading = startPagefind();
    return loading;
  }

  async function startPagefind() {
    var tag = String(Date.now());  /* a new one on each visit, as Pagefind does: never an old entry file */
    prefetch(tag);
    var pagefind = await import(new URL("pagefind.js", bundle).href);
    /* Short pages weigh more (pageLength 1, Pagefind's default is 0.75): a hub page, short on purpose,
       comes before the long entries that repeat its name, for names of two words too. On the page's
       own thread (noWorker): a worker is one more script to fetch before the index, and every result
       is copied back from it. */
    await pagefind.options({
      noWorker: true, metaCacheTag: tag, basePath: bundle.pathname, baseUrl: siteRoot, ranking: { pageLength: 1.0 },
    });
    return pagefind;
  }

  /* Until its index is ready Pagefind checks every 50 ms: a few preloads of the query started 10 ms
     apart notice it within 10 ms and load the word's chunk, and the search that follows finds it there. */
  function ready(api, term, options) {
    return new Promise(function (resolve) {
      [0, 10, 20, 30, 40].forEach(function (delay) {
        setTimeout(function () { api.preload(term, options).then(resolve, resolve); }, delay);
      });
    });
  }

  /* Every filter value with its count: read after the first results are drawn, not before. */
  async function filterList() {
    if (!allFilters) allFilters = await (await load()).filters();
    return allFilters;
  }

  /* Excerpts come with <mark> around the words found: keep those, and only text otherwise. */
  function excerpt(html) {
    var template = document.createElement("template");
    template.innerHTML = html;
    var out = document.createDocumentFragment();
    template.content.childNodes.forEach(function (node) {
      if (node.nodeType === Node.ELEMENT_NODE && node.tagName === "MARK") {
        var mark = document.createElement("mark");
        mark.textContent = node.textContent;
        out.appendChild(mark);
      } else {
        out.appendChild(document.createTextNode(node.textContent));
      }
    });
    return out;
  }

  /* Every value of every facet (`totals`, from Pagefind or from the list), with the view's `counts`: for
     a facet with ticked values, what each value would add (see `filterEntries` and `facetCounts`). A
     value no result would carry is left out unless ticked, and a facet left with no value is not drawn. */
  function drawFacets(state, counts, totals) {
    facetsBox.textContent = "";
    facetsBox.setAttribute("aria-busy", "false");
    if (!totals) return;
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

  /* A name as a reader may type it: without accents, case or punctuation. */
  function fold(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae")
      .replace(/[^a-z0-9]+/g, " ").trim();
  }

  /* The hubs whose name is the query come first, whatever the engine's scores (a longer entry that
     repeats a word of the name can outscore it); only without filters, which hubs do not carry. */
  function drawNamedHubs(state) {
    promoted = {};
    if (!state.q || Object.keys(state.filters).length) return;
    var wanted = fold(state.q);
    hubs.forEach(function (hub) {
      if (fold(hub[0]) !== wanted) return;
      var path = siteRoot + hub[2];
      promoted[path] = card({ url: path, title: hub[0], label: hub[1], text: document.createTextNode("") });
      results.appendChild(promoted[path]);
    });
  }

  /* A result as a card: `text` is a node (Pagefind's excerpt, or a text node of the list's description). */
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

  /* The Explorer's own list, fetched once: its entries, and every facet value with its count. */
  function fetchList() {
    if (!listing) {
      listing = fetch(listAddress).then(function (response) {
        if (!response.ok) throw new Error("HTTP " + response.status);
        return response.json();
      }).then(function (data) {
        var totals = {};
        data.entries.forEach(function (entry) {
          entry[4].forEach(function (number) {
            var pair = data.values[number];
            var counted = totals[pair[0]] = totals[pair[0]] || {};
            counted[pair[1]] = (counted[pair[1]] || 0) + 1;
          });
        });
        list = { values: data.values, entries: data.entries, totals: totals };
        return list;
      });
      listing.catch(function () { listing = null; });  /* asked again next time */
    }
    return listing;
  }

  /* The list's entries under the chosen filters: at least one value of each facet chosen (as Pagefind's
     `any`), and how many results each value would give if ticked. A facet with ticked values counts
     the entries that pass every other facet (its own values would widen the view, not narrow it); the
     others count the entries found. One pass: an entry that fails only facet F counts for F alone. */
  function filterEntries(state) {
    var names = Object.keys(state.filters);
    var chosen = names.map(function (name) {
      var numbers = {};
      list.values.forEach(function (pair, number) {
        if (pair[0] === name && state.filters[name].indexOf(pair[1]) !== -1) numbers[number] = true;
      });
      return numbers;
    });
    var found = [];
    var counts = {};  /* every facet, as Pagefind gives them: a facet none of them carries shows no value */
    facets.forEach(function (name) { counts[name] = {}; });
    function add(entry, only) {
      entry[4].forEach(function (number) {
        var pair = list.values[number];
        if (counts[pair[0]] && (only === null || pair[0] === only)) counts[pair[0]][pair[1]] = (counts[pair[0]][pair[1]] || 0) + 1;
      });
    }
    list.entries.forEach(function (entry) {
      var failed = [];
      chosen.forEach(function (numbers, place) {
        if (!entry[4].some(function (number) { return numbers[number] === true; })) failed.push(names[place]);
      });
      if (!failed.length) {
        found.push(entry);
        add(entry, null);
      } else if (failed.length === 1) {
        add(entry, failed[0]);
      }
    });
    return { entries: found, counts: counts };
  }

  function drawStatus(total) {
    status.textContent = total === 0 ? "Aucun résultat : retirez un filtre ou essayez d’autres mots."
      : total + (total > 1 ? " résultats." : " résultat.");
  }

  /* Filters without words, from the Explorer's list; false if the list cannot be had (Pagefind answers then). */
  async function runFilters(state, ticket) {
    try {
      await fetchList();
    } catch (error) {
      return false;
    }
    if (ticket !== running) return true;
    var found = filterEntries(state);
    results.textContent = "";
    promoted = {};
    pending = found.entries.map(function (entry) {
      return function () {
        return Promise.resolve({ url: siteRoot + entry[0], title: entry[1], label: entry[2], text: document.createTextNode(entry[3]) });
      };
    });
    await showMore(ticket);
    if (ticket !== running) return true;
    drawStatus(found.entries.length);
    drawFacets(state, found.counts, list.totals);
    return true;
  }

  async function run(state) {
    var ticket = ++running;
    facetsBox.setAttribute("aria-busy", "true");
    var any = state.q || Object.keys(state.filters).length;
    copy.hidden = reset.hidden = !any;
    if (!any) {
      results.textContent = "";
      more.hidden = true;
      status.textContent = "Tapez des mots ou choisissez des filtres.";
      if (list) {  /* the list is here (filters were asked before): Pagefind need not load */
        drawFacets(state, null, list.totals);
        return;
      }
      await filterList();
      if (ticket === running) drawFacets(state, null, allFilters);
      return;
    }
    status.textContent = "Recherche…";
    if (!state.q && await runFilters(state, ticket)) return;
    var api = await load();
    var filters = {};
    Object.keys(state.filters).forEach(function (name) { filters[name] = { any: state.filters[name] }; });
    if (state.q) await ready(api, state.q, { filters: filters });
    if (ticket !== running) return;
    var found = await api.search(state.q || null, { filters: filters });
    if (ticket !== running || !found) return;
    results.textContent = "";
    drawNamedHubs(state);
    pending = found.results.map(function (result) {
      return function () {
        return result.data().then(function (data) {
          return { url: data.url, title: data.meta.title, label: data.meta.label, text: excerpt(data.excerpt) };
        });
      };
    });
    await showMore(ticket);
    if (ticket !== running) return;
    drawStatus(found.results.length);
    if (!allFilters) {
      /* Pagefind counts only the filters it has read: the first search read those asked for, so it is
         asked again once every filter is in (from memory by then) for the counts of all of them. */
      await filterList();
      if (ticket !== running) return;
      found = await api.search(state.q || null, { filters: filters });
    }
    var counts = await facetCounts(api, state, filters, found, ticket);
    if (ticket === running) drawFacets(state, counts, allFilters);
  }

  /* Pagefind's counts are those of the view's results, so a facet with a ticked value would offer only
     that value: each such facet is counted again under the other facets' filters only, by one more
     search (the words' chunks and every filter are in memory by then: nothing is downloaded). With no
     other facet ticked, no search: with words, Pagefind's `totalFilters` (the words' results, no filter)
     are those counts, without words the totals are. After the first results are drawn, never before. */
  async function facetCounts(api, state, filters, found, ticket) {
    var counts = Object.assign({}, found.filters);
    var names = Object.keys(filters);
    for (var i = 0; i < names.length && ticket === running; i++) {  /* one at a time: a newer view stops them */
      var others = Object.assign({}, filters);
      delete others[names[i]];
      if (!Object.keys(others).length) counts[names[i]] = (state.q ? found.totalFilters : allFilters)[names[i]] || {};
      else counts[names[i]] = (await api.search(state.q || null, { filters: others })).filters[names[i]] || {};
    }
    return counts;
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
  /* While a reader types, Pagefind fetches the index chunks of the words typed so far. */
  var typing = 0;
  input.addEventListener("input", function () {
    var term = input.value.trim();
    clearTimeout(typing);
    if (term) typing = setTimeout(function () { load().then(function (api) { api.preload(term); }); }, 150);
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
