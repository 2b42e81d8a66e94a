// The development transform asks for jsxDEV here; it is the same renderer.
export { Fragment, jsxDEV } from "./jsx-runtime";
export type { JSX } from "./jsx-runtime";
