namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// One quantity a condition needs of the network: a partial derivative (the value included) or a
/// differential operator. Keys compare by value, so requests can be merged and looked up.
/// </summary>
public abstract class DerivativeKey : IEquatable<DerivativeKey>
{
    /// <summary>The highest order of input derivative the quantity involves (0 for the value).</summary>
    public abstract int Order { get; }

    /// <summary>The input dimension the key refers to at least (largest axis + 1).</summary>
    public abstract int MinimumInputDimension { get; }

    /// <inheritdoc />
    public abstract bool Equals(DerivativeKey? other);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is DerivativeKey k && Equals(k);

    /// <inheritdoc />
    public abstract override int GetHashCode();
}
