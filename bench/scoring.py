"""Prefix sharing vs one prompt at a time, on exact leave-one-out prompts.

For n synthetic math claims, every claim is scored with all n - 1 others as demonstrations (in the
prefix-tree order of `icm.scoring.prefix_tree_contexts`), once by a naive scorer (one prompt at a time,
no sharing, no cache) and once by the prefix-sharing `TransformersScorer`. Prints tokens run through
the model, wall seconds, their ratios and the largest difference between the two score arrays.

    python bench/scoring.py                        # n = 32, 64, 128; naive only up to --naive-max
    python bench/scoring.py --sizes 32 64 --naive-max 64 --threads 2

Naive scoring grows as n^2 tokens: at n = 128 it takes tens of minutes on a 2-core CPU, so by default
it is run up to n = 64 only (`--naive-max`); above that the naive token count is still exact (it is
the sum of the prompt lengths) but its time is not measured.
"""
import argparse, random, time

import numpy as np
import torch

from icm.scoring import TransformersScorer, load_model, prefix_tree_contexts

PLACEHOLDER = "[True/False]"


def math_claims(n: int, seed: int = 0) -> tuple[list[str], list[bool]]:
    "n synthetic claims `Question: What is a + b?\\nClaim: a + b = c\\nI think this Claim is [True/False]`."
    rng = random.Random(seed)
    claims, labels = [], []
    for i in range(n):
        a, b = rng.randint(1, 99), rng.randint(1, 99)
        ok = rng.random() < 0.5
        c = a + b if ok else a + b + rng.choice([-10, -2, -1, 1, 2, 10])
        claims.append(f"Question: What is {a} + {b}?\nClaim: {a} + {b} = {c}\nI think this Claim is {PLACEHOLDER}")
        labels.append(ok)
    return claims, labels


def loo_prompts(claims: list[str], labels: list[bool]) -> list[list[str]]:
    "Exact leave-one-out prompts: every other claim as a demonstration, prefix-tree order, target last."
    demo = [c.replace(PLACEHOLDER, "True" if y else "False") + "\n\n" for c, y in zip(claims, labels)]
    target = [c[:c.index(PLACEHOLDER)].rstrip() for c in claims]
    return [[demo[j] for j in ctx] + [target[i]] for i, ctx in enumerate(prefix_tree_contexts(len(claims)))]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[32, 64, 128], help="numbers of claims n")
    ap.add_argument("--naive-max", type=int, default=64, help="run the naive scorer only for n up to this")
    ap.add_argument("--model", default=None, help="model (default: the embedded Gemma 3 270M)")
    ap.add_argument("--threads", type=int, default=0, help="torch CPU threads (0: torch's default)")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    if args.threads: torch.set_num_threads(args.threads)
    model, tok = load_model(args.model)
    print(f"model {args.model or 'embedded default'} on {next(model.parameters()).device}, "
          f"{torch.get_num_threads()} threads")
    rows = []
    for n in args.sizes:
        claims, labels = math_claims(n, args.seed)
        prompts = loo_prompts(claims, labels)
        fast = TransformersScorer(model, tok)
        t0 = time.perf_counter()
        got = fast.label_logprobs(prompts)
        fast_s = time.perf_counter() - t0
        naive = TransformersScorer(model, tok, prefix_sharing=False)
        naive_tokens = int(sum(len(naive.prompt_ids(p)) for p in prompts))
        naive_s = diff = None
        if n <= args.naive_max:
            t0 = time.perf_counter()
            want = naive.label_logprobs(prompts)
            naive_s = time.perf_counter() - t0
            assert naive.stats.tokens_computed == naive_tokens
            diff = float(np.abs(got - want).max())
        rows.append((n, naive_tokens, fast.stats.tokens_computed, naive_s, fast_s, diff))
        print(f"n={n}: naive {naive_tokens} tokens {naive_s if naive_s is None else round(naive_s, 1)} s, "
              f"shared {fast.stats.tokens_computed} tokens {fast_s:.1f} s, max diff {diff}", flush=True)
    print()
    print("| n | naive tokens | shared tokens | token ratio | naive s | shared s | speed-up | max abs diff |")
    print("|---:|---:|---:|---:|---:|---:|---:|---:|")
    for n, nt, ft, ns, fs, d in rows:
        ns_txt, sp_txt = (f"{ns:.1f}", f"{ns / fs:.1f}x") if ns is not None else ("not run", "-")
        d_txt = f"{d:.1e}" if d is not None else "-"
        print(f"| {n} | {nt:,} | {ft:,} | {nt / ft:.1f}x | {ns_txt} | {fs:.1f} | {sp_txt} | {d_txt} |")


if __name__ == "__main__":
    main()
