using Pinn.Abstractions.Plugins;

namespace MyProblem;

/// <summary>Options of the problem, read from the manifest's <c>"problem": { "options": … }</c> (camelCase keys).</summary>
public sealed record PoissonOptions : IValidatableOptions
{
    /// <summary>k in the exact solution u* = sin(kπx)·sin(kπy): a positive whole number, so that u* = 0 on the boundary.</summary>
    public int Frequency { get; init; } = 1;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (Frequency < 1) yield return new(nameof(Frequency), "must be a whole number ≥ 1");
    }
}
