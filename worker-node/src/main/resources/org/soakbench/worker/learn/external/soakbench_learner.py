# soakbench's side of an external Python learner (one long-lived process per worker slot and
# learner). Protocol, one request at a time on stdin, one reply on stdout (README "R and
# Python learners"):
#   LOAD <task> <target> <csv>        -> OK | ERR <message>
#   FIT <task> <seed> <n>  + ids line -> OK | ERR <message>     (0-based row ids)
#   PREDICT <task> <n>     + ids line -> OK <n> + values line (tab-separated)
#                                        | OK <n> PROB <k> + class names line + n x k probabilities
#                                          (row-major, tab-separated; a DataFrame with a column per class)
#                                        | ERR <message>
# Usage: python3 soakbench_learner.py SCRIPT KIND [NAME=VALUE ...]; SCRIPT defines
# fit(train, params) and predict(model, test). Whatever the script prints goes to stderr, which the
# worker logs.
import importlib.util
import random
import sys
import traceback

protocol = sys.stdout
sys.stdout = sys.stderr


def reply(line, *lines):
    protocol.write(line + "\n")
    for values in lines:
        protocol.write("\t".join(values) + "\n")
    protocol.flush()


def value(text):
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            pass
    return {"TRUE": True, "true": True, "FALSE": False, "false": False}.get(text, text)


def main():
    script, kind = sys.argv[1], sys.argv[2]
    params = {}
    for arg in sys.argv[3:]:
        name, _, text = arg.partition("=")
        params[name] = value(text)
    spec = importlib.util.spec_from_file_location("learner", script)
    learner = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(learner)
    for name in ("fit", "predict"):
        if not callable(getattr(learner, name, None)):
            raise SystemExit(f"{script}: defines no function {name}(...)")
    if kind == "check":
        return
    import pandas
    tasks = {}
    model = None
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        try:
            if words[0] == "LOAD":
                target = words[2]
                frame = pandas.read_csv(" ".join(words[3:]), keep_default_na=False)
                if kind == "classification":
                    frame[target] = frame[target].astype(str)
                tasks[words[1]] = (frame, target)
                print(f"soakbench: loaded task {words[1]} ({len(frame)} rows)", file=sys.stderr, flush=True)
                reply("OK")
            elif words[0] == "FIT":
                rows = [int(i) for i in sys.stdin.readline().split()]
                frame, target = tasks[words[1]]
                seed = int(words[2])
                random.seed(seed)
                try:
                    import numpy
                    numpy.random.seed(seed % 2**32)
                except ImportError:
                    pass
                train = frame.iloc[rows].reset_index(drop=True)
                train.attrs["target"] = target
                train.attrs["seed"] = seed
                train.attrs["kind"] = kind
                model = learner.fit(train, dict(params))
                reply("OK")
            elif words[0] == "PREDICT":
                rows = [int(i) for i in sys.stdin.readline().split()]
                frame, target = tasks[words[1]]
                test = frame.iloc[rows].drop(columns=[target]).reset_index(drop=True)
                test.attrs["target"] = target
                out = learner.predict(model, test)
                if hasattr(out, "columns"):
                    # class probabilities: one column per class, named by the class
                    if len(out) != len(rows):
                        raise ValueError(f"predict() returned {len(out)} rows of probabilities for {len(rows)} rows")
                    probabilities = [repr(float(v)) for v in out.to_numpy(dtype=float).ravel()]
                    reply(f"OK {len(rows)} PROB {len(out.columns)}", [str(c) for c in out.columns], probabilities)
                else:
                    out = [str(v) for v in list(out)]
                    if len(out) != len(rows):
                        raise ValueError(f"predict() returned {len(out)} values for {len(rows)} rows")
                    reply(f"OK {len(out)}", out)
            else:
                reply("ERR unknown request " + words[0])
        except Exception as e:
            traceback.print_exc()
            reply("ERR " + (f"{type(e).__name__}: {e}").replace("\n", " ").replace("\r", " "))


main()
