import { describe, expect, it } from "vitest";
import { activeFilterCount, EMPTY_FILTERS, filtersFromParams, filtersToParams, filtersToQuery } from "./filters";

describe("filters", () => {
  it("round-trips through the URL and drops defaults", () => {
    const params = new URLSearchParams("status=error&agent=coder&range=24h&sort=tokens&order=desc&bogus=1");
    const filters = filtersFromParams(params);
    expect(filters).toEqual({ ...EMPTY_FILTERS, status: "error", agent: "coder", range: "24h", sort: "tokens" });
    expect(filtersToParams(filters).toString()).toBe("status=error&agent=coder&range=24h&sort=tokens");
    expect(activeFilterCount(filters)).toBe(3);
  });
  it("keeps the session filter in the URL and the query", () => {
    const filters = filtersFromParams(new URLSearchParams("session_id=chat%2F42"));
    expect(filters.session_id).toBe("chat/42");
    expect(filtersToParams(filters).toString()).toBe("session_id=chat%2F42");
    expect(filtersToQuery(filters).session_id).toBe("chat/42");
    expect(activeFilterCount(filters)).toBe(1);
  });
  it("rejects unknown sorts and ranges", () => {
    expect(filtersFromParams(new URLSearchParams("sort=evil&range=9y"))).toEqual(EMPTY_FILTERS);
  });
  it("turns a range into `since`", () => {
    const now = Date.parse("2026-11-25T12:00:00Z");
    expect(filtersToQuery({ ...EMPTY_FILTERS, range: "1h", q: "loop" }, now)).toEqual({
      sort: "start_time",
      order: "desc",
      q: "loop",
      since: "2026-11-25T11:00:00.000Z",
    });
  });
  it("filters and sorts by cost, ignoring bounds that are not amounts", () => {
    const filters = filtersFromParams(new URLSearchParams("min_cost=0.05&max_cost=abc&sort=cost"));
    expect(filters).toEqual({ ...EMPTY_FILTERS, min_cost: "0.05", sort: "cost" });
    expect(activeFilterCount(filters)).toBe(1);
    expect(filtersToQuery({ ...filters, max_cost: "2" })).toEqual({ sort: "cost", order: "desc", min_cost: 0.05, max_cost: 2 });
    expect(filtersFromParams(new URLSearchParams("min_cost=-1")).min_cost).toBe("");
  });
});
