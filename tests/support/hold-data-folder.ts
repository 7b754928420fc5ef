// Holds an embedded data folder's lock without opening the database, so a
// test can check that another process leaves the folder exactly as it was.
import { lockDataFolder } from "~db/data-lock";

lockDataFolder(process.argv[2]!);
console.log("holding");
setInterval(() => undefined, 60_000);
