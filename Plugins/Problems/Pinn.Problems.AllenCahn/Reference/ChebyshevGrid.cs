using MathNet.Numerics.LinearAlgebra;

namespace Pinn.Problems.AllenCahn.Reference;

/// <summary>
/// The Chebyshev points of the second kind x_j = cos(πj/N), j = 0…N, on [−1, 1] (x_0 = 1, x_N = −1),
/// with the collocation differentiation matrices and barycentric interpolation of values given at
/// the points.
/// </summary>
internal sealed class ChebyshevGrid
{
    private readonly double[] _weights; // barycentric weights (−1)^j, halved at both ends

    /// <param name="degree">N ≥ 2, the polynomial degree (N + 1 points).</param>
    public ChebyshevGrid(int degree)
    {
        if (degree < 2) throw new ArgumentOutOfRangeException(nameof(degree), degree, "must be ≥ 2");
        Degree = degree;
        Nodes = new double[degree + 1];
        _weights = new double[degree + 1];
        for (var j = 0; j <= degree; j++)
        {
            // sin form of cos(πj/N): symmetric about 0 to the last bit.
            Nodes[j] = Math.Sin(Math.PI * (degree - 2.0 * j) / (2.0 * degree));
            _weights[j] = (j % 2 == 0 ? 1.0 : -1.0) * (j == 0 || j == degree ? 0.5 : 1.0);
        }
    }

    /// <summary>N, the polynomial degree.</summary>
    public int Degree { get; }

    /// <summary>The N + 1 nodes, decreasing from 1 to −1.</summary>
    public double[] Nodes { get; }

    /// <summary>
    /// The first-derivative matrix D [N+1, N+1]: (D f)_i = p'(x_i) for the interpolant p of f. Off
    /// the diagonal c_i/c_j (−1)^{i+j}/(x_i − x_j) with c = 2 at the ends and 1 inside; the
    /// diagonal is minus the row sum, so that constants differentiate to zero exactly.
    /// </summary>
    public Matrix<double> FirstDerivative()
    {
        var n = Degree + 1;
        var d = Matrix<double>.Build.Dense(n, n);
        for (var i = 0; i < n; i++)
        {
            var ci = i == 0 || i == Degree ? 2.0 : 1.0;
            var rowSum = 0.0;
            for (var j = 0; j < n; j++)
            {
                if (i == j) continue;
                var cj = j == 0 || j == Degree ? 2.0 : 1.0;
                var sign = (i + j) % 2 == 0 ? 1.0 : -1.0;
                var entry = ci / cj * sign / (Nodes[i] - Nodes[j]);
                d[i, j] = entry;
                rowSum += entry;
            }
            d[i, i] = -rowSum;
        }
        return d;
    }

    /// <summary>The second-derivative matrix D² [N+1, N+1], with the diagonal set to minus the row sum.</summary>
    public Matrix<double> SecondDerivative()
    {
        var d = FirstDerivative();
        var d2 = d * d;
        for (var i = 0; i <= Degree; i++)
        {
            var rowSum = 0.0;
            for (var j = 0; j <= Degree; j++) if (j != i) rowSum += d2[i, j];
            d2[i, i] = -rowSum;
        }
        return d2;
    }

    /// <summary>
    /// The barycentric coefficients β [N+1] of the point x: the interpolant's value at x is
    /// Σ_j β_j f_j. Exact (a unit vector) when x is a node.
    /// </summary>
    public void InterpolationCoefficients(double x, Span<double> coefficients)
    {
        if (coefficients.Length != Degree + 1)
            throw new ArgumentException($"{coefficients.Length} coefficients for {Degree + 1} nodes", nameof(coefficients));
        var sum = 0.0;
        for (var j = 0; j <= Degree; j++)
        {
            var difference = x - Nodes[j];
            if (difference == 0)
            {
                coefficients.Clear();
                coefficients[j] = 1;
                return;
            }
            coefficients[j] = _weights[j] / difference;
            sum += coefficients[j];
        }
        for (var j = 0; j <= Degree; j++) coefficients[j] /= sum;
    }
}
