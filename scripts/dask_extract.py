#!/usr/bin/env python3
"""Distributed extraction with Dask: a JSON Lines corpus, read in
partitions, goes through `zhkg extract --format nq -` on the workers; each
partition becomes one N-Quads shard, and `zhkg load` puts the shards into a
store, as `zhkg build` would have.

    python3 scripts/dask_extract.py CORPUS.jsonl --zhkg ./target/release/zhkg \
        (--shards DIR [--store DIR] | --endpoint URL) \
        [--scheduler tcp://HOST:8786 | --workers 2] [--blocksize 64MiB]

- Without --scheduler the script starts a LocalCluster of --workers worker
  processes (one thread each: zhkg is the one working). With --scheduler it
  joins a running Dask cluster: then CORPUS, --shards and --zhkg must be
  paths every worker sees alike (a shared file system; CORPUS may also be
  any URL dask.bag.read_text reads, such as s3://...), and zhkg must run on
  the workers.
- The corpus is cut into partitions of about --blocksize bytes, at line
  ends (dask.bag.read_text), so a record is never split.
- A shard's documents carry `zhkg:source` "-:LINE" (standard input, the line
  within the partition) where a local build says "CORPUS:LINE": the one
  provenance field that names where a worker read the record.
- With --store, the shards are loaded (`zhkg load`, on this machine) when
  all are written; without it, load them yourself.
- With --endpoint (a remote store's Graph Store Protocol URL) instead of
  --shards, each worker runs `zhkg build --endpoint URL -` on its partition:
  no shards, the documents' graphs go straight to the server.

Needs `dask` and `distributed` (PyPI).
"""

import argparse
import json
import os
import subprocess
import sys
import time


def extract_partition(lines, index, zhkg, shards):
    """Runs zhkg on one partition's records; writes shard-NNNNN.nq.

    Returns (shard path, records, quads). Runs on a worker."""
    records = [line if line.endswith("\n") else line + "\n" for line in lines if line.strip()]
    path = os.path.join(shards, f"shard-{index:05d}.nq")
    tmp = path + ".part"
    with open(tmp, "wb") as out:
        done = subprocess.run(
            [zhkg, "extract", "--format", "nq", "-q", "-"],
            input="".join(records).encode("utf-8"),
            stdout=out,
            stderr=subprocess.PIPE,
            check=False,
        )
    if done.returncode != 0:
        raise RuntimeError(
            f"zhkg extract failed on partition {index} (exit {done.returncode}): "
            + done.stderr.decode("utf-8", "replace").strip()
        )
    # A retried task rewrites its shard whole: never half a shard.
    os.replace(tmp, path)
    with open(path, "rb") as f:
        quads = sum(1 for _ in f)
    return path, len(records), quads


def build_partition(lines, index, zhkg, endpoint):
    """Runs `zhkg build --endpoint` on one partition's records. Returns
    (partition, records). Runs on a worker."""
    records = [line if line.endswith("\n") else line + "\n" for line in lines if line.strip()]
    done = subprocess.run(
        [zhkg, "build", "-q", "--endpoint", endpoint, "-"],
        input="".join(records).encode("utf-8"),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(
            f"zhkg build --endpoint failed on partition {index} (exit {done.returncode}): "
            + done.stderr.decode("utf-8", "replace").strip()
        )
    return index, len(records)


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("corpus", help="a JSON Lines corpus (one {id, text, ...} per line)")
    ap.add_argument("--zhkg", required=True, help="the zhkg binary (on every worker)")
    out = ap.add_mutually_exclusive_group(required=True)
    out.add_argument("--shards", help="directory for the N-Quads shards")
    out.add_argument("--endpoint", help="build into this Graph Store Protocol URL instead")
    ap.add_argument("--store", help="load the shards into this store when done")
    ap.add_argument("--scheduler", help="address of a running Dask scheduler")
    ap.add_argument("--workers", type=int, default=2, help="LocalCluster worker processes")
    ap.add_argument("--blocksize", default="64MiB", help="bytes per partition (e.g. 64MiB, 20kB)")
    args = ap.parse_args(argv)

    import dask
    import dask.bag as db
    from dask.distributed import Client, LocalCluster

    zhkg = os.path.abspath(args.zhkg) if os.path.exists(args.zhkg) else args.zhkg
    if args.store and not args.shards:
        ap.error("--store loads shards: give --shards")
    shards = os.path.abspath(args.shards) if args.shards else None
    if shards:
        os.makedirs(shards, exist_ok=True)
    corpus = args.corpus if "://" in args.corpus else os.path.abspath(args.corpus)

    if args.scheduler:
        client, cluster = Client(args.scheduler), None
    else:
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        )
        client = Client(cluster)
    started = time.monotonic()
    try:
        bag = db.read_text(corpus, blocksize=args.blocksize, encoding="utf-8")
        if shards:
            tasks = [
                dask.delayed(extract_partition)(part, i, zhkg, shards)
                for i, part in enumerate(bag.to_delayed())
            ]
        else:
            tasks = [
                dask.delayed(build_partition)(part, i, zhkg, args.endpoint)
                for i, part in enumerate(bag.to_delayed())
            ]
        results = dask.compute(*tasks)
        workers = len(client.scheduler_info().get("workers", {}))
    finally:
        client.close()
        if cluster is not None:
            cluster.close()
    extracted = time.monotonic() - started
    summary = {
        "partitions": len(results),
        "workers": workers,
        "records": sum(r[1] for r in results),
        "extract_seconds": round(extracted, 2),
    }
    if shards:
        summary["quads"] = sum(r[2] for r in results)
        summary["shards"] = [r[0] for r in results]
    else:
        summary["endpoint"] = args.endpoint
    if args.store:
        done = subprocess.run(
            [zhkg, "load", "-q", "--store", args.store, *summary["shards"]], check=False
        )
        if done.returncode != 0:
            print(f"zhkg load failed (exit {done.returncode})", file=sys.stderr)
            return done.returncode
        summary["store"] = args.store
    json.dump(summary, sys.stdout, ensure_ascii=False)
    print()
    return 0


if __name__ == "__main__":
    sys.exit(main())
