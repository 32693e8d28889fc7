using Pinn.Abstractions.Plugins;

namespace Pinn.Optimizers.NaturalGradient.HessianFree;

/// <summary>Options of <c>hessian-free</c>.</summary>
public sealed record HessianFreeOptions : IValidatableOptions
{
    /// <summary>λ of the first step (absolute, in units of the Gramian), ≥ 0.</summary>
    public double InitialDamping { get; init; } = 1e-3;

    /// <summary>Floor of λ, ≥ 0.</summary>
    public double MinDamping { get; init; } = 1e-14;

    /// <summary>CG iterations per step at most, 1..100000.</summary>
    public int MaxCgIterations { get; init; } = 200;

    /// <summary>CG stops when ‖(G + λI)d − g‖ ≤ tol·‖g‖, in [0, 1).</summary>
    public double CgTolerance { get; init; } = 1e-12;

    /// <summary>Keep CG's residuals orthogonal by Gram–Schmidt against all earlier ones (memory: MaxCgIterations
    /// vectors of length D; turn off for very large D).</summary>
    public bool Reorthogonalize { get; init; } = true;

    /// <summary>Factor on the previous direction that starts CG (Martens: 0.95); 0 starts from zero. In [0, 1].</summary>
    public double WarmStart { get; init; } = 0.95;

    /// <summary>Armijo constant c of L(θ − αd) ≤ L(θ) − c·α·gᵀd, in (0, 0.5).</summary>
    public double Armijo { get; init; } = 1e-4;

    /// <summary>Halvings of α the Armijo search may try, 0..64.</summary>
    public int MaxBacktracking { get; init; } = 40;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (!(InitialDamping >= 0) || double.IsInfinity(InitialDamping)) yield return new(nameof(InitialDamping), "must be ≥ 0 and finite");
        if (!(MinDamping >= 0) || double.IsInfinity(MinDamping)) yield return new(nameof(MinDamping), "must be ≥ 0 and finite");
        if (MaxCgIterations is < 1 or > 100000) yield return new(nameof(MaxCgIterations), "must be between 1 and 100000");
        if (!(CgTolerance >= 0 && CgTolerance < 1)) yield return new(nameof(CgTolerance), "must be in [0, 1)");
        if (!(WarmStart >= 0 && WarmStart <= 1)) yield return new(nameof(WarmStart), "must be in [0, 1]");
        if (!(Armijo > 0 && Armijo < 0.5)) yield return new(nameof(Armijo), "must be in (0, 0.5)");
        if (MaxBacktracking is < 0 or > 64) yield return new(nameof(MaxBacktracking), "must be between 0 and 64");
    }
}
