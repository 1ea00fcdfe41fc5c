// guide studio: the page's behaviour. Text from the server is put into the page with textContent only.
"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const state = { settings: {}, sections: [], stamp: null, building: false, dirty: false, build: null, timer: null };
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

  function showBuild(data) {
    const pages = $("pages");
    pages.replaceChildren();
    state.build = data.build;
    $("preview-info").textContent = `${data.pages} pages, built in ${data.seconds} s (build ${data.build}).`;
    const link = $("download");
    link.href = `/api/build/${encodeURIComponent(data.build)}/edition.pdf?name=${encodeURIComponent($("edition-name").value || "edition")}`;
    link.removeAttribute("aria-disabled");
    const width = Math.min(900, Math.max(300, pages.clientWidth - 24));
    for (let n = 1; n <= data.pages; n++) {
      const img = element("img", { src: `/api/build/${encodeURIComponent(data.build)}/page/${n}.png?width=${width}`,
        alt: `Page ${n} of ${data.pages} (build ${data.build})`, loading: n <= 2 ? "eager" : "lazy",
        dataset: { build: data.build, page: String(n) } });
      pages.append(img);
    }
  }

  async function rebuild() {
    if (state.building) { state.dirty = true; return; }
    state.building = true;
    say("Building the preview…");
    const { data } = await api("/api/preview", { name: $("edition-name").value || "studio", settings: collect() });
    state.building = false;
    showProblems(data.problems);
    if (data.ok) { showBuild(data); say("Preview up to date."); }
    else say("The edition has problems (shown beside the fields); the preview shows the last good build.");
    if (state.dirty) { state.dirty = false; rebuild(); }
  }

  function changed() {
    clearTimeout(state.timer);
    state.timer = setTimeout(rebuild, 400);
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
    if (data.shipped && confirm("This is the content shipped with guide, which an update replaces. Copy it to ./content (guide init) and save there?")) {
      const made = await api("/api/init", {});
      if (made.data.ok) return save(force);
    }
    showProblems(data.problems);
    say("Not saved: " + ((data.problems || [])[0] || {}).message);
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
    load(document.body.dataset.edition);
  });
})();
