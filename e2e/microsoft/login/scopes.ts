import { GRAPH_APP_ID, GRAPH_RESOURCE, type App } from "../directory";

/**
 * v2.0 scopes: "openid profile email offline_access https://graph.microsoft.com/Calendars.ReadWrite". Graph
 * permissions may be sent with or without the resource prefix; tokens name them by their short name
 * (https://learn.microsoft.com/entra/identity-platform/scopes-oidc).
 */
const OIDC_SCOPES = ["openid", "profile", "email"];
const GRAPH_PREFIXES = [`${GRAPH_RESOURCE}/`, `${GRAPH_APP_ID}/`];

export interface RequestedScopes {
  /** Graph permissions by short name, as requested. */
  graph: string[];
  /** openid, profile and email, as requested. */
  oidc: string[];
  offlineAccess: boolean;
  /** https://graph.microsoft.com/.default: every permission configured on the app registration. */
  graphDefault: boolean;
}

/** Parses a v2.0 `scope` parameter; `invalid` names the first scope for another resource. */
export function parseScopes(raw: string): { scopes: RequestedScopes } | { invalid: string } {
  const scopes: RequestedScopes = { graph: [], oidc: [], offlineAccess: false, graphDefault: false };
  for (const scope of raw.split(" ").filter(Boolean)) {
    const lower = scope.toLowerCase();
    if (lower === "offline_access") scopes.offlineAccess = true;
    else if (OIDC_SCOPES.includes(lower)) scopes.oidc.push(lower);
    else {
      const prefix = GRAPH_PREFIXES.find((candidate) => lower.startsWith(candidate.toLowerCase()));
      const name = prefix ? scope.slice(prefix.length) : scope;
      if (name.includes("/") || name.includes(":") || name === "") return { invalid: scope };
      if (name.toLowerCase() === ".default") scopes.graphDefault = true;
      else scopes.graph.push(name);
    }
  }
  return { scopes };
}

function isOidcOrOffline(permission: string): boolean {
  const lower = permission.toLowerCase();
  return lower === "offline_access" || OIDC_SCOPES.includes(lower);
}

/**
 * What a v2.0 token grants: the requested Graph permissions the app has (in the app registration's spelling), plus
 * the requested OIDC scopes. offline_access is never listed. With only OIDC scopes, Microsoft issues a Graph token
 * for User.Read.
 */
export function grantedScopes(app: App, requested: RequestedScopes): string[] {
  const graphPermissions = app.delegatedPermissions.filter((permission) => !isOidcOrOffline(permission));
  let graph: string[];
  if (requested.graphDefault) graph = graphPermissions;
  else if (requested.graph.length === 0) graph = graphPermissions.filter((permission) => permission === "User.Read");
  else {
    graph = requested.graph
      .map((name) => graphPermissions.find((permission) => permission.toLowerCase() === name.toLowerCase()))
      .filter((permission): permission is string => permission !== undefined);
  }
  return [...new Set([...graph, ...requested.oidc])];
}

/** v1.0 ignores `scope`: the token carries every delegated Graph permission configured on the app. */
export function v1GrantedScopes(app: App): string[] {
  return app.delegatedPermissions.filter((permission) => permission.toLowerCase() !== "offline_access");
}

/** Whether a v1.0 `resource` names Microsoft Graph. */
export function isGraphResource(resource: string): boolean {
  const normalized = resource.toLowerCase().replace(/\/+$/, "");
  return normalized === GRAPH_RESOURCE || normalized === GRAPH_APP_ID;
}
