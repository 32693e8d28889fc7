namespace Pinn.Problems.Burgers.Burgers;

/// <summary>
/// The exact solution of ∂t u + u ∂x u = ν ∂xx u on the real line with u(0, x) = −sin(πx) (which keeps
/// u(t, ±1) = 0 by odd symmetry about ±1), by the Cole–Hopf transformation:
/// u(t, x) = −∫ sin(π(x−η)) f(x−η) e^{−η²/(4νt)} dη / ∫ f(x−η) e^{−η²/(4νt)} dη, f(y) = exp(−cos(πy)/(2πν)).
/// With η = √(4νt) z both integrals take the Gauss–Hermite weight e^{−z²}; every term is summed as
/// exp(ln wᵢ − cos(π yᵢ)/(2πν) − m) with m the largest exponent, so nothing overflows (the exponent spans
/// ±1/(2πν) = ±50 for ν = 0.01/π). At t = 0 the initial condition is returned exactly.
/// </summary>
internal sealed class ColeHopfSolution
{
    private readonly double _viscosity;
    private readonly GaussHermiteRule _rule;

    /// <param name="viscosity">ν &gt; 0.</param>
    /// <param name="nodes">The number of Gauss–Hermite nodes.</param>
    public ColeHopfSolution(double viscosity, int nodes)
    {
        if (!(viscosity > 0) || double.IsInfinity(viscosity)) throw new ArgumentOutOfRangeException(nameof(viscosity), viscosity, "must be > 0");
        _viscosity = viscosity;
        _rule = GaussHermiteRule.Create(nodes);
    }

    /// <summary>u(t, x); t ≥ 0, any real x.</summary>
    public double Value(double t, double x)
    {
        if (t <= 0) return -Math.Sin(Math.PI * x);
        var (_, mean, _, _) = Moments(t, x);
        return -mean;
    }

    /// <summary>∂u/∂x (t, x); t ≥ 0.</summary>
    /// <remarks>
    /// Differentiating both integrals under the sign (f′ = f sin(πy)/(2ν)) gives
    /// ∂x u = −π E[cos(πy)] − Var[sin(πy)]/(2ν), the moments taken in the probability measure ∝ wᵢ f(yᵢ).
    /// </remarks>
    public double Slope(double t, double x)
    {
        if (t <= 0) return -Math.PI * Math.Cos(Math.PI * x);
        var (_, _, cosine, variance) = Moments(t, x);
        return -Math.PI * cosine - variance / (2 * _viscosity);
    }

    /// <summary>u at points (t, x), row-major [N, 2] → [N].</summary>
    public double[] Values(double[] points)
    {
        if (points.Length % 2 != 0) throw new ArgumentException($"{points.Length} coordinates do not make (t, x) pairs", nameof(points));
        var values = new double[points.Length / 2];
        for (var n = 0; n < values.Length; n++) values[n] = Value(points[2 * n], points[2 * n + 1]);
        return values;
    }

    /// <summary>Σ eᵢ, E[sin πy], E[cos πy] and Var[sin πy] in the measure eᵢ ∝ wᵢ f(yᵢ), yᵢ = x − √(4νt) zᵢ.</summary>
    private (double Total, double Sine, double Cosine, double Variance) Moments(double t, double x)
    {
        var n = _rule.Count;
        var scale = Math.Sqrt(4 * _viscosity * t);
        var inverse = 1 / (2 * Math.PI * _viscosity);
        Span<double> exponent = n <= 1024 ? stackalloc double[n] : new double[n];
        Span<double> sine = n <= 1024 ? stackalloc double[n] : new double[n];
        Span<double> cosine = n <= 1024 ? stackalloc double[n] : new double[n];
        var largest = double.NegativeInfinity;
        for (var i = 0; i < n; i++)
        {
            var y = x - scale * _rule.Nodes[i];
            (sine[i], cosine[i]) = Math.SinCos(Math.PI * y);
            exponent[i] = _rule.LogWeights[i] - cosine[i] * inverse;
            largest = Math.Max(largest, exponent[i]);
        }
        double total = 0, sineSum = 0, cosineSum = 0;
        for (var i = 0; i < n; i++)
        {
            var e = exponent[i] = Math.Exp(exponent[i] - largest);
            total += e;
            sineSum += e * sine[i];
            cosineSum += e * cosine[i];
        }
        var mean = sineSum / total;
        var spread = 0.0;
        for (var i = 0; i < n; i++) spread += exponent[i] * (sine[i] - mean) * (sine[i] - mean);
        return (total, mean, cosineSum / total, spread / total);
    }
}
