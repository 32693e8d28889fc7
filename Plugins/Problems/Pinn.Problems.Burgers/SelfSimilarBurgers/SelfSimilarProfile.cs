namespace Pinn.Problems.Burgers.SelfSimilarBurgers;

/// <summary>
/// The exact smooth self-similar Burgers profile of index k: U(X) solves U + U^m = −X with m = 2k + 3
/// (so U(∓2) = ±1), and with λ_k = 1/(2k+2) it satisfies −λ_k U + ((1+λ_k)X + U) U′ = 0. Values by a scalar
/// Newton iteration per point; derivatives by solving the implicit relation order by order for the Taylor
/// coefficients.
/// </summary>
internal sealed class SelfSimilarProfile
{
    private const int MaxIterations = 100;

    /// <param name="k">The profile index, ≥ 0.</param>
    public SelfSimilarProfile(int k)
    {
        if (k < 0) throw new ArgumentOutOfRangeException(nameof(k), k, "must be ≥ 0");
        Index = k;
        Power = 2 * k + 3;
    }

    /// <summary>k.</summary>
    public int Index { get; }

    /// <summary>m = 2k + 3.</summary>
    public int Power { get; }

    /// <summary>λ_k = 1/(2k+2), the exponent of the smooth profile.</summary>
    public double Lambda => 1.0 / (2 * Index + 2);

    /// <summary>U(X): the real root of U + U^m + X = 0 (unique: the left side increases in U), to a relative 1e-15.</summary>
    public double Value(double x)
    {
        if (x == 0) return 0;
        // U ≈ −X for small |X|, ≈ −sign(X)|X|^{1/m} for large; Newton on a convex-from-the-start function then
        // moves monotonically towards the root.
        var u = Math.Abs(x) < 1 ? -x / (1 + Math.Pow(Math.Abs(x), Power - 1)) : -Math.Sign(x) * Math.Pow(Math.Abs(x), 1.0 / Power);
        for (var i = 0; i < MaxIterations; i++)
        {
            var um1 = Math.Pow(u, Power - 1);
            var step = (u + um1 * u + x) / (1 + Power * um1);
            u -= step;
            if (Math.Abs(step) <= 4e-16 * Math.Abs(u)) break;
        }
        return u;
    }

    /// <summary>U^{(n)}(X) for n = 0..<paramref name="order"/>, length order + 1.</summary>
    /// <remarks>
    /// With U(X + h) = Σ aⱼ hʲ, the relation U + U^m = −X − h fixes a₀ = U(X), and for j ≥ 1 the coefficient of
    /// hʲ, aⱼ (1 + m a₀^{m−1}) + [U^m]ⱼ|_{aⱼ = 0} = −δⱼ₁, gives aⱼ from the lower ones; U^{(n)} = n! aₙ.
    /// </remarks>
    public double[] Derivatives(double x, int order)
    {
        if (order < 0) throw new ArgumentOutOfRangeException(nameof(order), order, "must be ≥ 0");
        var a = new double[order + 1];
        a[0] = Value(x);
        var slope = 1 + Power * Math.Pow(a[0], Power - 1);
        for (var j = 1; j <= order; j++)
        {
            a[j] = 0;
            var power = PowerCoefficient(a, j);
            a[j] = (-(j == 1 ? 1 : 0) - power) / slope;
        }
        var derivatives = new double[order + 1];
        var factorial = 1.0;
        for (var n = 0; n <= order; n++)
        {
            if (n > 0) factorial *= n;
            derivatives[n] = factorial * a[n];
        }
        return derivatives;
    }

    /// <summary>The coefficient of hʲ in (Σ_{i≤j} aᵢ hⁱ)^m.</summary>
    private double PowerCoefficient(double[] a, int j)
    {
        var product = new double[j + 1];
        product[0] = 1;
        var next = new double[j + 1];
        for (var factor = 0; factor < Power; factor++)
        {
            Array.Clear(next);
            for (var p = 0; p <= j; p++)
                for (var q = 0; q <= j - p; q++)
                    next[p + q] += product[p] * a[q];
            (product, next) = (next, product);
        }
        return product[j];
    }
}
