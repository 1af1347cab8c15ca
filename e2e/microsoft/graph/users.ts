import type { User } from "../directory";
import type { GraphCall, GraphRoute } from "./route";
import { graphError, graphJson } from "./responses";

/**
 * GET /me and GET /users/{id | userPrincipalName} (https://learn.microsoft.com/graph/api/user-get).
 * `mail` can be null: not every account has a mailbox address.
 */

/** Graph's default user properties, in Graph's order. */
const DEFAULT_PROPERTIES = [
  "businessPhones",
  "displayName",
  "givenName",
  "jobTitle",
  "mail",
  "mobilePhone",
  "officeLocation",
  "preferredLanguage",
  "surname",
  "userPrincipalName",
  "id",
] as const;

function properties(user: User): Record<string, unknown> {
  return {
    businessPhones: [],
    displayName: user.displayName,
    givenName: user.givenName,
    jobTitle: user.jobTitle,
    mail: user.mail,
    mobilePhone: null,
    officeLocation: null,
    preferredLanguage: null,
    surname: user.surname,
    userPrincipalName: user.userPrincipalName,
    id: user.id,
    // Selectable with $select only.
    accountEnabled: user.mailbox === "user",
    mailNickname: user.userPrincipalName.split("@")[0],
    userType: "Member",
    otherMails: [],
  };
}

/** The user as Graph returns it, honouring $select (unknown properties are a 400, as at Graph). */
function sendUser(call: GraphCall, user: User): void {
  const all = properties(user);
  const select = call.req.query.get("$select");
  const selected = select ? select.split(",").map((name) => name.trim()).filter(Boolean) : [...DEFAULT_PROPERTIES];
  const unknown = selected.find((name) => !(name in all));
  if (unknown) {
    return graphError(call.res, call.ids, 400, "BadRequest", `Could not find a property named '${unknown}' on type 'microsoft.graph.user'.`);
  }
  const context = select
    ? `${call.ctx.graphUrl}/v1.0/$metadata#users(${selected.join(",")})/$entity`
    : `${call.ctx.graphUrl}/v1.0/$metadata#users/$entity`;
  graphJson(call.res, call.ids, 200, {
    "@odata.context": context,
    ...Object.fromEntries(selected.map((name) => [name, all[name]])),
  });
}

function getMe(call: GraphCall): void {
  if (call.token.kind !== "delegated" || !call.token.userId) {
    return graphError(call.res, call.ids, 400, "BadRequest", "/me request is only valid with delegated authentication flow.");
  }
  sendUser(call, call.ctx.state.directory.userById(call.token.userId));
}

function getUser(call: GraphCall): void {
  const { token } = call;
  // App-only callers need an application permission an admin consented to.
  if (token.kind === "app" && token.roles.length === 0) {
    return graphError(call.res, call.ids, 403, "Authorization_RequestDenied", "Insufficient privileges to complete the operation.");
  }
  const idOrName = call.params[0] ?? "";
  const user = call.ctx.state.directory.userByIdOrPrincipalName(idOrName);
  if (!user || user.tenantId !== token.tenantId) {
    return graphError(
      call.res,
      call.ids,
      404,
      "Request_ResourceNotFound",
      `Resource '${idOrName}' does not exist or one of its queried reference-property objects are not present.`,
    );
  }
  sendUser(call, user);
}

export const userRoutes: GraphRoute[] = [
  { method: "GET", pattern: /^\/me\/?$/, handle: getMe },
  { method: "GET", pattern: /^\/users\/([^/]+)\/?$/, handle: getUser },
];
