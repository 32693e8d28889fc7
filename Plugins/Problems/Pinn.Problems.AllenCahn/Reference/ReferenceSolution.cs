namespace Pinn.Problems.AllenCahn.Reference;

/// <summary>
/// A reference solution u(t, x) on [0, T] × [−1, 1] kept as its values at the Chebyshev points at
/// equally spaced times t_k = k·Δt, k = 0…K, and evaluated anywhere by barycentric interpolation
/// in x (exact for the collocation polynomial) and a local Lagrange polynomial through the
/// <see cref="TimeStencil"/> snapshots nearest to t.
/// </summary>
internal sealed class ReferenceSolution
{
    /// <summary>Snapshots per time interpolant (degree 7 in t).</summary>
    public const int TimeStencil = 8;

    private readonly double[] _values; // [K+1, N+1] row-major

    /// <param name="grid">The Chebyshev grid of the values.</param>
    /// <param name="timeStep">Δt &gt; 0 between snapshots.</param>
    /// <param name="values">u at (t_k, x_j), row-major [K+1, N+1], K ≥ 1.</param>
    public ReferenceSolution(ChebyshevGrid grid, double timeStep, double[] values)
    {
        var width = grid.Degree + 1;
        if (values.Length % width != 0 || values.Length / width < 2)
            throw new ArgumentException($"{values.Length} values do not make ≥ 2 snapshots of {width} nodes", nameof(values));
        Grid = grid;
        TimeStep = timeStep;
        _values = values;
        Snapshots = values.Length / width;
    }

    /// <summary>The grid in x.</summary>
    public ChebyshevGrid Grid { get; }

    /// <summary>Δt between snapshots.</summary>
    public double TimeStep { get; }

    /// <summary>K + 1.</summary>
    public int Snapshots { get; }

    /// <summary>T = K·Δt.</summary>
    public double EndTime => (Snapshots - 1) * TimeStep;

    /// <summary>u at the nodes at time t_k, [N+1] (x decreasing from 1 to −1).</summary>
    public ReadOnlySpan<double> Snapshot(int k) => _values.AsSpan(k * (Grid.Degree + 1), Grid.Degree + 1);

    /// <summary>u(t, x) for points (t, x) row-major [M, 2] in [0, T] × [−1, 1]; returns [M].</summary>
    public double[] Evaluate(double[] points)
    {
        if (points.Length % 2 != 0) throw new ArgumentException($"{points.Length} coordinates do not make points (t, x)", nameof(points));
        var count = points.Length / 2;
        var result = new double[count];
        Parallel.For(0, count, () => new double[Grid.Degree + 1], (i, _, coefficients) =>
        {
            result[i] = Evaluate(points[2 * i], points[2 * i + 1], coefficients);
            return coefficients;
        }, _ => { });
        return result;
    }

    /// <summary>u(t, x) for one point of [0, T] × [−1, 1].</summary>
    public double Evaluate(double t, double x) => Evaluate(t, x, new double[Grid.Degree + 1]);

    private double Evaluate(double t, double x, double[] coefficients)
    {
        const double slack = 1e-12;
        if (!(t >= -slack && t <= EndTime + slack) || !(x >= -1 - slack && x <= 1 + slack))
            throw new ArgumentOutOfRangeException(nameof(t), $"({t}, {x}) is outside [0, {EndTime}] × [−1, 1]");
        Grid.InterpolationCoefficients(x, coefficients);

        var stencil = Math.Min(TimeStencil, Snapshots);
        var first = Math.Clamp((int)Math.Floor(t / TimeStep) - (stencil / 2 - 1), 0, Snapshots - stencil);
        Span<double> lagrange = stackalloc double[stencil];
        for (var m = 0; m < stencil; m++)
        {
            var tm = (first + m) * TimeStep;
            var weight = 1.0;
            for (var l = 0; l < stencil; l++)
                if (l != m) weight *= (t - (first + l) * TimeStep) / (tm - (first + l) * TimeStep);
            lagrange[m] = weight;
        }

        var value = 0.0;
        for (var m = 0; m < stencil; m++)
        {
            if (lagrange[m] == 0) continue;
            var snapshot = Snapshot(first + m);
            var sum = 0.0;
            for (var j = 0; j < snapshot.Length; j++) sum += coefficients[j] * snapshot[j];
            value += lagrange[m] * sum;
        }
        return value;
    }
}
