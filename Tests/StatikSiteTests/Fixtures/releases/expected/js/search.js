// The search page's results, over Pagefind's JavaScript API (pagefind.js). Statik's own list
// rather than Pagefind's ready-made one, for two reasons a reader sees:
// - A word no page holds is not shown as a hit. Pagefind then searches a shorter part of the
//   word (the first letters of "ifyllt") and returns pages that merely share it; they are
//   counted apart, under "Sidor med liknande ord", closed.
// - Every text comes from the page (its data-* attributes, in the page's language); every value
//   from the index is put in as text, never as markup.
// Without JavaScript the form stays hidden and the A–Ö list below it is the page's search.
(function () {
  "use strict";
  var box = document.getElementById("statik-sok");
  var form = document.getElementById("statik-sok-form");
  if (!box || !form || !window.fetch || !window.DOMParser) return;
  var input = form.querySelector("input[name=q]");
  var status = box.querySelector(".statik-sok-status");
  var hits = box.querySelector(".statik-sok-traffar");
  var more = box.querySelector(".statik-sok-fler");
  var similar = box.querySelector(".statik-sok-liknande");
  var words = box.dataset;
  var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-filter]"));
  var pageSize = 10;
  // With a filter chosen, the results' own records are read to narrow them (their
  // data-pagefind-meta "filter_NAME"): at most this many.
  var filterLimit = 500;
  var loading = null;
  var generation = 0;
  form.hidden = false;

  function pagefind() {
    if (!loading) {
      loading = import(words.pagefind).then(function (pf) {
        return pf.options({ ranking: { pageLength: 0.25 } }).then(function () { return pf; });
      });
    }
    return loading;
  }

  function say(text, n, q) {
    return text.replace("{n}", String(n)).replace("{q}", q);
  }

  function terms(q) {
    return q.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(function (t) { return t.length > 0; });
  }

  // Whether `text` holds each term as the start of one of its words, allowing the endings a
  // stemmer takes off (Pagefind stems: "deltagarna" finds "deltagare"). A shorter part of the
  // word, which is all that Pagefind's fallback shares with the page, does not count.
  function holds(text, ts) {
    var tokens = text.toLowerCase().split(/[^\p{L}\p{N}]+/u);
    return ts.every(function (t) {
      var need = t.length <= 4 ? t.length : Math.max(4, t.length - 3);
      return tokens.some(function (w) {
        var i = 0;
        while (i < t.length && i < w.length && t[i] === w[i]) i++;
        return i >= need;
      });
    });
  }

  // The text of Pagefind's excerpt (its <mark>s dropped: terms are marked again, as text).
  function plain(html) {
    return new DOMParser().parseFromString(html || "", "text/html").body.textContent || "";
  }

  function marked(text, ts) {
    var fragment = document.createDocumentFragment();
    var pattern = ts.length ? new RegExp("(" + ts.join("|") + ")", "giu") : null;
    var parts = pattern ? text.split(pattern) : [text];
    parts.forEach(function (part, i) {
      if (i % 2 === 1) {
        var mark = document.createElement("mark");
        mark.textContent = part;
        fragment.appendChild(mark);
      } else if (part) {
        fragment.appendChild(document.createTextNode(part));
      }
    });
    return fragment;
  }

  // A heading's text as the page shows it. Pagefind's sub-result title leaves out the text of
  // a heading's figures (<data> elements: "Befolkningen från till"); the heading's id is made
  // by Statik from its whole text ("befolkningen-okade-fran-2011-till-2019"), so the words of
  // the page from the heading on are taken while they spell the id. Else Pagefind's title.
  function slug(text) {
    return text.normalize("NFD").replace(/[\u0300-\u036f]/g, "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  }

  function headingText(sub, words) {
    var anchor = sub.anchor;
    if (!anchor || !anchor.id || typeof anchor.location !== "number") return sub.title;
    // A second heading of the same text has "-2" after its id.
    var unnumbered = anchor.id.replace(/-[0-9]+$/, "");
    var taken = [], found = null;
    for (var i = anchor.location; i < words.length && taken.length < 40; i++) {
      taken.push(words[i]);
      var spelled = slug(taken.join(" "));
      if (spelled === anchor.id) return taken.join(" ");
      if (spelled === unnumbered && found === null) found = taken.join(" ");
      if (anchor.id.indexOf(spelled) !== 0) break;
    }
    return found || sub.title;
  }

  function link(url, title) {
    var a = document.createElement("a");
    a.href = url;
    a.textContent = title || url;
    return a;
  }

  function item(data, ts) {
    var li = document.createElement("li");
    var heading = document.createElement("h2");
    heading.appendChild(link(data.url, data.meta && data.meta.title));
    li.appendChild(heading);
    var excerpt = document.createElement("p");
    excerpt.appendChild(marked(plain(data.excerpt), ts));
    li.appendChild(excerpt);
    var subs = (data.sub_results || []).filter(function (sub) { return sub.url !== data.url; }).slice(0, 3);
    if (subs.length) {
      var list = document.createElement("ul");
      var words = (data.content || "").split(/\s+/);
      subs.forEach(function (sub) {
        var entry = document.createElement("li");
        entry.appendChild(link(sub.url, headingText(sub, words)));
        list.appendChild(entry);
      });
      li.appendChild(list);
    }
    return li;
  }

  // The filters chosen: name → value.
  function chosen() {
    var filters = {};
    selects.forEach(function (select) { if (select.value) filters[select.dataset.filter] = select.value; });
    return filters;
  }

  function fits(data, filters) {
    var meta = data.meta || {};
    return Object.keys(filters).every(function (name) { return meta["filter_" + name] === filters[name]; });
  }

  // The results that fit the filters, as results whose data is read (all of them, up to
  // filterLimit, when a filter is chosen: they are counted).
  function narrowed(results, filters) {
    if (!Object.keys(filters).length) return Promise.resolve(results);
    return Promise.all(results.slice(0, filterLimit).map(function (r) { return r.data(); })).then(function (all) {
      return all.filter(function (data) { return fits(data, filters); }).map(function (data) {
        return { data: function () { return Promise.resolve(data); } };
      });
    });
  }

  // Shows `results` from `start` on, `pageSize` at a time, in `list`; `button` shows more.
  function show(results, start, list, button, ts, mine) {
    var batch = results.slice(start, start + pageSize);
    return Promise.all(batch.map(function (r) { return r.data(); })).then(function (all) {
      if (mine !== generation) return;
      all.forEach(function (data) { list.appendChild(item(data, ts)); });
      var shown = start + batch.length;
      if (!button) return;
      button.hidden = shown >= results.length;
      button.onclick = function () { show(results, shown, list, button, ts, mine); };
    });
  }

  function clear() {
    hits.textContent = "";
    more.hidden = true;
    similar.hidden = true;
    similar.open = false;
    similar.querySelector("ol").textContent = "";
  }

  function run(q) {
    var mine = ++generation;
    clear();
    q = q.trim();
    if (!q) { status.textContent = ""; return; }
    var ts = terms(q);
    var filters = chosen();
    status.textContent = words.searching;
    pagefind().then(function (pf) { return pf.search(q); }).then(function (search) {
      return mine === generation ? narrowed(search.results, filters) : [];
    }).then(function (results) {
      if (mine !== generation) return;
      // Pagefind ranks the pages that hold the words first: if none of the first few does,
      // no page does, and every result shares only a part of a word.
      return Promise.all(results.slice(0, 5).map(function (r) { return r.data(); })).then(function (first) {
        if (mine !== generation) return;
        var exact = first.some(function (data) { return holds(data.content || "", ts); });
        if (exact) {
          status.textContent = say(results.length === 1 ? words.resultFound : words.resultsFound, results.length, q);
          return show(results, 0, hits, more, ts, mine);
        }
        status.textContent = say(words.noResults, 0, q);
        if (!results.length) return;
        similar.hidden = false;
        similar.querySelector("summary").textContent = say(words.similarResults, results.length, q);
        similar.ontoggle = function () {
          if (similar.open && !similar.querySelector("ol").children.length) show(results, 0, similar.querySelector("ol"), null, ts, mine);
        };
      });
    }).catch(function () {
      if (mine === generation) status.textContent = words.unavailable;
    });
  }

  // The address keeps the words and the filters: a search can be linked to.
  function search(event) {
    if (event) event.preventDefault();
    var address = new URL(window.location.href);
    address.searchParams.set("q", input.value);
    selects.forEach(function (select) {
      if (select.value) address.searchParams.set(select.name, select.value); else address.searchParams.delete(select.name);
    });
    window.history.replaceState(null, "", address.toString());
    run(input.value);
  }

  form.addEventListener("submit", search);
  selects.forEach(function (select) { select.addEventListener("change", function () { search(null); }); });

  var given = new URLSearchParams(window.location.search);
  selects.forEach(function (select) {
    var value = given.get(select.name);
    if (value && Array.prototype.some.call(select.options, function (o) { return o.value === value; })) select.value = value;
  });
  var asked = given.get("q");
  if (asked) {
    input.value = asked;
    run(asked);
  }
})();
