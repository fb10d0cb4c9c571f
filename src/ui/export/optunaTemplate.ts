/**
 * The Python half of "Export as an Optuna script" (optunaScript.ts puts the sweep's numbers and the PyTorch
 * export's training code, pytorchTemplate.ts, in front of it). A trial is one grid point of one group: it trains
 * the point's run for each of the sweep's seeds with the PyTorch export's own `train`, evaluates at the sweep's
 * checkpoints as LocoLab's sweep does (engine/sweep/sweepJob.ts: the data loss on the first EVAL_TRAIN_ROWS
 * training examples and on the test examples, a run diverged once a checkpoint's train loss is non-finite or above
 * DIVERGENCE_FACTOR × max(initial loss, DIVERGENCE_LOSS_FLOOR), engine/divergence.ts), and returns the median
 * over seeds of the final validation loss where the runs hold out a validation split (the set the sweep selects
 * on, issue 17 §4), else of the final train loss, a diverged seed counting as +inf (engine/sweep/response.ts). Optuna: the
 * study, GridSampler and storage as its documentation names them (optuna.create_study, optuna.samplers.GridSampler,
 * Study.optimize; tutorial "Easy Parallelization").
 */
export const PYTHON_OPTUNA = String.raw`
# ---- the sweep's checkpoints around the algorithm's step -----------------------------------------------------

class Diverged(Exception):
    """A checkpoint's train loss said the run diverged: the sweep stops the run there."""


CHECKPOINT_LOG = []  # (step, train loss, test loss, validation loss) of the run in progress, step 0 first


def evaluate(model):
    """LocoLab's evaluation (engine/evaluationTensors.ts): the data loss, no penalty, on the first EVAL_TRAIN_ROWS
    training examples, on the test examples and on the validation examples (NaN for an empty or absent set)."""
    dtype = model.layers[0].weight.dtype

    def loss_on(x, t):
        if x.shape[0] == 0:
            return math.nan
        with torch.no_grad():
            return loss_of(model(x.to(dtype)), t.to(dtype)).item()

    validation = loss_on(VALID_X, VALID_Y) if VALID_X is not None else math.nan
    return loss_on(TRAIN_X[:EVAL_TRAIN_ROWS], TRAIN_Y[:EVAL_TRAIN_ROWS]), loss_on(TEST_X, TEST_Y), validation


def diverging(train_loss, initial_loss):
    """engine/divergence.ts: non-finite, or above DIVERGENCE_FACTOR x max(the untrained loss, the floor)."""
    return not math.isfinite(train_loss) or train_loss > DIVERGENCE_FACTOR * max(initial_loss, DIVERGENCE_LOSS_FLOOR)


def make_step(model, carrier):
    """The run's algorithm (ALGORITHM_STEPS), evaluated at step 0 and after each checkpoint's step, as the sweep
    evaluates its runs; train() above calls this once the initial weights are loaded."""
    algorithm_step = ALGORITHM_STEPS[ALGORITHM](model, carrier)
    CHECKPOINT_LOG.append((0,) + evaluate(model))
    taken = 0

    def step(x, t, lr, momentum):
        nonlocal taken
        loss = algorithm_step(x, t, lr, momentum)
        taken += 1
        if taken in CHECKPOINTS:
            CHECKPOINT_LOG.append((taken,) + evaluate(model))
            if diverging(CHECKPOINT_LOG[-1][1], CHECKPOINT_LOG[0][1]):
                raise Diverged()
        return loss
    return step


# ---- runs and trials -------------------------------------------------------------------------------------------

def use_run(key):
    """Makes RUNS[key] (group, grid point, seed index) the run the training code above reads."""
    globals().update(RUNS[key])
    recompute_derived()


def train_run(key, dtype=torch.float32):
    """One run of the sweep for BUDGET_STEPS steps: its final train and test loss (+inf once diverged)."""
    use_run(key)
    CHECKPOINT_LOG.clear()
    diverged_at = None
    try:
        train(BUDGET_STEPS, False, None, dtype)
    except Diverged:
        diverged_at = CHECKPOINT_LOG[-1][0]
    step, train_loss, test_loss, validation_loss = CHECKPOINT_LOG[-1]
    if diverged_at is not None:
        train_loss = test_loss = math.inf  # the sweep counts a diverged run as the worst value
        if VALID_X is not None:
            validation_loss = math.inf
    return {"train_loss": train_loss, "test_loss": test_loss, "validation_loss": validation_loss, "step": step, "diverged_at": diverged_at}


def objective_for(group, dtype):
    def objective(trial):
        point = suggest(trial)
        runs = [train_run((group, point, s), dtype) for s in range(len(SEEDS[group]))]
        trial.set_user_attr("group", GROUPS[group])
        trial.set_user_attr("seeds", SEEDS[group])
        trial.set_user_attr("train_losses", [r["train_loss"] for r in runs])
        trial.set_user_attr("test_losses", [r["test_loss"] for r in runs])
        trial.set_user_attr("diverged_at", [r["diverged_at"] for r in runs])
        trial.set_user_attr("test_loss", statistics.median(r["test_loss"] for r in runs))
        trial.set_user_attr("train_loss", statistics.median(r["train_loss"] for r in runs))
        if VALID_X is None:
            return statistics.median(r["train_loss"] for r in runs)
        # Selected on the validation rows held out of training, never on the test set (issue 17 §4).
        trial.set_user_attr("validation_losses", [r["validation_loss"] for r in runs])
        return statistics.median(r["validation_loss"] for r in runs)
    return objective


def points_done(study):
    """Grid points with a finished trial in this study (every worker's, when the storage is shared)."""
    finished = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
    done = {tuple(t.params.get(name) for name in FIELDS) for t in finished}
    return sum(1 for point in itertools.product(*AXIS_VALUES) if point in done)


def _strict(value):
    """JSON without NaN or Infinity: a non-finite number as its name ("inf", "nan")."""
    if isinstance(value, float) and not math.isfinite(value):
        return str(value)
    if isinstance(value, dict):
        return {k: _strict(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_strict(v) for v in value]
    return value


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--storage", default=None, help='Optuna storage URL: "sqlite:///sweep.db" (one machine) or an RDB URL every machine reaches, e.g. "postgresql://user:password@host/db"; default: in memory, this process only')
    parser.add_argument("--study-name", default=STUDY_NAME, help="the studies' name; group g's study is NAME-group-g")
    parser.add_argument("--group", type=int, action="append", help="only this group, 1-based (repeat for several); default: every group")
    parser.add_argument("--create-only", action="store_true", help="create the storage's tables and the studies, then exit: run it once before workers start at the same time (two processes creating the same new database race: optuna issue #1092)")
    parser.add_argument("--float64", action="store_true", help="train in float64 (LocoLab trains in float32)")
    parser.add_argument("--json", action="store_true", help="print each group's finished trials as one line of JSON")
    args = parser.parse_args()
    dtype = torch.float64 if args.float64 else torch.float32
    if args.json:
        optuna.logging.set_verbosity(optuna.logging.WARNING)
    groups = [g - 1 for g in args.group] if args.group else range(len(GROUPS))
    for group in groups:
        if not 0 <= group < len(GROUPS):
            parser.error(f"--group {group + 1}: the sweep has groups 1 to {len(GROUPS)}")
        study = optuna.create_study(
            study_name=f"{args.study_name}-group-{group + 1}", storage=args.storage, direction="minimize",
            sampler=optuna.samplers.GridSampler(SEARCH_SPACE), load_if_exists=True)
        if args.create_only:
            print(f"created {study.study_name} in {args.storage}: {GRID_POINTS} grid points")
            continue
        if points_done(study) < GRID_POINTS:
            study.optimize(objective_for(group, dtype))  # GridSampler stops the study once every point is done
        trials = study.get_trials(deepcopy=False, states=(optuna.trial.TrialState.COMPLETE,))
        if args.json:
            print(json.dumps(_strict({"group": group + 1, "study": study.study_name, "trials": [
                {"params": t.params, "value": t.value, "user_attrs": t.user_attrs} for t in trials]})))
            continue
        print(f"{GROUPS[group]}: {len(trials)} trials; median over seeds {SEEDS[group]} at the end of each run's budget")
        for t in sorted(trials, key=lambda t: [t.params.get(name) for name in FIELDS]):
            objective = "final validation loss" if "validation_losses" in t.user_attrs else "final train loss"
            print(f"  {t.params}  {objective} {t.value:.6g}  test loss {t.user_attrs['test_loss']:.6g}")
        print(f"  best: {study.best_trial.params} at {study.best_value:.6g}")
`;
