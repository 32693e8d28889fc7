#!/usr/bin/env python3
"""Runs `pinn` (a given build) through bad input, faults and hostile plugins, as a user would, and classifies
each outcome: clear (a non-zero exit with a message and no stack trace, or the documented behaviour), trace (a
.NET stack trace), abort (killed by a signal we did not send), silent (exit 0 while something is wrong), lost
(data a user had is gone or mixed). Usage: issue14-cases.py REPO [--label L]; REPO is a built checkout whose
artifacts/test-plugins holds the fixture plugins."""
import json, os, signal, subprocess, sys, tempfile, time, shutil

repo = os.path.abspath(sys.argv[1])
host = os.path.join(repo, "Host/Pinn.Host/bin/Release/net10.0/Pinn.Host.dll")
fixtures = os.path.join(repo, "artifacts/test-plugins")
results = []

def pinn(cwd, *args, env=None, timeout=180):
    e = dict(os.environ, OMP_WAIT_POLICY="passive")
    e.update(env or {})
    p = subprocess.run(["dotnet", host, *args], cwd=cwd, env=e, capture_output=True, text=True, timeout=timeout)
    return p.returncode, p.stdout, p.stderr

def manifest(cwd, name="m.json", problem='{ "name": "poisson2d" }', optimizer='{ "name": "adam" }', budget='{ "steps": 5 }',
             sampler='{ "points": { "interior": 40, "boundary": 20 } }', engine='{ "name": "autodiff" }', extra="", run_name="case"):
    text = (f'{{ "name": "{run_name}", "seed": 0, "device": "cpu", "threads": 1, "problem": {problem}, "model": {{ "hidden": [8] }}, '
            f'"engine": {engine}, "sampler": {sampler}, "optimizer": {optimizer}, "budget": {budget}, '
            f'"evaluation": {{ "every": 5, "points": 200 }}{extra} }}')
    with open(os.path.join(cwd, name), "w") as f: f.write(text)
    return name

def classify(code, err, ok):
    if "   at " in err: return "trace"
    if code < 0 or code in (134, 136, 139): return "abort"
    return "clear" if ok else ("silent" if code == 0 else "confusing")

def case(name, fn):
    cwd = tempfile.mkdtemp(prefix="pinn-case-")
    try:
        verdict, detail = fn(cwd)
    except subprocess.TimeoutExpired:
        verdict, detail = "hang", "timeout"
    except Exception as e:
        verdict, detail = "harness-error", repr(e)
    finally:
        shutil.rmtree(cwd, ignore_errors=True)
    results.append((name, verdict, detail))
    print(f"{verdict:8} {name}: {detail[:160]}", flush=True)

faulty = {"PINN_PLUGIN_PATH": os.path.join(fixtures, "Pinn.Fixtures.FaultyPlugins")}

def fault_run(optimizer='{ "name": "fixture-faulty" }', problem='{ "name": "poisson2d" }', sampler='{ "points": { "interior": 40, "boundary": 20 } }',
              needs=("fixture",)):
    def run(cwd):
        m = manifest(cwd, optimizer=optimizer, problem=problem, sampler=sampler)
        code, out, err = pinn(cwd, "run", m, "--out", "o", env=faulty)
        summary = os.path.exists(os.path.join(cwd, "o", "summary.json"))
        ok = code not in (0,) and summary and all(n in err for n in needs)
        return classify(code, err, ok), f"exit {code}, summary {'written' if summary else 'missing'}; {err.strip().splitlines()[0] if err.strip() else out.strip()[-120:]}"
    return run

def sampler(fault): return '{ "name": "fixture-faulty-sampler", "options": { "fault": "%s" }, "points": { "interior": 40, "boundary": 20 } }' % fault
def problem(fault): return '{ "name": "fixture-faulty-problem", "options": { "residual": "%s" } }' % fault

case("optimizer Create throws", fault_run('{ "name": "fixture-faulty", "options": { "fail": "create" } }', needs=("fixture-faulty",)))
case("optimizer Step throws at step 3", fault_run('{ "name": "fixture-faulty", "options": { "fail": "step", "atStep": 3 } }', needs=("fixture-faulty", "step 3")))
case("sampler throws", fault_run(sampler=sampler("throw"), needs=("fixture-faulty-sampler",)))
case("sampler returns a NaN point", fault_run(sampler=sampler("nan"), needs=("fixture-faulty-sampler", "non-finite")))
case("sampler returns half the points", fault_run(sampler=sampler("half"), needs=("fixture-faulty-sampler",)))
case("sampler returns points outside the domain", fault_run(sampler=sampler("outside"), needs=("fixture-faulty-sampler", "outside")))
for r in ("square", "int64", "float32", "empty", "throw"):
    case(f"residual {r}", fault_run(problem=problem(r), sampler=sampler("none"), needs=("fixture-faulty-problem",)))

def refused(fn_manifest, *needs, env=None, args=()):
    def run(cwd):
        m = fn_manifest(cwd)
        code, out, err = pinn(cwd, "run", m, *args, env=env)
        ok = code == 2 and all(n in err for n in needs)
        return classify(code, err, ok), f"exit {code}; {(err.strip() or out.strip()).splitlines()[-1][:150] if (err.strip() or out.strip()) else ''}"
    return run

case("kfac with autodiff", refused(lambda c: manifest(c, optimizer='{ "name": "kfac" }'), "layer tapes"))
case("100 million interior points", refused(lambda c: manifest(c, sampler='{ "points": { "interior": 100000000 } }'), "needs at least"))
case("output folder that cannot be created", refused(lambda c: manifest(c), "cannot create", args=("--out", "/proc/pinn-x")))
case("manifest name /abs/path", refused(lambda c: manifest(c, run_name="/tmp/abs"), "$.name"))
case("manifest name ../../x", refused(lambda c: manifest(c, run_name="../../x"), "$.name"))
case("options with an unknown key and a range error", refused(lambda c: manifest(c, optimizer='{ "name": "adam", "options": { "lr": -1, "nonsense": 3 } }'), "nonsense", "lr"))
case("duplicate key", refused(lambda c: manifest(c, optimizer='{ "name": "adam", "options": { "lr": 0.1, "lr": 0.2 } }'), "duplicate"))
case("seed 2^53 + 1", refused(lambda c: open(os.path.join(c, "m.json"), "w").write(open(os.path.join(c, manifest(c))).read().replace('"seed": 0', '"seed": 9007199254740993')) and "m.json", "$.seed"))
def latin1(c):
    manifest(c)
    data = open(os.path.join(c, "m.json"), "rb").read().replace(b'"case"', b'"caf\xe9"')
    open(os.path.join(c, "m.json"), "wb").write(data)
    return "m.json"
case("manifest not UTF-8", refused(latin1, "UTF-8"))

def diverge(cwd):
    m = manifest(cwd, optimizer='{ "name": "sgd", "options": { "lr": 1e6 } }', budget='{ "steps": 30 }')
    text = open(os.path.join(cwd, m)).read().replace('"every": 5', '"every": 1')
    open(os.path.join(cwd, m), "w").write(text)
    code, out, err = pinn(cwd, "run", m, "--out", "o")
    ck = os.path.join(cwd, "o", "checkpoint.bin")
    if not os.path.exists(ck): return ("lost" if "   at " not in err else "trace"), f"exit {code}, no checkpoint"
    code2, out2, err2 = pinn(cwd, "run", m, "--resume", "o")
    ok = code2 in (0, 2) and "   at " not in err2 and "non-finite" not in err2
    return classify(code, err, ok), f"exit {code}; resume exit {code2}: {(err2.strip() or out2.strip()).splitlines()[-1][:120]}"
case("sgd lr 1e6 evaluated every step", diverge)

def sigterm(cwd):
    m = manifest(cwd, budget='{ "seconds": 60 }')
    e = dict(os.environ, OMP_WAIT_POLICY="passive")
    p = subprocess.Popen(["dotnet", host, "run", m, "--out", "o"], cwd=cwd, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    metrics = os.path.join(cwd, "o", "metrics.csv")
    t0 = time.time()
    while not (os.path.exists(metrics) and sum(1 for _ in open(metrics)) > 20) and time.time() - t0 < 60: time.sleep(0.1)
    p.send_signal(signal.SIGTERM)
    out, err = p.communicate(timeout=60)
    have = [f for f in ("summary.json", "checkpoint.bin") if os.path.exists(os.path.join(cwd, "o", f))]
    ok = len(have) == 2
    verdict = "clear" if ok else ("lost" if p.returncode != 0 else "silent")
    return verdict, f"exit {p.returncode}, wrote {have}"
case("SIGTERM during training", sigterm)

def stale_tmp(cwd):
    m = manifest(cwd)
    pinn(cwd, "run", m, "--out", "o")
    open(os.path.join(cwd, "o", ".checkpoint.bin.99999.tmp"), "w").write("half")
    pinn(cwd, "run", open(os.path.join(cwd, m)).read() and m, "--resume", "o")
    left = [f for f in os.listdir(os.path.join(cwd, "o")) if f.endswith(".tmp")]
    return ("clear" if not left else "silent"), f"left: {left}"
case("temporary file of an interrupted write", stale_tmp)

def out_existing(cwd):
    m = manifest(cwd)
    pinn(cwd, "run", m, "--out", "o")
    before = open(os.path.join(cwd, "o", "metrics.csv")).read()
    code, out, err = pinn(cwd, "run", m, "--out", "o")
    after = open(os.path.join(cwd, "o", "metrics.csv")).read()
    if code == 0 and before != after: return "lost", "exit 0, the first run's metrics were replaced"
    return classify(code, err, code == 2 and before == after), f"exit {code}; {err.strip().splitlines()[-1][:140] if err.strip() else ''}"
case("--out naming an existing run", out_existing)

def concurrent(cwd):
    m = manifest(cwd, budget='{ "steps": 400 }')
    e = dict(os.environ, OMP_WAIT_POLICY="passive")
    ps = [subprocess.Popen(["dotnet", host, "run", m, "--out", "o"], cwd=cwd, env=e, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    res = [p.communicate(timeout=180) + (p.returncode,) for p in ps]
    codes = sorted(r[2] for r in res)
    lines = open(os.path.join(cwd, "o", "metrics.csv")).read().splitlines()
    steps = [int(l.split(",")[0]) for l in lines[1:] if l.split(",")[0].isdigit()]
    well_formed = steps == list(range(1, len(steps) + 1)) and all(len(l.split(",")) == len(lines[0].split(",")) for l in lines)
    if codes == [0, 0]: return ("lost" if not well_formed else "silent"), f"both exit 0, metrics well-formed: {well_formed}"
    return ("clear" if codes == [0, 2] and well_formed else "confusing"), f"exits {codes}, metrics well-formed: {well_formed}"
case("two runs with the same --out at once", concurrent)

def resume_elsewhere(cwd):
    m = manifest(cwd, budget='{ "steps": 5 }')
    pinn(cwd, "run", m, "--out", "a")
    m2 = manifest(cwd, name="m2.json", budget='{ "steps": 8 }')
    os.makedirs(os.path.join(cwd, "b"))
    open(os.path.join(cwd, "b", "metrics.csv"), "w").write("step,stage\n1,0\n")
    a_before = open(os.path.join(cwd, "a", "metrics.csv")).read()
    code, out, err = pinn(cwd, "run", m2, "--resume", "a", "--out", "b")
    if code == 0:
        rows = open(os.path.join(cwd, "b", "metrics.csv")).read().splitlines()
        return ("lost" if rows[0].startswith("step,stage\n") or len(rows) != 9 else "clear"), f"exit 0, b has {len(rows) - 1} rows"
    os.remove(os.path.join(cwd, "b", "metrics.csv"))
    code, out, err = pinn(cwd, "run", m2, "--resume", "a", "--out", "b")
    rows = open(os.path.join(cwd, "b", "metrics.csv")).read().splitlines()
    a_after = open(os.path.join(cwd, "a", "metrics.csv")).read()
    ok = code == 0 and [r.split(",")[0] for r in rows[1:]] == [str(i) for i in range(1, 9)] and a_before == a_after
    return ("clear" if ok else "lost"), f"a foreign b refused, then b has steps {[r.split(',')[0] for r in rows[1:]]}, a unchanged: {a_before == a_after}"
case("--resume A --out B", resume_elsewhere)

def comma_key(cwd):
    m = manifest(cwd, optimizer='{ "name": "fixture-faulty", "options": { "diagnosticKey": "a,b" } }')
    code, out, err = pinn(cwd, "run", m, "--out", "o", env=faulty)
    lines = open(os.path.join(cwd, "o", "metrics.csv")).read().splitlines()
    cols = len(lines[0].split(","))
    ok = all(len(l.split(",")) == cols for l in lines)
    return classify(code, err, ok), f"exit {code}, every row has the header's {cols} columns: {ok}"
case("diagnostic name with a comma", comma_key)

def damaged(mutate, needs):
    def run(cwd):
        m = manifest(cwd)
        pinn(cwd, "run", m, "--out", "o")
        path = os.path.join(cwd, "o", "checkpoint.bin")
        data = bytearray(open(path, "rb").read())
        open(path, "wb").write(mutate(data))
        code, out, err = pinn(cwd, "run", m, "--resume", "o")
        ok = code == 2 and needs in err
        if code == 0: return "silent", "loaded without a word"
        return classify(code, err, ok), f"exit {code}; {err.strip().splitlines()[-1][:140] if err.strip() else ''}"
    return run
def flip_last_weight(d):
    d[-40] ^= 0x01  # a low mantissa bit of a stored value near the end (format 2 ends with a 32-byte checksum)
    return d
case("checkpoint with one flipped bit", damaged(flip_last_weight, "checksum"))
case("checkpoint truncated", damaged(lambda d: d[: len(d) // 2], "truncated"))
case("checkpoint that is not one", damaged(lambda d: bytearray(b"hello"), "not a Pinn.Plugins checkpoint"))

def throwing_plugin(cwd):
    env = {"PINN_PLUGIN_PATH": os.path.join(fixtures, "Pinn.Fixtures.ThrowingFactory")}
    code, out, err = pinn(cwd, "plugins", "--json", env=env)
    m = manifest(cwd)
    code2, out2, err2 = pinn(cwd, "validate", m, env=env)
    ok = code == 0 and code2 == 0 and "Pinn.Fixtures.ThrowingFactory" in err  # the folder is refused by name; the rest works
    return classify(code if code else code2, err + err2, ok), f"plugins exit {code}, validate exit {code2}; {err.strip().splitlines()[-1][:120] if err.strip() else ''}"
case("plugin whose factory constructor throws", throwing_plugin)

def impostor(cwd):
    env = {"PINN_PLUGIN_PATH": os.path.join(fixtures, "Pinn.Fixtures.ImpostorAdam")}
    m = manifest(cwd)
    code, out, err = pinn(cwd, "run", m, "--out", "o", env=env)
    used = json.load(open(os.path.join(cwd, "o", "manifest.resolved.json")))["stages"][0]["optimizer"]["version"]
    code2, out2, err2 = pinn(cwd, "plugins", env=env)
    ok = code == 0 and used.startswith("1.") and "clash" in err2
    return ("clear" if ok else "silent"), f"run used adam {used}; plugins reports the clash: {'clash' in err2}"
case("plugin named adam 9.0.0 beside the built-in", impostor)

def missing_path(cwd):
    code, out, err = pinn(cwd, "plugins", env={"PINN_PLUGIN_PATH": "/nonexistent-plugins"})
    ok = "does not exist" in err
    return classify(code, err, ok), f"exit {code}; stderr: {err.strip()[:120]}"
case("PINN_PLUGIN_PATH naming a missing folder", missing_path)

counts = {}
for _, v, _ in results: counts[v] = counts.get(v, 0) + 1
print(json.dumps({"cases": len(results), "verdicts": counts}))
