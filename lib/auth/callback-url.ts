// Only same-origin paths are ever redirect targets: the one check lives in lib/http.
export { safeCallbackPath } from "@/lib/http/redirect-target";
