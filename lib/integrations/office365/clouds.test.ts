import { describe, expect, it } from "vitest";
import { joinUrl, microsoftHosts } from "./clouds";

describe("Microsoft hosts", () => {
  it("fixes the hosts for each national cloud", () => {
    expect(microsoftHosts("global")).toEqual({ loginUrl: "https://login.microsoftonline.com", graphUrl: "https://graph.microsoft.com" });
    expect(microsoftHosts("usgov")).toEqual({ loginUrl: "https://login.microsoftonline.us", graphUrl: "https://graph.microsoft.us" });
    expect(microsoftHosts("usgovdod")).toEqual({ loginUrl: "https://login.microsoftonline.us", graphUrl: "https://dod-graph.microsoft.us" });
    expect(microsoftHosts("china")).toEqual({
      loginUrl: "https://login.partner.microsoftonline.cn",
      graphUrl: "https://microsoftgraph.chinacloudapi.cn",
    });
  });

  it("lets MICROSOFT_LOGIN_URL / MICROSOFT_GRAPH_URL replace them", () => {
    expect(microsoftHosts("china", { microsoftLoginUrl: "https://localhost:8443/login", microsoftGraphUrl: "https://localhost:8443/graph" })).toEqual({
      loginUrl: "https://localhost:8443/login",
      graphUrl: "https://localhost:8443/graph",
    });
  });

  it("joins base URLs that carry a path", () => {
    expect(joinUrl("https://localhost:8443/login/", "/organizations/", "oauth2/v2.0/token")).toBe(
      "https://localhost:8443/login/organizations/oauth2/v2.0/token",
    );
    expect(joinUrl("https://login.microsoftonline.com", "common", "oauth2/authorize")).toBe(
      "https://login.microsoftonline.com/common/oauth2/authorize",
    );
  });
});
