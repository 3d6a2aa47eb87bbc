import { describe, expect, it } from "vitest";
import { pagerPages, slicePage, zPageNumber, zPageSize } from "./paging";

const rows = Array.from({ length: 12 }, (_, i) => i + 1);

describe("slicePage", () => {
  it("cuts one page and says which rows of how many it holds", () => {
    expect(slicePage(rows, 1, 5)).toEqual({ rows: [1, 2, 3, 4, 5], page: 1, pages: 3, from: 1, to: 5, total: 12 });
    expect(slicePage(rows, 3, 5)).toEqual({ rows: [11, 12], page: 3, pages: 3, from: 11, to: 12, total: 12 });
    expect(slicePage(rows, 1, 50)).toEqual({ rows, page: 1, pages: 1, from: 1, to: 12, total: 12 });
  });

  it("shows the last page for a page past the end, and an empty set as page 1 of 1", () => {
    expect(slicePage(rows, 9, 5)).toMatchObject({ rows: [11, 12], page: 3, from: 11, to: 12 });
    expect(slicePage([], 4, 5)).toEqual({ rows: [], page: 1, pages: 1, from: 0, to: 0, total: 0 });
  });
});

describe("pagerPages", () => {
  it("links the first, the last and two either side of the current page, with gaps marked", () => {
    expect(pagerPages(1, 1)).toEqual([1]);
    expect(pagerPages(2, 3)).toEqual([1, 2, 3]);
    expect(pagerPages(1, 10)).toEqual([1, 2, 3, null, 10]);
    expect(pagerPages(6, 10)).toEqual([1, null, 4, 5, 6, 7, 8, null, 10]);
    expect(pagerPages(10, 10)).toEqual([1, null, 8, 9, 10]);
    expect(pagerPages(4, 10)).toEqual([1, 2, 3, 4, 5, 6, null, 10]);
  });
});

describe("page params", () => {
  it("reads whole positive numbers, 1 when absent, and refuses anything else", () => {
    expect(zPageNumber.parse("4")).toBe(4);
    expect(zPageNumber.parse(["2", "3"])).toBe(2);
    expect(zPageNumber.parse(undefined)).toBe(1);
    expect(zPageNumber.parse(" ")).toBe(1);
    for (const bad of ["0", "-1", "x", "1.5", "1e9"]) {
      const parsed = zPageNumber.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("must be a whole number of 1 or more");
    }
  });

  it("reads a page size within its bounds and refuses one outside them", () => {
    const size = zPageSize(25, 100);
    expect(size.parse("10")).toBe(10);
    expect(size.parse("100")).toBe(100);
    expect(size.parse(undefined)).toBe(25);
    for (const bad of ["101", "0", "-5", "ten", "2.5"]) {
      const parsed = size.safeParse(bad);
      expect(parsed.success, bad).toBe(false);
      expect(parsed.error?.issues[0]?.message).toBe("must be a whole number from 1 to 100");
    }
  });
});
