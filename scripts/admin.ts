import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { passwordFromStdin } from "./lib/password-stdin";
import { prepare } from "./lib/prepare";

/**
 * npm run admin -- create --email you@example.gov.uk [--role admin|staff] [--name "Your Name"]
 * npm run admin -- set-password --email you@example.gov.uk
 * npm run admin -- list
 * Passwords are asked for (not echoed), or read from standard input with --password-stdin.
 */
const USAGE = `Usage:
  npm run admin -- create --email <address> [--role admin|staff] [--name <name>] [--password-stdin]
  npm run admin -- set-password --email <address> [--password-stdin]
  npm run admin -- list`;

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    email: { type: "string" },
    role: { type: "string", default: "admin" },
    name: { type: "string" },
    "password-stdin": { type: "boolean", default: false },
  },
});

async function readStdin(): Promise<string> {
  let text = "";
  for await (const chunk of process.stdin) text += chunk;
  return passwordFromStdin(text);
}

/** Reads a line from the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  return new Promise((resolve) => {
    const terminal = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
    const write = (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput;
    (terminal as unknown as { _writeToOutput: (text: string) => void })._writeToOutput = (text: string) => {
      write.call(terminal, text.startsWith(question) ? question : "");
    };
    terminal.question(question, (answer) => {
      terminal.close();
      process.stdout.write("\n");
      resolve(answer);
    });
  });
}

async function newPassword(): Promise<string> {
  if (values["password-stdin"] || !process.stdin.isTTY) return readStdin();
  const first = await askHidden("Password (12 characters or more): ");
  const second = await askHidden("Password again: ");
  if (first !== second) throw new Error("The passwords do not match.");
  return first;
}

async function main() {
  const command = positionals[0];
  if (!command || !["create", "set-password", "list"].includes(command)) {
    console.error(USAGE);
    process.exit(2);
  }
  await prepare({ quiet: true });
  const { createUser, setPassword } = await import("../lib/auth/users");
  const { isRole } = await import("../lib/auth/roles");
  const { db } = await import("../lib/db");
  try {
    if (command === "list") {
      const users = await db.user.findMany({ orderBy: { email: "asc" } });
      for (const user of users) console.log(`${user.email}\t${user.role}`);
      if (users.length === 0) console.log("No hub users yet.");
      return;
    }
    if (!values.email) throw new Error(`--email is required.\n${USAGE}`);
    if (command === "create") {
      if (!isRole(values.role)) throw new Error("--role must be admin or staff.");
      const user = await createUser({ email: values.email, password: await newPassword(), role: values.role, name: values.name });
      console.log(`Created ${user.role} ${user.email}. They can now sign in.`);
    } else {
      await setPassword(values.email, await newPassword());
      console.log(`Changed the password of ${values.email}.`);
    }
  } finally {
    await db.$disconnect();
  }
}

main().catch((error: Error) => {
  console.error(error.message);
  process.exit(1);
});
