import type { EmulatorState } from "./state";

/** What request handlers share: the state and the emulator's public URLs. */
export interface EmulatorContext {
  state: EmulatorState;
  /** https://localhost:8443 */
  origin: string;
  /** origin + "/login": stands in for https://login.microsoftonline.com. */
  loginUrl: string;
  /** origin + "/graph": stands in for https://graph.microsoft.com. */
  graphUrl: string;
}
