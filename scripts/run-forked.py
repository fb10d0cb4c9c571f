"""Runs Python scripts as `python3 SCRIPT ARGS...` runs each, but from one process that has imported torch once.

Importing torch costs about 1.5 s of CPU per process on a 2-core CI machine, more than an exported script's 100
verified steps, so src/ui/export/pytorchVerify.test.ts runs its ~20 scripts through this. Each script still runs
in a process of its own: a fork of this one, with its own sys.argv, `__name__ == "__main__"`, stdout and stderr
in files of its own, and its exit status as the interpreter would give it (SystemExit's code; 1 and a traceback
on an exception). Nothing a script changes (default dtype, seeds, threads) reaches the next.

Usage: python3 scripts/run-forked.py JOBS.json
JOBS.json is a list of {"argv": [SCRIPT, ARGS...], "stdout": PATH, "stderr": PATH}. Prints a JSON list of the exit
statuses, in order.
"""
import json
import os
import runpy
import sys
import traceback

import torch  # noqa: F401  (imported once here, inherited by every fork)


def run_in_child(job):
    """In the forked child: the script as __main__; never returns."""
    status = 1
    try:
        out = os.open(job["stdout"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        err = os.open(job["stderr"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
        os.dup2(out, 1)
        os.dup2(err, 2)
        sys.argv = list(job["argv"])
        try:
            runpy.run_path(sys.argv[0], run_name="__main__")
            status = 0
        except SystemExit as exit_:
            # As the interpreter does: None is 0, an int is itself, anything else is printed and is 1.
            if exit_.code is None:
                status = 0
            elif isinstance(exit_.code, int):
                status = exit_.code
            else:
                print(exit_.code, file=sys.stderr)
                status = 1
        except BaseException:  # noqa: BLE001  (a script's uncaught exception: its traceback and status 1)
            traceback.print_exc()
            status = 1
    finally:
        try:
            sys.stdout.flush()
            sys.stderr.flush()
        finally:
            os._exit(status)


def main():
    with open(sys.argv[1], encoding="utf8") as handle:
        jobs = json.load(handle)
    statuses = []
    for job in jobs:
        sys.stdout.flush()
        sys.stderr.flush()
        pid = os.fork()
        if pid == 0:
            run_in_child(job)
        _, wait_status = os.waitpid(pid, 0)
        statuses.append(os.waitstatus_to_exitcode(wait_status))
    print(json.dumps(statuses))


if __name__ == "__main__":
    main()
