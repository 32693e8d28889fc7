namespace Pinn.Abstractions.Derivatives;

/// <summary>Δ_S u = Σ_{i∈S} ∂²u/∂xᵢ² over a set S of axes (all axes, or e.g. the spatial ones of (t, x)).</summary>
public sealed class LaplacianOperator : DerivativeKey
{
    private readonly int[] _axes; // sorted, distinct; empty = all axes

    private LaplacianOperator(int[] axes) => _axes = axes;

    /// <summary>The Laplacian over all input axes.</summary>
    public static LaplacianOperator AllAxes { get; } = new([]);

    /// <summary>The Laplacian over the listed axes.</summary>
    public static LaplacianOperator Over(params int[] axes)
    {
        if (axes.Length == 0) throw new ArgumentException("name at least one axis, or use AllAxes");
        if (axes.Any(a => a < 0)) throw new ArgumentOutOfRangeException(nameof(axes), "axes must be ≥ 0");
        return new LaplacianOperator(axes.Distinct().Order().ToArray());
    }

    /// <summary>The axes summed over for an input of dimension <paramref name="inputDimension"/>.</summary>
    public IReadOnlyList<int> AxesFor(int inputDimension) => _axes.Length == 0 ? Enumerable.Range(0, inputDimension).ToArray() : _axes;

    /// <summary>Whether the operator sums over all axes.</summary>
    public bool IsFull => _axes.Length == 0;

    /// <inheritdoc />
    public override int Order => 2;

    /// <inheritdoc />
    public override int MinimumInputDimension => _axes.Length == 0 ? 1 : _axes[^1] + 1;

    /// <inheritdoc />
    public override bool Equals(DerivativeKey? other) => other is LaplacianOperator l && l._axes.AsSpan().SequenceEqual(_axes);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(nameof(LaplacianOperator));
        foreach (var a in _axes) h.Add(a);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString() => IsFull ? "Δu" : "Δ[" + string.Join(",", _axes.Select(a => $"x{a}")) + "]u";
}
