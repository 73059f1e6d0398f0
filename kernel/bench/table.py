#!/usr/bin/env python3
"""kernel-bench's two reading steps (called by kernel/bench/run.sh).

  table.py disasm OUT VARIANT...   the refcount instructions of each bench
                                   loop, from objdump of OUT/VARIANT/linux; JSON
                                   on stdout; fails when a loop has none or the
                                   try-get is not what the variant claims
  table.py table OUT REPORT CPUS HOSTCPUS VARIANT...
                                   OUT/runs.jsonl to the table: medians over
                                   repetitions, spread, ratio to base; writes
                                   REPORT/kernel-bench.json and .md
"""
import json
import os
import platform
import re
import statistics
import subprocess
import sys
import time

LOOPS = ["get_put", "tryget_put", "read_64", "free_page", "free_folio", "free_batch"]


def disasm(out, variants):
    result = {}
    for v in variants:
        binary = os.path.join(out, v, "linux")
        result[v] = {}
        for loop in LOOPS:
            sym = "pageref_bench_" + loop
            text = subprocess.run(["objdump", "-d", "--no-show-raw-insn",
                                   "--disassemble=" + sym, binary],
                                  check=True, capture_output=True, text=True).stdout
            insns = [re.sub(r"\s+", " ", l.split(":", 1)[1].strip())
                     for l in text.splitlines() if re.match(r"\s+[0-9a-f]+:\s", l)]
            if not insns:
                sys.exit(f"disasm: {sym} not found in {binary}")
            result[v][loop] = {
                "instructions": len(insns),
                "locked": [re.sub(r"<.*>", "", i).strip() for i in insns if i.startswith("lock")],
                # direct calls by name; gcc often loads the address into a register
                "calls": sorted({(m.group(2) or m.group(1)) for i in insns
                                 for m in [re.search(r"call\s+(\S+)(?:\s+<([^>+]+)>)?", i)] if m}),
            }
        # The loops that time the refcount itself must do locked operations
        # inline: a loop optimised away, or a path moved out of line, fails.
        for loop in ("get_put", "tryget_put"):
            if not result[v][loop]["locked"]:
                sys.exit(f"disasm: {v}'s {loop} loop has no locked instruction")
        tryget = " ".join(result[v]["tryget_put"]["locked"])
        want = "cmpxchg" if v == "base" else "xadd"
        if want not in tryget:
            sys.exit(f"disasm: {v}'s folio_try_get() has no lock {want}: {tryget}")
    json.dump(result, sys.stdout, indent=1)
    print()


def per_op(rec):
    """ns per operation per thread, averaged over the run's threads."""
    return statistics.mean(ns / ops for ns, ops in zip(rec["ns"], rec["ops"]) if ops)


def machine():
    model = "unknown CPU"
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name:"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return model


def table(out, report, cpus, hostcpus, variants):
    runs = [json.loads(l) for l in open(os.path.join(out, "runs.jsonl")) if l.strip()]
    disasm_info = json.load(open(os.path.join(out, "disasm.json")))
    cells = {}
    for r in runs:
        cells.setdefault((r["workload"], r["threads"], r["variant"]), []).append(per_op(r))
    workloads = []
    for r in runs:
        if r["workload"] not in workloads:
            workloads.append(r["workload"])
    threads = sorted({r["threads"] for r in runs})
    reps = max(r["rep"] for r in runs)
    rows = []
    for w in workloads:
        for t in threads:
            row = {"workload": w, "threads": t}
            for v in variants:
                vals = cells.get((w, t, v))
                if not vals:
                    continue
                row[v] = {"median": statistics.median(vals), "min": min(vals),
                          "max": max(vals), "n": len(vals)}
            base = row.get("base", {}).get("median")
            for v in variants:
                if v != "base" and v in row and base:
                    row[v]["ratio"] = row[v]["median"] / base
            rows.append(row)
    meta = {
        "machine": machine(), "host_cpus": int(hostcpus), "uml_ncpus": int(cpus),
        "kernel": open(os.path.join(out, "base", "include", "config", "kernel.release")).read().strip()
        if os.path.exists(os.path.join(out, "base", "include", "config", "kernel.release")) else "",
        "repetitions": reps, "date": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "command": "make kernel-bench" + "".join(
            f" {k}={os.environ[k]}" for k in ("QUICK", "REPS", "MS", "CPUS", "WORKLOADS", "VARIANTS")
            if os.environ.get(k)),
        "python": platform.python_version(),
    }
    json.dump({"meta": meta, "rows": rows, "disasm": disasm_info},
              open(os.path.join(report, "kernel-bench.json"), "w"), indent=1)

    head = f"{'workload':<12} {'thr':>3}"
    for v in variants:
        head += f" {v + ' ns (min-max)':>26}"
        if v != "base":
            head += f" {'ratio':>6}"
    lines = [f"kernel-bench: {meta['machine']}, {hostcpus} host CPUs, UML ncpus={cpus}, "
             f"Linux {meta['kernel']}, {reps} interleaved repetitions, {meta['date']}",
             "ns per operation per thread; median over repetitions (min-max); ratio = median / base's",
             head]
    for row in rows:
        line = f"{row['workload']:<12} {row['threads']:>3}"
        for v in variants:
            c = row.get(v)
            if not c:
                line += f" {'-':>26}" + ("" if v == "base" else f" {'-':>6}")
                continue
            line += f" {c['median']:>10.1f} ({c['min']:.1f}-{c['max']:.1f})".rjust(27)
            if v != "base":
                line += f" {c.get('ratio', float('nan')):>6.3f}"
        lines.append(line)
    lines.append("")
    lines.append("locked instructions of each loop (objdump of the bench kernels):")
    for v in variants:
        for loop in ("tryget_put", "get_put", "free_folio"):
            lines.append(f"  {v:<10} {loop:<11} {'; '.join(disasm_info[v][loop]['locked'])}"
                         f"  calls: {', '.join(disasm_info[v][loop]['calls'])}")
    text = "\n".join(lines)
    print(text)
    with open(os.path.join(report, "kernel-bench.md"), "w") as f:
        f.write("# kernel-bench: the page refcount paths inside the kernel (UML SMP)\n\n")
        f.write("Written by `" + meta["command"] + "` (kernel/bench/README.md). UML runs kernel code "
                "natively on the host's cores; each vCPU is a host thread.\n\n```\n" + text + "\n```\n")


def main():
    if len(sys.argv) >= 3 and sys.argv[1] == "disasm":
        disasm(sys.argv[2], sys.argv[3:])
    elif len(sys.argv) >= 6 and sys.argv[1] == "table":
        table(sys.argv[2], sys.argv[3], sys.argv[4], sys.argv[5], sys.argv[6:])
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()
