import auth from "./auth.json";
import common from "./common.json";
import emails from "./emails.json";
import network from "./network.json";
import registrations from "./registrations.json";

/** French: the same keys as English (checked by the catalogue parity test). */
const fr = { ...common, ...auth, ...network, ...emails, ...registrations };
export default fr;
