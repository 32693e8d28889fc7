using MathNet.Numerics.LinearAlgebra;

namespace Pinn.Problems.AllenCahn.Reference;

/// <summary>
/// The method-of-lines reference solver of ∂t u = ε ∂xx u + a(u − u³) on [0, T] × [−1, 1] with
/// u(t, ±1) = −1 and u(0, x) = x² cos(πx): Chebyshev collocation of even degree N in x and ETDRK4
/// in t.
/// <list type="bullet">
/// <item>With v = u + 1 the boundary values are zero, so the unknowns are v at the interior nodes and
/// v' = ε D²_int v + a(u − u³), D²_int the interior block of the second-derivative matrix (the
/// constant −1 has no curvature); the stiff linear part is integrated exactly.</item>
/// <item>The data are even in x, hence so is u; the nodes are symmetric (x_{N−j} = −x_j) and D²
/// maps even grid vectors to even ones, so the system is folded onto the N/2 nodes
/// x_1 … x_{N/2} = 0: (L_f)_{ij} = L_{ij} + L_{i,N−j} for j &lt; N/2. This is the same discrete
/// solution at an eighth of the set-up cost and a quarter of the cost per step.</item>
/// </list>
/// </summary>
internal static class AllenCahnReferenceSolver
{
    /// <summary>u(0, x) = x² cos(πx).</summary>
    public static double Initial(double x) => x * x * Math.Cos(Math.PI * x);

    /// <summary>Solves on [0, <paramref name="endTime"/>] and keeps every step as a snapshot.</summary>
    /// <param name="diffusivity">ε &gt; 0.</param>
    /// <param name="reaction">a.</param>
    /// <param name="degree">N, the Chebyshev degree (N + 1 points), even and ≥ 4.</param>
    /// <param name="steps">The number of ETDRK4 steps K ≥ 1; Δt = T/K.</param>
    /// <param name="endTime">T &gt; 0.</param>
    public static ReferenceSolution Solve(double diffusivity, double reaction, int degree, int steps, double endTime)
    {
        if (degree < 4 || degree % 2 != 0) throw new ArgumentOutOfRangeException(nameof(degree), degree, "must be even and ≥ 4");
        if (steps < 1) throw new ArgumentOutOfRangeException(nameof(steps), steps, "must be ≥ 1");
        if (!(endTime > 0)) throw new ArgumentOutOfRangeException(nameof(endTime), endTime, "must be > 0");
        var grid = new ChebyshevGrid(degree);
        var half = degree / 2;                  // unknowns: v at x_1 … x_{N/2}
        var d2 = grid.SecondDerivative();
        var folded = Matrix<double>.Build.Dense(half, half, (i, j) =>
        {
            var row = i + 1;
            var column = j + 1;
            var entry = d2[row, column] + (column == half ? 0 : d2[row, degree - column]);
            return diffusivity * entry;
        });
        var h = endTime / steps;
        var stepper = new Etdrk4Stepper(folded, h);

        var width = degree + 1;
        var values = new double[(steps + 1) * width];
        var v = new double[half];
        for (var i = 0; i < half; i++) v[i] = Initial(grid.Nodes[i + 1]) + 1;
        Store(0);
        void Nonlinear(ReadOnlySpan<double> state, Span<double> result)
        {
            for (var i = 0; i < state.Length; i++)
            {
                var u = state[i] - 1;
                result[i] = reaction * (u - u * u * u);
            }
        }
        for (var k = 1; k <= steps; k++)
        {
            stepper.Advance(v, Nonlinear);
            if (!double.IsFinite(v.Sum()))
                throw new InvalidOperationException($"allen-cahn reference: the solution blew up at step {k} (t = {k * h})");
            Store(k);
        }
        return new ReferenceSolution(grid, h, values);

        void Store(int k)
        {
            var snapshot = values.AsSpan(k * width, width);
            snapshot[0] = -1;
            snapshot[degree] = -1;
            for (var i = 0; i < half; i++)
            {
                snapshot[1 + i] = v[i] - 1;
                snapshot[degree - 1 - i] = v[i] - 1; // mirror: x_{N−j} = −x_j
            }
        }
    }
}
