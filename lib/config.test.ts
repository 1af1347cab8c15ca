import { describe, expect, it } from "vitest";
import { readEnvironment } from "./config";

const read = (variables: Record<string, string>) => readEnvironment({ NODE_ENV: "test", ...variables });

describe("HUB_MAX_HEAP_MB", () => {
  it("defaults to 512 MB", () => {
    expect(read({}).maxHeapMb).toBe(512);
  });

  it("takes a whole number of megabytes", () => {
    expect(read({ HUB_MAX_HEAP_MB: "1024" }).maxHeapMb).toBe(1024);
    expect(read({ HUB_MAX_HEAP_MB: " 768 " }).maxHeapMb).toBe(768);
  });

  it("refuses what would not run a server, naming the variable", () => {
    for (const value of ["64", "1.5", "lots", "-1", "100000"]) {
      expect(() => read({ HUB_MAX_HEAP_MB: value })).toThrow(/HUB_MAX_HEAP_MB/);
    }
  });
});

describe("HUB_RECOVERY_INTERVAL_SECONDS", () => {
  it("defaults to a minute and takes whole seconds up to an hour", () => {
    expect(read({}).recoveryIntervalSeconds).toBe(60);
    expect(read({ HUB_RECOVERY_INTERVAL_SECONDS: "2" }).recoveryIntervalSeconds).toBe(2);
    for (const value of ["0", "0.5", "3601", "often"]) expect(() => read({ HUB_RECOVERY_INTERVAL_SECONDS: value })).toThrow(/HUB_RECOVERY_INTERVAL_SECONDS/);
  });
});
