import auth from "./auth.json";
import common from "./common.json";
import emails from "./emails.json";
import feeds from "./feeds.json";
import network from "./network.json";

/** The reference catalogue: every other language has exactly these keys. */
const en = { ...common, ...auth, ...network, ...emails, ...feeds };
export default en;
