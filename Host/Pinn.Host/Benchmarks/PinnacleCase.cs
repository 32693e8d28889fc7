namespace Pinn.Host.Benchmarks;

/// <summary>One problem of <c>pinn bench optimizers --suite pinnacle</c> and PINNacle's published L2RE for it.</summary>
/// <param name="Problem">PINNacle's name of the problem (e.g. <c>Poisson2d-C</c>).</param>
/// <param name="Manifest">Our best set-up: the problem's default manifest.</param>
/// <param name="AdamManifest">PINNacle's own set-up (Adam, lr 1e-3, 5 × 100 tanh, their point counts), run for as long as ours ran.</param>
/// <param name="Vanilla">PINNacle's plain PINN, as printed (— when not given).</param>
/// <param name="Best">The best of PINNacle's methods and its name, as printed (— for a problem outside PINNacle).</param>
/// <param name="Target">The L2RE our run must reach: a tenth of PINNacle's best (1e-6 for Kovasznay flow).</param>
internal sealed record PinnacleCase(string Problem, string Manifest, string AdamManifest, string Vanilla, string Best, double Target);
