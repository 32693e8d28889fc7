"""Poisson2d-CG (-Δu + k²u = f on [-1, 1]^2 minus four disks, k = 8, f = 10 (17 + x² + y²) sin(πx) sin(4πy);
u = 0.2 on the square, 1 on the circles) solved as u = w + v: w a closed-form particular solution of the equation,
v = Σ_j a_j K0(k |x - s_j|) by the method of fundamental solutions with sources outside the domain. v satisfies the
homogeneous equation exactly and -Δ + k² (k² > 0) has a maximum principle, so the largest misfit on the boundary
(checked on a boundary set 10 times finer than the fit's) bounds the error everywhere in the domain.

The particular solution: with s = sin(πx) sin(4πy), λ = 17π² + k², w = (α + β x² + γ y²) s + δ x cos(πx) sin(4πy)
+ ε y sin(πx) cos(4πy), where β = γ = 10/λ, δ = 4πβ/λ, ε = 16πγ/λ and α = (170 + 2β + 2γ - 2πδ - 8πε)/λ
(the script checks -Δw + k²w = f with autograd).

    /usr/bin/python3 poisson2d_cg.py REFERENCE.dat [PREDICTION.csv ...]
"""
import math

import torch

from reference_files import command_line, report

PI = math.pi
K = 8.0
LAMBDA = 17 * PI ** 2 + K ** 2
BETA = GAMMA = 10 / LAMBDA
DELTA = 4 * PI * BETA / LAMBDA
EPSILON = 16 * PI * GAMMA / LAMBDA
ALPHA = (170 + 2 * BETA + 2 * GAMMA - 2 * PI * DELTA - 8 * PI * EPSILON) / LAMBDA
HOLES = [((0.5, 0.5), 0.2), ((0.4, -0.4), 0.4), ((-0.2, -0.7), 0.1), ((-0.6, 0.5), 0.3)]


def source(x):
    px, py = x[:, 0], x[:, 1]
    return 10 * (17 + px ** 2 + py ** 2) * torch.sin(PI * px) * torch.sin(4 * PI * py)


def particular(x):
    px, py = x[:, 0], x[:, 1]
    s = torch.sin(PI * px) * torch.sin(4 * PI * py)
    return ((ALPHA + BETA * px ** 2 + GAMMA * py ** 2) * s + DELTA * px * torch.cos(PI * px) * torch.sin(4 * PI * py)
            + EPSILON * py * torch.sin(PI * px) * torch.cos(4 * PI * py))


def particular_residual(count=1000):
    """max |-Δw + k²w - f| at random points, by autograd."""
    x = (torch.rand(count, 2, generator=torch.Generator().manual_seed(0)) * 2 - 1).requires_grad_(True)
    w = particular(x)
    gradient = torch.autograd.grad(w.sum(), x, create_graph=True)[0]
    laplacian = sum(torch.autograd.grad(gradient[:, i].sum(), x, retain_graph=True)[0][:, i] for i in range(2))
    return (-laplacian + K ** 2 * w - source(x)).abs().max().item()


def boundary(per_edge, per_length):
    t = (torch.arange(per_edge) + 0.5) / per_edge * 2 - 1
    edges = [torch.stack([t, torch.full_like(t, s)], 1) for s in (-1.0, 1.0)]
    edges += [torch.stack([torch.full_like(t, s), t], 1) for s in (-1.0, 1.0)]
    circles = []
    for centre, radius in HOLES:
        count = int(per_length * 2 * PI * radius)
        angle = torch.arange(count) / count * 2 * PI
        circles.append(torch.tensor(centre) + radius * torch.stack([angle.cos(), angle.sin()], 1))
    points = torch.cat(edges + circles)
    data = torch.cat([torch.full((4 * per_edge,), 0.2), torch.ones(sum(c.shape[0] for c in circles))])
    return points, data


def sources(per_edge=400, gap=0.1, per_hole=100, shrink=0.7):
    """On a square 1 + gap around the domain, and on circles of shrink × radius inside each hole."""
    t = (torch.arange(per_edge) + 0.5) / per_edge * 2 - 1
    side = 1 + gap
    s = [torch.stack([t * side, torch.full_like(t, v)], 1) for v in (-side, side)]
    s += [torch.stack([torch.full_like(t, v), t * side], 1) for v in (-side, side)]
    for centre, radius in HOLES:
        angle = torch.arange(per_hole) / per_hole * 2 * PI
        s.append(torch.tensor(centre) + shrink * radius * torch.stack([angle.cos(), angle.sin()], 1))
    return torch.cat(s)


def kernel(points, s):
    return torch.special.modified_bessel_k0(K * torch.cdist(points, s))


def solve(per_edge=800, per_length=400):
    """(evaluate(points [N, 2]) -> u [N], bound on |u_approx - u| in the whole domain)."""
    s = sources()
    points, data = boundary(per_edge, per_length)
    matrix = kernel(points, s)
    scale = matrix.norm(dim=0)
    right = (data - particular(points)).unsqueeze(1)
    coefficients = torch.linalg.lstsq(matrix / scale, right, rcond=1e-15, driver='gelsd').solution.squeeze(1) / scale
    check_points, check_data = boundary(10 * per_edge, 10 * per_length)
    bound = (kernel(check_points, s) @ coefficients + particular(check_points) - check_data).abs().max().item()
    return (lambda x: torch.cat([kernel(c, s) @ coefficients + particular(c) for c in x.split(4096)])), bound


if __name__ == '__main__':
    print(f'particular solution: max |-Δw + k²w - f| = {particular_residual():.1e} (f up to 173)')
    reference_path, prediction_paths = command_line('poisson2d_cg.py REFERENCE.dat [PREDICTION.csv ...]')
    report(*solve(), reference_path, prediction_paths)
