// The README's performance table is the one bench/readmeTable.ts generates from the committed
// bench/results.json: a hand edit of either side, or a bench run whose README was not regenerated, fails.
import * as fs from "node:fs";
import * as path from "node:path";
import { expect } from "chai";
import { readmeTable, tableInReadme } from "../../bench/readmeTable";
import type { BenchResults } from "../../bench/types";
import { repoRoot } from "../harness/moto";

describe("README performance table", () => {
    it("is generated from bench/results.json, commit included", () => {
        const results = JSON.parse(fs.readFileSync(path.join(repoRoot, "bench", "results.json"), "utf8")) as BenchResults;
        const inReadme = tableInReadme(path.join(repoRoot, "README.md"));
        expect(inReadme, "README.md has no generated performance table").to.not.deep.equal([]);
        expect(inReadme).to.deep.equal(readmeTable(results));
    });
});
