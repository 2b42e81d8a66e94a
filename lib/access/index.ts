export { mayReadFull, mayList, type AccessFacts } from "./may-read";
export { ANONYMOUS, type Viewer } from "./viewer";
