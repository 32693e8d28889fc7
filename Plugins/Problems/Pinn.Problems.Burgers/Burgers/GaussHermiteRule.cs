using MathNet.Numerics.LinearAlgebra;

namespace Pinn.Problems.Burgers.Burgers;

/// <summary>
/// The n-point Gauss–Hermite rule ∫ g(z) e^{−z²} dz ≈ Σᵢ wᵢ g(zᵢ). Nodes by Golub–Welsch: the eigenvalues
/// of the symmetric tridiagonal Jacobi matrix of the Hermite polynomials (off-diagonal √(k/2)), from
/// MathNet's symmetric eigen-decomposition, then polished by Newton steps on the orthonormal Hermite
/// recurrence. Weights by the Christoffel formula wᵢ = 1 / Σ_{k&lt;n} pₖ(zᵢ)² (pₖ orthonormal for e^{−z²}),
/// kept as logarithms: the outer weights fall far below the double range (e^{−z²} at z ≈ √(2n)), and the
/// eigenvector route (wᵢ = √π v₀ᵢ²) knows them only to an absolute 1e-16, while the Cole–Hopf integral
/// after the shock forms draws its mass from nodes whose weights are 1e-19 and smaller.
/// </summary>
internal sealed class GaussHermiteRule
{
    private const double Rescale = 1e100;

    private GaussHermiteRule(double[] nodes, double[] logWeights)
    {
        Nodes = nodes;
        LogWeights = logWeights;
    }

    /// <summary>The number of nodes n.</summary>
    public int Count => Nodes.Length;

    /// <summary>zᵢ, ascending, length n.</summary>
    public double[] Nodes { get; }

    /// <summary>ln wᵢ, length n (Σ wᵢ = √π).</summary>
    public double[] LogWeights { get; }

    /// <summary>The rule with <paramref name="count"/> nodes, 1 ≤ n ≤ 2000.</summary>
    public static GaussHermiteRule Create(int count)
    {
        if (count is < 1 or > 2000) throw new ArgumentOutOfRangeException(nameof(count), count, "must be between 1 and 2000");
        var jacobi = Matrix<double>.Build.Dense(count, count);
        for (var k = 1; k < count; k++) jacobi[k, k - 1] = jacobi[k - 1, k] = Math.Sqrt(k / 2.0);
        var eigenvalues = jacobi.Evd(Symmetricity.Symmetric).EigenValues.Select(c => c.Real).Order().ToArray();

        var nodes = new double[count];
        var logWeights = new double[count];
        // By symmetry the rule is computed on z ≥ 0 and mirrored (the middle node of odd n is exactly 0).
        for (var upper = count / 2; upper < count; upper++)
        {
            var lower = count - 1 - upper;
            var z = upper == lower ? 0.0 : Math.Abs(eigenvalues[upper]);
            for (var iteration = 0; iteration < 3 && z != 0; iteration++)
            {
                var (value, derivative, _) = Evaluate(z, count);
                z -= value / derivative;
            }
            nodes[upper] = z;
            nodes[lower] = -z;
            logWeights[upper] = logWeights[lower] = -Evaluate(z, count).LogSumOfSquares;
        }
        return new GaussHermiteRule(nodes, logWeights);
    }

    /// <summary>
    /// p_n(z) and p_n′(z) up to a common positive factor (the recurrence is rescaled to stay in range), and
    /// ln Σ_{k&lt;n} pₖ(z)² exactly, for the orthonormal Hermite polynomials p₀ = π^{−1/4},
    /// p_{k+1} = √(2/(k+1)) z pₖ − √(k/(k+1)) p_{k−1}, p_n′ = √(2n) p_{n−1}.
    /// </summary>
    private static (double Value, double Derivative, double LogSumOfSquares) Evaluate(double z, int n)
    {
        var logScale = -0.25 * Math.Log(Math.PI);    // p_k = current · e^{logScale}
        double previous = 0, current = 1;
        var sum = 0.0;                                 // Σ p_k² · e^{−2 logScale}
        for (var k = 0; k < n; k++)
        {
            sum += current * current;
            var next = Math.Sqrt(2.0 / (k + 1)) * z * current - Math.Sqrt((double)k / (k + 1)) * previous;
            previous = current;
            current = next;
            if (Math.Abs(current) > Rescale)
            {
                previous /= Rescale;
                current /= Rescale;
                sum /= Rescale * Rescale;
                logScale += Math.Log(Rescale);
            }
        }
        return (current, Math.Sqrt(2.0 * n) * previous, Math.Log(sum) + 2 * logScale);
    }
}
