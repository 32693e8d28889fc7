using Pinn.Abstractions.Tensors;
using TorchSharp;

namespace Pinn.Abstractions.Geometry;

/// <summary>The axis-aligned box Π [lowerᵢ, upperᵢ] in d dimensions.</summary>
public sealed class Box : IDomain
{
    private readonly double[] _lower;
    private readonly double[] _upper;

    /// <param name="lower">Lower corner, length d.</param>
    /// <param name="upper">Upper corner, length d, each entry &gt; the lower one.</param>
    public Box(double[] lower, double[] upper)
    {
        if (lower.Length == 0 || lower.Length != upper.Length)
            throw new ArgumentException("a box needs lower and upper corners of the same, positive length");
        for (var i = 0; i < lower.Length; i++)
            if (!(upper[i] > lower[i])) throw new ArgumentException($"box axis {i}: upper {upper[i]} must exceed lower {lower[i]}");
        _lower = (double[])lower.Clone();
        _upper = (double[])upper.Clone();
    }

    /// <summary>The unit cube [0,1]^d.</summary>
    public static Box Unit(int dimension) => Cube(dimension, 0, 1);

    /// <summary>The cube [a,b]^d.</summary>
    public static Box Cube(int dimension, double a, double b)
        => new(Enumerable.Repeat(a, dimension).ToArray(), Enumerable.Repeat(b, dimension).ToArray());

    /// <inheritdoc />
    public int Dimension => _lower.Length;

    /// <inheritdoc />
    public int SamplingDimension => _lower.Length;

    /// <inheritdoc />
    public double Measure => Enumerable.Range(0, Dimension).Aggregate(1.0, (m, i) => m * (_upper[i] - _lower[i]));

    /// <inheritdoc />
    public (double[] Lower, double[] Upper) Bounds => ((double[])_lower.Clone(), (double[])_upper.Clone());

    /// <summary>Side length along axis i.</summary>
    public double Width(int axis) => _upper[axis] - _lower[axis];

    /// <inheritdoc />
    public torch.Tensor Map(torch.Tensor unit)
    {
        ShapeChecks.Points(unit, SamplingDimension, nameof(Box));
        using var lower = torch.tensor(_lower, unit.dtype, unit.device);
        using var width = torch.tensor(_upper.Zip(_lower, (u, l) => u - l).ToArray(), unit.dtype, unit.device);
        return torch.addcmul(lower, unit, width, 1.0);
    }

    /// <inheritdoc />
    public torch.Tensor Contains(torch.Tensor x, double tolerance = 1e-12)
    {
        ShapeChecks.Points(x, Dimension, nameof(Box));
        using var scope = torch.NewDisposeScope();
        var lower = torch.tensor(_lower, x.dtype, x.device) - tolerance;
        var upper = torch.tensor(_upper, x.dtype, x.device) + tolerance;
        return ((x >= lower) & (x <= upper)).all(1).MoveToOuterDisposeScope();
    }

    /// <inheritdoc />
    public override string ToString()
        => "[" + string.Join("]×[", _lower.Zip(_upper, (l, u) => $"{l},{u}")) + "]";
}
