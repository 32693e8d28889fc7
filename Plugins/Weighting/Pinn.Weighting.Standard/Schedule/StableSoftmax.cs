namespace Pinn.Weighting.Standard.Schedule;

/// <summary>Softmax scaled to sum to the count, computed with the largest exponent subtracted so it never overflows.</summary>
internal static class StableSoftmax
{
    /// <summary>m · exp(zᵢ)·sᵢ / Σⱼ exp(zⱼ)·sⱼ for m = z.Length (scales s default to 1): equal exponents give all ones.</summary>
    public static double[] TimesCount(double[] exponents, double[]? scales = null)
    {
        var top = exponents.Max();
        var terms = exponents.Select((z, i) => Math.Exp(z - top) * (scales?[i] ?? 1.0)).ToArray();
        var sum = terms.Sum();
        return sum > 0 && double.IsFinite(sum) ? terms.Select(t => exponents.Length * t / sum).ToArray() : exponents.Select(_ => 1.0).ToArray();
    }
}
