import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { chunkFile } from "@/lib/bundle/chunker";
import { type CsvRecord, parseCsv, parseRecords } from "@/lib/bundle/csv";
import { checkBooking, checkExposure, checkPerson, parseIsoDate } from "@/lib/bundle/format";
import { BAD_BUNDLE, removeTempDirs, tempDir } from "./helpers/bundle-fixtures";

afterAll(removeTempDirs);

async function viaChunks(text: string | Buffer, chunkBytes: number): Promise<CsvRecord[]> {
  const path = join(tempDir(), "f.csv");
  writeFileSync(path, text);
  const out: CsvRecord[] = [];
  let first = true;
  for await (const chunk of chunkFile(path, chunkBytes)) {
    const decoded = new TextDecoder().decode(chunk.data);
    if (first) {
      first = false;
      parseRecords(decoded, 1, (r) => out.push(r));
      continue;
    }
    parseRecords(decoded, chunk.startLine, (r) => out.push(r));
  }
  return out;
}

describe("CSV parsing (RFC 4180)", () => {
  it("handles quotes, doubled quotes, commas and CRLF in quoted fields, with start lines", () => {
    const text = 'a,b,c\r\n1,"x, y",3\r\n2,"say ""hi""",4\n\n4,,\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"], error: null },
      { line: 2, fields: ["1", "x, y", "3"], error: null },
      { line: 3, fields: ["2", 'say "hi"', "4"], error: null },
      { line: 5, fields: ["4", "", ""], error: null },
    ]);
  });

  it("ends a quoted field left open at the end of its line: one bad row, the next rows intact", () => {
    const text = 'a,b,c\r\n1,"open,3\r\n2,ok,4\n3,"two\nlines",5\n4,"x",6\n';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["a", "b", "c"], error: null },
      { line: 2, fields: ["1", "open,3"], error: "a quoted field is not closed on its line" },
      { line: 3, fields: ["2", "ok", "4"], error: null },
      { line: 4, fields: ["3", "two"], error: "a quoted field is not closed on its line" },
      { line: 5, fields: ['lines"', "5"], error: "stray quote in an unquoted field" },
      { line: 6, fields: ["4", "x", "6"], error: null },
    ]);
  });

  it("reports malformed quoting without losing the following records", () => {
    const recs = parseCsv('h\n"ab"c,d\nx"y,z\n"unterminated,q\n');
    expect(recs.map((r) => [r.line, r.error])).toEqual([
      [1, null],
      [2, "text after a closing quote"],
      [3, "stray quote in an unquoted field"],
      [4, "a quoted field is not closed on its line"],
    ]);
  });

  it("cuts files into chunks on record boundaries whatever the chunk size", async () => {
    const body = `${[
      "h1,h2",
      ...Array.from({ length: 60 }, (_, i) =>
        i % 7 === 0 ? `${i},"multi\nline ""${i}"", with comma"` : `${i},plain ${i}`,
      ),
    ].join("\r\n")}\r\n`;
    const whole = parseCsv(body);
    for (const size of [3, 7, 64, 1 << 20]) expect(await viaChunks(body, size)).toEqual(whole);
  });

  it("agrees with the parser on malformed quoting and on records with several multi-line fields", async () => {
    const body = 'h1,h2,h3\n1,"a\nb","c\n""d""\ne"\n2,x"y,z\n3,"p"q,r\n4,"s\nt",u\n5,v,w\n6,"unterminated\n7,x,y\n';
    const whole = parseCsv(body);
    for (const size of [1, 2, 5, 11, 1 << 20]) expect(await viaChunks(body, size)).toEqual(whole);
    const bad = readFileSync(join(BAD_BUNDLE, "people.csv"));
    const wholeBad = parseCsv(new TextDecoder().decode(bad));
    for (const size of [3, 50, 1 << 20]) expect(await viaChunks(bad, size)).toEqual(wholeBad);
  });

  it("drops a UTF-8 byte order mark and keeps the last record without a final newline", async () => {
    const recs = await viaChunks(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("a,b\n1,2")]), 4);
    expect(recs).toEqual([
      { line: 1, fields: ["a", "b"], error: null },
      { line: 2, fields: ["1", "2"], error: null },
    ]);
  });
});

describe("row rules", () => {
  const today = Math.floor(Date.UTC(2025, 5, 13) / 864e5);
  const person = (over: Partial<Record<number, string>> = {}) => {
    const f = [
      "P1",
      "Émilie",
      "Côté",
      "1984-03-14",
      "e@example.ca",
      "+1-514-555-0142",
      "fr",
      "CA",
      "QC",
      "1 Main St",
      "WS1234",
    ];
    for (const [i, v] of Object.entries(over)) f[Number(i)] = v!;
    const out: string[] = [];
    checkPerson(f, today, out);
    return out;
  };

  it("accept the names of docs/bundle-format.md and minors without email", () => {
    for (const name of ["Côté", "O'Brien", "de la Fontaine", "Nguyễn", "Smith-Jones", "D’Arcy"])
      expect(person({ 2: name })).toEqual([]);
    expect(person({ 3: "2015-07-21", 4: "", 5: "" })).toEqual([]);
  });

  it("name the field, never the value", () => {
    expect(person({ 1: "R2D2" })).toEqual(["given_name must be letters, spaces, hyphens or apostrophes"]);
    expect(person({ 3: "2023-02-29" })).toEqual(["date_of_birth is not a real YYYY-MM-DD date"]);
    expect(person({ 3: "2025-06-14" })).toEqual(["date_of_birth is in the future"]);
    expect(person({ 4: "nope" })).toEqual(["email is not an email address"]);
    expect(person({ 5: "12" })).toEqual(["phone is not an E.164-like number"]);
    expect(person({ 6: "de", 7: "Canada" })).toEqual([
      "language must be en or fr",
      "country must be an ISO 3166-1 alpha-2 code",
    ]);
    for (const reason of person({ 1: "R2D2", 4: "secret@", 3: "1900-13-01" }))
      expect(reason).not.toMatch(/R2D2|secret|1900/);
  });

  it("check booking and exposure rows", () => {
    const booking = (f: string[]) => {
      const out: string[] = [];
      checkBooking(f, out);
      return out;
    };
    expect(booking(["5BAPB6", "P1", "booker", "2024-12-09", "YUL-LHR"])).toEqual([]);
    expect(booking(["5bapb6", "P1", "pilot", "2024-02-30", "YUL-LH"])).toEqual([
      'booking_ref "5bapb6" is not 6 characters A-Z, 2-9',
      "role must be booker or companion",
      "flight_date is not a real YYYY-MM-DD date",
      "route must look like AAA-BBB",
    ]);
    const exposure = (f: string[]) => {
      const out: string[] = [];
      checkExposure(f, out);
      return out;
    };
    expect(exposure(["P1", "itinerary", "YUL-LHR on 2024-12-09"])).toEqual([]);
    expect(exposure(["P1", "travel_document", "Passport ending 4821"])).toEqual([]);
    expect(exposure(["P1", "travel_document", "Passport 12345678"])).toHaveLength(1);
    expect(exposure(["P1", "cobrand_card_account", "4111-1111-1111-1111"])).toHaveLength(1);
    expect(exposure(["P1", "sin", ""])).toEqual(['unknown category "sin"']);
    expect(exposure(["P1", "Jane Doe 1984", ""])).toEqual(["unknown category"]);
  });

  it("know real dates", () => {
    expect(parseIsoDate("2024-02-29")).not.toBeNull();
    expect(parseIsoDate("2023-02-29")).toBeNull();
    expect(parseIsoDate("2024-2-9")).toBeNull();
  });
});
