/**
 * The exported script's command line and its `--verify` check (pytorchScript.ts puts it after the training
 * code of pytorchTemplate.ts). Plain Python apart from `main`: a test runs `compare` without torch.
 *
 * The check, per step i of the first PLAYGROUND_STEPS, between the playground's minibatch loss b and this
 * script's float32 loss a:
 *
 *     |a − b| ≤ rtol·max(|a|, |b|) + 64·eps32·|L0| + 2·max_{j ≤ i} |a_j − a64_j|
 *
 * - rtol (default 1e-3): the two programs compute the same float32 operations in different orders.
 * - The floor, 64·eps32·|L0| (eps32 = 2⁻²³, L0 the run's first loss): float32 resolves a value of the loss's
 *   scale only to eps32·|L0|, and a loss that training drives towards 0 is the difference of numbers of that
 *   scale (log-softmax: z − logsumexp z, PyTorch docs, torch.nn.functional.log_softmax), so below the floor two
 *   correct programs differ by rounding alone. A relative test alone fails them: 0 against 1.2e-7 is an
 *   unbounded relative error. 64 ulps leave room for the sum over the batch and the outputs.
 * - The rounding allowance: a64 is this script's run in float64. |a − a64| is how far float32 rounding alone
 *   has moved the run; the playground and this script round differently, each about that far from the float64
 *   run, so up to about twice that apart (triangle inequality). It is ~0 at the first steps, where a real
 *   difference (another optimizer, another batch) shows at once, and grows only as training amplifies rounding
 *   (the paper scene's LocoProp-M: 100 steps of K = 10 inner steps). `--strict` leaves it out.
 */
export const PYTHON_CLI = String.raw`
EPS32 = 2.0 ** -23  # float32's machine epsilon
FLOOR_ULPS = 64


def _rel(a, b):
    scale = max(abs(a), abs(b))
    return abs(a - b) / scale if scale > 0 else 0.0


def compare(losses, rates, losses64, rtol, rounding=True):
    """Step by step, the playground's loss b against this script's float32 loss a:
    |a - b| <= rtol*max(|a|, |b|) + 64*eps32*|L0| + 2*(the largest |a - a64| so far, a64 in float64).
    The floor is float32's resolution at the loss's scale; the last term is what float32 rounding alone does
    to this run, which the two programs' different roundings may double."""
    n = min(len(losses), len(losses64), PLAYGROUND_STEPS)
    floor = FLOOR_ULPS * EPS32 * abs(PLAYGROUND_LOSSES[0])
    spread, worst_ratio, worst_step, within, failed = 0.0, 0.0, 0, 0, []
    for i in range(n):
        a, b = losses[i], PLAYGROUND_LOSSES[i]
        spread = max(spread, abs(a - losses64[i]))
        diff, base = abs(a - b), rtol * max(abs(a), abs(b)) + floor
        tolerance = base + (2 * spread if rounding else 0.0)
        within += diff <= base
        ratio = diff / tolerance if tolerance > 0 else (0.0 if diff == 0 else math.inf)
        if not ratio <= 1:  # NaN fails too
            failed.append(i)
        if not ratio <= worst_ratio:
            worst_ratio, worst_step = ratio, i
    rule = f"|a-b| <= {rtol:g}*max(|a|,|b|) + {floor:.3g}" + (" + 2*(float32-float64 spread so far)" if rounding else "")
    return {"steps": n, "verified": not failed, "failed_steps": failed[:10], "tolerance": rule,
            "rtol": rtol, "floor": floor, "rounding_allowance": rounding, "float32_float64_spread": spread,
            "steps_within_rtol_and_floor": within, "worst_step": worst_step, "worst_diff_over_tolerance": worst_ratio,
            "max_abs_loss_diff": max(abs(losses[i] - PLAYGROUND_LOSSES[i]) for i in range(n)),
            "max_rel_loss_diff": max(_rel(losses[i], PLAYGROUND_LOSSES[i]) for i in range(n)),
            "max_rel_float32_float64": max(_rel(losses[i], losses64[i]) for i in range(n)),
            "max_rel_lr_diff": max(_rel(rates[i], PLAYGROUND_LR[i]) for i in range(n)),
            "first_loss": losses[0], "playground_first_loss": PLAYGROUND_LOSSES[0],
            "last_loss": losses[n - 1], "playground_last_loss": PLAYGROUND_LOSSES[n - 1], "float64_last_loss": losses64[n - 1]}


def report_json(report):
    """The report as strict JSON: a NaN or infinite number as its name ("nan", "inf")."""
    return json.dumps({k: v if not isinstance(v, float) or math.isfinite(v) else str(v) for k, v in report.items()})


def verdict(r):
    """The comparison in words: what was checked, why, and the outcome."""
    lines = [f"{k}: {v}" for k, v in r.items()] + [
        "",
        f"Checked at each of the first {r['steps']} steps, a = this script's float32 loss, b = the playground's:",
        f"  {r['tolerance']}",
        f"  {r['rtol']:g}*max(|a|,|b|): the same float32 operations, summed in other orders.",
        f"  {r['floor']:.3g} = 64 x 2^-23 x |first loss {abs(r['playground_first_loss']):.6g}|: float32 resolves the loss only to",
        "    2^-23 of its scale, so a loss near 0 (a difference of numbers of that scale) is rounding below it.",
    ]
    if r["rounding_allowance"]:
        lines += [f"  The float32-float64 spread: this script in float64 drifts up to {r['float32_float64_spread']:.3g} from float32 over",
                  "    these steps; two float32 programs rounding differently may be twice that apart (--strict drops it)."]
    lines.append(f"{r['steps_within_rtol_and_floor']} of {r['steps']} steps within the first two terms alone; worst: step {r['worst_step']} at {r['worst_diff_over_tolerance']:.3g} x its tolerance.")
    lines.append("VERIFIED: this script reproduces the playground's losses." if r["verified"] else f"NOT VERIFIED: steps {r['failed_steps']} differ by more than their tolerance.")
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--steps", type=int, default=PLAYGROUND_STEPS, help="optimizer steps to train")
    parser.add_argument("--float64", action="store_true", help="train in float64 (the playground trains in float32)")
    parser.add_argument("--verify", action="store_true", help="compare the first losses with the playground's (this run in float32, and in float64 to size float32 rounding); exit 1 if a step differs by more than its tolerance")
    parser.add_argument("--tolerance", type=float, default=1e-3, help="the relative term of --verify's tolerance")
    parser.add_argument("--strict", action="store_true", help="--verify without the rounding allowance: the relative term and the float32 floor only")
    parser.add_argument("--playground-rates", action="store_true", help="use the playground's exact per-step learning rate and momentum for the exported steps")
    parser.add_argument("--json", action="store_true", help="print the comparison as JSON")
    parser.add_argument("--save", help="save the trained model's state_dict here")
    args = parser.parse_args()
    dtype = torch.float64 if args.float64 else torch.float32
    model, losses, rates = train(args.steps, args.playground_rates, log=None if args.json else print, dtype=dtype)
    if args.save:
        torch.save(model.state_dict(), args.save)
    if not args.verify:
        return
    n = PLAYGROUND_STEPS

    def run_in(kind):
        if kind == dtype and len(losses) >= n:
            return losses, rates
        return train(n, args.playground_rates, log=None, dtype=kind)[1:]

    losses32, rates32 = run_in(torch.float32)
    losses64, _ = run_in(torch.float64)
    report = compare(losses32, rates32, losses64, args.tolerance, rounding=not args.strict)
    print(report_json(report) if args.json else verdict(report))
    if not report["verified"]:
        sys.exit(1)
`;
