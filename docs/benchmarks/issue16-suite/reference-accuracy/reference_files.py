"""Reading PINNacle's steady reference files and `pinn predict` output; the suite's metric."""
import csv
import math

import torch

torch.set_default_dtype(torch.float64)


def read_reference(path):
    """Rows of a COMSOL text export (header lines start with %; rows with NaN dropped): (points [N, 2], fields [N, m])."""
    rows = []
    with open(path) as f:
        for line in f:
            if line.startswith('%') or not line.strip():
                continue
            values = [float(t) for t in line.split()]
            if not any(math.isnan(v) for v in values):
                rows.append(values)
    table = torch.tensor(rows)
    return table[:, :2], table[:, 2:]


def read_prediction(path, fields):
    """A CSV written by `pinn predict RUN --points nodes.csv --out PATH`: (points [N, 2], the named fields [N, m])."""
    with open(path) as f:
        reader = csv.reader(f)
        header = next(reader)
        table = torch.tensor([[float(v) for v in row] for row in reader])
    return table[:, :2], table[:, [header.index(name) for name in fields]]


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
        points, predicted = read_prediction(path, ['u'])
        assert torch.allclose(points, nodes), f'{path}: not the reference nodes'
        print(f'{path}: L2RE {l2re(predicted, reference):.3e} against the file, {l2re(predicted, exact):.3e} against the exact solution')
