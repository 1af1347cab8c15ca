/**
 * The password piped to `npm run admin -- … --password-stdin`. The one line break that `echo` or a here-string adds
 * at the end is dropped; any other means more than one line was sent (a file with a comment, `echo -e`, two
 * passwords), which a browser's password field could never send back at sign-in: refuse it, saying how to pipe one.
 */
export function passwordFromStdin(text: string): string {
  const password = text.replace(/\r?\n$/, "");
  if (/[\r\n]/.test(password)) {
    throw new Error(
      "The password on standard input has a line break in it; a password must be on one line. " +
        `Send only the password, for example: printf '%s' "$PASSWORD" | npm run admin -- create --email <address> --password-stdin`,
    );
  }
  return password;
}
