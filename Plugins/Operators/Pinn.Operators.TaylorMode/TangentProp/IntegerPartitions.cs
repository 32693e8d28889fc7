namespace Pinn.Operators.TaylorMode.TangentProp;

/// <summary>
/// One term of Faà di Bruno's formula for the k-th derivative of σ(a(t)):
/// coefficient · σ^(|p|)(a) · Πⱼ (a^(j))^(pⱼ), for a partition p of k with pⱼ parts equal to j.
/// </summary>
/// <param name="Coefficient">k! / Πⱼ (pⱼ! (j!)^pⱼ), an integer.</param>
/// <param name="Parts">|p| = Σ pⱼ, the order of σ's derivative.</param>
/// <param name="Multiplicities">(j, pⱼ) for every j with pⱼ &gt; 0, ascending j.</param>
internal sealed record FaaDiBrunoTerm(double Coefficient, int Parts, (int Part, int Count)[] Multiplicities);

/// <summary>
/// The partitions of every k ≤ n with their Faà di Bruno coefficients, enumerated once and cached
/// (their number grows like e^{π√(2k/3)}/(4k√3), sub-exponentially).
/// </summary>
internal static class IntegerPartitions
{
    private static readonly List<FaaDiBrunoTerm[]> Cache = [[]];
    private static readonly Lock Guard = new();

    /// <summary>The terms for the k-th derivative, k ≥ 1.</summary>
    public static IReadOnlyList<FaaDiBrunoTerm> Terms(int k)
    {
        if (k < 1) throw new ArgumentOutOfRangeException(nameof(k), "order must be ≥ 1");
        lock (Guard)
        {
            while (Cache.Count <= k) Cache.Add(Enumerate(Cache.Count));
            return Cache[k];
        }
    }

    private static FaaDiBrunoTerm[] Enumerate(int k)
    {
        var terms = new List<FaaDiBrunoTerm>();
        var counts = new int[k + 1];
        void Recurse(int remaining, int largest)
        {
            if (remaining == 0)
            {
                var coefficient = Factorial(k);
                var parts = 0;
                var multiplicities = new List<(int, int)>();
                for (var j = 1; j <= k; j++)
                {
                    if (counts[j] == 0) continue;
                    coefficient /= Factorial(counts[j]) * Math.Pow(Factorial(j), counts[j]);
                    parts += counts[j];
                    multiplicities.Add((j, counts[j]));
                }
                terms.Add(new FaaDiBrunoTerm(Math.Round(coefficient), parts, multiplicities.ToArray()));
                return;
            }
            for (var part = Math.Min(largest, remaining); part >= 1; part--)
            {
                counts[part]++;
                Recurse(remaining - part, part);
                counts[part]--;
            }
        }
        Recurse(k, k);
        return terms.ToArray();
    }

    private static double Factorial(int n)
    {
        var f = 1.0;
        for (var i = 2; i <= n; i++) f *= i;
        return f;
    }
}
