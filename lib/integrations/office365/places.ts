import "server-only";
import type { Client } from "@microsoft/microsoft-graph-client";
import { db } from "../../db";
import { HubError } from "../../errors";
import { CLOUDS } from "./clouds";
import { withGraph, type GraphIdentity } from "./graph";
import { isTransient, MicrosoftError, type GraphContext } from "./microsoft-errors";
import { parseScopes, PLACES_PERMISSION } from "./permissions";
import {
  graphPageSchema,
  ROOM_LIST_SELECT,
  ROOM_SELECT,
  toDirectoryRoom,
  toDirectoryRoomList,
  type DirectoryRoom,
  type DirectoryRoomList,
} from "./places-schemas";
import { readSettings, type Office365Settings } from "./settings";
import { TENANT_ALIASES } from "./settings-schema";
import { mailboxSchema } from "./calendar/schemas";

export type { BookingType, DirectoryRoom, DirectoryRoomList } from "./places-schemas";

/**
 * The tenant's room directory, read through Microsoft Graph's Places API (https://learn.microsoft.com/graph/api/place-list):
 * its room lists (buildings) and rooms, with capacity, floor, accessibility and AV devices. It needs Place.Read.All —
 * an application permission with admin consent (the app reads the tenant's directory), or a delegated one in a
 * connected account's token. `directoryAccess()` decides which, or says why neither works.
 *
 * Microsoft pages places 100 at a time; the hub follows @odata.nextLink for at most MAX_PAGES pages and MAX_ROOMS
 * rooms. Beyond that the listing stops and says so (`truncated`): the page then asks the admin to choose a building,
 * whose rooms are listed on their own.
 */
export const MAX_ROOMS = 2_000;
export const MAX_PAGES = 20;

export type RoomListing = { rooms: DirectoryRoom[]; truncated: boolean };
export type RoomListListing = { roomLists: DirectoryRoomList[]; truncated: boolean };

/** Either who reads the directory (the app, or an account) or why it cannot be read, in words an admin can act on. */
export type DirectoryAccess =
  | { readable: true; identity: GraphIdentity; access: "application" | "delegated"; via: string }
  | { readable: false; reason: HubError };

/** Personal Microsoft accounts' tenant (https://learn.microsoft.com/entra/identity-platform/id-token-claims-reference): places are "not supported" for them. */
const PERSONAL_ACCOUNTS_TENANT = "9188040d-6c67-4c5b-b112-36a304b66dad";
const PLACE_SCOPES = [PLACES_PERMISSION, "Place.ReadWrite.All"].map((name) => name.toLowerCase());

const byName = <T extends { name: string }>(a: T, b: T) => a.name.localeCompare(b.name, "en-GB", { sensitivity: "base" });

function contextFor(identity: GraphIdentity, subject = "the room directory"): GraphContext {
  return { places: true, permission: PLACES_PERMISSION, subject, access: identity.kind === "app" ? "application" : "delegated" };
}

const unexpectedAnswer = () => new HubError("graph_refused", { detail: "its answer for the room directory was not in the documented form" });

/** Every page from `path`, items keyed by address (a directory changing between pages must not list a room twice). */
async function readPages<T extends { address: string }>(client: Client, path: string, select: string[], read: (item: unknown) => T | null) {
  const items = new Map<string, T>();
  let page = graphPageSchema.safeParse(await client.api(path).select(select).get());
  for (let pages = 1; ; pages++) {
    if (!page.success) throw unexpectedAnswer();
    for (const raw of page.data.value) {
      const item = read(raw);
      if (item && !items.has(item.address)) items.set(item.address, item);
    }
    const next = page.data["@odata.nextLink"];
    const full = items.size >= MAX_ROOMS || pages >= MAX_PAGES;
    if (!next || full) return { items: [...items.values()].slice(0, MAX_ROOMS), truncated: Boolean(next) || items.size > MAX_ROOMS };
    page = graphPageSchema.safeParse(await client.api(next).get());
  }
}

/** The tenant's room lists (buildings), by name. */
export async function listRoomLists(identity: GraphIdentity): Promise<RoomListListing> {
  const { items, truncated } = await withGraph(
    identity,
    (client) => readPages(client, "/places/microsoft.graph.roomlist", ROOM_LIST_SELECT, toDirectoryRoomList),
    contextFor(identity),
  );
  return { roomLists: items.sort(byName), truncated };
}

/**
 * The rooms of one room list (given by its address: Graph finds room lists by email, not id), or every room of the
 * tenant, by name. Rooms hidden from the address list are never among them: Microsoft does not return them.
 */
export async function listRooms(identity: GraphIdentity, options: { roomList?: string } = {}): Promise<RoomListing> {
  let roomList: string | undefined;
  if (options.roomList !== undefined) {
    const parsed = mailboxSchema.safeParse(options.roomList);
    if (!parsed.success) throw new HubError("invalid_input", { message: "The room list must be its email address, like town.hall@example.gov.uk" }, { field: "roomList" });
    roomList = parsed.data;
  }
  const path = roomList ? `/places/${encodeURIComponent(roomList)}/microsoft.graph.roomlist/rooms` : "/places/microsoft.graph.room";
  const { items, truncated } = await withGraph(
    identity,
    (client) => readPages(client, path, ROOM_SELECT, (item) => toDirectoryRoom(item, roomList)),
    contextFor(identity, roomList ? `the room list ${roomList}` : undefined),
  );
  return { rooms: items.sort(byName), truncated };
}

type Candidate = { identity: GraphIdentity; access: "application" | "delegated"; via: string };

/**
 * The tenant whose directory the app reads: app-only tokens need a specific one. The settings' tenant, else the one
 * admin consent was granted for, else a connected work account's.
 */
function appTenant(settings: Office365Settings, accountTenants: string[]): string | null {
  if (!(TENANT_ALIASES as readonly string[]).includes(settings.tenant)) return settings.tenant;
  return settings.adminConsentTenant ?? accountTenants[0] ?? null;
}

/** A delegated token carries the scope when Microsoft granted it at sign-in (v1.0: configured on the app). */
const grantsPlaces = (scopes: string) => parseScopes(scopes).some((scope) => PLACE_SCOPES.includes(scope.toLowerCase()));

async function candidates(settings: Office365Settings): Promise<{ list: Candidate[]; accounts: number }> {
  const accounts = (await db.connectedAccount.findMany({ where: { status: "connected" }, orderBy: { connectedAt: "asc" } })).filter(
    (account) => account.tenantId !== PERSONAL_ACCOUNTS_TENANT,
  );
  const tenant = appTenant(settings, accounts.map((account) => account.tenantId));
  const list: Candidate[] = [];
  if (tenant) list.push({ identity: { kind: "app", tenant }, access: "application", via: `the app (tenant ${tenant})` });
  for (const account of accounts.filter((candidate) => grantsPlaces(candidate.scopes))) {
    list.push({ identity: { kind: "account", accountId: account.id }, access: "delegated", via: account.email });
  }
  return { list, accounts: accounts.length };
}

/** One small request that Microsoft answers only with Place.Read.All. */
async function probe(candidate: Candidate): Promise<void> {
  await withGraph(candidate.identity, (client) => client.api("/places/microsoft.graph.roomlist").top(1).select(["emailAddress"]).get(), contextFor(candidate.identity));
}

/**
 * Who can read the room directory: the app (application Place.Read.All, after admin consent) first, as it does not
 * depend on anyone's account, else a connected work account whose token carries the delegated Place.Read.All. Each is
 * tried with one request, because only Microsoft knows what an admin granted. Otherwise the reason, in words:
 * a national cloud (the Places API is documented for the global cloud only), nothing to read with yet, or
 * Place.Read.All missing. Adding rooms by address works in every case.
 */
export async function directoryAccess(): Promise<DirectoryAccess> {
  const settings = await readSettings();
  if (!settings) return { readable: false, reason: new HubError("not_configured") };
  // https://learn.microsoft.com/graph/api/place-list lists the global service only among national cloud deployments.
  if (settings.cloud !== "global") return { readable: false, reason: new HubError("places_unavailable_in_cloud", { cloud: CLOUDS[settings.cloud].label }) };

  const { list, accounts } = await candidates(settings);
  for (const candidate of list) {
    try {
      await probe(candidate);
      return { readable: true, ...candidate };
    } catch (error) {
      if (!(error instanceof HubError)) throw error;
      // Busy or unreachable says nothing about permissions; a refused app registration fails every way of asking.
      if (isTransient(error) || (error instanceof MicrosoftError && error.kind === "invalid_client")) return { readable: false, reason: error };
    }
  }
  if (accounts === 0 && !settings.adminConsentAt) return { readable: false, reason: new HubError("places_no_access") };
  const tried = new Set(list.map((candidate) => candidate.access));
  return { readable: false, reason: new HubError("places_forbidden", { access: tried.size === 1 ? [...tried][0] : undefined }) };
}
