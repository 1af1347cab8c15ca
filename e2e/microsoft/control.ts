import type { ServerResponse } from "node:http";
import type { EmulatorContext } from "./context";
import { calendarControl } from "./control-calendars";
import { findApp, forbidSecrets, refuseForbiddenSecrets, removeCertificates, uploadCertificate } from "./control-credentials";
import { ControlError, findUser, parse } from "./control-errors";
import { addMailbox } from "./control-mailboxes";
import { placeControl } from "./control-places";
import { roomControl } from "./control-rooms";
import { subscriptionControl } from "./control-subscriptions";
import {
  appSettingsSchema,
  certificateUploadSchema,
  configSchema,
  faultSchema,
  nextAdminConsentSchema,
  nextSignInSchema,
  revokeSchema,
  type AppSettings,
  type UserTokens,
} from "./control-types";
import type { App, Directory, User } from "./directory";
import { guid, sendJson, type EmulatorRequest } from "./http";

/**
 * The test-only control API under /_emulator (no authentication: never expose the emulator beyond localhost).
 * control-client.ts wraps each endpoint in a typed method.
 */

function updateApp(directory: Directory, clientId: string, settings: AppSettings): App {
  const app = findApp(directory, clientId);
  refuseForbiddenSecrets(app, settings.secrets);
  if (settings.secrets) {
    app.secrets = settings.secrets.map((secret) => ({ value: secret.value, id: secret.id ?? guid(), expired: secret.expired ?? false }));
  }
  if (settings.redirectUris) app.redirectUris = [...settings.redirectUris];
  if (settings.signInAudience) app.signInAudience = settings.signInAudience;
  if (settings.delegatedPermissions) app.delegatedPermissions = [...settings.delegatedPermissions];
  if (settings.applicationPermissions) app.applicationPermissions = [...settings.applicationPermissions];
  if (settings.adminConsentedTenants) {
    app.adminConsentedTenants = settings.adminConsentedTenants.map((value) => {
      const tenant = directory.tenantByIdOrDomain(value);
      if (!tenant) throw new ControlError(400, `No tenant '${value}' in the emulator's directory.`);
      return tenant.id;
    });
    for (const tenant of app.adminConsentedTenants) if (!app.servicePrincipalTenants.includes(tenant)) app.servicePrincipalTenants.push(tenant);
  }
  return app;
}

function userTokens(ctx: EmulatorContext, user: User): UserTokens {
  const now = Date.now();
  return {
    refreshTokens: ctx.state.tokens.refreshTokensFor(user.id).map((token) => ({
      value: token.value,
      issuedAt: token.issuedAt.toISOString(),
      revoked: token.revoked,
      reason: token.reason,
      clientId: token.clientId,
      scopes: token.scopes,
    })),
    accessTokens: ctx.state.tokens.accessTokensFor(user.id).map((token) => ({
      value: token.value,
      issuedAt: token.issuedAt.toISOString(),
      expiresAt: token.expiresAt.toISOString(),
      expired: token.expiresAt.getTime() <= now,
      clientId: token.clientId,
      scopes: token.scopes,
    })),
  };
}

/** Returns the response body (or a promise of it: a lifecycle notification's first attempt); throws ControlError for a 4xx. */
function route(ctx: EmulatorContext, req: EmulatorRequest): unknown {
  const { state } = ctx;
  const { method, path } = req;
  const userAction = /^\/users\/([^/]+)\/(revoke|expire-access-tokens)$/.exec(path);
  const appPath = /^\/apps\/([^/]+)$/.exec(path);
  const appCredentials = /^\/apps\/([^/]+)\/(certificates|forbid-secrets)$/.exec(path);

  if (method === "GET" && path === "/health") return { status: "ok" };
  if (method === "POST" && path === "/reset") {
    state.reset();
    return { reset: true };
  }
  if (method === "PUT" && appPath) return updateApp(state.directory, decodeURIComponent(appPath[1]!), parse(appSettingsSchema, req.json));
  if (appCredentials) {
    const app = findApp(state.directory, decodeURIComponent(appCredentials[1]!));
    if (appCredentials[2] === "certificates" && method === "POST") return uploadCertificate(app, parse(certificateUploadSchema, req.json));
    if (appCredentials[2] === "certificates" && method === "DELETE") return removeCertificates(app);
    if (appCredentials[2] === "forbid-secrets" && method === "POST") return forbidSecrets(app);
  }
  if (method === "POST" && path === "/next-sign-in") {
    state.nextSignIn = parse(nextSignInSchema, req.json);
    return { armed: state.nextSignIn };
  }
  if (method === "POST" && path === "/next-admin-consent") {
    state.nextAdminConsent = parse(nextAdminConsentSchema, req.json);
    return { armed: state.nextAdminConsent };
  }
  if (method === "POST" && userAction) {
    const user = findUser(state.directory, decodeURIComponent(userAction[1]!));
    if (userAction[2] === "revoke") {
      const { reason = "revoked" } = parse(revokeSchema, req.json);
      return { revoked: state.tokens.revokeRefreshTokens(user.id, reason), reason };
    }
    return { expired: state.tokens.expireAccessTokens(user.id) };
  }
  if (method === "POST" && path === "/mailboxes") return addMailbox(ctx, req.json);
  if (method === "POST" && path === "/config") {
    const config = parse(configSchema, req.json);
    for (const [name, value] of Object.entries(config)) {
      if (value !== undefined) state.config[name as keyof typeof state.config] = value;
    }
    return state.config;
  }
  if (path === "/faults" && method === "POST") {
    state.faults.add(parse(faultSchema, req.json));
    return { added: true };
  }
  if (path === "/faults" && method === "DELETE") {
    state.faults.clear();
    return { cleared: true };
  }
  if (path === "/requests" && method === "GET") return state.requests.list();
  if (path === "/requests" && method === "DELETE") {
    state.requests.clear();
    return { cleared: true };
  }
  const calendarAnswer = calendarControl(ctx, req) ?? placeControl(ctx, req) ?? roomControl(ctx, req) ?? subscriptionControl(ctx, req);
  if (calendarAnswer) return calendarAnswer.body;
  if (path === "/tokens" && method === "GET") {
    const email = req.query.get("email");
    if (!email) throw new ControlError(400, "email: required");
    return userTokens(ctx, findUser(state.directory, email));
  }
  throw new ControlError(404, `No control endpoint ${method} /_emulator${path}.`);
}

export async function handleControl(ctx: EmulatorContext, req: EmulatorRequest, res: ServerResponse): Promise<void> {
  if (req.rawBody.trim() !== "" && req.json === undefined) {
    return sendJson(res, 400, { error: "The body must be JSON (content-type: application/json)." });
  }
  try {
    sendJson(res, 200, await route(ctx, req));
  } catch (error) {
    if (error instanceof ControlError) return sendJson(res, error.status, { error: error.message });
    throw error;
  }
}
