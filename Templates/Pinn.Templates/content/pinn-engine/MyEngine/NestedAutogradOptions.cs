using Pinn.Abstractions.Plugins;

namespace MyEngine;

/// <summary>Options of the engine, read from the manifest's <c>"engine": { "options": … }</c> (camelCase keys).</summary>
public sealed record NestedAutogradOptions : IValidatableOptions
{
    /// <summary>The highest order of partial derivative the engine accepts: 1 or 2 (a Laplacian is order 2).</summary>
    public int MaxOrder { get; init; } = 2;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (MaxOrder is not (1 or 2)) yield return new(nameof(MaxOrder), "must be 1 or 2");
    }
}
