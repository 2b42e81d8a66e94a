// What `npm start` (it builds, and prepares the database through tsx) and `npm run worker`
// need besides the app's own dependencies: devDependencies, which npm leaves out when
// NODE_ENV=production is set as it installs. Said in one line, not as a stack trace.
import fs from "node:fs";
import path from "node:path";

/** The packages Lede builds and runs its TypeScript scripts with. */
export const BUILD_TOOLS = ["tsx", "esbuild", "typescript"];

/** The build tools missing from `root`'s node_modules. */
/** @param {string} root */
export function missingBuildTools(root) {
  return BUILD_TOOLS.filter((name) => !fs.existsSync(path.join(root, "node_modules", name, "package.json")));
}

/** The line to print when some are missing, or null. */
/** @param {string} root */
export function missingToolsMessage(root) {
  const missing = missingBuildTools(root);
  if (missing.length === 0) return null;
  return `npm start: ${missing.join(", ")} ${missing.length === 1 ? "is" : "are"} not installed. Lede builds itself and runs its scripts and worker with them: install with \`npm ci --include=dev\` (with NODE_ENV=production set, a plain \`npm ci\` leaves them out).`;
}
