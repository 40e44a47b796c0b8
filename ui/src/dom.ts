// Tiny DOM builder. Text always goes in through textContent / text nodes, never HTML,
// so notes with quotes, emoji, "<script>" or SQL are shown exactly as typed.
// Inline styles are refused: the app runs under style-src 'self'.

export type AttrValue = string | number | boolean | null | undefined;
export type Attrs = Record<string, AttrValue>;
export type Child = Node | string | number | null | undefined | false;

export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  setAttrs(el, attrs);
  append(el, ...children);
  return el;
}

export function setAttrs(el: Element, attrs: Attrs): void {
  for (const [name, value] of Object.entries(attrs)) {
    if (name === "style") throw new Error("inline styles are not allowed (CSP)");
    if (value === null || value === undefined || value === false) {
      el.removeAttribute(name);
    } else if (value === true) {
      el.setAttribute(name, "");
    } else {
      el.setAttribute(name, String(value));
    }
  }
}

export function append(el: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.appendChild(typeof c === "string" || typeof c === "number" ? document.createTextNode(String(c)) : c);
  }
}

/** Replace all children. */
export function replace(el: Node, ...children: Child[]): void {
  while (el.firstChild) el.removeChild(el.firstChild);
  append(el, ...children);
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing #${id}`);
  return el as T;
}

/** A label + control + error line, the error wired with aria-describedby. */
export function fieldError(id: string): HTMLParagraphElement {
  return h("p", { class: "field-error", id, role: "alert", hidden: true });
}

export function showFieldError(control: HTMLElement | null, error: HTMLElement, message: string): void {
  error.textContent = message;
  error.hidden = false;
  if (control) {
    control.setAttribute("aria-invalid", "true");
    addDescribedBy(control, error.id);
  }
}

export function clearFieldError(control: HTMLElement | null, error: HTMLElement): void {
  error.textContent = "";
  error.hidden = true;
  if (control) {
    control.removeAttribute("aria-invalid");
    removeDescribedBy(control, error.id);
  }
}

function addDescribedBy(el: HTMLElement, id: string): void {
  const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
  if (!ids.includes(id)) ids.push(id);
  el.setAttribute("aria-describedby", ids.join(" "));
}

function removeDescribedBy(el: HTMLElement, id: string): void {
  const ids = (el.getAttribute("aria-describedby") ?? "").split(/\s+/).filter((x) => x && x !== id);
  if (ids.length) el.setAttribute("aria-describedby", ids.join(" "));
  else el.removeAttribute("aria-describedby");
}

/** True when keyboard input should go to a field, not to global shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  const tag = target.tagName;
  if (tag === "TEXTAREA" || tag === "SELECT") return true;
  if (tag !== "INPUT") return false;
  const type = (target as HTMLInputElement).type;
  return !["button", "submit", "reset", "checkbox", "radio"].includes(type);
}

export function anyDialogOpen(): boolean {
  return document.querySelector("dialog[open]") !== null;
}

/** form.requestSubmit(), with a fallback for older WebKit builds. */
export function submitForm(form: HTMLFormElement): void {
  if (typeof form.requestSubmit === "function") {
    form.requestSubmit();
    return;
  }
  const ev = new Event("submit", { bubbles: true, cancelable: true });
  form.dispatchEvent(ev);
}
