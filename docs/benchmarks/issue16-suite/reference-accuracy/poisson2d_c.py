"""Poisson2d-C (Laplace on [-0.5, 0.5]^2 minus four disks of radius 0.1; u = 1 on the square, 0 on the circles)
solved by the method of fundamental solutions: u = c + sum_j a_j log|x - s_j| with sources inside the holes and on a
circle around the square. The approximant is harmonic, so by the maximum principle its largest misfit on the boundary
(checked on a boundary set 20 times finer than the fit's) bounds its error everywhere in the domain.

    /usr/bin/python3 poisson2d_c.py REFERENCE.dat [PREDICTION.csv ...]

prints the bound, the reference file's L2RE against this solution, and each prediction's L2RE against both.
"""
import math

import torch

from reference_files import command_line, report

HALF = 0.5
RADIUS = 0.1
CENTRES = torch.tensor([[0.3, 0.3], [-0.3, 0.3], [0.3, -0.3], [-0.3, -0.3]])


def boundary(per_edge, per_circle):
    """Boundary points and their data u."""
    t = (torch.arange(per_edge) + 0.5) / per_edge * 2 * HALF - HALF
    edges = [torch.stack([t, torch.full_like(t, s)], 1) for s in (-HALF, HALF)]
    edges += [torch.stack([torch.full_like(t, s), t], 1) for s in (-HALF, HALF)]
    angle = torch.arange(per_circle) / per_circle * 2 * math.pi
    ring = RADIUS * torch.stack([angle.cos(), angle.sin()], 1)
    points = torch.cat(edges + [c + ring for c in CENTRES])
    data = torch.cat([torch.ones(4 * per_edge), torch.zeros(4 * per_circle)])
    return points, data


def sources(per_hole=40, hole_radius=0.05, outer=128, outer_radius=1.4):
    angle = torch.arange(per_hole) / per_hole * 2 * math.pi
    ring = hole_radius * torch.stack([angle.cos(), angle.sin()], 1)
    # Holes and their mirror images across the square's edges (the continuation of u - 1 is odd across each edge).
    centres = [torch.tensor([x, y]) for x in (-0.7, -0.3, 0.3, 0.7) for y in (-0.7, -0.3, 0.3, 0.7)]
    angle = torch.arange(outer) / outer * 2 * math.pi
    return torch.cat([c + ring for c in centres] + [outer_radius * torch.stack([angle.cos(), angle.sin()], 1)])


def basis(points, s):
    return torch.cat([torch.ones(points.shape[0], 1), torch.log(torch.cdist(points, s))], 1)


def solve(per_edge=500, per_circle=250):
    """(evaluate(points [N, 2]) -> u [N], bound on |u_mfs - u| in the whole domain)."""
    s = sources()
    points, data = boundary(per_edge, per_circle)
    matrix = basis(points, s)
    scale = matrix.norm(dim=0)
    coefficients = torch.linalg.lstsq(matrix / scale, data.unsqueeze(1), rcond=1e-14, driver='gelsd').solution.squeeze(1) / scale
    check_points, check_data = boundary(20 * per_edge, 20 * per_circle)
    bound = (basis(check_points, s) @ coefficients - check_data).abs().max().item()
    return (lambda x: torch.cat([basis(c, s) @ coefficients for c in x.split(4096)])), bound


if __name__ == '__main__':
    reference_path, prediction_paths = command_line('poisson2d_c.py REFERENCE.dat [PREDICTION.csv ...]')
    report(*solve(), reference_path, prediction_paths)
