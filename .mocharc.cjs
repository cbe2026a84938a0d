// Mocha's settings for `npm test` (CLI flags override them; `--no-config` skips them).
//
// Test files run in parallel worker processes: every engine file starts its own moto on a free port,
// its own fault proxy and its own file backends (tests/harness/engineFixture.ts), so files share
// nothing but the machine. Most of an engine test is spent waiting on child processes (the Pulumi
// CLI, the dynamic-provider host, moto), so three workers keep two cores busy without starving the
// timing bounds some tests assert. The slowest files are handed out first, so the run ends close to
// when its longest file does instead of starting that file last.
const fs = require("node:fs");
const path = require("node:path");

/** Slowest first, as measured in a serial run on 2 cores (2026-12-03); any other file follows. */
const SLOWEST_FIRST = [
    "tests/org/rollout.test.ts",
    "tests/org/backends.test.ts",
    "tests/engine/connectInstance.test.ts",
    "tests/engine/safety/neverStuck.test.ts",
    "tests/engine/accounts.test.ts",
    "tests/engine/safety/ownership.test.ts",
    "tests/engine/serviceLinkedRole.test.ts",
    "tests/packageInstall.test.ts",
    "tests/engine/conventions.test.ts",
    "tests/engine/interrupted.test.ts",
    "tests/engine/safety/lostCreateAndBounds.test.ts",
];

function testFiles(dir) {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const full = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : testFiles(full);
        return entry.name.endsWith(".test.ts") ? [full.split(path.sep).join("/")] : [];
    });
}

// The organisation rollout's engine files (20-account scenarios, issue 18) have not yet finished a
// run inside the suite's time budget on 2 cores; until they do they run alone with
// `npm run test:org` and stay out of `npm test`.
const ORG_ENGINE_FILES = ["tests/org/rollout.test.ts", "tests/org/backends.test.ts"];
const all = testFiles("tests").filter((file) => !ORG_ENGINE_FILES.includes(file)).sort();
const rank = (file) => (SLOWEST_FIRST.includes(file) ? SLOWEST_FIRST.indexOf(file) : SLOWEST_FIRST.length);

module.exports = {
    spec: [...all].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b)),
    "node-option": ["import=tsx"],
    extension: ["ts"],
    timeout: 120000,
    reporter: "spec",
    parallel: true,
    jobs: 3,
};
