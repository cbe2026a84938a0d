import * as fs from "node:fs";

/**
 * Runs `body` while sampling /proc every 50 ms, and returns the largest peak resident set size
 * (VmHWM, the kernel's own high-water mark per process) seen among the dynamic-provider hosts this
 * process started (through the CLI it runs), not those of other runs on the machine.
 * Linux only; `peakKiB` is undefined where /proc is missing or no provider process was seen.
 */
export async function withPeakProviderRss<T>(body: () => Promise<T>): Promise<{ result: T; peakKiB?: number }> {
    let peakKiB: number | undefined;
    const sample = () => {
        for (const pid of providerPids()) {
            const kib = vmHwmKiB(pid);
            if (kib !== undefined) peakKiB = Math.max(peakKiB ?? 0, kib);
        }
    };
    const timer = setInterval(sample, 50);
    try {
        const result = await body();
        return { result, peakKiB };
    } finally {
        clearInterval(timer);
    }
}

function providerPids(): string[] {
    if (!fs.existsSync("/proc")) return [];
    return fs.readdirSync("/proc").filter((pid) => /^\d+$/.test(pid) && readOr(`/proc/${pid}/cmdline`).includes("cmd/dynamic-provider") && descendsFromUs(pid));
}

function descendsFromUs(pid: string): boolean {
    for (let current = pid, hops = 0; current !== "0" && current !== "1" && hops < 32; hops++) {
        if (current === String(process.pid)) return true;
        // /proc/<pid>/stat: "pid (comm) state ppid ..."; comm may hold spaces, so read after the last ")".
        const stat = readOr(`/proc/${current}/stat`);
        current = stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1] ?? "0";
    }
    return false;
}

function vmHwmKiB(pid: string): number | undefined {
    const match = /^VmHWM:\s+(\d+) kB/m.exec(readOr(`/proc/${pid}/status`));
    return match ? Number(match[1]) : undefined;
}

function readOr(file: string): string {
    try {
        return fs.readFileSync(file, "utf8");
    } catch {
        return "";
    }
}
