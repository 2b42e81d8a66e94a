// The plain baseline's own config, empty: without one, Next looks further up and loads Lede's.
const config = {};
export default config;
