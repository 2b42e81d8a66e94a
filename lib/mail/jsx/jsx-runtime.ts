// The JSX that mail is written in: components that render to an HTML string, escaped by
// default. Mail needs no hooks, state or hydration, only markup with inline styles, and it
// is rendered in places React's own string renderer may not run: react-dom/server refuses
// to load under the "react-server" condition that the desk's server actions and the worker
// (scripts/worker.ts runs with --conditions=react-server) are built with, and React Email's
// render() sits on react-dom/server. This runtime has no such condition, no dependency,
// and renders an issue in microseconds, so the newsletter's once-per-issue render and
// pre-built MIME stay as cheap as before. A file opts in with the pragma
// `@jsxImportSource @/lib/mail/jsx` in its first comment.

/** Markup that is already safe to put in HTML: what every element and component returns. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

/** A string put in markup as it is (a rendered article intro, a mark to split on): trusted, never a reader's text. */
export const raw = (value: string) => new Html(value);

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

export type Child = Html | string | number | boolean | null | undefined | Child[];
type Props = { children?: Child } & Record<string, unknown>;
export type Component<P> = (props: P) => Html;

// Elements with no closing tag; a child given to one is a mistake in the template.
const VOID = new Set(["area", "base", "br", "col", "hr", "img", "input", "link", "meta", "source", "wbr"]);
// JSX spells two attributes as the DOM does; mail clients read the HTML names.
const ATTRIBUTE_NAMES: Record<string, string> = { className: "class", htmlFor: "for" };

function renderChild(child: Child): string {
  if (child === null || child === undefined || child === false || child === true) return "";
  if (Array.isArray(child)) return child.map(renderChild).join("");
  if (child instanceof Html) return child.value;
  return escapeHtml(String(child));
}

function renderAttributes(props: Props): string {
  let out = "";
  for (const [key, value] of Object.entries(props)) {
    if (key === "children" || key === "key" || value === undefined || value === null || value === false) continue;
    if (!/^[A-Za-z][A-Za-z0-9:-]*$/.test(key)) throw new Error(`mail markup: "${key}" is not an attribute name`);
    const name = ATTRIBUTE_NAMES[key] ?? key;
    out += value === true ? ` ${name}` : ` ${name}="${escapeHtml(value instanceof Html ? value.value : String(value))}"`;
  }
  return out;
}

export function jsx(type: string | Component<Props>, props: Props): Html {
  if (typeof type === "function") return type(props);
  if (!/^[a-z][a-z0-9]*$/.test(type)) throw new Error(`mail markup: <${type}> is not an element name`);
  const open = `<${type}${renderAttributes(props)}>`;
  if (VOID.has(type)) {
    if (props.children !== undefined) throw new Error(`mail markup: <${type}> takes no children`);
    return new Html(open);
  }
  return new Html(`${open}${renderChild(props.children)}</${type}>`);
}

export const jsxs = jsx;
export const jsxDEV = jsx;

export function Fragment(props: { children?: Child }): Html {
  return new Html(renderChild(props.children));
}

/** A whole document: the doctype and the root element. */
export const documentOf = (root: Html) => `<!doctype html>${root.value}`;

// eslint-disable-next-line @typescript-eslint/no-namespace
export namespace JSX {
  export type Element = Html;
  // A list's items may carry a key as React's do; the string renderer has no use for it.
  export interface IntrinsicAttributes {
    key?: string | number;
  }
  export interface ElementChildrenAttribute {
    children: unknown;
  }
  export interface IntrinsicElements {
    [element: string]: { children?: Child; style?: string; className?: string } & Record<string, unknown>;
  }
}
