import { describe, expect, it } from "vitest";
import { type CsvRecord, parseOneRecord, parseRecords } from "@/lib/bundle/csv";
import { PeopleKeysWriter, PersonIndex, PersonIndexBuilder, utf8Length } from "@/lib/bundle/person-index";
import { adoptPersonIndex, runChunkJob } from "@/lib/bundle/rows";
import { CATEGORY_CODES } from "@/lib/catalogue/categories";
import { openExposureDetail } from "@/lib/crypto/exposure-detail";

// The importer's exposures fast path cuts plain lines itself and hands every other line to the CSV parser: the
// staging and exposures rows it produces must be exactly those of the general path (parser + row rules).

// Hints are sealed on the worker (lib/crypto/exposure-detail.ts): opened here with the row's person and category.
const DIRECT_PEOPLE: Record<string, string> = { "102": "P1", "103": "P2" };
const openHints = (text: string) =>
  text.replace(/^(.*)\t(v1\.[^\t\n]+)$/gm, (_all, head: string, enc: string) => {
    const cols = head.split("\t");
    const [person, category] =
      cols.length === 2 ? [DIRECT_PEOPLE[cols[0]!]!, cols[1]!] : [cols[2]!, CATEGORY_CODES[Number(cols[3]) - 1]!];
    return `${head}\t${openExposureDetail(enc, "I", person, category)}`;
  });
const decode = (b: Uint8Array | undefined) => (b ? openHints(new TextDecoder().decode(b)) : "");
const job = (text: string, indexed: boolean) =>
  runChunkJob(
    {
      kind: "check",
      file: "exposures",
      data: new TextEncoder().encode(text),
      startLine: 2,
      incidentId: "I",
      today: 20_000,
      idBase: indexed ? 100 : null,
      skip: null,
      indexed,
    },
    undefined,
  );

function personIndex(ids: string[], family = (_id: string) => "Family"): SharedArrayBuffer {
  const w = new PeopleKeysWriter();
  ids.forEach((id, i) => {
    w.add(id, i + 2, family(id), null);
  });
  const b = new PersonIndexBuilder();
  b.add(w.finish());
  return b.build({ has: () => false })!;
}

describe("exposures rows", () => {
  const tricky = [
    "P1,full_name,",
    "P1,itinerary,YUL-LHR on 2024-12-09",
    "",
    'P2,contact_info,"Email, and phone"',
    "P2,travel_document,Passport 12345678\r",
    "\r",
    "P3,itinerary",
    "P3,itinerary,a,b",
    'P9,"multi\nline",x',
    "P1,sin,",
    ",full_name,",
    'P2,complaint,"unterminated',
  ].join("\n");

  it("are staged with the general path's line numbers and reasons", () => {
    adoptPersonIndex(null);
    const r = job(tricky, false);
    expect(r.records).toBe(11);
    expect(r.bad).toBe(8);
    expect(decode(r.copy).trimEnd().split("\n")).toEqual([
      "2\t\\N\tP1\t1\t\\N",
      "3\t\\N\tP1\t6\tYUL-LHR on 2024-12-09",
      "5\t\\N\tP2\t3\tEmail, and phone",
      "6\tdetail looks like a full number (at most a few digits may be shown)\tP2\t5\t\\N",
      "8\texpected 3 fields, found 2\tP3\t6\t\\N",
      "9\texpected 3 fields, found 4\tP3\t6\t\\N",
      "10\tmalformed CSV: a quoted field is not closed on its line; expected 3 fields, found 2\tP9\t\\N\t\\N",
      '11\tmalformed CSV: stray quote in an unquoted field; expected 3 fields, found 2\tline"\t\\N\t\\N',
      '12\tunknown category "sin"\tP1\t\\N\t\\N',
      "13\tperson_id is empty\t\\N\t1\t\\N",
      "14\tmalformed CSV: unterminated quoted field\tP2\t8\t\\N",
    ]);
  });

  it("go straight to the exposures table when the person index knows the person", () => {
    adoptPersonIndex(personIndex(["P1", "P2"]));
    try {
      const r = job(tricky, true);
      expect(r.directRows).toBe(3);
      expect(decode(r.direct).trimEnd().split("\n")).toEqual([
        "102\tfull_name\t\\N",
        "102\titinerary\tYUL-LHR on 2024-12-09",
        "103\tcontact_info\tEmail, and phone",
      ]);
      expect(r.written).toBe(r.records - 3);
    } finally {
      adoptPersonIndex(null);
    }
  });
});

describe("parseOneRecord", () => {
  it("reads the same records as parseRecords", () => {
    const text = 'a,b\r\n"x\ny",z\n"p"q,r\nlast';
    const all: CsvRecord[] = [];
    parseRecords(text, 1, (r) => all.push(r));
    const one: CsvRecord[] = [];
    for (let pos = 0, line = 1; pos < text.length; ) {
      const r = parseOneRecord(text, pos, line);
      one.push(r.record);
      pos = r.next;
      line = r.nextLine;
    }
    expect(one).toEqual(all);
  });
});

describe("person index", () => {
  it("finds every indexed person_id, and nothing else", () => {
    const ids = Array.from({ length: 5000 }, (_, i) => `W${String(i).padStart(8, "0")}`);
    const index = new PersonIndex(personIndex(ids));
    ids.forEach((id, i) => {
      expect(index.line(index.find(id))).toBe(i + 2);
    });
    expect(index.find("W99999999")).toBe(-1);
    expect(index.find("")).toBe(-1);
    expect(new PersonIndex(personIndex([])).find("W1")).toBe(-1);
  });
});

describe("person index keys", () => {
  it("measure UTF-8 exactly as TextEncoder writes it", () => {
    for (const s of ["", "W00000001", "Côté", "Nguyễn", "𝔘𝔫𝔦", "a\uD800b", "\uDC00", "\uD83D"]) {
      expect(utf8Length(s)).toBe(new TextEncoder().encode(s).length);
    }
  });

  it("keep accented family names and ids byte for byte", () => {
    const index = new PersonIndex(personIndex(["Pé", "P𝔘", "P1"], (id) => `Nguyễn-${id}`));
    expect(index.line(index.find("P𝔘"))).toBe(3);
    expect(index.family(index.find("Pé"))).toBe("Nguyễn-Pé");
    expect(index.family(index.find("P𝔘"))).toBe("Nguyễn-P𝔘");
    expect(index.family(index.find("P1"))).toBe("Nguyễn-P1");
  });
});
