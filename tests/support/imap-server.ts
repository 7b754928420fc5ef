import { spawn, type ChildProcess } from "node:child_process";
import { chmodSync, chownSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createConnection, createServer, type AddressInfo } from "node:net";
import { tmpdir, userInfo } from "node:os";
import path from "node:path";
import { ImapFlow } from "imapflow";

/** Debian's dovecot-imapd (`apt-get install dovecot-imapd`). */
const DOVECOT = "/usr/sbin/dovecot";

/** uid and gid of a user in /etc/passwd. */
function systemUser(name: string): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith(`${name}:`));
  if (!line) throw new Error(`no user ${name}: is dovecot-imapd installed?`);
  const [, , uid, gid] = line.split(":");
  return { uid: Number(uid), gid: Number(gid) };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, log: string) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`dovecot exited with ${child.exitCode}:\n${readLog(log)}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = createConnection({ port, host: "127.0.0.1" }, () => {
        socket.destroy();
        resolve(true);
      });
      socket.on("error", () => resolve(false));
    });
    if (open) return;
    if (Date.now() > deadline) throw new Error(`dovecot did not listen on ${port}:\n${readLog(log)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

function readLog(file: string) {
  try {
    return readFileSync(file, "utf8");
  } catch {
    return "(no log)";
  }
}

/**
 * A private dovecot IMAP server for one test file: its own configuration,
 * run folder, maildir and password file in a temporary folder, plaintext
 * login on 127.0.0.1 at a free port, running as the current user (as root,
 * the login and mail processes run as the package's dovenull and dovecot
 * users, since dovecot refuses root for them).
 */
export class ImapServer {
  readonly user = "bounces";
  readonly password = "bounce-mailbox-test";
  port = 0;
  #folder = "";
  #child: ChildProcess | undefined;

  /** imap://bounces:…@127.0.0.1:port/INBOX, the shape BOUNCE_IMAP_URL takes. */
  get url(): string {
    return `imap://${this.user}:${this.password}@127.0.0.1:${this.port}/INBOX`;
  }

  async start(): Promise<this> {
    this.#folder = mkdtempSync(path.join(tmpdir(), "daymark-imap-"));
    const folder = this.#folder;
    for (const name of ["run", "state", "mail", "home"]) mkdirSync(path.join(folder, name));
    // The login processes reach the run folder's sockets as their own user.
    chmodSync(folder, 0o755);
    const current = userInfo();
    // Dovecot refuses root for its login processes and for mail: as root, they take the package's users.
    const loginUser = current.uid === 0 ? "dovenull" : current.username;
    const internalUser = current.uid === 0 ? "dovecot" : current.username;
    const { uid, gid } = current.uid === 0 ? systemUser(internalUser) : current;
    for (const name of ["mail", "home"]) chownSync(path.join(folder, name), uid, gid);
    this.port = await freePort();
    writeFileSync(path.join(folder, "passwd"), `${this.user}:{PLAIN}${this.password}::::::\n`);
    const log = path.join(folder, "dovecot.log");
    writeFileSync(
      path.join(folder, "dovecot.conf"),
      `protocols = imap
listen = 127.0.0.1
base_dir = ${folder}/run
state_dir = ${folder}/state
log_path = ${log}
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
mail_location = maildir:${folder}/mail/%u
first_valid_uid = ${uid}
last_valid_uid = ${uid}
first_valid_gid = ${gid}
mail_uid = ${uid}
mail_gid = ${gid}
default_internal_user = ${internalUser}
default_login_user = ${loginUser}
passdb {
  driver = passwd-file
  args = scheme=PLAIN username_format=%u ${folder}/passwd
}
userdb {
  driver = static
  args = uid=${uid} gid=${gid} home=${folder}/home/%u
}
service imap-login {
  chroot =
  inet_listener imap {
    address = 127.0.0.1
    port = ${this.port}
  }
  inet_listener imaps {
    port = 0
  }
}
service anvil {
  chroot =
}
service stats {
  unix_listener stats-reader {
    user = ${internalUser}
  }
  unix_listener stats-writer {
    user = ${internalUser}
  }
}
`,
    );
    this.#child = spawn(DOVECOT, ["-F", "-c", path.join(folder, "dovecot.conf")], { stdio: ["ignore", "inherit", "inherit"] });
    await waitForPort(this.port, this.#child, log);
    return this;
  }

  client(): ImapFlow {
    return new ImapFlow({
      host: "127.0.0.1",
      port: this.port,
      secure: false,
      doSTARTTLS: false,
      auth: { user: this.user, pass: this.password },
      logger: false,
    });
  }

  /** Puts messages into INBOX, unread, as a mail server delivering them would. */
  async append(messages: string[]): Promise<void> {
    const client = this.client();
    await client.connect();
    try {
      for (const message of messages) await client.append("INBOX", message, []);
    } finally {
      await client.logout();
    }
  }

  /** Flags of every message in INBOX, in order (without \Recent, which only says who looked first). */
  async flags(): Promise<string[][]> {
    const client = this.client();
    await client.connect();
    const lock = await client.getMailboxLock("INBOX");
    try {
      const flags: string[][] = [];
      for await (const message of client.fetch("1:*", { flags: true }))
        flags.push([...(message.flags ?? [])].filter((flag) => flag !== "\\Recent").sort());
      return flags;
    } finally {
      lock.release();
      await client.logout();
    }
  }

  async stop(): Promise<void> {
    const child = this.#child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    }
    rmSync(this.#folder, { recursive: true, force: true });
  }
}
