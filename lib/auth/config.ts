import "server-only";
import { PrismaAdapter } from "@auth/prisma-adapter";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { environment } from "../config";
import { db } from "../db";
import { log } from "../log";
import { authSecret } from "../secrets";
import { verifyPassword } from "./password";
import { isRole } from "./roles";
import { signInSchema } from "./schemas";
import { lockAfterFailure, recordSuccess, reserveAttempt } from "./throttle";

/** Wrong address or password: the same code either way, so the response does not reveal which addresses exist. */
export class InvalidCredentials extends CredentialsSignin {
  code = "invalid_credentials";
}

/** Too many failures for this address or client: refused until the lock ends. */
export class SignInLocked extends CredentialsSignin {
  code = "locked";
  constructor(readonly retryAt: Date) {
    super("Too many failed sign-in attempts");
  }
}

/**
 * The client's address for throttling. scripts/serve.ts has already replaced X-Forwarded-For with the one address
 * that can be believed (the connection's, or the nearest trusted proxy's view: HUB_TRUSTED_PROXIES).
 */
function clientAddress(request: Request): string {
  return request.headers.get("x-forwarded-for")?.split(",")[0]?.trim() || "unknown";
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function authorize(credentials: Partial<Record<string, unknown>>, request: Request) {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) throw new InvalidCredentials();
  const { email, password } = parsed.data;
  const keys = { email, client: clientAddress(request) };

  // Counted before the password is looked at, so concurrent guesses cannot slip past the lock (throttle.ts).
  const decision = await reserveAttempt(keys);
  if (decision.locked) {
    log.warn("signin.refused_locked", { email });
    throw new SignInLocked(decision.retryAt);
  }
  if (decision.delayMs > 0) await sleep(decision.delayMs);

  const user = await db.user.findUnique({ where: { email } });
  const valid = await verifyPassword(password, user?.passwordHash);
  if (!user || !valid || !isRole(user.role)) {
    log.warn("signin.failed", { email });
    const lockedUntil = await lockAfterFailure(keys);
    if (lockedUntil) throw new SignInLocked(lockedUntil);
    throw new InvalidCredentials();
  }
  await recordSuccess(keys);
  log.info("signin.succeeded", { userId: user.id });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

export const SESSION_MAX_AGE_SECONDS = 8 * 60 * 60;

/**
 * The config is built on first use, not at import: `next build` imports this module in a build stage that has no
 * secrets (a container build), and the secret is read only when a request needs it. The config must not depend on
 * the request (Auth.js passes none to auth() in server components).
 */
export const { handlers, auth, signIn, signOut } = NextAuth(() => ({
  adapter: PrismaAdapter(db),
  secret: authSecret(environment().dataDir),
  basePath: "/api/auth",
  trustHost: true,
  // Credentials sign-in needs JWT sessions even with a database adapter; pages still re-read the user (session.ts).
  session: { strategy: "jwt", maxAge: SESSION_MAX_AGE_SECONDS },
  pages: { signIn: "/signin", error: "/signin" },
  providers: [Credentials({ credentials: { email: {}, password: {} }, authorize })],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
  logger: {
    error(error) {
      // Failed sign-ins are expected and already logged above without the password.
      if (error instanceof CredentialsSignin) return;
      log.error("auth.error", { error });
    },
    warn(code) {
      log.warn("auth.warning", { code });
    },
    debug() {},
  },
}));
