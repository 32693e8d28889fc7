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
