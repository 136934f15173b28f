"""Label quality: zero-shot and random/ICM/golden-label in-context accuracy, and ICM's label accuracy.

    python bench/quality.py                                   # defaults: embedded model, 3 seeds
    python bench/quality.py --sizes 32 32 --max-iterations 96 --model google/gemma-3-1b-pt --device cuda

For each task and seed: split the claims into train and test (whole consistency groups on one side), then
- zero-shot: each test claim alone, the model's preferred label word;
- random / ICM / golden-label ICL: every train claim as a demonstration (one fixed, seeded order), labeled
  at random (balanced), by an ICM search on the train claims, or with the gold labels; accuracy on test;
- ICM labels: the accuracy of the search's own labels on the train claims.
Prints a markdown table, mean ± standard deviation over the seeds. Tasks: synthetic math and comparison,
and every task fixture committed under nbs/fixtures/ (see its README.md; question-only gsm8k is skipped).
"""
import argparse, datetime, json, os, platform, statistics, subprocess, sys, time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # this checkout's icm, not another install
for _var in ("HF_HUB_OFFLINE", "HF_DATASETS_OFFLINE", "TRANSFORMERS_OFFLINE"): os.environ.setdefault(_var, "1")

FIXTURES = ROOT/"nbs"/"fixtures"
# the Hub datasets nbs/fixtures/ has files for (each file's name starts with one of these)
FIXTURE_TASKS = ("truthful_qa", "gsm8k", "hh-rlhf", "alpaca")
COLUMNS = [("zero_shot", "zero-shot"), ("random", "random-label ICL"), ("icm", "ICM-label ICL"),
           ("gold", "golden-label ICL"), ("icm_labels", "ICM labels vs gold"),
           ("gold_true", "golden ICL: share True")]
KEYS = [f"{k}{t}" for k in ("zero_shot", "random", "icm", "gold") for t in ("", "_true")]
KEYS += ["icm_labels", "icm_labels_true"]


def machine() -> str:  # e.g. "2-core CPU (AMD EPYC)" or "NVIDIA H200"
    "The hardware the figures come from."
    try:
        import torch
        if torch.cuda.is_available(): return torch.cuda.get_device_name(0)
    except ImportError: pass
    name = platform.processor() or "CPU"
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True).stdout
        name = next(l.split(":", 1)[1].strip() for l in out.splitlines() if l.startswith("Model name"))
    except (OSError, StopIteration): pass
    return f"{os.cpu_count()}-core CPU ({name})"


def task_data(n_claims: int, seed: int) -> dict:  # task name -> (loader(seed), note)
    "The tasks: the two synthetic sets, then each fixture file that can be used offline."
    from icm.data import create_synthetic_dataset, load_icm_dataset
    tasks = {"math (synthetic)": lambda s: create_synthetic_dataset("math", n_claims // 2 + 1, seed=s),
             "comparison (synthetic)": lambda s: create_synthetic_dataset("comparison", n_claims, seed=s)}
    notes = []
    files = sorted(p for p in FIXTURES.glob("*") if p.is_file()
                   and p.suffix.lower() in (".jsonl", ".json", ".csv", ".parquet")) if FIXTURES.is_dir() else []
    missing = [t for t in FIXTURE_TASKS if not any(p.name.startswith(t) for p in files)]
    if missing:
        notes.append(f"no task fixture under {FIXTURES.relative_to(ROOT)}/ for: skipped {', '.join(missing)}")
    for p in files:
        try: ds = load_icm_dataset(p)
        except Exception as e:
            notes.append(f"{p.name}: skipped, cannot load ({str(e).splitlines()[0]})")
            continue
        if any(e.metadata.get("needs_solutions") for e in ds):
            notes.append(f"{p.name}: skipped, question-only gsm8k (needs sampled solutions)")
        elif sum(e.gold_label is not None for e in ds) < 4 or len(ds.groups()) < 2:
            notes.append(f"{p.name}: skipped, too few claims with gold labels ({len(ds)})")
        else: tasks[f"{ds.task_type} ({p.stem})"] = lambda s, ds=ds: ds
    return tasks, notes


def run_one(data, scorer, n_train: int, n_test: int, seed: int, args) -> dict:
    "Every figure for one task and seed."
    from icm.eval import icl_labels, label_accuracy, train_test_split, zero_shot_labels
    from icm.search import ICMSearcher
    n_test = min(n_test, len(data) // 2)
    train, test = train_test_split(data, test_size=n_test, train_size=n_train, seed=seed)
    t0 = time.perf_counter()
    found = ICMSearcher(scorer=scorer, seed=seed, max_iterations=args.max_iterations,
                        initial_examples=args.initial_examples, leave_out=args.leave_out,
                        proposal=args.proposal, progress=args.progress).search(train)
    t_search = time.perf_counter() - t0
    preds = dict(zero_shot=zero_shot_labels(test, scorer),
                 **{src: icl_labels(train, test, scorer, src, k=args.k, icm_result=found, seed=seed)
                    for src in ("random", "icm", "gold")})
    row = dict(seed=seed, n_train=len(train), n_test=len(test),
               **{name: p.accuracy for name, p in preds.items()},
               **{f"{name}_true": sum(p.labels) / len(p.labels) for name, p in preds.items()},
               icm_labels=label_accuracy(found)["accuracy"],
               icm_labels_true=sum(l == "True" for l in found.labels) / len(found.labels),
               icm_score=found.score,
               inconsistencies=found.inconsistencies, search_seconds=t_search,
               seconds=time.perf_counter() - t0)
    return row


def cell(values) -> str:  # "0.625 ± 0.088" (mean ± sample standard deviation), "-" without values
    "Mean ± standard deviation over seeds."
    values = [v for v in values if v is not None]
    if not values: return "-"
    if len(values) == 1: return f"{values[0]:.3f}"
    return f"{statistics.mean(values):.3f} ± {statistics.stdev(values):.3f}"


def table(results: dict) -> str:  # markdown
    "One row per task."
    head = ["task", "train / test"] + [c for _, c in COLUMNS] + ["s / seed"]
    lines = ["| " + " | ".join(head) + " |", "|" + "|".join(["---"] * 2 + ["--:"] * (len(head) - 2)) + "|"]
    for task, rows in results.items():
        size = f"{rows[0]['n_train']} / {rows[0]['n_test']}"
        secs = statistics.mean(r["seconds"] for r in rows)
        lines.append("| " + " | ".join([task, size] + [cell(r[k] for r in rows) for k, _ in COLUMNS]
                                       + [f"{secs:.0f}"]) + " |")
    return "\n".join(lines)


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--sizes", type=int, nargs=2, default=[16, 16], metavar=("TRAIN", "TEST"),
                   help="claims in the train and test split (default: 16 16)")
    p.add_argument("--seeds", type=int, nargs="+", default=[0, 1, 2], help="seeds to average (default: 0 1 2)")
    p.add_argument("--max-iterations", type=int, default=32, help="ICM search iterations (default: 32)")
    p.add_argument("--initial-examples", type=int, default=8, help="ICM random initial labels (default: 8)")
    p.add_argument("--leave-out", default="example", choices=("example", "group"),
                   help="ICM: left out of each claim's context (default: example)")
    p.add_argument("--proposal", default="argmax", choices=("argmax", "flip"), help="ICM revisits (default: argmax)")
    p.add_argument("--k", type=int, default=None, help="demonstrations per ICL prompt (default: all train claims)")
    p.add_argument("--model", default=None, help="model for get_scorer (default: $ICM_MODEL or the embedded model)")
    p.add_argument("--device", default="auto", help="auto, cpu, cuda or mps")
    p.add_argument("--tasks", nargs="+", default=None, help="only tasks whose name contains one of these words")
    p.add_argument("--progress", action="store_true", help="show a progress bar for each search")
    p.add_argument("--json", type=Path, default=None, help="also write every per-seed figure here")
    args = p.parse_args()

    from icm.scoring import get_scorer
    n_train, n_test = args.sizes
    tasks, notes = task_data(n_train + n_test, 0)
    if args.tasks: tasks = {t: f for t, f in tasks.items() if any(w in t for w in args.tasks)}
    t0 = time.perf_counter()
    scorer = get_scorer(args.model, device=args.device)
    print(f"model {scorer.name} loaded in {time.perf_counter() - t0:.0f}s", file=sys.stderr)
    results = {}
    for task, load in tasks.items():
        for seed in args.seeds:
            row = run_one(load(seed), scorer, n_train, n_test, seed, args)
            results.setdefault(task, []).append(row)
            print(f"{task} seed {seed}: " + ", ".join(f"{k}={v:.3f}" for k, v in row.items()
                                                       if k in KEYS
                                                       and v is not None)
                  + f" ({row['seconds']:.0f}s, search {row['search_seconds']:.0f}s)", file=sys.stderr, flush=True)
    total = time.perf_counter() - t0
    print(f"## Label quality ({datetime.date.today().isoformat()})\n")
    print(f"Model `{scorer.name}` on {machine()}; {len(args.seeds)} seeds ({' '.join(map(str, args.seeds))}); "
          f"ICM: {args.max_iterations} iterations, {args.initial_examples} initial labels; "
          f"ICL: {'all' if args.k is None else args.k} train claims as demonstrations; total {total / 60:.1f} min.\n")
    print(table(results))
    print("\nAccuracy on the test claims (ICM labels: on the train claims), mean ± standard deviation over seeds. "
          "Share True: how many test claims golden-label ICL calls True (both synthetic sets are exactly half "
          "True, so a model that gives every claim one label scores 0.500).")
    for n in notes: print(f"- {n}")
    if args.json:
        args.json.write_text(json.dumps(dict(args={k: str(v) for k, v in vars(args).items()}, model=scorer.name,
                                             machine=machine(), results=results), indent=1))


if __name__ == "__main__":
    main()
