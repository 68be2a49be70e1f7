// site-gen's additions to Decap CMS, then its start:
// - a text field with a character counter (`counted`); a position's options picked from its
//   issue's, and lists expanded when short (form.js);
// - the panel of checks: the problems `site-gen validate` finds in the file saved (checks.js);
// - the YAML formats: Decap's own writer, except that a top-level key whose value did not
//   change keeps its text as it was in the file, comments and line breaks included, and so
//   do the comments at the top of the file; glossary.yml is shown as a list of terms;
// - a save hook that writes what a careful editor would: keys in the model's order, no
//   unknown keys, no empty optional values. Its rules are fields.json, which `site-gen cms`
//   generates with config.yml from the same models.
import { startChecks } from "./checks.js";
import "./form.js";
import { YAML } from "./yaml/index.js";

const CMS = window.CMS;
const h = window.h;
const SOURCE = "__site_gen_source"; // the file's text as read, carried in the entry's data

function length(text) {
  return Array.from(text || "").length; // characters, as the validator counts them
}

const Counted = window.createClass({
  handleChange(event) {
    this.props.onChange(event.target.value);
  },
  isValid() {
    const limit = this.props.field.get("maxlength");
    if (length(this.props.value) > limit) {
      return { error: { message: `At most ${limit} characters.` } };
    }
    return true;
  },
  render() {
    const value = this.props.value || "";
    const limit = this.props.field.get("maxlength");
    const over = length(value) > limit;
    const counterId = `${this.props.forID}-count`;
    return h(
      "div",
      null,
      h("input", {
        type: "text",
        id: this.props.forID,
        className: this.props.classNameWrapper,
        value,
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
        `${length(value)} / ${limit} characters${over ? ": too long" : ""}`
      )
    );
  },
});
CMS.registerWidget("counted", Counted, (props) => h("p", null, props.value));

// -- YAML ---------------------------------------------------------------------------------

// The top-level entries of a block mapping as written: the comment lines before the first
// key, then each key with its text (the comment lines before it, its value's lines). Null
// when the file is not a plain block mapping (then nothing of its text is reused).
function blocks(text) {
  const found = { header: "", entries: new Map() };
  const texts = [];
  let pending = "";
  for (const line of text.split(/(?<=\n)/)) {
    if (/^(---|\.\.\.)(\s|$)|^[\[{]/.test(line)) return null;
    if (/^[^\s#]/.test(line)) {
      texts.push(pending + line); // a key at column 0 starts an entry
      pending = "";
    } else if (texts.length === 0) {
      found.header += line;
    } else if (line.startsWith("#")) {
      pending += line; // a comment at column 0 belongs to the key after it
    } else {
      texts[texts.length - 1] += pending + line;
      pending = "";
    }
  }
  if (texts.length > 0) texts[texts.length - 1] += pending;
  for (const entry of texts) {
    let parsed;
    try {
      parsed = YAML.parse(entry);
    } catch {
      return null;
    }
    if (!parsed || typeof parsed !== "object" || Object.keys(parsed).length !== 1) return null;
    const key = Object.keys(parsed)[0];
    found.entries.set(key, { text: entry, value: parsed[key] });
  }
  return found;
}

function same(a, b) {
  return JSON.stringify(a) === JSON.stringify(b);
}

function comments(text) {
  return text.match(/^(#.*\n|\s*\n)*/)[0];
}

// Decap's writer (decap-cms-core/src/formats/yaml.ts), keeping the text of what is unchanged.
function writeYaml(data, sortedKeys) {
  const source = data[SOURCE];
  delete data[SOURCE];
  const order = (key) => {
    const i = (sortedKeys || []).indexOf(key);
    return i < 0 ? Infinity : i;
  };
  const keys = Object.keys(data).sort((a, b) => order(a) - order(b));
  const old = source ? blocks(source) : null;
  let out = old ? old.header : "";
  for (const key of keys) {
    const before = old && old.entries.get(key);
    if (before && same(before.value, data[key])) {
      out += before.text.endsWith("\n") ? before.text : before.text + "\n";
      continue;
    }
    const doc = new YAML.Document();
    doc.contents = YAML.createNode({ [key]: data[key] });
    out += (before ? comments(before.text) : "") + doc.toString();
  }
  return out;
}

function readYaml(content) {
  const doc = YAML.parseDocument(content || "", { prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new Error(`YAML parsing error:\n${doc.errors.map((e) => e.message).join("\n")}`);
  }
  return doc.toJSON() || {};
}

CMS.registerCustomFormat("site-gen-yml", "yml", {
  fromFile(content) {
    return { ...readYaml(content), [SOURCE]: content };
  },
  toFile(data, sortedKeys) {
    return writeYaml({ ...data }, sortedKeys);
  },
});

// glossary.yml is `term: definition`; the editor shows a list of terms and definitions.
CMS.registerCustomFormat("site-gen-glossary", "yml", {
  fromFile(content) {
    const terms = Object.entries(readYaml(content)).map(([term, definition]) => ({
      term,
      definition,
    }));
    return { terms, [SOURCE]: content };
  },
  toFile(data) {
    const mapping = { [SOURCE]: data[SOURCE] };
    const keys = [];
    for (const { term, definition } of data.terms || []) {
      mapping[term] = definition;
      keys.push(term);
    }
    return writeYaml(mapping, keys);
  },
});

// -- the save hook --------------------------------------------------------------------------

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

// The entry's data rebuilt from the rules, with the editor's own Immutable collections (their
// empty copies), so that its forms keep working after a save.
function tidy(map, rules, top) {
  let out = map.toOrderedMap().clear();
  for (const rule of rules) {
    let value = map.get(rule.name);
    if (rule.fields && isList(value)) {
      value = value.filter(isMap).map((item) => tidy(item, rule.fields, false));
    } else if (rule.fields && isMap(value)) {
      value = tidy(value, rule.fields, false);
    } else if (isList(value)) {
      value = value.filter((item) => !isEmpty(item));
    }
    if (value === undefined || (isEmpty(value) && !rule.keep)) continue;
    if ("omit" in rule && value === rule.omit) continue;
    out = out.set(rule.name, value);
  }
  if (top && map.has(SOURCE)) out = out.set(SOURCE, map.get(SOURCE));
  return out;
}

const rules = await (await fetch("fields.json")).json();
startChecks(CMS, YAML.parse(await (await fetch("config.yml")).text()));
CMS.registerEventListener({
  name: "preSave",
  handler({ entry }) {
    const collection = entry.get("collection");
    const found = rules[collection] || rules[`${collection}/${entry.get("slug")}`];
    return found ? tidy(entry.get("data"), found, true) : undefined;
  },
});
CMS.init();
