namespace Pinn.Host.Benchmarks;

/// <summary>
/// <c>pinn bench problems</c>: every problem's default manifest (<c>manifests/&lt;problem&gt;.json</c>), run for
/// a short fixed budget, beside the figures the literature reports for it
/// (../shared/reference/BENCHMARKS.md: the ANaGRAM, AMStramGRAM, SSBroyden and n-TangentProp papers).
/// </summary>
internal static class ProblemBenchmark
{
    /// <summary>The problems of the suite, in the order of the table.</summary>
    public static IReadOnlyList<string> Problems { get; } =
    [
        "poisson2d", "poisson5d", "poisson10d", "poisson100d", "heat1d", "heat4d", "fokker-planck9d", "allen-cahn",
        "burgers", "burgers-self-similar", "laplace2d", "laplace5d", "nonlinear-poisson", "nonlinear-poisson5d",
    ];

    /// <summary>The default manifest files, one per entry of <see cref="Problems"/>.</summary>
    public static IReadOnlyList<string> DefaultManifests { get; } = Problems.Select(p => $"manifests/{p}.json").ToArray();

    /// <summary>The seconds each run gets unless <c>--seconds</c> says otherwise.</summary>
    public const double DefaultSeconds = 30;

    /// <summary>Published relative L2 errors by manifest name. The KFAC paper's figures for its problems are
    /// curves only (Figures 1–3), so those rows say so.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<PublishedFigure>> Published { get; } = new Dictionary<string, IReadOnlyList<PublishedFigure>>
    {
        ["poisson2d"] = [new("peer library, Adam 60 s + L-BFGS 60 s, 2→64→1 (measured here)", "5.1e-4"), new("KFAC 2024", "curves only, ~1e-6 at D = 257 after 1000 s")],
        ["poisson5d"] = [new("KFAC 2024", "curves only")],
        ["poisson10d"] = [new("KFAC 2024", "curves only")],
        ["poisson100d"] = [new("KFAC 2024", "curves only")],
        ["heat1d"] = [new("ANaGRAM", "1.28e-6 ± 1.75e-6"), new("AMStramGRAM", "2.32e-14 ± 1.14e-14")],
        ["heat4d"] = [new("KFAC 2024", "curves only")],
        ["fokker-planck9d"] = [new("KFAC 2024", "curves only (6000 s, D = 118145)")],
        ["allen-cahn"] = [new("ANaGRAM", "4.32e-3 ± 5.93e-3"), new("AMStramGRAM", "5.87e-5 ± 6.25e-6"), new("SSBroyden", "3.94e-6 ± 1.72e-6")],
        ["burgers"] = [new("AMStramGRAM", "1.5e-6 ± 9.4e-7"), new("SSBroyden", "1.59e-6 ± 1.02e-6")],
        ["burgers-self-similar"] = [new("n-TangentProp", "no error figure; training times only")],
        ["laplace2d"] = [new("ANaGRAM", "3.49e-9"), new("AMStramGRAM", "2.24e-15")],
        ["laplace5d"] = [new("ANaGRAM", "4.0e-5"), new("AMStramGRAM", "2.12e-5")],
        ["nonlinear-poisson"] = [new("AMStramGRAM (their set-up; ours may differ)", "6.8e-10"), new("SSBroyden (their set-up; ours may differ)", "9.3e-12")],
        ["nonlinear-poisson5d"] = [new("—", "no published 5d figure found")],
    };

    /// <summary>The published figures for a manifest name: those above, else PINNacle's for the problems of
    /// <c>--suite pinnacle</c> (its best method and its plain PINN); empty when there are none.</summary>
    public static IReadOnlyList<PublishedFigure> PublishedFor(string manifest)
        => Published.TryGetValue(manifest, out var figures) ? figures
            : PinnacleBenchmark.Cases.FirstOrDefault(c => Path.GetFileNameWithoutExtension(c.Manifest) == manifest) is { } pinnacle
                ? new[] { new PublishedFigure("PINNacle best", pinnacle.Best), new PublishedFigure("PINNacle PINN", pinnacle.Vanilla) }
                      .Where(f => f.RelativeL2 != "—").ToArray()
                : [];
}
