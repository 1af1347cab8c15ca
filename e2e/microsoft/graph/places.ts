import { PERSONAL_TENANT_ID } from "../directory";
import type { Room, RoomList } from "../places/model";
import { mailboxAddress } from "./mailbox";
import { parseFilter } from "./odata-filter";
import { integerOption, nextLink, pick, readSelect } from "./query-options";
import { graphError, graphJson } from "./responses";
import type { GraphCall, GraphRoute } from "./route";

/**
 * The Places API's lists (https://learn.microsoft.com/graph/api/place-list):
 * - GET /places/microsoft.graph.roomlist: the tenant's room lists;
 * - GET /places/{room-list emailAddress}/microsoft.graph.roomlist/rooms: one room list's rooms. The room list is named
 *   by its email address, "not by its id" (the page's note): an id, or any other unknown segment, is answered 404;
 * - GET /places/microsoft.graph.room: every room of the tenant.
 * Pages hold 100 places unless $top says otherwise (no maximum is documented, so $top is honoured as sent);
 * @odata.nextLink repeats the query with $skip. $filter, $select and $count=true are supported. Rooms hidden from
 * the address list are never returned. Needs Place.Read.All, delegated (work accounts only) or application.
 */

const DEFAULT_PAGE_SIZE = 100;
const PLACE_PERMISSIONS = ["Place.Read.All", "Place.ReadWrite.All"];

/** room properties in the order Graph sends them (the page's example 3). */
const ROOM_PROPERTIES = [
  "id",
  "displayName",
  "address",
  "geoCoordinates",
  "phone",
  "nickname",
  "emailAddress",
  "building",
  "floorNumber",
  "floorLabel",
  "label",
  "capacity",
  "bookingType",
  "audioDeviceName",
  "videoDeviceName",
  "displayDeviceName",
  "isWheelChairAccessible",
  "tags",
] as const;
const ROOM_LIST_PROPERTIES = ["id", "displayName", "address", "geoCoordinates", "phone", "emailAddress"] as const;

function roomJson({ place, user }: Room): Record<string, unknown> {
  return {
    id: place.id,
    displayName: user.displayName,
    address: place.address,
    geoCoordinates: place.geoCoordinates,
    phone: place.phone,
    nickname: place.nickname,
    emailAddress: mailboxAddress(user),
    building: place.building,
    floorNumber: place.floorNumber,
    floorLabel: place.floorLabel,
    label: place.label,
    capacity: place.capacity,
    bookingType: place.bookingType,
    audioDeviceName: place.audioDeviceName,
    videoDeviceName: place.videoDeviceName,
    displayDeviceName: place.displayDeviceName,
    isWheelChairAccessible: place.isWheelChairAccessible,
    tags: [...place.tags],
  };
}

function roomListJson(list: RoomList): Record<string, unknown> {
  return {
    id: list.id,
    displayName: list.displayName,
    address: list.address,
    geoCoordinates: list.geoCoordinates,
    phone: list.phone,
    emailAddress: list.emailAddress,
  };
}

/**
 * The Places service's own refusals reach clients wrapped by Graph: code "UnknownError", the service's JSON in the
 * message — as Microsoft answered a token without Place.Read.All
 * (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/6640) and a place it could not find
 * (https://github.com/microsoftgraph/microsoft-graph-docs-contrib/issues/5649). Clients go by the HTTP status.
 */
function placesRefusal(call: GraphCall, status: 403 | 404, code: string, message: string): void {
  graphError(call.res, call.ids, status, "UnknownError", JSON.stringify({ code, message }));
}

/** Place.Read.All (or Place.ReadWrite.All) in the token; personal accounts are not supported at all. */
function mayReadPlaces(call: GraphCall): boolean {
  const { token } = call;
  const granted = token.kind === "app" ? token.roles : token.scopes;
  const allowed =
    token.tenantId !== PERSONAL_TENANT_ID && granted.some((name) => PLACE_PERMISSIONS.some((wanted) => wanted.toLowerCase() === name.toLowerCase()));
  if (!allowed) {
    const provided = `scopes/roles provided: ${granted.join(" ")} IsAppOnly:${token.kind === "app" ? "True" : "False"}`;
    placesRefusal(call, 403, "invalid_permissions", `place.read.all permission is required to read company places, ${provided}`);
  }
  return allowed;
}

/** One page of places, after $filter; `context` is what @odata.context names after "#". */
function sendPlaces(call: GraphCall, items: Record<string, unknown>[], context: string, properties: readonly string[], typeName: string): void {
  const select = readSelect(call, properties, typeName);
  if (!select) return;
  const top = integerOption(call, "$top", 1);
  const skip = integerOption(call, "$skip", 0);
  if (top === null || skip === null) return;
  const count = call.req.query.get("$count");
  if (count !== null && count !== "true" && count !== "false") {
    return graphError(call.res, call.ids, 400, "BadRequest", `Invalid value '${count}' for $count query option found.`);
  }
  const filterText = call.req.query.get("$filter");
  const parsed = filterText === null ? undefined : parseFilter(filterText, properties, typeName);
  if (parsed && "error" in parsed) return graphError(call.res, call.ids, 400, "BadRequest", parsed.error);

  const matching = parsed ? items.filter(parsed.filter) : items;
  const pageSize = top ?? DEFAULT_PAGE_SIZE;
  const offset = skip ?? 0;
  const more = offset + pageSize < matching.length;
  graphJson(call.res, call.ids, 200, {
    "@odata.context": `${call.ctx.graphUrl}/v1.0/$metadata#${context}`,
    ...(count === "true" ? { "@odata.count": matching.length } : {}),
    ...(more ? { "@odata.nextLink": nextLink(call, offset + pageSize) } : {}),
    value: matching.slice(offset, offset + pageSize).map((item) => pick(item, select.names, ["id"])),
  });
}

function listRooms(call: GraphCall): void {
  if (!mayReadPlaces(call)) return;
  const { directory, places } = call.ctx.state;
  const rooms = places.visibleRooms(directory, call.token.tenantId).map(roomJson);
  sendPlaces(call, rooms, "places/microsoft.graph.room", ROOM_PROPERTIES, "microsoft.graph.room");
}

function listRoomLists(call: GraphCall): void {
  if (!mayReadPlaces(call)) return;
  const lists = call.ctx.state.places.roomListsOf(call.token.tenantId).map(roomListJson);
  sendPlaces(call, lists, "places/microsoft.graph.roomList", ROOM_LIST_PROPERTIES, "microsoft.graph.roomList");
}

function listRoomsOfList(call: GraphCall): void {
  if (!mayReadPlaces(call)) return;
  const segment = call.params[0] ?? "";
  const { directory, places } = call.ctx.state;
  const list = places.roomListByAddress(call.token.tenantId, segment);
  if (!list) {
    return placesRefusal(call, 404, "invalid_place", `place in /locations/odata/api/v2.0/places/${segment}/microsoft.exchange.locationsAndTime.roomList not found`);
  }
  const rooms = places.visibleRoomsOf(directory, list).map(roomJson);
  const context = `places('${encodeURIComponent(segment)}')/microsoft.graph.roomList/rooms`;
  sendPlaces(call, rooms, context, ROOM_PROPERTIES, "microsoft.graph.room");
}

// Type-cast segments are matched case-insensitively: the page writes microsoft.graph.roomlist for roomList.
export const placeRoutes: GraphRoute[] = [
  { method: "GET", pattern: /^\/places\/microsoft\.graph\.room\/?$/i, handle: listRooms },
  { method: "GET", pattern: /^\/places\/microsoft\.graph\.roomlist\/?$/i, handle: listRoomLists },
  { method: "GET", pattern: /^\/places\/([^/]+)\/microsoft\.graph\.roomlist\/rooms\/?$/i, handle: listRoomsOfList },
];
