"""NS2d-C (lid-driven cavity, lid u = 4x(1 - x)): where the error sits.

At the lid's corners (0, 1) and (1, 1) the lid's velocity has slope ±4 along the lid while the side wall holds u = 0:
the data are continuous but their derivatives are not, and the pressure is unbounded there. This script shows it in
the reference file itself (its pressure along the side walls against log r, r the distance to the corner) and
splits a prediction's pooled L2RE into the nodes near the two corners and the rest.

    /usr/bin/python3 ns2d_c_corners.py REFERENCE.dat [PREDICTION.csv ...]
"""

import torch

from reference_files import command_line, l2re, read_prediction, read_reference

CORNERS = torch.tensor([[0.0, 1.0], [1.0, 1.0]])

if __name__ == '__main__':
    reference_path, prediction_paths = command_line('ns2d_c_corners.py REFERENCE.dat [PREDICTION.csv ...]')
    nodes, reference = read_reference(reference_path)
    distance = torch.cdist(nodes, CORNERS).min(1).values
    for corner, wall_x in ((0, 0.0), (1, 1.0)):
        on_wall = (nodes[:, 0] == wall_x) & (nodes[:, 1] < 1) & (distance < 0.05)
        r = (1 - nodes[on_wall, 1])
        p = reference[on_wall, 2]
        slope = (((r.log() - r.log().mean()) * (p - p.mean())).sum() / ((r.log() - r.log().mean()) ** 2).sum()).item()
        corner_p = reference[(nodes[:, 0] == wall_x) & (nodes[:, 1] == 1), 2].item()
        print(f'reference p on the wall x = {wall_x:g} within 0.05 of the corner ({on_wall.sum().item()} nodes): '
              f'p ≈ {slope:.3f} ln r + c; at the corner node itself {corner_p:.3f}')
    for path in prediction_paths:
        predicted = read_prediction(path, ['u', 'v', 'p'], nodes)
        total = ((predicted - reference) ** 2).sum().item()
        print(f'{path}: pooled L2RE {l2re(predicted, reference):.2e} '
              f'(u {l2re(predicted[:, 0], reference[:, 0]):.1e}, v {l2re(predicted[:, 1], reference[:, 1]):.1e}, p {l2re(predicted[:, 2], reference[:, 2]):.1e})')
        for radius in (0.025, 0.05, 0.1):
            away = distance >= radius
            share = ((predicted[~away] - reference[~away]) ** 2).sum().item() / total
            print(f'  nodes within {radius} of the two corners: {(~away).sum().item()} of {nodes.shape[0]}, '
                  f'{100 * share:.0f}% of the squared error; pooled L2RE over the others {l2re(predicted[away], reference[away]):.2e}')
