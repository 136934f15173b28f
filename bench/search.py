"""End-to-end search benchmark: ICM on synthetic data with a real model.

For each dataset size it runs `ICMSearcher.search` and prints one markdown row: wall time, iterations per
second, model tokens computed per iteration, the fraction of free iterations (skipped proposals, which
cost no model call), the final accuracy of the labels against gold, and the zero-shot accuracy of the same
model on the same claims (each claim alone, no demonstrations) as the baseline ICM has to beat.

    python bench/search.py                                # synthetic math, sizes 25 and 50, embedded model
    python bench/search.py --kind comparison --sizes 16 32 --max-iterations 100
    python bench/search.py --context-size 16              # cap the demonstrations per prompt
    python bench/search.py --leave-out group --proposal flip   # the alternatives, side by side
    python bench/search.py --model path/or/hub-id --device cuda
"""
import argparse, platform, statistics, subprocess, time

def cpu_name() -> str:
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        return next(l.split(":", 1)[1].strip() for l in out.splitlines() if l.startswith("Model name"))
    except Exception: return platform.processor() or "unknown CPU"

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter,
                                epilog="\n".join(__doc__.splitlines()[1:]))
    p.add_argument("--kind", default="math", choices=("math", "comparison"), help="synthetic dataset (default: math)")
    p.add_argument("--sizes", type=int, nargs="+", default=[25, 50], help="synthetic sizes (math: N questions = 2N claims)")
    p.add_argument("--max-iterations", type=int, default=None,
                   help="iterations per run (default: 2 x the number of claims)")
    p.add_argument("--context-size", type=int, default=None, help="demonstrations per prompt (default: all)")
    p.add_argument("--leave-out", default="example", choices=("example", "group"),
                   help="left out of each claim's context (default: example, exact leave-one-out)")
    p.add_argument("--proposal", default="argmax", choices=("argmax", "flip"), help="revisits (default: argmax)")
    p.add_argument("--initial-examples", type=int, default=20, help="random initial labels (default: 20)")
    p.add_argument("--schedule", default="geometric", choices=("geometric", "log"))
    p.add_argument("--seeds", type=int, nargs="+", default=[0], help="seeds to average over")
    p.add_argument("--model", default=None, help="model (default: the embedded Gemma 3 270M)")
    p.add_argument("--device", default="auto")
    a = p.parse_args()

    from icm.data import create_synthetic_dataset
    from icm.eval import zero_shot_accuracy
    from icm.scoring import get_scorer
    from icm.search import ICMSearcher
    t = time.perf_counter()
    scorer = get_scorer(a.model, device=a.device)
    print(f"model {scorer.name} loaded in {time.perf_counter() - t:.1f}s; {cpu_name()}; "
          f"{time.strftime('%Y-%m-%d')}\n")
    print("| data | claims | iterations | wall s | it/s | tokens/it | free it | accuracy | zero-shot |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for size in a.sizes:
        rows = []
        for seed in a.seeds:
            ds = create_synthetic_dataset(a.kind, size, seed=seed)
            iters = a.max_iterations or 2 * len(ds)
            scorer.reset_stats()
            r = ICMSearcher(scorer=scorer, max_iterations=iters, context_size=a.context_size,
                            leave_out=a.leave_out, proposal=a.proposal, initial_examples=a.initial_examples,
                            schedule=a.schedule, seed=seed).search(ds)
            tokens = scorer.stats.tokens_computed
            m = r.metadata
            rows.append(dict(wall=m["seconds"], its=m["iterations_per_second"], tok=tokens / max(m["iterations"], 1),
                             free=m["skipped"] / max(m["iterations"], 1), acc=r.accuracy(),
                             zs=zero_shot_accuracy(ds, scorer), n=len(ds), iters=iters))
        mean = lambda k: statistics.mean(x[k] for x in rows)
        sd = lambda k: f" ± {statistics.stdev(x[k] for x in rows):.3f}" if len(rows) > 1 else ""
        print(f"| {a.kind} {size} | {rows[0]['n']} | {rows[0]['iters']} | {mean('wall'):.0f} | {mean('its'):.2f} | "
              f"{mean('tok'):.0f} | {mean('free'):.0%} | {mean('acc'):.3f}{sd('acc')} | {mean('zs'):.3f} |", flush=True)

if __name__ == "__main__": main()
