namespace Pinn.Abstractions.Derivatives;

/// <summary>
/// Σᵢⱼ cᵢⱼ ∂²u/∂xᵢ∂xⱼ for a constant symmetric coefficient matrix C (d × d): anisotropic diffusion,
/// a single mixed partial (cᵢⱼ = cⱼᵢ = ½), a Laplacian over some axes (C diagonal 0/1).
/// </summary>
public sealed class SecondOrderOperator : DerivativeKey
{
    private readonly double[] _c; // row-major d × d, symmetric

    private SecondOrderOperator(int dimension, double[] c)
    {
        Dimension = dimension;
        _c = c;
    }

    /// <summary>The operator with coefficients <paramref name="c"/> (square, symmetric to 1e-12 relative).</summary>
    public static SecondOrderOperator Of(double[,] c)
    {
        var d = c.GetLength(0);
        if (d == 0 || c.GetLength(1) != d) throw new ArgumentException("the coefficient matrix must be square and non-empty");
        var flat = new double[d * d];
        var scale = 0.0;
        for (var i = 0; i < d; i++)
        for (var j = 0; j < d; j++)
        {
            if (!double.IsFinite(c[i, j])) throw new ArgumentException($"coefficient c[{i},{j}] is not finite");
            flat[i * d + j] = c[i, j];
            scale = Math.Max(scale, Math.Abs(c[i, j]));
        }
        for (var i = 0; i < d; i++)
        for (var j = i + 1; j < d; j++)
            if (Math.Abs(c[i, j] - c[j, i]) > 1e-12 * Math.Max(scale, 1e-300))
                throw new ArgumentException($"the coefficient matrix must be symmetric: c[{i},{j}] = {c[i, j]} but c[{j},{i}] = {c[j, i]}");
        return new SecondOrderOperator(d, flat);
    }

    /// <summary>The d of the coefficient matrix (the network's input dimension).</summary>
    public int Dimension { get; }

    /// <summary>cᵢⱼ.</summary>
    public double this[int i, int j] => _c[i * Dimension + j];

    /// <summary>A copy of C.</summary>
    public double[,] Coefficients()
    {
        var c = new double[Dimension, Dimension];
        for (var i = 0; i < Dimension; i++)
        for (var j = 0; j < Dimension; j++)
            c[i, j] = this[i, j];
        return c;
    }

    /// <inheritdoc />
    public override int Order => 2;

    /// <inheritdoc />
    public override int MinimumInputDimension => Dimension;

    /// <inheritdoc />
    public override bool Equals(DerivativeKey? other)
        => other is SecondOrderOperator s && s.Dimension == Dimension && s._c.AsSpan().SequenceEqual(_c);

    /// <inheritdoc />
    public override int GetHashCode()
    {
        var h = new HashCode();
        h.Add(nameof(SecondOrderOperator));
        foreach (var c in _c) h.Add(c);
        return h.ToHashCode();
    }

    /// <inheritdoc />
    public override string ToString()
    {
        var terms = new List<string>();
        for (var i = 0; i < Dimension; i++)
        for (var j = i; j < Dimension; j++)
        {
            var c = i == j ? this[i, i] : 2 * this[i, j];
            if (c != 0) terms.Add($"{c:G4}·u_x{i}x{j}");
        }
        return terms.Count == 0 ? "0" : string.Join(" + ", terms);
    }
}
