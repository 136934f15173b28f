"""Does U(D) point at the truth? The search's objective on labelings with known accuracy.

For each synthetic task and context size it scores, with the search's own prompts and rules, the gold
labeling, its inverse and random labelings whose contradictions are repaired by the rules
(`icm.eval.objective_landscape`), and prints where gold ranks. If gold is not first, the model finds a
wrong labeling more coherent than the truth: a better search cannot raise ICM's accuracy on that data,
only a better model (or prompt) can. Also printed: zero-shot accuracy, and zero-shot accuracy *within
groups* (for each group, the claims ranked by the model's log-odds of True, the top ones called True:
as many as gold has), which shows whether the model has signal that the labels' calibration hides.

    python bench/objective.py                                   # comparison 16 and math 8, all demonstrations
    python bench/objective.py --tasks comparison:16 --context-sizes all 0 4 8
    python bench/objective.py --tasks comparison:16 --seeds 0 1 2 --leave-out example group
    python bench/objective.py --model path/or/hub-id --device cuda
"""
import argparse, time

def within_group_accuracy(ds, logodds) -> float:
    "Accuracy when, in each group, the claims with the highest log-odds get the group's number of gold Trues."
    groups = {}
    for i, e in enumerate(ds): groups.setdefault(e.group if e.group is not None else ("#", i), []).append(i)
    right = 0
    for members in groups.values():
        n_true = sum(ds[i].gold_label == "True" for i in members)
        ranked = sorted(members, key=lambda i: -logodds[i])
        right += sum((k < n_true) == (ds[i].gold_label == "True") for k, i in enumerate(ranked))
    return right / len(ds)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="\n".join(__doc__.splitlines()[1:]))
    p.add_argument("--tasks", nargs="+", default=["comparison:16", "math:8"], help="KIND:SIZE synthetic sets")
    p.add_argument("--context-sizes", nargs="+", default=["all"], help="'all' (exact leave-one-out) or k")
    p.add_argument("--leave-out", nargs="+", default=["example"], choices=("example", "group"),
                   help="left out of each claim's context; several values give one row each")
    p.add_argument("--seeds", type=int, nargs="+", default=None, help="data seeds (default: --seed)")
    p.add_argument("--n-random", type=int, default=6, help="random repaired labelings per landscape")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--model", default=None, help="model (default: the embedded Gemma 3 270M)")
    p.add_argument("--device", default="auto")
    a = p.parse_args()

    from icm.data import create_synthetic_dataset
    from icm.eval import objective_landscape, zero_shot_labels
    from icm.scoring import get_scorer
    t = time.perf_counter()
    scorer = get_scorer(a.model, device=a.device)
    print(f"model {scorer.name} loaded in {time.perf_counter() - t:.1f}s; {time.strftime('%Y-%m-%d')}\n")
    print("| data | seed | context | leave out | zero-shot | zero-shot within groups | gold rank | U gold | U inverse "
          "| best labeling (accuracy) | best U | s |")
    print("|---|--:|---|---|--:|--:|--:|--:|--:|---|--:|--:|")
    for task in a.tasks:
        kind, size = task.split(":")
        for seed in a.seeds or [a.seed]:
            ds = create_synthetic_dataset(kind, int(size), seed=seed)
            zs = zero_shot_labels(ds, scorer)
            logodds = zs.logprobs[:, 0] - zs.logprobs[:, 1]
            for k in a.context_sizes:
                for lo in a.leave_out:
                    t = time.perf_counter()
                    land = objective_landscape(ds, scorer, n_random=a.n_random, seed=seed, leave_out=lo,
                                               context_size=None if k == "all" else int(k))
                    u = {r["labeling"]: r["U"] for r in land.rows}
                    top = land.rows[0]
                    print(f"| {kind} {size} ({len(ds)} claims) | {seed} | {k} | {lo} | {zs.accuracy:.3f} | "
                          f"{within_group_accuracy(ds, logodds):.3f} | {land.gold_rank} of {len(land.rows)} | "
                          f"{u['gold']:.2f} | {u['inverse']:.2f} | {top['labeling']} ({top['accuracy']:.3f}) | "
                          f"{top['U']:.2f} | {time.perf_counter() - t:.0f} |", flush=True)

if __name__ == "__main__": main()
