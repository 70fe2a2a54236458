// Filters the search page's list of handouts in place as the reader types.
//
// The page lists every handout of its language, which is all a reader
// without JavaScript gets (with the browser's Find). This script reads the
// language's search index (generator/search: for each handout its title,
// keywords, topics, headings and summary, folded), shows only the handouts
// that have every word typed, best first, and says how many in the page's
// role="status" region once typing pauses: nothing else is announced.
//
// A language with more handouts than a list page holds has a search page
// that lists none (data-shards instead of data-index): its index comes in
// shards, each entry with what shows the handout ("show": its address,
// title, summary and topics), and this script makes the entries of the
// best results (at most maxShown) in the list as the page's own template
// does, and says, before a word is typed, how many there are to search.
//
// Matching: words are folded as the index is (fold below, package search's
// Fold: lower case, accents dropped but ñ kept, apostrophes dropped, other
// marks made spaces), and a word typed matches any word that starts with
// it. A match in the title counts most, then keywords, topics, headings and
// the summary; a whole word counts more than its start, the words typed
// together, in order, more than apart (see score).
(function () {
  "use strict";
  var list = document.querySelector(".search-results[data-index], .search-results[data-shards]");
  var form = document.querySelector(".search-form");
  var status = document.querySelector(".search-status");
  if (!list || !form || !status || !window.fetch) {
    return;
  }
  var input = form.querySelector("input[name=q]");
  var tryOther = document.querySelector(".search-try-other");
  var noScript = document.querySelector(".search-no-script");
  var items = Array.prototype.slice.call(list.children); // in the page's order
  var docs = []; // {li, fields: [[phrase, ...] per field]}, in the page's order
  var announce = 0; // the timer that updates the status once typing pauses
  // A page that lists no handouts: its results are made from the shards.
  var shards = list.dataset.shards ? list.dataset.shards.split(" ") : null;
  var maxShown = 100;
  var lang = document.documentElement.lang || undefined;
  var collator = new Intl.Collator(lang);

  // fold is generator/search's Fold: they must change together. The
  // browser tests run this function on the cases of Fold's test
  // (generator/search/testdata/fold.json), so it uses nothing outside it.
  function fold(text) {
    var out = "", space = false, lastN = false;
    for (var c of text.toLowerCase().normalize("NFD")) {
      if (c === "\u0303" && lastN) {
        out = out.slice(0, -1) + "\u00f1"; // ñ is a letter of its own
        lastN = false;
      } else if (/[\p{M}'\u2019\u02bc`]/u.test(c)) {
        // an accent, or an apostrophe: dropped
      } else if (/[\p{L}\p{N}]/u.test(c)) {
        if (space && out) {
          out += " ";
        }
        space = false;
        out += c;
        lastN = c === "n";
      } else {
        space = true;
        lastN = false;
      }
    }
    return out;
  }

  // What a match in each of the index's fields is worth: each more than
  // those below it, so the best field a word is found in decides.
  var worth = { title: 64, keywords: 32, topics: 16, headings: 8, summary: 4 };

  // find reports how well the phrase p (folded, words joined by spaces)
  // holds the words w starting at a word: 3 when w is the whole phrase, 2
  // when its last word is whole there too, 1 when that is only the start
  // of a word, 0 when not at all.
  function find(p, w) {
    if (p === w) {
      return 3;
    }
    var at = (" " + p + " ").indexOf(" " + w);
    if (at < 0) {
      return 0;
    }
    return (" " + p + " ").charAt(at + w.length + 1) === " " ? 2 : 1;
  }

  // score is how well the document d matches the words typed: have counts
  // the words it has, and total ranks it. Each word counts as the best
  // field it is in (its start three quarters of the whole word); the words
  // typed together, in order, as many times more as there are words, in the
  // best field that has them so; a keyword, topic or title that is exactly
  // what was typed, once more; and, last, how many of the handout's titles,
  // keywords, topics, headings and summary have the words, which tells
  // apart two handouts whose best fields tie.
  function score(d, words, phrase) {
    var total = 0, have = 0, times = 0;
    words.forEach(function (w) {
      var best = 0;
      d.fields.forEach(function (f) {
        f.phrases.forEach(function (p) {
          var m = find(p, w);
          if (m) {
            times++;
            best = Math.max(best, m > 1 ? f.worth : f.worth * 3 / 4);
          }
        });
      });
      if (best) {
        have++;
        total += best;
      }
    });
    var together = 0, exact = 0;
    d.fields.forEach(function (f) {
      f.phrases.forEach(function (p) {
        var m = find(p, phrase);
        if (m && words.length > 1) {
          together = Math.max(together, f.worth * words.length);
        }
        if (m === 3) {
          exact = Math.max(exact, f.worth);
        }
      });
    });
    return { total: (total + together + exact) * 1000 + Math.min(times, 999), have: have };
  }

  function say(text, n, shown) {
    return text.replace("{n}", n.toLocaleString(lang)).replace("{shown}", String(shown));
  }

  // entry makes the list entry of the document d, from its "show", as the
  // theme's search-item template makes it: anew each time it is shown, so
  // that js/packet.js gives it a tick box as things are now.
  function entry(d) {
    var li = document.createElement("li");
    li.dataset.handout = d.id;
    var a = document.createElement("a");
    a.href = d.show[0];
    a.textContent = d.show[1];
    li.append(a);
    if (d.show[2]) {
      var summary = document.createElement("p");
      summary.textContent = d.show[2];
      li.append(summary);
    }
    if (d.show[3].length) {
      var topics = document.createElement("p");
      topics.className = "search-topics";
      topics.textContent = list.dataset.topics + " " + d.show[3].join(", ");
      li.append(topics);
    }
    return li;
  }

  // run shows the documents that have every word typed, best first (or,
  // when none has them all, those that have the most), and says how many:
  // now, or once typing pauses.
  function run(now) {
    var phrase = fold(input.value);
    var words = phrase ? phrase.split(" ") : [];
    var shown = items, message, partial = false;
    if (words.length === 0) {
      message = shards ? status.dataset.start : say(status.dataset.all, items.length);
      if (shards) {
        shown = [];
      }
    } else {
      var scored = docs.map(function (d, i) {
        var s = score(d, words, phrase);
        return { d: d, total: s.total, have: s.have, i: i };
      });
      var most = 0;
      scored.forEach(function (s) {
        most = Math.max(most, s.have);
      });
      var hits = scored.filter(function (s) { return most > 0 && s.have === most; });
      hits.sort(function (a, b) {
        // Ties in the page's order, or, of shards, by title as the
        // language sorts it.
        return b.total - a.total || (shards ? collator.compare(a.d.show[1], b.d.show[1]) || (a.d.id < b.d.id ? -1 : 1) : a.i - b.i);
      });
      var found = hits.length;
      if (shards) {
        hits = hits.slice(0, maxShown);
      }
      shown = hits.map(function (s) { return shards ? entry(s.d) : s.d.li; });
      partial = most < words.length;
      if (found === 0) {
        message = status.dataset.none;
      } else if (partial) {
        message = say(status.dataset.some, found);
      } else if (found > shown.length) {
        message = say(status.dataset.first, found, shown.length);
      } else {
        message = say(found === 1 ? status.dataset.single : status.dataset.many, found);
      }
    }
    if (shards) {
      list.replaceChildren.apply(list, shown);
    } else {
      items.forEach(function (li) {
        li.hidden = true;
      });
      shown.forEach(function (li) {
        li.hidden = false;
        list.appendChild(li); // in the order shown
      });
    }
    if (tryOther) {
      tryOther.hidden = !partial;
    }
    clearTimeout(announce);
    var update = function () {
      status.textContent = message;
      var url = new URL(location.href);
      if (input.value.trim()) {
        url.searchParams.set("q", input.value.trim());
      } else {
        url.searchParams.delete("q");
      }
      history.replaceState(null, "", url.pathname + url.search + url.hash);
    };
    if (now) {
      update();
    } else {
      announce = setTimeout(update, 700);
    }
  }

  // The note for a browser without JavaScript is not for this one, unless
  // the index cannot be read.
  if (noScript) {
    noScript.hidden = true;
  }
  // Typing filters, and the button or Enter searches in place, once the
  // index is in; Enter before that waits for it (the index's arrival runs
  // what the box holds). Without the index the form is sent as it is.
  var ready = false, failed = false;
  // With shards, every keystroke would score thousands of handouts: the
  // list follows once typing pauses for a moment instead.
  var typing = 0;
  input.addEventListener("input", function () {
    if (!ready) {
      return;
    }
    clearTimeout(typing);
    if (shards) {
      typing = setTimeout(function () { run(false); }, 150);
    } else {
      run(false);
    }
  });
  form.addEventListener("submit", function (e) {
    if (failed) {
      return;
    }
    e.preventDefault();
    clearTimeout(typing);
    if (ready) {
      run(true);
    }
  });
  var byID = {};
  items.forEach(function (li) {
    byID[li.dataset.handout] = li;
  });
  function get(url) {
    return fetch(url).then(function (r) {
      if (!r.ok) {
        throw new Error(r.status + " " + r.url);
      }
      return r.json();
    });
  }
  Promise.all((shards || [list.dataset.index]).map(get))
    .then(function (indexes) {
      indexes.forEach(function (index) {
        var names = index.fields; // ["id", "title", "keywords", ...], and "show" in a shard
        index.docs.forEach(function (e) {
          var d = { id: e[0], li: byID[e[0]], fields: [] };
          if (!d.li && !shards) {
            return;
          }
          for (var k = 1; k < names.length; k++) {
            var v = e[k];
            if (names[k] === "show") {
              d.show = v;
            } else {
              d.fields.push({ worth: worth[names[k]] || 1, phrases: Array.isArray(v) ? v : [v] });
            }
          }
          docs.push(d);
        });
      });
      // The list as the page made it: every handout searched, even one
      // the index missed (then only by its title).
      items.forEach(function (li) {
        if (!docs.some(function (d) { return d.li === li; })) {
          var a = li.querySelector("a");
          docs.push({ li: li, fields: [{ worth: worth.title, phrases: [fold(a ? a.textContent : "")] }] });
        }
      });
      docs.sort(function (a, b) { return items.indexOf(a.li) - items.indexOf(b.li); });
      ready = true;
      // What the header's search box sent, or what was typed while the
      // index loaded.
      var q = new URLSearchParams(location.search).get("q");
      if (q && !input.value) {
        input.value = q;
      }
      if (input.value || shards) {
        run(true);
      }
    })
    .catch(function () {
      // Without the index the page is as it is without JavaScript: the
      // whole list, and the note that says to use the browser's Find.
      failed = true;
      if (noScript) {
        noScript.hidden = false;
      }
    });
})();
