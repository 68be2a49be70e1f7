// What site-gen adds to Decap CMS's form (site_gen/cms.py names them in config.yml):
// - `issue-options`: a position's `supports` or `rejects` as a tick box for each option of the
//   issue being edited, read from the form (an option added in this edit is there at once), and
//   a save refused, in the words of `site-gen validate`, while an id is not one of them;
// - lists with `collapsed_above: N` open with their items expanded when they hold at most N.

const CMS = window.CMS;
const h = window.h;

function isMap(value) {
  return value && typeof value.get === "function" && typeof value.toOrderedMap === "function";
}

// The options of the issue in the form (not the saved file), each with an id and a label.
function issueOptions(getEntry) {
  const options = getEntry().getIn(["data", "options"]);
  if (!options || typeof options.filter !== "function") return [];
  return options
    .filter(isMap)
    .map((o) => ({ id: String(o.get("id") || "").trim(), label: String(o.get("label") || "") }))
    .filter((o) => o.id !== "")
    .toArray();
}

function quoted(ids) {
  return ids.map((id) => `'${id}'`).join(", ");
}

// check.py's message for an unknown option (without its "did you mean").
function unknownMessage(id, options) {
  if (options.length === 0) {
    return (
      `unknown option '${id}': the issue lists no options; add it under ` +
      "'options' with an id and a label"
    );
  }
  return `unknown option '${id}' (the options are ${quoted(options.map((o) => o.id))})`;
}

// Decap re-renders a field when its own value changes, not when the issue's options do: the
// picker looks at them again after every change anywhere in the form.
const FORM_EVENTS = ["input", "change", "click", "keyup", "drop"];

const OptionPicker = window.createClass({
  componentDidMount() {
    this.seen = this.props.getEntry().getIn(["data", "options"]);
    this.look = () =>
      setTimeout(() => {
        const now = this.props.getEntry().getIn(["data", "options"]);
        if (now !== this.seen) {
          this.seen = now;
          this.forceUpdate();
        }
      }, 0);
    for (const name of FORM_EVENTS) document.addEventListener(name, this.look, true);
  },
  componentWillUnmount() {
    for (const name of FORM_EVENTS) document.removeEventListener(name, this.look, true);
  },
  picked() {
    const value = this.props.value;
    if (!value) return [];
    return (typeof value.toArray === "function" ? value.toArray() : Array.from(value)).map(String);
  },
  // The ids picked, in the order of the issue's options; unknown ones after, as they were.
  toggle(id, on) {
    const options = issueOptions(this.props.getEntry).map((o) => o.id);
    const picked = new Set(this.picked());
    if (on) picked.add(id);
    else picked.delete(id);
    const ids = options.filter((o) => picked.has(o));
    ids.push(...this.picked().filter((o) => picked.has(o) && !options.includes(o)));
    // An Immutable List, as Decap's own list widgets hold (made from the entry's data).
    const empty = this.props.getEntry().get("data").toList().clear();
    this.props.onChange(empty.push(...ids));
  },
  isValid() {
    const options = issueOptions(this.props.getEntry);
    const known = new Set(options.map((o) => o.id));
    const unknown = this.picked().filter((id) => !known.has(id));
    if (unknown.length > 0) {
      return { error: { message: unknown.map((id) => unknownMessage(id, options)).join("; ") } };
    }
    return true;
  },
  render() {
    const options = issueOptions(this.props.getEntry);
    const picked = this.picked();
    const known = new Set(options.map((o) => o.id));
    const boxes = options.map((o) => ({ ...o, unknown: false }));
    for (const id of picked) {
      if (!known.has(id)) boxes.push({ id, label: "", unknown: true });
    }
    const id = this.props.forID;
    const label = this.props.field.get("label");
    const rows = boxes.map((o) =>
      h(
        "label",
        {
          key: o.id,
          className: "site-gen-option",
          style: { display: "block", padding: "4px 0", color: o.unknown ? "#8a0016" : "inherit" },
        },
        h("input", {
          type: "checkbox",
          checked: picked.includes(o.id),
          onChange: (event) => this.toggle(o.id, event.target.checked),
          onFocus: this.props.setActiveStyle,
          onBlur: this.props.setInactiveStyle,
          style: { marginRight: "8px" },
        }),
        ...(o.label ? [o.label, " (", h("code", null, o.id), ")"] : [h("code", null, o.id)]),
        o.unknown ? h("strong", null, ": not an option of this issue") : null
      )
    );
    const empty = h(
      "p",
      { style: { margin: 0, color: "#3f4a5a" } },
      "This issue has no options yet: add them under Options, then tick them here."
    );
    return h(
      "div",
      // The id Decap's label points at: a label names no group, so the group says its name.
      { id, role: "group", "aria-label": label, className: this.props.classNameWrapper },
      boxes.length > 0 ? rows : empty
    );
  },
});
CMS.registerWidget("issue-options", OptionPicker, (props) =>
  h("p", null, (props.value && props.value.join ? props.value.join(", ") : "") || "")
);

// Decap's list widget reads `collapsed` once, as it opens: set from the list's size here.
const list = CMS.getWidget("list");
class ListExpandedWhenFew extends list.control {
  constructor(props) {
    const above = props.field.get("collapsed_above");
    if (typeof above === "number") {
      const size = props.value && typeof props.value.size === "number" ? props.value.size : 0;
      props = { ...props, field: props.field.set("collapsed", size > above) };
    }
    super(props);
  }
}
CMS.registerWidget("list", ListExpandedWhenFew, list.preview, list.schema);
