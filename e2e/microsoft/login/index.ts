import type { EmulatorContext } from "../context";
import { AADSTS, newTrace } from "../errors";
import { sendHtml, sendJson, type EmulatorRequest, type ResponseSink } from "../http";
import { CONSENT_PATH, handleAdminConsent, handleAdminConsentSubmit } from "./admin-consent";
import { handleAuthorize, handlePickerSubmit, PICKER_PATH } from "./authorize";
import { handleKeys, handleV1Configuration, handleV2Configuration } from "./discovery";
import { errorLookupPage, errorPage } from "./pages";
import { handleToken } from "./token";

/** Routes below /login, the emulator's stand-in for https://login.microsoftonline.com. */
export async function handleLogin(ctx: EmulatorContext, req: EmulatorRequest, res: ResponseSink): Promise<void> {
  const { method, path } = req;
  if (method === "POST" && path === PICKER_PATH) return handlePickerSubmit(ctx, req, res);
  if (method === "POST" && path === CONSENT_PATH) return handleAdminConsentSubmit(ctx, req, res);
  if (method === "GET" && path === "/error") return sendHtml(res, 200, errorLookupPage(req.query.get("code") ?? ""));

  const match = /^\/([^/]+)(\/.*)$/.exec(path);
  if (!match) return notFound(res);
  const tenant = decodeURIComponent(match[1]!);
  const rest = match[2]!;

  switch (rest) {
    case "/oauth2/authorize":
      if (method === "GET") return handleAuthorize(ctx, req, res, "v1", tenant);
      break;
    case "/oauth2/v2.0/authorize":
      if (method === "GET") return handleAuthorize(ctx, req, res, "v2", tenant);
      break;
    case "/oauth2/token":
    case "/oauth2/v2.0/token":
      if (method !== "POST") return sendHtml(res, 400, errorPage(AADSTS.postOnly(method), newTrace()));
      return handleToken(ctx, req, res, rest === "/oauth2/token" ? "v1" : "v2", tenant);
    case "/v2.0/.well-known/openid-configuration":
      if (method === "GET") return handleV2Configuration(ctx, res, tenant);
      break;
    case "/.well-known/openid-configuration":
      if (method === "GET") return handleV1Configuration(ctx, res, tenant);
      break;
    case "/discovery/v2.0/keys":
    case "/discovery/keys":
      if (method === "GET") return handleKeys(ctx, res, tenant);
      break;
    case "/v2.0/adminconsent":
      if (method === "GET") return handleAdminConsent(ctx, req, res, "v2", tenant);
      break;
    case "/adminconsent":
      if (method === "GET") return handleAdminConsent(ctx, req, res, "v1", tenant);
      break;
  }
  notFound(res);
}

function notFound(res: ResponseSink): void {
  sendJson(res, 404, { error: "not_found", error_description: "The emulator has no such login endpoint." });
}
