using Pinn.Abstractions.Plugins;

namespace Pinn.Operators.TaylorMode.TangentProp;

/// <summary>Options of <c>n-tangentprop</c>.</summary>
public sealed record TangentPropOptions : IValidatableOptions
{
    /// <summary>The highest derivative order the engine accepts, 1..20.</summary>
    public int MaxOrder { get; init; } = 12;

    /// <inheritdoc />
    public IEnumerable<OptionError> Validate()
    {
        if (MaxOrder is < 1 or > 20) yield return new(nameof(MaxOrder), "must be between 1 and 20");
    }
}
