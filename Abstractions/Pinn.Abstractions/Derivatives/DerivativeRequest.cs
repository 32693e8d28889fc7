namespace Pinn.Abstractions.Derivatives;

/// <summary>The set of quantities a condition needs of the network at its points.</summary>
public sealed class DerivativeRequest
{
    private readonly DerivativeKey[] _keys;

    /// <param name="keys">The quantities; duplicates are dropped.</param>
    public DerivativeRequest(IEnumerable<DerivativeKey> keys) => _keys = keys.Distinct().ToArray();

    /// <summary>Only the value u.</summary>
    public static DerivativeRequest ValueOnly { get; } = new([PartialDerivative.Value]);

    /// <summary>A request for the listed quantities.</summary>
    public static DerivativeRequest Of(params DerivativeKey[] keys) => new(keys);

    /// <summary>The quantities, without duplicates.</summary>
    public IReadOnlyList<DerivativeKey> Keys => _keys;

    /// <inheritdoc />
    public override string ToString() => "{" + string.Join(", ", _keys.Select(k => k.ToString())) + "}";
}
