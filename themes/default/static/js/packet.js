// The packet made on the spot (issue 16).
//
// On a list of handouts, every entry <li data-handout="LANG:slug"> gets a
// tick box (entries added later too, as search results are), and a bar
// under the list opens the packet page with the ticked handouts in its
// fragment: /packets/custom/#h=slug,es:slug. A handout of the page's own
// language goes by its slug, one of another language by LANG:slug. The
// ticks last for this tab, across lists.
//
// The packet page fetches each handout's own page from this site, and puts
// its article after the cover, in order: each starts a new printed page
// with its own QR code, and its footer, from its page's data-footer and
// data-page-*, goes into the root element's data-footer-N and
// data-page-*-N, which the page's print.css reads.
(() => {
  "use strict";
  const put = (s, kv) => s.replace(/\{(\w+)\}/g, (m, k) => (k in kv ? kv[k] : m));
  const count = (el, n) => put(n === 1 ? el.dataset.single : el.dataset.many, { n });
  const make = (tag, props, ...kids) => {
    const el = Object.assign(document.createElement(tag), props);
    el.append(...kids);
    return el;
  };
  // NAME is a handout's name in a fragment: its language's folder and its
  // slug, the path of its file below handouts/.
  const NAME = /^([a-z]{2,3}(?:-[a-z0-9]+)*):([a-z0-9_][a-z0-9._-]*(?:\/[a-z0-9_][a-z0-9._-]*)*)$/;

  const bar = document.querySelector(".pick-bar");
  if (bar) {
    const KEY = "handouts-packet";
    const lang = bar.dataset.lang.toLowerCase();
    const status = bar.querySelector(".pick-count");
    const link = bar.querySelector(".pick-print");
    const base = link.getAttribute("href");
    const read = () => {
      try {
        return JSON.parse(sessionStorage.getItem(KEY)).filter((k) => NAME.test(k));
      } catch (e) {
        return [];
      }
    };
    let chosen = read();
    const show = () => {
      for (const box of document.querySelectorAll("li[data-handout] > .pick")) {
        box.checked = chosen.includes(box.parentNode.dataset.handout);
      }
      const words = chosen.length ? put(bar.dataset.chosen, { count: count(bar, chosen.length) }) : bar.dataset.hint;
      // Only a change is announced, and only once.
      if (status.textContent !== words) status.textContent = words;
      bar.querySelector(".pick-actions").hidden = !chosen.length;
      link.href = base + "#h=" + chosen.map((k) => (k.startsWith(lang + ":") ? k.slice(lang.length + 1) : k)).join(",");
    };
    const add = () => {
      let added = false;
      for (const li of document.querySelectorAll("li[data-handout]")) {
        const key = li.dataset.handout;
        if (li.querySelector(":scope > .pick") || !NAME.test(key)) continue;
        const box = make("input", { type: "checkbox", className: "pick" });
        box.setAttribute("aria-label", put(bar.dataset.choose, { title: (li.querySelector("a") || li).textContent.trim() }));
        box.addEventListener("change", () => {
          chosen = chosen.filter((k) => k !== key);
          if (box.checked) chosen.push(key);
          try {
            sessionStorage.setItem(KEY, JSON.stringify(chosen));
          } catch (e) {}
          show();
        });
        li.prepend(box);
        li.classList.add("pickable");
        added = true;
      }
      if (added) show();
    };
    bar.querySelector(".pick-clear").addEventListener("click", () => {
      chosen = [];
      sessionStorage.removeItem(KEY);
      show();
    });
    new MutationObserver(add).observe(document.getElementById("main"), { childList: true, subtree: true });
    // Back from the packet page: the ticks as they were left.
    addEventListener("pageshow", () => {
      chosen = read();
      show();
    });
    bar.hidden = false;
    add();
    show();
  }

  const root = document.getElementById("custom-packet");
  if (!root) return;
  const t = root.dataset;
  const html = document.documentElement;
  const main = document.getElementById("main");
  const list = root.querySelector(".custom-list");
  const missing = root.querySelector(".custom-missing");
  const bases = {};
  t.handouts.replace(/(\S+) (\S+)/g, (m, l, href) => (bases[l] = href));
  const say = (words) => {
    root.querySelector(".custom-status").textContent = words;
  };

  // The handouts the fragment names, each once, as {lang, slug, name}.
  let names = [];
  try {
    names = decodeURIComponent((/^#h=([^&]*)/.exec(location.hash) || [])[1] || "").split(",");
  } catch (e) {}
  const seen = new Set();
  const wanted = [];
  for (const name of names.map((n) => n.trim()).filter(Boolean)) {
    const m = NAME.exec(name.includes(":") ? name.toLowerCase() : t.lang + ":" + name.toLowerCase());
    const key = m ? m[0] : name;
    if (seen.has(key)) continue;
    seen.add(key);
    wanted.push({ lang: m && m[1], slug: m && m[2], name });
  }
  const over = wanted.length > +t.max;
  wanted.length = Math.min(wanted.length, +t.max);

  // fetchOne fetches a handout's page and takes its article; the page left
  // at an old address is followed once, to where it leads.
  const fetchOne = async (h) => {
    let url = h.slug && bases[h.lang] ? bases[h.lang] + h.slug + "/" : "";
    for (let hop = 0; url && hop < 2; hop++) {
      const r = await fetch(url).catch(() => null);
      if (!r || !r.ok) break;
      const doc = new DOMParser().parseFromString(await r.text(), "text/html");
      const art = doc.querySelector("article.handout");
      if (art) {
        h.art = document.adoptNode(art);
        h.art.lang = doc.documentElement.lang;
        // The footer and the page number's words, in the handout's language.
        h.foot = ["footer", "page-before", "page-between", "page-after"].map((a) => [a, doc.documentElement.getAttribute("data-" + a) || ""]);
        h.url = r.url;
        h.title = art.querySelector("h1").textContent;
        h.summary = art.querySelector(".summary")?.textContent || "";
        return;
      }
      const to = /url=(.*)/i.exec(doc.querySelector('meta[http-equiv="refresh" i]')?.content || "");
      url = to && new URL(to[1], r.url);
      if (url && url.origin !== location.origin) url = "";
    }
  };

  let found = [];
  // name is how a fragment in the language l names the handout h.
  const name = (h, l) => (!h.lang ? h.name : h.lang === l ? h.slug : h.lang + ":" + h.slug);
  const render = () => {
    for (const a of [...html.attributes]) {
      if (/^data-[a-z-]+-\d+$/.test(a.name)) html.removeAttribute(a.name);
    }
    found.forEach((h, i) => {
      h.art.dataset.printPage = i + 1;
      for (const [a, v] of h.foot) html.setAttribute(`data-${a}-${i + 1}`, v);
      list.append(h.li);
      main.append(h.art);
      h.li.querySelector("[data-step='-1']").disabled = i === 0;
      h.li.querySelector("[data-step='1']").disabled = i === found.length - 1;
    });
    const gone = wanted.filter((h) => !h.art);
    missing.querySelector("ul").replaceChildren(...gone.map((h) => make("li", { textContent: h.name })));
    missing.hidden = !gone.length;
    root.querySelector(".custom-chosen").hidden = root.querySelector(".custom-print").hidden = !found.length;
    root.querySelector(".custom-empty").hidden = !!wanted.length;
    // The address, and the other languages' packet pages, keep the order.
    const hash = (l) => "#h=" + found.concat(gone).map((h) => name(h, l)).join(",");
    if (wanted.length) history.replaceState(null, "", hash(t.lang));
    for (const a of document.querySelectorAll(".languages a[hreflang]")) {
      if (wanted.length) a.hash = hash(a.hreflang.toLowerCase());
    }
  };

  // move moves h by step (-1 up, 1 down), or removes it (0).
  const move = (h, step) => {
    const i = found.indexOf(h);
    const j = i + step;
    if (step && (j < 0 || j >= found.length)) return;
    found.splice(i, 1);
    if (step) {
      found.splice(j, 0, h);
      say(put(t.moved, { title: h.title, n: j + 1 }));
    } else {
      h.li.remove();
      h.art.remove();
      wanted.splice(wanted.indexOf(h), 1);
      say(put(t.removed, { title: h.title }));
    }
    render();
    const next = step ? h : found[Math.min(i, found.length - 1)];
    const buttons = next ? [...next.li.querySelectorAll("button")] : [];
    (buttons.find((b) => b.dataset.step === String(step) && !b.disabled) || buttons.find((b) => !b.disabled) || main).focus();
  };

  // prefix makes the ids in a handout's article its own on this page, and
  // the links and labels that name them follow.
  const prefix = (art, p) => {
    art.id = p + art.id;
    for (const el of art.querySelectorAll("[id]")) el.id = p + el.id;
    for (const el of art.querySelectorAll("[href^='#']")) el.setAttribute("href", "#" + p + el.getAttribute("href").slice(1));
    for (const attr of ["aria-labelledby", "aria-describedby"]) {
      for (const el of art.querySelectorAll(`[${attr}]`)) el.setAttribute(attr, el.getAttribute(attr).replace(/\S+/g, (id) => p + id));
    }
  };

  document.querySelector(".no-script").hidden = true;
  root.hidden = false;
  if (wanted.length) say(t.loading);
  Promise.all(wanted.map(fetchOne)).then(() => {
    found = wanted.filter((h) => h.art);
    found.forEach((h, i) => {
      prefix(h.art, "p" + (i + 1) + "-");
      const buttons = [["up", -1], ["down", 1], ["remove", 0]].map(([word, step]) => {
        const b = make("button", { type: "button", className: "small" }, t[word], make("span", { className: "visually-hidden", textContent: ": " + h.title }));
        b.dataset.step = step;
        b.addEventListener("click", () => move(h, step));
        return b;
      });
      h.li = make("li", { lang: h.art.lang },
        make("a", { href: h.url, textContent: h.title }),
        make("p", { textContent: h.summary }),
        make("span", { className: "move screen-only" }, ...buttons));
    });
    render();
    if (wanted.length) say(put(t.ready, { count: count(root, found.length) }) + (over ? " " + put(t.tooMany, { n: t.max }) : ""));
    document.dispatchEvent(new Event("handouts:assembled"));
  });
  // Another set of handouts opened on this page.
  addEventListener("hashchange", () => /^#h=/.test(location.hash) && location.reload());
})();
