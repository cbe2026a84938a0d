import * as fs from "node:fs";

/**
 * Counts the Pulumi CLI processes running an operation in a work directory under `root`, by
 * reading /proc every 20 ms: the number of stacks really running at once, as the OS sees it.
 */
export function watchEngines(root: string): { stop(): number } {
    let max = 0;
    const timer = setInterval(() => {
        let running = 0;
        for (const pid of fs.readdirSync("/proc")) {
            if (!/^\d+$/.test(pid)) continue;
            try {
                const argv = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0");
                if (!argv[0].endsWith("/pulumi") || !["up", "preview", "destroy"].includes(argv[1])) continue;
                if (fs.readlinkSync(`/proc/${pid}/cwd`).startsWith(root)) running++;
            } catch {
                // the process ended while it was read
            }
        }
        max = Math.max(max, running);
    }, 20);
    return {
        stop: () => {
            clearInterval(timer);
            return max;
        },
    };
}
