// site-gen's additions to Decap CMS: a text field with a character counter, the glossary's
// format, and a save hook that writes what a careful editor would (keys in the model's order,
// no unknown keys, no empty optional values). The rules come from fields.json, which
// `site-gen cms` generates with config.yml from the same models.
(function () {
  "use strict";

  // `mkdocs serve` reloads every page it serves after each rebuild, which a save in the
  // editor causes: a reload would throw away what is being typed in another entry. The
  // preview's reloader assigns `window.livereload`; a read-only property makes that a no-op.
  Object.defineProperty(window, "livereload", { value: function () {}, writable: false });

  var CMS = window.CMS;
  var h = window.h;

  function length(text) {
    return Array.from(text || "").length; // characters, as the validator counts them
  }

  var Counted = window.createClass({
    handleChange: function (event) {
      this.props.onChange(event.target.value);
    },
    isValid: function () {
      var limit = this.props.field.get("maxlength");
      if (length(this.props.value) > limit) {
        return { error: { message: "At most " + limit + " characters." } };
      }
      return true;
    },
    render: function () {
      var value = this.props.value || "";
      var limit = this.props.field.get("maxlength");
      var over = length(value) > limit;
      var counterId = this.props.forID + "-count";
      return h(
        "div",
        null,
        h("input", {
          type: "text",
          id: this.props.forID,
          className: this.props.classNameWrapper,
          value: value,
          "aria-describedby": counterId,
          onChange: this.handleChange,
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
        }),
        h(
          "p",
          {
            id: counterId,
            className: "site-gen-counter",
            style: { margin: "4px 14px 8px", fontSize: "13px", color: over ? "#b00020" : "#3f4a5a" },
          },
          length(value) + " / " + limit + " characters" + (over ? ": too long" : "")
        )
      );
    },
  });
  CMS.registerWidget("counted", Counted, function (props) {
    return h("p", null, props.value);
  });

  // glossary.yml is `term: "definition"`, one a line. The editor shows a list of pairs.
  function readScalar(text, where) {
    text = text.trim();
    if (text.charAt(0) === '"') {
      return JSON.parse(text.replace(/\\\//g, "/"));
    }
    if (text.charAt(0) === "'") {
      if (text.charAt(text.length - 1) !== "'") throw new Error(where);
      return text.slice(1, -1).replace(/''/g, "'");
    }
    if (/^[|>&*!%@`]/.test(text)) throw new Error(where);
    return text.replace(/\s+#.*$/, "");
  }

  function splitKey(line, where) {
    if (line.charAt(0) === '"' || line.charAt(0) === "'") {
      var quote = line.charAt(0);
      var end = line.indexOf(quote + ":", 1);
      if (end < 0) throw new Error(where);
      return [readScalar(line.slice(0, end + 1), where), line.slice(end + 2)];
    }
    var colon = line.indexOf(": ");
    if (colon < 0) throw new Error(where);
    return [line.slice(0, colon), line.slice(colon + 2)];
  }

  function quoted(text) {
    return JSON.stringify(text);
  }

  function plainKey(text) {
    return /^[A-Za-z0-9][A-Za-z0-9 ._()’'-]*$/.test(text) && !/ $/.test(text);
  }

  CMS.registerCustomFormat("site-gen-glossary", "yml", {
    fromFile: function (content) {
      var terms = [];
      (content || "").split(/\r?\n/).forEach(function (line, i) {
        if (!line.trim() || /^\s*#/.test(line)) return;
        var where =
          "glossary.yml line " + (i + 1) + " is not `term: definition` on one line; " +
          "edit it in a text editor";
        if (/^\s/.test(line)) throw new Error(where);
        var pair = splitKey(line, where);
        terms.push({ term: pair[0], definition: readScalar(pair[1], where) });
      });
      return { terms: terms };
    },
    toFile: function (data) {
      return (data.terms || [])
        .map(function (t) {
          var term = plainKey(t.term) ? t.term : quoted(t.term);
          return term + ": " + quoted(t.definition) + "\n";
        })
        .join("");
    },
  });

  // The save hook: rebuild the entry's data from the rules, with the editor's own Immutable
  // collections (their empty copies), so that its forms keep working after a save.
  function isEmpty(value) {
    if (value === undefined || value === null) return true;
    if (typeof value === "string") return value.trim() === "";
    if (typeof value.size === "number") return value.size === 0;
    return false;
  }

  function isList(value) {
    return value && typeof value.push === "function" && typeof value.get === "function";
  }

  function isMap(value) {
    return value && typeof value.toOrderedMap === "function" && !isList(value);
  }

  function tidy(map, rules) {
    var out = map.toOrderedMap().clear();
    rules.forEach(function (rule) {
      var value = map.get(rule.name);
      if (rule.fields && isList(value)) {
        value = value
          .filter(isMap)
          .map(function (item) {
            return tidy(item, rule.fields);
          });
      } else if (rule.fields && isMap(value)) {
        value = tidy(value, rule.fields);
      } else if (isList(value)) {
        value = value.filter(function (item) {
          return !isEmpty(item);
        });
      }
      if (isEmpty(value) && !rule.keep) return;
      if ("omit" in rule && value === rule.omit) return;
      if (value === undefined) return;
      out = out.set(rule.name, value);
    });
    return out;
  }

  fetch("fields.json")
    .then(function (response) {
      return response.json();
    })
    .then(function (rules) {
      CMS.registerEventListener({
        name: "preSave",
        handler: function (event) {
          var entry = event.entry;
          var found = rules[entry.get("collection")] ||
            rules[entry.get("collection") + "/" + entry.get("slug")];
          return found ? tidy(entry.get("data"), found) : undefined;
        },
      });
    });
})();
