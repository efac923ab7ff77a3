// Comparison report page script: kabupaten drill-down and indicator browser over the data embedded
// in #report-data (shape: pipeline/report_data.py). No network: the data is inflated in the page.
(function () {
  "use strict";
  const $ = (id) => document.getElementById(id);
  const VARIANT_COLOURS = ["#2c7a3f", "#c0392b", "#8e44ad", "#d35400", "#2471a3", "#7f8c8d"];
  const MAX_HITS = 50;

  function h(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") node.className = v;
      else if (k === "data") Object.assign(node.dataset, v);
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c instanceof Node ? c : String(c ?? ""));
    return node;
  }

  async function inflate(b64) {
    const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return JSON.parse(await new Response(stream).text());
  }

  function heatColour(n, top) {
    if (!n) return "#f4f4f4";
    const t = 0.15 + 0.85 * Math.sqrt(n / top);
    const lo = [222, 235, 247], hi = [8, 48, 107];
    return "rgb(" + lo.map((a, i) => Math.round(a + (hi[i] - a) * t)).join(",") + ")";
  }

  function variantBadge(v) {
    if (v < 0) return h("span", { class: "note" }, "no formula");
    const label = String.fromCharCode(65 + Math.min(v, 25));
    return h("span", { class: "variant", style: "background:" + VARIANT_COLOURS[v % VARIANT_COLOURS.length] }, label);
  }

  function start(D) {
    const kabByName = new Map(D.kab.map((k, i) => [k[0], i]));
    const kecOfKab = D.kab.map(() => []);
    D.kec.forEach((k, i) => kecOfKab[k[2]].push(i));
    let chosenKab = -1;

    function commonIndicators(kab) {
      const members = new Set(kecOfKab[kab]);
      if (members.size < 2) return [];
      return D.ind.filter((ind) => {
        let n = 0;
        for (let j = 0; j < ind[3].length; j += 6) if (members.has(ind[3][j])) n++;
        return n === members.size;
      });
    }

    function drill(kab) {
      chosenKab = kab;
      const box = $("drilldown");
      box.replaceChildren();
      document.querySelectorAll("#rollup-kabupaten tr.chosen").forEach((tr) => tr.classList.remove("chosen"));
      if (kab < 0) return;
      const [name, kode, provinsi] = D.kab[kab];
      $("kabupaten-select").value = name;
      document.querySelectorAll("#rollup-kabupaten tr[data-kabupaten]").forEach((tr) => {
        if (tr.dataset.kabupaten === name) tr.classList.add("chosen");
      });
      const members = kecOfKab[kab];
      const top = Math.max(1, ...members.flatMap((i) => D.kec[i][5]));
      const head = h("tr", {}, ...["kecamatan", "kode", "documents", "tahun"].map((t) => h("th", {}, t)),
        ...D.families.map((f) => h("th", { class: "family" }, f)), h("th", {}, "distinct"), h("th", {}, "shared"), h("th", {}, "unique"));
      const rows = members.map((i) => {
        const k = D.kec[i];
        return h("tr", { data: { kecamatan: k[0] } }, h("td", {}, k[0]), h("td", {}, k[1]), h("td", { class: "n" }, k[3]),
          h("td", {}, k[4]),
          ...k[5].map((n) => h("td", { class: "heat", style: "background:" + heatColour(n, top) + (n / top > 0.3 ? ";color:#fff" : "") }, n || "–")),
          h("td", { class: "n" }, k[6]), h("td", { class: "n" }, k[7]), h("td", { class: "n" }, k[8]));
      });
      const common = commonIndicators(kab);
      box.append(
        h("h3", {}, name + (kode ? " (" + kode + ")" : "") + ", " + provinsi + ": " + members.length + " kecamatan"),
        h("table", { id: "drilldown-table" }, head, ...rows),
        h("p", {}, members.length > 1
          ? common.length + " indicators stated by every kecamatan of " + name + (common.length ? ":" : ".")
          : "One kecamatan: nothing to share."),
        h("ol", { id: "drilldown-common" }, ...common.slice(0, 30).map((ind) =>
          h("li", {}, h("button", { class: "hit", type: "button", data: { key: ind[0] } }, ind[1]), " ", h("small", {}, ind[0])))));
    }

    function matches(query) {
      const q = query.trim().toLowerCase();
      if (!q) return [];
      const exact = D.ind.filter((ind) => ind[0].toLowerCase() === q);
      if (exact.length) return exact;
      const words = q.split(/\s+/);
      const inKab = $("browser-in-kabupaten").checked && chosenKab >= 0 ? new Set(kecOfKab[chosenKab]) : null;
      return D.ind.filter((ind) => {
        const text = ind[1].toLowerCase();
        if (!(ind[0].toLowerCase().startsWith(q) || words.every((w) => text.includes(w)))) return false;
        if (!inKab) return true;
        for (let j = 0; j < ind[3].length; j += 6) if (inKab.has(ind[3][j])) return true;
        return false;
      });
    }

    function showIndicator(ind) {
      const box = $("indicator-detail");
      const inKab = $("browser-in-kabupaten").checked && chosenKab >= 0 ? new Set(kecOfKab[chosenKab]) : null;
      const s = (i) => (i < 0 ? "" : D.s[i]);
      const occ = [];
      for (let j = 0; j < ind[3].length; j += 6) {
        const o = ind[3].slice(j, j + 6);
        if (!inKab || inKab.has(o[0])) occ.push(o);
      }
      const rank = (v) => (v < 0 ? 1e9 : v);
      occ.sort((a, b) => rank(b[5]) - rank(a[5]) || D.kec[a[0]][2] - D.kec[b[0]][2] || a[0] - b[0]);
      const counts = new Map();
      occ.forEach((o) => counts.set(o[5], (counts.get(o[5]) || 0) + 1));
      const head = h("tr", {}, ...["kecamatan", "kabupaten", "provinsi", "formula", "numerator", "denominator",
        "measure", "variant"].map((t) => h("th", {}, t)));
      const rows = occ.map((o) => {
        const k = D.kec[o[0]], kab = D.kab[k[2]];
        return h("tr", { class: o[5] > 0 ? "differs" : "", data: { kecamatan: k[0], variant: o[5] } },
          h("td", {}, k[0]), h("td", {}, kab[0]), h("td", {}, kab[2]), h("td", { class: "formula" }, s(o[1])),
          h("td", {}, s(o[2])), h("td", {}, s(o[3])), h("td", {}, s(o[4])), h("td", {}, variantBadge(o[5])));
      });
      const legend = [...counts.entries()].filter(([v]) => v >= 0).sort((a, b) => a[0] - b[0])
        .map(([v, n]) => [variantBadge(v), " " + n + " kecamatan  "]).flat();
      box.replaceChildren(
        h("h3", {}, ind[1]),
        h("p", { id: "indicator-summary" }, ind[0] + ": " + occ.length + " kecamatan, " + ind[2] +
          " formula variant(s) in the selection" + (ind[2] > 1 ? "; rows whose formula differs from A are marked" : "") + ". "),
        h("p", {}, ...legend),
        h("table", { id: "indicator-table" }, head, ...rows));
    }

    function search() {
      const hits = matches($("indicator-search").value);
      const box = $("indicator-results");
      box.replaceChildren();
      $("indicator-detail").replaceChildren();
      box.dataset.query = "";
      if (!$("indicator-search").value.trim()) return;
      box.append(h("p", { id: "indicator-count" }, hits.length + " indicator(s) match" + (hits.length > MAX_HITS ? ", the " + MAX_HITS + " most widespread shown" : "")));
      box.append(h("ol", {}, ...hits.slice(0, MAX_HITS).map((ind) => h("li", {},
        h("button", { class: "hit", type: "button", data: { key: ind[0] } }, ind[1]),
        " ", h("small", {}, ind[0] + " · " + ind[3].length / 6 + " kecamatan · " + ind[2] + " variant(s)")))));
      if (hits.length === 1) showIndicator(hits[0]);
      box.dataset.query = $("indicator-search").value;  // which search the results answer
    }

    const byKey = new Map(D.ind.map((ind) => [ind[0], ind]));
    document.addEventListener("click", (ev) => {
      const t = ev.target.closest("button");
      if (!t) return;
      if (t.classList.contains("kab")) drill(kabByName.get(t.closest("tr").dataset.kabupaten));
      else if (t.classList.contains("prov")) filterProvinsi(t.closest("tr").dataset.provinsi);
      else if (t.classList.contains("all")) filterProvinsi("");
      else if (t.classList.contains("hit")) {
        $("indicator-search").value = t.dataset.key;
        search();
        showIndicator(byKey.get(t.dataset.key));
        $("browser").scrollIntoView();
      }
    });

    function filterProvinsi(name) {
      document.querySelectorAll("#rollup-kabupaten tr[data-kabupaten]").forEach((tr) => {
        tr.hidden = name !== "" && tr.dataset.provinsi !== name;
      });
      $("kabupaten-filter").textContent = name ? "in " + name + " " : "";
      if (name) $("kabupaten-filter").append(h("button", { class: "all", type: "button" }, "(all)"));
    }
    $("kabupaten-select").addEventListener("change", (ev) => drill(ev.target.value ? kabByName.get(ev.target.value) : -1));
    let timer = 0;
    $("indicator-search").addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(search, 150); });
    $("browser-in-kabupaten").addEventListener("change", search);
    document.body.dataset.ready = "true";
  }

  inflate($("report-data").textContent.trim()).then(start, (err) => {
    document.body.dataset.ready = "error";
    document.body.prepend(h("p", { class: "note" }, "The report's data could not be read: " + err));
  });
})();
