import { describe, expect, it } from "vitest";
import { clearDraft, DRAFT_KEY, isMeaningful, loadDraft, saveDraft, type DoseDraft, type KeyValueStore } from "./draft";

function memoryStore(): KeyValueStore & { data: Map<string, string> } {
  const data = new Map<string, string>();
  return {
    data,
    getItem: (k) => data.get(k) ?? null,
    setItem: (k, v) => void data.set(k, v),
    removeItem: (k) => void data.delete(k),
  };
}

const draft: DoseDraft = {
  amount: "2.5",
  unit: "g",
  time: null,
  form: "powder",
  product: "Red Bali",
  estimated: true,
  note: 'felt "ok" <script>alert(1)</script> 😌',
};

describe("dose draft", () => {
  it("round-trips through storage exactly", () => {
    const s = memoryStore();
    saveDraft(s, draft);
    expect(loadDraft(s)).toEqual(draft);
  });

  it("is gone after clearing", () => {
    const s = memoryStore();
    saveDraft(s, draft);
    clearDraft(s);
    expect(loadDraft(s)).toBeNull();
    expect(s.data.has(DRAFT_KEY)).toBe(false);
  });

  it("ignores broken or foreign values", () => {
    const s = memoryStore();
    s.setItem(DRAFT_KEY, "{not json");
    expect(loadDraft(s)).toBeNull();
    s.setItem(DRAFT_KEY, JSON.stringify({ ...draft, unit: "kg" }));
    expect(loadDraft(s)).toBeNull();
    s.setItem(DRAFT_KEY, JSON.stringify({ ...draft, estimated: "yes" }));
    expect(loadDraft(s)).toBeNull();
  });

  it("survives a storage that throws", () => {
    const broken: KeyValueStore = {
      getItem: () => {
        throw new Error("denied");
      },
      setItem: () => {
        throw new Error("full");
      },
      removeItem: () => {
        throw new Error("denied");
      },
    };
    expect(() => saveDraft(broken, draft)).not.toThrow();
    expect(() => clearDraft(broken)).not.toThrow();
    expect(loadDraft(broken)).toBeNull();
  });

  it("is only worth keeping when something differs from the prefill", () => {
    const prefill = { amount: "2.5", unit: "g" as const, form: "powder" as const };
    const untouched: DoseDraft = { ...prefill, time: null, product: "", estimated: false, note: "" };
    expect(isMeaningful(untouched, prefill)).toBe(false);
    expect(isMeaningful({ ...untouched, amount: "3" }, prefill)).toBe(true);
    expect(isMeaningful({ ...untouched, note: "x" }, prefill)).toBe(true);
    expect(isMeaningful({ ...untouched, time: "2026-11-25T03:10" }, prefill)).toBe(true);
  });
});
