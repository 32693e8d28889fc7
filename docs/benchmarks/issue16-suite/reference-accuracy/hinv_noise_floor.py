"""HInv: what the noise alone allows an oracle.

u is observed with N(0, 0.1²) noise at PINNacle's 2 500 sites (x, y, t) of heatinv_points.dat. Give an estimator
everything but one number: the exact coefficient a* = 2 + sin πx sin πy, and u = c · e^(−t) sin πx sin πy with only the
amplitude c unknown (truth c = 1). Its least-squares amplitude has error N(0, σ²/Σ s²); the script draws the noise many
times and reports that oracle's pooled L2RE over (u, a) on PINNacle's evaluation grid (17 × 17 nodes of [−1, 1]² ×
71 times of [0, 1]). A method that must find u's shape and the field a does worse; a floor far below the target says
the noise is not what stops a run from reaching it.

    /usr/bin/python3 hinv_noise_floor.py data/pinnacle/heatinv_points.dat [TARGET]
"""
import math
import sys

import torch

torch.set_default_dtype(torch.float64)
SIGMA = 0.1
if len(sys.argv) < 2:
    sys.exit('usage: hinv_noise_floor.py SITES [TARGET]')
try:
    target = float(sys.argv[2]) if len(sys.argv) > 2 else 5.26e-3
except ValueError:
    sys.exit(f'usage: hinv_noise_floor.py SITES [TARGET]: TARGET must be a number, got {sys.argv[2]!r}')
sites = torch.tensor([[float(v) for v in line.split()] for line in open(sys.argv[1]) if line.strip()])
x, y, t = sites[:, 0], sites[:, 1], sites[:, 2]
shape = torch.exp(-t) * torch.sin(math.pi * x) * torch.sin(math.pi * y)                    # u* at the sites

space = torch.linspace(-1, 1, 17)
times = torch.linspace(0, 1, 71)
ex, ey, et = torch.meshgrid(space, space, times, indexing='ij')
s = (torch.sin(math.pi * ex) * torch.sin(math.pi * ey)).flatten()
u = torch.exp(-et).flatten() * s
a = 2 + s
truth_norm = torch.cat([u, a]).norm()

draws = 20000
noise = SIGMA * torch.randn(draws, shape.numel(), generator=torch.Generator().manual_seed(0))
amplitude_error = (noise @ shape) / (shape @ shape)
l2re = amplitude_error.abs() * u.norm() / truth_norm
expected = SIGMA / shape.norm() * u.norm() / truth_norm
print(f'{shape.numel()} sites; one-amplitude oracle: rms L2RE {expected:.2e} (closed form), median {l2re.median().item():.2e}, '
      f'{100 * (l2re <= target).double().mean().item():.0f}% of {draws} noise draws at or below {target:.2e}; '
      f'u carries {100 * (u.norm() / truth_norm).item() ** 2:.1f}% of the pooled squared norm')
