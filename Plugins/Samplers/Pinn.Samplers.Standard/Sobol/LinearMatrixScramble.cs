using System.Numerics;

namespace Pinn.Samplers.Standard.Sobol;

/// <summary>
/// A linear matrix scramble in base 2 (Matoušek 1998; Owen's "LMS"): the binary digits x₁x₂… of a
/// coordinate (x₁ the most significant) become y_i = Σ_(j≤i) L_ij x_j mod 2 with L lower triangular and
/// L_ii = 1. The first m digits of y depend only on, and bijectively on, the first m digits of x, so
/// a set with one point in each interval [k/2^m, (k+1)/2^m) keeps that property. The map is linear over
/// GF(2): scrambling the direction numbers scrambles every point of the sequence.
/// </summary>
internal static class LinearMatrixScramble
{
    /// <summary>
    /// The rows of L for numbers of <paramref name="bits"/> binary digits, built from as many random words:
    /// row i (digit i+1, bit position bits−1−i) keeps the word's bits above its position (the digits
    /// before it), sets its own bit and clears the bits below.
    /// </summary>
    /// <param name="randomWords">bits random words, uniform on [0, 2^bits).</param>
    /// <param name="bits">Number of digits, 1..63.</param>
    public static ulong[] LowerTriangular(ReadOnlySpan<long> randomWords, int bits)
    {
        if (randomWords.Length != bits) throw new ArgumentException($"expected {bits} words, got {randomWords.Length}", nameof(randomWords));
        var rows = new ulong[bits];
        for (var i = 0; i < bits; i++)
        {
            var position = bits - 1 - i;
            var above = ~((2UL << position) - 1) & ((1UL << bits) - 1);
            rows[i] = ((ulong)randomWords[i] & above) | (1UL << position);
        }
        return rows;
    }

    /// <summary>L·x over GF(2): digit i of the result is the parity of row i AND x.</summary>
    public static ulong Multiply(ReadOnlySpan<ulong> rows, ulong x)
    {
        var bits = rows.Length;
        var y = 0UL;
        for (var i = 0; i < bits; i++)
            y |= (ulong)(BitOperations.PopCount(rows[i] & x) & 1) << (bits - 1 - i);
        return y;
    }
}
