import "server-only";
import { environment } from "../../config";
import { HubError } from "../../errors";
import type { ClientCredential } from "./client-credential";
import { CLOUDS, microsoftHosts, type Cloud } from "./clouds";
import { readClientCredentials } from "./settings";
import type { AzureAdVersion } from "./settings-schema";

/**
 * Everything needed to talk to Microsoft for this hub's app registration, with its credential (client secret or
 * certificate key) decrypted. Server-side only: never pass it to a page.
 */
export type MicrosoftApp = {
  clientId: string;
  credential: ClientCredential;
  azureAdVersion: AzureAdVersion;
  tenant: string;
  cloud: Cloud;
  /** Where to send requests (the cloud's hosts, or MICROSOFT_*_URL overrides). */
  loginUrl: string;
  graphUrl: string;
  /** How Microsoft names Graph in tokens (v1.0 resource, v2.0 scope prefix): always the cloud's real Graph URL. */
  graphResource: string;
  /** Changes whenever the settings or the admin consent change: cached app-only tokens are keyed by it. */
  version: string;
};

export async function microsoftApp(): Promise<MicrosoftApp> {
  const settings = await readClientCredentials();
  if (!settings) {
    throw new HubError("not_configured");
  }
  const hosts = microsoftHosts(settings.cloud, environment());
  return {
    clientId: settings.clientId,
    credential: settings.credential,
    azureAdVersion: settings.azureAdVersion,
    tenant: settings.tenant,
    cloud: settings.cloud,
    loginUrl: hosts.loginUrl,
    graphUrl: hosts.graphUrl,
    graphResource: CLOUDS[settings.cloud].graphUrl,
    version: `${settings.updatedAt.getTime()}:${settings.adminConsentAt?.getTime() ?? 0}`,
  };
}
