using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.Kfac;

/// <summary>The checks the curvature options of <c>kfac</c> and <c>kfac-star</c> share.</summary>
internal static class KfacOptionRules
{
    public static IEnumerable<OptionError> Curvature(double ema, double damping, int refreshEvery)
    {
        if (!(ema >= 0 && ema < 1)) yield return new("Ema", $"must be in [0, 1) (got {ema})");
        if (!(damping > 0) || double.IsInfinity(damping)) yield return new("Damping", $"must be a finite number > 0 (got {damping})");
        if (refreshEvery is < 1 or > 10000) yield return new("RefreshEvery", $"must be between 1 and 10000 (got {refreshEvery})");
    }
}
