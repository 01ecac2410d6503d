// A searchable picker (the ARIA combobox pattern): type part of a name, pick one of the few
// matches the server sends back. The keys are handled here, without a round trip per key:
// Down/Up move through the matches, Enter picks (and does not submit the form around it),
// Escape closes the list (and only the list, not a dialog around it), Tab leaves.
// The picked label goes into a hidden input named `fieldName`, so a form around it submits it.
import { createElement as h, useEffect, useId, useRef, useState } from "react";
import { TextField } from "@radix-ui/themes";

export function Typeahead({ inputId, fieldName, options, selectedLabel, placeholder, emptyText, ariaLabel,
                            onSearch, onChoose, ...rest }) {
  const [text, setText] = useState(selectedLabel || "");
  const [chosen, setChosen] = useState(selectedLabel ? { label: selectedLabel } : null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId().replace(/:/g, "") + "-list";
  const input = useRef(null);
  const timer = useRef(null);
  const closing = useRef(null); // the list closes a moment after the focus leaves, unless it comes back
  const list = Array.isArray(options) ? options : [];

  // The page may set or clear the choice itself (a filter reset, a reload). Clearing it because
  // the person started typing over the choice must leave what they typed.
  const chosenRef = useRef(chosen);
  chosenRef.current = chosen;
  useEffect(() => {
    const current = chosenRef.current;
    if (selectedLabel && (!current || current.label !== selectedLabel)) {
      setText(selectedLabel);
      setChosen({ label: selectedLabel });
    } else if (!selectedLabel && current) {
      setText("");
      setChosen(null);
    }
  }, [selectedLabel]);
  useEffect(() => setActive(list.length ? 0 : -1), [options]);

  // Escape must close the list before a dialog around it sees the key: listen on the window,
  // which hears a key before the document does.
  useEffect(() => {
    const onKey = (event) => {
      if (event.key === "Escape" && open && event.target === input.current) {
        event.stopPropagation();
        event.preventDefault();
        setOpen(false);
      }
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  }, [open]);

  const search = (value) => {
    clearTimeout(timer.current);
    timer.current = setTimeout(() => onSearch && onSearch(value), 150);
  };
  const choose = (option) => {
    setText(option.label);
    setChosen(option);
    setOpen(false);
    if (onChoose) onChoose(String(option.value), option.label);
  };
  const onChange = (event) => {
    const value = event.target.value;
    clearTimeout(closing.current);
    setText(value);
    setOpen(true);
    if (chosen) {
      setChosen(null);
      if (onChoose) onChoose("", "");
    }
    search(value);
  };
  const onKeyDown = (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      event.preventDefault();
      if (!open) {
        setOpen(true);
        search(text);
        return;
      }
      if (!list.length) return;
      const step = event.key === "ArrowDown" ? 1 : -1;
      setActive((active + step + list.length) % list.length);
    } else if (event.key === "Enter" && open && active >= 0 && active < list.length) {
      event.preventDefault();
      choose(list[active]);
    } else if (event.key === "Tab") {
      setOpen(false);
    }
  };
  const optionId = (i) => `${listId}-${i}`;
  const showList = open && (text.trim() !== "" || list.length > 0);

  // Reflex passes its own class (the component's style props) in `className`: keep ours beside it.
  const className = ["typeahead", rest.className].filter(Boolean).join(" ");
  return h("div", { ...rest, className },
    h(TextField.Root, {
      id: inputId, ref: input, value: text, placeholder, autoComplete: "off", role: "combobox",
      "aria-label": ariaLabel || undefined, "aria-autocomplete": "list", "aria-expanded": showList,
      "aria-controls": listId, "aria-activedescendant": showList && active >= 0 ? optionId(active) : undefined,
      onChange, onKeyDown,
      onFocus: () => { clearTimeout(closing.current); if (!chosen) { setOpen(true); search(text); } },
      onBlur: () => { closing.current = setTimeout(() => setOpen(false), 120); },
    }),
    fieldName ? h("input", { type: "hidden", name: fieldName, value: chosen ? chosen.label : "" }) : null,
    h("ul", { id: listId, role: "listbox", className: "typeahead-list", hidden: !showList,
              "aria-label": ariaLabel || placeholder || "Matches" },
      list.length === 0
        ? h("li", { className: "typeahead-empty", role: "presentation" }, emptyText || "Nothing matches")
        : list.map((option, i) => h("li", {
            key: option.value, id: optionId(i), role: "option", "aria-selected": i === active,
            className: "typeahead-option",
            onMouseDown: (event) => event.preventDefault(), // keep the focus in the input
            onMouseEnter: () => setActive(i),
            onClick: () => choose(option),
          }, option.label))));
}
