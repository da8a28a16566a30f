// A tiny element builder: h("button", {class: "big", on: {click}}, "Fold"). No innerHTML anywhere,
// so no text from the server (team names, reasons) is ever read as markup.

export function h(tag, attrs = {}, ...children) {
  const element = tag.startsWith("svg:")
    ? document.createElementNS("http://www.w3.org/2000/svg", tag.slice(4))
    : document.createElement(tag);
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === null || value === undefined || value === false) continue;
    if (name === "on") {
      for (const [event, handler] of Object.entries(value)) element.addEventListener(event, handler);
    } else if (name === "class") {
      element.setAttribute("class", Array.isArray(value) ? value.filter(Boolean).join(" ") : value);
    } else if (name === "text") {
      element.textContent = value;
    } else if (name in element && !tag.startsWith("svg:") && !name.startsWith("aria") && !name.startsWith("data")) {
      element[name] = value;
    } else {
      element.setAttribute(name, value === true ? "" : String(value));
    }
  }
  append(element, children);
  return element;
}

function append(element, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(element, child);
    else element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Replace a region's content, keeping the keyboard focus on the element with the same data-key. */
export function replace(region, ...children) {
  const active = document.activeElement;
  const key = active && region.contains(active) ? active.dataset.key : null;
  region.replaceChildren();
  append(region, children);
  if (key) {
    const again = region.querySelector(`[data-key="${CSS.escape(key)}"]`);
    if (again) again.focus({ preventScroll: true });
  }
}

/** Colour swatches from their data attribute (the CSP allows no inline style attributes in markup). */
export function paint(root) {
  for (const swatch of root.querySelectorAll(".swatch[data-colour]")) swatch.style.background = swatch.dataset.colour;
  return root;
}
