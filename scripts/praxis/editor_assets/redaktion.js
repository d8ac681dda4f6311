/* The editor's preview: an entry as its page shows it (type, title, summary, fact box, text).
   Generic over the collections of config.yml, which the build writes from the type table; the
   collection names come from this script element's data-collections attribute. */
(function (script) {
  "use strict";
  var CMS = window.CMS;
  var h = window.h;
  if (!CMS || !h || !window.createClass) {
    return;
  }
  CMS.registerPreviewStyle(new URL("redaktion.css", script.src).href);
  var SHOWN_APART = { title: true, summary: true, body: true, draft: true, example: true };

  function optionLabel(field, value) {
    var found = (field.options || []).filter(function (option) {
      return option && option.value === value;
    })[0];
    return found ? found.label : String(value);
  }

  // Plain text for a field's value: labels instead of ids, "ja"/"nein" for flags.
  function show(field, value) {
    if (value === undefined || value === null || value === "") {
      return "";
    }
    if (typeof value === "boolean") {
      return value ? "ja" : "";
    }
    if (Array.isArray(value)) {
      return value
        .map(function (item) {
          return field.fields ? showGroup(field.fields, item) : optionLabel(field, item);
        })
        .filter(Boolean)
        .join(field.fields ? "; " : ", ");
    }
    if (typeof value === "object") {
      return field.fields ? showGroup(field.fields, value) : "";
    }
    var date = /^(\d{4})-(\d{2})-(\d{2})(.*)$/.exec(String(value));
    if (date && field.widget === "datetime") {
      return date[3] + "." + date[2] + "." + date[1] + date[4]; // as the page shows dates
    }
    return optionLabel(field, value);
  }

  function showGroup(children, group) {
    return children
      .map(function (child) {
        return show(child, (group || {})[child.name]);
      })
      .filter(Boolean)
      .join(", ");
  }

  var Preview = window.createClass({
    render: function () {
      var data = this.props.entry.get("data").toJS();
      var facts = [];
      this.props.fields.toJS().forEach(function (field) {
        var text = SHOWN_APART[field.name] ? "" : show(field, data[field.name]);
        if (text) {
          facts.push(h("dt", { key: field.name + "-name" }, field.label));
          facts.push(h("dd", { key: field.name + "-value" }, text));
        }
      });
      var kind = this.props.collection.get("label_singular");
      return h(
        "article",
        { className: "praxis-vorschau", lang: "de" },
        h("p", { className: "praxis-vorschau-art" }, kind + (data.draft ? " (Entwurf)" : "")),
        h("h1", null, data.title || "Ohne Titel"),
        h("p", { className: "praxis-vorschau-kurz" }, data.summary || ""),
        facts.length
          ? h(
              "section",
              { className: "praxis-vorschau-steckbrief", "aria-label": "Steckbrief" },
              h("h2", null, "Steckbrief"),
              h("dl", null, facts)
            )
          : null,
        h("div", { className: "praxis-vorschau-text" }, this.props.widgetFor("body"))
      );
    }
  });

  // Accessibility repairs Decap CMS 3.16.3 needs (axe-core 4.12, see docs/betrieb/redaktion.md):
  // a name for the preview frame, the text editor and the Rich-Text/Markdown switch, the
  // switch's state, and no button inside the heading menu's button.
  function repair(root) {
    root.querySelectorAll("iframe#preview-pane:not([title])").forEach(function (frame) {
      frame.setAttribute("title", "Vorschau des Eintrags");
    });
    root.querySelectorAll('[aria-label="markdown field"], [data-praxis-markdown]').forEach(function (field) {
      var label = field.querySelector("label");
      var name = label ? label.textContent : "Text";
      field.setAttribute("data-praxis-markdown", "");
      field.setAttribute("aria-label", name);
      field.querySelectorAll("[data-slate-editor]").forEach(function (editor) {
        editor.setAttribute("aria-label", name);
      });
    });
    root.querySelectorAll('button[role="switch"][class*="ToolbarToggle"]').forEach(function (toggle) {
      toggle.setAttribute("aria-label", "Markdown statt Rich Text");
      // Decap composes the handle's class twice when the switch is on.
      var on = !!toggle.querySelector('[class*="ToggleHandle-ToggleHandle"]');
      toggle.setAttribute("aria-checked", on ? "true" : "false");
    });
    root.querySelectorAll('[role="menu"] > ul:not([role])').forEach(function (list) {
      list.setAttribute("role", "none"); // the menu's items are its children, not a list's
    });
    root.querySelectorAll('span[role="button"][aria-haspopup] button').forEach(function (inner) {
      var menu = inner.closest('span[role="button"]');
      if (!menu.hasAttribute("aria-label")) {
        menu.setAttribute("aria-label", inner.getAttribute("title") || "Menü");
      }
      // Not focusable at all; clicks reach the menu button around it (see redaktion.css).
      inner.disabled = true;
      inner.setAttribute("aria-hidden", "true");
      inner.removeAttribute("title");
    });
  }
  var pending = false;
  new MutationObserver(function () {
    if (!pending) {
      pending = true;
      window.requestAnimationFrame(function () {
        pending = false;
        repair(document);
      });
    }
  }).observe(document.documentElement, { childList: true, subtree: true, attributes: true,
    attributeFilter: ["class"] });

  (script.dataset.collections || "").split(" ").filter(Boolean).forEach(function (name) {
    CMS.registerPreviewTemplate(name, Preview);
  });
})(document.currentScript);
