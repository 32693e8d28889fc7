using Pinn.Host.Manifests;

namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench optimizers --suite pinnacle</c>: for every problem of the PINNacle suite we run, our best set-up (its
/// default manifest) and then PINNacle's own Adam set-up for the same training time, one after the other.
/// </summary>
/// <param name="outputRoot">The folder that gets one folder per run.</param>
/// <param name="seconds">When set, our runs get this many seconds instead of their manifests' budgets.</param>
/// <param name="threads">Torch threads for runs whose manifest sets none.</param>
internal sealed class PinnacleBenchmark(string outputRoot, double? seconds, int threads)
{
    /// <summary>The problems with PINNacle's L2RE (Hao et al., NeurIPS 2024, main table: 20 000 Adam iterations, float32).</summary>
    public static IReadOnlyList<PinnacleCase> Cases { get; } =
    [
        new("Burgers1d-C", "manifests/burgers1d-c.json", "manifests/pinnacle/burgers1d-c-adam.json", "1.45e-2", "1.45e-2 (PINN)", 1.45e-2 / 10),
        new("Poisson2d-C", "manifests/poisson2d-c.json", "manifests/pinnacle/poisson2d-c-adam.json", "6.9e-1", "1.23e-2 (NTK)", 1.23e-2 / 10),
        new("Poisson2d-CG", "manifests/poisson2d-cg.json", "manifests/pinnacle/poisson2d-cg-adam.json", "6.2e-1", "1.43e-2 (NTK)", 1.43e-2 / 10),
        new("Heat2d-MS", "manifests/heat2d-ms.json", "manifests/pinnacle/heat2d-ms-adam.json", "6.2e-2", "6.21e-2 (PINN)", 6.21e-2 / 10),
        new("NS2d-C", "manifests/ns2d-c.json", "manifests/pinnacle/ns2d-c-adam.json", "4.70e-2", "3.60e-2 (LAAF)", 3.60e-2 / 10),
        new("NS2d-CG", "manifests/ns2d-cg.json", "manifests/pinnacle/ns2d-cg-adam.json", "—", "8.24e-2 (LAAF)", 8.24e-2 / 10),
        new("Wave1d-C", "manifests/wave1d-c.json", "manifests/pinnacle/wave1d-c-adam.json", "—", "9.79e-2 (NTK)", 9.79e-2 / 10),
        new("HNd", "manifests/heat-nd.json", "manifests/pinnacle/heat-nd-adam.json", "3.61e-1", "1.19e-4 (L-BFGS)", 1.19e-4 / 10),
        new("PInv", "manifests/poisson-inverse.json", "manifests/pinnacle/poisson-inverse-adam.json", "—", "2.45e-2 (hp-VPINN)", 2.45e-2 / 10),
        new("HInv", "manifests/heat-inverse.json", "manifests/pinnacle/heat-inverse-adam.json", "—", "5.26e-2 (PINN-w)", 5.26e-2 / 10),
        new("Kovasznay", "manifests/kovasznay.json", "manifests/pinnacle/kovasznay-adam.json", "—", "—", 1e-6),
    ];

    /// <summary>Both runs of every case in order. A run that fails is reported to <paramref name="warn"/> and left
    /// out (its PINNacle run too, which needs its time); the others go on.</summary>
    public IEnumerable<PinnacleResult> Run(IReadOnlyList<(PinnacleCase Case, RunPlan Ours, RunPlan Adam)> plans, Action<string> progress, Action<string> warn)
    {
        foreach (var (c, ours, adam) in plans)
        {
            var mine = new OptimizerBenchmark(outputRoot, seconds, threads)
                .Run([new OptimizerBenchmarkCase(c.Manifest, ours, null)], progress, warn).SingleOrDefault();
            var theirs = mine is null ? null
                : new OptimizerBenchmark(outputRoot, mine.Seconds, threads)
                    .Run([new OptimizerBenchmarkCase(c.AdamManifest, adam, null)], progress, warn).SingleOrDefault();
            yield return new PinnacleResult(c, mine, theirs);
        }
    }
}
