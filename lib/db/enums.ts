/**
 * The schema's enums (prisma/models.prisma), one import for the code: values and types. Both generated clients have
 * the same ones (lib/db/clients.typecheck.ts checks that their rows agree), and the file holds plain objects, so client
 * components may import it too.
 */
export {
  AccountStatus,
  AzureAdVersion,
  BookingMode,
  BookingStatus,
  Cloud,
  CredentialType,
  MirrorMode,
  OAuthPurpose,
  RepeatFrequency,
  ResourceKind,
  Role,
  RoomResponse,
  SeriesStatus,
} from "../generated/sqlite/enums";
