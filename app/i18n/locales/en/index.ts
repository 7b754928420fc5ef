import auth from "./auth.json";
import common from "./common.json";
import emails from "./emails.json";
import network from "./network.json";
import registrations from "./registrations.json";

/** The reference catalogue: every other language has exactly these keys. */
const en = { ...common, ...auth, ...network, ...emails, ...registrations };
export default en;
