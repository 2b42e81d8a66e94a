// Lint for every file in the repo, run by `npm test` before the unit tests (scripts/test.mjs).
// Next's own rules (core web vitals, React hooks, jsx-a11y) and typescript-eslint's
// recommended set; an unused variable or a stray expression is an error here, not a
// warning, because the gate only counts errors and both have hidden real bugs before.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { defineConfig, globalIgnores } from "eslint/config";

export default defineConfig([
  ...nextVitals,
  ...nextTs,
  globalIgnores([
    ".next/**",
    ".next-*/**",
    "bench/plain/.next/**", // the plain baseline's build (bench/plain.mjs)
    ".data/**",
    ".test-report/**",
    "test-results/**",
    "playwright-report/**",
    "bench/.apps/**",
    "next-env.d.ts",
  ]),
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/no-unused-expressions": "error",
    },
  },
  {
    // Hooks live in React files. Elsewhere `use…` names are Playwright's fixture `use`,
    // test helpers (`useTestDatabase`) and verbs (`useCode`), not React hooks.
    files: ["**/*.ts", "**/*.js", "**/*.mjs"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Plain .js files are CommonJS (package.json has no "type": "module").
    files: ["**/*.js"],
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    // A whole document rendered to a string outside Next's React (lib/http/handler-page.tsx):
    // next/head and next/link have no router there.
    files: ["components/site/handler-page.tsx"],
    rules: { "@next/next/no-head-element": "off", "@next/next/no-html-link-for-pages": "off" },
  },
]);
