"""Reading PINNacle's steady reference files and `pinn predict` output; the suite's metric."""
import csv
import math
import os
import sys

import torch

torch.set_default_dtype(torch.float64)


def command_line(usage):
    """(reference file, prediction files) from the command line; exits with the usage and every missing file named."""
    paths = sys.argv[1:]
    if not paths:
        sys.exit(f'usage: {usage}')
    missing = [p for p in paths if not os.path.isfile(p)]
    if missing:
        sys.exit('no such file: ' + ', '.join(missing) + f'\nusage: {usage}')
    return paths[0], paths[1:]


def read_reference(path):
    """Rows of a COMSOL text export (header lines start with %; rows with NaN dropped): (points [N, 2], fields [N, m])."""
    rows = []
    with open(path) as f:
        for number, line in enumerate(f, 1):
            if line.startswith('%') or not line.strip():
                continue
            try:
                values = [float(t) for t in line.split()]
            except ValueError:
                sys.exit(f'{path}, line {number}: not a row of numbers')
            if not any(math.isnan(v) for v in values):
                rows.append(values)
    if not rows or len({len(r) for r in rows}) != 1 or len(rows[0]) < 3:
        sys.exit(f'{path}: expected rows of x, y and at least one field, all of one length')
    table = torch.tensor(rows)
    return table[:, :2], table[:, 2:]


def read_prediction(path, fields, nodes):
    """A CSV written by `pinn predict RUN --points nodes.csv --out PATH` at the reference's nodes [N, 2]: the named fields [N, m]."""
    with open(path) as f:
        reader = csv.reader(f)
        header = next(reader, [])
        absent = [name for name in fields if name not in header]
        if absent:
            sys.exit(f'{path}: no column {", ".join(absent)} (header: {",".join(header)}); expected the output of `pinn predict`')
        table = torch.tensor([[float(v) for v in row] for row in reader])
    if table.shape[0] != nodes.shape[0] or not torch.allclose(table[:, :2], nodes):
        sys.exit(f'{path}: its points are not the reference file\'s nodes; predict with --points at those nodes')
    return table[:, [header.index(name) for name in fields]]


def l2re(prediction, reference):
    """PINNacle's L2RE, pooled over all fields: ||prediction - reference|| / ||reference||."""
    return ((prediction - reference).norm() / reference.norm()).item()


def report(evaluate, bound, reference_path, prediction_paths):
    """Prints a certified solution's bound, the reference file's error against it, and each prediction's error against both.
    evaluate: points [N, 2] -> u [N]; bound: the largest error of evaluate anywhere in the domain."""
    nodes, reference = read_reference(reference_path)
    exact = evaluate(nodes).unsqueeze(1)
    print(f'max |u_approx - u| over the domain <= {bound:.2e} (maximum principle)')
    print(f'reference file ({nodes.shape[0]} nodes) against it: L2RE {l2re(reference, exact):.2e}, '
          f'max error {(reference - exact).abs().max().item():.2e}')
    for path in prediction_paths:
        predicted = read_prediction(path, ['u'], nodes)
        print(f'{path}: L2RE {l2re(predicted, reference):.3e} against the file, {l2re(predicted, exact):.3e} against the exact solution')
