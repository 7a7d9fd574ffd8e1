/**
 * DOM helpers shared by the pages. Nothing here writes HTML from strings: elements are built with
 * `createElement` and text goes in through `textContent`, so a name or an address can never turn
 * into markup. No inline styles or handlers either (the pages' Content-Security-Policy forbids
 * them): listeners are attached with `addEventListener`, looks come from classes.
 */
import { ApiError, type FieldProblem } from "./api.ts";

/** The element with this id; throws when the page shell lacks it (a bug, not a user error). */
export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`missing element #${id}`);
  return el as T;
}

type Attrs = Record<string, string | boolean | undefined>;

/** `h("button", {class: "btn", type: "button"}, "Save")`. `true` sets a boolean attribute. */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Attrs = {},
  ...children: (Node | string | null | undefined | false)[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value === undefined || value === false) continue;
    el.setAttribute(name, value === true ? "" : value);
  }
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/** A human message (and per-field problems) for anything a page action may throw. */
export function describeError(e: unknown): { message: string; details: FieldProblem[] } {
  if (e instanceof ApiError) {
    return { message: e.message, details: e.details.filter((d) => d.field !== "(root)") };
  }
  if (e instanceof Error && e.name === "WebAuthnError") {
    const code = (e as Error & { code?: string }).code;
    if (code === "ERROR_AUTHENTICATOR_PREVIOUSLY_REGISTERED") {
      return { message: "This passkey is already registered to your account.", details: [] };
    }
    if (code === "ERROR_CEREMONY_ABORTED") {
      return { message: "The passkey request was cancelled.", details: [] };
    }
    return { message: e.message, details: [] };
  }
  if (e instanceof Error && e.name === "NotAllowedError") {
    return {
      message: "The passkey request was cancelled or timed out, or no passkey is available.",
      details: [],
    };
  }
  return { message: "Something went wrong. Please try again.", details: [] };
}

export type BannerKind = "error" | "success" | "info";

/** Replaces the content of a live region with one banner (announced by screen readers). */
export function showBanner(
  region: HTMLElement,
  kind: BannerKind,
  message: string,
  details: FieldProblem[] = [],
  extra?: Node,
): void {
  const banner = h(
    "div",
    { class: `banner banner-${kind}` },
    h("p", { class: "banner-message" }, message),
  );
  if (details.length > 0) {
    banner.append(
      h(
        "ul",
        { class: "banner-details" },
        ...details.map((d) => h("li", {}, `${d.field}: ${d.message}`)),
      ),
    );
  }
  if (extra) banner.append(extra);
  region.replaceChildren(banner);
}

export function clearBanner(region: HTMLElement): void {
  region.replaceChildren();
}

/** Shows an error in `region`; with `form`, its per-field problems also mark the fields. */
export function showError(region: HTMLElement, e: unknown, form?: HTMLFormElement): void {
  const { message, details } = describeError(e);
  // Name each field by its visible label ("Email address"), not its wire name ("email").
  const named = details.map((d) => {
    const label = form ? fieldOf(form, d.field)?.labels?.[0]?.textContent?.trim() : undefined;
    return { field: label || d.field, message: d.message };
  });
  showBanner(region, "error", message, named);
  if (form) markFields(form, details);
}

function fieldOf(form: HTMLFormElement, name: string): HTMLInputElement | null {
  const el = form.elements.namedItem(name);
  return el instanceof HTMLInputElement ? el : null;
}

/** Clears the per-field error marks of a form. */
export function clearFields(form: HTMLFormElement): void {
  for (const p of form.querySelectorAll(".field-error")) p.remove();
  for (const input of form.querySelectorAll("input[aria-invalid]")) {
    input.removeAttribute("aria-invalid");
    const ids = (input.getAttribute("aria-describedby") ?? "")
      .split(/\s+/)
      .filter((id) => id !== "" && !id.endsWith("-error"));
    if (ids.length > 0) input.setAttribute("aria-describedby", ids.join(" "));
    else input.removeAttribute("aria-describedby");
  }
}

/** Marks each named field invalid, with its message under it, and focuses the first one. */
export function markFields(form: HTMLFormElement, details: FieldProblem[]): void {
  let first: HTMLInputElement | undefined;
  for (const d of details) {
    const input = fieldOf(form, d.field);
    if (!input) continue;
    const errorId = `${input.id || d.field}-error`;
    input.setAttribute("aria-invalid", "true");
    const described = (input.getAttribute("aria-describedby") ?? "").split(/\s+/).filter(Boolean);
    if (!described.includes(errorId)) described.push(errorId);
    input.setAttribute("aria-describedby", described.join(" "));
    input.closest(".field")?.append(h("p", { class: "field-error", id: errorId }, d.message));
    first ??= input;
  }
  first?.focus();
}

/**
 * Runs `action` when the form is submitted (Enter in a field or the submit button): clears the
 * previous errors, marks the submit button busy (without disabling it, so keyboard focus stays
 * where it was), and shows whatever the action throws in `region`.
 */
export function onSubmit(
  form: HTMLFormElement,
  region: HTMLElement,
  action: (data: FormData) => Promise<void>,
): void {
  let busy = false;
  form.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    if (busy) return;
    busy = true;
    const buttons = [...form.querySelectorAll<HTMLButtonElement>("button[type=submit]")];
    for (const b of buttons) b.setAttribute("aria-busy", "true");
    clearFields(form);
    clearBanner(region);
    try {
      await action(new FormData(form));
    } catch (e) {
      showError(region, e, form);
    } finally {
      busy = false;
      for (const b of buttons) b.removeAttribute("aria-busy");
    }
  });
}

/** Same as onSubmit for a lone button (no form). */
export function onClick(
  button: HTMLButtonElement,
  region: HTMLElement,
  action: () => Promise<void>,
): void {
  let busy = false;
  button.addEventListener("click", async () => {
    if (busy) return;
    busy = true;
    button.setAttribute("aria-busy", "true");
    clearBanner(region);
    try {
      await action();
    } catch (e) {
      showError(region, e);
    } finally {
      busy = false;
      button.removeAttribute("aria-busy");
    }
  });
}

/** A text field's trimmed value. */
export function field(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === "string" ? v.trim() : "";
}

/** A password field's value, untrimmed (spaces are part of a password). */
export function secret(data: FormData, name: string): string {
  const v = data.get(name);
  return typeof v === "string" ? v : "";
}

/** The query parameter `name` of the current URL. */
export function queryParam(name: string): string | null {
  return new URLSearchParams(location.search).get(name);
}

/** Removes the query string from the address bar (tokens should not linger in history). */
export function dropQuery(): void {
  history.replaceState(null, "", location.pathname);
}

const DATE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" });

/** The localized date and time of an RFC 3339 timestamp. */
export function formatDate(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : DATE_FORMAT.format(d);
}

/** `<time datetime="…">` with the localized date and time. */
export function time(iso: string): HTMLTimeElement {
  return h("time", { datetime: iso }, formatDate(iso));
}

/** Moves to another page of the product. */
export function go(path: string): void {
  location.assign(path);
}
