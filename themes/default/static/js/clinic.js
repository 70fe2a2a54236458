// The clinic's own details on every printed sheet (issue 16).
//
// A clinic enters its details on the clinic page. They stay in this
// browser: in sessionStorage (this tab only), or in localStorage when
// "Remember on this computer" is ticked. They fill the "Your care team" box
// of every handout and packet shown here, on screen and on paper, in place
// of the site's own clinic setting, always as text. Nothing is sent
// anywhere: no request carries them and no cookie is set. A link to the
// clinic page can carry them in its fragment, which browsers never send.
(() => {
  "use strict";
  const KEY = "handouts-clinic";
  // The longest each detail may be, in characters.
  const MAX = { name: 80, phone: 30, hours: 120, urgent: 30, url: 200 };
  const FIELDS = Object.keys(MAX);

  // store is localStorage or sessionStorage, or null where the browser
  // refuses storage.
  const store = (local) => {
    try {
      return local ? localStorage : sessionStorage;
    } catch (e) {
      return null;
    }
  };

  // line makes a value one line of plain text of at most max characters.
  const line = (v, max) =>
    Array.from(String(v || "").replace(/[\s\u0000-\u001f\u007f-\u009f]+/g, " ").trim())
      .slice(0, max).join("").trim();

  // tel is the tel: address of a phone number (digits, spaces, + ( ) - . /
  // and an extension), or "" when v is not one.
  const tel = (v) => {
    const m = /^(\+?[\d\s().\/-]+?)\s*(?:(?:ext|x)\.?\s*(\d{1,6}))?$/i.exec(v);
    const digits = m ? m[1].replace(/\D/g, "") : "";
    if (digits.length < 3 || digits.length > 15) return "";
    return "tel:" + (m[1][0] === "+" ? "+" : "") + digits + (m[2] ? ";ext=" + m[2] : "");
  };

  // web is the address of a website written with or without https://, or
  // "" when v is not one.
  const web = (v) => {
    try {
      const u = new URL(/^https?:\/\//i.test(v) ? v : "https://" + v);
      if (/^https?:$/.test(u.protocol) && u.hostname.includes(".") && !u.username && !u.password) return u.href;
    } catch (e) {}
    return "";
  };

  // check returns the details in d that may be shown, each a line of text,
  // and the names of those that are not what they should be.
  const check = (d) => {
    const ok = {};
    const bad = [];
    for (const k of FIELDS) {
      const v = line(d && d[k], MAX[k]);
      if (!v) continue;
      if ((k === "phone" || k === "urgent") && !tel(v) || k === "url" && !web(v)) bad.push(k);
      else ok[k] = v;
    }
    return { ok, bad };
  };
  const none = (d) => !d || !FIELDS.some((k) => d[k]);

  // load returns the details this browser keeps, this tab's first, and
  // whether they are kept on this computer.
  const load = () => {
    for (const local of [false, true]) {
      try {
        const d = check(JSON.parse(store(local).getItem(KEY))).ok;
        if (!none(d)) return { d, local };
      } catch (e) {}
    }
    return { d: null, local: false };
  };

  // save keeps d in this tab, or on this computer when local; none clears.
  const save = (d, local) => {
    for (const l of [false, true]) {
      try {
        store(l).removeItem(KEY);
        if (!none(d) && l === local) store(l).setItem(KEY, JSON.stringify(d));
      } catch (e) {}
    }
  };

  // fill shows the details d, or the site's own when d is null, in every
  // care-team box in root.
  const fill = (root, d) => {
    for (const box of root.querySelectorAll(".care-team")) {
      const site = box.querySelector(".clinic-site");
      const tpl = box.querySelector("template.clinic-fill");
      box.querySelector(".clinic-local")?.remove();
      if (site) site.hidden = !!d;
      // A line to write on for what neither the browser nor the site gives.
      for (const row of box.querySelectorAll("[data-blank]")) {
        row.hidden = d ? !!d[row.dataset.blank] : row.hasAttribute("data-site");
      }
      if (box.classList.contains("cover-clinic")) box.hidden = !d && !site;
      if (!d || !tpl) continue;
      const mine = tpl.content.firstElementChild.cloneNode(true);
      for (const k of FIELDS) {
        const v = mine.querySelector(`[data-v="${k}"]`);
        if (!d[k]) {
          mine.querySelector(`[data-r="${k}"]`).remove();
          continue;
        }
        v.textContent = k === "url" ? web(d[k]).replace(/^https?:\/\/|\/$/g, "") : d[k];
        if (v.tagName === "A") v.href = k === "url" ? web(d[k]) : tel(d[k]);
      }
      box.querySelector("h2").after(mine);
    }
  };

  let kept = load();
  const form = document.getElementById("clinic-form");
  if (form) {
    const $ = (id) => document.getElementById("clinic-" + id);
    const say = (word) => {
      $("status").textContent = form.dataset[word];
    };
    const show = () => {
      for (const k of FIELDS) $(k).value = kept.d?.[k] || "";
      $("remember").checked = kept.local;
    };
    // read returns the form's details, or null after marking what is wrong.
    const read = () => {
      const raw = {};
      for (const k of FIELDS) raw[k] = $(k).value;
      const { ok, bad } = check(raw);
      for (const k of ["phone", "urgent", "url"]) {
        const input = $(k);
        const error = $(k + "-error");
        error.hidden = !bad.includes(k);
        input.setAttribute("aria-invalid", !error.hidden);
        input.setAttribute("aria-describedby", (error.hidden ? "" : error.id + " ") + input.dataset.hint);
      }
      if (!bad.length) return ok;
      $(bad[0]).focus();
      say("notSaved");
      return null;
    };

    // A link with the details in its fragment sets them for this tab, and
    // leaves the address bar without them.
    const given = new URLSearchParams(location.hash.slice(1));
    if (FIELDS.some((k) => given.has(k))) {
      history.replaceState(null, "", location.pathname + location.search);
      const d = check(Object.fromEntries(given)).ok;
      if (!none(d)) {
        kept = { d, local: false };
        save(d, false);
        say("fromLink");
      }
    }
    for (const k of FIELDS) {
      $(k).maxLength = MAX[k];
      $(k).dataset.hint = $(k).getAttribute("aria-describedby") || "";
    }
    show();

    form.addEventListener("submit", (e) => {
      e.preventDefault();
      const d = read();
      if (!d) return;
      kept = { d: none(d) ? null : d, local: $("remember").checked };
      save(kept.d, kept.local);
      fill(document, kept.d);
      show();
      say(!kept.d ? "cleared" : kept.local ? "savedHere" : "savedTab");
    });
    $("copy").addEventListener("click", () => {
      const d = read();
      if (!d) return;
      const link = $("link");
      link.value = location.origin + location.pathname + "#" + new URLSearchParams(d);
      $("link-box").hidden = false;
      navigator.clipboard.writeText(link.value).then(() => say("copied"), () => {
        link.select();
        say("copyYourself");
      });
    });
    $("clear").addEventListener("click", () => {
      kept = { d: null, local: false };
      save(null);
      show();
      read();
      fill(document, null);
      $("link-box").hidden = true;
      say("cleared");
    });
    document.querySelector(".no-script").hidden = true;
    form.hidden = false;
  }

  fill(document, kept.d);
  // Another tab saved or cleared details kept on this computer.
  addEventListener("storage", (e) => {
    if (e.key === KEY || e.key === null) fill(document, (kept = load()).d);
  });
  // The packet made on the spot has put its handouts on the page.
  document.addEventListener("handouts:assembled", () => fill(document, kept.d));
})();
