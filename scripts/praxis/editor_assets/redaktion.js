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

  (script.dataset.collections || "").split(" ").filter(Boolean).forEach(function (name) {
    CMS.registerPreviewTemplate(name, Preview);
  });
})(document.currentScript);
