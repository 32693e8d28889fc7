"""PInv: the accuracy the noise in the observations allows.

u is observed with N(0, 0.1²) noise on the 50 × 50 grid of [0, 1]² (boundary included). Give an estimator everything
but one number: the exact coefficient a*, and u = c · sin(πx) sin(πy) with only the amplitude c unknown (truth c = 1).
Its best estimate is the least-squares amplitude, whose error is N(0, σ²/Σ s²); the script draws the noise many times
and reports that oracle's pooled L2RE over (u, a) at the 2 500 evaluation points (a 50 × 50 grid of cell centres).
Any real method, which must also find the shape of u and the whole field a, does worse on average.

    /usr/bin/python3 pinv_noise_floor.py [TARGET]
"""
import math
import sys

import torch

torch.set_default_dtype(torch.float64)
SIGMA = 0.1
try:
    target = float(sys.argv[1]) if len(sys.argv) > 1 else 2.45e-3
except ValueError:
    sys.exit(f'usage: pinv_noise_floor.py [TARGET]: TARGET must be a number, got {sys.argv[1]!r}')

grid = torch.linspace(0, 1, 50)
ox, oy = torch.meshgrid(grid, grid, indexing='ij')
shape = (torch.sin(math.pi * ox) * torch.sin(math.pi * oy)).flatten()                     # s at the 2 500 sites
centres = (torch.arange(50) + 0.5) / 50
ex, ey = torch.meshgrid(centres, centres, indexing='ij')
u = (torch.sin(math.pi * ex) * torch.sin(math.pi * ey)).flatten()
a = (1 / (1 + ex ** 2 + ey ** 2 + (ex - 1) ** 2 + (ey - 1) ** 2)).flatten()
truth_norm = torch.cat([u, a]).norm()

draws = 20000
noise = SIGMA * torch.randn(draws, shape.numel(), generator=torch.Generator().manual_seed(0))
amplitude_error = (noise @ shape) / (shape @ shape)                                           # ĉ - 1 per draw
l2re = amplitude_error.abs() * u.norm() / truth_norm
expected = SIGMA / shape.norm() * u.norm() / truth_norm
print(f'one-amplitude oracle: rms L2RE {expected:.2e} (closed form), median {l2re.median().item():.2e}, '
      f'{100 * (l2re <= target).double().mean().item():.0f}% of {draws} noise draws at or below {target:.2e}')
