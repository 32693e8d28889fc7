namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// ∂^|α| u / ∂x₀^α₀ ⋯ ∂x_{d−1}^α_{d−1} for a multi-index α; α = 0 is the value u itself.
/// Built from the axes it differentiates along: <c>PartialDerivative.Of(0, 0)</c> is ∂²u/∂x₀².
/// </summary>
public sealed class PartialDerivative : DerivativeKey
{
    private readonly int[] _counts; // α without trailing zeros

    private PartialDerivative(int[] counts)
    {
        var length = counts.Length;
        while (length > 0 && counts[length - 1] == 0) length--;
        _counts = counts[..length];
    }

    /// <summary>The value u (α = 0).</summary>
    public static PartialDerivative Value { get; } = new([]);

    /// <summary>The partial that differentiates once along each listed axis (repeat an axis for higher order).</summary>
    public static PartialDerivative Of(params int[] axes)
    {
        if (axes.Any(a => a < 0)) throw new ArgumentOutOfRangeException(nameof(axes), "axes must be ≥ 0");
        var counts = new int[axes.Length == 0 ? 0 : axes.Max() + 1];
        foreach (var a in axes) counts[a]++;
        return new PartialDerivative(counts);
    }

    /// <summary>From the multi-index α itself.</summary>
    public static PartialDerivative FromMultiIndex(params int[] alpha)
    {
        if (alpha.Any(a => a < 0)) throw new ArgumentOutOfRangeException(nameof(alpha), "orders must be ≥ 0");
        return new PartialDerivative((int[])alpha.Clone());
    }

    /// <summary>The axes differentiated along, each repeated by its order, ascending (e.g. [0, 0, 1]).</summary>
    public IReadOnlyList<int> Axes => _counts.SelectMany((c, axis) => Enumerable.Repeat(axis, c)).ToArray();

    /// <summary>α_axis, the order along one axis (0 beyond the last differentiated axis). Since 1.0.</summary>
    public int OrderAlong(int axis) => axis < _counts.Length ? _counts[axis] : 0;

    /// <summary>Whether this is the value (α = 0).</summary>
    public bool IsValue => _counts.Length == 0;

    /// <summary>Whether only one axis is involved (a pure partial ∂ᵏ/∂xᵢᵏ or the value).</summary>
    public bool IsPure => _counts.Count(c => c > 0) <= 1;

    /// <inheritdoc />
    public override int Order => _counts.Sum();

    /// <inheritdoc />
    public override int MinimumInputDimension => _counts.Length;

    /// <inheritdoc />
    public override bool Equals(DerivativeKey? other) => other is PartialDerivative p && p._counts.AsSpan().SequenceEqual(_counts);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(nameof(PartialDerivative));
        foreach (var c in _counts) h.Add(c);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => IsValue ? "u" : "u_" + string.Join("", Axes.Select(a => $"x{a}"));
}
