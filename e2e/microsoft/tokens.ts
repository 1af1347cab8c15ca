import { randomBytes } from "node:crypto";

/**
 * Access and refresh tokens are opaque random strings here (Microsoft's Graph access tokens are JWTs, but clients
 * must treat them as opaque: https://learn.microsoft.com/entra/identity-platform/access-tokens). The registry
 * remembers what each one grants.
 */

export type AzureAdVersion = "v1" | "v2";

/** Why a refresh token stopped working, and which AADSTS error the token endpoint then answers. */
export type RevocationReason = "revoked" | "inactive" | "consent";

export interface AccessTokenRecord {
  value: string;
  kind: "delegated" | "app";
  /** Set for delegated tokens. */
  userId: string | null;
  tenantId: string;
  clientId: string;
  /** Delegated permissions (short names, e.g. "Calendars.ReadWrite"). */
  scopes: string[];
  /** Application permissions, present only when an admin consented for the tenant. */
  roles: string[];
  version: AzureAdVersion;
  issuedAt: Date;
  expiresAt: Date;
}

export interface RefreshTokenRecord {
  value: string;
  userId: string;
  tenantId: string;
  clientId: string;
  /** The granted scopes (v2) or the app's delegated permissions (v1), short names. */
  scopes: string[];
  /** The endpoint version that issued it; a refresh answers in the shape of the endpoint it is sent to. */
  version: AzureAdVersion;
  issuedAt: Date;
  revoked: boolean;
  reason: RevocationReason | null;
  revokedAt: Date | null;
}

function opaque(prefix: string): string {
  return prefix + randomBytes(32).toString("base64url");
}

export class TokenRegistry {
  private readonly accessTokens: AccessTokenRecord[] = [];
  private readonly refreshTokens: RefreshTokenRecord[] = [];

  issueAccessToken(details: Omit<AccessTokenRecord, "value" | "issuedAt" | "expiresAt">, lifetimeSeconds: number): AccessTokenRecord {
    const issuedAt = new Date();
    const record: AccessTokenRecord = {
      ...details,
      value: opaque("emu-at-"),
      issuedAt,
      expiresAt: new Date(issuedAt.getTime() + lifetimeSeconds * 1000),
    };
    this.accessTokens.push(record);
    return record;
  }

  issueRefreshToken(details: Omit<RefreshTokenRecord, "value" | "issuedAt" | "revoked" | "reason" | "revokedAt">): RefreshTokenRecord {
    const record: RefreshTokenRecord = {
      ...details,
      value: opaque("emu-rt-"),
      issuedAt: new Date(),
      revoked: false,
      reason: null,
      revokedAt: null,
    };
    this.refreshTokens.push(record);
    return record;
  }

  accessToken(value: string): AccessTokenRecord | undefined {
    return this.accessTokens.find((record) => record.value === value);
  }

  refreshToken(value: string): RefreshTokenRecord | undefined {
    return this.refreshTokens.find((record) => record.value === value);
  }

  /** Marks every refresh token issued so far for the user; later ones are unaffected (as after a password reset). */
  revokeRefreshTokens(userId: string, reason: RevocationReason): number {
    const affected = this.refreshTokens.filter((record) => record.userId === userId);
    const now = new Date();
    for (const record of affected) {
      record.revoked = true;
      record.reason = reason;
      record.revokedAt = now;
    }
    return affected.length;
  }

  expireAccessTokens(userId: string): number {
    const past = new Date(Date.now() - 1000);
    const affected = this.accessTokens.filter((record) => record.userId === userId && record.expiresAt > past);
    for (const record of affected) record.expiresAt = past;
    return affected.length;
  }

  refreshTokensFor(userId: string): RefreshTokenRecord[] {
    return this.refreshTokens.filter((record) => record.userId === userId);
  }

  accessTokensFor(userId: string): AccessTokenRecord[] {
    return this.accessTokens.filter((record) => record.userId === userId);
  }
}
