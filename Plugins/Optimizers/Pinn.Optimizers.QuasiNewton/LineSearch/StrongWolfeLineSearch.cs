namespace Pinn.Optimizers.QuasiNewton.LineSearch;

/// <summary>
/// A line search for a step α satisfying the strong Wolfe conditions on φ(α) = f(x + α p):
/// sufficient decrease φ(α) ≤ φ(0) + c₁ α φ'(0) and curvature |φ'(α)| ≤ c₂ |φ'(0)|, by bracketing and
/// zoom with safeguarded cubic interpolation (Nocedal &amp; Wright, Algorithms 3.5 and 3.6). A non-finite
/// value counts as "too far" and shrinks the step.
/// </summary>
internal sealed class StrongWolfeLineSearch(double c1, double c2, int maxEvaluations)
{
    /// <summary>The accepted point, or null when no point satisfying the conditions was found within the budget
    /// (the best sufficient-decrease point seen is then returned in <paramref name="fallback"/>, if any).</summary>
    /// <param name="phi">α ↦ (φ(α), φ'(α)).</param>
    /// <param name="start">φ(0), φ'(0) (φ'(0) &lt; 0).</param>
    /// <param name="initialStep">The first trial α &gt; 0.</param>
    /// <param name="evaluations">Calls of <paramref name="phi"/> spent.</param>
    /// <param name="fallback">A point with sufficient decrease when the curvature condition could not be met.</param>
    public LinePoint? Search(Func<double, LinePoint> phi, LinePoint start, double initialStep, out int evaluations, out LinePoint? fallback)
    {
        evaluations = 0;
        fallback = null;
        if (!(start.Slope < 0)) return null;
        var previous = start;
        var alpha = initialStep;
        for (var i = 0; evaluations < maxEvaluations; i++)
        {
            var current = phi(alpha);
            evaluations++;
            if (!current.IsFinite)
            {
                alpha = previous.Alpha + 0.5 * (alpha - previous.Alpha);   // too far: back off toward the last good point
                continue;
            }
            if (SufficientDecrease(start, current)) fallback = Better(fallback, current);
            if (!SufficientDecrease(start, current) || (i > 0 && current.Value >= previous.Value))
                return Zoom(phi, start, previous, current, ref evaluations, ref fallback);
            if (Math.Abs(current.Slope) <= -c2 * start.Slope) return current;
            if (current.Slope >= 0) return Zoom(phi, start, current, previous, ref evaluations, ref fallback);
            previous = current;
            alpha *= 2;
        }
        return null;
    }

    /// <summary>Narrows [low, high] (low satisfies sufficient decrease and has the lower value) to a strong-Wolfe point.</summary>
    private LinePoint? Zoom(Func<double, LinePoint> phi, LinePoint start, LinePoint low, LinePoint high, ref int evaluations, ref LinePoint? fallback)
    {
        while (evaluations < maxEvaluations)
        {
            var alpha = Interpolate(low, high);
            if (Math.Abs(high.Alpha - low.Alpha) < 1e-16 * Math.Max(1, Math.Abs(low.Alpha))) return null;
            var current = phi(alpha);
            evaluations++;
            if (!current.IsFinite) { high = new LinePoint(alpha, double.PositiveInfinity, double.PositiveInfinity); continue; }
            if (SufficientDecrease(start, current)) fallback = Better(fallback, current);
            if (!SufficientDecrease(start, current) || current.Value >= low.Value)
            {
                high = current;
                continue;
            }
            if (Math.Abs(current.Slope) <= -c2 * start.Slope) return current;
            if (current.Slope * (high.Alpha - low.Alpha) >= 0) high = low;
            low = current;
        }
        return null;
    }

    private bool SufficientDecrease(LinePoint start, LinePoint point) => point.Value <= start.Value + c1 * point.Alpha * start.Slope;

    private static LinePoint? Better(LinePoint? a, LinePoint b) => a is { } x && x.Value <= b.Value ? x : b;

    /// <summary>The minimiser of the cubic through both ends' values and slopes, kept inside the middle 80 % of
    /// the interval (bisection when the cubic has no usable minimiser or an end is not finite).</summary>
    private static double Interpolate(LinePoint a, LinePoint b)
    {
        var (lo, hi) = a.Alpha < b.Alpha ? (a.Alpha, b.Alpha) : (b.Alpha, a.Alpha);
        var mid = 0.5 * (lo + hi);
        if (!a.IsFinite || !b.IsFinite) return mid;
        var d1 = a.Slope + b.Slope - 3 * (a.Value - b.Value) / (a.Alpha - b.Alpha);
        var discriminant = d1 * d1 - a.Slope * b.Slope;
        if (!(discriminant >= 0)) return mid;
        var d2 = Math.Sign(b.Alpha - a.Alpha) * Math.Sqrt(discriminant);
        var alpha = b.Alpha - (b.Alpha - a.Alpha) * (b.Slope + d2 - d1) / (b.Slope - a.Slope + 2 * d2);
        var margin = 0.1 * (hi - lo);
        return double.IsFinite(alpha) ? Math.Clamp(alpha, lo + margin, hi - margin) : mid;
    }
}
