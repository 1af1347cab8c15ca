import type { Cloud } from "../../db/enums";

/**
 * The national clouds and their hosts. Each fixes where users sign in and where Graph is called.
 * https://learn.microsoft.com/entra/identity-platform/authentication-national-cloud
 * https://learn.microsoft.com/graph/deployments
 */
export const CLOUDS = {
  global: {
    label: "Global",
    hint: "Microsoft 365 worldwide, including UK public sector tenants",
    loginUrl: "https://login.microsoftonline.com",
    graphUrl: "https://graph.microsoft.com",
    adminCenterUrl: "https://entra.microsoft.com",
  },
  usgov: {
    label: "US Government (GCC High)",
    hint: "Microsoft 365 GCC High",
    loginUrl: "https://login.microsoftonline.us",
    graphUrl: "https://graph.microsoft.us",
    adminCenterUrl: "https://entra.microsoft.us",
  },
  usgovdod: {
    label: "US Government (DoD)",
    hint: "Microsoft 365 DoD",
    loginUrl: "https://login.microsoftonline.us",
    graphUrl: "https://dod-graph.microsoft.us",
    adminCenterUrl: "https://entra.microsoft.us",
  },
  china: {
    label: "China (21Vianet)",
    hint: "Microsoft 365 operated by 21Vianet",
    loginUrl: "https://login.partner.microsoftonline.cn",
    graphUrl: "https://microsoftgraph.chinacloudapi.cn",
    adminCenterUrl: "https://portal.azure.cn",
  },
} as const satisfies Record<Cloud, unknown>;

export type { Cloud };
export const CLOUD_IDS = Object.keys(CLOUDS) as [Cloud, ...Cloud[]];

export type MicrosoftHosts = { loginUrl: string; graphUrl: string };

/**
 * The hosts to use for a cloud. MICROSOFT_LOGIN_URL / MICROSOFT_GRAPH_URL replace them (for emulators and tests);
 * any https base URL works, with or without a path.
 */
export function microsoftHosts(cloud: Cloud, overrides: { microsoftLoginUrl?: string; microsoftGraphUrl?: string } = {}): MicrosoftHosts {
  return {
    loginUrl: overrides.microsoftLoginUrl ?? CLOUDS[cloud].loginUrl,
    graphUrl: overrides.microsoftGraphUrl ?? CLOUDS[cloud].graphUrl,
  };
}

/** Joins a base URL that may carry a path ("https://emulator:8443/login") with an endpoint path. */
export function joinUrl(base: string, ...segments: string[]): string {
  const trimmedBase = base.replace(/\/+$/, "");
  const rest = segments.map((segment) => segment.replace(/^\/+|\/+$/g, "")).filter(Boolean).join("/");
  return rest ? `${trimmedBase}/${rest}` : trimmedBase;
}

/** Every origin Microsoft sign-in can happen at (each cloud's, and the override's), for the CSP's form-action. */
export function microsoftSignInOrigins(loginUrlOverride?: string): string[] {
  const urls = [...Object.values(CLOUDS).map((cloud) => cloud.loginUrl), ...(loginUrlOverride ? [loginUrlOverride] : [])];
  return [...new Set(urls.map((url) => new URL(url).origin))];
}
