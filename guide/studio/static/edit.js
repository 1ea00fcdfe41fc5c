// guide studio, part two: change the wording, add your own sections, terms and sources, upload a bibliography.
// Text is put into the page with textContent and form values only, never as markup.
"use strict";
(() => {
  const S = window.guideStudio;
  const { state, api, element, changed, say } = S;
  const $ = (id) => document.getElementById(id);
  const timers = {};
  const LEVELS = [["middle", "Middle school"], ["high", "High school"], ["college", "University"]];
  const KINDS = ["comprehension", "analysis", "essay"];
  const TYPES = [["book", "Book"], ["article-journal", "Journal article"], ["chapter", "Chapter in a book"],
    ["article-newspaper", "Newspaper article"], ["webpage", "Web page"], ["report", "Report"], ["thesis", "Thesis"]];

  const level = () => $("opt-level").value;
  const overrides = () => state.settings.overrides || {};
  function material() {
    const m = state.settings.material || {};
    ["sections", "terms", "sources"].forEach((k) => { if (!Array.isArray(m[k])) m[k] = []; });
    state.settings.material = m;
    return m;
  }
  function later(key, fn, ms = 500) { clearTimeout(timers[key]); timers[key] = setTimeout(fn, ms); }
  function slug(text, taken) {
    let base = (text || "").toLowerCase().normalize("NFKD").replace(/[\u0300-\u036f]/g, "")
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "").slice(0, 40).replace(/-+$/, "") || "mine";
    let id = base, n = 2;
    while (taken.has(id)) id = `${base}-${n++}`;
    return id;
  }
  function problems(field) { return element("ul", { class: "problems", id: "problems-" + field, "aria-live": "polite" }); }

  function markupHelp() {
    const box = element("div", { class: "markup" });
    box.append(element("p", {}, "Markup you can use:"));
    const list = element("ul");
    [["*words*", "italics"], ["**words**", "bold"], ["[[term-id]]", "a glossary term (or [[term-id|your words]])"],
      ["[@key]", "a source note (or [@key, p. 12] with a page)"]].forEach(([code, what]) => {
      const li = element("li");
      li.append(element("code", {}, code), document.createTextNode(" " + what));
      list.append(li);
    });
    box.append(list, element("p", {}, "Anything else prints exactly as you type it."));
    return box;
  }

  // A labelled text field; `onInput(value)` on every change.
  function field(id, label, value, onInput, opts = {}) {
    const wrap = element("div", { class: "field" });
    const input = opts.area ? element("textarea", { id, rows: String(opts.rows || 4) })
      : element("input", { id, type: opts.number ? "number" : "text", autocomplete: "off" });
    if (opts.number) { input.min = "0"; input.max = "60"; }
    input.value = value == null ? "" : String(value);
    input.setAttribute("aria-describedby", "problems-" + (opts.problems || id) + (opts.help ? " " + opts.help : ""));
    input.addEventListener("input", () => onInput(input.value));
    wrap.append(element("label", { for: id }, label), input);
    if (!opts.problems) wrap.append(problems(id));
    return wrap;
  }
  function button(text, onClick, what) {      // its name begins with what it shows (WCAG 2.5.3)
    const b = element("button", { type: "button" }, text);
    if (what) b.setAttribute("aria-label", `${text}: ${what}`);
    b.addEventListener("click", onClick);
    return b;
  }

  // ---------------------------------------------------------------- change the wording
  function fillWordingSections() {
    const picker = $("wording-section");
    const was = picker.value;
    picker.replaceChildren();
    state.sections.filter((s) => !s.added).forEach((s) => picker.append(element("option", { value: s.id }, s.title)));
    if (was && [...picker.options].some((o) => o.value === was)) picker.value = was;
  }

  async function loadItems() {
    const section = $("wording-section").value;
    if (!section) return;
    const { data } = await api("/api/wording", { section, level: level(), overrides: overrides() });
    if (data.ok) renderItems(data.items);
  }

  function renderItems(items) {
    const list = $("wording-items");
    const open = new Set([...list.querySelectorAll("li[data-open]")].map((li) => li.dataset.id));
    list.replaceChildren();
    items.forEach((item) => list.append(itemRow(item, open.has(item.id))));
  }

  function mark(li, overridden) {
    li.classList.toggle("changed", overridden);
    li.querySelector(".badge").hidden = !overridden;
    li.querySelector(".revert").hidden = !overridden;
  }

  function itemRow(item, open) {
    const li = element("li", { class: "item", dataset: { id: item.id } });
    const head = element("div", { class: "item-head" });
    const toggle = element("button", { type: "button", "aria-expanded": String(open), class: "open" }, item.place);
    toggle.setAttribute("aria-label", `Edit ${item.place} (${item.id})`);
    const first = String(item.fields[0].value ?? "");
    head.append(toggle, element("code", { class: "id" }, item.id), element("span", { class: "badge" }, "changed"));
    li.append(head, element("p", { class: "first-words" }, first.length > 90 ? first.slice(0, 90) + "…" : first));
    if (item.drift) {
      const box = element("div", { class: "drift", role: "note" });
      box.append(element("p", {}, "The shipped wording has changed since you reworded this. Compare the two:"),
        element("p", { class: "label" }, "Yours:"), element("blockquote", {}, String(item.drift.yours ?? "")),
        element("p", { class: "label" }, "Shipped now:"), element("blockquote", {}, String(item.drift.shipped ?? "")),
        button("Keep mine", () => setWording(item, li, true), `${item.id}`));
      li.append(box);
    }
    li.append(problems("ov-" + item.id));
    const editor = element("div", { class: "editor" });
    editor.hidden = !open;
    if (open) li.dataset.open = "1";
    item.fields.forEach((f) => {
      editor.append(field(`ov-${item.id}-${f.name}`, f.label + (f.changed ? " (yours)" : ""), f.value,
        () => later(item.id, () => setWording(item, li)),
        { area: !f.number, number: f.number, rows: f.name === "text" && item.kind === "paragraph" ? 7 : 3,
          problems: "ov-" + item.id, help: `markup-${item.id}` }));
    });
    const which = (LEVELS.find(([lv]) => lv === level()) || ["", level()])[1];
    editor.prepend(element("p", { class: "help" }, `Your wording for the ${which} edition; the other levels keep theirs.`));
    const help = markupHelp();
    help.id = `markup-${item.id}`;
    const revert = button("Revert to the shipped wording", () => revertItem(item), `${item.id}`);
    revert.classList.add("revert");
    editor.append(help);
    head.append(revert);
    li.append(editor);
    toggle.addEventListener("click", () => {
      editor.hidden = !editor.hidden;
      toggle.setAttribute("aria-expanded", String(!editor.hidden));
      if (editor.hidden) delete li.dataset.open; else { li.dataset.open = "1"; editor.querySelector("textarea, input").focus(); }
    });
    mark(li, item.overridden);
    return li;
  }

  // One change of wording at a time, each taking only its own item from the answer, so none is lost.
  let queue = Promise.resolve();
  function inTurn(fn) { queue = queue.then(fn, fn); return queue; }
  function take(iid, all) {
    const mine = { ...overrides() };
    if (iid in all) mine[iid] = all[iid]; else delete mine[iid];
    state.settings.overrides = mine;
  }

  function setWording(item, li, again) { return inTurn(() => sendWording(item, li, again)); }

  async function sendWording(item, li, again) {
    const values = {};
    item.fields.forEach((f) => { const el = $(`ov-${item.id}-${f.name}`); if (el) values[f.name] = el.value; });
    const body = { id: item.id, level: level(), values, overrides: overrides() };
    if (again) body.section = $("wording-section").value;
    const { data } = await api("/api/wording/set", body);
    if (!data.ok) { say("Not changed: " + ((data.problems || [])[0] || {}).message); return; }
    take(item.id, data.overrides);
    if (data.items) renderItems(data.items); else mark(li, item.id in data.overrides);
    changed();
  }

  function revertItem(item) { clearTimeout(timers[item.id]); return inTurn(() => sendRevert(item)); }

  async function sendRevert(item) {
    const { data } = await api("/api/wording/revert", { id: item.id, section: $("wording-section").value,
      level: level(), overrides: overrides() });
    if (!data.ok) return;
    take(item.id, data.overrides);
    renderItems(data.items);
    say(`${item.id}: the shipped wording is back.`);
    changed();
  }

  // ---------------------------------------------------------------- your own sections
  function takenIds() {
    return new Set([...state.sections.map((s) => s.id), ...material().sections.map((s) => s.id)]);
  }

  function placeSections(ids, drop) {
    const chosen = S.collect().sections.filter((id) => id !== drop);
    ids.forEach((id) => { if (!chosen.includes(id)) chosen.push(id); });
    state.settings.sections = chosen;
    S.renderSections();
    fillWordingSections();
  }

  function renderSections() {
    const box = $("own-sections");
    box.replaceChildren();
    material().sections.forEach((sec) => box.append(sectionForm(sec)));
  }

  function sectionForm(sec) {
    const fs = element("fieldset", { class: "own", dataset: { id: sec.id } });
    const legend = element("legend", {}, "Your section: " + (sec.title || sec.id));
    fs.append(legend, element("p", { class: "help" }, `Its id is ${sec.id}; tick it and move it in "Sections, in order" like any other.`));
    fs.append(field(`m-${sec.id}-title`, "Section title", sec.title, (v) => {
      sec.title = v; legend.textContent = "Your section: " + (v || sec.id);
      const label = document.querySelector(`label[for="sec-${CSS.escape(sec.id)}"]`);
      const listed = state.sections.find((s) => s.id === sec.id);
      if (listed) listed.title = v || sec.id;
      if (label) label.textContent = v || sec.id;
      later("m", changed);
    }));
    fs.append(field(`m-${sec.id}-key-question`, "Key question", sec.key_question, (v) => { sec.key_question = v; later("m", changed); }));
    sec.paragraphs = sec.paragraphs || [];
    sec.questions = sec.questions || [];
    sec.paragraphs.forEach((text, i) => {
      const n = i + 1;
      const f = field(`m-${sec.id}-p${n}`, `Paragraph ${n}`, text, (v) => { sec.paragraphs[i] = v; later("m", changed); },
        { area: true, rows: 6, help: `markup-own-${sec.id}` });
      f.append(button("Remove paragraph", () => { sec.paragraphs.splice(i, 1); renderSections(); changed(); },
        `${n} of ${sec.title || sec.id}`));
      fs.append(f);
    });
    fs.append(button("Add a paragraph", () => { sec.paragraphs.push(""); renderSections(); $(`m-${sec.id}-p${sec.paragraphs.length}`).focus(); }));
    sec.questions.forEach((q, i) => {
      const n = i + 1;
      const qs = element("fieldset", { class: "question" });
      qs.append(element("legend", {}, `Question ${n}`));
      const kindId = `m-${sec.id}-q${n}-kind`;
      const kind = element("select", { id: kindId });
      KINDS.forEach((k) => kind.append(element("option", { value: k }, k)));
      kind.value = q.kind || "comprehension";
      kind.addEventListener("change", () => { q.kind = kind.value; changed(); });
      const kf = element("div", { class: "field" });
      kf.append(element("label", { for: kindId }, "Kind"), kind);
      qs.append(kf,
        field(`m-${sec.id}-q${n}-text`, "Question", q.text, (v) => { q.text = v; later("m", changed); }, { area: true, rows: 2, help: `markup-own-${sec.id}` }),
        field(`m-${sec.id}-q${n}-answer`, "Model answer", q.answer, (v) => { q.answer = v; later("m", changed); }, { area: true, rows: 3, help: `markup-own-${sec.id}` }),
        field(`m-${sec.id}-q${n}-lines`, "Answer lines", q.lines, (v) => { q.lines = v; later("m", changed); }, { number: true }),
        button("Remove question", () => { sec.questions.splice(i, 1); renderSections(); changed(); }, `${n} of ${sec.title || sec.id}`));
      fs.append(qs);
    });
    fs.append(button("Add a question", () => { sec.questions.push({ kind: "comprehension", text: "", answer: "", lines: "4" }); renderSections(); $(`m-${sec.id}-q${sec.questions.length}-text`).focus(); }));
    const help = markupHelp();
    help.id = `markup-own-${sec.id}`;
    fs.append(help, button("Remove this section", () => {
      material().sections = material().sections.filter((s) => s !== sec);
      state.sections = state.sections.filter((s) => s.id !== sec.id);
      placeSections([], sec.id);
      renderSections();
      changed();
    }, `${sec.title || sec.id}`));
    return fs;
  }

  function addSection() {
    const title = $("new-section-title").value.trim();
    if (!title) { say("Give the new section a title first."); $("new-section-title").focus(); return; }
    const id = slug(title, takenIds());
    const sec = { id, title, key_question: "", paragraphs: [""], questions: [] };
    material().sections.push(sec);
    state.sections.push({ id, title, levels: ["middle", "high", "college"], added: true });
    placeSections([id]);
    $("new-section-title").value = "";
    renderSections();
    $(`m-${id}-p1`).focus();
    say(`Section "${title}" added (id ${id}); write its first paragraph.`);
  }

  // ---------------------------------------------------------------- glossary terms
  function renderTerms() {
    const box = $("own-terms");
    box.replaceChildren();
    material().terms.forEach((t, i) => {
      const fs = element("fieldset", { class: "own" });
      fs.append(element("legend", {}, "Term: " + (t.term || t.id)));
      const use = element("p", { class: "help" });
      use.append(document.createTextNode("Use it in your text as "), element("code", {}, `[[${t.id}]]`));
      fs.append(use, problems(`m-term-${i}`));
      const opts = { problems: `m-term-${i}` };
      fs.append(field(`term-${i}-term`, "Term", t.term, (v) => { t.term = v; later("m", changed); }, opts),
        field(`term-${i}-original`, "Russian form (optional)", t.original, (v) => { t.original = v; later("m", changed); }, opts),
        field(`term-${i}-definition`, "Definition", t.definition, (v) => { t.definition = v; later("m", changed); }, { ...opts, area: true, rows: 3 }));
      const per = element("details");
      per.append(element("summary", {}, "A definition per level (optional)"));
      LEVELS.forEach(([lv, label]) => per.append(field(`term-${i}-${lv}`, `Definition for ${label}`, t[lv],
        (v) => { t[lv] = v; later("m", changed); }, { ...opts, area: true, rows: 2 })));
      if (LEVELS.some(([lv]) => t[lv])) per.open = true;
      fs.append(per, button("Remove term", () => { material().terms.splice(i, 1); renderTerms(); changed(); }, `${t.term || t.id}`));
      box.append(fs);
    });
  }

  function addTerm() {
    const term = $("new-term").value.trim();
    if (!term) { say("Type the new term first."); $("new-term").focus(); return; }
    const id = slug(term, new Set(material().terms.map((t) => t.id)));
    material().terms.push({ id, term, original: "", definition: "" });
    $("new-term").value = "";
    renderTerms();
    $(`term-${material().terms.length - 1}-definition`).focus();
    say(`Term "${term}" added: use it in your text as [[${id}]].`);
  }

  // ---------------------------------------------------------------- sources
  function renderSources() {
    const box = $("own-sources");
    box.replaceChildren();
    material().sources.forEach((s, i) => {
      const fs = element("fieldset", { class: "own" });
      fs.append(element("legend", {}, "Source: " + (s.title || s.id || "new")));
      const use = element("p", { class: "help" });
      use.append(document.createTextNode("Cite it as "), element("code", { class: "cite" }, `[@${s.id || "key"}]`));
      fs.append(use, problems(`m-source-${i}`));
      const opts = { problems: `m-source-${i}` };
      const typeId = `source-${i}-type`;
      const type = element("select", { id: typeId });
      TYPES.forEach(([v, label]) => type.append(element("option", { value: v }, label)));
      type.value = s.type || "book";
      type.addEventListener("change", () => { s.type = type.value; changed(); });
      const tf = element("div", { class: "field" });
      tf.append(element("label", { for: typeId }, "Type"), type);
      const rekey = () => { use.querySelector("code").textContent = `[@${s.id || "key"}]`; };
      fs.append(field(`source-${i}-id`, "Cite key", s.id, (v) => { s.id = v.trim(); s.keyed = true; rekey(); later("m", changed); }, opts), tf,
        field(`source-${i}-author`, "Authors (Family, Given; …)", s.author, (v) => {
          s.author = v;
          if (!s.keyed) { s.id = autoKey(s); $(`source-${i}-id`).value = s.id; rekey(); }
          later("m", changed);
        }, opts),
        field(`source-${i}-title`, "Title", s.title, (v) => { s.title = v; later("m", changed); }, opts),
        field(`source-${i}-container`, "Journal, newspaper or book it is in", s.container, (v) => { s.container = v; later("m", changed); }, opts),
        field(`source-${i}-year`, "Year", s.year, (v) => {
          s.year = v;
          if (!s.keyed) { s.id = autoKey(s); $(`source-${i}-id`).value = s.id; rekey(); }
          later("m", changed);
        }, opts),
        field(`source-${i}-publisher`, "Publisher", s.publisher, (v) => { s.publisher = v; later("m", changed); }, opts),
        field(`source-${i}-place`, "Place of publication", s.place, (v) => { s.place = v; later("m", changed); }, opts),
        field(`source-${i}-url`, "Web address", s.url, (v) => { s.url = v; later("m", changed); }, opts),
        button("Remove source", () => { material().sources.splice(i, 1); renderSources(); changed(); }, `${s.title || s.id || "new"}`));
      box.append(fs);
    });
  }

  function autoKey(s) {
    const family = (s.author || "").split(";")[0].split(",")[0];
    return slug(family, new Set()) + "-" + ((s.year || "").match(/\d{4}/) || ["nd"])[0];
  }

  function addSource() {
    material().sources.push({ id: "", type: "book", author: "", title: "", year: "" });
    renderSources();
    $(`source-${material().sources.length - 1}-author`).focus();
  }

  // ---------------------------------------------------------------- bibliography upload
  function renderLibrary(works, note) {
    const box = $("library");
    box.replaceChildren();
    if (!material().library) return;
    box.append(element("p", {}, note || `${works.length} works; cite each with the key beside it:`));
    if (works.length) {
      const table = element("table", { class: "works" });
      const head = element("tr");
      ["Cite key", "Author", "Year", "Title"].forEach((h) => head.append(element("th", { scope: "col" }, h)));
      table.append(head);
      works.forEach((w) => {
        const tr = element("tr");
        const key = element("td");
        key.append(element("code", {}, `[@${w.key}]`));
        tr.append(key, element("td", {}, w.author || ""), element("td", {}, w.year == null ? "" : String(w.year)), element("td", {}, w.title || ""));
        table.append(tr);
      });
      box.append(table);
    }
    box.append(button("Remove the bibliography", () => { delete material().library; renderLibrary([]); changed(); }));
  }

  async function upload() {
    const input = $("bibliography-file");
    const file = input.files[0];
    if (!file) return;
    const list = $("problems-m-library");
    list.replaceChildren();
    const q = new URLSearchParams({ name: $("edition-name").value || "studio" });
    let data = {};
    const tooBig = { problems: [{ message: "the file is larger than 1 MB, the limit of an upload; export only the collection you cite" }] };
    if (file.size > 1000000) data = tooBig;
    else {
      try {
        const response = await fetch("/api/upload?" + q.toString(), { method: "POST", credentials: "same-origin",
          headers: { "X-File-Name": encodeURIComponent(file.name) }, body: file });
        data = response.status === 413 ? tooBig : await response.json();
      } catch (e) { data = { problems: [{ message: "the file could not be sent: " + e }] }; }
    }
    (data.problems || []).forEach((p) => list.append(element("li", { class: p.severity || "error" },
      (p.severity === "warning" ? "Warning: " : "Problem: ") + (p.text || p.message))));
    if (!data.ok) { say("The bibliography was not used: see the problem beside it."); return; }
    material().library = { upload: data.upload };
    renderLibrary(data.works);
    say(`${file.name}: ${data.works.length} works, cited by the keys shown.`);
    changed();
  }

  async function savedLibrary() {
    const lib = material().library;
    if (!lib || !lib.file) { renderLibrary([]); return; }
    const { data } = await api("/api/library", { name: lib.edition || $("edition-name").value, file: lib.file });
    renderLibrary(data.works || [], data.ok ? undefined : "The saved bibliography cannot be read.");
  }

  function refresh() {
    fillWordingSections();
    loadItems();
    renderSections();
    renderTerms();
    renderSources();
    savedLibrary();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("wording-section").addEventListener("change", loadItems);
    $("opt-level").addEventListener("change", () => later("levels", () => { fillWordingSections(); loadItems(); }, 800));
    $("add-section").addEventListener("click", addSection);
    $("add-term").addEventListener("click", addTerm);
    $("add-source").addEventListener("click", addSource);
    $("bibliography-file").addEventListener("change", upload);
    [["new-section-title", addSection], ["new-term", addTerm]].forEach(([id, fn]) =>
      $(id).addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); fn(); } }));
    $("settings").addEventListener("submit", (e) => e.preventDefault());
  });
  document.addEventListener("studio:filled", refresh);
})();
