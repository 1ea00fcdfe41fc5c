// guide studio: the page's behaviour. Text from the server is put into the page with textContent only.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const state = { settings: {}, sections: [], stamp: null, building: false, dirty: false, build: null, timer: null, quick: null, last: null };
  const TEXT = ["title", "subtitle", "instructor", "course", "period", "school", "date"];

  async function api(path, body) {
    const init = body === undefined ? {} : {
      method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
    const response = await fetch(path, { credentials: "same-origin", ...init });
    let data = {};
    try { data = await response.json(); } catch (e) { data = { problems: [{ text: response.statusText }] }; }
    return { status: response.status, data };
  }

  function say(text) { $("status").textContent = text; }

  function element(tag, props = {}, text) {
    const el = document.createElement(tag);
    Object.entries(props).forEach(([k, v]) => { if (k === "dataset") Object.assign(el.dataset, v); else el.setAttribute(k, v); });
    if (text !== undefined) el.textContent = text;
    return el;
  }

  function collect() {
    const s = {};
    document.querySelectorAll("#settings select[name]").forEach((el) => { s[el.name] = el.value; });
    document.querySelectorAll("#settings input[type=checkbox][name]").forEach((el) => { s[el.name] = el.checked; });
    TEXT.forEach((name) => { const el = $("opt-" + name); if (el && el.value.trim()) s[name] = el.value.trim(); });
    s.sections = [...document.querySelectorAll("#sections li")]
      .filter((li) => li.querySelector("input").checked).map((li) => li.dataset.id);
    const omit = (state.settings.omit || []).filter((id) => !document.querySelector(`[data-part="${CSS.escape(id)}"]`));
    document.querySelectorAll("[data-part]").forEach((el) => { if (el.checked) omit.push(el.dataset.part); });
    if (omit.length) s.omit = omit;
    ["add", "overrides", "material"].forEach((k) => { if (state.settings[k]) s[k] = state.settings[k]; });
    return s;
  }

  function renderSections() {
    const list = $("sections");
    list.replaceChildren();
    const chosen = state.settings.sections || state.sections.map((s) => s.id);
    const order = [...chosen, ...state.sections.map((s) => s.id).filter((id) => !chosen.includes(id))];
    order.forEach((id) => {
      const sec = state.sections.find((s) => s.id === id);
      if (!sec) return;
      const li = element("li", { dataset: { id } });
      const box = element("input", { type: "checkbox", id: "sec-" + id });
      box.checked = chosen.includes(id);
      const label = element("label", { for: "sec-" + id }, sec.title);
      const up = element("button", { type: "button", "aria-label": "Move up: " + sec.title }, "Move up");
      const down = element("button", { type: "button", "aria-label": "Move down: " + sec.title }, "Move down");
      up.addEventListener("click", () => { if (li.previousElementSibling) { list.insertBefore(li, li.previousElementSibling); up.focus(); changed(); } });
      down.addEventListener("click", () => { if (li.nextElementSibling) { list.insertBefore(li.nextElementSibling, li); down.focus(); changed(); } });
      box.addEventListener("change", changed);
      li.append(box, label, up, down);
      list.append(li);
    });
  }

  function fill(settings) {
    state.settings = settings;
    document.querySelectorAll("#settings select[name]").forEach((el) => { if (settings[el.name]) el.value = settings[el.name]; });
    document.querySelectorAll("#settings input[type=checkbox][name]").forEach((el) => { el.checked = !!settings[el.name]; });
    TEXT.forEach((name) => { const el = $("opt-" + name); if (el) el.value = settings[name] || ""; });
    document.querySelectorAll("[data-part]").forEach((el) => { el.checked = (settings.omit || []).includes(el.dataset.part); });
    renderSections();
    document.dispatchEvent(new CustomEvent("studio:filled"));      // edit.js shows the wording and material
  }

  function showProblems(problems) {
    document.querySelectorAll(".problems").forEach((ul) => ul.replaceChildren());
    (problems || []).forEach((p) => {
      const list = $("problems-" + (p.field || "")) || $("problems-other");
      const li = element("li", { class: p.severity || "error" }, (p.severity === "warning" ? "Warning: " : "Problem: ") +
        (p.message || p.text) + (p.hint ? " (" + p.hint + ")" : ""));
      list.append(li);
    });
  }

  function pageImages(build, pages, label, aspect) {
    const list = $("pages");
    list.replaceChildren();
    const columns = getComputedStyle(list).gridTemplateColumns.split(" ").length;
    const shown = Math.max(200, (list.clientWidth - 16 * (columns - 1)) / columns);
    const width = Math.round(Math.min(1600, shown * (window.devicePixelRatio || 1)));
    for (let n = 1; n <= pages; n++) {
      const img = element("img", { src: `/api/build/${encodeURIComponent(build)}/page/${n}.png?width=${width}`,
        alt: `${label(n)} (build ${build})`, loading: n <= 3 ? "eager" : "lazy", width: String(width),
        height: String(Math.round(width * (aspect || 1.294))), dataset: { build, page: String(n) } });
      list.append(img);
    }
  }

  function showPage(img) {
    // scroll the preview so that the page's top is just below the preview's sticky heading
    const preview = $("preview"), head = preview.querySelector(".preview-head");
    preview.scrollTop += img.getBoundingClientRect().top - preview.getBoundingClientRect().top - head.offsetHeight - 8;
  }

  function showFirst(data) {
    // the changed section alone, while the whole guide is built: marked as such, never taken for the whole
    state.quick = data.build;
    $("pages").dataset.kind = "section";
    $("preview-info").textContent = `The changed section, laid out alone (${data.pages} pages in ${data.seconds} s, ` +
      `build ${data.build}; its page numbers count from 1); the whole guide is being built.`;
    pageImages(data.build, data.pages, (n) => `Changed section, page ${n} of ${data.pages}`, data.aspect);
    $("preview").scrollTop = 0;
  }

  function showBuild(data) {
    state.build = data.build;
    $("pages").dataset.kind = "whole";
    $("preview-info").textContent = `${data.pages} pages, built in ${data.seconds} s (build ${data.build}).`;
    const name = encodeURIComponent($("edition-name").value || "edition");
    const base = `/api/build/${encodeURIComponent(data.build)}`;
    const link = $("download");
    link.href = `${base}/edition.pdf?name=${name}`;
    link.removeAttribute("aria-disabled");
    document.querySelectorAll("[data-download]").forEach((a) => {
      a.hidden = !(data.downloads || []).includes(a.dataset.download);
      a.href = `${base}/download/${a.dataset.download}?name=${name}`;
    });
    pageImages(data.build, data.pages, (n) => `Page ${n} of ${data.pages}`, data.aspect);
    const first = document.querySelector(`#pages img[data-page="${data.first || 1}"]`);
    if (state.quick && state.last && first) showPage(first);
    state.quick = null;
  }

  async function rebuild() {
    if (state.building) { state.dirty = true; return; }
    state.building = true;
    const name = $("edition-name").value || "studio", settings = collect();
    say("Building the preview…");
    const first = await api("/api/preview", { name, settings, first: true });
    if (first.data.ok && !state.dirty) { showFirst(first.data); say("Building the whole guide…"); }
    const { data } = state.dirty ? { data: null } : await api("/api/preview", { name, settings });
    state.building = false;
    if (data) {
      showProblems(data.problems);
      if (data.ok) { showBuild(data); say("Preview up to date."); }
      else {
        if (state.quick && state.build) showBuild(state.last);
        say("The edition has problems (shown beside the fields); the preview shows the last good build.");
      }
      if (data.ok) state.last = data;
    }
    if (state.dirty) { state.dirty = false; rebuild(); }
  }

  // A choice or a tick is one change: built at once (a click that follows soon joins it). Typing waits for a pause.
  const QUICK_MS = 100, TYPING_MS = 500;
  function changed(event) {
    clearTimeout(state.timer);
    state.timer = setTimeout(rebuild, event && event.type === "input" ? TYPING_MS : QUICK_MS);
  }

  async function load(name) {
    const q = new URLSearchParams();
    if (name) q.set("edition", name);
    const { data } = await api("/api/state?" + q.toString());
    state.sections = data.sections || [];
    state.stamp = data.stamp;
    const picker = $("edition-picker");
    picker.replaceChildren(element("option", { value: "" }, "(a new edition)"));
    (data.editions || []).forEach((e) => picker.append(element("option", { value: e }, e)));
    picker.value = data.edition || "";
    $("edition-name").value = data.edition || name || "";
    fill(data.settings || {});
    rebuild();
  }

  async function save(force) {
    const name = $("edition-name").value.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) { say("Give the edition a name: letters, digits, - and _."); $("edition-name").focus(); return; }
    const { status, data } = await api("/api/save", { name, settings: collect(), stamp: state.stamp, force: !!force });
    if (data.ok) { state.stamp = data.stamp; say(`Saved ${data.file}. Build it with: guide build ${name}`); return; }
    if (status === 409 && confirm("The file was changed on disk since you opened it. Replace it?")) return save(true);
    if (data.shipped && await offerInit()) return save(force);
    showProblems(data.problems);
    say("Not saved: " + ((data.problems || [])[0] || {}).message);
  }

  async function offerInit() {
    if (!confirm("This is the content shipped with guide, which an update replaces. Copy it to ./content (guide init) and save there?")) return false;
    const made = await api("/api/init", {});
    return !!made.data.ok;
  }

  function openNew() {
    const from = $("new-from");
    from.replaceChildren(element("option", { value: "" }, "Nothing: a fresh edition"));
    [...$("edition-picker").options].filter((o) => o.value).forEach((o) => from.append(element("option", { value: o.value }, "A copy of " + o.value)));
    from.value = $("edition-picker").value;
    $("new-problems").replaceChildren();
    $("new-dialog").showModal();
    $("new-name").focus();
  }

  async function createNew(event) {
    event.preventDefault();
    const name = $("new-name").value.trim();
    const problems = $("new-problems");
    problems.replaceChildren();
    if (!/^[A-Za-z0-9][A-Za-z0-9_-]*$/.test(name)) {
      problems.append(element("li", { class: "error" }, "Problem: give a name of letters, digits, - and _ (for example period3)."));
      $("new-name").focus();
      return;
    }
    const request = { name, from: $("new-from").value, level: $("new-level").value };
    let { data } = await api("/api/new", request);
    if (!data.ok && data.shipped && await offerInit()) ({ data } = await api("/api/new", request));
    if (!data.ok) {
      (data.problems || []).forEach((p) => problems.append(element("li", { class: "error" }, "Problem: " + (p.message || p.text))));
      $("new-name").focus();
      return;
    }
    $("new-dialog").close();
    say(`Made content/editions/${data.edition}.yaml.`);
    state.last = null;
    await load(data.edition);
    $("edition-picker").focus();
  }

  async function retitle() {
    // the section labels show the titles at the level chosen
    const q = new URLSearchParams({ level: $("opt-level").value });
    if ($("edition-picker").value) q.set("edition", $("edition-picker").value);
    const { data } = await api("/api/state?" + q.toString());
    (data.sections || []).forEach((sec) => {
      const label = document.querySelector(`label[for="sec-${CSS.escape(sec.id)}"]`);
      if (!label) return;
      label.textContent = sec.title;
      const li = label.parentElement;
      li.querySelector("button:nth-of-type(1)").setAttribute("aria-label", "Move up: " + sec.title);
      li.querySelector("button:nth-of-type(2)").setAttribute("aria-label", "Move down: " + sec.title);
    });
    state.sections = data.sections || state.sections;
  }

  window.guideStudio = { state, api, element, changed, say, collect, renderSections };   // for edit.js
  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("#settings select, #settings input").forEach((el) => { if (!el.closest(".edit")) el.addEventListener("change", changed); });
    $("opt-level").addEventListener("change", retitle);
    TEXT.forEach((name) => { const el = $("opt-" + name); if (el) el.addEventListener("input", changed); });
    $("edition-picker").addEventListener("change", (e) => load(e.target.value));
    $("save").addEventListener("click", () => save(false));
    $("new-edition").addEventListener("click", openNew);
    $("new-form").addEventListener("submit", createNew);
    $("new-cancel").addEventListener("click", () => { $("new-dialog").close(); $("new-edition").focus(); });
    load(document.body.dataset.edition);
  });
})();
