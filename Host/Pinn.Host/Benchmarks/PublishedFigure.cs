namespace Pinn.Host.Benchmarks;

/// <summary>A relative L2 error reported in the literature for a problem of the suite.</summary>
/// <param name="Source">Method and paper, e.g. "AMStramGRAM".</param>
/// <param name="RelativeL2">The reported figure as printed (mean ± std when given).</param>
internal sealed record PublishedFigure(string Source, string RelativeL2);
