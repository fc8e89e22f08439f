// Pick people, companies and records by name wherever a record id is asked.
//
// Any <input data-picker="one|many"> (the id field, which keeps working without script) gets
// a name box beside it: typed in any script, it asks /suggest (the search page's search, so
// the gate and the audit apply) and lists the records found; choosing one puts its id in the
// field (appended, comma-separated, for "many") and shows its name. The suggestions are an
// ARIA combobox: arrows move, Enter chooses, Escape closes. Plain JS served by the app (the
// page's content security policy allows only same-origin scripts).
(function () {
  "use strict";

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      var args = arguments;
      clearTimeout(timer);
      timer = setTimeout(function () { fn.apply(null, args); }, ms);
    };
  }

  function setup(field, n) {
    var many = field.dataset.picker === "many";
    var listId = "picker-list-" + n;
    var box = document.createElement("div");
    box.className = "picker";
    var label = document.createElement("label");
    label.htmlFor = "picker-" + n;
    label.textContent = field.dataset.pickerLabel || "";
    var input = document.createElement("input");
    input.id = "picker-" + n;
    input.type = "text";
    input.dir = "auto";
    input.autocomplete = "off";
    input.className = "picker-name";
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listId);
    var list = document.createElement("ul");
    list.id = listId;
    list.className = "picker-list";
    list.setAttribute("role", "listbox");
    list.hidden = true;
    var status = document.createElement("p");
    status.className = "picker-status muted";
    status.setAttribute("aria-live", "polite");
    var chosen = document.createElement("ul");
    chosen.className = "picker-chosen plain";
    box.appendChild(label); box.appendChild(input); box.appendChild(list);
    box.appendChild(status); box.appendChild(chosen);
    field.insertAdjacentElement("afterend", box);

    var rows = [];
    var active = -1;

    function close() {
      list.hidden = true; list.textContent = ""; rows = []; active = -1;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
    }

    function ids() {
      return field.value.split(",").map(function (s) { return s.trim(); })
        .filter(function (s) { return s; });
    }

    function choose(row) {
      if (many) {
        var now = ids();
        if (now.indexOf(row.id) < 0) { now.push(row.id); }
        field.value = now.join(", ");
      } else {
        field.value = row.id;
        chosen.textContent = "";
      }
      var li = document.createElement("li");
      var name = document.createElement("bdi");
      name.textContent = row.caption || row.id;
      var meta = document.createElement("span");
      meta.className = "muted"; meta.dir = "ltr";
      meta.textContent = " " + row.owner + " · " + row.id;
      li.appendChild(name); li.appendChild(meta);
      li.dataset.id = row.id;
      chosen.appendChild(li);
      input.value = "";
      status.textContent = field.dataset.msgChosen || "";
      close();
      field.dispatchEvent(new Event("change", { bubbles: true }));
    }

    function mark(i) {
      var items = list.querySelectorAll("[role=option]");
      items.forEach(function (el, k) { el.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (i >= 0 && items[i]) { input.setAttribute("aria-activedescendant", items[i].id); }
    }

    function show(found) {
      close();
      rows = found;
      if (!found.length) { status.textContent = field.dataset.msgNone || ""; return; }
      status.textContent = "";
      found.forEach(function (row, k) {
        var li = document.createElement("li");
        li.id = listId + "-" + k;
        li.setAttribute("role", "option");
        li.setAttribute("aria-selected", "false");
        li.dataset.id = row.id;
        var name = document.createElement("bdi");
        name.textContent = row.caption || row.id;
        var meta = document.createElement("span");
        meta.className = "muted"; meta.dir = "ltr";
        meta.textContent = " " + row.owner + " · " + row.id;
        li.appendChild(name); li.appendChild(meta);
        li.addEventListener("mousedown", function (evt) { evt.preventDefault(); choose(row); });
        list.appendChild(li);
      });
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }

    var ask = debounce(function (q) {
      var url = "/suggest?q=" + encodeURIComponent(q) + (field.dataset.pickerScope ? "&scope=" + encodeURIComponent(field.dataset.pickerScope) : "");
      fetch(url, { credentials: "same-origin" })
        .then(function (r) { return r.json().then(function (body) { return [r.ok, body]; }); })
        .then(function (got) {
          if (input.value.trim() !== q) { return; }  // typed on meanwhile
          if (!got[0]) { close(); status.textContent = got[1].error || ""; return; }
          show(got[1].results);
        })
        .catch(function () { status.textContent = field.dataset.msgFailed || ""; });
    }, 250);

    input.addEventListener("input", function () {
      var q = input.value.trim();
      if (q.length < 2) { close(); status.textContent = ""; return; }
      status.textContent = field.dataset.msgLoading || "";
      ask(q);
    });
    input.addEventListener("keydown", function (evt) {
      if (list.hidden) { return; }
      if (evt.key === "ArrowDown") { evt.preventDefault(); mark(Math.min(active + 1, rows.length - 1)); }
      else if (evt.key === "ArrowUp") { evt.preventDefault(); mark(Math.max(active - 1, 0)); }
      else if (evt.key === "Enter") { if (active >= 0) { evt.preventDefault(); choose(rows[active]); } }
      else if (evt.key === "Escape") { close(); }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
  }

  document.querySelectorAll("input[data-picker]").forEach(setup);
})();
